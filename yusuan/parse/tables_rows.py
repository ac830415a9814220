"""Rows of one-sided tables (one classification, amount columns), total rows and unit names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from yusuan.amounts import parse_number, to_wan
from yusuan.blocks import Cell
from yusuan.model import Amount, Provenance, Row
from yusuan.parse.tables_layout import _classification_code, _Codes, _Ctx, _digits, _Layout
from yusuan.parse.tables_titles import _CODE_NAME_RE, _MARKS, _TOTAL_RE
from yusuan.tables import norm


def _amount(cell: Cell, ctx: _Ctx) -> Amount | None:
    value = parse_number(cell.text)
    if value is None:
        return None
    return Amount(
        value=to_wan(value, ctx.unit),
        text=cell.text.strip(),
        unit=ctx.unit or "万元",
        source=Provenance(line=cell.line, page=cell.page, bbox=cell.bbox),
    )


# 「支2947399.16」: one or two characters of the name cell to the left, then the amount
_NAME_OVERFLOW_RE = re.compile(r"^([\u4e00-\u9fff]{1,2})\s*(-?\d[\d,]*(?:\.\d+)?)$")


def _row_source(cells: list[Cell], inferred: bool = False, note: str | None = None) -> Provenance:
    first = next((c for c in cells if c.text.strip()), cells[0] if cells else Cell(""))
    return Provenance(line=first.line, page=first.page, inferred=inferred, note=note)


_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK_GAP_RE = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


def _clean_name(text: str) -> str:
    """Whitespace between two Chinese characters is a converter's line wrap, not the document's;
    leading full-width spaces are the indentation of 款/项 names."""
    return _CJK_GAP_RE.sub("", re.sub(r"\s+", " ", text.replace("\u3000", " "))).strip()


@dataclass
class _RowColumns:
    """Which columns of a one-sided table's layout hold what: codes, names, projects, units."""

    code_cols: dict[str, int]
    other_code_cols: list[int]
    single_code: list[int]
    name_cols: list[int]
    other_name_cols: list[int]
    other_coded: list[int]
    project_cols: list[int]
    unit_cols: list[int]
    unitcode_cols: list[int]
    label_from_project: bool


def _row_columns(grid_rows: list[list[Cell]], lay: _Layout) -> _RowColumns:
    """The layout's columns grouped by role, the first classification apart from the others
    printed beside it."""
    # A table may print two classifications side by side (部门 and 政府 经济分类): the first
    # code group and name give the row's code and name, the second goes to texts.
    code_cols: dict[str, int] = {}
    other_code_cols: list[int] = []
    for j, r in enumerate(lay.roles):
        if r in ("c1", "c2", "c3"):
            if r in code_cols or (other_code_cols and r == "c1"):
                other_code_cols.append(j)
            else:
                code_cols[r] = j
    single_code = [j for j, r in enumerate(lay.roles) if r == "code"]
    all_names = [j for j, r in enumerate(lay.roles) if r == "name"]
    name_cols = all_names[:1] if other_code_cols else all_names
    other_name_cols = all_names[1:] if other_code_cols else []
    # Classifications printed side by side, each as one 「code-name」 cell (功能分类 | 政府经济分类 |
    # 部门经济分类): the first gives the row's code and name, the others are kept in texts.
    coded = _coded_name_cols(grid_rows, all_names)
    other_coded: list[int] = []
    if len(coded) >= 2 and not other_code_cols:
        other_coded = coded[1:]
        name_cols = [j for j in all_names if j not in other_coded]
    project_cols = [j for j, r in enumerate(lay.roles) if r == "project"]
    unit_cols = [j for j, r in enumerate(lay.roles) if r == "unit"]
    unitcode_cols = [j for j, r in enumerate(lay.roles) if r == "unitcode"]
    label_from_project = not name_cols and bool(project_cols)
    return _RowColumns(
        code_cols=code_cols, other_code_cols=other_code_cols, single_code=single_code, name_cols=name_cols,
        other_name_cols=other_name_cols, other_coded=other_coded, project_cols=project_cols,
        unit_cols=unit_cols, unitcode_cols=unitcode_cols, label_from_project=label_from_project,
    )


def _cell_values(
    cells: list[Cell], texts: list[str], lay: _Layout, ctx: _Ctx, name_cols: list[int]
) -> tuple[dict[str, Amount], dict[str, str], str]:
    """A row's amounts and texts by column id, and the end of a name that overflowed into the
    amount cell beside it."""
    values: dict[str, Amount] = {}
    row_texts: dict[str, str] = {}
    overflow = ""  # the end of a name cut by its cell, printed at the start of the amount beside it
    for j, cid in enumerate(lay.ids):
        if not cid or j >= len(cells) or not texts[j]:
            continue
        amt = _amount(cells[j], ctx) if lay.roles[j] == "amount" else None
        m_over = _NAME_OVERFLOW_RE.match(texts[j]) if amt is None and lay.roles[j] == "amount" else None
        if m_over and j - 1 in name_cols and texts[j - 1]:
            amt = _amount(Cell(m_over.group(2), line=cells[j].line, page=cells[j].page, bbox=cells[j].bbox), ctx)
            if amt is not None:
                overflow = m_over.group(1)
                amt.source.note = f"名称末字“{overflow}”溢入金额格，已归回名称 the name's last characters overflowed into the cell"
        if amt is not None:
            values[cid] = amt
        elif norm(texts[j]) not in _MARKS and not re.fullmatch(r"[*※＊]+", norm(texts[j])):
            row_texts[cid] = texts[j]
    return values, row_texts, overflow


def _other_classifications(
    texts: list[str], cols: _RowColumns, row_texts: dict[str, str], labels: list[str]
) -> None:
    """The codes and names of the classifications printed beside the first, and the unit code,
    kept in the row's texts (a 合计 in the unit code column is a label)."""
    other_code = "".join(_digits(texts[j]) for j in cols.other_code_cols if j < len(texts))
    if other_code:
        row_texts["other_code"] = other_code
    other_name = " ".join(texts[j] for j in cols.other_name_cols if j < len(texts) and texts[j])
    if other_name:
        row_texts["other_name"] = other_name
    for k, j in enumerate(cols.other_coded):
        m = _CODE_NAME_RE.match(texts[j]) if j < len(texts) and texts[j] else None
        suffix = "" if k == 0 else f"_{k + 1}"
        if m and m.group(2).strip():  # in a coded column, a region's own sub-item code too
            row_texts["other_code" + suffix] = m.group(1)
            row_texts["other_name" + suffix] = _strip_separator(m.group(2))
        elif j < len(texts) and texts[j]:
            row_texts["other_name" + suffix] = texts[j]
    for j in cols.unitcode_cols:
        if j < len(texts) and texts[j]:
            if _TOTAL_RE.match(norm(texts[j]).rstrip(":")):
                labels.append(texts[j])
            else:
                row_texts["unit_code"] = texts[j]


def _row_code(
    texts: list[str], cols: _RowColumns, codes: _Codes, row_texts: dict[str, str], labels: list[str], name: str
) -> tuple[str | None, bool, str]:
    """The row's classification code (from the 类 款 项 columns, a code column or a 「code name」
    name), whether its class/kuan was taken from the rows above, and its name."""
    code: str | None = None
    inferred = False
    if cols.code_cols:
        parts = []
        for key in ("c1", "c2", "c3"):
            j = cols.code_cols.get(key, -1)
            t = texts[j] if 0 <= j < len(texts) else ""
            if t and not _digits(t):
                labels.append(t)
            parts.append(_digits(t))
        if any(parts):
            code, inferred = codes.resolve(parts)
            if codes.misprinted:
                row_texts["code_printed"] = " ".join(p for p in parts if p)
    for j in cols.single_code:
        t = texts[j] if j < len(texts) else ""
        if not t:
            continue
        m = _CODE_NAME_RE.match(re.sub(r"(?<=\d)\s+(?=\d)", "", t))
        if m and code is None:
            code = m.group(1)
            codes.update(code)
            if m.group(2) and not name:
                name = _strip_separator(m.group(2))
        elif not m:
            labels.append(t)
    if code is None and name:
        m = _CODE_NAME_RE.match(name)
        if m and m.group(2) and not re.match(r"^\d", m.group(2)) and _classification_code(m.group(1)):
            code, name = m.group(1), _strip_separator(m.group(2))
            codes.update(code)
    return code, inferred, name


def _one_sided_rows(
    grid_rows: list[list[Cell]],
    lay: _Layout,
    ctx: _Ctx,
    codes: _Codes,
    continuation: bool,
    out: list[Row],
    indents: dict[int, int] | None = None,
) -> None:
    cols = _row_columns(grid_rows, lay)
    name_cols, project_cols = cols.name_cols, cols.project_cols
    first = True
    for cells in grid_rows:
        texts = [c.text.strip() for c in cells]
        if not any(texts):
            continue
        values, row_texts, overflow = _cell_values(cells, texts, lay, ctx, name_cols)
        name = " ".join(texts[j] for j in name_cols if j < len(texts) and texts[j]).strip() + overflow
        project = " ".join(texts[j] for j in project_cols if j < len(texts) and texts[j]).strip() or None
        unit = " ".join(texts[j] for j in cols.unit_cols if j < len(texts) and texts[j]).strip() or None
        if cols.label_from_project:
            name = project or ""
        labels: list[str] = []
        _other_classifications(texts, cols, row_texts, labels)
        if not name and unit and (not name_cols or not any(_digits(t) for t in texts if t)):
            name = unit  # a unit's row (a table by unit, or a unit's subtotal): the unit is its label
        note: str | None = None
        code, inferred, name = _row_code(texts, cols, codes, row_texts, labels, name)
        if not name and labels:
            name = " ".join(labels)
        if inferred:
            note = "编码的类/款取自上方的行 class/kuan of the code taken from the rows above"
        if "code_printed" in row_texts:
            note = (f"编码印为“{row_texts['code_printed']}”，按上方的款取为 {code} "
                    f"code printed as {row_texts['code_printed']}, taken from the 款 above")
        label = norm(name).rstrip(":")
        if code is None and _TOTAL_RE.match(label):
            code = "TOTAL"
        if code is None and not label and values:
            # A 合计 printed under another label column (项目编号, 项目名称, 品目 …) is still the
            # grand total when it is the row's only label: a project or item is never called 合计.
            total_at = _total_label_col(texts, lay)
            if total_at is not None:
                code, name = "TOTAL", texts[total_at]
                row_texts.pop(lay.ids[total_at], None)
                if total_at in project_cols:
                    project = None
        if code is None and name and _clean_name(name) in ctx.unit_names:
            unit = _clean_name(name)
        # A fragment of a name wrapped over a page break starts a continuation grid.
        if continuation and first and out and code is None and not values and name and len(norm(name)) <= 4:
            out[-1].name = out[-1].name + name
            first = False
            continue
        first = False
        if not (code or name or values or row_texts or project):
            continue
        if cols.label_from_project and (code == "TOTAL" or unit is not None):
            project = None
        project = _clean_name(project) if project else None
        unit = _clean_name(unit) if unit else None
        row = Row(
            code=code,
            name=_clean_name(name),
            project=project,
            unit=unit,
            values=values,
            texts=row_texts,
            source=_row_source(cells, inferred, note),
        )
        out.append(row)
        if indents is not None and name_cols and name_cols[0] < len(cells):
            raw_name = cells[name_cols[0]].text.replace("\u3000", "  ")
            indents[id(row)] = len(raw_name) - len(raw_name.lstrip())


def _strip_separator(name: str) -> str:
    """The name after a code printed as 「2110302-水体」: the dash joins the two, it is not the name's."""
    return re.sub(r"^[-－—–]+", "", name.strip()).strip()


def _is_coded_name(text: str) -> bool:
    m = _CODE_NAME_RE.match(text.strip())
    return bool(m and m.group(2).strip() and not re.match(r"^\d", m.group(2)) and _classification_code(m.group(1)))


def _coded_name_cols(grid_rows: list[list[Cell]], name_cols: list[int]) -> list[int]:
    """The name columns whose cells are mostly a classification code and its name in one
    (「50502-商品和服务支出」); a column of plain names, or a 合计 row's label, does not count."""
    out = []
    for j in name_cols:
        cells = [c.text for r in grid_rows if j < len(r) and (c := r[j]).text.strip()]
        n = sum(1 for t in cells if _is_coded_name(t))
        if n >= 2 and 2 * n > len(cells):
            out.append(j)
    return out


def _total_label_col(texts: list[str], lay: _Layout) -> int | None:
    """The column of a row's 合计/总计 label when it is the row's only label cell (every other
    non-amount cell blank or a mark), else None."""
    found: int | None = None
    for j, t in enumerate(texts):
        if not t or j >= len(lay.roles) or lay.roles[j] == "amount":
            continue
        n = norm(t).rstrip(":")
        if n in _MARKS or re.fullmatch(r"[*※＊]+", n):
            continue
        if found is not None or not _TOTAL_RE.match(n):
            return None
        found = j
    return found


def _fill_units(rows: list[Row], unit_names: set[str]) -> None:
    """Rows below a unit's subtotal row belong to that unit (the table lists units, then their items)."""
    current: str | None = None
    for r in rows:
        if r.code == "TOTAL":
            current = None
            continue
        if r.unit and r.code is None and (r.unit in unit_names or _clean_name(r.name) == r.unit):
            current = r.unit
            continue
        if r.unit is None and current:
            r.unit = current


def _unlabelled_total(rows: list[Row]) -> None:
    """A coded table's first or last row with values but neither code nor name is its 合计 row
    whose label the converter lost. A table whose only row is unlabelled and holds a 合计 column
    (江苏 公开表 支出预算总表: 合计 | 基本支出 | 项目支出 … and one line of figures) prints only its total."""
    if len(rows) == 1 and rows[0].code is None and not rows[0].name and "total" in rows[0].values \
            and not rows[0].project:
        rows[0].code = "TOTAL"
        rows[0].source.inferred = True
        rows[0].source.note = "表只有一行、无标签：即合计行 the table's only row, unlabelled: its total"
        return
    if not any(r.code and r.code != "TOTAL" for r in rows) or any(r.code == "TOTAL" for r in rows):
        return
    for r in (rows[0], rows[-1]) if rows else ():
        if r.code is None and not r.name and r.values and not r.project:
            r.code = "TOTAL"
            r.source.inferred = True
            r.source.note = "无标签的合计行 unlabelled total row"
            return
    _named_total(rows)


def _named_total(rows: list[Row]) -> None:
    """A coded table's first or last uncoded row, labelled with something other than 合计 (the unit's
    own name, 「某某局」), whose every figure is the sum of the table's 类 rows, is its total row:
    a template that prints the unit's name where others print 合计. Only where the table has no
    total row, and only when every column agrees within the rounding of the rows summed."""
    classes = [r for r in rows if r.code and r.code.isdigit() and len(r.code) == 3]
    if not classes:
        return
    for r in [rows[i] for i in sorted({0, len(rows) - 1})]:
        if r.code is not None or not r.name or r.project or not r.values:
            continue
        if not any(a.value for a in r.values.values()):
            continue
        if all(_sums_to(a, [c.values[k].value for c in classes if k in c.values]) for k, a in r.values.items()):
            r.code = "TOTAL"
            r.source.inferred = True
            r.source.note = "以名称（如单位名称）标注的合计行：各列等于各类之和 total row labelled by a name: the sum of the 类 rows"
            return


def _sums_to(total: Amount, parts: list[Decimal]) -> bool:
    """``total`` is the sum of ``parts`` within half a printed unit per figure summed."""
    whole = sum(parts, Decimal(0))
    printed = parse_number(total.text)
    if not printed:
        return total.value == whole
    exponent = printed.as_tuple().exponent
    places = max(-exponent, 0) if isinstance(exponent, int) else 0
    tolerance = Decimal(len(parts) + 1) * Decimal(5).scaleb(-places - 1) * abs(total.value / printed)
    return abs(total.value - sum(parts, Decimal(0))) <= tolerance




_GROUP_LABEL_RE = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]\S")


def _group_label_names(rows: list[Row]) -> None:
    """A row with figures but no name or code whose one text cell is an outline heading (江苏 公开表
    政府采购预算表: "一、货物A" printed in the 采购品目 column, its 小计 beside) is that group's row:
    the heading is its name."""
    for r in rows:
        if r.name or r.code or r.project or not r.values or len(r.texts) != 1:
            continue
        text = next(iter(r.texts.values())).strip()
        if _GROUP_LABEL_RE.match(text):
            r.name = text
