"""Indicators: the same quantity whatever the template, with the table, row and column it came from.

Each indicator has an ordered list of sources (docs/indicators.md says the same in prose); the
first source the document prints gives the value. A document that prints none of them has no
row for that indicator: nothing is computed from other figures or guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.model import Amount, Document, Row, Table

ZERO = Decimal(0)


@dataclass(frozen=True)
class IndicatorValue:
    indicator: str
    value: Decimal  # 万元 (staff counts: persons)
    unit: str  # "万元" or "人"
    table_id: str | None  # canonical table id, "narrative" or "profile"
    table_seq: int | None  # index of the table in the document
    row_seq: int | None  # index of the row in the table (claim index for "narrative")
    row_code: str | None
    column: str | None
    text: str  # as printed
    printed_unit: str | None
    page: int | None
    method: str  # "table", "empty_table", "narrative", "profile"


def _norm(name: str | None) -> str:
    return "".join((name or "").split()).replace("（", "(").replace("）", ")")


def total_row(doc: Document, table: Table) -> tuple[int, Row] | None:
    """The table's grand total: the 合计/总计 row, or else a first row that is the department itself.

    Templates that print no 合计 (a department with no 下属单位) head the table with the
    department's own row; that row is the total of the table.
    """
    for i, r in enumerate(table.rows):
        if r.code == "TOTAL" and r.side in (None, "expense") and table.id != "summary":
            return i, r
    if table.rows:
        first = table.rows[0]
        if (first.code is None and first.project is None and first.values
                and doc.department and _norm(first.name) == _norm(doc.department)):
            return 0, first
    return None


def _side_row(table: Table, code: str, side: str) -> tuple[int, Row] | None:
    for i, r in enumerate(table.rows):
        if r.code == code and r.side == side:
            return i, r
    return None


def _code_row(table: Table, code: str) -> tuple[int, Row] | None:
    for i, r in enumerate(table.rows):
        if r.code == code:
            return i, r
    return None


_OTHER_FUNDS = ("gov_fund", "soe", "fiscal_special", "unit_funds", "business", "other")


def _three_public_column(row: Row) -> str | None:
    """三公 tables print the amount as 合计, as 财政拨款小计, or only as 一般公共预算 — the last is the
    total only when no other funding column of the row carries an amount."""
    for col in ("total", "fiscal_subtotal"):
        if col in row.values:
            return col
    if "gpb" in row.values and all(row.values[c].value == ZERO for c in _OTHER_FUNDS if c in row.values):
        return "gpb"
    return None


_ITEMS = ("overseas_travel", "reception", "vehicles")
_TOLERANCE = Decimal("0.05")  # 万元: items rounded to the 百元 still add up within this


def three_public_consistent(table: Table) -> bool:
    """Whether the 三公 total the table was read with equals its items (因公出国 + 接待 + 公务用车).

    A multi-year or per-unit 三公 table whose column groups were not told apart gives rows
    that do not add up; its figures are then not taken as this year's (the narrative may be).
    """
    rows = {r.code: r for r in table.rows if r.code}
    total = rows.get("TOTAL")
    if total is None:
        return True
    col = _three_public_column(total)
    if col is None:
        return False
    parts = [rows[c].values[col].value for c in _ITEMS if c in rows and col in rows[c].values]
    if "vehicles" not in rows:
        parts += [rows[c].values[col].value for c in ("vehicle_purchase", "vehicle_operation")
                  if c in rows and col in rows[c].values]
    return not parts or abs(sum(parts, ZERO) - total.values[col].value) <= _TOLERANCE


Source = Callable[[Document], Iterator[IndicatorValue]]


def _value(name: str, t_seq: int, t: Table, r_seq: int, row: Row, col: str) -> IndicatorValue:
    a: Amount = row.values[col]
    return IndicatorValue(name, a.value, "万元", t.id, t_seq, r_seq, row.code, col, a.text, a.unit, a.source.page,
                          "table")


def three_public(row: str = "TOTAL") -> Callable[[str], Source]:
    """A source: ``row`` of the 三公 table, in the column that holds its total (``_three_public_column``)."""
    return from_table("three_public", row, three_public=True)


def from_table(table_id: str, row: str = "TOTAL", columns: tuple[str, ...] = ("total",),
               side: str | None = None, three_public: bool = False) -> Callable[[str], Source]:
    """A source: ``columns`` (first printed) of ``row`` (TOTAL = the total row) of the first such table."""

    def bind(name: str) -> Source:
        def source(doc: Document) -> Iterator[IndicatorValue]:
            for t_seq, t in enumerate(doc.tables):
                if t.id != table_id or (three_public and not three_public_consistent(t)):
                    continue
                if side is not None:
                    found = _side_row(t, row, side)
                elif row == "TOTAL":
                    found = total_row(doc, t)
                else:
                    found = _code_row(t, row)
                if found is None:
                    continue
                r_seq, r = found
                cols = (_three_public_column(r),) if three_public else columns
                for col in cols:
                    if col is not None and col in r.values:
                        yield _value(name, t_seq, t, r_seq, r, col)
                        return
        return source

    return bind


def empty_table(table_id: str) -> Callable[[str], Source]:
    """A source: a table the document publishes as empty (…为空表) states that the amount is zero."""

    def bind(name: str) -> Source:
        def source(doc: Document) -> Iterator[IndicatorValue]:
            for t_seq, t in enumerate(doc.tables):
                if t.id == table_id and t.empty:
                    yield IndicatorValue(name, ZERO, "万元", t.id, t_seq, None, None, None, t.empty_note or "空表",
                                         None, t.source.page, "empty_table")
                    return
        return source

    return bind


def narrative(subject: str) -> Callable[[str], Source]:
    """A source: the amount the 情况说明 first states for ``subject``."""

    def bind(name: str) -> Source:
        def source(doc: Document) -> Iterator[IndicatorValue]:
            # a sentence that states the amount first (compared_to names what its change is against)
            found = [(i, c) for i, c in enumerate(doc.claims) if c.subject == subject and c.amount is not None]
            for i, c in found[:1]:
                a = c.amount
                if a is not None:
                    yield IndicatorValue(name, a.value, "万元", "narrative", None, i, subject, "amount", a.text,
                                         a.unit, a.source.page, "narrative")
                    return
        return source

    return bind


def staff(key: str) -> Callable[[str], Source]:
    """A source: a head count the 概况 states (编制数, 实有人数)."""

    def bind(name: str) -> Source:
        def source(doc: Document) -> Iterator[IndicatorValue]:
            s = doc.profile.staff.get(key)
            if s is not None:
                yield IndicatorValue(name, Decimal(s.count), "人", "profile", None, None, key, None, s.text, "人",
                                     doc.profile.source.page, "profile")
        return source

    return bind


_SUMMARY_COLS = ("amount", "total")

# indicator -> its sources, most direct first. docs/indicators.md documents each.
INDICATORS: dict[str, tuple[Callable[[str], Source], ...]] = {
    "income_total": (from_table("income"), from_table("summary", "TOTAL", _SUMMARY_COLS, side="income")),
    "expense_total": (from_table("expense"),
                      from_table("summary", "expense.current", _SUMMARY_COLS, side="expense")),
    "expense_basic": (from_table("expense", columns=("basic",)),
                      from_table("summary", "expense.basic", _SUMMARY_COLS, side="expense")),
    "expense_project": (from_table("expense", columns=("project",)),
                        from_table("summary", "expense.project", _SUMMARY_COLS, side="expense")),
    "personnel": (from_table("gpb_basic", columns=("personnel",)), from_table("gpb_expense", columns=("personnel",))),
    "public": (from_table("gpb_basic", columns=("public",)), from_table("gpb_expense", columns=("public",))),
    "gpb_expense_total": (from_table("gpb_expense"), from_table("fiscal_summary", "TOTAL", ("gpb",), side="expense")),
    "gov_fund_expense_total": (from_table("gov_fund"), empty_table("gov_fund"),
                               from_table("fiscal_summary", "TOTAL", ("gov_fund",), side="expense")),
    "three_public_total": (three_public(), empty_table("three_public"),
                           narrative("three_public.total")),
    "three_public_overseas_travel": (three_public("overseas_travel"), empty_table("three_public"),
                                     narrative("three_public.overseas_travel")),
    "three_public_reception": (three_public("reception"), empty_table("three_public"),
                               narrative("three_public.reception")),
    "three_public_vehicle_purchase": (three_public("vehicle_purchase"),
                                      empty_table("three_public"), narrative("three_public.vehicle_purchase")),
    "three_public_vehicle_operation": (three_public("vehicle_operation"),
                                       empty_table("three_public"), narrative("three_public.vehicle_operation")),
    "admin_operation": (from_table("admin_operation"), three_public("admin_operation"),
                        narrative("admin_operation")),
    "procurement_total": (from_table("procurement"), from_table("expense", columns=("procurement",)),
                          empty_table("procurement"), narrative("procurement.total")),
    "carryover": (from_table("summary", "income.carryover", _SUMMARY_COLS, side="income"),
                  from_table("income", columns=("carryover",)), from_table("carryover")),
    "staff_authorized": (staff("编制数"),),
    "staff_actual": (staff("实有人数"),),
}


def indicators(doc: Document) -> list[IndicatorValue]:
    """Every indicator the document prints, each from its first source that has it."""
    out: list[IndicatorValue] = []
    for name, sources in INDICATORS.items():
        for make in sources:
            found = next(make(name)(doc), None)
            if found is not None:
                out.append(found)
                break
    return out
