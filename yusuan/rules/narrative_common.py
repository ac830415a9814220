"""Shared pieces of the narrative family (Y3xx): claim locations, intervals, and the table quantities a narrative subject restates.

What a claim's sentence says beyond its numbers (qualified, amount_is_prior, change_is_its_own,
unit_scoped, fund_scope, share_base, direction words) is read by yusuan.parse.claim_details into
Claim fields; the rules here only compare them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from yusuan.audit import Location
from yusuan.audit.index import AmountIndex, per_audit
from yusuan.audit.tolerance import (
    amount_half_unit,
    half_unit,
)
from yusuan.model import Amount, Claim, Document, Provenance, Row, Table
from yusuan.tables import row_parts, subject_columns

BASIS_TEMPLATE = "财预〔2016〕143号《地方预决算公开操作规程》"
HUNDRED = Decimal(100)
ZERO = Decimal(0)

# --------------------------------------------------------------------------------------------
# Small shared pieces (also used by the profile and wording families)


def claim_location(c: Claim) -> Location:
    return Location(section=c.section, file=c.source.file, page=c.source.page, line=c.source.line)


def quote(c: Claim) -> str:
    return c.sentence or c.subject_text


def pct(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}%"


@dataclass(frozen=True)
class Interval:
    """The range a true value may take given the printed (rounded) figures it comes from."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def of(cls, a: Amount) -> Interval:
        h = amount_half_unit(a)
        return cls(a.value - h, a.value + h)

    @classmethod
    def percent(cls, value: Decimal, text: str | None) -> Interval:
        h = half_unit(text if text else str(value), None)
        return cls(value - h, value + h)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def ratio_percent(self, base: Interval) -> Interval | None:
        """100 × self / base for a positive self and base; None when the base may be zero."""
        if base.lo <= 0 or self.hi < 0:
            return None
        return Interval(HUNDRED * max(self.lo, ZERO) / base.hi, HUNDRED * self.hi / base.lo)

    def magnitude(self) -> Interval:
        """|x| for x in the interval."""
        if self.hi < 0:
            return Interval(-self.hi, -self.lo)
        if self.lo > 0:
            return self
        return Interval(ZERO, max(-self.lo, self.hi))

    def meets(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2


def _top(section: str | None) -> str | None:
    """The numbered section a claim is in ("三、支出预算情况说明 / 基本支出" → its first part)."""
    if not section:
        return section
    return next((part for part in section.split(" / ") if part.strip()), section)


def zero_amount() -> Amount:
    return Amount(value=ZERO, text="0.00")


# --------------------------------------------------------------------------------------------
# Which table cells a claim subject restates

# the catalogue's [links] subject_columns (yusuan/data/table_structure.toml)
_INCOME_COLUMNS = subject_columns()

# Summary-table rows that may carry the same quantity (the narrative's 一般公共预算 is, in some
# templates, the table's 一般财力 line: the transfer from above is stated beside it separately).
_SUMMARY_ROWS: dict[str, tuple[str, ...]] = {
    "income.gpb": ("income.gpb", "income.gpb_general"),
    "income.carryover": ("income.carryover",),
    "income.fiscal_carryover": ("income.fiscal_carryover",),
    "income.gpb_transfer": ("income.gpb_transfer",),
    "income.gov_fund_transfer": ("income.gov_fund_transfer",),
    "income.soe_transfer": ("income.soe_transfer",),
    "income.nonfiscal_surplus_used": ("income.nonfiscal_surplus_used",),
}

Cell = tuple[str, str, str, str | None]  # table id, row code, column id, side


def subject_cells(subject: str) -> list[Cell]:
    """The table cells (table, row code, column, side) a claim subject may restate."""
    kind, _, arg = subject.partition(":")
    if arg and kind == "func":
        return [("gpb_expense", arg, "total", None), ("expense", arg, "total", None),
                ("fiscal_summary", arg, "total", "expense"), ("fiscal_summary", arg, "gpb", "expense"),
                ("fiscal_summary", arg, "gov_fund", "expense"), ("fiscal_summary", arg, "soe", "expense"),
                ("gov_fund", arg, "total", None), ("soe_capital", arg, "total", None)]
    if arg and kind == "econ":
        return [("gpb_basic", arg, "total", None), ("gpb_econ", arg, "total", None)]
    if arg:
        return []
    cells: list[Cell] = []
    if subject == "total":
        cells = [("summary", "TOTAL", "total", "income"), ("summary", "TOTAL", "total", "expense"),
                 ("income", "TOTAL", "total", None), ("expense", "TOTAL", "total", None)]
    elif subject == "income.total":
        cells = [("income", "TOTAL", "total", None), ("summary", "TOTAL", "total", "income")]
    elif subject == "expense.total":
        cells = [("expense", "TOTAL", "total", None), ("summary", "TOTAL", "total", "expense")]
    elif subject in _INCOME_COLUMNS:
        cells = [("income", "TOTAL", c, None) for c in _INCOME_COLUMNS[subject]]
        cells += [("summary", r, "total", "income") for r in _SUMMARY_ROWS.get(subject, (subject,))]
        if subject == "income.gpb":
            cells += [("fiscal_summary", "income.gpb", "total", "income")]
    elif subject in ("expense.basic", "expense.project"):
        col = subject.split(".")[1]
        cells = [("expense", "TOTAL", col, None), ("summary", subject, "total", "expense")]
    elif subject in ("expense.personnel", "expense.public"):
        cells = [("basic_total", "TOTAL", subject.split(".")[1], None)]
    elif subject == "fiscal.total":
        cells = [("fiscal_summary", "TOTAL", "total", "income"), ("fiscal_summary", "TOTAL", "total", "expense")]
    elif subject in ("gpb.total", "fiscal.gpb"):
        cells = [("gpb_expense", "TOTAL", "total", None), ("fiscal_summary", "income.gpb", "total", "income"),
                 ("fiscal_summary", "TOTAL", "gpb", "expense")]
    elif subject in ("gpb.basic", "gpb.project"):
        col = subject.split(".")[1]
        cells = [("gpb_expense", "TOTAL", col, None), (f"gpb_{col}", "TOTAL", "total", None)]
    elif subject in ("gpb.personnel", "gpb.public"):
        cells = [("gpb_basic", "TOTAL", subject.split(".")[1], None)]
    elif subject.startswith("three_public."):
        item = subject.split(".", 1)[1]
        cells = [("three_public", "TOTAL" if item == "total" else item, "total", None)]
    elif subject == "gov_fund.total":
        cells = [("gov_fund", "TOTAL", "total", None)]
    elif subject == "soe.total":
        cells = [("soe_capital", "TOTAL", "total", None)]
    elif subject == "carryover.total":
        cells = [("carryover", "TOTAL", "total", None), ("income", "TOTAL", "carryover", None)]
    elif subject in ("carryover.fiscal", "carryover.nonfiscal"):
        cells = [("carryover", "TOTAL", subject.split(".")[1], None)]
    elif subject == "admin_operation":
        cells = [("admin_operation", "TOTAL", "total", None)]
    elif subject.startswith("procurement."):
        item = subject.split(".", 1)[1]
        cells = [("procurement", "TOTAL", item, None)]
    return cells


_NOT_AMOUNT_COLUMNS = {"last_year"}


def _cell_value(row: Row, col: str) -> tuple[str, Amount] | None:
    if col in row.values:
        return col, row.values[col]
    if col == "total":  # a one-amount table whose header did not read as 合计 (预算数 …)
        others = [(k, a) for k, a in row.values.items()
                  if k not in _NOT_AMOUNT_COLUMNS and not k.startswith("last_year")]
        if len(others) == 1:
            return others[0]
    return None


BLANK_SUBTOTAL_NOTE = "小计空白，按所印各项之和 blank subtotal: the sum of its printed parts"


def blank_subtotal(table: Table, row: Row, col: str) -> tuple[str, Amount] | None:
    """A subtotal printed blank over printed parts (公务用车购置及运行维护费 小计 blank, 购置费 and
    运行维护费 printed): a blank is unknown, not zero, and the parts say what it stands for."""
    if row.code is None or col in row.values or row.unplaced:
        return None
    parts = [_find_row(table, c, row.side) for c in row_parts(table.id, row.code)]
    printed = [p.values[col] for p in parts if p is not None and col in p.values]
    if not printed:
        return None
    total = sum((a.value for a in printed), ZERO)
    return col, Amount(value=total, text=f"{total:f}", unit="万元",
                       source=Provenance(file=row.source.file, page=row.source.page, line=row.source.line,
                                         inferred=True, note=BLANK_SUBTOTAL_NOTE))


def _find_row(table: Table, code: str, side: str | None) -> Row | None:
    """The first row of ``table`` with ``code`` on ``side`` (rows indexed by code once per audit)."""
    by_code = per_audit(f"narrative.rows_by_code.{id(table)}", lambda: _rows_by_code(table))
    for r in by_code.get(code, ()):
        if side is None or r.side is None or r.side == side:
            return r
    return None


def _rows_by_code(table: Table) -> dict[str | None, list[Row]]:
    out: dict[str | None, list[Row]] = {}
    for r in table.rows:
        out.setdefault(r.code, []).append(r)
    return out


@dataclass
class TableQuantity:
    amount: Amount
    table: Table
    row: Row | None
    column: str

    @property
    def label(self) -> str:
        where = self.table.title or self.table.id
        if self.row is None:
            return f"{where}（空表或未列此行）"
        name = "合计" if self.row.code == "TOTAL" else (self.row.name or self.row.code or "")
        return f"{where}「{name}」"

    def location(self) -> Location:
        src = self.row.source if self.row is not None else self.table.source
        return Location(table=self.table.id, table_title=self.table.title,
                        row_code=self.row.code if self.row else None,
                        row_name=self.row.name if self.row else None, column=self.column,
                        file=src.file, page=src.page, line=src.line)


# Which tables a 类/款/项 or 经济分类 figure may restate, by the money its section is about
_SCOPE_TABLES: dict[str, set[str]] = {
    "all": {"expense"},
    "一般公共预算": {"gpb_expense", "fiscal_summary.gpb", "gpb_basic", "gpb_econ"},
    "财政拨款": {"fiscal_summary.total", "gpb_expense", "gpb_basic", "gpb_econ", "gov_fund", "soe_capital"},
    "政府性基金": {"gov_fund", "fiscal_summary.gov_fund"},
    "国有资本": {"soe_capital", "fiscal_summary.soe"},
    "三公": set(),
}


def table_quantities(doc: Document, subject: str, scope: str = "") -> list[TableQuantity]:
    """Every printed table cell the subject restates (an empty table counts as zero); for a
    类/款/项 or 经济分类, only the tables of the money the statement is about (``scope``).
    Computed once per subject and scope in an audit (a 汇总 restates the same subjects many times)."""
    return list(per_audit(f"narrative.table_quantities.{subject}.{scope}",
                          lambda: _table_quantities(doc, subject, scope)))


def _quantities_by_amount(doc: Document, subject: str, scope: str) -> AmountIndex[TableQuantity]:
    return per_audit(f"narrative.quantities_by_amount.{subject}.{scope}",
                     lambda: AmountIndex((q.amount, q) for q in table_quantities(doc, subject, scope)))


def _table_quantities(doc: Document, subject: str, scope: str = "") -> list[TableQuantity]:
    out: list[TableQuantity] = []
    allowed = _SCOPE_TABLES.get(scope)
    for table_id, code, col, side in subject_cells(subject):
        if allowed is not None and table_id not in allowed and f"{table_id}.{col}" not in allowed:
            continue
        for t in doc.tables_of(table_id):
            if t.empty:  # published empty: every item of it is zero
                out.append(TableQuantity(zero_amount(), t, None, col))
                continue
            # three_public printed transposed: the items are columns of one row
            row = _find_row(t, code, side)
            if row is None and table_id == "three_public":
                row = next((r for r in t.rows if code in r.values), None)
                if row is not None:
                    out.append(TableQuantity(row.values[code], t, row, code))
                continue
            if row is None:
                # a 类/款/项 a classification table does not list has nothing in it
                if code.isdigit() and t.rows and not t.empty and col == "total" and any(
                        r.code and r.code.isdigit() for r in t.rows):
                    out.append(TableQuantity(zero_amount(), t, None, col))
                continue
            cv = _cell_value(row, col) or blank_subtotal(t, row, col)
            if cv is not None:
                out.append(TableQuantity(cv[1], t, row, cv[0]))
            elif not row.unplaced and (not row.values or col in {c.id for c in t.columns}):
                # a blank cell of a printed row is zero, as budget tables mean it
                out.append(TableQuantity(zero_amount(), t, row, col))
    return out


def _doubtful(table: Table) -> bool:
    """A table whose own items do not add up to its total (a "三公" table whose items do not make
    its 合计), or with values the reader could not place: its cells are not a firm basis."""
    if any(r.unplaced for r in table.rows):
        return True
    if table.id != "three_public":
        return False
    by = {r.code: r for r in table.rows}
    total = by.get("TOTAL")
    if total is None or "total" not in total.values:
        return False

    def v(code: str) -> Decimal:
        r = by.get(code)
        return r.values["total"].value if r is not None and "total" in r.values else ZERO

    vehicles = v("vehicles") if "total" in getattr(by.get("vehicles"), "values", {}) \
        else v("vehicle_purchase") + v("vehicle_operation")
    return abs(total.values["total"].value - v("overseas_travel") - vehicles - v("reception")) > Decimal("0.02")


def _same_row_other_column(quantities: Sequence[TableQuantity], value: Decimal) -> str | None:
    """Another column of a compared row printing ``value`` (a year column, an unlabelled column):
    the table's columns, not the text, are then in doubt."""
    for q in quantities:
        if q.row is None:
            continue
        for col, a in q.row.values.items():
            # only columns the reader could not name (row2_total, col3) or last year's
            unnamed = col.startswith("last_year") or (col[:3] in ("row", "col") and col[3:4].isdecimal())
            if col != q.column and unnamed and a.value == value:
                return col
    return None


def _other_cell_with(doc: Document, value: Decimal, table_ids: Iterable[str]) -> str | None:
    """A cell of these tables printing exactly ``value`` (to say what the narrative restated)."""
    for tid in dict.fromkeys(table_ids):
        for t in doc.tables_of(tid):
            for r in t.rows:
                for col, a in r.values.items():
                    if a.value == value:
                        name = "合计" if r.code == "TOTAL" else (r.name or r.project or r.code or "")
                        return f"{t.title or t.id}「{name}」{col}"
    return None
