"""Performance tables printed as grids: header columns, rows aligned to the header, indicators, goal lists and wide layouts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.amounts import is_number, parse_number, to_wan
from yusuan.blocks import Cell
from yusuan.model import Amount, Indicator, PerformanceTable, Provenance
from yusuan.parse.performance_text import (
    _AMOUNT_FIELDS,
    _IMPLIED_LEVEL1,
    _LEVEL1_ONLY,
    _LEVEL2_ONLY,
    _LEVEL_BOTH,
    _OP_RE,
    _SCORING_RE,
    _unit_of_label,
    is_basis,
    is_level,
    label_of,
    level_slot,
    split_value,
    squash,
    tidy,
    value_like,
)

# ---------------------------------------------------------------------------------------------
# Indicator header


_HEADER_FIELDS: list[tuple[str, re.Pattern[str]]] = [
    ("level1", re.compile(r"^一级指标$")),
    ("level2", re.compile(r"^二级指标$")),
    ("level3", re.compile(r"^(三级指标|指标名称)$")),
    ("level3_wide", re.compile(r"^(绩效指标|指标内容)$")),  # only when no 三级指标/指标名称 column
    ("operator", re.compile(r"^(绩效)?指标(性质|值类型|方向)$")),
    ("value", re.compile(r"^(本年|年度)?([（(]/?项目[)）])?(绩效)?(指标值|目标值)([（(].*[)）])?$")),
    ("unit", re.compile(r"^(绩效)?(度量|计量)单位$")),
    ("basis", re.compile(r"^(指标设定依据|指标值设置依据|指标值设定依据|设定依据|指标依据)")),
    ("last_year", re.compile(r"^上年(完成|实际)值")),
    ("weight", re.compile(r"^(指标)?(分值权重|分值|权重|指标分值权重)")),
    ("scoring", re.compile(r"^(指标)?(赋分规则|评分规则|评分标准)|^评[（(]扣[)）]分标准")),
    ("evidence", re.compile(r"^佐证资料")),
]
# columns of a wide table that lists several projects, each with its indicators
_PROJECT_FIELDS: list[tuple[str, re.Pattern[str]]] = [
    ("project", re.compile(r"^(单位[（(]项目[)）]名称|(二级)?项目名称|支出项目类别.*)$")),
    ("total", re.compile(r"^(项目总额|资金总额|年度资金总额|年度预算总额|预算总额|总计|合计)([（(]万?元[)）])?$")),
    ("unit", re.compile(r"^(单位名称|预算单位|单位编码及名称)$")),
    ("fiscal", re.compile(r"(财政资金|财政拨款)(预算)?(金额)?$")),
    ("other", re.compile(r"^(其中[:：]?)?其他资金$")),
    ("goal", re.compile(r"^(当年|年度)?(绩效目标|年度目标)$")),
]


def header_columns(cells: list[str]) -> dict[str, int] | None:
    """Indicator columns by header text, or None when the row is not an indicator header."""
    cols: dict[str, int] = {}
    for j, c in enumerate(cells):
        # a merged header reads "绩效指标/一级指标": the lowest piece names the column
        # (the whole text last: "年度(/项目)指标值" holds a slash of its own)
        for s in (*reversed(squash(c).split("/")), squash(c)):
            name = next((n for n, pat in _HEADER_FIELDS if n not in cols and pat.match(s)), None)
            if name:
                cols[name] = j
                break
    wide = cols.pop("level3_wide", None)
    if "level3" not in cols and wide is not None:
        cols["level3"] = wide
    if "level3" not in cols or "value" not in cols:
        return None
    if not ({"level1", "level2", "operator", "unit", "weight", "basis"} & cols.keys()):
        return None
    return cols


def _merged_header(rows: list[list[Cell]], k: int) -> tuple[list[str], int, int]:
    """Header texts per column from the rows around the indicator header row k (a merged cell
    prints its text once, above or below); returns (texts, first header row, last header row)."""
    first, last = k, k
    if k > 0 and _header_like(rows[k - 1]):
        first = k - 1
    if k + 1 < len(rows) and _header_like(rows[k + 1]) and not any(is_level(c.text) for c in rows[k + 1]):
        last = k + 1
    width = max(len(r) for r in rows[first : last + 1])
    texts = []
    for j in range(width):
        parts = [squash(rows[i][j].text) for i in range(first, last + 1) if j < len(rows[i]) and rows[i][j].text.strip()]
        texts.append("/".join(parts))
    return texts, first, last


def _header_like(row: list[Cell]) -> bool:
    """Short label cells only: no figure, operator or sentence."""
    texts = [c.text.strip() for c in row if c.text.strip()]
    return bool(texts) and all(
        value_like(x) < 3 and not re.match(_OP_RE, x) and len(squash(x)) <= 16 and label_of(x) != "goal" or
        squash(x) in ("绩效目标",)
        for x in texts
    ) and not any(x.endswith(("。", "；")) for x in texts)


def project_columns(texts: list[str], cols: dict[str, int]) -> dict[str, int] | None:
    """Columns of a wide table's project fields, left of the indicators; None for one-project tables."""
    found: dict[str, int] = {}
    first_indicator = min(cols.values())
    for j, text in enumerate(texts[:first_indicator]):
        for piece in reversed(text.split("/")):  # the most specific header text is the lowest
            name = next((n for n, pat in _PROJECT_FIELDS if n not in found and pat.search(piece)), None)
            if name:
                found[name] = j
                break
    return found if "project" in found else None


# ---------------------------------------------------------------------------------------------
# The parse state of one table


@dataclass
class _Table:
    kind: str
    title: str
    line: int | None
    page: int | None
    year: int | None = None
    labels: dict[str, str] = field(default_factory=dict)
    amounts: dict[str, Amount] = field(default_factory=dict)
    goal: str | None = None
    indicators: list[Indicator] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def build(self, doc_year: int | None) -> PerformanceTable:
        return PerformanceTable(
            kind="overall" if self.kind == "overall" else "project",
            title=self.title,
            year=self.year or doc_year,
            project=self.labels.get("project"),
            unit=self.labels.get("unit"),
            amounts=self.amounts,
            goal=self.goal,
            indicators=self.indicators,
            source=Provenance(line=self.line, page=self.page, note="；".join(self.notes) or None),
        )


def _amount(text: str, unit: str, line: int | None, page: int | None) -> Amount | None:
    value = parse_number(text)
    if value is None:
        return None
    return Amount(value=to_wan(value, unit), text=text.strip(), unit=unit, source=Provenance(line=line, page=page))


# ---------------------------------------------------------------------------------------------
# Grids


def _read_header_row(t: _Table, row: list[Cell], unit: str) -> str:
    """Read label/value cells of one header row; returns the (possibly updated) amount unit."""
    current: str | None = None
    texts = [c.text for c in row]
    j = 0
    while j < len(row):
        cell = row[j]
        txt = cell.text.strip()
        j += 1
        if not txt:
            continue
        lab = label_of(txt)
        if lab is not None:
            u = _unit_of_label(txt)
            if u:
                unit = u
            if lab == "goal":
                rest = [tidy(x) for x in texts[j:] if x.strip() and label_of(x) is None]
                if rest and not t.goal:
                    t.goal = max(rest, key=len)
                return unit
            current = lab
            continue
        if current in ("unit", "project"):
            if current not in t.labels:
                t.labels[current] = tidy(txt)
            current = None
        elif current in _AMOUNT_FIELDS:
            amt = _amount(txt, unit, cell.line, cell.page)
            if amt is not None and current not in t.amounts:
                t.amounts[current] = amt
            current = None
    return unit


@dataclass
class _Aligned:
    cells: dict[str, str]
    offset: int
    level_cells: list[tuple[int, str]]


def _score(cells: list[str], cols: dict[str, int], k: int) -> int:
    def at(name: str) -> str:
        if name not in cols:
            return ""
        j = cols[name] + k
        return cells[j].strip() if 0 <= j < len(cells) else ""

    score = 0
    l3 = at("level3")
    if l3 and not value_like(l3) and not is_number(l3) and not is_level(l3) and not is_basis(l3):
        score += 2
    elif not l3:
        score -= 2
    else:
        score -= 1
    v = at("value")
    vl = value_like(v)
    score += vl if vl else (-1 if not v else -2)
    if "basis" in cols:
        b = at("basis")
        score += 1 if is_basis(b) else (-1 if b and (value_like(b) == 3 or is_number(b)) else 0)
    if "weight" in cols:
        w = at("weight")
        score += 2 if is_number(w) else (-1 if not w else -2)
    if "scoring" in cols:
        s = at("scoring")
        score += 1 if _SCORING_RE.search(s) else 0
    # cells that no column would take are lost
    mapped = {cols[n] + k for n in cols if n not in ("level1", "level2")}
    first = cols["level3"] + k
    for j, c in enumerate(cells):
        if c.strip() and j >= first and j not in mapped:
            score -= 1
        elif c.strip() and cols["level3"] <= j < first and not is_level(c.strip()):
            score -= 2  # a shift right would take the printed 三级指标 for a level name
    if "operator" in cols or "unit" in cols:
        return score if k == 0 else score - 10  # ruled tables with split value cells are not shifted
    return score


def _align(cells: list[str], cols: dict[str, int], first_col: int = 0) -> _Aligned:
    best_k, best = 0, _score(cells, cols, 0)
    for k in (-1, 1, -2, 2):
        s = _score(cells, cols, k)
        if s >= best + 2:  # a shift must be clearly better than the printed layout
            best_k, best = k, s
    out: dict[str, str] = {}
    for name, j in cols.items():
        if name in ("level1", "level2"):
            continue
        jj = j + best_k
        out[name] = cells[jj].strip() if 0 <= jj < len(cells) else ""
    first = cols["level3"] + best_k
    levels = [(j, c.strip()) for j, c in enumerate(cells[: max(first, 0)]) if c.strip() and j >= first_col]
    return _Aligned(out, best_k, levels)


_NOT_APPLICABLE_RE = re.compile(r"^(无|/|-|—|不适用.*|无此项.*)$")
_SPLIT_LEVELS_RE = re.compile(
    r"^(" + "|".join(sorted(_LEVEL1_ONLY | _LEVEL_BOTH, key=len, reverse=True)) + r")"
    r"(" + "|".join(sorted(_LEVEL2_ONLY | _LEVEL_BOTH, key=len, reverse=True)) + r")?(.+)$"
)


def _value_cells(c: dict[str, str]) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """(operator, value, unit, value_text, note) from the value cell, or from separate 指标性质 /
    指标值 / 度量单位 cells where the template prints them apart."""
    value_text = c.get("value", "").strip()
    if "operator" not in c and "unit" not in c:
        op, value, unit, note = split_value(value_text)
        return op, value, unit, value_text or None, note
    op_cell = c.get("operator", "").strip()
    unit_cell = tidy(c.get("unit", "")) or None
    op, value, unit, note = split_value(value_text)
    if op is None and op_cell and re.fullmatch(_OP_RE, op_cell):
        op = op_cell.replace(" ", "")
    if unit_cell and not unit:
        unit = unit_cell
    printed = "".join(x for x in (op_cell if op_cell == op else "", value_text, unit_cell or "") if x)
    return op, value, unit, printed or None, note


def _new_levels(level_cells: list[tuple[int, str]], cols: dict[str, int]) -> tuple[str | None, str | None]:
    """The 一级 and 二级 indicator names a row prints (None where it carries the one above down)."""
    if len(level_cells) >= 2:
        return tidy(level_cells[0][1]), tidy(level_cells[1][1])
    if len(level_cells) == 1:
        j, txt = level_cells[0]
        slot = level_slot(txt)
        if slot == 0:
            slot = 1 if cols.get("level1") == j else 2
        return (tidy(txt), None) if slot == 1 else (None, tidy(txt))
    return None, None


def _read_indicators(t: _Table, rows: list[list[Cell]], cols: dict[str, int], first_col: int = 0) -> None:
    lvl1: str | None = None
    lvl2: str | None = None
    prev_weighted = False
    for row in rows:
        cells = [c.text for c in row]
        if not any(x.strip() for x in cells[first_col:]):
            continue
        repeated = header_columns(cells)
        if repeated:
            # the header printed again on the next page, maybe with other merged columns
            cols, first_col = repeated, min(repeated.values())
            continue
        a = _align(cells, cols, first_col)
        l3_text = squash(a.cells.get("level3", ""))
        if not l3_text and (first_col > 0 or not a.cells.get("value", "").strip() and not a.level_cells):
            continue  # a 备注 row, a blank row, or a wide table's overflow text: no indicator
        if _NOT_APPLICABLE_RE.match(l3_text) or l3_text.startswith("不适用"):
            continue  # a level printed only to say it does not apply
        line = next((c.line for c in row if c.text.strip()), row[0].line if row else None)
        page = next((c.page for c in row if c.text.strip()), None)
        c = a.cells
        # a row that only continues the previous one: no weight, basis or scoring of its own
        if t.indicators and "weight" in cols and prev_weighted and not any(c.get(k) for k in ("weight", "basis", "scoring")):
            _continue_previous(t, a, cols)
            # the carried-down level names may have grown
            lvl1, lvl2 = t.indicators[-1].level1, t.indicators[-1].level2
            continue
        new1, new2 = _new_levels(a.level_cells, cols)
        notes = []
        if new1 is not None:
            lvl1 = squash(new1)
            lvl2 = None
        if new2 is not None:
            lvl2 = squash(new2)
            implied = _IMPLIED_LEVEL1.get(lvl2)
            if new1 is None and implied and lvl1 and lvl1 != implied and lvl1 in _IMPLIED_LEVEL1.values():
                # the merged level-1 cell was lost by the converter; its level-2 names say which
                notes.append(f"一级指标按二级指标“{lvl2}”推定为“{implied}”（原样延续为“{lvl1}”）")
                lvl1 = implied
        level3 = tidy(c.get("level3", "")) or None
        if level3 and "level1" not in cols and "level2" not in cols:
            m = _SPLIT_LEVELS_RE.match(squash(level3))
            if m:  # one cell printing 一级 + 二级 + 三级 names in a row
                lvl1, lvl2, level3 = m.group(1), m.group(2) or lvl2, m.group(3)
        op, value, unit, value_text, vnote = _value_cells(c)
        weight_text = c.get("weight", "")
        weight = parse_number(weight_text) if weight_text else None
        if a.offset:
            side = "右" if a.offset > 0 else "左"
            notes.append(f"该行单元格整体{side}移 {abs(a.offset)} 列，已按表头对齐（row realigned by {a.offset:+d})")
        if vnote:
            notes.append(vnote)
        if weight_text and weight is None:
            notes.append(f"分值权重印作“{weight_text}”，不是数字")
        prev_weighted = weight is not None
        t.indicators.append(
            Indicator(
                level1=lvl1,
                level2=lvl2,
                level3=level3,
                operator=op,
                value=value,
                unit=unit,
                value_text=value_text,
                basis=tidy(c.get("basis", "")) or None,
                last_year=tidy(c.get("last_year", "")) or None,
                weight=weight,
                scoring=tidy(c.get("scoring", "")) or None,
                evidence=tidy(c.get("evidence", "")) or None,
                source=Provenance(line=line, page=page, inferred=bool(a.offset) or bool(notes),
                                  note="；".join(notes) or None),
            )
        )


def _join(a: str | None, b: str) -> str | None:
    b = b.strip()
    if not b:
        return a
    return tidy(f"{a or ''} {b}")


def _continue_previous(t: _Table, a: _Aligned, cols: dict[str, int]) -> None:
    ind = t.indicators[-1]
    c = a.cells
    # level cells of a continuation row continue the level names above
    for j, txt in a.level_cells:
        if cols.get("level1") == j and ind.level1:
            ind.level1 = squash(ind.level1 + txt)
        elif ind.level2:
            ind.level2 = squash(ind.level2 + txt)
    ind.level3 = _join(ind.level3, c.get("level3", ""))
    if c.get("value"):
        ind.value_text = _join(ind.value_text, c["value"])
        op, value, unit, _ = split_value(ind.value_text or "")
        ind.operator, ind.value, ind.unit = op, value, unit
    ind.last_year = _join(ind.last_year, c.get("last_year", ""))
    ind.evidence = _join(ind.evidence, c.get("evidence", ""))
    note = "该指标跨两行印刷，已合并（row continued on the next printed row）"
    ind.source.note = f"{ind.source.note}；{note}" if ind.source.note else note
