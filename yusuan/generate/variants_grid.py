"""A one-sided table printed the way another template prints it, with the same figures.

``Printing`` says how (header words, the total row's label, codes joined, split or absent, names
wrapped, a page break, the column order, an extra 备注 column, a 政府经济分类 column beside the
functional one); ``variant_grid`` lays a canonical Table out so. The figures are never changed:
what the parser reads back is compared with the Table itself (yusuan/generate/variants_check.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.generate.layout import Cell, Grid, header_grid
from yusuan.model import Row, Table

# tables keyed by 功能分类 codes, and by 经济分类 codes
FUNCTION_TABLES = ("income", "expense", "gpb_expense", "gov_fund", "soe_capital", "fiscal_expense")
ECON_TABLES = ("gpb_basic",)
ONE_SIDED = FUNCTION_TABLES + ECON_TABLES


@dataclass(frozen=True)
class Printing:
    """How the one-sided tables are printed. Every field's default is the template's own way."""

    headers: tuple[tuple[str, str], ...] = ()  # column id → printed header (its last segment)
    code_header: str = "科目编码"
    name_header: str = "科目名称"
    total_label: str | None = None  # None: 合计; "" leaves the label cell blank
    # "template", "joined", "split" (类/款/项 cells), "sparse" (split, each row printing only its own
    # level's part: 款 "05" alone), "in-name" (one cell: "2080505 机关事业单位…") or "none"
    codes: str = "template"
    wrap: str = ""  # "": names on one line; "cell": long names broken inside the cell; "row": on a row of its own
    break_at: float | None = None  # a page break after this share of the body rows
    repeat_header: bool = True
    order: tuple[str, ...] = ()  # amount column ids, printed first in this order
    remark: str | None = None  # header of an extra text column at the right (备注)
    econ_beside: bool = False  # a 政府经济分类 code and name beside each 项 of a function table
    total_last: bool = False  # the total row printed under the rows, not above them
    zero: str = ""  # how a zero (absent) amount is printed: blank, "0.00", "-"
    group: str | None = None  # a header printed over every amount column (本年预算 / 合计 | 基本支出 …)
    grouping: bool = True  # digit groups (1,019.50) or none (1019.50)


WRAP_MIN = 7  # names of at least this many characters are the ones a narrow column wraps


def _econ_of(row: Row) -> tuple[str, str]:
    """A 政府经济分类 for a 项 row: 机关工资福利支出 for basic money, 机关商品和服务支出 for the rest."""
    if "project" in row.values and "basic" not in row.values:
        return "50201", "办公经费"
    return "50101", "工资奖金津补贴"


def _label_columns(t: Table, p: Printing, code_style: str) -> list[tuple[list[str], str]]:
    func = t.id in FUNCTION_TABLES
    coded = any((r.code or "").isdigit() for r in t.rows)
    style = code_style if p.codes == "template" else p.codes
    cols: list[tuple[list[str], str]] = []
    if coded and style not in ("none", "in-name"):
        if style in ("split", "sparse") and func:
            cols += [([p.code_header, "类"], "cls"), ([p.code_header, "款"], "kuan"), ([p.code_header, "项"], "xiang")]
        else:
            cols.append(([p.code_header], "code"))
    cols.append(([p.name_header if coded else "项目"], "name"))
    if p.econ_beside and func:
        cols += [(["政府经济分类", "科目编码"], "econ_code"), (["政府经济分类", "科目名称"], "econ_name")]
    return cols


def _wrapped(name: str) -> tuple[str, str]:
    cut = (len(name) + 1) // 2
    return name[:cut], name[cut:]


def _label(row: Row, key: str, p: Printing) -> Cell:
    code = row.code if row.code and row.code.isdigit() else ""
    bold = row.code == "TOTAL" or (bool(code) and len(code) < 7)
    if key == "code":
        return Cell(code, bold=bold)
    if key in ("cls", "kuan", "xiang"):
        lo, hi = {"cls": (0, 3), "kuan": (3, 5), "xiang": (5, 7)}[key]
        if p.codes == "sparse" and hi != len(code):
            return Cell("", bold=bold)
        return Cell(code[lo:hi], bold=bold)
    if key in ("econ_code", "econ_name"):
        if len(code) != 7:
            return Cell("")
        econ = _econ_of(row)
        return Cell(econ[0] if key == "econ_code" else econ[1])
    name = row.name
    if row.code == "TOTAL" and p.total_label is not None:
        name = p.total_label
    if p.wrap == "cell" and len(name) >= WRAP_MIN:
        name = "\n".join(_wrapped(name))
    if p.codes == "in-name" and code:
        name = f"{code} {name}"
    return Cell(name, bold=bold)


def _amount_columns(t: Table, p: Printing) -> list[tuple[str, list[str]]]:
    used = [c for c in t.columns if any(c.id in r.values for r in t.rows) or not t.rows]
    heads = dict(p.headers)
    out = []
    for c in used:
        path = c.header.split("/")
        if c.id in heads:
            path = [*path[:-1], heads[c.id]]
        if p.group:
            path = [p.group, *path]
        out.append((c.id, path))
    if p.order:
        rank = {cid: i for i, cid in enumerate(p.order)}
        out.sort(key=lambda x: rank.get(x[0], len(rank)))
    return out


def variant_grid(t: Table, number: str | None, code_style: str, p: Printing) -> Grid:
    labels = _label_columns(t, p, code_style)
    amounts = _amount_columns(t, p)
    paths = [path for path, _ in labels] + [path for _, path in amounts]
    if p.remark:
        paths.append([p.remark])
    body: list[list[Cell]] = []
    rows = list(t.rows)
    if p.total_last:
        rows = [r for r in rows if r.code != "TOTAL"] + [r for r in rows if r.code == "TOTAL"]
    for r in rows:
        cells = [_label(r, k, p) for _, k in labels]
        cells += [_num(r, cid, p) for cid, _ in amounts]
        if p.remark:
            cells.append(Cell(""))
        if p.wrap == "row" and len(r.name) >= WRAP_MIN and r.code != "TOTAL":
            head, tail = _wrapped(r.name)
            name_at = [k for _, k in labels].index("name")
            cells[name_at] = Cell(head, bold=cells[name_at].bold)
            body.append(cells)
            body.append([Cell(tail) if j == name_at else Cell("", number=j >= len(labels))
                         for j in range(len(cells))])
            continue
        body.append(cells)
    break_at = None
    if p.break_at is not None and len(body) > 2:
        break_at = max(1, min(len(body) - 1, round(len(body) * p.break_at)))
    return Grid(number, t.title, t.preparer, t.unit, header_grid(paths), body, len(paths),
                note=t.empty_note if t.empty else None, break_at=break_at,
                repeat_header=p.repeat_header)


def _num(row: Row, col: str, p: Printing) -> Cell:
    a = row.values.get(col)
    text = (a.text if p.grouping else a.text.replace(",", "")) if a else p.zero
    return Cell(text, number=True, bold=row.code == "TOTAL" or len(row.code or "") < 7)
