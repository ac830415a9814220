"""Phrasing classes of the 情况说明 added for issue 7 (narrative amounts in claims ≥ 95 %): code-first
items, a unit's whole budget, 增幅/减幅, asides with ； inside brackets, lists continued over paragraphs,
其中 without its colon, a change after a sub-list.

Each class has a sentence that must give its claim and one that must not; the phrasings are written
for these tests (no document's own wording, names or figures).
"""

from __future__ import annotations

from narrative_helpers import claims_of as _got
from narrative_helpers import one_sentence as _one
from narrative_helpers import parse_text as _parse

from yusuan.parse.claims import extract_claims, split_sentences


def test_an_item_printed_code_first() -> None:
    assert _one("（二）2010302-一般行政管理事务12.50万元。", "gpb") == [("func:2010302", "12.50", None)]
    assert _one("（3）30201 办公费4.00万元，比上年减少1.00万元。", "gpb_basic") == [("econ_total:30201", "4.00", "1.00")]
    # a year is no code, and a code followed by a comparison names no item
    assert _one("2027年一般行政管理事务12.50万元。", "gpb") == []
    assert _one("（二）2010302-较上年增加12.50万元。", "gpb") == []


def test_a_units_whole_budget_named_by_the_unit() -> None:
    got = _one("某某市某某管理中心预算300.00万元，包括在职人员经费200.00万元、项目支出100.00万元。", "expense")
    assert got == [("expense.total", "300.00", None), ("expense.active_personnel", "200.00", None),
                   ("expense.project", "100.00", None)]
    # only in the 支出 and 收支 parts; a unit's name before something else is not its whole
    assert _one("某某市某某管理中心预算300.00万元。", "three_public") == []
    assert _one("某某市某某管理中心预算执行率95.00%。", "expense") == []


def test_a_percentage_named_by_its_noun() -> None:
    (c,) = extract_claims("项目支出80.00万元，较上年减少20.00万元，减幅20.0%。", "expense")[0]
    assert (c.change_percent, c.direction) == (20, "decrease")
    (c,) = extract_claims("项目支出80.00万元，增幅25%。", "expense")[0]
    assert (c.change_percent, c.direction) == (25, "increase")
    # a 幅 that is no change ("幅面") is nothing
    (c,) = extract_claims("项目支出80.00万元，幅面25%。", "expense")[0]
    assert c.change_percent is None


def test_an_aside_with_semicolons_stays_in_its_sentence() -> None:
    text = ("公务用车购置及运行维护费5.00万元（公务用车购置费0万元，比上年减少2.00万元；公务用车运行维护费5.00万元，"
            "比上年减少1.00万元。）比上年减少3.00万元，下降37.5%。")
    assert len(split_sentences(text)) == 1
    assert _one(text, "three_public") == [("three_public.vehicles", "5.00", "3.00"),
                                          ("three_public.vehicle_purchase", "0", "2.00"),
                                          ("three_public.vehicle_operation", "5.00", "1.00")]
    # a bracket left open does not swallow the sentences after it
    assert len(split_sentences("甲（未闭合；乙。丙。")) == 3


def test_a_list_goes_on_in_the_next_paragraph_after_a_semicolon() -> None:
    doc = _parse("""
第三部分 部门预算支出情况
2.综合业务50.00万元，主要包括：调研工作30.00万元，用于调研；
宣传工作20.00万元。
""")
    assert ("item:宣传工作", "20.00", None) in _got(doc.claims)
    # and after one that ends with 。 when its last figure was a line of the list (session 6: a list
    # printed one line a paragraph, "其中：工资福利支出…。" / "商品服务支出…。")
    doc = _parse("""
第三部分 部门预算支出情况
2.综合业务50.00万元，主要包括：调研工作30.00万元，用于调研。
宣传工作20.00万元。
""")
    assert ("item:宣传工作", "20.00", None) in _got(doc.claims)
    # a paragraph after one whose last figure is no line of a list names nothing by itself
    doc = _parse("""
第三部分 部门预算支出情况
2026年支出预算50.00万元，其中：基本支出30.00万元，项目支出20.00万元。
宣传工作20.00万元。
""")
    assert ("item:宣传工作", "20.00", None) not in _got(doc.claims)


def test_qizhong_without_its_colon_opens_a_list() -> None:
    got = _one("机关运行经费预算安排50.00万元，其中办公费20.00万元，水费5.00万元。", "admin_operation")
    assert got == [("admin_operation", "50.00", None), ("item:办公费", "20.00", None), ("item:水费", "5.00", None)]
    # 其中 followed by a comparison opens nothing
    got = _one("机关运行经费预算安排50.00万元，其中比上年增加5.00万元。", "admin_operation")
    assert got == [("admin_operation", "50.00", "5.00")]


def test_a_change_after_a_sublist_is_its_numbered_lines() -> None:
    doc = _parse("""
第三部分 部门预算支出情况
（五）项目支出100.00万元，具体包括：
1.综合业务60.00万元，主要包括：调研工作40.00万元，用于调研；宣传工作20.00万元，用于宣传。较2026年年初预算增加10.00万元，增幅20.0%。
2.备用金40.00万元，主要用于临时开支。较2026年年初预算减少5.00万元，减幅11.1%。
""")
    changed = [(c.subject, c.change.text) for c in doc.claims if c.change is not None]
    assert changed == [("item:综合业务", "10.00"), ("item:备用金", "5.00")]
    # without a numbered line before the list, the change is nobody's
    doc = _parse("""
第三部分 部门预算支出情况
主要包括：调研工作40.00万元，用于调研；宣传工作20.00万元，用于宣传。较2026年年初预算增加10.00万元。
""")
    assert [c for c in doc.claims if c.change is not None] == []


def test_a_list_line_whose_name_has_digits_or_brackets() -> None:
    got = _one("其中，城市快线8号线运营补助项目30.00万元，2027年度标准编制支出3.00万元。", "expense")
    assert got == [("item:城市快线8号线运营补助项目", "30.00", None), ("item:2027年度标准编制支出", "3.00", None)]
    got = _one("机关运行经费40.00万元，其中办公费30.00万元，维修（护）费10.00万元。", "admin_operation")
    assert ("item:维修（护）费", "10.00", None) in got
    # outside a list, and in the 资产 and 绩效 sections, no item is named
    assert _one("城市快线8号线运营补助项目30.00万元。", "expense") == []
    assert _one("其中：车辆2辆，价值30.00万元。", "assets") == [("assets.held:车辆", "30.00", None)]  # its own class
    assert _one("其中：2辆公务用车30.00万元。", "expense") == []


def test_a_code_first_name_may_hold_the_character_nian() -> None:
    assert _one("（四）2080506-机关事业单位职业年金缴费支出8.00万元。", "gpb") == [("func:2080506", "8.00", None)]


def test_performance_money_named_as_fiscal_funds() -> None:
    assert _one("本部门整体支出纳入绩效目标管理，涉及财政性资金300.00万元；", "performance") == [
        ("performance.covered", "300.00", None)]
    assert _one("涉及一级预算项目2个，预算资金80万元。", "performance") == [("performance.covered", "80", None)]
    # a goal's 安排预算资金 is no covered money
    assert _one("本项目安排预算资金5万元。", "performance") == []


def test_spending_by_use_named_as_renyuan_and_gongyong_zhichu() -> None:
    got = _one("按支出用途分类，包括人员支出60.00万元，占60%；日常公用支出10.00万元，占10%；", "total")
    assert got == [("expense.personnel", "60.00", None), ("expense.public", "10.00", None)]
    assert _one("其中：人员支出60.00万元", "gpb_basic") == [("gpb.personnel", "60.00", None)]


def test_a_basic_spending_subsection_under_a_whole_budget_section() -> None:
    doc = _parse("""
第二部分 部门预算收支总体情况
一、部门预算安排情况说明
（六）一般公共预算基本支出情况说明（详见表6）
2027年一般公共预算基本支出90.00万元，其中：人员支出80.00万元；日常公用支出10.00万元。
""")
    assert _got(doc.claims)[:2] == [("gpb.basic", "90.00", None), ("gpb.personnel", "80.00", None)]


def test_a_subheading_run_into_its_first_sentence() -> None:
    doc = _parse("""
第二部分 部门预算收支总体情况
一、部门预算安排情况说明
（四）关于某某局2027年财政拨款收支预算情况的总体说明某某局2027年财政拨款收支总预算64.00万元。
""")
    assert ("fiscal.total", "64.00", None) in _got(doc.claims)
    # without an amount on the line the heading is left as printed
    doc = _parse("""
第二部分 部门预算收支总体情况
一、部门预算安排情况说明
（四）关于财政拨款收支预算情况的总体说明详见下文
""")
    assert doc.claims == []


def test_one_funds_part_of_the_carryover() -> None:
    assert _one("上年结转结余的政府性基金预算收入12.00万元，占1.5%；", "income") == [
        ("item:上年结转结余的政府性基金预算收入", "12.00", None)]
    # the carry-over itself and a fund's own income keep their subjects
    assert _one("上年结转结余30.00万元。", "income") == [("income.carryover", "30.00", None)]
    assert _one("本年政府性基金预算收入12.00万元。", "income") == [("income.gov_fund", "12.00", None)]


def test_a_named_figure_followed_by_its_purpose() -> None:
    assert _one("外聘人员40.00万元，用于劳务派遣人员的劳务费。", "expense") == [("item:外聘人员", "40.00", None)]
    assert _one("宣传业务3.50万元，主要用于宣传品制作。", "expense") == [("item:宣传业务", "3.50", None)]
    # without the purpose the name is not taken; a known subject keeps its own
    assert _one("外聘人员40.00万元。", "expense") == []
    assert _one("项目支出40.00万元，用于日常运转。", "expense") == [("expense.project", "40.00", None)]
