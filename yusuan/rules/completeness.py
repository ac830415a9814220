"""Y4xx — completeness: what a 部门预算公开 must contain is there.

The basis is 财预〔2016〕143号《地方预决算公开操作规程》: the 部门预算 tables (收支总表, 收入总表,
支出总表, 财政拨款收支总表, 一般公共预算支出表, 一般公共预算基本支出表, 一般公共预算“三公”经费支出表,
政府性基金预算支出表 — a table without content is published empty, with a note), and the
explanations of 机关运行经费, 政府采购 and 国有资产占用; and the document's own table of contents.
Y001 (no table at all) lives here too: it is the first completeness question.
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from yusuan.audit import CannotRun, Location, NotApplicable, Problem, rule
from yusuan.audit.helpers import TABLE_NAMES, locate, quote_row
from yusuan.model import Document, Section, TocEntry
from yusuan.tables import EQUIVALENT_TABLES, REQUIRED_TABLES

RULES_143 = "财预〔2016〕143号《地方预决算公开操作规程》"


# The 教育部 template of the universities it funds (部属高校) publishes four tables — 收支预算总表,
# 收入预算表, 支出预算表, 财政拨款支出预算表 (决算: 高等学校收支决算总表 …) — and a 说明 of those four;
# 143号 is the rule of local departments, not of these units.
_LOCAL_ONLY_TABLES = {"gpb_expense", "gpb_basic", "gpb_econ", "three_public", "gov_fund"}


def university_template(doc: Document) -> bool:
    """The disclosure follows the four-table template of the 部属高校."""
    if not doc.tables or len(doc.tables) > 5 or any(t.id in _LOCAL_ONLY_TABLES for t in doc.tables):
        return False
    return bool(doc.department and doc.department.endswith(("大学", "学院"))) or any(
        t.title.startswith("高等学校") for t in doc.tables)


@rule("Y001", "文件未识别出任何预算表", family="completeness", severity="warning", basis=RULES_143)
def no_tables(doc: Document) -> Iterator[Problem]:
    """文件中一张预算公开表也未识别出。

    The document has no budget table at all.

    查什么：文件中一张公开表格都没有识别出来。
    What: not one of the disclosure tables was recognised in the file.

    为什么：部门预算公开必须公开表格；只有文字的文件，要么是分两份文件公开时的说明部分（请用 --together 把两份文件一起检查），要么是不完整的公开。
    Why: a 部门预算公开 must publish its tables; a file with only text is either the narrative half
    of a two-file disclosure (check both files together with ``--together``) or an incomplete
    publication.

    示例：表格在附件2、本文件只是附件1（说明）的公开。
    Example: the 附件1 (说明) of a disclosure whose tables are in 附件2.

    容差：无。
    Tolerance: none.
    """
    if not doc.tables:
        listed = [e.title for e in doc.toc if e.tables_part]
        if listed and doc.sections:
            # the 说明 of a disclosure whose tables are a separate attachment (附件：…部门预算报表):
            # the file announces them; whether the attachment was published this file cannot show
            yield Problem(f"本文件为情况说明，目录所列「{listed[0]}」未在本文件中（报表另附）；"
                          "请将报表文件一起审核（--together）", severity="info", category="attachment",
                          expected=listed[0], actual="（报表另附）")
            return
        yield Problem("未识别出任何预算表格（若说明与报表分为两个文件，请用 --together 一起审核）")


@rule("Y401", "缺少规定公开的预算表", family="completeness", severity="error", basis=RULES_143)
def required_tables(doc: Document) -> Iterator[Problem]:
    """财预〔2016〕143号规定的部门预算公开表均已公开（没有数据的表也应公开空表并说明）。

    查什么：财预〔2016〕143号要求每份部门预算公开都有的八张表齐全：收支总体情况表、收入总体情况表、支出总体情况表、财政拨款收支总体情况表、一般公共预算支出情况表、一般公共预算基本支出情况表、一般公共预算“三公”经费支出情况表、政府性基金预算支出情况表。以空表公开的算作已公开。
    What: the eight tables 143号 requires of every 部门预算公开 are present: 收支总体情况表,
    收入总体情况表, 支出总体情况表, 财政拨款收支总体情况表, 一般公共预算支出情况表,
    一般公共预算基本支出情况表, 一般公共预算“三公”经费支出情况表, 政府性基金预算支出情况表. A
    table published empty counts as present.

    为什么：这些表是规定部门必须公开的最低限度；缺一张，无论数字如何都是公开缺项。文件中还有 yusuan 未识别的表时降为警告：缺的表可能换了标题印在其中。
    Why: these tables are the minimum the rules oblige a department to publish; a missing one is a
    disclosure gap whatever the figures are. When the file also has tables yusuan did not recognise,
    the finding is lowered to a warning: the missing table may be one of them under another title.

    示例：目录列了政府性基金预算支出情况表、正文却没有印出的 2021 年文件。
    Example: a 2021 document whose table of contents lists 政府性基金预算支出情况表 but that never
    prints it.

    容差：无。
    Tolerance: none.
    """
    if not doc.tables:
        raise NotApplicable("文件中没有任何表格（见 Y001）")
    if doc.kind == "决算":
        raise NotApplicable("决算公开的表目与预算不同")
    if doc.year is not None and doc.year < 2017:
        raise NotApplicable("143号文自 2017 年预算起施行")
    if university_template(doc):
        raise NotApplicable("部属高校按教育部模板公开收支总表、收入表、支出表、财政拨款支出表四张表")
    present = {t.id for t in doc.tables}
    generic = [t for t in doc.tables if t.id == "generic"]
    for tid in REQUIRED_TABLES:
        if tid in present or any(alt in present for alt in EQUIVALENT_TABLES.get(tid, ())):
            continue
        msg = f"未公开{TABLE_NAMES[tid]}（没有数据也应公开空表并说明）"
        if generic:
            msg += f"；文件中另有 {len(generic)} 张未识别的表，请核对是否即为该表"
        yield Problem(msg, location=Location(table=tid, table_title=TABLE_NAMES[tid]), expected=TABLE_NAMES[tid],
                      actual="（未公开）", severity="warning" if generic else None)


@rule("Y402", "空表未作说明", family="completeness", severity="warning", basis=RULES_143)
def empty_table_note(doc: Document) -> Iterator[Problem]:
    """公开的空表附有说明（如“本部门没有使用政府性基金预算拨款安排的支出，故本表为空表”）。

    查什么：没有数字的公开表应注明为空的原因——写在表上，或写在情况说明里（如政府性基金预算拨款情况说明：未安排 / 政府性基金预算拨款收入 0 万元）。
    What: a table published without figures carries a note saying why it is empty — on the table
    itself, or in the 情况说明 (e.g. 政府性基金预算拨款情况说明: 未安排 / 政府性基金预算拨款收入
    0 万元).

    为什么：143号要求空表也要公开并说明；没有说明，读者分不清是“没有可报的”还是“漏掉了”。
    Why: 143号 asks for empty tables to be published *and explained*; without the note a reader
    cannot tell "nothing to report" from "left out by mistake".

    示例：只有表头、没有“…为空表”说明的政府性基金预算支出情况表：不通过。
    Example: ``政府性基金预算支出情况表`` with only its header and no ``…为空表`` line fails.

    容差：无。
    Tolerance: none.
    """
    # a title with 说明 is a narrative heading a reader mistook for a table: not a table to judge
    empties = [t for t in doc.tables if t.empty and "说明" not in t.title]
    if not empties:
        raise NotApplicable("没有空表")
    mentions = [m for s in doc.sections for m in s.empty_mentions]
    unnoted = [t for t in empties if not (t.empty_note and t.empty_note.strip())]
    if unnoted and not doc.sections:
        # the tables half of a two-file disclosure: the explanation may be in the other file
        raise CannotRun("未读取到情况说明，无法判断空表是否在说明中解释（两份文件请用 --together）")
    for t in empties:
        if t.empty_note and t.empty_note.strip():
            continue
        name = TABLE_NAMES.get(t.id, t.title)
        if _said_empty(name, mentions):
            continue
        yield Problem(f"{t.title or name}为空表，但未说明原因", location=locate(t), actual="（无说明）",
                      source=t.title)


def _said_empty(name: str, mentions: list[str]) -> bool:
    """The narrative says the table is empty: its name's first five characters stand at most 40
    characters before a "空表 / 未安排 / 没有 / 0 万元" on the same line (Section.empty_mentions)."""
    short = name.strip("“”")
    for suffix in ("情况表", "支出表", "预算表"):
        if short.endswith(suffix):
            short = short[:-len(suffix)]
            break
    head = short[:5]
    if not head:
        return False
    for before in mentions:
        at = before.rfind(head)
        if at >= 0 and len(before) - (at + len(head)) <= 40:
            return True
    return False


def _similar(a: str, b: str) -> bool:
    """Titles that are the same up to a converter's or an editor's small slips (的, 情况 …)."""
    if not a or not b:
        return False
    if a == b or a in b or b in a:
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.85


# a section under the entry's number whose heading is this close to the entry's is the entry's,
# reworded ("部门“三公”经费等经费预算情况" in the 目录, "部门预算“三公”经费等预算情况说明" above the text)
_RENAMED_SECTION_RATIO = 0.6


def _renamed_section(entry: TocEntry, sections: list[Section]) -> bool:
    """A section with the entry's number and a heading reworded from the entry's is the entry."""
    return entry.number is not None and any(
        s.number == entry.number and SequenceMatcher(None, entry.key, s.key).ratio() >= _RENAMED_SECTION_RATIO
        for s in sections)


@rule("Y403", "目录所列内容未在文件中出现", family="completeness", severity="warning", basis="模板惯例（文件自身目录）")
def toc_entries_present(doc: Document) -> Iterator[Problem]:
    """目录列出的每张表、每节说明都在正文中出现。

    查什么：目录所列的每张表、每个部分在文件中确实存在：表按标题（经表格目录识别）对应，部分按标题对应。
    What: every table and every section the table of contents (目录) lists is actually in the
    document: a listed table is matched by its title (through the table catalog), a listed section
    by its title.

    为什么：目录是部门自己对所公开内容的说明；有目录项而无内容，就是漏掉了表或说明——常见的是跨页时丢了整张表。
    Why: the table of contents is the department's own statement of what it publishes; an entry
    with nothing behind it is a table or explanation that was dropped — often a whole table lost
    between pages.

    示例：目录列有“七、一般公共预算项目支出情况表”，表格却从表六直接跳到表八。
    Example: 目录 lists ``七、一般公共预算项目支出情况表`` but the tables jump from 表六 to 表八.

    容差：标题只差几个字（的、情况…）的算同一节；编号相同、标题改了措辞的也算同一节（目录「六、部门“三公”经费等经费预算情况」，正文「六、部门预算“三公”经费等预算情况说明」）。只作警告：也可能是转换工具丢了页，而不是部门漏了。
    Tolerance: titles differing by a few characters (的, 情况 …) are the same section, and so is a
    section under the same number with a reworded heading (目录 「六、部门“三公”经费等经费预算情况」,
    body 「六、部门预算“三公”经费等预算情况说明」). A warning: a converter may have lost the page
    rather than the department.
    """
    if not doc.toc:
        raise CannotRun("未读取到目录")
    from yusuan.tables import match_title

    present = {t.id for t in doc.tables}
    section_keys = [s.key for s in doc.sections]
    unmatched: list[Problem] = []
    for entry in doc.toc:
        if entry.part is None:
            continue  # a part heading (第二部分 …): its contents are the entries below it
        spec = None if entry.in_narrative else match_title(entry.title)
        if spec is not None and not doc.tables:
            continue  # the tables are in another file (see Y001): nothing to look for here
        if spec is not None:
            if spec.skip or spec.id in present:
                continue
            yield Problem(
                f"目录列有「{entry.title.strip()}」，但文件中未见该表",
                location=Location(table=spec.id, table_title=entry.title.strip(), section="目录",
                                  page=entry.source.page, line=entry.source.line),
                expected=entry.title.strip(), actual="（未见）", source=entry.title.strip())
            continue
        if not entry.numbered_section:
            continue  # not a numbered section: a table name the catalog does not know, a note, a part
        key = entry.key
        if not key or len(section_keys) < 3:
            continue
        if any(_similar(key, k) for k in section_keys) or _renamed_section(entry, doc.sections):
            continue
        if "名词解释" in key and doc.glossary:
            continue
        if "functions" in entry.about and doc.profile.functions:
            continue  # the 概况 was read into the profile rather than as a section
        if "organisation" in entry.about and (doc.profile.internal_units or doc.profile.staff):
            continue
        unmatched.append(Problem(
            f"目录列有「{entry.title.strip()}」，但正文中未见该节",
            location=Location(section="目录", page=entry.source.page, line=entry.source.line),
            expected=entry.title.strip(), actual="（未见）", source=entry.title.strip()))
    # a section whose title could not be read may be any of the unmatched entries
    untitled = sum(1 for s in doc.sections if not s.key)
    if len(unmatched) > untitled:
        yield from unmatched


def _sections_about(doc: Document, topic: str) -> list[Section]:
    """The sections titled for a topic (Section.title_topics), else those whose text names it."""
    titled = [s for s in doc.sections if topic in s.title_topics]
    return titled or [s for s in doc.sections if topic in s.text_topics]


# the "三公" items (row codes of the three_public table) a section must name; which words name
# them is read in parse (Section.three_public_items)
THREE_PUBLIC_ITEMS = {
    "overseas_travel": "因公出国（境）费",
    "reception": "公务接待费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行费",
}


@rule("Y404", "“三公”经费未逐项说明", family="completeness", severity="warning", basis=RULES_143, needs=("sections",))
def three_public_explained(doc: Document) -> Iterator[Problem]:
    """“三公”经费每一项（因公出国（境）费、公务接待费、公务用车购置费和运行费）在情况说明中都有说明。

    查什么：情况说明有“三公”经费部分，表中有金额的每一项都有说到；写了增减（增加 / 减少 …）的，要说明原因（主要原因 / 主要用于 …）；与上年持平的无需说明原因。
    What: the 情况说明 has a “三公” section, it names every “三公” item the table gives money to,
    and where it states a change (增加 / 减少 …) it gives the reason (主要原因 / 主要用于 …); a
    budget that is the same as last year needs no reason.

    为什么：143号要求逐项说明“三公”经费预算及其增减原因；有钱却一字未提的项，是审核中最常被指出的缺项。
    Why: 143号 asks departments to explain the “三公” budget item by item, with the reasons for
    its changes; an item with money and no word about it is the gap reviewers most often flag.

    示例：表中公务接待费 0.50，而“三公”部分只谈了公务用车。
    Example: ``公务接待费 0.50`` in the table while the “三公” section only discusses 公务用车.

    容差：无。
    Tolerance: none.
    """
    secs = _sections_about(doc, "three_public")
    tp = doc.table("three_public")
    if not secs and university_template(doc):
        raise NotApplicable("部属高校模板的说明只说明四张表，不含“三公”经费")
    if not secs:
        yield Problem("情况说明中没有“三公”经费的说明", location=Location(section="情况说明"),
                      actual="（未说明）")
        return
    named = {item for s in secs for item in s.three_public_items}
    sec = secs[0]
    loc = Location(section=sec.title, page=sec.source.page, line=sec.source.line)
    if tp is not None and not tp.empty:
        for row in tp.rows:
            name = THREE_PUBLIC_ITEMS.get(row.code or "")
            total = row.values.get("total") or next(iter(row.values.values()), None)
            if name is None or total is None or total.value == 0:
                continue
            if row.code not in named:
                yield Problem(f"“三公”经费表中「{name}」为 {total.text}，但情况说明未提及该项",
                              location=loc, expected=f"说明{name}", actual="（未提及）", source=quote_row(tp, row))
    if any(s.states_change for s in secs) and not any(s.gives_reason for s in secs):
        yield Problem("“三公”经费说明未说明增减变化原因", location=loc, actual="（无原因）",
                      source=sec.text[:200])


@rule("Y405", "缺少名词解释", family="completeness", severity="warning", basis=RULES_143 + "；模板惯例")
def glossary_present(doc: Document) -> Iterator[Problem]:
    """文件有“名词解释”部分（财政拨款、基本支出、项目支出、“三公”经费、机关运行经费等）。

    查什么：公开文件有名词解释部分，解释所用术语。
    What: the disclosure explains its terms in a 名词解释 part.

    为什么：公开面向的公众不了解基本支出、机关运行经费等含义；各地模板都有这一部分，缺失通常说明文件末尾丢了。
    Why: the public the disclosure is written for does not know what 基本支出 or 机关运行经费
    mean; the templates of every region include the part, and its absence usually means the end of
    the document was lost.

    示例：在“其他重要事项的情况说明”之后就结束的文件。
    Example: a document that ends after 其他重要事项的情况说明.

    容差：无。
    Tolerance: none.
    """
    if doc.glossary:
        return
    if any("名词解释" in s.title for s in doc.sections):
        return
    if not doc.sections:
        raise CannotRun("未读取到情况说明")
    yield Problem("未见“名词解释”部分", location=Location(section="名词解释"), actual="（未见）")


def _stated(doc: Document, topic: str, what: str) -> Iterator[Problem]:
    if not doc.sections:
        raise CannotRun("未读取到情况说明")
    if _sections_about(doc, topic):
        return
    if university_template(doc):
        raise NotApplicable(f"部属高校模板的说明只说明四张表，不含{what}")
    yield Problem(f"情况说明中没有{what}的说明", location=Location(section="情况说明"), expected=f"说明{what}",
                  actual="（未说明）")


@rule("Y406", "未说明机关运行经费", family="completeness", severity="warning", basis=RULES_143, needs=("sections",))
def admin_operation_stated(doc: Document) -> Iterator[Problem]:
    """情况说明有机关运行经费的安排情况。

    查什么：情况说明写明机关运行经费（行政单位的公用经费）——金额和增减，或说明本单位没有（事业单位写“不涉及 / 无”）。
    What: the 情况说明 states the 机关运行经费 (the public expenses of the administrative body) —
    its amount and change, or that the unit has none (事业单位 say 不涉及 / 无).

    为什么：143号把机关运行经费列为部门预算公开必须说明的事项。
    Why: 143号 lists 机关运行经费 among what a 部门预算公开 must explain.

    示例：“（一）机关运行经费：2024年机关运行经费 76.89 万元，比上年…”。
    Example: ``（一）机关运行经费：2024年机关运行经费 76.89 万元，比上年…``.

    容差：无。
    Tolerance: none.
    """
    yield from _stated(doc, "admin_operation", "机关运行经费")


@rule("Y407", "未说明政府采购", family="completeness", severity="warning", basis=RULES_143, needs=("sections",))
def procurement_stated(doc: Document) -> Iterator[Problem]:
    """情况说明有政府采购的安排情况。

    查什么：情况说明写明政府采购预算（货物 / 工程 / 服务），或说明没有。
    What: the 情况说明 states the 政府采购 budget (货物 / 工程 / 服务), or that there is none.

    为什么：143号把政府采购列为部门预算公开必须说明的事项。
    Why: 143号 lists 政府采购 among what a 部门预算公开 must explain.

    示例：“（二）政府采购情况：2024年政府采购预算 20.00 万元，其中货物…”。
    Example: ``（二）政府采购情况：2024年政府采购预算 20.00 万元，其中货物…``.

    容差：无。
    Tolerance: none.
    """
    yield from _stated(doc, "procurement", "政府采购")


@rule("Y408", "未说明国有资产占用", family="completeness", severity="warning", basis=RULES_143, needs=("sections",))
def assets_stated(doc: Document) -> Iterator[Problem]:
    """情况说明有国有资产占用情况（车辆、单价 50 万元以上设备等）。

    查什么：情况说明写明部门占有使用的国有资产（车辆、单价超过标准的设备），或说明没有此类资产。
    What: the 情况说明 states the state assets the department holds (vehicles, equipment above
    the threshold), or that it holds none of the kind.

    为什么：143号把国有资产占用情况列为部门预算公开必须说明的事项。
    Why: 143号 lists 国有资产占用 among what a 部门预算公开 must explain.

    示例：“（三）国有资产占用情况：截至上年底，共有车辆 2 辆…”。
    Example: ``（三）国有资产占用情况：截至上年底，共有车辆 2 辆…``.

    容差：无。
    Tolerance: none.
    """
    yield from _stated(doc, "assets", "国有资产占用")
