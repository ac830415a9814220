"""The labelled findings set (tests/labels/*.jsonl) and how today's findings match it.

Each label is a finding of some earlier run, checked by hand against the rendered page:
``verdict`` TRUE (a real problem of the document), PARSE (yusuan misread it) or RULE (read right,
the rule too strict). A finding of today matches a label when the document, the rule and the
location (without file and table title) are equal; where several labels share that key (narrative
findings without a line), the message decides.

Used by ``bench/precision.py`` (figures) and ``tests/test_labels.py`` (a ratchet).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yusuan.audit.grouping import finding_id

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "labels"
SHARED = Path(__import__("os").environ.get("YUSUAN_SHARED", str(ROOT.parent / "shared")))
FALSE = ("PARSE", "RULE")


@dataclass
class Label:
    path: str
    rule: str
    severity: str
    key: dict[str, Any]
    message: str
    verdict: str
    cause: str = ""
    note: str = ""
    batch: str = ""

    @property
    def ident(self) -> tuple[str, str, str]:
        return (self.path, self.rule, json.dumps(self.key, sort_keys=True, ensure_ascii=False))


def load_labels(folder: Path = LABELS) -> list[Label]:
    out: list[Label] = []
    for f in sorted(folder.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            out.append(Label(path=d["path"], rule=d["rule"], severity=d["severity"], key=d["key"],
                             message=d.get("message", ""), verdict=d["verdict"], cause=d.get("cause", ""),
                             note=d.get("note", ""), batch=f.stem))
    return out


def finding_key(finding: dict[str, Any]) -> dict[str, Any]:
    loc = dict(finding.get("location") or {})
    loc.pop("file", None)
    loc.pop("table_title", None)
    return loc


def files_of(path: str, shared: Path = SHARED) -> list[str]:
    """A label's document: one file, or the '+'-joined files of a disclosure published in two."""
    return [str(shared / p.strip()) for p in path.split("+")]


def check_document(path: str, shared: str) -> tuple[str, list[dict[str, Any]] | str]:
    """(path, the document's errors and warnings as JSON) — or (path, the reason it did not read)."""
    from yusuan.audit import audit
    from yusuan.errors import ReadError
    from yusuan.pipeline import load

    files = files_of(path, Path(shared))
    try:
        doc = load(files if len(files) > 1 else files[0])
    except ReadError as err:
        return path, err.message()
    result = audit(doc)
    return path, [f.model_dump(mode="json") for f in result.findings if f.severity in ("error", "warning")]


def run_all(paths: Iterable[str], shared: Path = SHARED, jobs: int = 1) -> dict[str, list[dict[str, Any]] | str]:
    paths = sorted(set(paths))
    if jobs <= 1:
        return dict(check_document(p, str(shared)) for p in paths)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return dict(pool.map(check_document, paths, [str(shared)] * len(paths)))


@dataclass
class Match:
    """Today's findings of the labelled documents against the labels."""

    matched: list[tuple[Label, dict[str, Any]]] = field(default_factory=list)  # label still reported
    gone: list[Label] = field(default_factory=list)  # label no longer reported
    unlabelled: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # new findings
    unreadable: dict[str, str] = field(default_factory=dict)

    def still_false(self) -> list[Label]:
        return [lab for lab, _ in self.matched if lab.verdict in FALSE]

    def lost_true(self) -> list[Label]:
        return [lab for lab in self.gone if lab.verdict == "TRUE"]


def _part_added(lab: Label, key: dict[str, Any], message: str) -> bool:
    """The finding of a label whose section was read without the title of its part."""
    was, now = lab.key.get("section") or "", key.get("section") or ""
    if {**key, "section": lab.key.get("section")} != lab.key or was == now:
        return False
    if was.startswith(" / "):
        return now.endswith(was) and len(now) > len(was)
    return was == "" and message == lab.message


def match(labels: list[Label], findings: dict[str, list[dict[str, Any]] | str]) -> Match:
    out = Match()
    by_doc: dict[str, list[Label]] = {}
    for lab in labels:
        by_doc.setdefault(lab.path, []).append(lab)
    for path, labs in by_doc.items():
        got = findings.get(path)
        if isinstance(got, str) or got is None:
            out.unreadable[path] = got or "not run"
            out.gone.extend(labs)
            continue
        pending = list(got)
        for lab in labs:
            cands = [f for f in pending if f["rule"] == lab.rule and finding_key(f) == lab.key]
            folded = False
            if not cands:  # a column folded into the finding of its row (one problem, one finding)
                col = lab.key.get("column")
                cands = [f for f in got if f["rule"] == lab.rule and col in (f.get("columns") or [])
                         and {**finding_key(f), "column": col} == lab.key]
            if not cands:  # folded into another rule's finding of the same misprinted figure (its id is
                # in that finding's related ids, and no finding of this run has it)
                fid = finding_id(lab.rule, lab.key)
                present = {f.get("id") for f in got}
                cands = [f for f in got if any((r == fid or r.startswith(fid + "-")) and r not in present
                                               for r in f.get("related") or [])]
                folded = bool(cands)
            if not cands:  # a section label that has since gained its part's title (" / 收入预算情况说明"
                # → "三、部门预算情况说明 / 收入预算情况说明"); a label without one matches its message
                cands = [f for f in pending if f["rule"] == lab.rule
                         and _part_added(lab, finding_key(f), f["message"])]
            if not cands:  # the same finding labelled again in a later batch, after its key changed
                # (one label has it already): the message, word for word, is the same finding
                cands = [f for f in got if f["rule"] == lab.rule and f["message"] == lab.message]
                folded = bool(cands)
            if len(cands) > 1:
                cands = [f for f in cands if f["message"] == lab.message] or cands
            if cands:
                out.matched.append((lab, cands[0]))
                if cands[0] in pending and not folded:  # a finding that folded another keeps its own label open
                    pending.remove(cands[0])
            else:
                out.gone.append(lab)
        out.unlabelled.extend((path, f) for f in pending)
    return out


def iter_groups(items: Iterable[tuple[str, bool]]) -> Iterator[tuple[str, int, int]]:
    """(group, true, total) for (group, is_true) pairs, groups sorted."""
    counts: dict[str, list[int]] = {}
    for g, ok in items:
        c = counts.setdefault(g, [0, 0])
        c[0] += ok
        c[1] += 1
    for g in sorted(counts):
        yield g, counts[g][0], counts[g][1]


def region_of(path: str) -> str:
    """The region a shared file name carries ("bulk/026_beijing_…" → beijing): for figures only."""
    name = Path(path.split("+")[0].strip()).name
    parts = name.split("_")
    return parts[1] if len(parts) > 1 else name
