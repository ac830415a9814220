"""The subject a narrative sentence names, at the scope it names (issue 8: narrative findings a reviewer can act on).

Each class has phrasings that must give the subject and ones that must not; the sentences are written
for these tests (no document's own wording, names or figures).
"""

from __future__ import annotations

from collections.abc import Iterator

from narrative_helpers import parse_text

from yusuan.audit import Finding, audit
from yusuan.model import Document
from yusuan.parse.claims import extract_claims
from yusuan.testing import make_table


def _parse(text: str) -> Document:
    return parse_text(text, details=True)




def _findings(doc: Document, *codes: str) -> list[Finding]:
    return [f for f in audit(doc, select=list(codes)).findings if f.severity != "info"]


def _subjects(doc: Document) -> Iterator[tuple[str, str | None]]:
    for c in doc.claims:
        yield c.subject, c.amount.text if c.amount else None


_LISTING = """
二、收入预算情况说明
2031年度收入预算1,230.00万元，比2030年年初预算数1,100.00万元增加130.00万元，增长11.82%。
（一）本年财政拨款收入870.00万元
1.一般公共预算拨款收入850.00万元。
2.政府性基金预算拨款收入20.00万元。
3.国有资本经营预算拨款收入0万元。
（二）本年其他资金收入240.00万元
4.财政专户管理资金收入40.00万元。
5.事业收入150.00万元。
6.上级补助收入0万元。
7.附属单位上缴收入0万元。
8.事业单位经营收入15.00万元。
9.其他收入35.00万元。
（三）上年结转结余120.00万元
10.上年结转结余120.00万元。
"""


def test_the_years_other_funds_heading_is_not_the_other_income_line() -> None:
    got = list(_subjects(_parse(_LISTING)))
    # the heading of items 4–9 is their group, the counterpart of 本年财政拨款收入
    assert ("income.nonfiscal", "240.00") in got
    # item 9 alone is the 其他收入 line, once
    assert [a for s, a in got if s == "income.other"] == ["35.00"]
    assert ("income.fiscal", "870.00") in got


def test_the_other_funds_line_of_a_template_that_prints_it_stays_other_income() -> None:
    # a 收支总表 line "其他资金" restated without 本年: the table's line of that name
    claims, _ = extract_claims("3．其他资金收入预算总计12万元，与上年数一致。", "income")
    assert [c.subject for c in claims] == ["income.other"]
    claims, _ = extract_claims("其他收入35.00万元，比上年减少5.00万元。", "income")
    assert [c.subject for c in claims] == ["income.other"]


def test_a_listing_of_the_years_other_funds_gives_no_repeated_figure_finding() -> None:
    doc = _parse(_LISTING)
    assert _findings(doc, "Y301", "Y312") == []
    # the same listing with item 9 restated with another figure is still one (a real slip)
    slipped = _parse(_LISTING + "三、收支预算总体情况\n其他收入38.00万元。\n")
    assert [f.rule for f in _findings(slipped, "Y312")] == ["Y312"]


# A part whose heading names no kind ("二、2031年某某局部门预算安排情况说明") with numbered sub-sections
# that each name their own: the 一般公共预算 sub-section's whole is stated in a sentence after a
# naming line, its 结构 list gives shares of that whole, and the 政府性基金 sub-section lists its
# own classes with shares of its own total.
_PART = """
二、2031年某某局部门预算安排情况说明
（一）收支预算情况的总体说明
某某局2031年收支总预算2,000.00万元。
（五）一般公共预算当年拨款情况说明
1.一般公共预算当年拨款规模变化情况。
2031年一般公共预算当年拨款800.00万元，比上年执行数减少40.00万元，下降4.8%。
2.一般公共预算当年拨款结构情况。
一般公共服务（类）支出80.00万元，占{s1}；教育（类）支出240.00万元，占30.0%；城乡社区（类）支出480.00万元，占60.0%。
（六）政府性基金预算支出情况说明
2031年政府性基金预算支出1,000.00万元。
城乡社区（类）支出950.00万元，占95.0%；其他（类）支出50.00万元，占5.0%。
"""


def test_a_sub_section_of_a_kindless_part_states_its_own_whole() -> None:
    doc = _parse(_PART.format(s1="10.0%"))
    got = list(_subjects(doc))
    assert ("gpb.total", "800.00") in got
    assert ("gov_fund.total", "1,000.00") in got


def test_shares_of_a_funds_list_are_of_that_funds_whole_and_lists_are_not_merged() -> None:
    doc = _parse(_PART.format(s1="10.0%"))
    assert _findings(doc, "Y302", "Y303") == []
    # a share computed wrong within the list is still found, by both rules
    wrong = _parse(_PART.format(s1="11.0%"))
    assert sorted(f.rule for f in _findings(wrong, "Y302", "Y303")) == ["Y302", "Y303"]


def test_a_class_named_twice_in_one_section_starts_a_second_list() -> None:
    doc = _parse("""
三、支出预算情况说明
2031年支出预算500.00万元，其中：教育支出400.00万元，占80.0%；卫生健康支出100.00万元，占20.0%。
按资金来源，教育支出300.00万元，占75.0%；卫生健康支出100.00万元，占25.0%。
""")
    assert [f.rule for f in _findings(doc, "Y303")] == []


# A reason given for a change speaks of other money: its words are not the change's direction.

def test_a_cut_named_in_the_reason_is_not_a_direction_word_of_the_change() -> None:
    doc = _parse("""
四、“三公”经费及会议费、培训费预算情况说明
2031年会议费预算支出120.00万元，比上年预算增加10.00万元，主要原因是运转类经费统一压减10%，专项会议经费增加22.00万元。
""")
    assert _findings(doc, "Y304") == []
    # the same words in the statement of the change itself still contradict
    doc = _parse("""
四、“三公”经费及会议费、培训费预算情况说明
2031年会议费预算支出120.00万元，比上年预算增加10.00万元，下降9.1%。
""")
    assert [f.rule for f in _findings(doc, "Y304")] == ["Y304"]


# Shares of a whole the sentence names: the 财政拨款支出 stated first, a whole no table total is, and
# a list whose parts leave out one stated apart.

def test_shares_of_the_fiscal_spending_stated_before_the_list() -> None:
    text = """
四、财政拨款支出预算情况说明
2031年财政拨款支出预算2,000.00万元，其中教育支出预算数为1,800.00万元，占本年财政拨款的90.00%；科学技术支出预算数为60.00万元，占比{s}；住房保障支出预算数为140.00万元，占比7.00%。
"""
    assert _findings(_parse(text.format(s="3.00%")), "Y302") == []
    assert [f.rule for f in _findings(_parse(text.format(s="4.00%")), "Y302")] == ["Y302"]


def test_a_share_of_a_whole_named_by_other_words_is_not_checked_on_a_table_total() -> None:
    text = """
三、其他重要事项的情况说明
（五）其他说明
2031年度政府采购支出总额1,000.00万元，其中：政府采购货物支出400.00万元，政府采购服务支出600.00万元。授予中小企业合同金额800.00万元，占政府采购支出总额的80.00%，其中：授予小微企业合同金额500.00万元，占{s}；货物采购授予中小企业合同金额占货物支出金额的50.00%。
"""
    assert _findings(_parse(text.format(s="授予中小企业合同金额的62.50%")), "Y302", "Y303") == []
    # the same share with no whole named is a share of the 政府采购 total, and wrong on it
    assert [f.rule for f in _findings(_parse(text.format(s="62.50%")), "Y302")] == ["Y302"]


def test_a_list_leaving_out_a_part_stated_apart_is_not_a_wrong_sum() -> None:
    text = """
三、支出预算情况说明
2031年支出预算1,000.00万元（本年支出预算800.00万元），其中：教育支出700.00万元，占总支出的70.00%；科学技术支出20.00万元，占{s}；住房保障支出80.00万元，占8.00%；结转下年200.00万元，占总支出的20.00%。
"""
    # the expense table's total leaves out the 结转下年, as the list's classes do; the income table's
    # is the whole the shares are of
    tables = [make_table("expense", [("TOTAL", "合计", {"total": "800.00"})]),
              make_table("income", [("TOTAL", "合计", {"total": "1,000.00"})])]

    def found(share: str) -> list[str]:
        doc = _parse(text.format(s=share))
        doc.tables.extend(tables)
        return [f.rule for f in _findings(doc, "Y302", "Y303")]

    assert found("2.00%") == []
    # one share off: wrong on the whole, and the list adds up to neither whole
    assert found("4.00%") == ["Y302", "Y303"]


def test_the_non_fiscal_balance_spent_is_not_the_fiscal_balance() -> None:
    claims, _ = extract_claims("使用非财政拨款结余300.00万元，占总收入的3.00%。", "income")
    assert [c.subject for c in claims] == ["income.nonfiscal_surplus_used"]
    claims, _ = extract_claims("财政拨款结转结余300.00万元。", "income")
    assert [c.subject for c in claims] == ["income.fiscal_carryover"]


def test_the_years_other_funds_are_the_sum_of_their_items() -> None:
    assert _findings(_parse(_LISTING), "Y311") == []
    slipped = _parse(_LISTING.replace("5.事业收入150.00万元", "5.事业收入160.00万元"))
    assert [f.rule for f in _findings(slipped, "Y311")] == ["Y311"]
