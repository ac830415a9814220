"""The canonical, typed model of one budget disclosure.

Every reader (text, PDF, DOCX, XLSX, HTML) ends in this model, so that the audit, the exports and
the corpus see one shape whatever the input. Amounts are ``Decimal`` in 万元, exact; the text as
printed and the unit as printed are kept beside them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Provenance(_Model):
    """Where a value or a piece of text came from."""

    file: str | None = None
    page: int | None = None  # 1-based PDF page, where the input has pages
    line: int | None = None  # 1-based line of a text input
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in PDF points
    inferred: bool = False  # True when the placement was deduced rather than read
    note: str | None = None  # how it was deduced, or anything a reviewer should know


class Amount(_Model):
    """An amount as printed, and its exact value in 万元."""

    value: Decimal  # in 万元, exact (元 ÷ 10000 without rounding)
    text: str  # as printed, e.g. "2,260.66"
    unit: str = "万元"  # unit as printed by the table or sentence
    source: Provenance = Field(default_factory=Provenance)

    def shown(self) -> str:
        """The amount for a message: as printed, with its value in 万元 when printed in another unit.

        ``1682.76 万元``; ``1682.76 元（合 0.168276 万元）`` — so that a figure printed in the wrong
        unit reads as such, not as two equal numbers said to differ.
        """
        if self.unit == "万元":
            return f"{self.text} 万元"
        return f"{self.text} {self.unit}（合 {self.value.normalize():f} 万元）"


class Column(_Model):
    id: str  # canonical column id, e.g. "total", "basic", "project"; or "col3" in a generic table
    header: str  # header text as printed (header rows joined with "/")
    # True when the catalog did not know the header and the id was inferred from the sum its
    # figures satisfy (yusuan.parse.column_inference); ``note`` names that sum
    inferred: bool = False
    note: str | None = None
    # what the printed header says the column is, whatever its id (table_structure.toml [headers],
    # marked by yusuan.parse.column_marks): printed under 其中, a part of the figures before it;
    # money carried over from last year (上年结转结余)
    of_which: bool = False
    carried_over: bool = False


TableId = str  # canonical ids are listed in yusuan.tables.CANONICAL_TABLES


class Row(_Model):
    """One row of a table.

    ``code`` is the classification code as digits (``210``, ``21015``, ``2101501``), ``TOTAL`` for
    the grand total row, a canonical item id for rows of the summary tables (``income.gpb`` …), or
    ``None`` when the row has no code (a project row, a generic row).
    """

    code: str | None = None
    name: str = ""
    side: Literal["income", "expense"] | None = None  # for two-sided tables (summary, fiscal_summary)
    project: str | None = None
    unit: str | None = None  # the budget unit (预算单位) the row belongs to, where the table says
    values: dict[str, Amount] = Field(default_factory=dict)
    texts: dict[str, str] = Field(default_factory=dict)  # non-amount cells, by column id
    unplaced: list[Amount] = Field(default_factory=list)  # values whose column could not be decided
    source: Provenance = Field(default_factory=Provenance)


class Table(_Model):
    id: TableId  # canonical id, or "generic"
    title: str  # as printed
    number: str | None = None  # "表1", "表一", "预算01表"
    unit: str | None = None  # 单位 as printed: "万元", "元", "千元"
    preparer: str | None = None  # 编制部门/编制单位 as printed
    columns: list[Column] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)
    empty: bool = False  # published as an empty table
    empty_note: str | None = None  # e.g. "…政府性基金预算支出情况表为空表。"
    # the note, as printed, that says items were left out of the published table (涉密项目不予公开,
    # 根据保密规定…予以剔除): its total then exceeds the rows it lists, by design
    withheld: str | None = None
    source: Provenance = Field(default_factory=Provenance)
    notes: list[str] = Field(default_factory=list)  # parse notes (columns inferred, values unplaced …)


class LineSpan(_Model):
    """A printed line of a section's text: where it starts in ``Section.text`` and in the source."""

    offset: int
    source: Provenance = Field(default_factory=Provenance)


class NameList(_Model):
    """A bare list of names a section prints: "支出预算包括：社会保障和就业支出、卫生健康支出。"."""

    kind: str  # "收入" or "支出"
    names: list[str]
    text: str  # the sentence as printed
    # the kinds of income source the names mention (一般公共预算, 政府性基金, 国有资本经营预算,
    # 财政专户管理资金, 上年结转结余, 单位资金), in that order
    source_kinds: list[str] = Field(default_factory=list)


class Section(_Model):
    """A section of the 情况说明 (or of 概况, 名词解释)."""

    part: str | None = None  # e.g. "第三部分 部门预算情况说明"
    number: str | None = None  # "一", "（二）"
    title: str
    text: str
    source: Provenance = Field(default_factory=Provenance)
    # where each printed line of ``text`` starts, so that a quote from the text can be located
    # without reading the file again
    spans: list[LineSpan] = Field(default_factory=list)

    # read from the title and text by yusuan.parse.claim_details, so rules never read them again:
    about_one_fund: bool = False  # titled for one fund's money (财政拨款, 一般公共预算, 政府性基金 …, 三公)
    lists: list[NameList] = Field(default_factory=list)  # "收入/支出预算包括：A、B、C" lists it prints
    # read by yusuan.parse.section_details:
    key: str = ""  # the title as compared with the 目录 (no numbering, punctuation, "关于…年")
    # topics of 143号 it is about ("three_public", "admin_operation", "procurement", "assets"), by
    # its title and by its text
    title_topics: list[str] = Field(default_factory=list)
    text_topics: list[str] = Field(default_factory=list)
    three_public_items: list[str] = Field(default_factory=list)  # "三公" items (row codes) its text names
    states_change: bool = False  # its text states a change (增加/减少/增长/下降 …)
    gives_reason: bool = False  # its text gives a reason or a use (原因/用于/主要是 …)
    # the text before each "空表 / 未安排 / 没有 / 0 万元" on its line (≤ 45 characters): where the
    # name of a table it says is empty stands
    empty_mentions: list[str] = Field(default_factory=list)
    # the sentences of its title and text that say a 绩效目标表 is not compiled or not published
    # (yusuan.parse.performance_details)
    no_target_table: list[str] = Field(default_factory=list)

    def where(self, offset: int) -> Provenance:
        """The provenance of the character at ``offset`` of ``text``."""
        found = self.source
        for span in self.spans:
            if span.offset > offset:
                break
            found = span.source
        return Provenance(file=found.file or self.source.file, line=found.line, page=found.page)

    def heading(self) -> str:
        """The title with its number, as a report names the section (``三、机构设置``)."""
        return f"{self.number + '、' if self.number else ''}{self.title}"


class Quote(_Model):
    """A sentence of the text that a reading rests on, and where it stands."""

    text: str
    section: str | None = None  # the heading of its section
    source: Provenance = Field(default_factory=Provenance)


ClaimKind = Literal["amount", "share", "change"]


class Claim(_Model):
    """A number the narrative states, with what it is about.

    ``subject`` is a normalized key, see ``yusuan.parse.claims.SUBJECTS`` (``total``, ``income.gpb``,
    ``expense.basic``, ``func:2101501``, ``econ:301``, ``three_public.reception``,
    ``admin_operation``, ``procurement.goods``, ``project:<name>`` …).
    """

    subject: str
    subject_text: str  # as printed
    amount: Amount | None = None
    share: Decimal | None = None  # percent, as printed (占 x%)
    share_text: str | None = None
    direction: Literal["increase", "decrease", "flat"] | None = None
    change: Amount | None = None  # 增加/减少 amount
    change_percent: Decimal | None = None  # 增长/下降 percent, unsigned as printed
    change_percent_text: str | None = None
    compared_to: str | None = None  # "上年预算", "上年执行数" …
    # the prior year's amount when the statement prints it ("比上年执行数 1,690.69 万元减少…",
    # "2025年预算执行数为 B 万元，2026年预算安排 C 万元，比…"); None when only the change is given
    prior: Amount | None = None
    # a sentence that goes on about the previous sentence's subject without naming it
    carried: bool = False
    # the current amount printed again in such a sentence ("2026年预算安排 C 万元"): C may differ
    # from the amount stated first, which is a problem of the document
    restated: Amount | None = None
    # what the figure is a part of when it is not the department's own whole: the classification
    # item whose breakdown it is ("func:20805" for "（3）…（20805）705.90万元…具体为：人员经费…"), or
    # the fund its section states it for ("财政拨款": 项目支出 in a 财政拨款支出 section); None for the whole
    scope: str | None = None
    reason: str | None = None
    section: str | None = None
    sentence: str = ""
    source: Provenance = Field(default_factory=Provenance)
    # What else the sentence and its section say, read by yusuan.parse.claim_details after
    # extraction, so that rules compare fields and never read the sentence again:
    # words before the subject make it another quantity ("上年结转结余的一般公共预算收入",
    # "其中一般公共预算…", "财政拨款收支总预算" for a whole)
    qualified: bool = False
    amount_is_prior: bool = False  # the amount is printed as last year's ("去年预算数为 0 万元")
    # the change follows the subject in its sentence (False: "…，比上年增加 X 万元，主要是…" after
    # a list of classes may be the whole's change, not this subject's)
    change_is_its_own: bool = True
    unit_scoped: bool = False  # its section is titled by one budget unit's name alone (一、某局本级)
    # which money a 类/款/项 or 经济分类 figure counts, by its section: "all", "一般公共预算",
    # "政府性基金", "国有资本", "财政拨款", "三公"; "" for other subjects
    fund_scope: str = ""
    share_base: list[str] | None = None  # the wholes the share names itself ("占支出预算的 54.15%")
    section_base: list[str] | None = None  # the whole its section implies for a share ("政府性基金…")
    amount_word: str | None = None  # direction word printed before the change amount ("减少")
    percent_word: str | None = None  # direction word printed before the change percentage ("增长")
    # 决算 说明 (yusuan.parse.final_claims): ``amount`` is then the 决算数, set against the budget
    # "年初预算为 X 万元，全年预算为 W 万元，支出决算为 Y 万元，完成年初预算的 Z%"
    budget_initial: Amount | None = None  # 年初预算(数)
    budget_adjusted: Amount | None = None  # 全年预算 / 调整预算(数)
    completion: Decimal | None = None  # 完成…预算的 Z%, as printed
    completion_text: str | None = None
    completion_base: Literal["initial", "adjusted", "budget"] | None = None  # which budget Z% says it is of
    # "决算数小于预算数的主要原因…", "决算数与全年预算数持平": the word the 说明 uses, and its reason
    versus_budget: Literal["above", "below", "equal"] | None = None
    versus_base: Literal["initial", "adjusted", "budget"] | None = None
    versus_reason: str | None = None
    # counts printed with the figure ("公务接待2批次、26人次", "保有量为0辆", "共有车辆12辆"): unit → count
    counts: dict[str, Decimal] = Field(default_factory=dict)
    as_of: str | None = None  # a stock stated at a date ("截至2024年12月31日" → "2024-12-31")


class ListedItem(_Model):
    """One numbered item of a list the narrative gives under a stated whole (``1. …奖金 5.30 万元``)."""

    name: str  # the item's text before its amount
    amount: Amount
    source: Provenance = Field(default_factory=Provenance)


class Listing(_Model):
    """A numbered list of amounts under a sentence that states the whole they make up:
    「结转结余 905.62 万元，……其中：」 followed by ``1. … 5.30 万元``, ``2. … 40.51 万元`` …"""

    intro: str  # the introducing sentence as printed
    wholes: list[Amount] = Field(default_factory=list)  # every amount the introducing sentence states
    # True when the sentence introduces the whole list (包括/分别为/具体为, not 其中/主要), so that the
    # items must add up to a whole, not only stay within it
    exhaustive: bool = False
    items: list[ListedItem] = Field(default_factory=list)
    section: str | None = None
    source: Provenance = Field(default_factory=Provenance)


class Project(_Model):
    """A project described in the 情况说明 (项目支出情况说明)."""

    name: str
    basis: str | None = None  # 设立的政策依据
    scale: Amount | None = None  # 预算安排规模
    units: str | None = None  # 项目承担单位
    allocation: str | None = None  # 资金分配情况
    period: str | None = None  # 资金执行时间
    source: Provenance = Field(default_factory=Provenance)
    # read by yusuan.parse.performance_details: its 依据/分配/执行 text says it is withheld
    # (不予公开, 涉密, 保密)
    withheld: bool = False


class YearMention(_Model):
    """A year printed in a text, and where: ``text[start:end]`` is e.g. "2025年度"."""

    year: int
    start: int
    end: int


class StatedAmount(_Model):
    """An amount a text states, as printed, and the words it was read from."""

    amount_text: str  # the number as printed, in 万元
    text: str


class PerformanceStatement(_Model):
    """What the 情况说明 says of the target tables: "财政拨款项目 4 个，涉及预算金额 141.20 万元"."""

    kind: Literal["overall", "fiscal", "nonfiscal", "all"]  # 整体 / 财政拨款 / 非财政拨款 / 实行绩效管理的项目
    count: int | None = None
    amount_text: str  # 万元 as printed
    text: str


class Indicator(_Model):
    level1: str | None = None  # 一级指标
    level2: str | None = None  # 二级指标
    level3: str | None = None  # 三级指标 (the indicator)
    operator: str | None = None  # >=, <=, =, ＞ … as printed
    value: str | None = None  # value as printed (without operator and unit)
    unit: str | None = None  # unit as printed
    value_text: str | None = None  # the whole cell as printed
    basis: str | None = None  # 指标设定依据
    last_year: str | None = None  # 上年完成值
    weight: Decimal | None = None  # 分值权重
    scoring: str | None = None  # 指标赋分规则
    evidence: str | None = None  # 佐证资料
    source: Provenance = Field(default_factory=Provenance)
    # read by yusuan.parse.performance_details: the years ("2025 年") in the 指标值 and in the name
    value_years: list[int] = Field(default_factory=list)
    name_years: list[int] = Field(default_factory=list)
    # the kinds of unit its name calls for ("percent", "money", "people", "times", "duration");
    # empty when the name does not decide
    unit_kinds: list[str] = Field(default_factory=list)
    last_year_unit: str | None = None  # the unit of the 上年完成值 as printed
    good_rate: bool = False  # measures a rate where more is better (覆盖率, 合格率, 满意度 …)
    whole_cost: bool = False  # its name caps the whole project's cost (总成本, 控制数, 资金总额 …)
    # the quantity the project's goal text states for this indicator, in its unit ("全年计划完成…参保任务
    # 人数 7.61万人" for 参保人数 ≥7.61万人), read by yusuan.parse.performance_details
    goal_quantity: StatedAmount | None = None
    # a phase of the project's timeline its name names: "preparation" (论证, 调研, 招标 …) or
    # "execution-period" (a target set by the 执行期限, which may run past the budget year)
    timeline: Literal["preparation", "execution-period"] | None = None


class PerformanceTable(_Model):
    kind: Literal["project", "overall"]
    title: str
    year: int | None = None
    project: str | None = None
    unit: str | None = None  # 预算单位 / 部门名称
    amounts: dict[str, Amount] = Field(default_factory=dict)  # total, fiscal, other, … in 万元
    goal: str | None = None  # 项目总体目标 / 年度绩效目标
    indicators: list[Indicator] = Field(default_factory=list)
    source: Provenance = Field(default_factory=Provenance)
    # read by yusuan.parse.performance_details: each "YYYY 年度" of the goal text not introduced
    # as a comparison (较/比/与/至/止), with where it stands in ``goal``
    goal_years: list[YearMention] = Field(default_factory=list)
    goal_amount: StatedAmount | None = None  # "本项目安排预算资金 11.96 万元" in the goal text


class StaffCount(_Model):
    count: int
    change: int | None = None  # 增加 n (negative for 减少)
    text: str = ""


class Profile(_Model):
    """部门概况."""

    functions: list[str] = Field(default_factory=list)  # 主要职能
    declared_internal_units: int | None = None  # "下设 8 个股室"
    internal_units: list[str] = Field(default_factory=list)  # the units as listed
    declared_budget_units: int | None = None  # "下属预算单位 n 个"
    staff: dict[str, StaffCount] = Field(default_factory=dict)  # 编制数/实有人数/在职/退休/离休
    # the sentences the counts were read from, by what they declare: "internal_units",
    # "budget_units", "staff"
    quotes: dict[str, Quote] = Field(default_factory=dict)
    source: Provenance = Field(default_factory=Provenance)


class TocEntry(_Model):
    part: str | None = None
    title: str
    source: Provenance = Field(default_factory=Provenance)
    # read by yusuan.parse.section_details:
    tables_part: bool = False  # the entry is the part of the tables ("第二部分 2026年度部门预算报表")
    in_narrative: bool = False  # listed in the part of the 说明 / 概况 / 名词解释, or a 情况说明
    numbered_section: bool = False  # a numbered section ("三、…"), not a table, a note or a part
    number: str | None = None  # its number as Section.number has it ("三", "（二）")
    key: str = ""  # the title as compared with the sections' (Section.key)
    about: list[str] = Field(default_factory=list)  # "functions" (职责/职能), "organisation" (机构设置/人员)


class Diagnostic(_Model):
    """Something the reader noticed while reading: not a finding about the document's content."""

    level: Literal["info", "warning"] = "warning"
    code: str  # e.g. "unplaced-value", "unknown-table", "table-continued"
    message: str
    source: Provenance = Field(default_factory=Provenance)


class ReadingProblem(_Model):
    """Something a reader or a parse stage could not do: a reason the reading is incomplete."""

    stage: str = Field(description="read（读取器）、tables、placement、narrative、performance … 或 reading")
    message: str = Field(description="中文说明")
    source: Provenance = Field(default_factory=Provenance)


class TableNumbers(_Model):
    total: int = Field(0, description="表格区域内印出的数字个数（含未进入任何表的数字）")
    placed: int = Field(0, description="落在有含义的行与列上的数字（不含 colN 列、未定列）")
    inferred: int = Field(0, description="placed 中所在列由勾稽关系推定的数字")
    outside_tables: int = Field(0, description="表格区域内、未进入任何表的带小数的数字")


class NarrativeAmounts(_Model):
    total: int = Field(0, description="情况说明等文字部分印出的金额个数（带 元/万元/亿元）")
    in_claims: int = Field(0, description="其中归入某一有主语的数字表述（claim）的金额")
    not_claims: int = Field(0, description="其余之中判明不是对表格数字的表述的金额：原因中逐单位、逐项目的明细，概况与工作任务中的数")


class Reading(_Model):
    """读取情况：what yusuan read of the document and what it could not — a clean report is only
    as good as this. ``complete`` is false when a listed table was not read, fewer than 99 % of
    the table numbers were placed, fewer than 95 % of the narrative amounts are in claims, or a
    reader or parse stage reported a problem."""

    complete: bool = Field(True, description="读取完整：所列表均已读到、表格数字≥99%定位、说明金额≥95%归入表述、无读取问题")
    tables_listed: int = Field(0, description="目录、正文“表N”引用与当年规定公开表所列的表数")
    tables_read: int = Field(0, description="所列表中读到的表数")
    tables_not_read: list[str] = Field(default_factory=list, description="所列而未读到的表（标题）")
    tables_absent: list[str] = Field(default_factory=list, description="tables_not_read 中文件里根本没有印出的表（只在目录或引用中列出）")
    tables_found: int = Field(0, description="读到的表总数（含未列出的、未识别的表）")
    table_numbers: TableNumbers = Field(default_factory=TableNumbers)
    narrative_amounts: NarrativeAmounts = Field(default_factory=NarrativeAmounts)
    problems: list[ReadingProblem] = Field(default_factory=list)
    hidden_chars: int = Field(0, description="PDF 文本层中页面不显示（页面外、裁剪路径外、不可见渲染）而未读取的字符数")
    hidden_pages: list[int] = Field(default_factory=list, description="有这类不显示文字的页")
    reasons: list[str] = Field(default_factory=list, description="complete 为 false 的原因（中文）")
    columns_inferred: list[str] = Field(default_factory=list, description="表头未识别、按勾稽关系推定名称的列（表：表头 → 列名（关系））")
    columns_unnamed: list[str] = Field(default_factory=list, description="表头未识别、仍为 colN 的有数字的列（表：表头）")

    def summary(self) -> str:
        """One line for a report: 读取情况：表 8/9，表格数字 99.7% 定位，说明金额 90.2% 归入表述 …"""
        def pct(part: int, whole: int) -> str:
            return f"{100 * part / whole:.1f}%" if whole else "—"

        tn, na = self.table_numbers, self.narrative_amounts
        head = "完整" if self.complete else "不完整"
        # One printed table may stand for two listed ones (e.g. a 收支总表 that is also the 财政拨款收支总表).
        shared = "，其中有表兼作所列多表" if self.tables_read > self.tables_found else ""
        out = (f"读取情况：{head}；所列表读到 {self.tables_read}/{self.tables_listed}（共读到 {self.tables_found} 张{shared}）；"
               f"表格数字定位 {tn.placed}/{tn.total}（{pct(tn.placed, tn.total)}）；"
               f"说明金额归入表述 {na.in_claims}/{na.total}（{pct(na.in_claims, na.total)}）"
               + (f"，另 {na.not_claims} 个非表述" if na.not_claims else ""))
        if self.problems:
            out += f"；读取问题 {len(self.problems)} 个"
        if self.hidden_chars:
            out += f"；页面不显示的文字 {self.hidden_chars} 字未读取（{len(self.hidden_pages)} 页）"
        return out


MarkKind = Literal["placeholder", "alternative", "empty_reason", "double_punct", "heading_year",
                   "template_year", "asset_date", "superseded", "level", "malformed_number"]


class TextMark(_Model):
    """Something the wording rules (Y8xx) judge, found in a passage of the printed text:
    ``passages(doc)[passage].text[start:end] == text`` (yusuan.passages)."""

    passage: int
    kind: MarkKind
    start: int
    end: int
    text: str
    year: int | None = None  # the year of a *_year / asset_date mark
    word: str | None = None  # 部门/单位 of a level mark; the old name of a superseded mark
    quoted: bool = False  # a heading year inside “…” or 《…》
    after_comparison: bool = False  # just after 比/较/与/截至 … (a comparison, not the document's year)
    reason_before: bool = False  # its sentence has 原因 before it
    years_nearby: list[int] = Field(default_factory=list)  # years "YYYY年" elsewhere in its sentence


class Document(_Model):
    schema_version: str = SCHEMA_VERSION
    paths: list[str]
    format: str  # "text", "markdown", "tsv", "pdf", "docx", "xlsx", "html", or "a+b" for several files
    department: str | None = None  # 编制部门/编制单位 as printed
    year: int | None = None
    kind: Literal["预算", "决算"] = "预算"
    level: Literal["部门", "单位"] | None = None
    unit: str | None = None  # the document's amount unit as printed (most tables)
    published: str | None = None  # publication date as printed
    budget_units: list[str] = Field(default_factory=list)
    profile: Profile = Field(default_factory=Profile)
    toc: list[TocEntry] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    listings: list[Listing] = Field(default_factory=list)  # numbered lists of amounts under a whole
    performance: list[PerformanceTable] = Field(default_factory=list)
    glossary: dict[str, str] = Field(default_factory=dict)  # 名词解释
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    pages: int | None = None
    reading: Reading = Field(default_factory=Reading)
    # the first statement of each kind of the target tables' counts and amounts in the 情况说明
    # (yusuan.parse.performance_details)
    performance_statements: list[PerformanceStatement] = Field(default_factory=list)
    # template leftovers and slips in the printed text (yusuan.parse.wording_marks)
    text_marks: list[TextMark] = Field(default_factory=list)

    def table(self, table_id: str) -> Table | None:
        """The first table with this canonical id, or None."""
        for t in self.tables:
            if t.id == table_id:
                return t
        return None

    def tables_of(self, table_id: str) -> list[Table]:
        return [t for t in self.tables if t.id == table_id]
