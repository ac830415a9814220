"""The standard tables, computed from the rounded leaf figures, as canonical model tables.

Each table is a ``yusuan.model.Table`` with the ids of yusuan/data/tables.toml; ``Column.header``
is the printed header path ("group/header"), from which the layout draws merged header cells.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from yusuan.generate.figures import PERSONNEL_HEADS, TO_WAN, ZERO, Figures, Item, code_name
from yusuan.generate.spec import SOURCE_NAMES, SOURCES
from yusuan.generate.template import TableTemplate, Template
from yusuan.model import Amount, Column, Row, Table

CLASS_NUMBERS = "一二三四五六七八九十"


def fmt(v: Decimal) -> str:
    return f"{v:,.2f}"


def amount(v: Decimal, unit: str, text: str | None = None) -> Amount:
    return Amount(value=v * TO_WAN[unit], text=text if text is not None else fmt(v), unit=unit)


ValueFn = Callable[[Item, str], Decimal]


def _func_value(table_id: str) -> ValueFn:
    """The value of a 项 in a column of a function-classified table."""
    source = {"gpb_expense": "gpb", "gov_fund": "gov_fund", "soe_capital": "soe"}.get(table_id)

    def value(it: Item, col: str) -> Decimal:
        if col in SOURCES:
            return it.total(col)
        if col == "total":
            return it.total(source)
        if col in ("basic", "project"):
            return it.part(col, source)
        raise KeyError(col)

    return value


def _func_rows(fig: Figures, cols: list[str], value: ValueFn, keep: Callable[[Item], bool]) -> list[Row]:
    """合计, then every 类, 款 and 项 with its sums, in code order; zero cells are left blank."""
    items = [it for it in fig.items if keep(it)]
    unit = fig.unit
    sums: dict[str, dict[str, Decimal]] = {}
    for it in items:
        for key in ("TOTAL", it.code[:3], it.code[:5], it.code):
            d = sums.setdefault(key, {})
            for c in cols:
                d[c] = d.get(c, ZERO) + value(it, c)
    if not items:
        return []
    rows = [Row(code="TOTAL", name="合计", values=_vals(sums["TOTAL"], unit, keep_zero=True))]
    for key in sorted(k for k in sums if k != "TOTAL"):
        name = fig.name_of(key) if len(key) == 7 else code_name(key)
        rows.append(Row(code=key, name=name, values=_vals(sums[key], unit)))
    return rows


def _vals(d: dict[str, Decimal], unit: str, keep_zero: bool = False) -> dict[str, Amount]:
    return {c: amount(v, unit) for c, v in d.items() if v or keep_zero}


def _columns(tt: TableTemplate) -> list[Column]:
    return [Column(id=c, header=h) for c, h in tt.columns]


def _table(tt: TableTemplate, title: str, fig: Figures, preparer: str, number: str) -> Table:
    return Table(id=tt.id, title=title, number=number, unit=fig.unit, preparer=preparer, columns=_columns(tt))


def build_table(tt: TableTemplate, fig: Figures, template: Template, number: str) -> Table:
    spec = fig.spec
    fmt_args = {"department": spec.department, "year": spec.year, "level": spec.level}
    t = _table(tt, tt.title.format(**fmt_args), fig, spec.department, number)
    cols = [c for c, _ in tt.columns]
    tid = tt.id
    if tid in ("income", "expense", "gpb_expense", "gov_fund", "soe_capital", "fiscal_expense"):
        source = {"gpb_expense": "gpb", "gov_fund": "gov_fund", "soe_capital": "soe"}.get(tid)
        t.rows = _func_rows(fig, cols, _func_value(tid), lambda it: bool(it.total(source)))
        if not t.rows:
            t.empty = True
            t.empty_note = (tt.empty_note or "本表为空表。").format(**fmt_args)
    elif tid == "gpb_basic":
        t.rows = _econ_rows(fig, cols)
    elif tid == "three_public":
        tp = fig.three_public
        vals = dict(tp)
        vals["vehicles"] = tp["vehicle_purchase"] + tp["vehicle_operation"]
        vals["TOTAL"] = sum(tp.values(), ZERO)
        # one row of figures, the items printed as columns; zero printed as 0.00 (a 三公 item is
        # always stated, even when nothing is budgeted)
        t.rows = [Row(code=c, name=h.split("/")[-1], values={"total": amount(vals[c], fig.unit)})
                  for c, h in tt.columns]
    elif tid in ("summary", "fiscal_summary"):
        t.columns = [Column(id=c, header=h) for c, h in (*tt.income_columns, *tt.expense_columns)]
        t.rows = _two_sided(fig, tid, [c for c, _ in tt.expense_columns])
    elif tid == "gpb_project":
        t.rows = _project_rows(fig, cols)
    elif tid == "procurement":
        t.rows = _procurement_rows(fig, cols)
        if not t.rows:
            t.empty = True
            t.empty_note = (tt.empty_note or "本表为空表。").format(**fmt_args)
    elif tid == "admin_operation":
        v = fig.admin_operation or ZERO
        t.rows = [Row(code="TOTAL", name="合计", values={"total": amount(v, fig.unit)})]
    else:
        raise ValueError(f"模板中的表 {tid} 不能由 spec 生成")
    return t


def _econ_rows(fig: Figures, cols: list[str]) -> list[Row]:
    sums: dict[str, dict[str, Decimal]] = {}
    for code, _name, v in fig.econ:
        kind = "personnel" if code[:3] in PERSONNEL_HEADS else "public"
        for key in ("TOTAL", code[:3], code):
            d = sums.setdefault(key, {c: ZERO for c in cols})
            d["total"] = d.get("total", ZERO) + v
            if kind in d:
                d[kind] += v
    names = {code: name for code, name, _ in fig.econ}
    rows = [Row(code="TOTAL", name="合计", values=_vals(sums.get("TOTAL", {"total": ZERO}), fig.unit, True))]
    for key in sorted(k for k in sums if k != "TOTAL"):
        rows.append(Row(code=key, name=names.get(key) or code_name(key), values=_vals(sums[key], fig.unit)))
    return rows


def _project_rows(fig: Figures, cols: list[str]) -> list[Row]:
    """一般公共预算项目支出: one row per project under its 项 (合计, then the projects)."""
    rows = []
    total = sum((p.amount for p in fig.projects), ZERO)
    rows.append(Row(code="TOTAL", name="合计", values={"total": amount(total, fig.unit)}))
    for p in fig.projects:
        rows.append(Row(code=p.code, name=fig.name_of(p.code), project=p.name,
                        values={"total": amount(p.amount, fig.unit)}))
    return rows


def _procurement_rows(fig: Figures, cols: list[str]) -> list[Row]:
    if not fig.procurement or not any(fig.procurement.values()):
        return []
    vals: dict[str, Decimal] = {c: fig.procurement[c] for c in ("goods", "works", "services") if c in cols}
    vals["total"] = sum(fig.procurement.values(), ZERO)
    return [Row(code="TOTAL", name="合计", values={c: amount(v, fig.unit) for c, v in vals.items()
                                                 if c == "total" or v})]


_INCOME_ROWS = [
    ("gpb", "一般公共预算拨款收入"), ("gov_fund", "政府性基金预算拨款收入"), ("soe", "国有资本经营预算拨款收入"),
    ("fiscal_special", "财政专户管理资金收入"), ("business", "事业收入"), ("operating", "事业单位经营收入"),
    ("other", "其他收入"),
]


def _two_sided(fig: Figures, tid: str, expense_cols: list[str]) -> list[Row]:
    unit = fig.unit
    sources = ("gpb", "gov_fund", "soe") if tid == "fiscal_summary" else SOURCES
    rows: list[Row] = []
    n = 0
    for src, label in _INCOME_ROWS:
        if src not in sources:
            continue
        v = fig.total(src)
        rows.append(Row(code=f"income.{src}", name=f"{CLASS_NUMBERS[n]}、{label}", side="income",
                        values={"amount": amount(v, unit)} if v else {}))
        n += 1
    fiscal = tid == "fiscal_summary"
    total_in = sum((fig.total(s) for s in sources), ZERO)
    classes = sorted({it.code[:3] for it in fig.items if (not fiscal or any(it.total(s) for s in sources))})
    for i, cls in enumerate(classes):
        vals: dict[str, Amount] = {}
        for col in expense_cols:
            if col in ("amount", "total"):
                v = sum((it.total(s) for it in fig.items if it.code[:3] == cls for s in sources), ZERO)
            else:
                v = sum((it.total(col) for it in fig.items if it.code[:3] == cls), ZERO)
            if v:
                vals[col] = amount(v, unit)
        rows.append(Row(code=cls, name=f"{_cn(i + 1)}、{code_name(cls)}", side="expense", values=vals))
    in_label, out_label = ("收入总计", "支出总计")
    rows.append(Row(code="TOTAL", name=in_label, side="income", values={"amount": amount(total_in, unit)}))
    tot: dict[str, Amount] = {}
    for col in expense_cols:
        v = total_in if col in ("amount", "total") else fig.total(col)
        if v or col in ("amount", "total"):
            tot[col] = amount(v, unit)
    rows.append(Row(code="TOTAL", name=out_label, side="expense", values=tot))
    return rows


def _cn(n: int) -> str:
    from yusuan.generate.template import CN_NUMBERS

    return CN_NUMBERS[n - 1]


def source_label(src: str) -> str:
    return SOURCE_NAMES[src]
