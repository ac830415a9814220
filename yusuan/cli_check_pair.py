"""``check --together`` of a department's 预算 and 决算: each is audited as its own document, and the
two are checked against each other by the corpus rules that relate a 决算 to its year's budget
(Y964: 决算's 预算数 = the published budget of its year; Y965: a budget's 上年预算数 = the 预算数 of the
year before's 决算), run on a temporary store of the two.

Files given together that are all of one kind stay one disclosure (text and tables published
apart), as before.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Sequence
from pathlib import Path

from yusuan.audit import AuditResult, Finding
from yusuan.model import Document

PAIR_RULES = ["Y964", "Y965"]


def budget_and_final(files: Sequence[str]) -> tuple[list[list[str]], dict[str, list[Finding]]] | None:
    """For files of one 预算 and one 决算 given together: (their groups, findings by group label);
    None when they are not such a pair (they are then read as one disclosure)."""
    from yusuan.errors import ReadError
    from yusuan.pipeline import load

    kinds: dict[str, list[str]] = {}
    for f in files:
        try:
            doc = load(f)
        except ReadError:
            return None
        if doc.kind not in ("预算", "决算"):
            return None
        kinds.setdefault(doc.kind, []).append(f)
    if set(kinds) != {"预算", "决算"}:
        return None
    groups = [kinds["预算"], kinds["决算"]]
    docs = {" + ".join(g): load(g if len(g) > 1 else g[0]) for g in groups}
    return groups, pair_findings(docs)


def pair_findings(docs: dict[str, Document]) -> dict[str, list[Finding]]:
    """The corpus rules between the given documents (label → document), by the label they concern."""
    from yusuan.store import Store
    from yusuan.store.checks import run_checks
    from yusuan.store.rows import document_rows

    labels: dict[str, str] = {}
    out: dict[str, list[Finding]] = {}
    with tempfile.TemporaryDirectory(prefix="yusuan-pair-") as tmp, Store(str(Path(tmp) / "pair.duckdb")) as store:
        for label, doc in docs.items():
            doc_id = hashlib.sha256(label.encode()).hexdigest()[:16]
            labels[doc_id] = label
            store.write_document(doc_id, label.split(" + "), document_rows(doc_id, doc_id * 4, doc, AuditResult(),
                                                                            "pair"))
        found, _ = run_checks(store, select=PAIR_RULES)
    for found_id, f in found:
        if found_id is not None and found_id in labels:
            out.setdefault(labels[found_id], []).append(f)
    return out
