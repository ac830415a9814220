"""Y8xx — wording and template leftovers: what human inspectors flag most.

A disclosure is written by filling last year's file or the 财政局's template; what was not filled
or not updated shows as placeholders (XX局, 202X), alternatives left for the writer to choose
(增加（减少）), a reason with nothing after it (主要原因是。), doubled punctuation, a year or a
class name from another year, 部门 wording in a 单位 disclosure. The parser finds them in every
heading (目录, part and section titles, table titles) and every paragraph of the 概况 and the
情况说明 (yusuan.parse.wording_marks → Document.text_marks); these rules judge the marks and quote
the passage around each with its section and line (yusuan.passages).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Literal

from yusuan.audit import CannotRun, Location, NotApplicable, Problem, rule
from yusuan.audit.index import per_audit
from yusuan.codes import SUPERSEDED_NAMES
from yusuan.model import Document, TextMark
from yusuan.passages import Passage, passages

BASIS = "财预〔2016〕143号《地方预决算公开操作规程》"


def _marks(doc: Document, *kinds: str) -> Iterator[tuple[Passage, TextMark]]:
    """The marks of these kinds (read in parse, Document.text_marks) with their passages, in reading order."""
    plist = per_audit("wording.passages", lambda: list(passages(doc)))
    for mark in doc.text_marks:
        if mark.kind in kinds:
            yield plist[mark.passage], mark


def _any_passage(doc: Document, *kinds: str) -> bool:
    """Some passage of these kinds was read (else the rule cannot run)."""
    return any(p.kind in kinds for p in passages(doc))


def _problem(doc: Document, p: Passage, m: TextMark, message: str, *, expected: str | None = None,
             severity: Literal["error", "warning", "info"] | None = None) -> Problem:
    a, b = max(m.start - 20, 0), min(m.end + 20, len(p.text))
    quoted = ("…" if a else "") + p.text[a:b] + ("…" if b < len(p.text) else "")
    line, page = p.exact_line(m.start)
    return Problem(message, location=Location(section=p.where, file=p.file, page=page, line=line),
                   expected=expected, actual=m.text, source=quoted.strip(), severity=severity)


# --------------------------------------------------------------------------------------------
# Y801 placeholders

# the marks of Y801–Y808 are found in parse (yusuan.parse.wording_marks)


@rule("Y801", "模板占位符未替换", family="wording", severity="warning", basis=BASIS)
def placeholders(doc: Document) -> Iterator[Problem]:
    """公开文本中留有未替换的模板占位符：XX局、XXX、××、202X 年、X 万元、某某、“请填写……”。

    查什么：公开文本中留有模板占位符：XX局、XXX、××、202X 年、X 万元、某某、“请填写…”。
    What: A template placeholder left in the published text: XX局, XXX, ××, 202X 年, X 万元, 某某,
    "请填写…".

    为什么：占位符说明这句话从未填写；该处应有的数字或名称在公开中缺失了。
    Why: a placeholder means a sentence was never filled in; whatever number or name belongs there
    is missing from the disclosure.

    示例：标题中的“XX局 202X 年部门预算”，“比上年增加 X 万元”。
    Example: "XX局 202X 年部门预算" in a heading, "比上年增加 X 万元".

    容差：无。拉丁字母词（VLOG、X射线）和 markdown 强调符（**）不算占位符。
    Tolerance: none. Latin words (VLOG, X射线) and markdown emphasis (``**``) are not placeholders.
    """
    if not _any_passage(doc, "heading", "body", "glossary", "table", "preparer"):
        raise CannotRun("未读取到文字内容")
    for p, m in _marks(doc, "placeholder"):
        yield _problem(doc, p, m, f"「{p.where}」中有未替换的模板占位符“{m.text.strip()}”")


# --------------------------------------------------------------------------------------------
# Y802 alternatives left unchosen

@rule("Y802", "模板备选表述未取舍", family="wording", severity="warning", basis=BASIS)
def alternatives(doc: Document) -> Iterator[Problem]:
    """模板提供的备选表述未作取舍：增加（减少）、增长（下降）、增加/减少、是（否）。

    查什么：留着供撰写人选择的模板备选词：增加（减少）、增长（下降）、增加/减少、是（否）。
    What: Template alternatives left for the writer to choose: 增加（减少）, 增长（下降）, 增加/减少,
    是（否）.

    为什么：模板同时给出两个词，是让撰写人选真实的那个；两个都留着，就没有说清变化的方向。
    Why: the template offers both words so the writer picks the one that is true; leaving both
    says nothing about the direction of the change.

    示例：“比上年预算增加（减少）20.00 万元”。
    Example: "比上年预算增加（减少）20.00 万元".

    同一小节里同一备选表述出现多次，报为一条，注明共几处。

    容差：“本部门（单位）”不是备选：它是模板对公开主体的通用写法（部门、单位都适用，意思不变），不报告。
    Tolerance: “本部门（单位）” is no alternative: it is the templates' generic wording for whoever
    publishes (true of a 部门 and a 单位 alike, the meaning unchanged), and is not reported.
    """
    if not _any_passage(doc, "heading", "body", "table", "preparer"):
        raise CannotRun("未读取到情况说明")
    # One problem, one finding: the same alternative left several times in one section is one
    # finding that counts them, located at the first.
    groups: dict[tuple[str, str], list[tuple[Passage, TextMark]]] = {}
    for p, m in _marks(doc, "alternative"):
        if p.kind != "glossary":
            groups.setdefault((p.where, m.text), []).append((p, m))
    for (where, text), found in groups.items():
        times = f"（共 {len(found)} 处）" if len(found) > 1 else ""
        yield _problem(doc, *found[0], f"「{where}」中模板备选表述“{text}”未取舍{times}")


# --------------------------------------------------------------------------------------------
# Y803 empty reasons

@rule("Y803", "原因或用途说明为空", family="wording", severity="warning", basis=BASIS)
def empty_reason(doc: Document) -> Iterator[Problem]:
    """提出了原因或用途却未写出：“主要原因是。”“主要用于：。”。

    查什么：说了要讲原因或用途却没有讲：“主要原因是。”、“主要原因是：；”、“主要用于：。”。
    What: A reason or a use announced and not given: "主要原因是。", "主要原因是：；", "主要用于：。".

    为什么：财预〔2016〕143号要求说明增减变化；空着的原因是从未写上解释的模板句子。
    Why: 财预〔2016〕143号 asks the narrative to explain changes; an empty reason is a template
    sentence whose explanation was never written.

    示例：“比上年预算增加 5.00 万元，增长 25.00%， 主要原因是：。”
    Example: "比上年预算增加 5.00 万元，增长 25.00%，
    主要原因是：。"

    容差：无。
    Tolerance: none.
    """
    if not _any_passage(doc, "body"):
        raise CannotRun("未读取到情况说明")
    # "无变动原因" is a statement, not an empty reason: such marks are not recorded
    for p, m in _marks(doc, "empty_reason"):
        yield _problem(doc, p, m, f"「{p.where}」中“{m.text.strip()}”后没有内容，原因或用途未填写")


# --------------------------------------------------------------------------------------------
# Y804 doubled punctuation

@rule("Y804", "标点重复", family="wording", severity="info", basis="模板惯例")
def doubled_punctuation(doc: Document) -> Iterator[Problem]:
    """标点重复或冲突：。。 ，， ；； 、、 ，。——多是删去模板中的词句后留下的。

    查什么：重复或冲突的标点：。。 ，， ；； 、、 ，。——通常是从模板句子中删掉了一个短语，有时是删掉了一个数字。
    What: Doubled or clashing punctuation: 。。 ，， ；； 、、 ，。 — usually where a phrase was deleted
    from a template sentence, sometimes where a number was.

    为什么：这是修改后无人复读留下的痕迹。
    Why: it is the visible trace of an edit nobody reread.

    示例：“执行医疗保险、、生育保险政策”（名单缺了一项），“部门预算包括：。”（整个名单缺失）。省略号（……）和破折号（——）本身是标点，不报告。
    Example: "执行医疗保险、、生育保险政策"
    (an item of the list is missing), "部门预算包括：。" (the list itself is missing). Ellipses (……) and
    dashes (——) are punctuation of their own and are not flagged.

    容差：无。严重程度为提示：很少改变意思，但说明文本未经复核。
    Tolerance: none. Severity info: it rarely changes the meaning, but it shows an unreviewed text.
    """
    if not _any_passage(doc, "heading", "body", "glossary", "preparer"):
        raise CannotRun("未读取到文字内容")
    for p, m in _marks(doc, "double_punct"):
        if p.kind != "table":
            yield _problem(doc, p, m, f"「{p.where}」中标点重复“{m.text}”，可能有内容被删去")


# --------------------------------------------------------------------------------------------
# Y805 years that do not belong to the document

@rule("Y805", "年份与文件年度不符", family="wording", severity="warning", basis=BASIS)
def foreign_years(doc: Document) -> Iterator[Problem]:
    """不属于本文件年度的年份：其他年度的标题、沿用上年数字的模板句，或非上年末的资产日期。

    查什么：不属于本文件的年份：其他年度的标题，或模板短语（“2023 年预算数为”“2023 年部门预算”“2023 年收支总预算”）在本年公开中仍用上年年份；资产日期不是上年末。
    What: A year that does not belong to the document: a heading of another year, or a template
    phrase ("2023 年预算数为", "2023 年部门预算", "2023 年收支总预算") with last year's number in this
    year's disclosure; an asset date other than the end of the previous year.

    示例：2026 年公开中的“2025年“三公”经费预算13.85万元，比2025年减少…”。
    Example: "2025年“三公”经费预算13.85万元，比2025年减少…" in a 2026 disclosure.

    为什么：公开文件多由上年文件复制而来；没改的年份让旁边每个数字都含义不明。比较（比 2023 年、较上年）、资产的上年末（2024 年公开中的“截至 2023 年底”）以及原因和项目名称中的年份都是正当的，不报告。
    Why: disclosures are made by copying last year's file; a year left unchanged makes every
    number beside it ambiguous. Comparisons (比 2023 年, 较上年), the prior year's end for assets
    (截至 2023 年底 in a 2024 disclosure) and years in reasons and project names are legitimate and
    not flagged.

    容差：无。
    Tolerance: none.
    """
    if doc.year is None:
        raise CannotRun("未识别出文件年度")
    y = doc.year
    heading_years = Counter(m.year for _, m in _marks(doc, "heading_year"))
    top_year, top_count = heading_years.most_common(1)[0] if heading_years else (y, 0)
    if top_year != y and sum(heading_years.values()) >= 5 and top_count > 2 * heading_years[y]:
        # most headings name another year: the document's year was probably misread, not the headings
        raise CannotRun(f"标题中多数年份为 {top_year}，与识别的文件年度 {y} 不符，年度可能识别有误")
    # a budget reports assets at the end of the year before it, a 决算 at the end of its own year
    asset_year = y if doc.kind == "决算" else y - 1
    for p, m in _marks(doc, "heading_year", "template_year", "asset_date"):
        z = m.year
        if m.kind == "heading_year":
            if z != y and not m.quoted and not m.after_comparison:
                yield _problem(doc, p, m, f"标题「{p.text.strip()}」中的年份 {z} 与文件年度 {y} 不符",
                               expected=f"{y}年")
        elif m.kind == "template_year":
            # "2026 年预算数为 7.61 万元，2025 年预算数为 9.23 万元" compares the two years, and a
            # reason may name last year's budget ("原因：2025 年部门预算含…，2026 年不含")
            if z == y - 1 and (y in m.years_nearby or m.reason_before):
                continue
            if z != y and not m.after_comparison:
                yield _problem(doc, p, m, f"「{p.where}」中“{m.text}”的年份 {z} 与文件年度 {y} 不符，"
                               f"疑为沿用往年文本", expected=f"{y}年")
        elif z != asset_year:
            when = "当年底" if doc.kind == "决算" else "上年底"
            yield _problem(doc, p, m, f"国有资产占用情况的时点“{m.text}”应为{when}（{asset_year} 年底）",
                           expected=f"截至{asset_year}年底")


# --------------------------------------------------------------------------------------------
# Y806 superseded class names

@rule("Y806", "使用已停用的科目名称", family="wording", severity="warning", basis="政府收支分类科目")
def superseded_names(doc: Document) -> Iterator[Problem]:
    """用了政府收支分类科目在文件年度已停用的功能分类名称（如 医疗卫生与计划生育支出）。

    查什么：用本年度政府收支分类科目已不再使用的名称称呼功能分类的类：用“医疗卫生与计划生育支出”称 210 卫生健康支出（2019 年起），“文化体育与传媒支出”称 207 文化旅游体育与传媒支出，“国土海洋气象等支出”称 220 自然资源海洋气象等支出，“行政事业单位离退休（款）”称 20805 行政事业单位养老支出 …
    What: A functional class named by a name the 政府收支分类科目 no longer uses in the document's year:
    医疗卫生与计划生育支出 for 210 卫生健康支出 (since 2019), 文化体育与传媒支出 for 207
    文化旅游体育与传媒支出, 国土海洋气象等支出 for 220 自然资源海洋气象等支出, 行政事业单位离退休（款）
    for 20805 行政事业单位养老支出 …

    示例：2024 年情况说明中的“医疗卫生与计划生育支出（类）5 万元”。
    Example: a 2024 情况说明 sentence "医疗卫生与计划生育支出（类）5 万元".

    为什么：旧名称说明文字是从旧年度文件复制来的；读者在本年科目中按这个名称找不到这一类。名称和年份是科目目录旁的一张小数据表（yusuan.codes.SUPERSEDED_NAMES）。
    Why: the old name is a sign the text was copied from an old year's file; a reader
    cannot find the class under that name in this year's 科目. The names and years are a small data
    table beside the code catalog (``yusuan.codes.SUPERSEDED_NAMES``).

    容差：无。本身也是普通词语的名称，只有标明为类（（类）（款））时才算。只读正文（标题、情况说明、名词解释）：表格行的名称由 Y502 按编码核对，否则同一行会报两次。
    Tolerance: none. Names that are also ordinary words count only when marked as a class
    (``（类）（款）``). Only the prose is read (headings, 情况说明, 名词解释): a table row's name is
    checked against its code by Y502, which would report the same row twice.
    """
    if doc.year is None:
        raise CannotRun("未识别出文件年度")
    names = {old: (new, code, since) for old, new, code, since, _ in SUPERSEDED_NAMES}
    for p, m in _marks(doc, "superseded"):
        old = m.word or ""
        new, code, since = names[old]
        if doc.year < since:
            continue
        yield _problem(doc, p, m, f"「{p.where}」使用了 {since} 年起已停用的科目名称“{old}”，"
                       f"应为“{code} {new}”", expected=new)


# --------------------------------------------------------------------------------------------
# Y807 部门 / 单位 wording

@rule("Y807", "标题中部门、单位用词与文件层级不符", family="wording", severity="warning", basis=BASIS)
def level_wording(doc: Document) -> Iterator[Problem]:
    """部门预算公开中出现“单位预算”标题，或相反。

    查什么：部门预算公开中出现单位预算的标题，或反之。
    What: A 单位预算 heading in a 部门预算 disclosure, or the reverse.

    为什么：部门公开汇总其所属单位的部门预算，单位公开单位预算。标题（目录、部分、章节、表名）应说明是哪一种；另一种的标题通常是模板或别的单位文件遗留的。
    Why: a 部门 (department) publishes a 部门预算 that sums its units; a 单位 publishes a 单位预算. The
    titles and headings (目录, parts, sections, table titles) should say which one it is; a
    heading of the other kind is usually left from a template or another unit's file.

    示例：其他标题都写部门预算的公开中，目录有“第二部分 2021 年单位预算公开表”。层级取文件的层级（doc.level），否则取多数标题所写的。
    Example:
    目录 "第二部分 2021 年单位预算公开表" in a disclosure whose other headings all say 部门预算.
    The level is the document's (``doc.level``), or else what most headings say.

    容差：无。只读标题；正文中的“本单位…”是正常用法。
    Tolerance: none. Only headings are read; body text (本单位…) is ordinary usage.
    """
    hits = list(_marks(doc, "level"))
    if not hits:
        raise NotApplicable("标题中没有“部门预算”或“单位预算”字样")
    level = doc.level
    if level is None:
        n_dept = sum(1 for _, m in hits if m.word == "部门")
        n_unit = len(hits) - n_dept
        if n_dept == n_unit:
            raise CannotRun("无法判断文件为部门预算还是单位预算")
        level = "部门" if n_dept > n_unit else "单位"
    for p, m in hits:
        if m.word != level:
            yield _problem(doc, p, m, f"{level}预算公开文件的标题「{p.text.strip()}」使用了“{m.word}”",
                           expected=level)


# --------------------------------------------------------------------------------------------
# Y808 malformed numbers

@rule("Y808", "金额数字格式有误", family="wording", severity="warning", basis=BASIS)
def malformed_numbers(doc: Document) -> Iterator[Problem]:
    """金额印得无法读成一个数：两个小数点，或千分位分组位数不对。

    查什么：金额印得无法读成一个数：两个小数点（“人员经费1,541.50.00万元”），或千分位分组位数不对（“1,5416.50万元”）。
    What: An amount printed so that it cannot be read as one number: two decimal points
    ("人员经费1,541.50.00万元"), or thousands groups of the wrong size ("1,5416.50万元").

    为什么：这是录入笔误（两个数连在一起、小数点打了两次）；读者分不清指的是哪个金额，文本与表格的任何核对也用不上它。
    Why: such a number is a typing slip (two figures run together, a decimal typed twice); the
    reader cannot tell which amount is meant, and no check of the text against the tables can use it.

    示例：“人员经费1,541.50.00万元”（两个小数点），“1,5416.50万元”（千分位分组错）。
    Example: "人员经费1,541.50.00万元"（两个小数点）, "1,5416.50万元"（千分位分组错）.

    容差：无。只读正文（表格按单元格读取）。
    Tolerance: none. Only the text is read (tables are read cell by cell).
    """
    if not _any_passage(doc, "body", "glossary"):
        raise CannotRun("未读取到情况说明")
    for p, m in _marks(doc, "malformed_number"):
        yield _problem(doc, p, m, f"「{p.where}」中数字“{m.text.strip()}”格式有误，无法读作一个金额")
