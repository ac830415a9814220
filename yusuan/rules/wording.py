"""Y8xx — wording and template leftovers: what human inspectors flag most.

A disclosure is written by filling last year's file or the 财政局's template; what was not filled
or not updated shows as placeholders (XX局, 202X), alternatives left for the writer to choose
(增加（减少）), a reason with nothing after it (主要原因是。), doubled punctuation, a year or a
class name from another year, 部门 wording in a 单位 disclosure. These rules read every heading
(目录, part and section titles, table titles) and every paragraph of the 概况 and the 情况说明, and
quote what they found with its section and line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from yusuan.audit import CannotRun, Location, NotApplicable, Problem, rule
from yusuan.model import Document, Section

BASIS = "财预〔2016〕143号《地方预决算公开操作规程》"
Kind = Literal["heading", "body", "glossary", "table", "preparer"]


@dataclass
class Passage:
    """One piece of text a reader sees, and where it is."""

    text: str
    kind: Kind
    where: str  # section (or table) title, for the report
    line: int | None = None
    page: int | None = None
    file: str | None = None
    section: Section | None = None  # the section the text is part of, and its offset there
    offset: int = 0


def _exact_line(passage: Passage, pos: int) -> tuple[int | None, int | None]:
    """(line, page) where the text at ``pos`` of the passage is printed: from the section's line
    spans (read by the parser), else where the passage starts."""
    if passage.section is not None and passage.section.spans:
        prov = passage.section.where(passage.offset + pos)
        return prov.line, prov.page
    return passage.line, passage.page


def passages(doc: Document) -> Iterator[Passage]:
    """Headings and paragraphs of the document, in reading order within each kind."""
    seen_parts: set[str] = set()
    for t in doc.toc:
        yield Passage(t.title, "heading", "目录", t.source.line, t.source.page, t.source.file)
    for s in doc.sections:
        is_glossary = bool(s.part and "名词解释" in s.part) or "名词解释" in s.title
        if s.part and s.part not in seen_parts:
            seen_parts.add(s.part)
            yield Passage(s.part, "heading", s.part, None, s.source.page, s.source.file)
        title = f"{s.number}、{s.title}" if s.number and not s.number.startswith(("（", "(")) else \
            f"{s.number or ''}{s.title}"
        yield Passage(s.title, "glossary" if is_glossary else "heading", title, s.source.line, s.source.page,
                      s.source.file)
        offset = 0
        for para in s.text.split("\n"):
            if para.strip():
                yield Passage(para, "glossary" if is_glossary else "body", title, s.source.line, s.source.page,
                              s.source.file, section=s, offset=offset)
            offset += len(para) + 1
    for table in doc.tables:
        yield Passage(table.title, "table", table.title, table.source.line, table.source.page, table.source.file)
        if table.preparer:  # 编制单位：XX局 left in a table's header
            yield Passage(table.preparer, "preparer", table.title, table.source.line, table.source.page,
                          table.source.file)
    for term, text in doc.glossary.items():
        yield Passage(f"{term}：{text}", "glossary", "名词解释")


def _problem(doc: Document, p: Passage, m: re.Match[str], message: str, *, expected: str | None = None,
             severity: Literal["error", "warning", "info"] | None = None) -> Problem:
    a, b = max(m.start() - 20, 0), min(m.end() + 20, len(p.text))
    quoted = ("…" if a else "") + p.text[a:b] + ("…" if b < len(p.text) else "")
    line, page = _exact_line(p, m.start())
    return Problem(message, location=Location(section=p.where, file=p.file, page=page, line=line),
                   expected=expected, actual=m.group(0), source=quoted.strip(), severity=severity)


# --------------------------------------------------------------------------------------------
# Y801 placeholders

_PLACEHOLDER_RE = re.compile(
    r"(?<![A-Za-z])[XxＸｘ×＊*]{2,}(?![A-Za-z])"  # XX局, XXX, ××, ＊＊
    r"|20[0-9Xx][Xx×](?=\s*年)|(?<![0-9])20[Xx×]{2}"  # 202X年, 20XX
    r"|(?<![A-Za-z0-9.])[XxＸ×]\s*(?=(?:万元|元|个|人|家|项|辆|台|%|％|年|月|日))"  # X万元, X个
    r"|某某|〇〇|○○|□□"
    r"|请(?:填写|输入|在此)|此处(?:填写|填列|输入)|[（(]\s*(?:单位名称|部门名称|填写)[^）)]{0,10}[）)]"
)


def _markdown_bold(text: str, m: re.Match[str]) -> bool:
    """``**财政拨款**`` is markdown emphasis, not a placeholder."""
    return set(m.group(0)) <= {"*", "＊"}


@rule("Y801", "模板占位符未替换", family="wording", severity="warning", basis=BASIS)
def placeholders(doc: Document) -> Iterator[Problem]:
    """公开文本中留有未替换的模板占位符：XX局、XXX、××、202X 年、X 万元、某某、“请填写……”。

    查什么 What: A template placeholder left in the published text: XX局, XXX, ××, 202X 年, X 万元, 某某,
    "请填写…".

    为什么 Why: a placeholder means a sentence was never filled in; whatever number or name belongs there
    is missing from the disclosure. 示例 Example: "XX局 202X 年部门预算" in a heading, "比上年增加 X 万元".

    容差 Tolerance: none. Latin words (VLOG, X射线) and markdown emphasis (``**``) are not placeholders.
    """
    found = False
    for p in passages(doc):
        found = True
        for m in _PLACEHOLDER_RE.finditer(p.text):
            if _markdown_bold(p.text, m):
                continue
            yield _problem(doc, p, m, f"「{p.where}」中有未替换的模板占位符“{m.group(0).strip()}”")
    if not found:
        raise CannotRun("未读取到文字内容")


# --------------------------------------------------------------------------------------------
# Y802 alternatives left unchosen

_UP = r"(?:增加|增长|上升|提高)"
_DOWN = r"(?:减少|下降|降低)"
_ALTERNATIVE_RE = re.compile(
    rf"{_UP}\s*[（(/／、或]\s*{_DOWN}(?:\s*[）)])?|{_DOWN}\s*[（(/／、或]\s*{_UP}(?:\s*[）)])?"
    r"|增\s*[（(/／]\s*减(?:\s*[）)])?|减\s*[（(/／]\s*增(?:\s*[）)])?"
    r"|(?:本|该)部门\s*[（(/／]\s*单位(?:\s*[）)])?|(?:本|该)单位\s*[（(/／]\s*部门(?:\s*[）)])?"
    r"|是\s*[（(/／]\s*否(?:\s*[）)])?|有\s*[（(/／]\s*无\s*[）)]"
)


@rule("Y802", "模板备选表述未取舍", family="wording", severity="warning", basis=BASIS)
def alternatives(doc: Document) -> Iterator[Problem]:
    """模板提供的备选表述未作取舍：增加（减少）、增长（下降）、增加/减少、部门（单位）、是（否）。

    查什么 What: Template alternatives left for the writer to choose: 增加（减少）, 增长（下降）, 增加/减少,
    部门（单位）, 是（否）.

    为什么 Why: the template offers both words so the writer picks the one that is true; leaving both
    says nothing about the direction of the change. 示例 Example: "比上年预算增加（减少）20.00 万元".
    The 名词解释, which defines terms for 部门（单位）alike, is not checked for 部门（单位）.

    容差 Tolerance: none.
    """
    found = False
    for p in passages(doc):
        if p.kind == "glossary":
            continue
        found = True
        for m in _ALTERNATIVE_RE.finditer(p.text):
            yield _problem(doc, p, m, f"「{p.where}」中模板备选表述“{m.group(0)}”未取舍")
    if not found:
        raise CannotRun("未读取到情况说明")


# --------------------------------------------------------------------------------------------
# Y803 empty reasons

_EMPTY_REASON_RE = re.compile(
    r"(?:主要)?原因(?:是|为|系)\s*[:：]?\s*(?:[。；;，,]|$)|(?:主要)?原因\s*[:：]\s*(?:[。；;，,]|$)"
    r"|主要用于\s*[:：]?\s*(?:[。；;]|$)"
    r"|(?:主要)?(?:原因|用于)(?:是|为)?\s*[:：]\s*[:：]"
)


@rule("Y803", "原因或用途说明为空", family="wording", severity="warning", basis=BASIS)
def empty_reason(doc: Document) -> Iterator[Problem]:
    """提出了原因或用途却未写出：“主要原因是。”“主要用于：。”。

    查什么 What: A reason or a use announced and not given: "主要原因是。", "主要原因是：；", "主要用于：。".

    为什么 Why: 财预〔2016〕143号 asks the narrative to explain changes; an empty reason is a template
    sentence whose explanation was never written. 示例 Example: "比上年预算增加 5.00 万元，增长 25.00%，
    主要原因是：。"

    容差 Tolerance: none.
    """
    found = False
    for p in passages(doc):
        if p.kind != "body":
            continue
        found = True
        for m in _EMPTY_REASON_RE.finditer(p.text):
            before = p.text[max(m.start() - 2, 0):m.start()]
            if "无" in before or "不" in before:  # "无变动原因" is a statement, not an empty reason
                continue
            yield _problem(doc, p, m, f"「{p.where}」中“{m.group(0).strip()}”后没有内容，原因或用途未填写")
    if not found:
        raise CannotRun("未读取到情况说明")


# --------------------------------------------------------------------------------------------
# Y804 doubled punctuation

_DOUBLE_PUNCT_RE = re.compile(r"([。，；、：！？])\1+|[,，][,，]|[，、；：][。；]|。[，；、：]|；[，、]")


@rule("Y804", "标点重复", family="wording", severity="info", basis="模板惯例")
def doubled_punctuation(doc: Document) -> Iterator[Problem]:
    """标点重复或冲突：。。 ，， ；； 、、 ，。——多是删去模板中的词句后留下的。

    查什么 What: Doubled or clashing punctuation: 。。 ，， ；； 、、 ，。 — usually where a phrase was deleted
    from a template sentence, sometimes where a number was.

    为什么 Why: it is the visible trace of an edit nobody reread. 示例 Example: "执行医疗保险、、生育保险政策"
    (an item of the list is missing), "部门预算包括：。" (the list itself is missing). Ellipses (……) and
    dashes (——) are punctuation of their own and are not flagged.

    容差 Tolerance: none. Severity info: it rarely changes the meaning, but it shows an unreviewed text.
    """
    found = False
    for p in passages(doc):
        if p.kind == "table":
            continue
        found = True
        for m in _DOUBLE_PUNCT_RE.finditer(p.text):
            yield _problem(doc, p, m, f"「{p.where}」中标点重复“{m.group(0)}”，可能有内容被删去")
    if not found:
        raise CannotRun("未读取到文字内容")


# --------------------------------------------------------------------------------------------
# Y805 years that do not belong to the document

_YEAR_RE = re.compile(r"(?<![0-9])(20[0-9]{2})\s*年")
_TEMPLATE_YEAR_RE = re.compile(
    r"(?<![0-9])(20[0-9]{2})\s*年\s*(?:度)?\s*(?:"
    r"预算数为|(?:部门|单位)(?:预算|收支预算)|收支(?:总)?预算|一般公共预算(?:当年)?拨款(?:合计|情况)|"
    r"财政拨款收支总预算|所有收入和支出|收入预算|支出预算|财政拨款“三公”|“三公”经费预算)"
)
_COMPARISON_BEFORE = re.compile(r"(?:比|较|与|同|截至|截止|自|从|于|和|及|对比|相比|上年|即)\s*$")
_ASSET_DATE_RE = re.compile(r"截[至止]\s*(20[0-9]{2})\s*年\s*(?:底|末|12\s*月\s*31\s*日)")


@rule("Y805", "年份与文件年度不符", family="wording", severity="warning", basis=BASIS)
def foreign_years(doc: Document) -> Iterator[Problem]:
    """不属于本文件年度的年份：其他年度的标题、沿用上年数字的模板句，或非上年末的资产日期。

    查什么 What: A year that does not belong to the document: a heading of another year, or a template
    phrase ("2023 年预算数为", "2023 年部门预算", "2023 年收支总预算") with last year's number in this
    year's disclosure; an asset date other than the end of the previous year.

    示例 Example: "2025年“三公”经费预算13.85万元，比2025年减少…" in a 2026 disclosure.

    为什么 Why: disclosures are made by copying last year's file; a year left unchanged makes every
    number beside it ambiguous. Comparisons (比 2023 年, 较上年), the prior year's end for assets
    (截至 2023 年底 in a 2024 disclosure) and years in reasons and project names are legitimate and
    not flagged.

    容差 Tolerance: none.
    """
    if doc.year is None:
        raise CannotRun("未识别出文件年度")
    y = doc.year
    heading_years = Counter(int(m.group(1)) for p in passages(doc) if p.kind in ("heading", "table")
                            for m in _YEAR_RE.finditer(p.text))
    top_year, top_count = heading_years.most_common(1)[0] if heading_years else (y, 0)
    if top_year != y and sum(heading_years.values()) >= 5 and top_count > 2 * heading_years[y]:
        # most headings name another year: the document's year was probably misread, not the headings
        raise CannotRun(f"标题中多数年份为 {top_year}，与识别的文件年度 {y} 不符，年度可能识别有误")
    for p in passages(doc):
        if p.kind in ("heading", "table"):
            for m in _YEAR_RE.finditer(p.text):
                z = int(m.group(1))
                before = p.text[:m.start()]
                quoted = before.count("“") > before.count("”") or before.count("《") > before.count("》")
                if z != y and not quoted and not _COMPARISON_BEFORE.search(before):
                    yield _problem(doc, p, m, f"标题「{p.text.strip()}」中的年份 {z} 与文件年度 {y} 不符",
                                   expected=f"{y}年")
        elif p.kind == "body":
            for m in _TEMPLATE_YEAR_RE.finditer(p.text):
                z = int(m.group(1))
                sentence_before = re.split(r"[。；;]", p.text[:m.start()])[-1]
                sentence_after = re.split(r"[。；;]", p.text[m.end():])[0]
                # "2026 年预算数为 7.61 万元，2025 年预算数为 9.23 万元" compares the two years, and a
                # reason may name last year's budget ("原因：2025 年部门预算含…，2026 年不含")
                if z == y - 1 and (re.search(rf"{y}\s*年", sentence_before + sentence_after)
                                   or "原因" in sentence_before):
                    continue
                if z != y and not _COMPARISON_BEFORE.search(p.text[max(m.start() - 6, 0):m.start()]):
                    yield _problem(doc, p, m, f"「{p.where}」中“{m.group(0)}”的年份 {z} 与文件年度 {y} 不符，"
                                   f"疑为沿用往年文本", expected=f"{y}年")
            # a budget reports assets at the end of the year before it, a 决算 at the end of its own year
            asset_year = y if doc.kind == "决算" else y - 1
            for m in _ASSET_DATE_RE.finditer(p.text):
                z = int(m.group(1))
                if z != asset_year:
                    when = "当年底" if doc.kind == "决算" else "上年底"
                    yield _problem(doc, p, m, f"国有资产占用情况的时点“{m.group(0)}”应为{when}（{asset_year} 年底）",
                                   expected=f"截至{asset_year}年底")


# --------------------------------------------------------------------------------------------
# Y806 superseded class names

# (old name, current name, code, year the current name took effect, old name only counts when
# marked as a class — "（类）" or a table row of that code — because the words are also common prose)
SUPERSEDED_NAMES: list[tuple[str, str, str, int, bool]] = [
    ("医疗卫生与计划生育支出", "卫生健康支出", "210", 2019, False),
    ("医疗卫生与计划生育管理事务", "卫生健康管理事务", "21001", 2019, False),
    ("文化体育与传媒支出", "文化旅游体育与传媒支出", "207", 2019, False),
    ("国土海洋气象等支出", "自然资源海洋气象等支出", "220", 2019, False),
    ("国土资源气象等支出", "自然资源海洋气象等支出", "220", 2019, False),
    # 20805 kept its old name in the 2019 科目; 行政事业单位养老支出 is the 2020 科目's
    ("行政事业单位离退休", "行政事业单位养老支出", "20805", 2020, True),
    ("医疗卫生支出", "卫生健康支出", "210", 2014, True),
]
_CLASS_MARK_RE = re.compile(r"\s*[（(]\s*[类款项]\s*[）)]")


@rule("Y806", "使用已停用的科目名称", family="wording", severity="warning", basis="政府收支分类科目")
def superseded_names(doc: Document) -> Iterator[Problem]:
    """用了政府收支分类科目在文件年度已停用的功能分类名称（如 医疗卫生与计划生育支出）。

    查什么 What: A functional class named by a name the 政府收支分类科目 no longer uses in the document's year:
    医疗卫生与计划生育支出 for 210 卫生健康支出 (since 2019), 文化体育与传媒支出 for 207
    文化旅游体育与传媒支出, 国土海洋气象等支出 for 220 自然资源海洋气象等支出, 行政事业单位离退休（款）
    for 20805 行政事业单位养老支出 …

    示例 Example: a 2024 情况说明 sentence "医疗卫生与计划生育支出（类）5 万元".

    为什么 Why: the old name is a sign the text was copied from an old year's file; a reader
    cannot find the class under that name in this year's 科目. The names and years are a small data
    table in this module (``SUPERSEDED_NAMES``).

    容差 Tolerance: none. Names that are also ordinary words count only when marked as a class
    (``（类）（款）``). Only the prose is read (headings, 情况说明, 名词解释): a table row's name is
    checked against its code by Y502, which would report the same row twice.
    """
    if doc.year is None:
        raise CannotRun("未识别出文件年度")
    for p in passages(doc):
        if p.kind in ("table", "preparer"):
            continue
        for old, new, code, since, needs_mark in SUPERSEDED_NAMES:
            if doc.year < since:
                continue
            for m in re.finditer(re.escape(old), p.text):
                if needs_mark and not _CLASS_MARK_RE.match(p.text, m.end()):
                    continue
                yield _problem(doc, p, m, f"「{p.where}」使用了 {since} 年起已停用的科目名称“{old}”，"
                               f"应为“{code} {new}”", expected=new)


# --------------------------------------------------------------------------------------------
# Y807 部门 / 单位 wording

_LEVEL_RE = re.compile(r"(?<![业政算属级位门])(部门|单位)(?=\s*(?:\d{4}\s*年)?\s*(?:预算|决算|收支|收入|支出|整体))"
                       r"(?!\s*预算(?:支出)?经济分类)")  # 部门预算支出经济分类 is the classification's name


@rule("Y807", "标题中部门、单位用词与文件层级不符", family="wording", severity="warning", basis=BASIS)
def level_wording(doc: Document) -> Iterator[Problem]:
    """部门预算公开中出现“单位预算”标题，或相反。

    查什么 What: A 单位预算 heading in a 部门预算 disclosure, or the reverse.

    为什么 Why: a 部门 (department) publishes a 部门预算 that sums its units; a 单位 publishes a 单位预算. The
    titles and headings (目录, parts, sections, table titles) should say which one it is; a
    heading of the other kind is usually left from a template or another unit's file. 示例 Example:
    目录 "第二部分 2021 年单位预算公开表" in a disclosure whose other headings all say 部门预算.
    The level is the document's (``doc.level``), or else what most headings say.

    容差 Tolerance: none. Only headings are read; body text (本单位…) is ordinary usage.
    """
    hits: list[tuple[Passage, re.Match[str]]] = []
    for p in passages(doc):
        if p.kind not in ("heading", "table"):
            continue
        hits.extend((p, m) for m in _LEVEL_RE.finditer(p.text))
    if not hits:
        raise NotApplicable("标题中没有“部门预算”或“单位预算”字样")
    level = doc.level
    if level is None:
        n_dept = sum(1 for _, m in hits if m.group(1) == "部门")
        n_unit = len(hits) - n_dept
        if n_dept == n_unit:
            raise CannotRun("无法判断文件为部门预算还是单位预算")
        level = "部门" if n_dept > n_unit else "单位"
    for p, m in hits:
        if m.group(1) != level:
            yield _problem(doc, p, m, f"{level}预算公开文件的标题「{p.text.strip()}」使用了“{m.group(1)}”",
                           expected=level)


# --------------------------------------------------------------------------------------------
# Y808 malformed numbers

# an amount with two decimal points ("1,541.50.00万元") or digit groups of the wrong size
# ("1,5416.50万元", "12,34万元"); what follows is a unit, so that lists and dates are not read
_MALFORMED_NUMBER_RE = re.compile(
    r"(?<![\d.,，])\d[\d,，]*\.\d+\.\d+\s*(?:亿元|万元|千元|元|%|％)"
    r"|(?<![\d.,，])\d{1,3}(?:,\d{3})*,(?:\d{1,2}|\d{4,})(?![\d,])(?:\.\d+)?\s*(?:亿元|万元|千元|元)"
)


@rule("Y808", "金额数字格式有误", family="wording", severity="warning", basis=BASIS)
def malformed_numbers(doc: Document) -> Iterator[Problem]:
    """金额印得无法读成一个数：两个小数点，或千分位分组位数不对。

    查什么 What: An amount printed so that it cannot be read as one number: two decimal points
    ("人员经费1,541.50.00万元"), or thousands groups of the wrong size ("1,5416.50万元").

    为什么 Why: such a number is a typing slip (two figures run together, a decimal typed twice); the
    reader cannot tell which amount is meant, and no check of the text against the tables can use it.

    示例 Example: "人员经费1,541.50.00万元"（两个小数点）, "1,5416.50万元"（千分位分组错）.

    容差 Tolerance: none. Only the text is read (tables are read cell by cell).
    """
    found = False
    for p in passages(doc):
        if p.kind not in ("body", "glossary"):
            continue
        found = True
        for m in _MALFORMED_NUMBER_RE.finditer(p.text):
            yield _problem(doc, p, m, f"「{p.where}」中数字“{m.group(0).strip()}”格式有误，无法读作一个金额")
    if not found:
        raise CannotRun("未读取到情况说明")
