"""Y3xx — the 情况说明 against the tables, and against itself.

The narrative restates the tables in words: amounts (收支总预算 559.50 万元), shares (占 94.29%),
year-over-year changes (比上年预算减少 92.75 万元，下降 14.95%). These rules recompute every
stated number from the other numbers printed beside it or in the tables, with the rounding the
printed precision allows (``yusuan.audit.tolerance``): a narrative that rounds to whole 万元 or to
one decimal is still consistent; a percentage printed with k decimals may be off by half a unit of
its last digit; amounts that are themselves rounded widen the range a recomputed percentage may
take (interval arithmetic, never a fixed epsilon).

Input: ``doc.claims`` (one ``Claim`` per stated quantity, see docs/architecture.md "Claim
subjects"), ``doc.tables``, ``doc.projects``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from yusuan.audit import CannotRun, Location, NotApplicable, Problem, rule
from yusuan.audit.index import AmountIndex, per_audit
from yusuan.audit.tolerance import (
    amount_half_unit,
    equal_tolerance,
    fmt,
    half_unit,
    quoted_tolerance,
    sum_tolerance,
    verdict,
)
from yusuan.audit.tolerance import decimals as decimals_of
from yusuan.codes import load_catalog
from yusuan.model import Amount, Claim, Document, Row, Table

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


_QUALIFIER_RE = re.compile(
    r"(结转|结余|上年|去年|非财政)[^，,；;。]{0,6}$"
    r"|其中\s*[:：]?\s*(一般公共预算|政府性基金|国有资本(经营)?(预算)?|财政拨款|财政专户|单位资金)(拨款|资金|预算)?\s*$")
_FUND_WORD_RE = re.compile(r"(财政拨款|一般公共预算|政府性基金(预算)?|国有资本经营预算)\s*$")
# "其中一般公共预算拨款政府采购 5,499.84 万元：政府采购货物预算 …" — the list after it is that fund's
_FUND_SUBLIST_RE = re.compile(
    r"(一般公共预算|政府性基金|国有资本经营预算|财政拨款)(拨款)?[^，,；;。:：]{0,10}?[0-9][0-9,.]*\s*万?元\s*[:：]")


def qualified(c: Claim) -> bool:
    """The subject is qualified by words before it that make it another quantity: "上年结转结余的
    一般公共预算收入" is carried-over money, not the year's 一般公共预算收入."""
    if not c.sentence or not c.subject_text or c.subject.startswith(("carryover", "income.carryover",
                                                                     "income.fiscal_carryover")):
        return False
    k = c.sentence.find(c.subject_text)
    if k <= 0:
        return False
    before = c.sentence[max(k - 12, 0):k]
    # "财政拨款收支总预算" read as "收支总预算": a whole named for one fund is that fund's
    if c.subject in ("total", "income.total", "expense.total") and _FUND_WORD_RE.search(before):
        return True
    return bool(_QUALIFIER_RE.search(before) or _FUND_SUBLIST_RE.search(c.sentence[:k]))


# words of a narrative section's title (a title wrapped by the PDF may be cut: "…财政拨款收支预")
_UNIT_SCOPE_WORDS = re.compile(r"预算|收入|支出|收支|拨款|财政|关于|经费|说明|情况|采购|资产|绩效|项目|概况|职能|机构|名词")


def unit_scoped(section: str | None) -> bool:
    """A section titled by a budget unit's name alone (一、某局本级) restates that unit's
    figures, not the department's."""
    top = _top(section) or ""
    return bool(top.strip()) and not _UNIT_SCOPE_WORDS.search(top)


_WS = re.compile(r"[\s\u3000]+")


def amount_is_prior(c: Claim) -> bool:
    """The amount the claim carries is printed as last year's ("（去年预算数为0万元，无法计算增减
    比率）"): not this year's figure."""
    if c.amount is None or not c.sentence:
        return False
    num = re.escape(c.amount.text)
    return re.search(rf"(?:去年|上年)[^，,；;。]{{0,8}}?(?:为|是)\s*{num}\s*(?:亿元|万元|元)", c.sentence) is not None


def change_is_its_own(c: Claim) -> bool:
    """The change was read from a sentence that names the claim's subject. A change in a
    sentence that does not ("比 2025 年增加 2,734.52 万元，主要是基本支出增加…" after a list of
    classes) may belong to the whole, not to the last subject read."""
    if c.carried or not c.sentence or not c.subject_text or c.change is None:
        return True
    sentence = _WS.sub("", c.sentence)
    subject = sentence.find(_WS.sub("", c.subject_text))
    m = re.search(r"(?:增加|减少|增长|下降|上升|降低|减)了?" + re.escape(_WS.sub("", c.change.text)), sentence)
    if m is None:
        return True  # cannot tell
    return 0 <= subject < m.start()


def _top(section: str | None) -> str | None:
    """The numbered section a claim is in ("三、支出预算情况说明 / 基本支出" → its first part)."""
    if not section:
        return section
    return next((part for part in section.split(" / ") if part.strip()), section)


def zero_amount() -> Amount:
    return Amount(value=ZERO, text="0.00")


# --------------------------------------------------------------------------------------------
# Which table cells a claim subject restates

_INCOME_COLUMNS: dict[str, tuple[str, ...]] = {
    "income.gpb": ("gpb",),
    "income.gov_fund": ("gov_fund",),
    "income.soe": ("soe",),
    "income.fiscal": ("fiscal_subtotal",),
    "income.fiscal_special": ("fiscal_special",),
    "income.unit_funds": ("unit_funds",),
    "income.business": ("business",),
    "income.operating": ("operating",),
    "income.other": ("other",),
    "income.carryover": ("carryover",),
    "income.fiscal_carryover": ("fiscal_carryover",),
    "income.gpb_transfer": ("gpb_transfer",),
    "income.gov_fund_transfer": ("gov_fund_transfer",),
    "income.soe_transfer": ("soe_transfer",),
}

# Summary-table rows that may carry the same quantity (the narrative's 一般公共预算 is, in some
# templates, the table's 一般财力 line: the transfer from above is stated beside it separately).
_SUMMARY_ROWS: dict[str, tuple[str, ...]] = {
    "income.gpb": ("income.gpb", "income.gpb_general"),
    "income.carryover": ("income.carryover",),
    "income.fiscal_carryover": ("income.fiscal_carryover",),
    "income.gpb_transfer": ("income.gpb_transfer",),
    "income.gov_fund_transfer": ("income.gov_fund_transfer",),
    "income.soe_transfer": ("income.soe_transfer",),
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
            cv = _cell_value(row, col)
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

    vehicles = v("vehicles") if "vehicles" in by else v("vehicle_purchase") + v("vehicle_operation")
    return abs(total.values["total"].value - v("overseas_travel") - vehicles - v("reception")) > Decimal("0.02")


def _same_row_other_column(quantities: Sequence[TableQuantity], value: Decimal) -> str | None:
    """Another column of a compared row printing ``value`` (a year column, an unlabelled column):
    the table's columns, not the text, are then in doubt."""
    for q in quantities:
        if q.row is None:
            continue
        for col, a in q.row.values.items():
            # only columns the reader could not name (row2_total, col3) or last year's
            unnamed = col.startswith("last_year") or re.match(r"^(row|col)\d", col) is not None
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


# --------------------------------------------------------------------------------------------
# Y301 amounts restated from the tables


@rule("Y301", "说明中的金额与表格不一致", family="narrative", severity="error",
      basis=BASIS_TEMPLATE, needs=("claims",))
def amount_matches_table(doc: Document) -> Iterator[Problem]:
    """An amount the 情况说明 states differs from the table cell it restates.

    Covers the totals (收支总预算, 收入/支出合计), income by source (一般公共预算, 政府性基金,
    单位资金, 上年结转 …), 基本支出 / 项目支出, 一般公共预算当年拨款 and its basic/project split,
    人员经费 / 公用经费, every 类/款/项 named in the text (``func:<code>``) and 经济分类 (``econ:``),
    the "三公" items, 政府性基金 / 国有资本经营 totals, 上年结转 and 机关运行经费 / 政府采购 where the
    template prints a table for them. A quantity that more than one table prints (the total is in
    the summary, income and expense tables) is accepted when it matches any of them; the other
    tables' agreement is the cross-table rules' business.

    Why: the narrative is what most readers read; a figure that differs from the table is one of
    the two wrong. Example: "一般公共预算拨款 2,260.66 万元" while the 一般公共预算支出情况表 totals
    2,206.66.

    Tolerance: the same figure printed at the same precision must be equal; a narrative that
    quotes a finer table figure more coarsely (six decimals in the table, two or none in the text)
    may differ by one unit of its own last digit (truncated, rounded twice, or a last digit moved so
    its parts add up). When the
    stated amount equals another cell of the same tables (a sub-line such as 一般财力), the finding
    is a warning naming that cell: the text may use a different 口径 than its label suggests.
    """
    checked = 0
    for c in doc.claims:
        if c.amount is None or qualified(c) or unit_scoped(c.section) or amount_is_prior(c):
            continue
        quantities = table_quantities(doc, c.subject, _scope(c))
        if not quantities:
            continue
        checked += 1
        # only the quantities near the stated amount can agree with it (the index returns a superset);
        # a coarser quotation may be off one unit of its last digit, twice its half unit
        if any(verdict(q.amount.value, c.amount.value, quoted_tolerance(q.amount, c.amount)) != "error"
               for q in _quantities_by_amount(doc, c.subject, _scope(c)).near(c.amount, factor=2)):
            continue
        q = quantities[0]
        shown = "、".join(dict.fromkeys(f"{x.label} {x.amount.text}" for x in quantities))
        same_row = _same_row_other_column(quantities, c.amount.value)
        if same_row is not None:
            loc = claim_location(c)
            loc.table, loc.table_title = q.table.id, q.table.title
            yield Problem(f"说明中「{c.subject_text}」{c.amount.shown()}与表中该行「{same_row}」列相同，"
                          f"而非所对应的列（{shown}）；请核对表头（可能有上年数、分列等多列）",
                          location=loc, expected=q.amount.text, actual=c.amount.text, source=quote(c),
                          severity="info", category="column")
            continue
        other = _other_cell_with(doc, c.amount.value, (x.table.id for x in quantities))
        msg = f"说明中「{c.subject_text}」为 {c.amount.shown()}，表中为 {shown}"
        if other:
            msg += f"；该数与{other}相同，说明所指口径可能与其名称不符"
        loc = claim_location(c)
        loc.table, loc.table_title, loc.row_code, loc.column = q.table.id, q.table.title, (
            q.row.code if q.row else None), q.column
        unlisted = all(x.row is None and not x.table.empty for x in quantities)
        doubtful = all(_doubtful(x.table) for x in quantities)
        if doubtful:
            msg += "（该表自身各项之和与合计不符，可能读取有误，请核对原表）"
        if unlisted:
            msg = f"说明中「{c.subject_text}」为 {c.amount.shown()}，表中未列此科目（{shown}）"
        yield Problem(msg, location=loc, expected=q.amount.text, actual=c.amount.text, source=quote(c),
                      severity="warning" if other or unlisted or doubtful else None)
    if not checked:
        raise NotApplicable("说明中没有能与表格对应的金额")


# --------------------------------------------------------------------------------------------
# Y302 / Y303 shares

_BASE_NAMES: dict[str, str] = {
    "total": "收支总预算",
    "income.total": "收入预算合计",
    "expense.total": "支出预算合计",
    "fiscal.total": "财政拨款收支总预算",
    "gpb.total": "一般公共预算当年拨款",
    "gpb.basic": "一般公共预算基本支出",
    "expense.basic": "基本支出",
    "three_public.total": "“三公”经费合计",
    "procurement.total": "政府采购预算",
    "gov_fund.total": "政府性基金预算支出",
    "soe.total": "国有资本经营预算支出",
}
_WHOLES = set(_BASE_NAMES)
_TOP_WHOLES = {"total", "income.total", "expense.total", "fiscal.total", "gpb.total", "three_public.total",
               "procurement.total", "gov_fund.total"}


_EXPLICIT_BASES: list[tuple[re.Pattern[str], list[str]]] = [
    (re.compile(r"基本支出"), ["gpb.basic", "expense.basic"]),
    (re.compile(r"三公"), ["three_public.total"]),
    (re.compile(r"政府性基金"), ["gov_fund.total"]),
    (re.compile(r"国有资本"), ["soe.total"]),
    (re.compile(r"一般公共预算"), ["gpb.total", "fiscal.total"]),
    (re.compile(r"财政拨款"), ["fiscal.total", "gpb.total"]),
    (re.compile(r"收入"), ["income.total", "total"]),
    (re.compile(r"支出|总预算|预算总|部门预算|单位预算"), ["expense.total", "total"]),
]
_SHARE_BASE_RE = re.compile(r"占\s*(?:本?(?:部门|单位))?([^0-9%％]{2,20}?)的?\s*[0-9]")


def explicit_base(share_text: str | None) -> list[str] | None:
    """The whole a share names itself (占支出预算的 54.15%, 占基本支出经费的 17.46%), if any."""
    m = _SHARE_BASE_RE.search(share_text or "")
    if not m:
        return None
    for pat, bases in _EXPLICIT_BASES:
        if pat.search(m.group(1)):
            return bases
    return None


def _section_bases(section: str | None) -> list[str] | None:
    """A 类/款/项 share in a section about one fund is a share of that fund's total."""
    if not section:
        return None
    if "政府性基" in section:
        return ["gov_fund.total"]
    if "国有资本" in section:
        return ["soe.total"]
    if "三公" in section:
        return ["three_public.total"]
    return None


def claim_bases(c: Claim, doc: Document) -> list[str]:
    """The wholes a share of this claim may be of: named by the share, by the section, or by the
    kind of subject."""
    named = explicit_base(c.share_text)
    if named is not None:
        return named
    if c.subject.startswith(("func", "econ")):
        by_section = _section_bases(c.section)
        if by_section is not None:
            return by_section
    return _expected_bases(c.subject, doc)


def _expected_bases(subject: str, doc: Document) -> list[str]:
    kind = subject.split(":")[0] if ":" in subject else subject.split(".")[0]
    if subject in ("expense.personnel", "expense.public"):
        return ["expense.basic"]
    if subject in ("gpb.personnel", "gpb.public"):
        return ["gpb.basic"]
    if kind == "income":
        return ["income.total", "total"]
    if kind == "expense":
        return ["expense.total", "total"]
    if kind == "gpb":
        return ["gpb.total", "fiscal.total"]
    if kind == "func":
        if doc.table("gpb_expense") is not None or any(c.subject == "gpb.total" for c in doc.claims):
            return ["gpb.total", "fiscal.total"]
        return ["expense.total", "total"]
    if kind == "econ":
        return ["gpb.basic"]
    if kind == "three_public":
        return ["three_public.total"]
    if kind == "procurement":
        return ["procurement.total"]
    return []


def _base_values(doc: Document) -> dict[str, Interval]:
    """Each whole the tables or the narrative print, as an interval. Tables first: a narrative
    whole may be mis-stated (that is Y301's finding), and a share is a share of the true whole."""
    out: dict[str, Interval] = {}
    for subject in _WHOLES:
        for q in table_quantities(doc, subject):
            if q.amount.value > 0:
                out[subject] = Interval.of(q.amount)
                break
    for c in doc.claims:
        if c.subject in _WHOLES and c.amount is not None and c.subject not in out and c.amount.value > 0 \
                and not qualified(c):
            out[c.subject] = Interval.of(c.amount)
    for a, b in (("total", "income.total"), ("total", "expense.total"), ("income.total", "total")):
        if a not in out and b in out:
            out[a] = out[b]
    return out


def _section_whole(doc: Document, idx: int) -> Claim | None:
    """The nearest claim before ``idx`` in the same section stating a whole (the 其中 parent)."""
    c = doc.claims[idx]
    for j in range(idx - 1, -1, -1):
        p = doc.claims[j]
        if _top(p.section) != _top(c.section):
            break
        if p.amount is not None and p.share is None and (p.subject in _WHOLES) and p.amount.value > 0:
            return p
    return None


@rule("Y302", "占比与所述金额不符或基数用错", family="narrative", severity="error",
      basis="算术", needs=("claims",))
def share_base(doc: Document) -> Iterator[Problem]:
    """A share (占 x%) does not equal the part divided by the whole it is a share of.

    The share is recomputed from the amount stated beside it and the whole of its list: the
    收入/支出 parts on the 收支总预算, 一般公共预算 类/款/项 on the 一般公共预算当年拨款 total,
    人员经费 / 公用经费 on 基本支出, "三公" items on the "三公" total (the whole stated just before
    the 其中 list is tried first). When the share is wrong on that base but right on another whole of
    the document, the finding says which base it matches (a warning: computed on the wrong base,
    e.g. on the 一般公共预算 total instead of the 收支总预算). When it matches no base, an error.

    Why: a share tells the reader how the money divides; one computed on another whole (the
    一般公共预算 total for a share of the 收支总预算) misstates the structure while every amount beside
    it is right.

    Example: 收支总预算 3,166.28 万元，其中基本支出 1,804.60 万元，占 79.83% — 79.83% is
    1,804.60 / 2,260.66, the 一般公共预算 total, not the 收支总预算 (56.99%).

    Tolerance: the printed share may be off by half a unit of its last digit (占 10% stands for
    9.5–10.5%), and the amounts are themselves rounded; the share is consistent when the two ranges
    meet.
    """
    bases = _base_values(doc)
    group_sums = _listed_wholes(doc)
    checked = 0
    for i, c in enumerate(doc.claims):
        if c.share is None or c.amount is None or c.amount.value < 0:
            continue
        printed = Interval.percent(c.share, c.share_text)
        part = Interval.of(c.amount)
        expected: list[tuple[str, Interval]] = []
        whole = _section_whole(doc, i)
        if whole is not None and whole.amount is not None and explicit_base(c.share_text) is None:
            expected.append((whole.subject_text or _BASE_NAMES.get(whole.subject, whole.subject),
                             Interval.of(whole.amount)))
        for b in claim_bases(c, doc):
            if b in bases:
                expected.append((_BASE_NAMES[b], bases[b]))
        if i in group_sums:
            # shares of a list that add up to 100% are shares of the list's own sum (本年支出 may
            # leave out 结转下年 or 上缴上级 that the table's total includes)
            expected.append(("所列各项之和", group_sums[i]))
        if not expected:
            continue
        checked += 1
        ok = False
        for _, base in expected:
            r = part.ratio_percent(base)
            if r is not None and r.meets(printed):
                ok = True
                break
        if ok:
            continue
        name, base = expected[0]
        r0 = part.ratio_percent(base)
        right = pct(c.amount.value * HUNDRED / base.mid) if r0 is not None else "（基数为零）"
        others = [(n, b) for s, b in bases.items() if (n := _BASE_NAMES[s]) not in {e[0] for e in expected}]
        matched = [n for n, b in others if (r := part.ratio_percent(b)) is not None and r.meets(printed)]
        shown = c.share_text or f"{c.share}%"
        unit = 2 * half_unit(c.share_text or str(c.share), None)
        if r0 is not None and Interval(r0.lo - unit, r0.hi + unit).meets(printed) and not matched:
            yield Problem(
                f"「{c.subject_text}」{c.amount.shown()}占比印为 {shown}，按{name} {fmt(base.mid)} 计算为 {right}，"
                f"相差不到末位一个单位，可能是为使各项合计 100% 所作的尾数调整",
                location=claim_location(c), expected=right, actual=shown, source=quote(c), severity="info",
                category="rounding")
            continue
        if matched:
            yield Problem(
                f"「{c.subject_text}」{c.amount.shown()}占比印为 {shown}，按{name} {fmt(base.mid)} 计算应为 "
                f"{right}；所印占比与按{matched[0]}计算的结果一致，疑基数用错",
                location=claim_location(c), expected=right, actual=shown, source=quote(c), severity="warning")
        else:
            yield Problem(
                f"「{c.subject_text}」{c.amount.shown()}占比印为 {shown}，按{name} {fmt(base.mid)} 计算应为 {right}",
                location=claim_location(c), expected=right, actual=shown, source=quote(c))
    if not checked:
        raise NotApplicable("说明中没有可核对基数的占比")


def _listed_wholes(doc: Document) -> dict[int, Interval]:
    """For each claim of a list whose shares add up to 100%: the sum of the list's amounts."""
    out: dict[int, Interval] = {}
    for g in _groups(doc, lambda c: c.share is not None and c.amount is not None):
        if len(g) < 2:
            continue
        claims = [doc.claims[i] for i in g]
        total = sum((c.share for c in claims if c.share is not None), ZERO)
        tol = sum((half_unit(c.share_text or str(c.share), None) for c in claims), ZERO)
        if abs(total - HUNDRED) > tol:
            continue
        ivs = [Interval.of(c.amount) for c in claims if c.amount is not None]
        whole = Interval(sum((v.lo for v in ivs), ZERO), sum((v.hi for v in ivs), ZERO))
        for i in g:
            out[i] = whole
    return out


def _family(subject: str) -> str:
    if subject.startswith("func:"):
        return f"func{len(subject) - 5}"
    if subject.startswith("func?:"):  # unresolved names of 类/款/项: their count is the level
        return f"func{2 * subject.count('/') + 3}"
    if subject in ("expense.personnel", "expense.public", "gpb.personnel", "gpb.public"):
        return "personnel_public"
    return subject.split(".")[0].split(":")[0]


def _groups(doc: Document, pred: Callable[[Claim], bool]) -> list[list[int]]:
    """Runs of claims of one section and one family that satisfy ``pred`` (claims of other
    families in between, such as a sub-item a reason mentions, do not break a run)."""
    groups: list[list[int]] = []
    key: tuple[str | None, str] | None = None
    for i, c in enumerate(doc.claims):
        if not pred(c):
            if key is not None and _top(c.section) != key[0]:
                key = None
            continue
        k = (_top(c.section), _family(c.subject))
        if k == key and groups:
            groups[-1].append(i)
        else:
            groups.append([i])
        key = k
    return groups


@rule("Y303", "各部分占比之和不为 100%", family="narrative", severity="warning",
      basis="算术", needs=("claims",))
def shares_sum(doc: Document) -> Iterator[Problem]:
    """The shares of the parts of one list do not add up to 100%.

    A list such as 一般公共预算当年拨款结构（社会保障和就业支出 占 8.44%，卫生健康支出 占 86.49%，
    住房保障支出 占 5.07%）divides one whole: when its amounts add up to the whole (the list is
    complete) the shares must add up to 100%; a list whose shares exceed 100% is wrong whether or
    not it is complete.

    Why: a list whose shares add up to 101% has at least one wrong share, even when each looks
    plausible. Example: 社会保障和就业支出 占 8.44%，卫生健康支出 占 86.49%，住房保障支出 占 6.07%
    (101.00%; 28.36 / 559.50 is 5.07%).

    Tolerance: each printed share may be off by half a unit of its last digit, so n shares printed
    with two decimals may add up to 100% ± n × 0.005%.
    """
    bases = _base_values(doc)
    checked = 0
    for g in _groups(doc, lambda c: c.share is not None):
        if len(g) < 2:
            continue
        claims = [doc.claims[i] for i in g]
        shares = [c.share for c in claims if c.share is not None]
        total = sum(shares, ZERO)
        tol = sum((half_unit(c.share_text or str(c.share), None) for c in claims), ZERO)
        if abs(total - HUNDRED) <= tol:
            checked += 1
            continue
        amounts = [c.amount for c in claims if c.amount is not None]
        complete = False
        if len(amounts) == len(claims):
            s = Interval(sum((Interval.of(a).lo for a in amounts), ZERO), sum((Interval.of(a).hi for a in amounts), ZERO))
            whole = _section_whole(doc, g[0])
            named = explicit_base(claims[0].share_text) is not None
            candidates = [Interval.of(whole.amount)] if whole is not None and whole.amount is not None \
                and not named else []
            candidates += [bases[b] for b in claim_bases(claims[0], doc) if b in bases]
            complete = any(s.meets(w) for w in candidates)
        if not complete and total <= HUNDRED + tol:
            continue
        checked += 1
        listing = "，".join(f"{c.subject_text} {c.share_text or c.share}" for c in claims)
        why = "各部分金额之和等于总数" if complete else "超过 100%"
        yield Problem(f"各部分占比之和为 {total}%（{why}），应为 100%：{listing}",
                      location=claim_location(claims[0]), expected="100%", actual=f"{total}%",
                      source="；".join(dict.fromkeys(quote(c) for c in claims)))
    if not checked:
        raise NotApplicable("说明中没有成组的占比")


# --------------------------------------------------------------------------------------------
# Y304–Y307 year-over-year statements

_UP = {"增加", "增长", "上升", "提高", "增", "上涨", "多"}
_DOWN = {"减少", "下降", "降低", "减", "下调", "压减", "少"}
_CHANGE_RE = re.compile(
    r"(增加|增长|上升|提高|上涨|减少|下降|降低|压减|增|减)了?\s*([0-9][0-9,，]*(?:\.[0-9]+)?)\s*(万元|元|亿元|[%％])"
)


def _sign(word: str) -> int:
    return 1 if word in _UP else -1 if word in _DOWN else 0


def _word_pairs(sentence: str) -> list[tuple[tuple[str, str] | None, tuple[str, str] | None]]:
    """(amount change word, number), (percent change word, number) pairs in order of the text."""
    pairs: list[tuple[tuple[str, str] | None, tuple[str, str] | None]] = []
    for m in _CHANGE_RE.finditer(sentence):
        word, num, unit = m.group(1), m.group(2), m.group(3)
        if unit in ("%", "％"):
            if pairs and pairs[-1][1] is None:
                pairs[-1] = (pairs[-1][0], (word, num))
            else:
                pairs.append((None, (word, num)))
        else:
            pairs.append(((word, num), None))
    return pairs


_NUMBER_IN_TEXT = re.compile(r"[0-9][0-9,，]*(?:\.[0-9]+)?")


def _number_text(text: str | None) -> str | None:
    """The number in a printed text such as "下降 13.28 %" or "占 5.71%"."""
    if not text:
        return None
    m = _NUMBER_IN_TEXT.search(text)
    return m.group(0) if m else None


def _same_number(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    try:
        return Decimal(a.replace(",", "").replace("，", "")) == Decimal(b.replace(",", "").replace("，", ""))
    except ArithmeticError:
        return False


def _words_for(c: Claim) -> tuple[str | None, str | None]:
    """The direction words the sentence uses for this claim's change amount and percentage."""
    if not c.sentence:
        return None, None
    for am, pc in _word_pairs(c.sentence):
        ptext = _number_text(c.change_percent_text)
        if am is not None and c.change is not None and _same_number(am[1], _number_text(c.change.text)) and (
                pc is None or ptext is None or _same_number(pc[1], ptext)):
            return am[0], pc[0] if pc else None
        if am is None and pc is not None and c.change is None and _same_number(pc[1], ptext):
            return None, pc[0]
    return None, None


def _current(doc: Document, i: int) -> Amount | None:
    """The claim's current amount, or the amount stated for the same subject earlier in the section
    ("三公"经费 0.50 万元 … 比上年预算减少 0.50 万元 may be two sentences). Once per claim in an audit."""
    return per_audit("narrative.current", lambda: [_current_of(doc, k) for k in range(len(doc.claims))])[i]


def _current_of(doc: Document, i: int) -> Amount | None:
    c = doc.claims[i]
    if not change_is_its_own(c):
        return None
    if c.amount is not None:
        return None if amount_is_prior(c) else c.amount
    for j in range(i - 1, -1, -1):
        p = doc.claims[j]
        if _top(p.section) != _top(c.section):
            break
        if p.subject == c.subject and p.amount is not None and not amount_is_prior(p):
            return p.amount
    return None


def _signed_change(c: Claim) -> Amount | None:
    if c.change is None or c.direction not in ("increase", "decrease"):
        return None
    if c.direction == "decrease":
        return Amount(value=-c.change.value, text=c.change.text, unit=c.change.unit)
    return c.change


def _prior(cur: Amount, c: Claim) -> Interval | None:
    """The prior-year amount the statement implies: current − signed change."""
    ch = _signed_change(c)
    if ch is None:
        return None
    return Interval.of(cur) - Interval.of(ch) if ch.value >= 0 else Interval.of(cur) + Interval.of(
        Amount(value=-ch.value, text=ch.text, unit=ch.unit))


@rule("Y304", "增减方向表述自相矛盾", family="narrative", severity="error", basis="算术", needs=("claims",))
def direction_words(doc: Document) -> Iterator[Problem]:
    """A year-over-year statement whose direction words contradict each other or the amounts.

    Checks that 增加 goes with 增长 and 减少 with 下降 in one statement; that 持平 is said only of a
    change of zero; and that an increase is not larger than the current amount (增加 50 万元 on a
    current 30 万元 implies a negative prior year).

    Why: the direction is what a reader retains of a year-over-year statement; two words that
    disagree leave it unknown. Example: "比上年预算增加 20.03 万元，下降 5.95%".

    Tolerance: the increase may exceed the current amount by the rounding of the two figures.
    """
    checked = 0
    for i, c in enumerate(doc.claims):
        if c.direction is None:
            continue
        checked += 1
        amount_word, percent_word = _words_for(c)
        if amount_word and percent_word and _sign(amount_word) * _sign(percent_word) < 0:
            yield Problem(f"「{c.subject_text}」同一句中既称“{amount_word}”又称“{percent_word}”，增减方向矛盾",
                          location=claim_location(c), expected=f"{amount_word}…{'增长' if _sign(amount_word) > 0 else '下降'}",
                          actual=f"{amount_word}…{percent_word}", source=quote(c))
            continue
        if c.direction == "flat":
            nonzero = (c.change is not None and c.change.value != 0) or (c.change_percent not in (None, ZERO))
            if nonzero:
                shown = c.change.text if c.change is not None else c.change_percent_text
                yield Problem(f"「{c.subject_text}」称与上年持平，却列出变动 {shown}",
                              location=claim_location(c), expected="0", actual=shown, source=quote(c))
            continue
        stated = _stated_change(doc, i)
        if stated is not None:
            cur_s, prior_s, diff = stated
            tol = amount_half_unit(cur_s) + amount_half_unit(prior_s)
            if (diff < -tol and c.direction == "increase") or (diff > tol and c.direction == "decrease"):
                said = "增加" if c.direction == "increase" else "减少"
                really = "减少" if diff < 0 else "增加"
                rate = f"（{pct(abs(diff) * HUNDRED / prior_s.value)}）" if prior_s.value else ""
                yield Problem(f"「{c.subject_text}」所述上年 {prior_s.shown()}、本年 {cur_s.shown()}，实为{really} "
                              f"{fmt(abs(diff))} 万元{rate}，文中却称“{said}”",
                              location=claim_location(c), expected=really, actual=said, source=quote(c))
                continue
        cur = _current(doc, i)
        if c.direction == "increase" and cur is not None and c.change is not None:
            tol = amount_half_unit(cur) + amount_half_unit(c.change)
            if c.change.value - cur.value > tol:
                yield Problem(
                    f"「{c.subject_text}」本年 {cur.shown()}，却称比上年增加 {c.change.shown()}，"
                    f"推得上年为负数（{fmt(cur.value - c.change.value)} 万元）",
                    location=claim_location(c), expected=f"≤ {cur.text}", actual=c.change.text, source=quote(c))
    if not checked:
        raise NotApplicable("说明中没有同比增减表述")


def _is_hundred(c: Claim) -> bool:
    return c.change_percent is not None and c.change_percent == HUNDRED


@rule("Y305", "同比增减百分比算错", family="narrative", severity="error", basis="算术", needs=("claims",))
def change_percent(doc: Document) -> Iterator[Problem]:
    """The percentage of a year-over-year change is not change ÷ prior year.

    Why: the percentage is the headline of a change; a wrong one overstates or understates it
    while the amounts look right.

    Example: the prior year is implied by the statement itself: prior = current − increase (or
    + decrease), so "预算数为 479.47 万元，比上年预算减少 63.68 万元，下降 13.28%" implies a prior of 543.15 and
    a fall of 11.72%; 13.28% is 63.68 ÷ 479.47 — the change divided by the current year, a common
    slip the finding names when it recognises it. Statements of "增长 100%" and "下降 100%" are
    rule Y306's.

    Tolerance: the printed percentage may be off by half a unit of its last digit, and the
    current amount and the change are each rounded; the percentage is consistent when the range
    it may take meets the printed one.
    """
    checked = 0
    for i, c in enumerate(doc.claims):
        if c.change_percent is None or c.direction not in ("increase", "decrease"):
            continue
        if _is_hundred(c):
            continue
        if c.change is None:
            found = _percent_on_stated_prior(doc, i)
            checked += found is not False
            if isinstance(found, Problem):
                yield found
            continue
        amount_word, percent_word = _words_for(c)
        if amount_word and percent_word and _sign(amount_word) * _sign(percent_word) < 0:
            continue  # Y304's
        cur = _current(doc, i)
        if cur is None:
            continue
        stated = c.prior
        prior = Interval.of(stated) if stated is not None else _prior(cur, c)
        if prior is None:
            continue
        change = Interval.of(c.change)
        r = change.ratio_percent(prior)
        if r is None:
            continue  # prior may be zero: Y306's
        checked += 1
        printed = Interval.percent(c.change_percent, c.change_percent_text)
        if r.meets(printed):
            continue
        right = pct(c.change.value * HUNDRED / prior.mid)
        shown = c.change_percent_text or f"{c.change_percent}%"
        hints = []
        if stated is not None:
            # the change itself may be the slip (Y313); the percentage on the stated prior is then
            # judged with the change that prior implies
            r2 = (Interval.of(cur) - Interval.of(stated)).magnitude().ratio_percent(prior)
            if r2 is not None and r2.meets(printed):
                continue
        on_current = change.ratio_percent(Interval.of(cur))
        if on_current is not None and on_current.meets(printed):
            hints.append("所印百分比等于变动额 ÷ 本年数，疑以本年数为基数")
        wrong_dir = Interval.of(cur) + change if c.direction == "increase" else Interval.of(cur) - change
        rw = change.ratio_percent(wrong_dir)
        if rw is not None and rw.meets(printed) and not hints:
            hints.append("所印百分比与相反增减方向推得的上年数相符，疑增减方向写反")
        places = Decimal(1).scaleb(-decimals_of(c.change_percent_text or str(c.change_percent)))
        truncated = (c.change.value * HUNDRED / prior.mid).quantize(places, rounding=ROUND_DOWN)
        if truncated == c.change_percent:
            yield Problem(
                f"「{c.subject_text}」同比{'增长' if c.direction == 'increase' else '下降'}率按四舍五入应为 {right}，"
                f"所印 {shown} 为截去尾数的结果", location=claim_location(c), expected=right, actual=shown,
                source=quote(c), severity="info", category="rounding")
            continue
        msg = (f"「{c.subject_text}」本年 {cur.shown()}，比上年{'增加' if c.direction == 'increase' else '减少'} "
               f"{c.change.shown()}，推得上年 {fmt(prior.mid)} 万元，{'增长' if c.direction == 'increase' else '下降'}"
               f"率应为 {right}，所印为 {shown}")
        if hints:
            msg += "；" + hints[0]
        yield Problem(msg, location=claim_location(c), expected=right, actual=shown, source=quote(c))
    if not checked:
        raise NotApplicable("说明中没有可核对的同比百分比")


def _stated_change(doc: Document, i: int) -> tuple[Amount, Amount, Decimal] | None:
    """(current, stated prior, current − prior) of a claim that prints last year's amount."""
    c = doc.claims[i]
    if c.prior is None:
        return None
    cur = c.restated or _current(doc, i)
    if cur is None:
        return None
    return cur, c.prior, cur.value - c.prior.value


def _percent_on_stated_prior(doc: Document, i: int) -> Problem | bool:
    """Y305 for a statement that gives the prior year and the percentage but no change amount
    ("2025年预算执行数为 B 万元，2026年预算安排 C 万元，比2025年预算执行数增加 P%"): False when it cannot be
    checked, True when it holds, the problem when it does not."""
    c = doc.claims[i]
    stated = _stated_change(doc, i)
    if stated is None or c.change_percent is None or stated[1].value == 0:
        return False
    cur, prior, diff = stated
    tol = amount_half_unit(cur) + amount_half_unit(prior)
    if (diff < -tol and c.direction == "increase") or (diff > tol and c.direction == "decrease"):
        return False  # the direction word itself is wrong: Y304's
    r = (Interval.of(cur) - Interval.of(prior)).magnitude().ratio_percent(Interval.of(prior))
    if r is None:
        return False
    printed = Interval.percent(c.change_percent, c.change_percent_text)
    if r.meets(printed):
        return True
    first = _current(doc, i)
    if c.restated is not None and first is not None:
        # the percentage may be right for the amount stated first, the restatement wrong: Y312's
        r1 = (Interval.of(first) - Interval.of(prior)).magnitude().ratio_percent(Interval.of(prior))
        if r1 is not None and r1.meets(printed):
            return True
    right = pct(abs(diff) * HUNDRED / prior.value)
    shown = c.change_percent_text or f"{c.change_percent}%"
    word = "增长" if c.direction == "increase" else "下降"
    return Problem(f"「{c.subject_text}」所述上年 {prior.shown()}，本年 {cur.shown()}，{word}率应为 {right}，所印为 {shown}",
                   location=claim_location(c), expected=right, actual=shown, source=quote(c))


@rule("Y306", "“增长100%”与上年数不符", family="narrative", severity="error", basis="算术", needs=("claims",))
def hundred_percent(doc: Document) -> Iterator[Problem]:
    """"增长 100%" said of something that existed last year, or "下降 100%" of something that remains.

    Why: a rise of 100% means the amount doubled; templates use "增长 100%" for a new item, which is
    only true when the increase equals the whole current amount (the prior year was zero). "下降
    100%" means the current amount is zero. Conversely, an item new this year (increase = current)
    given some other percentage is also flagged.

    Example: "37.07 万元，比上年预算增加 34.14 万元，增长 100%" — the prior year was 2.93 万元, a
    rise of 1165.19%.

    Tolerance: the rounding of the printed amounts (the prior year counts as zero when the increase
    and the current amount agree within it).
    """
    checked = 0
    for i, c in enumerate(doc.claims):
        if c.change is None or c.direction not in ("increase", "decrease"):
            continue
        cur = _current(doc, i)
        if cur is None:
            continue
        tol = amount_half_unit(cur) + amount_half_unit(c.change)
        shown = c.change_percent_text or (f"{c.change_percent}%" if c.change_percent is not None else None)
        if c.direction == "increase":
            prior_zero = abs(cur.value - c.change.value) <= tol
            if _is_hundred(c):
                checked += 1
                if not prior_zero and c.change.value < cur.value:
                    prior = cur.value - c.change.value
                    right = pct(c.change.value * HUNDRED / prior) if prior > 0 else "—"
                    yield Problem(
                        f"「{c.subject_text}」本年 {cur.shown()}、增加 {c.change.shown()}，推得上年为 "
                        f"{fmt(prior)} 万元而非零，不应称增长 100%（应为 {right}）",
                        location=claim_location(c), expected=right, actual=shown, source=quote(c))
            elif prior_zero and c.change_percent is not None and c.change.value > 0:
                checked += 1
                yield Problem(
                    f"「{c.subject_text}」增加额 {c.change.shown()}等于本年数，上年为零，增长率印为 {shown}",
                    location=claim_location(c), expected="100%（或注明上年无此项）", actual=shown,
                    source=quote(c), severity="warning")
        elif _is_hundred(c):
            checked += 1
            if cur.value - amount_half_unit(cur) > 0:
                prior = cur.value + c.change.value
                right = pct(c.change.value * HUNDRED / prior)
                yield Problem(
                    f"「{c.subject_text}」本年仍有 {cur.shown()}，不应称下降 100%（按减少 {c.change.shown()}应为 {right}）",
                    location=claim_location(c), expected=right, actual=shown, source=quote(c))
    if not checked:
        raise NotApplicable("说明中没有“增长/下降 100%”的表述")


# lists that always name every part (基本支出 and 项目支出 are printed even when zero)
_CLOSED_FAMILIES = {"expense", "gpb", "personnel_public"}


def _partitions(doc: Document) -> list[tuple[Claim, list[tuple[int, Claim]]]]:
    """Per section: a whole stated in it and a family of parts (each with a change) that add up
    to it — income sources, basic/project, 类 … never a parent with its own child."""
    out: list[tuple[Claim, list[tuple[int, Claim]]]] = []
    by_section: dict[str | None, list[int]] = {}
    for i, c in enumerate(doc.claims):
        by_section.setdefault(_top(c.section), []).append(i)
    for idxs in by_section.values():
        families: dict[str, list[int]] = {}
        for i in idxs:
            c = doc.claims[i]
            if c.change is not None and c.direction in ("increase", "decrease") and _current(doc, i) is not None \
                    and c.subject not in _TOP_WHOLES and not c.subject.startswith(("three_public", "procurement")) \
                    and not qualified(c):
                families.setdefault(_family(c.subject), []).append(i)
        for w_i in idxs:
            w = doc.claims[w_i]
            if w.amount is None or w.subject not in _WHOLES or w.subject.startswith(("three_public", "procurement")):
                continue
            found = False
            for members in families.values():
                # a family's sums, less the members of the whole's own subject, from the totals per
                # subject (a 汇总 of many units puts hundreds of parts in one family)
                sums = _family_sums(doc, members)
                n, total, half = sums.get(None, (0, ZERO, ZERO))
                n_w, total_w, half_w = sums.get(w.subject, (0, ZERO, ZERO))
                if n - n_w < 2:
                    continue
                tolerance = amount_half_unit(w.amount) + half - half_w  # = sum_tolerance (≥ 2 parts)
                if verdict(w.amount.value, total - total_w, tolerance) != "error":
                    out.append((w, [(i, doc.claims[i]) for i in members if doc.claims[i].subject != w.subject]))
                    found = True
            if found:
                break
    return out


def _family_sums(doc: Document, members: list[int]) -> dict[str | None, tuple[int, Decimal, Decimal]]:
    """(count, Σ current, Σ half units) of the members, per subject and in all (key None)."""
    out: dict[str | None, tuple[int, Decimal, Decimal]] = {}
    for i in members:
        a = _current(doc, i)
        assert a is not None  # a family holds only claims with a current amount
        for key in (None, doc.claims[i].subject):
            n, t, h = out.get(key, (0, ZERO, ZERO))
            out[key] = (n + 1, t + a.value, h + amount_half_unit(a))
    return out


@rule("Y307", "各部分推算的上年数之和与总数不符", family="narrative", severity="warning",
      basis="算术", needs=("claims",))
def implied_priors(doc: Document) -> Iterator[Problem]:
    """The prior-year amounts the parts' changes imply do not add up to the prior-year whole.

    Why: each change may look right alone while the set is impossible — a change mistyped in one
    part shows only when the parts' prior years are added up.

    Each "本年 X，比上年增加 Y" implies a prior year X − Y. For a complete list of parts (their
    current amounts add up to the whole stated in the same section), the implied priors must add up
    to the whole's prior: the whole's own stated change where it has one, and in any case the same
    figure another complete list of the same whole implies (the 收入 parts and the 支出 parts both
    partition 收支总预算, so their implied priors must agree).

    Example: 收入 parts imply a prior of 2,774.14 万元, 支出 parts (基本 1,534.46 + 项目 1,239.68)
    the same — consistent; a 项目支出 change mistyped by 100 万元 would break it.

    A list of income sources or of 类/款/项 may leave out what fell to zero this year (last year's
    money under a discontinued 项), so its implied priors may fall short of the whole's; they may
    never exceed it. 基本支出 + 项目支出 are always both printed, so that list must match exactly.

    Tolerance: every current amount and every change is rounded: the sum of their half units.
    """
    parts_of = _partitions(doc)
    if not parts_of:
        raise NotApplicable("说明中没有带同比变动、且能合计到总数的分项")
    # (prior, names, closed) of the lists seen per whole
    seen: dict[Decimal, list[tuple[Interval, str, bool]]] = {}
    for whole, parts in parts_of:
        assert whole.amount is not None
        priors = [p for i, c in parts if (a := _current(doc, i)) is not None and (p := _prior(a, c)) is not None]
        if len(priors) != len(parts):
            continue
        total = Interval(sum((p.lo for p in priors), ZERO), sum((p.hi for p in priors), ZERO))
        names = "、".join(c.subject_text for _, c in parts)
        closed = _family(parts[0][1].subject) in _CLOSED_FAMILIES
        first = doc.claims[parts[0][0]]
        wprior = _prior(whole.amount, whole) if _signed_change(whole) is not None else None
        if wprior is not None and not total.meets(wprior) and (closed or total.lo > wprior.hi):
            yield Problem(
                f"{names}推算的上年数合计 {fmt(total.mid)} 万元，与「{whole.subject_text}」推算的上年数 "
                f"{fmt(wprior.mid)} 万元不符", location=claim_location(first),
                expected=fmt(wprior.mid), actual=fmt(total.mid), source=quote(whole))
        key = whole.amount.value.quantize(Decimal("0.01"))
        for other, onames, oclosed in seen.get(key, []):
            if total.meets(other):
                continue
            # a list of sources or classes may leave out what fell to zero this year, so its priors may
            # fall short of a closed list's (基本 + 项目); they may never exceed them
            if (closed and oclosed) or (closed and other.lo > total.hi) or (oclosed and total.lo > other.hi):
                yield Problem(
                    f"{names}推算的上年数合计 {fmt(total.mid)} 万元，与{onames}推算的上年数合计 "
                    f"{fmt(other.mid)} 万元不符（两组都是 {whole.amount.shown()}的分项），至少一处增减额有误",
                    location=claim_location(first), expected=fmt(other.mid), actual=fmt(total.mid),
                    source=quote(first))
        seen.setdefault(key, []).append((total, names, closed))


# --------------------------------------------------------------------------------------------
# Y308–Y311 sums stated in the narrative


def _first_amounts(doc: Document, prefix: str) -> dict[str, Claim]:
    out: dict[str, Claim] = {}
    for c in doc.claims:
        if c.subject.startswith(prefix) and c.amount is not None and c.subject not in out:
            out[c.subject] = c
    return out


def _sum_problem(whole: Claim, parts: Sequence[Claim], what: str) -> Problem | None:
    assert whole.amount is not None
    amounts = [p.amount for p in parts if p.amount is not None]
    expected = sum((a.value for a in amounts), ZERO)
    v = verdict(whole.amount.value, expected, sum_tolerance(whole.amount, amounts))
    if v == "ok":
        return None
    listing = " + ".join(f"{p.subject_text} {p.amount.text}" for p in parts if p.amount is not None)
    if v == "rounding":
        return Problem(f"{what}：「{whole.subject_text}」{whole.amount.shown()}与 {listing} = {fmt(expected)} "
                       f"相差 {fmt(whole.amount.value - expected)}，在四舍五入误差内",
                       location=claim_location(whole), expected=fmt(expected), actual=whole.amount.text,
                       source=quote(whole), severity="info", category="rounding")
    return Problem(f"{what}：「{whole.subject_text}」{whole.amount.shown()}不等于 {listing} = {fmt(expected)}",
                   location=claim_location(whole), expected=fmt(expected), actual=whole.amount.text,
                   source=quote(whole))


@rule("Y308", "说明中“三公”经费各项之和与合计不符", family="narrative", severity="error",
      basis="财预〔2016〕143号", needs=("claims",))
def three_public_sum(doc: Document) -> Iterator[Problem]:
    """The "三公" items the narrative states do not add up to the "三公" total it states.

    Why: the "三公" figures are the most read lines of a disclosure and are checked by inspectors
    one by one; items that do not make their total are a finding on their own.

    因公出国（境）费 + 公务用车购置及运行费 + 公务接待费 = "三公"经费; 公务用车购置费 + 公务用车
    运行费 = 公务用车购置及运行费. The same holds for their year-over-year changes (signed). The
    comparison with the "三公" table is rule Y301's.

    Example: "“三公”经费 2.04 万元，其中：因公出国（境）费 0 万元，公务用车购置费 0 万元，公务用车
    运行费 2.00 万元，公务接待费 0.14 万元" — the items add up to 2.14.

    Tolerance: the sum of the half units of the printed figures.
    """
    got = _first_amounts(doc, "three_public.")
    total = got.get("three_public.total")
    if total is None or len(got) < 3:
        raise NotApplicable("说明未列出“三公”经费合计及分项")
    vehicles = got.get("three_public.vehicles")
    split = [got[k] for k in ("three_public.vehicle_purchase", "three_public.vehicle_operation") if k in got]
    if vehicles is not None and len(split) == 2:
        p = _sum_problem(vehicles, split, "公务用车购置及运行费")
        if p:
            yield p
    readings = _three_public_readings(got)
    if readings:
        problems = [_sum_problem(total, items, "“三公”经费") for items in readings]
        if all(p is not None for p in problems):
            yield problems[0]  # type: ignore[misc]
    # the changes: signed sum of the items' changes = the total's change ("持平" is a change of 0)
    changes: dict[str, Claim] = {}
    for c in doc.claims:
        if c.subject.startswith("three_public.") and c.subject not in changes and (
                _signed_change(c) is not None or c.direction == "flat"):
            changes[c.subject] = c
    tc = changes.get("three_public.total")
    if tc is None or _signed_change(tc) is None:
        return
    tch = _signed_change(tc)
    assert tch is not None
    sums: list[tuple[Decimal, list[Claim]]] = []
    for parts in _three_public_readings(changes):
        pch = [_signed_change(p) or Amount(value=ZERO, text="0") for p in parts]
        s = sum((a.value for a in pch), ZERO)
        if verdict(tch.value, s, sum_tolerance(tch, pch)) != "error":
            return
        sums.append((s, parts))
    if sums:
        s, parts = sums[0]
        listing = "、".join(f"{p.subject_text} {_signed_text(p)}" for p in parts)
        yield Problem(f"“三公”经费比上年变动 {fmt(tch.value)} 万元，各项变动之和为 {fmt(s)} 万元（{listing}）",
                      location=claim_location(tc), expected=fmt(s), actual=fmt(tch.value), source=quote(tc))


def _signed_text(c: Claim) -> str:
    a = _signed_change(c)
    if a is None:
        return "持平"
    return f"{'+' if a.value >= 0 else '−'}{c.change.text if c.change else ''}"


def _three_public_readings(got: dict[str, Claim]) -> list[list[Claim]]:
    """The ways the stated items can make up the "三公" total: with 公务用车购置及运行费 as one item,
    or as 购置 + 运行 (购置 unstated counts as nothing)."""
    overseas, reception = got.get("three_public.overseas_travel"), got.get("three_public.reception")
    if overseas is None or reception is None:
        return []
    out: list[list[Claim]] = []
    vehicles = got.get("three_public.vehicles")
    purchase, operation = got.get("three_public.vehicle_purchase"), got.get("three_public.vehicle_operation")
    if vehicles is not None:
        out.append([overseas, vehicles, reception])
    if purchase is not None and operation is not None:
        out.append([overseas, purchase, operation, reception])
    if operation is not None and purchase is None:
        out.append([overseas, operation, reception])
        if vehicles is not None:
            # "公务用车购置及运行维护费 701.34 万元（公务用车购置费 331 万元，比上年增加 119.15 万元；
            # 公务用车运行维护费 …）": the change printed beside the whole is the purchase's
            out.append([overseas, vehicles, operation, reception])
    return out


@rule("Y309", "政府采购货物、工程、服务之和与总额不符", family="narrative", severity="error",
      basis="财预〔2016〕143号", needs=("claims",))
def procurement_sum(doc: Document) -> Iterator[Problem]:
    """政府采购预算 ≠ 货物 + 工程 + 服务 as the narrative states them.

    Why: the three kinds are the whole of 政府采购; a total they do not make is wrong or one of them
    is. Example: "政府采购预算 18.29 万元，其中：货物 5.36 万元，工程 0 万元，服务 12.39 万元" (17.75).
    When only some of the three are stated, their sum must not exceed the total.

    Tolerance: the sum of the half units of the printed figures.
    """
    got = _first_amounts(doc, "procurement.")
    total = got.get("procurement.total")
    parts = [got[k] for k in ("procurement.goods", "procurement.works", "procurement.services") if k in got]
    if total is None or not parts:
        raise NotApplicable("说明未列出政府采购预算及其分项")
    if len(parts) == 3:
        p = _sum_problem(total, parts, "政府采购预算")
        if p:
            yield p
        return
    assert total.amount is not None
    amounts = [c.amount for c in parts if c.amount is not None]
    s = sum((a.value for a in amounts), ZERO)
    if s - total.amount.value > sum_tolerance(total.amount, amounts):
        yield Problem(f"政府采购分项之和 {fmt(s)} 万元超过总额 {total.amount.shown()}",
                      location=claim_location(total), expected=f"≤ {total.amount.text}", actual=fmt(s),
                      source=quote(total))


def _other_expense_kinds(doc: Document) -> bool:
    """The expense table prints spending that is neither basic nor project (上缴上级 …)."""
    t = doc.table("expense")
    total = next((r for r in t.rows if r.code == "TOTAL"), None) if t is not None else None
    if total is None:
        return False
    return any(a.value != 0 for k, a in total.values.items() if k in ("to_superior", "operating", "to_subsidiary"))


_SPLITS: list[tuple[str, tuple[str, ...], str]] = [
    ("gpb.basic", ("gpb.personnel", "gpb.public"), "人员经费 + 公用经费 = 基本支出"),
    ("expense.basic", ("expense.personnel", "expense.public"), "人员经费 + 公用经费 = 基本支出"),
    ("gpb.total", ("gpb.basic", "gpb.project"), "基本支出 + 项目支出 = 一般公共预算当年拨款"),
    ("expense.total", ("expense.basic", "expense.project"), "基本支出 + 项目支出 = 支出预算"),
    ("total", ("expense.basic", "expense.project"), "基本支出 + 项目支出 = 收支总预算"),
]


@rule("Y311", "说明中分项之和与所述总数不符", family="narrative", severity="error", basis="算术", needs=("claims",))
def narrative_splits(doc: Document) -> Iterator[Problem]:
    """The narrative's own split of a whole does not add up: 人员经费 + 公用经费 = 基本支出,
    基本支出 + 项目支出 = 支出预算 / 一般公共预算当年拨款.

    Each side is taken as first stated in the narrative; the comparison with the tables is Y301's.
    This rule catches the narrative contradicting itself even where no table was read.

    Why: the split is the narrative's own arithmetic. Example: "基本支出 418.30 万元，其中：人员经费
    411.58 万元…公用经费 7.62 万元" (419.20). 基本 + 项目 short of 支出预算 is only noted: the total may
    also hold 上缴上级 or 经营支出 the text does not name (info, category ``scope``).

    Tolerance: the sum of the half units of the printed figures.
    """
    first: dict[str, Claim] = {}
    for c in doc.claims:
        if c.amount is not None and c.subject not in first:
            first[c.subject] = c
    checked = 0
    done: set[tuple[str, ...]] = set()
    for whole, parts, what in _SPLITS:
        if whole not in first or not all(p in first for p in parts) or parts in done:
            continue
        done.add(parts)
        checked += 1
        p = _sum_problem(first[whole], [first[s] for s in parts], what)
        if p and whole in ("expense.total", "total") and p.severity is None:
            w = first[whole].amount
            assert w is not None
            if _other_expense_kinds(doc):
                continue
            listed = [a.value for x in parts if (a := first[x].amount) is not None]
            if sum(listed, ZERO) < w.value:
                # 支出 may also hold 上缴上级、事业单位经营、对附属单位补助 the text does not list: a
                # template that does so prints this on every document, so it is a note, not a warning
                p.severity = "info"
                p.category = "scope"
                p.message += "（差额可能是上缴上级、经营支出等未列出的支出，请核对）"
        if p:
            yield p
    if not checked:
        raise NotApplicable("说明未同时列出总数及其分项")


# --------------------------------------------------------------------------------------------
# Y310 projects


_NAME_NOISE = re.compile(r"[\s\u3000（）()【】\[\]“”\"'‘’《》<>、，,。.：:；;\-—_·]")


def norm_name(name: str) -> str:
    return _NAME_NOISE.sub("", name)


@rule("Y310", "项目说明的预算安排规模与项目支出表不符", family="narrative", severity="warning",
      basis=BASIS_TEMPLATE, needs=("projects",))
def project_scale(doc: Document) -> Iterator[Problem]:
    """A project's 预算安排规模 in the 项目支出情况说明 differs from the project table.

    Why: the project description is where the text says what the money buys; a scale other than
    the table's leaves the reader with two amounts for one project. Example: "预算安排规模：11.69
    万元" for a project the table lists at 11.96.

    Each described project is found in the 一般公共预算项目支出情况表 by name (spaces and
    punctuation ignored; several rows or descriptions of one name are added up) and its amount
    compared. The described projects together may not exceed the 项目支出 total; when they are
    all the projects, they should add up to it (a difference within rounding is reported as info).

    Tolerance: equal printed precision must be equal; otherwise half a unit of each last digit.
    """
    table = doc.table("gpb_project")
    rows: dict[str, list[Row]] = {}
    total_amount: Amount | None = None
    if table is not None:
        total = next((r for r in table.rows if r.code == "TOTAL"), None)
        cv = _cell_value(total, "total") if total is not None else None
        total_amount = cv[1] if cv else None
        # project rows: named as projects, else the leaf rows (项 codes or no code)
        leaves = [r for r in table.rows if r.code != "TOTAL" and r.project and "total" in r.values]
        if not leaves:
            leaves = [r for r in table.rows if r.code != "TOTAL" and "total" in r.values and r.name
                      and (r.code is None or len(r.code) >= 7)]
        read = [r.values["total"] for r in leaves]
        # compare project by project only when the rows read add up to the table's total: a row
        # the reader missed would otherwise show as a wrong project amount
        complete = total_amount is not None and verdict(
            total_amount.value, sum((a.value for a in read), ZERO), sum_tolerance(total_amount, read)) != "error"
        if complete:
            for r in leaves:
                name = r.project or r.name
                rows.setdefault(norm_name(name), []).append(r)
    if total_amount is None:
        for c in doc.claims:
            if c.subject == "gpb.project" and c.amount is not None:
                total_amount = c.amount
                break
    described: dict[str, list[Amount]] = {}
    names: dict[str, str] = {}
    for p in doc.projects:
        if p.scale is None:
            continue
        key = norm_name(p.name)
        described.setdefault(key, []).append(p.scale)
        names.setdefault(key, p.name)
    if not described:
        raise NotApplicable("项目说明未列出预算安排规模")
    checked = 0
    for key, scales in described.items():
        matched = rows.get(key)
        if matched is None and len(key) >= 6:
            hits = [k for k in rows if key in k or k in key]
            matched = rows[hits[0]] if len(hits) == 1 else None
        if not matched:
            continue
        checked += 1
        cells = [r.values["total"] for r in matched]
        s_text = sum((a.value for a in scales), ZERO)
        s_table = sum((a.value for a in cells), ZERO)
        tol = sum((amount_half_unit(a) for a in scales + cells), ZERO) if len(scales) + len(cells) > 2 \
            else equal_tolerance(scales[0], cells[0])
        v = verdict(s_table, s_text, tol)
        if v == "error":
            src = next(p for p in doc.projects if norm_name(p.name) == key)
            assert table is not None
            yield Problem(f"项目「{names[key]}」预算安排规模 {fmt(s_text)} 万元，项目支出表为 {fmt(s_table)} 万元",
                          location=Location(table=table.id, table_title=table.title, row_name=matched[0].project
                                            or matched[0].name, file=src.source.file, page=src.source.page,
                                            line=src.source.line),
                          expected=fmt(s_table), actual=fmt(s_text), source=f"项目名称：{src.name}；预算安排规模："
                          f"{src.scale.text if src.scale else ''}")
    if total_amount is not None:
        all_scales = [a for v in described.values() for a in v]
        s = sum((a.value for a in all_scales), ZERO)
        tol = sum_tolerance(total_amount, all_scales)
        first = doc.projects[0]
        loc = Location(section="项目支出情况说明", file=first.source.file, page=first.source.page, line=first.source.line)
        if s - total_amount.value > tol:
            checked += 1
            yield Problem(f"说明所列 {len(all_scales)} 个项目预算安排规模合计 {fmt(s)} 万元，超过项目支出合计 "
                          f"{total_amount.shown()}", location=loc, expected=f"≤ {total_amount.text}",
                          actual=fmt(s), source="；".join(f"{p.name} {p.scale.text}" for p in doc.projects if p.scale))
        elif s != total_amount.value and total_amount.value - s <= tol:
            checked += 1
            yield Problem(f"说明所列项目预算安排规模合计 {fmt(s)} 万元，与项目支出合计 {total_amount.shown()}相差 "
                          f"{fmt(total_amount.value - s)}，在四舍五入误差内", location=loc, expected=total_amount.text,
                          actual=fmt(s), severity="info", category="rounding",
                          source="；".join(f"{p.name} {p.scale.text}" for p in doc.projects if p.scale))
    if not checked:
        raise CannotRun("项目说明中的项目在项目支出表中均未找到")


# --------------------------------------------------------------------------------------------
# Y312 the same quantity stated twice


def _scope(c: Claim) -> str:
    """Which money a 类/款/项 or 经济分类 figure counts: the section says (all funds in the 支出
    section, 一般公共预算 in its own sections …); other subjects say it themselves."""
    if not c.subject.startswith(("func", "econ")):
        return ""
    sec = re.sub(r"\s+", "", c.section or "")
    # stems: a title wrapped by the PDF may be cut ("…2026年一般公共预")
    for stem, word in (("一般公共预", "一般公共预算"), ("政府性基", "政府性基金"), ("国有资本", "国有资本"),
                       ("财政拨款", "财政拨款"), ("三公", "三公")):
        if stem in sec:
            return word
    return "all"


@rule("Y312", "说明中同一数字前后不一致", family="narrative", severity="warning", basis="算术", needs=("claims",))
def restated_differently(doc: Document) -> Iterator[Problem]:
    """The narrative states the same quantity twice with different amounts.

    Why: the 情况说明 repeats itself by design (收支总预算 in the overview and in the 收入 / 支出
    sections; 基本支出 in the 支出 section and the 一般公共预算 section; each 类 in the 财政拨款
    overview and in the 结构 list). Two printings of one quantity that differ beyond rounding mean
    one of them is wrong, whatever the tables say. Example: 卫生健康支出 483.92 万元 in the
    一般公共预算 overview and 438.92 万元 in its 结构 list. A 类 stated for all funds and for the
    一般公共预算 alone are different quantities and are not compared; nor are figures in a section
    of one budget unit, or qualified as carried over.

    Tolerance: as for any figure printed twice — equal at equal precision, else half a unit of each
    last digit.
    """
    first: dict[tuple[str, str], Claim] = {}
    checked = 0
    for i, c in enumerate(doc.claims):
        if c.restated is not None and (stated_first := _current(doc, i)) is not None:
            # "住房公积金 208.80 万元。…2026年预算安排 201.50 万元": one item, two amounts, one paragraph
            checked += 1
            if verdict(stated_first.value, c.restated.value, equal_tolerance(stated_first, c.restated)) == "error":
                yield Problem(f"「{c.subject_text}」先称 {stated_first.shown()}，同段又称预算安排 {c.restated.shown()}",
                              location=claim_location(c), expected=stated_first.text, actual=c.restated.text,
                              source=quote(c))
        if c.amount is None or c.subject.startswith(("project:", "func?:")) or qualified(c) or unit_scoped(c.section) \
                or amount_is_prior(c):
            continue
        key = (c.subject, _scope(c))
        f = first.get(key)
        if f is None:
            first[key] = c
            continue
        assert f.amount is not None
        checked += 1
        if verdict(f.amount.value, c.amount.value, equal_tolerance(f.amount, c.amount)) == "error":
            yield Problem(f"「{c.subject_text}」此处为 {c.amount.shown()}，前文（{f.section or '前文'}）为 "
                          f"{f.amount.shown()}", location=claim_location(c), expected=f.amount.text,
                          actual=c.amount.text, source=f"{quote(c)} ／ 前文：{quote(f)}")
    if not checked:
        raise NotApplicable("说明中没有重复表述的数字")


# --------------------------------------------------------------------------------------------
# Y313 a prior year stated outright

@rule("Y313", "同比增减额与所述上年数不符", family="narrative", severity="error", basis="算术", needs=("claims",))
def stated_prior(doc: Document) -> Iterator[Problem]:
    """A statement that names last year's amount outright ("比 2025 年年初预算数 28,479.84 万元增加
    1,476.73 万元") whose change is not current − prior.

    Example: "2026 年支出预算 29,956.27 万元，比 2025 年年初预算数 28,479.84 万元增加 1,476.73 万元".

    Why: with the prior year printed, the change and the percentage follow from it; a change that
    does not is a typing slip in one of the three numbers (here 29,956.27 − 28,479.84 = 1,476.43).
    The percentage is then checked against the stated prior by rule Y305.

    Tolerance: the half units of the three printed amounts.
    """
    checked = 0
    for i, c in enumerate(doc.claims):
        if c.change is None or c.direction not in ("increase", "decrease") or not c.sentence:
            continue
        cur = c.restated or _current(doc, i)
        if cur is None:
            continue
        prior = c.prior
        if prior is None:
            continue
        checked += 1
        sign = 1 if c.direction == "increase" else -1
        implied = cur.value - prior.value
        tol = amount_half_unit(cur) + amount_half_unit(prior) + amount_half_unit(c.change)
        if abs(implied - sign * c.change.value) <= tol:
            continue
        yield Problem(
            f"「{c.subject_text}」本年 {cur.shown()}，所述上年 {prior.shown()}，相差 {fmt(implied)} 万元，"
            f"而文中称{'增加' if sign > 0 else '减少'} {c.change.shown()}",
            location=claim_location(c), expected=fmt(abs(implied)), actual=c.change.text, source=quote(c))
    if not checked:
        raise NotApplicable("说明中没有写明上年金额的同比表述")


# --------------------------------------------------------------------------------------------
# Y314 / Y315 the lists of classes and sources the overview names

_LIST_RE = re.compile(r"(收入|支出)(?:预算)?包括\s*[:：]\s*([^。；;]*)")


def _class_key(name: str) -> str:
    n = re.sub(r"[\s\u3000]", "", name)
    n = re.sub(r"[（(][类款项][）)]", "", n)
    return n.removesuffix("支出")


def _listed_names(doc: Document, kind: str) -> tuple[list[str], str, Claim | None, Location] | None:
    """The names a "收入/支出预算包括：A、B、C。" sentence lists (a bare list, no amounts), in a
    section about all the money (not the 财政拨款 or 一般公共预算 sections)."""
    for s in doc.sections:
        title = re.sub(r"\s+", "", s.title)
        if any(w in title for w in ("财政拨款", "一般公共预", "政府性基", "国有资本", "三公")):
            continue
        for m in _LIST_RE.finditer(s.text):
            if m.group(1) != kind or re.search(r"[0-9]", m.group(2)):
                continue
            names = [n.strip(" 　“”\"") for n in re.split(r"[、，,]", m.group(2)) if n.strip(" 　“”\"")]
            if names:
                loc = Location(section=f"{s.number + '、' if s.number else ''}{s.title}", file=s.source.file,
                               page=s.source.page, line=s.source.line)
                return names, m.group(0), None, loc
    return None


@rule("Y314", "说明列举的支出功能分类与支出表不符", family="narrative", severity="warning",
      basis=BASIS_TEMPLATE, needs=("sections", "table:expense"))
def listed_classes(doc: Document) -> Iterator[Problem]:
    """The overview's "支出预算包括：社会保障和就业支出、卫生健康支出、住房保障支出" names other 类
    than the 支出总体情况表 has.

    Why: the sentence is the reader's summary of where the money goes; a class left out hides a
    spending line, a class named that the table lacks points at a copied text. Example:
    "支出预算包括：社会保障和就业支出、卫生健康支出" when the table also has 221 住房保障支出.

    Each named class is matched to a 类 row of the expense table (by name, or by the class names of
    the 政府收支分类科目); a 类 with a non-zero total that the sentence leaves out, or a named 类
    the table does not have, is reported. Names the classification does not know are ignored.

    Tolerance: none — a class is there or not.
    """
    found = _listed_names(doc, "支出")
    if found is None:
        raise NotApplicable("说明中没有“支出预算包括：…”的列举")
    names, sentence, _, loc = found
    t = doc.table("expense")
    assert t is not None
    rows = {r.code: r for r in t.rows if r.code and len(r.code) == 3 and r.code.isdigit()}
    if not rows:
        raise CannotRun("支出表未读取到类级科目")
    by_name = {_class_key(r.name): code for code, r in rows.items() if r.name}
    by_name.update({_class_key(n): c for n, c in load_catalog().class_names("func").items()
                    if _class_key(n) not in by_name})
    named: dict[str, str] = {}
    for n in names:
        code = by_name.get(_class_key(n))
        if code:
            named[code] = n
    if not named:
        raise NotApplicable("列举的名称不是功能分类科目")
    nonzero = {c for c, r in rows.items() if (cv := _cell_value(r, "total")) is not None and cv[1].value != 0}
    missing = sorted(nonzero - set(named))
    extra = sorted(set(named) - set(rows))
    loc.table, loc.table_title = t.id, t.title
    if missing:
        listing = "、".join(f"{c} {rows[c].name or _class_name(c)}" for c in missing)
        yield Problem(f"说明称支出预算包括「{'、'.join(names)}」，未提及支出表中有预算的 {listing}",
                      location=loc, expected="、".join(f"{c}" for c in sorted(nonzero)),
                      actual="、".join(sorted(named)), source=sentence)
    if extra:
        listing = "、".join(named[c] for c in extra)
        yield Problem(f"说明称支出预算包括「{listing}」，支出表中没有该类支出", location=loc,
                      expected="、".join(sorted(rows)), actual="、".join(sorted(named)), source=sentence)


def _class_name(code: str) -> str:
    e = load_catalog().get(code)
    return e.name if e else ""


# income sources: the words a list uses → the income table columns they cover
_SOURCE_GROUPS: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    ("一般公共预算", re.compile(r"一般公共预算|公共财政"), ("gpb", "gpb_transfer")),
    ("政府性基金", re.compile(r"政府性基金"), ("gov_fund", "gov_fund_transfer")),
    ("国有资本经营预算", re.compile(r"国有资本"), ("soe", "soe_transfer")),
    ("财政专户管理资金", re.compile(r"财政专户|教育收费"), ("fiscal_special",)),
    ("上年结转结余", re.compile(r"结转|结余"), ("carryover", "fiscal_carryover", "nonfiscal_carryover")),
    ("单位资金", re.compile(r"单位资金|事业收入|经营收入|其他收入|上级补助|附属单位|其他资金"),
     ("unit_funds", "business", "operating", "other", "superior_grant", "subsidiary")),
]


@rule("Y315", "说明列举的收入来源与收入表不符", family="narrative", severity="warning",
      basis=BASIS_TEMPLATE, needs=("sections", "table:income"))
def listed_sources(doc: Document) -> Iterator[Problem]:
    """The overview's "收入预算包括：一般公共预算、单位资金、财政拨款结转结余" names other sources than
    the 收入总体情况表 has.

    Why: as for Y314 — the summary sentence should name the money the tables show. Example:
    "收入预算包括：一般公共预算、政府性基金预算" when the table has 单位资金 and no 政府性基金.

    Sources are compared by kind: 一般公共预算 (with its transfers from above), 政府性基金,
    国有资本经营预算, 财政专户, 单位资金 (事业收入、经营收入、其他收入 …), 上年结转结余. A kind with a
    non-zero total in the income table that the sentence leaves out, or a kind named that the
    table does not have, is reported.

    Tolerance: none.
    """
    found = _listed_names(doc, "收入")
    if found is None:
        raise NotApplicable("说明中没有“收入预算包括：…”的列举")
    names, sentence, _, loc = found
    t = doc.table("income")
    assert t is not None
    total = next((r for r in t.rows if r.code == "TOTAL"), None)
    if total is None or len(total.values) < 2:
        raise CannotRun("收入表未读取到各来源的合计")
    named = {label for label, pat, _ in _SOURCE_GROUPS if any(pat.search(n) for n in names)}
    if not named:
        raise NotApplicable("列举的名称不是收入来源")
    known = {label for label, _, cols in _SOURCE_GROUPS if any(c in total.values for c in cols)}
    present = {label for label, _, cols in _SOURCE_GROUPS
               if any(total.values[c].value != 0 for c in cols if c in total.values)}
    loc.table, loc.table_title = t.id, t.title
    missing = [label for label, _, _ in _SOURCE_GROUPS if label in present and label not in named]
    extra = [label for label, _, _ in _SOURCE_GROUPS if label in named and label in known and label not in present]
    if missing:
        yield Problem(f"说明称收入预算包括「{'、'.join(names)}」，未提及收入表中有数的{'、'.join(missing)}",
                      location=loc, expected="、".join(sorted(present)), actual="、".join(sorted(named)), source=sentence)
    if extra:
        yield Problem(f"说明称收入预算包括{'、'.join(extra)}，收入表中该来源为零或空白",
                      location=loc, expected="、".join(sorted(present)), actual="、".join(sorted(named)), source=sentence)
