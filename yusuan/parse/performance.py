"""Stage: performance target tables (项目支出绩效目标表, 部门整体绩效目标表).

Each table becomes a ``PerformanceTable``: title, year, project, budget unit, amounts, goal text and
indicators. Amount keys: ``total`` (年度预算总额/资金总额), ``fiscal`` (财政拨款/财政资金),
``other`` (其他资金), ``upper`` (上级安排), ``local`` (本级安排), and for the 部门整体 table by
kind of spending ``basic`` (基本支出) and ``project_exp`` (项目支出); all in 万元.

Two shapes of input are read:

* Grids (tab-separated or markdown text, PDF tables): the header rows are label/value cells, then
  a header row (一级指标 … 佐证资料) maps the columns of the indicator rows. Converters sometimes
  shift the cells of one row left or right; every row is aligned to the header by content (a value
  where the 指标值 column expects one, a number in the 分值权重 column …) and a realigned row says
  so in its Indicator's ``source.note``. A row that only continues the previous one (a cell wrapped
  onto the next printed row) is joined to it.
* Scattered raw text (a converter printed every cell fragment on its own line): the header fields
  are read by their labels; the indicators are rebuilt from anchors that survive scattering (the
  basis, weight, scoring-rule and evidence vocabularies). Indicators rebuilt that way are marked
  ``inferred``; a table whose indicators could not be rebuilt consistently gets a Diagnostic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.amounts import find_unit, is_number, parse_number, to_wan
from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.model import Amount, Diagnostic, Document, Indicator, PerformanceTable, Provenance
from yusuan.parse.segment import Segments

# ---------------------------------------------------------------------------------------------
# Text helpers

_CJK = r"\u3400-\u9fff\uff08\uff09\uff0c\uff1a\uff1b\u3001\u3002"
_CJK_SPACE_RE = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_WS_RE = re.compile(r"\s+")
_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")


def tidy(text: str) -> str:
    """Collapse the spaces a converter put between Chinese characters; keep others single."""
    text = _TAG_RE.sub(" ", text).replace("\u00a0", " ").replace("\u3000", " ")
    text = _WS_RE.sub(" ", text).strip()
    return _CJK_SPACE_RE.sub("", text)


def squash(text: str) -> str:
    """All whitespace and markup removed: for comparing labels."""
    return _WS_RE.sub("", _TAG_RE.sub("", text)).replace("\u3000", "")


# ---------------------------------------------------------------------------------------------
# Titles

_TITLE_RE = re.compile(
    r"^(?:[0-9]{4}年(?:度)?)?(?:.{0,30}?)?"
    r"(项目支出|项目|部门整体支出|部门整体|单位整体支出|单位整体|整体支出)?绩效目标(?:申报|批复)?表(?:预算表)?"
    r"(?:[（(][^（）()]{1,12}[)）])?$"
)
_GOAL_LIST_TITLE_RE = re.compile(r"^(表[0-9]+[:：.．、]?)?([0-9]{4}年度?)?.{0,12}项目支出绩效表$")
_YEAR_LINE_RE = re.compile(r"^[（(]\s*([0-9]{4})\s*年(?:度)?\s*[)）]$")
_YEAR_RE = re.compile(r"([0-9]{4})\s*年")


def title_kind(text: str) -> str | None:
    """'project' / 'overall' when the line is a performance-table title, else None."""
    s = squash(text).strip("#*")
    if len(s) > 40 or s.endswith(("。", "；", "：", ":")):
        return None
    m = _TITLE_RE.match(s)
    if not m:
        # “2026年市级部门项目支出绩效表”: the projects' goals, listed without indicators
        if _GOAL_LIST_TITLE_RE.match(s):
            return "project"
        return None
    what = m.group(1) or ""
    if "整体" in what or "整体" in s:
        return "overall"
    return "project"


# ---------------------------------------------------------------------------------------------
# Vocabularies that survive any layout

_LEVEL1_ONLY = {"产出指标", "效益指标", "履职效能", "管理效率", "社会效应", "可持续发展能力", "预算执行", "运行成本"}
_LEVEL2_ONLY = {
    "数量指标", "质量指标", "时效指标", "经济成本指标", "社会成本指标", "生态环境成本指标", "经济效益指标",
    "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标", "部门管理", "资金管理",
    "资产管理", "人员管理", "制度管理", "预算编制", "职责履行", "履职效果",
}
_LEVEL_BOTH = {"满意度指标", "成本指标"}
# level-2 names that belong to one level-1 name in every template seen
_IMPLIED_LEVEL1 = {
    "数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标",
    "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标", "服务对象满意度指标": "满意度指标",
}
_BASIS_WORDS = ("计划标准", "行业标准", "历史标准", "其他标准", "预算支出标准", "自定义", "行业或国家标准",
                "国家标准", "地方标准", "规划标准")
_SCORING_RE = re.compile(r"赋分|评分|得分|扣分")
_EVIDENCE_WORDS = ("工作资料", "说明材料", "原始凭证", "正式材料", "佐证材料", "统计资料", "财务资料", "其他材料")
_QUALITATIVE_RE = re.compile(
    r"有效|提升|提高|稳定|保障|达到|明显|良好|显著|逐步|降低|减少|改善|完成|及时|促进|增强|持续|不断|"
    r"基本|普遍|有所|合规|规范|满意|正常|推进|优化|落实|加强|是|否"
)
_OP_RE = r"(?:[>＞]\s*=|[<＜]\s*=|≥|≤|⩾|⩽|[>＞<＜=＝≠])"
_VALUE_RE = re.compile(rf"^(?P<op>{_OP_RE})?\s*(?P<num>[0-9][0-9,，]*(?:\s[0-9]+)*(?:\.[0-9]+)?)\s*(?P<unit>\S.*)?$")
_DATE_RE = re.compile(r"^[0-9]{4}\s*年")


def is_level(text: str) -> bool:
    s = squash(text)
    if not s:
        return False
    return s in _LEVEL1_ONLY or s in _LEVEL2_ONLY or s in _LEVEL_BOTH or (s.endswith("指标") and len(s) <= 9)


def level_slot(text: str) -> int:
    """1 or 2 when the vocabulary decides which level a name is, 0 when it could be either."""
    s = squash(text)
    if s in _LEVEL1_ONLY:
        return 1
    if s in _LEVEL2_ONLY or (s.endswith("指标") and s not in _LEVEL_BOTH and len(s) >= 5):
        return 2
    return 0


def is_basis(text: str) -> bool:
    s = squash(text)
    return bool(s) and any(s.startswith(w) or w.startswith(s) and len(s) >= 3 for w in _BASIS_WORDS)


def value_like(text: str) -> int:
    """How much a cell looks like an 指标值: 3 for a measure, 2 for a qualitative target, 0 not."""
    t = text.strip()
    if not t:
        return 0
    if re.match(rf"^{_OP_RE}", t) or _DATE_RE.match(t) or t.endswith("%"):
        return 3
    if re.match(r"^[0-9]", t) and len(squash(t)) <= 14:
        return 3
    s = squash(t)
    if len(s) <= 8 and _QUALITATIVE_RE.search(s) and not s.endswith("指标") and "率" not in s:
        return 2
    return 0


def split_value(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    """``">=23.24 万人"`` → (">=", "23.24", "万人", note). Dates and words keep the whole text."""
    t = text.strip()
    if not t:
        return None, None, None, None
    if _DATE_RE.match(t):
        return None, tidy(t), None, None
    m = _VALUE_RE.match(t)
    if m:
        op = m.group("op")
        num = m.group("num")
        note = None
        if " " in num:
            note = f"指标值数字中的空格已去除（印作“{num}”）"
            num = num.replace(" ", "")
        unit = tidy(m.group("unit") or "") or None
        return (op.replace(" ", "") if op else None), num, unit, note
    m2 = re.match(rf"^(?P<op>{_OP_RE})\s*(?P<rest>.+)$", t)
    if m2:
        return m2.group("op").replace(" ", ""), tidy(m2.group("rest")), None, None
    return None, tidy(t), None, None


# ---------------------------------------------------------------------------------------------
# Header labels (the cells above the indicator rows)

_LABELS: list[tuple[str, re.Pattern[str]]] = [
    ("unit", re.compile(r"^(预算单位|部门名称|单位名称|部门（单位）名称|实施单位|主管部门)(（盖章）|\(盖章\))?[:：]?$")),
    ("project", re.compile(r"^项目名称[:：]?$")),
    ("ignore", re.compile(r"^(项目负责人|部门联系人|联系人|联系电话|资金来源|项目属性|项目类型|项目期限|主管部门及代码)[:：]?$")),
    ("total", re.compile(r"^((本年度|年度|当年)?(项目)?(预算)?(支出|资金)?总额(合计)?|当年预算|年度预算数)"
                         r"(（万元）|\(万元\)|（元）|\(元\))?[:：]?$")),
    ("fiscal", re.compile(r"^(其中[:：]?)?(财政拨款|财政资金)(（万元）|\(万元\)|（元）|\(元\))?[:：]?$")),
    ("other", re.compile(r"^(其中[:：]?)?(其他资金|其他)(（万元）|\(万元\)|（元）|\(元\))?[:：]?$")),
    ("basic", re.compile(r"^(其中[:：]?)?基本支出[:：]?$")),
    ("project_exp", re.compile(r"^(其中[:：]?)?项目支出[:：]?$")),
    ("upper", re.compile(r"^上级安排[:：]?$")),
    ("local", re.compile(r"^本级安排[:：]?$")),
    ("group", re.compile(r"^(项目资金|年度预算|年度资金)(（万元）|\(万元\)|（元）|\(元\))?[:：]?$")),
    ("goal", re.compile(r"^(项目总体目标|项目实施期目标|(当年|年度)?(部门)?(整体)?(绩效|总体)目标|年度目标)[:：]?$")),
]
_AMOUNT_FIELDS = ("total", "fiscal", "other", "upper", "local", "basic", "project_exp")


def label_of(text: str) -> str | None:
    s = squash(text)
    if not s or len(s) > 16:
        return None
    for name, pat in _LABELS:
        if pat.match(s):
            return name
    return None


def _unit_of_label(text: str) -> str | None:
    s = squash(text)
    if "万元" in s:
        return "万元"
    if re.search(r"[（(]元[)）]", s):
        return "元"
    return None


# ---------------------------------------------------------------------------------------------
# Indicator header


_HEADER_FIELDS: list[tuple[str, re.Pattern[str]]] = [
    ("level1", re.compile(r"^一级指标$")),
    ("level2", re.compile(r"^二级指标$")),
    ("level3", re.compile(r"^(三级指标|指标名称)$")),
    ("level3_wide", re.compile(r"^(绩效指标|指标内容)$")),  # only when no 三级指标/指标名称 column
    ("operator", re.compile(r"^(绩效)?指标(性质|值类型|方向)$")),
    ("value", re.compile(r"^(本年|年度)?(绩效)?(指标值|目标值)([（(].*[)）])?$")),
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
        for s in reversed(squash(c).split("/")):
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
        if (
            t.indicators
            and "weight" in cols
            and prev_weighted
            and not c.get("weight")
            and not c.get("basis")
            and not c.get("scoring")
        ):
            _continue_previous(t, a, cols)
            # the carried-down level names may have grown
            lvl1, lvl2 = t.indicators[-1].level1, t.indicators[-1].level2
            continue
        new1: str | None = None
        new2: str | None = None
        level_cells = a.level_cells
        if len(level_cells) >= 2:
            new1, new2 = tidy(level_cells[0][1]), tidy(level_cells[1][1])
        elif len(level_cells) == 1:
            j, txt = level_cells[0]
            slot = level_slot(txt)
            if slot == 0:
                slot = 1 if cols.get("level1") == j else 2
            if slot == 1:
                new1 = tidy(txt)
            else:
                new2 = tidy(txt)
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


def _read_grid_rows(t: _Table, rows: list[list[Cell]], unit: str = "万元") -> list[_Table]:
    """Read header and indicator rows. One table, or several when the grid is a wide table that
    lists projects side by side with their indicators. A table without an indicator header is
    returned with no indicators (the caller reports it)."""
    pending: dict[int, str] = {}  # column → amount field, from a row of labels printed above their values
    values_read = False
    for i, row in enumerate(rows):
        cells = [c.text for c in row]
        cols = header_columns(cells)
        if cols:
            texts, first, last = _merged_header(rows, i)
            merged = header_columns(texts) or cols
            pcols = project_columns(texts, merged)
            if pcols:
                return _read_wide(t, rows, last + 1, merged, pcols, unit)
            _read_indicators(t, rows[last + 1 :], merged, min(merged.values()))
            return [t]
        # a title or year row inside the grid
        nonempty = [x for x in cells if x.strip()]
        if len(nonempty) == 1:
            m = _YEAR_LINE_RE.match(squash(nonempty[0]))
            if m:
                t.year = int(m.group(1))
                continue
            if title_kind(nonempty[0]):
                continue
            u = find_unit(nonempty[0])
            if u:
                unit = u
                continue
        if pending and not values_read and not any(label_of(x) for x in cells) and any(is_number(x) for x in cells):
            for j, x in enumerate(cells):
                if j in pending and pending[j] not in t.amounts:
                    amt = _amount(x, unit, row[j].line, row[j].page)
                    if amt is not None:
                        t.amounts[pending[j]] = amt
            values_read = True  # one row of values per table
            continue
        if not pending and not any(is_number(x) for x in cells):
            # labels printed above their values; a second label row only splits the first
            for j, x in enumerate(cells):
                lab = label_of(x)
                if lab in _AMOUNT_FIELDS and lab not in pending.values():
                    pending[j] = lab
        goal_cols = _goal_list_columns(cells)
        if goal_cols:
            return _read_goal_list(t, rows[i + 1 :], goal_cols, unit)
        unit = _read_header_row(t, row, unit)
    return [t]


def _goal_list_columns(cells: list[str]) -> dict[str, int] | None:
    """Columns of a list of projects with their amount and goal but no indicators."""
    texts = [squash(c) for c in cells]
    found: dict[str, int] = {}
    for j, x in enumerate(texts):
        if re.fullmatch(r"(一级)?项目名称", x):
            found.setdefault("project", j)
        elif re.fullmatch(r"(单位名称|预算单位|二级预算单位名称)", x):
            found.setdefault("unit", j)
        elif re.fullmatch(r"(金额|预算数|项目金额|资金总额|预算金额)([（(]万?元[)）])?", x):
            found.setdefault("total", j)
        elif re.fullmatch(r"(项目)?(总体)?(年度)?绩效目标", x):
            found.setdefault("goal", j)
    return found if {"project", "goal"} <= found.keys() else None


def _read_goal_list(base: _Table, rows: list[list[Cell]], cols: dict[str, int], unit: str) -> list[_Table]:
    out: list[_Table] = []
    for row in rows:
        cells = [c.text.strip() for c in row]

        def get(name: str, cells: list[str] = cells) -> str:
            j = cols.get(name)
            return cells[j] if j is not None and j < len(cells) else ""

        name, goal = tidy(get("project")), tidy(get("goal"))
        if _goal_list_columns([c.text for c in row]) or set(squash(x) for x in cells if x) <= {"**", "*"}:
            continue  # a repeated header, or the template's ** row
        if not name:
            if goal and out and not get("total"):
                out[-1].goal = tidy(f"{out[-1].goal or ''}{goal}")  # goal text cut by the page
            continue
        t = _Table(kind=base.kind, title=base.title, line=_row_line(row), page=_row_page(row), year=base.year)
        t.labels["project"] = name
        if get("unit"):
            t.labels["unit"] = tidy(get("unit"))
        j = cols.get("total")
        if j is not None and j < len(row):
            amt = _amount(row[j].text, unit, row[j].line, row[j].page)
            if amt is not None:
                t.amounts["total"] = amt
        t.goal = goal or None
        t.notes.append("绩效目标表只列项目、金额与目标，未列指标（goals without indicators）")
        out.append(t)
    return out or [base]


_PROJECT_HEADER_RE = _PROJECT_FIELDS[0][1]


def _row_page(row: list[Cell]) -> int | None:
    return next((c.page for c in row if c.text.strip() and c.page is not None), None)


def _row_line(row: list[Cell]) -> int | None:
    return next((c.line for c in row if c.text.strip() and c.line is not None), None)


def _read_wide(base: _Table, rows: list[list[Cell]], start: int, cols: dict[str, int], pcols: dict[str, int],
               unit: str) -> list[_Table]:
    """Split a wide table into its projects.

    A project starts at a row whose project cell is filled, or, in ruled PDF tables, at a row
    below the end of the previous project's merged cells that carries project text of its own
    (the name of a project cut by a page break is printed on the next page). Such an unnamed
    project takes the name and amounts of the first project row of the next page.
    """
    out: list[tuple[_Table, list[list[Cell]]]] = []
    budget_unit: str | None = base.labels.get("unit")
    first_col = min(cols.values())
    span_end = -1  # index of the first row after the current project's merged cells (-1: unknown)

    def cell(cells: list[str], name: str, where: dict[str, int]) -> str:
        j = where.get(name)
        return cells[j].strip() if j is not None and j < len(cells) else ""

    for idx in range(start, len(rows)):
        row = rows[idx]
        cells = [c.text for c in row]
        if not any(x.strip() for x in cells) or header_columns(cells):
            continue
        name = tidy(cell(cells, "project", pcols))
        if name and _PROJECT_HEADER_RE.match(squash(name)):
            continue  # the first header row, repeated on a new page
        unit_cell = tidy(cell(cells, "unit", pcols))
        if unit_cell:
            budget_unit = re.sub(r"^[0-9]+", "", unit_cell) or budget_unit  # “105001某某局”: a unit code glued to the unit name
        has_indicator = bool(cell(cells, "level3", cols))
        goal = tidy(cell(cells, "goal", pcols))
        span = max((row[j].rowspan for j in pcols.values() if j < len(row)), default=1)
        beyond = span_end >= 0 and idx >= span_end and has_indicator and (span > 1 or goal)
        if name or beyond:
            if squash(name) in ("合计", "总计", "小计"):
                continue
            if not has_indicator and not goal:
                if cell(cells, "total", pcols) and is_number(cell(cells, "total", pcols)):
                    budget_unit = name  # a budget unit's subtotal row heads its projects
                continue  # otherwise text of a merged cell cut by the page, not a project
            prev = out[-1][0] if out else None
            page = _row_page(row)
            if (name and prev is not None and "project" not in prev.labels and not prev.amounts
                    and prev.page is not None and page is not None and page > prev.page):
                t = prev  # the rest of a project whose name was printed on this page
                t.notes.remove("项目名称印在下一页的合并单元格中，未能读出")
                t.notes.append("项目跨页，名称与金额印在下一页，已合并")
                t.goal = tidy(f"{t.goal or ''}{goal}") or None
            else:
                t = _Table(kind=base.kind, title=base.title, line=_row_line(row), page=page, year=base.year)
                t.goal = goal or None
                t.notes.append("本表为多项目合表，按项目拆分（one of several projects in a wide table）")
                if not name:
                    t.notes.append("项目名称印在下一页的合并单元格中，未能读出")
                out.append((t, []))
            if name:
                t.labels["project"] = name
            if budget_unit:
                t.labels["unit"] = budget_unit
            for field_name in ("total", "fiscal", "other"):
                jj = pcols.get(field_name)
                if jj is not None and jj < len(row):
                    amt = _amount(row[jj].text, unit, row[jj].line, row[jj].page)
                    if amt is not None:
                        t.amounts[field_name] = amt
            span_end = idx + span if span > 1 else -1
        elif out and goal and not has_indicator:
            prev = out[-1][0]
            prev.goal = tidy(f"{prev.goal or ''}{goal}")  # goal text continued on the next page
        if out:
            out[-1][1].append(row)
    for t, trows in out:
        _read_indicators(t, trows, cols, first_col)
    return [t for t, _ in out] or [base]


# ---------------------------------------------------------------------------------------------
# Scattered raw text


def _scattered_header(t: _Table, lines: list[TextLine]) -> int:
    """Read the fields above the indicators; returns the index of the first line after the
    indicator header (or len(lines) when there is none)."""
    text_parts: list[tuple[str, TextLine]] = [(ln.text.strip(), ln) for ln in lines]
    # locate the indicator header: 一级指(标) … through 佐证资(料)
    hdr = next((i for i, (s, _) in enumerate(text_parts) if squash(s).startswith("一级指")), None)
    top = text_parts[: hdr if hdr is not None else len(text_parts)]
    flat = " ".join(s for s, _ in top)
    flat_sq = squash(flat)
    m = re.search(r"(?:预算单位|部门名称(?:（盖章）)?|单位名称)[:：]?(.+?)(?=项目名称|部门联系人|联系人|项目资金|年度预算|$)", flat_sq)
    if m and m.group(1):
        t.labels["unit"] = m.group(1)
    m = re.search(r"项目名称[:：]?(.+?)(?=项目负责人|项目资金|年度预算|$)", flat_sq)
    if m and m.group(1):
        t.labels["project"] = m.group(1)
    unit = "万元"
    if re.search(r"[（(]元[)）]", flat_sq) and "万元" not in flat_sq:
        unit = "元"
    # amounts: label then number, labels may be split over lines ("年度预算" / "总额：")
    patterns = [
        ("total", r"(?:年度预算总额|年度资金总额|资金总额|预算总额)[:：]?"),
        ("fiscal", r"(?:其中[:：]?)?财政拨款[:：]?"),
        ("other", r"其他资金[:：]?"),
        ("upper", r"上级安排[:：]?"),
        ("local", r"本级安排[:：]?"),
    ]
    # walk the squashed text keeping a map back to lines for provenance
    for name, pat in patterns:
        mm = re.search(pat + r"([0-9][0-9,，]*(?:\.[0-9]+)?)", flat_sq)
        if mm:
            num = mm.group(1)
            src = next((ln for s, ln in top if num in squash(s)), None)
            amt = _amount(num, unit, src.line if src else None, src.page if src else None)
            if amt is not None:
                t.amounts[name] = amt
    mg = re.search(r"(?:项目总体目标|年度绩效目标|总体目标)[:：]?(.+)$", flat)
    if mg:
        goal = mg.group(1)
        t.goal = tidy(goal.replace(" ", "")) if goal else None
    if hdr is None:
        return len(lines)
    # skip the header fragments up to 佐证资(料)
    j = hdr
    while j < len(text_parts) and not squash(text_parts[j][0]).startswith(("佐证", "料")):
        j += 1
    while j < len(text_parts) and squash(text_parts[j][0]) in ("佐证资料", "佐证资", "料", "佐证"):
        j += 1
    return j


_KNOWN_LEVELS = _LEVEL1_ONLY | _LEVEL2_ONLY | _LEVEL_BOTH


def _level_prefix(frags: list[str]) -> tuple[str | None, int]:
    """Join leading fragments while they build a level name; (name, fragments used).

    A known name ends the join at once (``产出指`` + ``标`` is 产出指标, never 产出指标数量指标)."""
    acc = ""
    generic: tuple[str | None, int] = (None, 0)
    for n, f in enumerate(frags[:4]):
        acc += squash(f)
        if acc in _KNOWN_LEVELS:
            return acc, n + 1
        if generic[0] is None and acc.endswith("指标") and 4 <= len(acc) <= 9:
            generic = (acc, n + 1)
        if len(acc) > 9:
            break
    return generic


@dataclass
class _Tok:
    text: str
    line: TextLine


def _parts(text: str) -> list[str]:
    """Space-separated cells of one printed line; a date keeps its pieces (``2023年 11``)."""
    out: list[str] = []
    for p in text.strip().split():
        if out and out[-1].endswith("年") and re.match(r"^[0-9]{1,2}(月|$)", p):
            out[-1] += " " + p
        else:
            out.append(p)
    return out


def _complete(cell: str) -> bool:
    """Whether a cell printed on one line needs no continuation (for page-split rows)."""
    s = squash(cell)
    return (
        is_number(s)
        or s in _BASIS_WORDS
        or s in _EVIDENCE_WORDS
        or s.endswith("赋分")
        or s in _KNOWN_LEVELS
        or bool(re.match(rf"^{_OP_RE}?[0-9.]+(%|[\u4e00-\u9fff]{{1,3}})$", s))
    )


def _split_tokens(lines: list[TextLine]) -> list[_Tok]:
    """Fragments, one per printed cell piece. A row a page break cut in two (one line holding
    the top halves of its cells, the next holding the bottom halves of the unfinished ones) is
    joined back cell by cell when the count of unfinished cells matches."""
    toks: list[_Tok] = []
    skip = False
    for n, ln in enumerate(lines):
        if skip:
            skip = False
            continue
        parts = _parts(ln.text)
        if len(parts) >= 4 and n + 1 < len(lines):
            nxt = _parts(lines[n + 1].text)
            open_cells = [j for j, p in enumerate(parts) if not _complete(p)]
            if 2 <= len(nxt) == len(open_cells) and all(len(squash(x)) <= 4 for x in nxt):
                for j, piece in zip(open_cells, nxt, strict=True):
                    parts[j] = parts[j] + piece
                skip = True
        toks.extend(_Tok(p, ln) for p in parts)
    return toks


def _take_word(toks: list[_Tok], k: int, words: tuple[str, ...]) -> tuple[str, int]:
    """Join fragments from k while they stay a prefix of one of the words; (text, next k)."""
    acc = ""
    while k < len(toks):
        cand = acc + squash(toks[k].text)
        if not any(w.startswith(cand) for w in words):
            break
        acc = cand
        k += 1
        if cand in words:
            break
    return acc, k


def _take_evidence(toks: list[_Tok], k: int) -> tuple[str, int]:
    """Evidence words, possibly several separated by commas, each possibly wrapped."""
    acc = ""
    while k < len(toks):
        s = squash(toks[k].text)
        tail = re.split(r"[,，、]", acc)[-1]
        cand_tail = tail + s.lstrip(",，、")
        if s[:1] in ",，、" and acc:
            acc += s
            k += 1
            continue
        heads = [x for x in re.split(r"[,，、]", cand_tail) if x]
        if heads and all(any(w.startswith(h) for w in _EVIDENCE_WORDS) for h in heads):
            acc += s
            k += 1
            if acc.endswith((",", "，", "、")):
                continue
            if tail + s in _EVIDENCE_WORDS and not (k < len(toks) and squash(toks[k].text)[:1] in ",，、"):
                break  # a complete word; another follows only after a comma
            continue
        break
    return acc, k


def _scattered_indicators(t: _Table, lines: list[TextLine], has_last_year: bool) -> list[str]:
    """Rebuild indicator rows from fragments; returns problems met (for a Diagnostic)."""
    toks = _split_tokens(lines)
    problems: list[str] = []
    lvl1: str | None = None
    lvl2: str | None = None
    i = 0
    n = len(toks)
    while i < n:
        frags = [x.text for x in toks[i:]]
        name, used = _level_prefix(frags)
        if name:
            i += used
            name2, used2 = _level_prefix([x.text for x in toks[i:]])
            if name2 and level_slot(name2) != 1:
                lvl1, lvl2 = name, name2
                i += used2
            elif level_slot(name) == 1:
                lvl1, lvl2 = name, None
            else:
                lvl2 = name
            continue
        # level3 + value: everything up to the basis anchor
        start = i
        b = i
        while b < n:
            w, _ = _take_word(toks, b, _BASIS_WORDS)
            if w in _BASIS_WORDS:
                break
            b += 1
        if b >= n:
            leftover = "".join(x.text for x in toks[start:])
            if leftover.strip():
                problems.append(f"未能读出的片段：{leftover[:40]}")
            break
        head = toks[start:b]
        basis, k = _take_word(toks, b, _BASIS_WORDS)
        last_year: str | None = None
        weight: Decimal | None = None
        if has_last_year and k < n and not is_number(toks[k].text):
            ly = toks[k].text
            k += 1
            while k < n and not is_number(toks[k].text) and not _SCORING_RE.search(squash(toks[k].text)):
                ly += toks[k].text
                k += 1
            last_year = tidy(ly)
        if k < n and is_number(toks[k].text):
            weight = parse_number(toks[k].text)
            k += 1
        else:
            problems.append(f"指标缺少分值权重（第 {toks[min(k, n - 1)].line.line} 行附近）")
        scoring = ""
        while k < n and not any(squash(toks[k].text).startswith(w[:2]) for w in _EVIDENCE_WORDS):
            scoring += squash(toks[k].text)
            k += 1
            if scoring.endswith("赋分") or len(scoring) > 14:
                break
        evidence, k = _take_evidence(toks, k)
        carried: str | None = None
        # a page break cut the row: the next page starts with the rest of the name and the rule
        if (
            not scoring.endswith("赋分")
            and k + 1 < n
            and toks[k].line is toks[k + 1].line
            and squash(toks[k + 1].text) in ("分", "赋分")
        ):
            carried = squash(toks[k].text)
            scoring += squash(toks[k + 1].text)
            k += 2
        level3, value_text, note = _split_head([x.text for x in head])
        if carried:
            level3 = (level3 or "") + carried
            note = (note + "；" if note else "") + "名称末尾印在下一页，已接上"
        op, value, unit, vnote = split_value(value_text or "")
        notes = ["由散行文本重建（rebuilt from scattered text）"]
        if note:
            notes.append(note)
        if vnote:
            notes.append(vnote)
        t.indicators.append(
            Indicator(
                level1=lvl1,
                level2=lvl2,
                level3=level3,
                operator=op,
                value=value,
                unit=unit,
                value_text=value_text,
                basis=basis or None,
                last_year=last_year,
                weight=weight,
                scoring=scoring or None,
                evidence=evidence or None,
                source=Provenance(line=toks[start].line.line, page=toks[start].line.page, inferred=True,
                                  note="；".join(notes)),
            )
        )
        i = k
    return problems


def _split_head(frags: list[str]) -> tuple[str | None, str | None, str | None]:
    """Level-3 name and value from the fragments before the basis."""
    if not frags:
        return None, None, None
    joined = " ".join(frags)
    # an operator starts the value
    m = re.search(rf"{_OP_RE}", joined)
    if m and m.start() > 0:
        name = tidy(joined[: m.start()])
        value = joined[m.start():]
        return name or None, _fix_wrapped(value), None
    # a date starts the value
    m = re.search(r"[0-9]{4}\s*年", joined)
    if m and m.start() > 0:
        return tidy(joined[: m.start()]) or None, _fix_wrapped(joined[m.start():]), None
    # one fragment with a space: name, then the value
    if len(frags) == 1 and " " in frags[0]:
        name, _, value = frags[0].rpartition(" ")
        return tidy(name), value.strip(), "名称与指标值按空格分开（推断）"
    # wrapped cells: the name's lines are as wide as its column; the first shorter line ends it
    width = len(squash(frags[0]))
    for j in range(1, len(frags)):
        if len(squash(frags[j - 1])) < width or j == len(frags) - 1:
            cut = j if len(squash(frags[j - 1])) < width else j
            name = tidy("".join(squash(f) for f in frags[:cut]))
            value = "".join(squash(f) for f in frags[cut:])
            if " " in frags[cut - 1] and cut == 1:
                pass
            return name or None, value or None, "名称与指标值按折行宽度分开（推断）"
    return tidy(frags[0]), None, "未找到指标值"


def _fix_wrapped(value: str) -> str:
    """A value wrapped over lines: ``<=3.50万`` + ``元`` → ``<=3.50万元``."""
    return re.sub(r"(?<=[^\s0-9])\s+(?=[^\s0-9<>=≥≤])", "", value.strip())


# ---------------------------------------------------------------------------------------------
# Driver


_STOP_RE = re.compile(
    r"^\s*[#*\s]*(第\s*[一二三四五六七八九十]+\s*部\s*分|[（(]\s*[一二三四五六七八九十]+\s*[)）]\s*其他|"
    r"[一二三四五六七八九十]+\s*[、.．]\s*\S)"
)


def _is_stop(text: str) -> bool:
    return bool(_STOP_RE.match(text)) and title_kind(text) is None


def parse_performance(raw: RawDocument, segs: Segments, doc: Document) -> None:
    blocks = raw.blocks
    toc = segs.toc
    starts: list[tuple[int, str, str]] = []  # (block index, kind, title)
    for i, b in enumerate(blocks):
        if toc and toc[0] <= i < toc[1]:
            continue
        if isinstance(b, TextLine):
            kind = title_kind(b.text)
            if kind:
                starts.append((i, kind, tidy(b.text).strip("#* ")))
        elif isinstance(b, Grid) and b.rows:
            first = [c.text for c in b.rows[0] if c.text.strip()]
            if len(first) == 1:
                kind = title_kind(first[0])
                if kind:
                    starts.append((i, kind, tidy(first[0])))
    for n, (i, kind, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(blocks)
        head = blocks[i]
        t = _Table(kind=kind, title=title, line=head.line, page=head.page)
        m = _YEAR_RE.search(title)
        if m:
            t.year = int(m.group(1))
        grids: list[Grid] = []
        lines: list[TextLine] = []
        j = i if isinstance(head, Grid) else i + 1
        while j < end:
            b = blocks[j]
            if isinstance(b, TextLine):
                s = squash(b.text)
                ym = _YEAR_LINE_RE.match(s)
                if ym and t.year is None:
                    t.year = int(ym.group(1))
                elif _is_stop(b.text):
                    break
                elif not grids:
                    lines.append(b)
                elif find_unit(b.text) or _YEAR_LINE_RE.match(s):
                    pass
                elif not _same_table_follows(blocks, j, end, grids[-1]):
                    break  # text after the grid ends the table, unless the table goes on below it
            else:
                grids.append(b)
            j += 1
        if not grids and not _looks_like_table(lines):
            continue  # a mention of the table in the text, or a contents entry
        try:
            if grids:
                unit = _read_lines_above(t, lines)
                rows = [r for g in grids for r in g.rows]
                has_header = any(header_columns([c.text for c in r]) or _goal_list_columns([c.text for c in r])
                                 for r in rows)
                for tt in _read_grid_rows(t, rows, unit):
                    if not (tt.indicators or tt.amounts or tt.labels.get("project")):
                        continue  # published empty (此表无数据)
                    _name_from_title(tt, kind, title)
                    if not has_header:
                        doc.diagnostics.append(Diagnostic(
                            code="performance-no-indicators",
                            message=f"绩效目标表“{tt.labels.get('project') or title}”未找到指标表头（一级指标…），指标未读取",
                            source=Provenance(line=tt.line, page=tt.page),
                        ))
                    doc.performance.append(tt.build(doc.year))
                continue
            _read_scattered(t, lines, doc)
            _name_from_title(t, kind, title)
        except Exception as exc:  # one unreadable table must not lose the others
            doc.diagnostics.append(Diagnostic(
                code="performance-unreadable",
                message=f"绩效目标表“{title}”读取失败：{type(exc).__name__}: {exc}",
                source=Provenance(line=t.line, page=t.page),
            ))
            continue
        doc.performance.append(t.build(doc.year))
    _merge_page_continuations(doc)


def _same_table_follows(blocks: list[TextLine | Grid], j: int, end: int, last: Grid) -> bool:
    """Whether a grid of the same width follows before any heading: the table goes on past the
    lines between (a page number, or the text of a merged cell that overflowed the page)."""
    for b in blocks[j + 1 : min(end, j + 60)]:
        if isinstance(b, Grid):
            return b.ncols == last.ncols or bool(b.rows and header_columns([c.text for c in b.rows[0]]))
        if _is_stop(b.text) or title_kind(b.text):
            return False
    return False


def _merge_page_continuations(doc: Document) -> None:
    """A table printed over several pages with its title and project row repeated on each page is
    one table: its parts are joined, and the level names carried over the page break."""
    merged: list[PerformanceTable] = []
    for t in doc.performance:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.project is None
            and not prev.amounts
            and t.project
            and (prev.kind, prev.title) == (t.kind, t.title)
            and (prev.source.page or 0) < (t.source.page or 0)
        ):
            # a project whose name and amounts were printed on the next page, under a repeated title
            t.indicators[:0] = prev.indicators
            t.goal = tidy(f"{prev.goal or ''}{t.goal or ''}") or None
            note = "项目跨页，名称与金额印在下一页，已合并"
            t.source.note = f"{t.source.note}；{note}" if t.source.note else note
            merged[-1] = t
            continue
        if (
            prev is not None
            and t.project
            and (prev.kind, prev.title, prev.project, prev.goal) == (t.kind, t.title, t.project, t.goal)
            and {k: a.text for k, a in prev.amounts.items()} == {k: a.text for k, a in t.amounts.items()}
        ):
            last = prev.indicators[-1] if prev.indicators else None
            for ind in t.indicators:
                if last is not None and ind.level1 is None:
                    ind.level1 = last.level1
                    if ind.level2 is None:
                        ind.level2 = last.level2
            prev.indicators.extend(t.indicators)
            note = "表格跨页，各页已合并（continued over pages）"
            if note not in (prev.source.note or ""):
                prev.source.note = f"{prev.source.note}；{note}" if prev.source.note else note
            continue
        merged.append(t)
    doc.performance[:] = merged


_TABLE_WORDS_RE = re.compile(r"一级指|三级指标|指标名称|项目名称|预算单位|部门名称|年度预算|资金总额")


def _looks_like_table(lines: list[TextLine]) -> bool:
    return bool(_TABLE_WORDS_RE.search(squash(" ".join(ln.text for ln in lines[:60]))))


_GENERIC_TITLE_RE = re.compile(r"^((19|20)[0-9]{2}年度?)?(部门|单位)?(项目支出|项目|部门整体支出|部门整体|整体支出|重点项目|政策和项目|"
                               r"市级重点专项资金|市级一般性项目|专项资金)?(预算)?$")


def _name_from_title(t: _Table, kind: str, title: str) -> None:
    if any("多项目合表" in n for n in t.notes):
        return  # a wide table's title names all its projects' table, not one project
    if "project" not in t.labels and kind == "project":
        named = _project_from_title(title)
        if named:
            t.labels["project"] = named


def _project_from_title(title: str) -> str | None:
    """“市行政中心保安服务项目绩效目标表” names its project; “2026年项目支出绩效目标表” does not."""
    spaced = re.sub(r"^(预算)?表\s*[0-9一二三四五六七八九十]+\s*表?[、.．:：]?\s+", "", title.strip())
    s = re.sub(r"[（(][^）)]*[)）]$", "", squash(spaced))
    s = re.sub(r"^([0-9]{1,2}[、.．]|预算表?[0-9]{1,2}表?(?![0-9年])|表[一二三四五六七八九十]+[、.．:：]?)", "", s)
    m = re.match(r"^(.*?)(支出)?绩效目标(申报|批复)?表$", s)
    if not m or not m.group(1):
        return None
    name = m.group(1)
    if _GENERIC_TITLE_RE.match(name):
        return None
    return name


_LINE_LABEL_RE = re.compile(r"^(部门名称|单位名称|预算单位|资金主管部门|主管部门|编制单位)[:：]\s*(.+)$")
_GOAL_LINE_RE = re.compile(r"^(当年|年度)?(整体)?(绩效目标|总体目标)$")


def _read_lines_above(t: _Table, lines: list[TextLine]) -> str:
    """The lines between the title and the grid: the amount unit, the unit's name, a goal."""
    unit = "万元"
    goal_next = False
    for ln in lines:
        s = tidy(ln.text)
        u = find_unit(s)
        if u:
            unit = u
            continue
        m = _LINE_LABEL_RE.match(squash(s))
        if m and "unit" not in t.labels:
            t.labels["unit"] = m.group(2)
            continue
        if _GOAL_LINE_RE.match(squash(s)):
            goal_next = True
            continue
        if goal_next and not t.goal:
            t.goal = s
        goal_next = False
    return unit


def _read_scattered(t: _Table, lines: list[TextLine], doc: Document) -> None:
    k = _scattered_header(t, lines)
    header_text = squash("".join(ln.text for ln in lines[:k]))
    has_last_year = "上年完成" in header_text or "上年完" in header_text
    body = lines[k:]
    if not body:
        doc.diagnostics.append(Diagnostic(
            code="performance-no-indicators",
            message=f"绩效目标表“{t.labels.get('project') or t.title}”未读到指标行",
            source=Provenance(line=t.line, page=t.page),
        ))
        return
    problems = _scattered_indicators(t, body, has_last_year)
    weights = [i.weight for i in t.indicators if i.weight is not None]
    if problems:
        doc.diagnostics.append(Diagnostic(
            code="performance-scattered",
            message=(f"绩效目标表“{t.labels.get('project') or t.title}”由散行文本重建，部分指标可能不完整："
                     + "；".join(problems[:3])),
            source=Provenance(line=t.line, page=t.page),
        ))
        t.notes.append("指标由散行文本重建，未完全读通")
    elif weights and sum(weights) not in (Decimal(90), Decimal(100)):
        t.notes.append("指标由散行文本重建")
