"""Y02x — the reading itself: a document read incompletely must never look clean.

The reading account (``Document.reading``, 读取情况) is computed by the parser; this family turns
an incomplete account into a finding, so that it counts in every summary, shows in every format
and fails the run under ``yusuan check --strict``.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.audit import Location, Problem, rule
from yusuan.audit.guards import doubtful_reading
from yusuan.model import Document


@rule("Y020", "文件未能完整读取", family="reading", severity="warning", basis="读取情况（yusuan 自身）")
def incomplete_reading(doc: Document) -> Iterator[Problem]:
    """读取情况不完整：有所列的表未读到、表格数字未定位、说明中的金额未归入表述，或读取阶段出错。

    查什么：文件的读取情况（JSON 中的 reading）是否完整：目录、正文“表N”引用和当年必备表所列的表都已读取；表格区域内至少 99% 的数字落在有含义的行和列；情况说明中至少 95% 的金额由说明类规则核对的表述承载；读取和解析各阶段都没有报告问题（页面损坏或只有图像、公式无缓存值、某阶段出错、绩效表没有指标）。
    What: the document's reading account (``reading`` in the JSON) is complete: every table
    its 目录, its own 表N references and the year's required set name was read; at least 99 % of
    the numbers printed in table regions sit in a row and a column with a meaning; at least 95 %
    of the amounts printed in the 情况说明 are carried by a claim the narrative rules check; and no
    reader or parse stage reported a problem (broken or image-only pages, formulas without a
    value, a stage that raised, a performance table without indicators).

    为什么：规则只能核对读到的内容。表格没有读出来的文件若报告“无问题”，并不说明文件本身干净；审核人必须知道哪些内容没有核对。
    Why: the rules can only check what was read. A report with no findings about a document
    whose tables were not read is not a clean document; the reviewer must know what went unchecked.

    示例：目录列了九张表、一张也没有读出的区县预算；情况说明每个“项”一段写三个金额，每段却只读出一条表述。
    Example: a district budget whose 目录 lists nine tables of which none was read; a 情况说明
    whose per-项 paragraphs state three amounts each while only one per paragraph became a claim.

    容差：表格数字落位 ≥ 99%，说明金额进入表述 ≥ 95%。
    Tolerance: placed ≥ 99 % of table numbers, in claims ≥ 95 % of narrative amounts.
    """
    r = doc.reading
    if r.complete:
        return
    yield Problem(
        "文件未能完整读取，以下内容未经审核：" + "；".join(r.reasons),
        location=Location(section="读取情况"),
        expected="完整读取",
        actual=r.summary(),
        category="reading",
    )


@rule("Y021", "疑似读取有误", family="reading", severity="warning", basis="读取情况（yusuan 自身）")
def doubtful_reading_table(doc: Document) -> Iterator[Problem]:
    """（由审核流程的信任保护 yusuan.audit.guards.doubtful_reading 报告，见下。）"""
    return iter(())


doubtful_reading_table.__doc__ = doubtful_reading.__doc__
