"""Shared pieces for rules: locating a cell, quoting a row, comparing a figure with a sum.

Every comparison goes through ``compare``, so that every rule treats rounding the same way
(``yusuan.audit.tolerance``): equal → nothing; within the rounding tolerance → an ``info`` finding
with category ``rounding``; beyond it → a finding at the rule's own severity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from yusuan.audit import CannotRun, Location, NotApplicable, Problem
from yusuan.audit.tolerance import fmt, sum_tolerance, verdict
from yusuan.model import Amount, Document, Row, Table

TABLE_NAMES: dict[str, str] = {
    "summary": "收支总体情况表",
    "income": "收入总体情况表",
    "expense": "支出总体情况表",
    "fiscal_summary": "财政拨款收支总体情况表",
    "gpb_expense": "一般公共预算支出情况表",
    "gpb_basic": "一般公共预算基本支出情况表",
    "gpb_project": "一般公共预算项目支出情况表",
    "gov_fund": "政府性基金预算支出情况表",
    "soe_capital": "国有资本经营预算支出情况表",
    "three_public": "“三公”经费支出情况表",
    "carryover": "上年结转结余情况明细表",
}

COLUMN_NAMES: dict[str, str] = {
    "total": "合计",
    "amount": "预算数",
    "basic": "基本支出",
    "project": "项目支出",
    "personnel": "人员经费",
    "public": "公用经费",
    "fiscal_subtotal": "财政拨款小计",
    "gpb": "一般公共预算",
    "gpb_transfer": "上级一般公共预算转移支付",
    "gov_fund": "政府性基金预算",
    "gov_fund_transfer": "上级政府性基金转移支付",
    "soe": "国有资本经营预算",
    "soe_transfer": "上级国有资本经营预算转移支付",
    "fiscal_special": "财政专户",
    "unit_funds": "单位资金",
    "business": "事业收入",
    "operating": "事业单位经营收入",
    "other": "其他收入",
    "fiscal_carryover": "财政拨款结转",
    "nonfiscal_carryover": "非财政拨款结转结余",
}

ROW_NAMES: dict[str, str] = {
    "TOTAL": "合计",
    "overseas_travel": "因公出国（境）费",
    "reception": "公务接待费",
    "vehicles": "公务用车购置及运行费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行费",
}


def column_name(table: Table, col: str) -> str:
    """The column's name for a message: the canonical Chinese name, else the header as printed."""
    if col in COLUMN_NAMES:
        return COLUMN_NAMES[col]
    for c in table.columns:
        if c.id == col and c.header and c.header != col:
            return "".join(c.header.split())
    return col


def row_label(row: Row) -> str:
    """``210 卫生健康支出`` / ``合计`` / the project name, as a reader would name the row."""
    if row.code == "TOTAL":
        return row.name or "合计"
    name = row.name or ROW_NAMES.get(row.code or "", "")
    parts = [p for p in (row.code if row.code and row.code.isdigit() else None, name) if p]
    label = " ".join(parts) or "（无名称行）"
    if row.project:
        label += f"（{row.project}）"
    return label


def locate(table: Table, row: Row | None = None, column: str | None = None) -> Location:
    src = table.source
    if row is not None:
        src = row.source
        if column and column in row.values and row.values[column].source.line is not None:
            src = row.values[column].source
    return Location(
        table=table.id,
        table_title=table.title,
        row_code=row.code if row else None,
        row_name=(row.name or row.project) if row else None,
        column=column,
        file=src.file,
        page=src.page,
        line=src.line,
    )


def quote_row(table: Table, row: Row) -> str:
    """The row as printed: its label and its printed cells, for the report's 原文 column."""
    cells = [f"{column_name(table, k)} {a.text}" for k, a in row.values.items()]
    if row.unplaced:
        cells.append("未定位：" + " ".join(a.text for a in row.unplaced))
    return f"{row_label(row)}：" + "；".join(cells) if cells else row_label(row)


_NUMBERING_NAME = re.compile(r"^[\s*※#栏次行列项目]*$")


def is_numbering_row(row: Row) -> bool:
    """The ``※ ※ 1 2 3`` / ``** 1 2 3`` row under a header that numbers the columns: not data."""
    if row.code not in (None, "") or not row.values:
        return False
    if not _NUMBERING_NAME.match(row.name or ""):
        return False
    texts = [a.text.strip() for a in row.values.values()]
    return all(t.isdigit() and int(t) <= 60 for t in texts)


def numbering_columns(rows: Sequence[Row]) -> set[str]:
    """Columns holding the column numbers of a transposed table (1, 2, 3 … down the rows)."""
    out: set[str] = set()
    cols = {k for r in rows for k in r.values}
    for c in cols:
        texts = [r.values[c].text.strip() for r in rows if c in r.values]
        if len(texts) >= 2 and all(t.isdigit() and int(t) <= 60 for t in texts) and len(set(texts)) == len(texts):
            out.add(c)
    return out


def data_rows(table: Table, side: str | None = None) -> list[Row]:
    """The table's rows without the column-numbering row, optionally of one side."""
    return [r for r in table.rows if not is_numbering_row(r) and (side is None or r.side == side)]


def value(row: Row | None, col: str) -> Decimal:
    """A cell's value in 万元; an empty cell is zero (as printed tables mean it)."""
    if row is None:
        return Decimal(0)
    a = row.values.get(col)
    return a.value if a is not None else Decimal(0)


def amounts(rows: Iterable[Row], col: str) -> list[Amount]:
    return [r.values[col] for r in rows if col in r.values]


UNVERIFIED = "inferred"  # the category of a relation that holds only through inferred placements


def inferred_caveat(amounts: Iterable[Amount | None]) -> str:
    """The caveat for a relation that rests on figures whose column the parser deduced (from the
    table's sums or from another table, ``Provenance.inferred``), or "" when every figure was read
    in its column. Such a relation may hold *because* the parser chose the placement that makes it
    hold, so it is not evidence that the table is right."""
    got = [a for a in amounts if a is not None and a.source.inferred]
    if not got:
        return ""
    texts = "、".join(a.text for a in got[:4]) + ("等" if len(got) > 4 else "")
    return f"（其中 {texts} 的所在列为推定：转换文本未保留空单元格，列由勾稽关系或其他表推得）"


def unverified(holds: str, caveat: str, location: Location, source: str | None) -> Problem:
    """A relation that holds only through inferred placements: said, as info, never counted as
    verified (category ``inferred``)."""
    return Problem(f"{holds}，但此关系未经核实{caveat}", location=location, source=source,
                   severity="info", category=UNVERIFIED)


def compare(
    printed: Amount | None,
    parts: Sequence[Amount],
    *,
    what: str,
    parts_what: str,
    location: Location,
    source: str | None,
    tolerance: Decimal | None = None,
) -> Problem | None:
    """A Problem when ``printed`` (None = blank cell) differs from the sum of ``parts``."""
    expected = sum((a.value for a in parts), Decimal(0))
    actual = printed.value if printed is not None else Decimal(0)
    tol = tolerance if tolerance is not None else sum_tolerance(printed, parts)
    v = verdict(expected, actual, tol)
    shown = printed.text if printed is not None else "（空白）"
    caveat = inferred_caveat([printed, *parts])
    if v == "ok":
        if not caveat:
            return None
        return unverified(f"{what} {shown} 等于{parts_what} {fmt(expected)}", caveat, location, source)
    diff = actual - expected
    if v == "rounding":
        return Problem(
            f"{what} {shown} 与{parts_what} {fmt(expected)} 相差 {fmt(diff)}，在四舍五入误差范围内"
            f"（容差 {fmt(tol)}）{caveat}",
            location=location,
            expected=fmt(expected),
            actual=shown,
            source=source,
            severity="info",
            category="rounding",
        )
    return Problem(
        f"{what} {shown} 不等于{parts_what} {fmt(expected)}（相差 {fmt(diff)}）{caveat}",
        location=location,
        expected=fmt(expected),
        actual=shown,
        source=source,
    )


def compare_any(
    printed: Amount | None,
    alternatives: Sequence[Sequence[Amount]],
    *,
    what: str,
    parts_what: str,
    location: Location,
    source: str | None,
    tolerance: Decimal | None = None,
) -> Problem | None:
    """Compare with several ways the parts may be laid out; fine if any of them adds up.

    Templates differ (a subtotal row may or may not be printed); a figure is wrong only when no
    known layout explains it. A rounding difference is preferred over an error in the report.
    """
    problems: list[Problem] = []
    for parts in alternatives:
        p = compare(printed, parts, what=what, parts_what=parts_what, location=location, source=source,
                    tolerance=tolerance)
        if p is None:
            return None
        problems.append(p)
    holds = [p for p in problems if p.category == "inferred"]  # holds, through inferred placements
    rounding = [p for p in problems if p.category == "rounding"]
    best = holds or rounding or problems
    return best[0] if best else None


def tables_with_rows(doc: Document, ids: Sequence[str]) -> Iterator[Table]:
    """The document's tables of these ids that have rows; CannotRun / NotApplicable otherwise."""
    found = [t for t in doc.tables if t.id in ids]
    if not found:
        names = "、".join(TABLE_NAMES.get(i, i) for i in ids)
        raise CannotRun(f"未读取到{names}")
    usable = [t for t in found if t.rows and not t.empty]
    if not usable:
        raise NotApplicable("相关表格为空表")
    yield from usable


def main_table(doc: Document, table_id: str) -> Table | None:
    """The document's table of this id: the one with the most figures when it was read twice
    (a table continued under a repeated title, a per-unit copy), else the first."""
    tables = doc.tables_of(table_id)
    if not tables:
        return None
    return max(tables, key=lambda t: (not t.empty, sum(len(r.values) for r in t.rows)))


def is_generic_column(col: str) -> bool:
    """``col3`` / ``row4``: a column the reader could not name; its meaning is unknown."""
    return re.fullmatch(r"(col|row)\d+", col) is not None


def require(doc: Document, table_id: str) -> Table:
    """The table, or CannotRun when it was not read, NotApplicable when it is published empty."""
    t = main_table(doc, table_id)
    if t is None:
        raise CannotRun(f"未读取到{TABLE_NAMES.get(table_id, table_id)}")
    if t.empty or not t.rows:
        raise NotApplicable(f"{t.title or TABLE_NAMES.get(table_id, table_id)}为空表")
    return t


def total_row(table: Table, side: str | None = None) -> Row | None:
    for r in table.rows:
        if r.code == "TOTAL" and (side is None or r.side == side):
            return r
    return None


FUNCTIONAL_CODE = re.compile(r"^2\d{2}(?:\d{2}){0,2}$")  # 类 201 … 款 20101 … 项 2010101
ECONOMIC_CODE = re.compile(r"^[3-5]\d{2}(?:\d{2})?$")  # 类 301 … 款 30101


def gate(table: Table, problems: list[Problem], checks: int, what: str) -> list[Problem]:
    """Collapse a table full of imbalances into one error; ``checks``: how many rows were checked.

    A printed table with a wrong figure shows one or two imbalances; a table with imbalances
    almost everywhere was often read wrongly (rows lost at a page break, merged cells, columns
    shifted) — or is wrong. Dozens of errors would bury the real ones, so the table gets one
    finding that says both, with the first few differences as examples. It stays an *error*:
    every row counted disagrees beyond rounding (rounding differences are info and not counted),
    so the table as read does not add up, and a report on it must not pass (exit 0) as if it did.
    """
    errors = [p for p in problems if p.severity is None or p.severity == "error"]
    # a misprinted row shows in every column that restates it (合计 = 小计 = 人员经费): count rows
    bad_rows = {(p.location.row_code, p.location.row_name) for p in errors}
    if len(bad_rows) < 4 or len(bad_rows) <= 0.3 * max(checks, 1):
        return problems
    examples = "；".join(p.message for p in errors[:3])
    return [Problem(
        f"{table.title or table.id}有 {len(bad_rows)} 行{what}不平衡（超出四舍五入，共核对 {checks} 行）：表格本身有误，"
        f"或未能正确读取（跨页、合并单元格、列错位等），请人工核对原表。例如：{examples}",
        location=locate(table),
        actual=f"{len(bad_rows)} 行不平衡",
        source=table.title,
        severity="error",
        category="unreliable-table",
    )]
