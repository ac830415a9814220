"""One disclosure published as two files: the narrative (附件1) and the tables (附件2).

Some regions publish the 情况说明 and the 报表 as separate PDFs. When a folder is checked, the two
halves are found from the documents' own content, never from file names:

* one half has narrative (sections or claims) and no canonical table; the other has canonical
  tables and no narrative;
* their years agree (or one is unknown), their departments agree (or one is unknown);
* and the narrative's headline total (收入/支出预算 … 万元) is the tables' grand total, within the
  rounding of the narrative's printed figure — so two halves of different disclosures are not
  joined just because a department name is missing.

``pair_documents`` only decides; the caller loads each pair again together (``yusuan.load``), as
``--together`` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from yusuan.amounts import half_unit
from yusuan.model import Amount, Document

Half = Literal["narrative", "tables"]

_TOTAL_SUBJECTS = ("total", "income.total", "expense.total")


def half_of(doc: Document) -> Half | None:
    """Which half of a split disclosure this document is, or None when it is whole (or neither)."""
    canonical = [t for t in doc.tables if t.id != "generic" and not t.empty]
    narrative = bool(doc.sections or doc.claims)
    if narrative and not canonical:
        return "narrative"
    if canonical and not doc.sections and not doc.claims:
        return "tables"
    return None


def _grand_totals(doc: Document) -> list[Amount]:
    out: list[Amount] = []
    for t in doc.tables:
        if t.id not in ("summary", "expense", "income"):
            continue
        for r in t.rows:
            if r.code == "TOTAL":
                out.extend(r.values.values())
    return out


def _headline_totals(doc: Document) -> list[Amount]:
    return [c.amount for c in doc.claims if c.subject in _TOTAL_SUBJECTS and c.amount is not None]


def _names_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    from yusuan.tables import norm

    x, y = norm(a), norm(b)
    return x in y or y in x


def same_disclosure(narrative: Document, tables: Document) -> bool:
    """True when the narrative-only and the tables-only document are one disclosure."""
    if narrative.year and tables.year and narrative.year != tables.year:
        return False
    if narrative.kind != tables.kind:
        return False
    if not _names_agree(narrative.department, tables.department):
        return False
    totals = _grand_totals(tables)
    for claim in _headline_totals(narrative):
        for total in totals:
            if abs(claim.value - total.value) <= half_unit(claim.text, claim.unit) + half_unit(total.text, total.unit):
                return True
    return False


def pair_documents(docs: Sequence[Document]) -> list[tuple[int, int]]:
    """(narrative index, tables index) for each split disclosure found among ``docs``.

    Each document is used at most once; a narrative that matches several table files is left
    alone (ambiguous: better checked as two documents than joined to the wrong half).
    """
    halves = [half_of(d) for d in docs]
    narratives = [i for i, h in enumerate(halves) if h == "narrative"]
    tables = [i for i, h in enumerate(halves) if h == "tables"]
    candidates = {i: [j for j in tables if same_disclosure(docs[i], docs[j])] for i in narratives}
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for i in narratives:
        matches = candidates[i]
        if len(matches) != 1 or matches[0] in used:
            continue
        j = matches[0]
        # the tables file must not match another narrative either
        if sum(1 for k in narratives if j in candidates[k]) != 1:
            continue
        used.add(j)
        pairs.append((i, j))
    return pairs
