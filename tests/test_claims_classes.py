"""The phrasing classes of the 情况说明 the claim parser reads (issue 7: every readable statement is read).

Each class has a sentence that must give its claim and one that must not; the phrasings are written
for these tests (no document's own wording, names or figures).
"""

from __future__ import annotations

from narrative_helpers import claims_of as _got
from narrative_helpers import one_sentence as _one
from narrative_helpers import parse_text as _parse

from yusuan.parse.claims import extract_claims
from yusuan.parse.reading import _narrative


def test_text_before_the_first_heading_is_read_under_its_parts_kind() -> None:
    doc = _parse("""
第二部分 部门预算收支总体情况
2027年某某中心部门预算收入321.00万元，较2026年年初预算减少12.00万元，下降3.6%。
第三部分 政府采购预算情况
某某中心2027年政府采购项目共有40.00万元，其中：货物类项目10.00万元、服务类项目30.00万元。
""")
    assert _got(doc.claims) == [("income.total", "321.00", "12.00"), ("procurement.total", "40.00", None),
                                ("procurement.goods", "10.00", None), ("procurement.services", "30.00", None)]
    # the part names the kind: the same words in a 概况 part are no claim
    assert _parse("第一部分 部门概况\n某某中心部门预算收入321.00万元。").claims == []


def test_a_part_whose_heading_names_no_kind_states_the_budget_as_a_whole() -> None:
    doc = _parse("""
第二部分 2027年单位预算编制说明
2027年，某某站收入预算88万元，其中：财政拨款收入80万元，比2026年预算增加5万元；事业收入8万元。
""")
    assert _got(doc.claims) == [("income.total", "88", None), ("income.fiscal", "80", "5"),
                                ("income.business", "8", None)]


def test_a_subject_named_in_a_sentence_of_its_own() -> None:
    doc = _parse("""
第五部分 财政拨款“三公”经费预算情况
1.公务接待费。2027年预算数1.50万元，较2026年年初预算减少0.20万元。
2.其他有关说明。2027年预算数9.00万元。
""")
    # the second "subject" names nothing the parser knows: its amount is not given to the first
    assert _got(doc.claims) == [("three_public.reception", "1.50", "0.20")]


def test_numbered_list_items_are_read_under_their_own_name() -> None:
    got = _one("（五）项目支出60.00万元，具体包括：1.档案整理经费12.50万元，主要用于档案数字化。", "expense")
    assert got == [("expense.project", "60.00", None), ("item:档案整理经费", "12.50", None)]
    assert _one("3.设备维护专项8.00万元，较上年增加1.00万元，主要用于设备保养。", "expense") == [
        ("item:设备维护专项", "8.00", "1.00")]
    # not numbered, not named by the vocabulary: left out rather than guessed
    assert _one("捐赠收入 5 万元，比上年增加 1 万元。", "income") == []
    # a description after 主要用于 is never read for amounts
    assert _one("1.会务经费3.00万元，主要用于2.00万元的场地租赁。", "expense") == [("item:会务经费", "3.00", None)]


def test_a_funds_spending_named_as_such() -> None:
    got = _one("财政拨款支出预算中，一般公共预算拨款支出预算700万元，比2026年预算增加20万元；", None)
    assert got == [("gpb.total", "700", "20")]
    assert _one("政府性基金拨款支出预算为0万元；", None) == [("gov_fund.total", "0", None)]
    assert _one("支出预算700万元，其中：财政拨款支出预算650万元，比2026年预算增加20万元。", "total") == [
        ("expense.total", "700", None), ("fiscal.expense", "650", "20")]
    # 非财政拨款 is not the fiscal money
    assert _one("非财政拨款支出预算50万元。", "total") == []


def test_the_other_lines_of_the_summary_table() -> None:
    assert _one("其中：1.事业单位经营支出0万元。", "expense") == [("expense.operating", "0", None)]
    assert _one("2.上缴上级支出3.00万元。", "expense") == [("expense.to_superior", "3.00", None)]
    assert _one("年终结转结余资金12.00万元。", "total") == [("expense.carry_forward", "12.00", None)]


def test_items_named_with_their_code() -> None:
    assert _one("（1）工资福利支出（301）900.10万元，较上年增加10.10万元，增长1.1%。", "gpb") == [
        ("econ_total:301", "900.10", "10.10")]
    assert _one("（2）培训支出（2050803）支出20.40万元，比上年减少1.60万元。", "gpb") == [
        ("func:2050803", "20.40", "1.60")]


def test_meeting_and_training_fees_of_one_fund() -> None:
    assert _one("本部门当年一般公共预算会议费预算支出2.00万元，较上年无增减。", "three_public") == [
        ("meetings", "2.00", None)]
    assert _one("培训费预算支出7.50万元，较上年减少1.00万元。", "three_public") == [("training", "7.50", "1.00")]
    # a subject qualified by another that is not a fund is still neither of them
    # (read under its own name, tests/test_claims_lists.py)
    assert _one("上年结转结余的一般公共预算收入5.00万元。", "income") == [("item:上年结转结余的一般公共预算收入", "5.00", None)]


def test_assets_figures_and_thresholds() -> None:
    got = _one("2027年计划购置车辆1辆、25.00万元；", "assets")
    assert got == [("assets.vehicle_purchase", "25.00", None)]
    got = _one("单价100万元以上设备2台（套）、260.00万元，主要用于更新。", "assets")
    assert got == [("assets.equipment", "260.00", None)]
    # what the unit holds is counted, not budgeted: no claim, and the threshold is no amount
    assert _one("截至上年底共有车辆3辆，单价50万元（含）以上设备4台（套）。", "assets") == []


def test_thresholds_are_not_counted_as_narrative_amounts() -> None:
    doc = _parse("""
第八部分 其他需要说明情况
一、国有资产占用情况
截至上年底共有车辆3辆，单价50万元（含）以上设备4台（套）。
2027年计划购置车辆1辆、25.00万元。
""")
    n = _narrative(doc)
    assert (n.total, n.in_claims) == (1, 1)


def test_a_list_of_named_figures_goes_on_across_its_sentences() -> None:
    doc = _parse("""
第三部分 部门预算支出具体情况
（五）项目支出90.00万元，具体包括：1.业务管理项目70.00万元，主要包括：数据采集工作40.00万元，主要用于采集；质量抽查工作30.00万元，主要用于抽查。
""")
    assert _got(doc.claims) == [("expense.project", "90.00", None), ("item:业务管理项目", "70.00", None),
                                ("item:数据采集工作", "40.00", None), ("item:质量抽查工作", "30.00", None)]
    # outside a list an unnumbered name is not an item unless the money's purpose follows it
    # (tests/test_claims_lists.py); a description's words never are
    assert _one("质量抽查工作30.00万元。", "expense") == []
    assert _got(extract_claims("较上年增加30.00万元。", "expense", listing=True)[0]) == []


def test_a_list_announced_as_one_funds_money_is_scoped_to_that_fund() -> None:
    doc = _parse("""
第二部分 2027年单位预算编制说明
支出预算300万元，其中：财政拨款支出预算200万元。
财政拨款支出主要内容如下：
1.“教育支出”科目150万元，主要用于教学。
2.“住房保障支出”科目50万元，主要用于公积金。
""")
    scoped = [(c.subject, c.scope) for c in doc.claims if c.subject.startswith("func")]
    assert scoped == [("func:205", "财政拨款"), ("func:221", "财政拨款")]


def test_money_of_one_named_thing_is_not_the_departments_whole() -> None:
    # one project's spending, one expense's fiscal money
    assert _one("其中，某某工程初步设计评审项目支出30.16万元。", "expense") == [
        ("item:某某工程初步设计评审项目支出", "30.16", None)]
    # 委托业务费's fiscal money is that expense's figure (entrusted_services), not the fiscal whole
    assert _one("2027年本部门委托业务费财政拨款预算总额80.00万元。", None) == [("entrusted_services", "80.00", None)]
    # the unit's or the year's 项目支出 is the department's
    assert _one("2027年某某局项目支出60.00万元。", "expense") == [("expense.project", "60.00", None)]
