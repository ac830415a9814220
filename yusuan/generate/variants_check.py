"""A printed variant read back and compared with its truth: RIGHT, FLAGGED, SILENT or FALSE ALARM.

The truth is the canonical Document the variant prints. Its cells — (table id, side, row, column)
→ value in 万元, for every table it holds — are compared with the cells the parser reads from the
file. A zero cell is the same as a blank one (templates print either).

* RIGHT — read as the truth, and the audit reports no error or warning;
* FALSE ALARM — read as the truth, but an error or warning is reported on this correct document;
* FLAGGED — read differently, and the reading account says it is incomplete (honest);
* SILENT — read differently while the reading account says complete: the failure that matters.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from yusuan.generate.cli import write
from yusuan.generate.variants import Variant, build_variant
from yusuan.model import Document

OUTCOMES = ("RIGHT", "FLAGGED", "SILENT", "FALSE ALARM")
FORMATS = ("pdf", "html", "xlsx", "docx")

CellKey = tuple[str, str, str, str]


def _row_key(code: str | None, name: str) -> str:
    """A row by its code; a row with none by its name (a 合计 by TOTAL)."""
    return code or "name:" + "".join(name.split())


def table_cells(doc: Document, only: set[str] | None = None) -> dict[CellKey, Decimal]:
    out: dict[CellKey, Decimal] = {}
    for t in doc.tables:
        if only is not None and t.id not in only:
            continue
        for r in t.rows:
            for col, a in r.values.items():
                if a.value:
                    out[(t.id, r.side or "", _row_key(r.code, r.name), col)] = a.value.normalize()
    return out


def compare(truth: Document, read: Document) -> list[str]:
    """What the reading got wrong, one line a cell (missing, wrong value, or a cell the truth lacks)."""
    ids = {t.id for t in truth.tables if t.rows}
    want = table_cells(truth, ids)
    got = table_cells(read, ids)
    diffs = []
    for k, v in want.items():
        if k not in got:
            diffs.append(f"missing {'/'.join(k)} = {v}")
        elif got[k] != v:
            diffs.append(f"wrong {'/'.join(k)}: {got[k]} for {v}")
    diffs += [f"extra {'/'.join(k)} = {v}" for k, v in got.items() if k not in want]
    return diffs


@dataclass
class Case:
    variant: Variant
    base: str
    fmt: str
    outcome: str
    diffs: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)  # error/warning findings, "Y101 message"
    reasons: list[str] = field(default_factory=list)  # the reading account's reasons

    @property
    def id(self) -> str:
        return f"{self.variant.id}/{self.base}/{self.fmt}"


def run_case(variant: Variant, base: str, fmt: str, keep: Path | None = None) -> Case | None:
    """Print the variant of ``base`` as ``fmt``, read it back, audit it, and say the outcome; None
    when the variant does not apply (to this base, or to this format)."""
    from yusuan.audit import audit
    from yusuan.pipeline import load

    if variant.pdf_only and fmt != "pdf":
        return None
    built = build_variant(base, variant)
    if built is None:
        return None
    truth, book, tpl = built
    with tempfile.TemporaryDirectory() as d:
        folder = keep or Path(d)
        path = folder / f"{variant.axis}-{variant.name}-{base}.{fmt}"
        write(book, str(path), tpl.preparer_label)
        read = load(str(path))
    findings = audit(read).findings
    alarms = [f"{f.rule} {f.message}" for f in findings if f.severity in ("error", "warning")]
    diffs = compare(truth, read)
    reading = read.reading
    complete = reading is not None and reading.complete
    if diffs:
        outcome = "SILENT" if complete else "FLAGGED"
    else:
        outcome = "FALSE ALARM" if alarms else "RIGHT"
    return Case(variant, base, fmt, outcome, diffs, alarms, list(reading.reasons) if reading else [])
