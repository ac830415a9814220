"""Stage: year-comparison grids printed inside the 情况说明, read as claims.

Some 说明 restate a classification as a small grid rather than (or beside) prose (西安 2022:
「经济分类科目 | 2022年 | 2021年 | 2022比2021 | 主要原因」, one row a 科目 with its code in brackets).
Left unread, its figures are numbers outside any table that no rule checks. Each row with a
classification code becomes a claim as the sentence 「(1)工资福利支出（301）4182.68万元，比上年减少
333.46万元，原因是…」 would: ``amount`` the document year's figure, ``prior`` the year before's,
``change`` and ``direction`` the printed difference, ``reason`` the 原因 column — so the narrative
rules check the grid's own arithmetic (上年 + 增减 = 本年) and its figures against the tables.

A grid is such a grid when its header row has a label column (…科目 / 项目), a column headed by the
document's year and one by the year before; a grid whose figures a table already holds is a table's.
"""

from __future__ import annotations

import re

from yusuan.amounts import find_unit, parse_number, to_wan
from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.model import Amount, Claim, Document, Provenance
from yusuan.parse.segment import Segments
from yusuan.tables import norm

_LABEL_RE = re.compile(r"科目|项目|支出类别")
_YEAR_RE = re.compile(r"^((?:19|20)\d{2})年?(?:度)?(?:预算|预算数)?(?:\(万元\))?$")
_CHANGE_RE = re.compile(r"比|增减|变动|变化|差额")
_REASON_RE = re.compile(r"原因|说明")
# 「(1)工资福利支出（301）」, 「机关工资福利支出（501）」, 「301 工资福利支出」
_CODED_RE = re.compile(r"^(?:[(（]\s*\d{1,2}\s*[)）]|\d{1,2}[、.．])?\s*(.+?)\s*[(（](\d{3}(?:\d{2})?)[)）]\s*$"
                       r"|^(\d{3}(?:\d{2})?)\s+(.+)$")


def _columns(header: list[str], year: int) -> dict[str, int] | None:
    """Column index of the label, this year's figure, last year's, the change and the reason."""
    cols: dict[str, int] = {}
    for j, text in enumerate(norm(t) for t in header):
        m = _YEAR_RE.match(text)
        if m and int(m.group(1)) == year and "now" not in cols:
            cols["now"] = j
        elif m and int(m.group(1)) == year - 1 and "prior" not in cols:
            cols["prior"] = j
        elif _CHANGE_RE.search(text) and "change" not in cols and j > 0:
            cols["change"] = j
        elif _REASON_RE.search(text) and "reason" not in cols and j > 0:
            cols["reason"] = j
        elif _LABEL_RE.search(text) and "label" not in cols:
            cols["label"] = j
    return cols if {"label", "now", "prior"} <= cols.keys() else None


def _amount(cell: Cell | None, unit: str) -> Amount | None:
    if cell is None or not cell.text.strip():
        return None
    value = parse_number(cell.text)
    if value is None:
        return None
    return Amount(value=to_wan(value, unit), text=cell.text.strip(), unit=unit,
                  source=Provenance(page=cell.page, line=cell.line, bbox=cell.bbox))


def _unit_before(raw: RawDocument, i: int) -> str:
    for b in raw.blocks[max(0, i - 3):i][::-1]:
        if isinstance(b, TextLine):
            u = find_unit(b.text)
            if u:
                return u
    return "万元"


def _in_a_table(doc: Document) -> set[tuple[int | None, tuple[float, float, float, float] | None]]:
    return {(a.source.page, a.source.bbox) for t in doc.tables for r in t.rows for a in r.values.values()
            if a.source.bbox is not None}


def _row_claim(cells: list[Cell], cols: dict[str, int], unit: str, section: str | None) -> Claim | None:
    def cell(key: str) -> Cell | None:
        j = cols.get(key)
        return cells[j] if j is not None and j < len(cells) else None

    label = (cell("label") or Cell("")).text.strip()
    m = _CODED_RE.match(label)
    now = _amount(cell("now"), unit)
    if not m or now is None:
        return None
    name, code = (m.group(1), m.group(2)) if m.group(2) else (m.group(4), m.group(3))
    prior = _amount(cell("prior"), unit)
    change = _amount(cell("change"), unit)
    direction = None
    if change is not None:
        direction = "increase" if change.value > 0 else "decrease" if change.value < 0 else "flat"
        # the sign is the direction: the change itself is stated unsigned, as prose states it
        change = change.model_copy(update={"value": abs(change.value), "text": change.text.lstrip("-－")})
    reason = (cell("reason") or Cell("")).text.strip() or None
    sentence = "｜".join(c.text.strip() for c in cells if c.text.strip())
    # 301/50101: an economic classification code; 2xx: a function class (支出功能分类)
    subject = f"econ_total:{code}" if code[0] in "35" else f"func:{code}" if code[0] == "2" else None
    if subject is None:
        return None
    return Claim(subject=subject, subject_text=label, amount=now, prior=prior,
                 direction=direction, change=change, compared_to="上年" if change is not None else None,
                 reason=reason, section=section, sentence=sentence,
                 source=Provenance(page=cells[0].page, line=cells[0].line, bbox=cells[0].bbox))


def _section_at(doc: Document, page: int | None) -> str | None:
    """The section of the last claim printed on or before the grid's page."""
    found = [c.section for c in doc.claims if c.section and c.source.page is not None and page is not None
             and c.source.page <= page]
    return found[-1] if found else None


def parse_comparison_grids(raw: RawDocument, segs: Segments, doc: Document) -> None:
    if doc.year is None:
        return
    held = _in_a_table(doc)
    tables_part = [(s, e) for kind, s, e, _ in segs.parts if kind == "tables"]
    cols: dict[str, int] | None = None
    for i, b in enumerate(raw.blocks):
        if any(s <= i < e for s, e in tables_part):
            continue  # the tables part: its grids are the tables'
        if not isinstance(b, Grid) or not b.rows:
            if isinstance(b, TextLine) and b.text.strip() and not find_unit(b.text):
                cols = None  # prose between two grids: the next grid states its own header
            continue
        header = _columns([c.text for c in b.rows[0]], doc.year)
        body = b.rows[1:] if header else b.rows
        cols = header or cols  # a grid continued on the next page without its header
        if cols is None or any((c.page, c.bbox) in held for r in body for c in r if c.bbox is not None):
            cols = None if header is None else cols
            continue
        unit, section = _unit_before(raw, i), _section_at(doc, b.page)
        for r in body:
            claim = _row_claim(r, cols, unit, section)
            if claim is not None:
                doc.claims.append(claim)



