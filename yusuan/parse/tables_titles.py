"""Table titles, numbers, preparer and unit lines, and the headings that start each table's body."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from yusuan.amounts import find_unit
from yusuan.blocks import Grid, RawDocument, TextLine
from yusuan.parse.segment import Segments
from yusuan.tables import TableSpec, match_title, norm

# ---------------------------------------------------------------------------------------------
# Recognising titles, numbers, preparer and unit lines

_NUM = r"[0-9０-９一二三四五六七八九十]+"
_NUMBER_LINE_RE = re.compile(rf"^(?:附?表\s*{_NUM}|[\u4e00-\u9fff]{{0,4}}\s*{_NUM}\s*表)\s*[:：.、]?$")
_NUMBER_PREFIX_RE = re.compile(rf"^(附?表\s*{_NUM}|预算\s*{_NUM}\s*表)(?:\s*[:：.、\-—]\s*|\s+|(?=[^\d]))")
_PART_RE = re.compile(r"^\s*第\s*[一二三四五六七八九十]+\s*部\s*分")
_PREPARER_RE = re.compile(r"(编制部门|编制单位|填报单位|部门名称|单位名称|预算单位|主管部门|^\s*部门)\s*[:：]\s*(.+)")
_SENTENCE_RE = re.compile(r"[，。；;！？]")
_EMPTY_NOTE_RE = re.compile(r"空表|空白表|未安排|没有使用|没有安排|无此|不涉及|无相关|无数据|本表无")
# a note saying items were left out of the published table: secrecy (涉密, 保密法律法规) or an
# exclusion (不予公开, 予以剔除, 未列示) of items (项目, 信息, 内容, 明细) — not a note that rows
# without money are not printed (无数据的科目未列示)
_WITHHELD_SECRET_RE = re.compile(r"涉密|保密(?:法|规定|要求|事项|管理)|国家秘密|密级")
_WITHHELD_EXCLUDED_RE = re.compile(r"不予(?:公开|列示|显示)|未予(?:公开|列示)|(?:予以|按规定|已)剔除|不(?:公开|列示)|未(?:公开|列示|列出)")
_WITHHELD_WHAT_RE = re.compile(r"项目|信息|内容|明细|事项|数据|部分|单位")
_WITHHELD_NOT_RE = re.compile(r"为[零0０]|无(?:数据|金额|发生)|空表|没有(?:数据|金额)")
_TOTAL_RE = re.compile(r"^(总计|合计|收入总计|支出总计|收入合计|支出合计|本年收入合计|本年支出合计|总合计)$")
_CODE_NAME_RE = re.compile(r"^\[?(\d{3}(?:\d{2}){0,2})\]?(?!\d)\s*(.*)$")
_MARKS = {"※", "*", "＊", "栏次", "序号", "—", "-", "/", "#"}
_GENERIC_MAX = 40


def _strip_number(text: str) -> tuple[str | None, str]:
    t = text.strip()
    m = _NUMBER_PREFIX_RE.match(t)
    if m and t[m.end():].strip():
        return re.sub(r"\s+", "", m.group(1)), t[m.end():].strip()
    return None, t


def _title_like(text: str) -> bool:
    t = norm(text)
    if not t or len(t) > 60 or "表" not in t:
        return False
    if _SENTENCE_RE.search(text) or t.startswith(("关于", "备注", "注:", "说明", "-")):
        return False
    if re.search(r"说明|详见|见表|见下表|如下表", t):
        return False  # a narrative heading that names a table, not the table's title
    if _prose_about_a_table(t):
        return False
    return not _EMPTY_NOTE_RE.search(t)


# A line of prose that names a table: it quotes the title (in 《》, “” or 「」) and goes on past
# the closing mark (「三是《财政拨款支出预算表（功能科目）》增加了…」), or says what "this table"
# shows (「本表（公开07表）反映…」).
_PROSE_ABOUT_TABLE_RE = re.compile(r"表[^》\"”」』]{0,12}[》\"”」』].|^(?:本表|此表|该表|上表|下表)|反映")


def _prose_about_a_table(t: str) -> bool:
    return bool(_PROSE_ABOUT_TABLE_RE.search(t))


def _generic_title(text: str) -> bool:
    """An unknown table title: a short line that ends with 表 (perhaps with a bracketed suffix)."""
    t = norm(text)
    t = re.sub(r"\([^)]*\)$", "", t)
    return 2 < len(t) <= _GENERIC_MAX and t.endswith("表") and _title_like(text)


def _preparer(text: str) -> str | None:
    m = _PREPARER_RE.search(text)
    if not m:
        return None
    value = re.split(r"\s{2,}|(?:金额)?单位\s*[:：]", m.group(2).strip())[0].strip()
    return value or None


def _is_meta_line(text: str) -> bool:
    """编制部门 / 单位 lines and similar that sit between a title and its grid."""
    return bool(_PREPARER_RE.search(text) or find_unit(text)) and len(norm(text)) <= 60


# ---------------------------------------------------------------------------------------------
# Headings and bodies


@dataclass
class _Heading:
    index: int  # block index of the title (or of the grid that holds it)
    spec: TableSpec | None  # None for an unknown (generic) title
    title: str
    number: str | None
    line: int | None
    page: int | None
    in_grid: bool = False  # the title is the first row of a grid
    number_index: int | None = None  # block index of the number line (表 7) printed before the title


def _grid_title(g: Grid) -> str | None:
    if not g.rows:
        return None
    cells = [c.text.strip() for c in g.rows[0] if c.text.strip()]
    if len(cells) == 1 and _title_like(cells[0]) and match_title(_strip_number(cells[0])[1]):
        return cells[0]
    return None


def _find_headings(raw: RawDocument, segs: Segments) -> list[_Heading]:
    toc = segs.toc or (0, 0)
    blocks = raw.blocks
    heads: list[_Heading] = []
    # A number line (表 7) starts the next table even when a converter put the table's first
    # rows before its title: it is kept until the next title, whatever comes between.
    pending: tuple[str, int] | None = None
    for i, b in enumerate(blocks):
        if toc[0] <= i < toc[1]:
            continue
        if isinstance(b, Grid):
            gt = _grid_title(b)
            if gt:
                number, title = _strip_number(gt)
                heads.append(_Heading(i, match_title(title), title, number, b.line, b.page, in_grid=True))
                pending = None
            continue
        text = b.text.strip()
        if _NUMBER_LINE_RE.match(text):
            number = re.sub(r"\s+", "", text).rstrip(":：.、")
            if _number_after_title(blocks, i, heads):
                heads[-1].number = number  # 「…表」 / 「表13」 / grid: the number printed below its title
            else:
                pending = (number, i)
            continue
        text = _wrapped_title(blocks, i, text, heads)
        number, title = _strip_number(_without_unit_tail(text))
        if not _title_like(title):
            continue
        spec = match_title(title)
        if spec is None and not (_generic_title(title) and _grid_follows(blocks, i)):
            continue
        head = _Heading(i, spec, title, number or (pending[0] if pending else None), b.line, b.page)
        if pending and not number:
            head.number_index = pending[1]
        heads.append(head)
        pending = None
    return heads


def _number_after_title(blocks: Sequence[TextLine | Grid], i: int, heads: list[_Heading]) -> bool:
    """A number line printed just below a title that has none, on its page, with the grid next:
    the title's own number (a template that prints 「表13」 under the title, or a layer order that
    puts it there), not the start of the next table."""
    if not heads or heads[-1].index != i - 1 or heads[-1].number is not None or heads[-1].in_grid:
        return False
    if heads[-1].page != blocks[i].page:
        return False
    return _grid_follows(blocks, i)


_UNIT_TAIL_RE = re.compile(r"(?:金额)?单位\s*[:：]\s*(?:人民币)?(?:万元|千元|元)$")


def _without_unit_tail(text: str) -> str:
    """A title fused with the unit line printed at its right (「…表（不含上年结转）金额单位：元」)."""
    m = _UNIT_TAIL_RE.search(text)
    if m and m.start() > 0 and "表" in text[: m.start()]:
        return text[: m.start()].rstrip()
    return text


_WRAP_HEAD_RE = re.compile(r"^\S{0,12}20\d{2}\S*$")


def _wrapped_title(blocks: Sequence[TextLine | Grid], i: int, text: str, heads: list[_Heading]) -> str:
    """A title wrapped over two lines (``2022年部门综合预算政府采购（资产配置、购买服务）`` /
    ``预算表（不含上年结转）``), joined: the line before, on the same page, names the year, is no
    sentence and does not end the title itself; this line carries no year of its own."""
    if i == 0 or (heads and heads[-1].index == i - 1) or re.search(r"20\d{2}", text):
        return text
    prev = blocks[i - 1]
    if not isinstance(prev, TextLine) or prev.page != blocks[i].page:
        return text
    pt = prev.text.strip()
    if not pt or len(pt) > 40 or pt.endswith("表") or re.search(r"[。，；;,]", pt) or not _WRAP_HEAD_RE.match(norm(pt)):
        return text
    return pt + text


def _grid_follows(blocks: Sequence[TextLine | Grid], i: int) -> bool:
    for b in blocks[i + 1 : i + 6]:
        if isinstance(b, Grid):
            return True
        if not (_is_meta_line(b.text) or _NUMBER_LINE_RE.match(b.text.strip())):
            return False
    return False


def _body_end(blocks: Sequence[TextLine | Grid], start: int, stop: int) -> int:
    for j in range(start, stop):
        b = blocks[j]
        if isinstance(b, TextLine) and _PART_RE.match(b.text):
            return j
    return stop




def withheld_note(text: str) -> bool:
    """The note says items of the table were withheld from publication (the total includes them)."""
    t = re.sub(r"\s+", "", text)
    if len(t) > 200 or _WITHHELD_NOT_RE.search(t):
        return False
    if _WITHHELD_SECRET_RE.search(t):
        return True
    return bool(_WITHHELD_EXCLUDED_RE.search(t) and _WITHHELD_WHAT_RE.search(t))
