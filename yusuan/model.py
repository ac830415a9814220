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
    source: Provenance = Field(default_factory=Provenance)
    notes: list[str] = Field(default_factory=list)  # parse notes (columns inferred, values unplaced …)


class LineSpan(_Model):
    """A printed line of a section's text: where it starts in ``Section.text`` and in the source."""

    offset: int
    source: Provenance = Field(default_factory=Provenance)


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


class Reading(_Model):
    """读取情况：what yusuan read of the document and what it could not — a clean report is only
    as good as this. ``complete`` is false when a listed table was not read, fewer than 99 % of
    the table numbers were placed, fewer than 95 % of the narrative amounts are in claims, or a
    reader or parse stage reported a problem."""

    complete: bool = Field(True, description="读取完整：所列表均已读到、表格数字≥99%定位、说明金额≥95%归入表述、无读取问题")
    tables_listed: int = Field(0, description="目录、正文“表N”引用与当年规定公开表所列的表数")
    tables_read: int = Field(0, description="所列表中读到的表数")
    tables_not_read: list[str] = Field(default_factory=list, description="所列而未读到的表（标题）")
    tables_found: int = Field(0, description="读到的表总数（含未列出的、未识别的表）")
    table_numbers: TableNumbers = Field(default_factory=TableNumbers)
    narrative_amounts: NarrativeAmounts = Field(default_factory=NarrativeAmounts)
    problems: list[ReadingProblem] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list, description="complete 为 false 的原因（中文）")

    def summary(self) -> str:
        """One line for a report: 读取情况：表 8/9，表格数字 99.7% 定位，说明金额 90.2% 归入表述 …"""
        def pct(part: int, whole: int) -> str:
            return f"{100 * part / whole:.1f}%" if whole else "—"

        tn, na = self.table_numbers, self.narrative_amounts
        head = "完整" if self.complete else "不完整"
        out = (f"读取情况：{head}；所列表读到 {self.tables_read}/{self.tables_listed}（共读到 {self.tables_found} 张）；"
               f"表格数字定位 {tn.placed}/{tn.total}（{pct(tn.placed, tn.total)}）；"
               f"说明金额归入表述 {na.in_claims}/{na.total}（{pct(na.in_claims, na.total)}）")
        if self.problems:
            out += f"；读取问题 {len(self.problems)} 个"
        return out


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

    def table(self, table_id: str) -> Table | None:
        """The first table with this canonical id, or None."""
        for t in self.tables:
            if t.id == table_id:
                return t
        return None

    def tables_of(self, table_id: str) -> list[Table]:
        return [t for t in self.tables if t.id == table_id]
