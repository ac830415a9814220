"""Claim classes of session 6 (issue 7/9, reading coverage): the parts of a change a reason names, the
whole by its side, 委托业务费, the funds of the performance-covered money, amounts after a description."""

from __future__ import annotations

from tests.narrative_helpers import claims_of, one_sentence, parse_text
from yusuan.parse.claims import extract_claims


def _changes(sentence: str, kind: str | None) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(c.subject, c.amount.text if c.amount else None, c.change.text if c.change else None, c.direction)
            for c in extract_claims(sentence, kind)[0]]


def test_an_explanation_splits_the_change_into_its_parts() -> None:
    got = _changes("支出比2024年减少300.50万元，主要是基本支出增加20.5万元，项目支出减少321.00万元。", "total")
    assert got == [("expense.total", None, "300.50", "decrease"), ("expense.basic", None, "20.5", "increase"),
                   ("expense.project", None, "321.00", "decrease")]


def test_a_reason_names_income_parts_spelled_with_zijin() -> None:
    got = _changes("收入比2024年增加1,000.00万元，主要原因是一般公共预算拨款增加600.00万元，事业收入资金增加300万元，"
                   "其他收入资金增加100万元。", "total")
    assert got == [("income.total", None, "1,000.00", "increase"), ("income.gpb", None, "600.00", "increase"),
                   ("income.business", None, "300", "increase"), ("income.other", None, "100", "increase")]


def test_the_reason_stays_on_the_change_it_explains() -> None:
    claims = extract_claims("基本支出500.00万元，比上年增加50.00万元，主要原因是人员经费增加45.00万元，公用经费增加5.00万元。",
                            "expense")[0]
    assert [(c.subject, c.reason is not None) for c in claims] == [
        ("expense.basic", True), ("expense.personnel", False), ("expense.public", False)]


def test_a_reason_naming_units_projects_or_causes_is_no_claim() -> None:
    # units, a project, a cause: none of them is a subject of the tables
    assert _changes("对个人和家庭的补助（303）80.00万元，较上年增加30.00万元，原因是局机关增加20.00万元，"
                    "某某中心增加10.00万元。", "expense") == [("econ_total:303", "80.00", "30.00", "increase")]
    assert _changes("项目支出减少200万元，主要原因是某某示范工程项目预算减少150万元及因人员调整公用经费减少50万元。",
                    "expense") == [("expense.project", None, "200", "decrease")]


def test_a_reason_of_its_own_sentence_keeps_the_subject_before_it() -> None:
    doc = parse_text("""
一、收支预算总体情况说明
2026年支出预算1,200.00万元，比上年增加100.00万元。主要原因是：人员经费增加60.00万元，公用经费增加40.00万元。
""")
    assert claims_of(doc.claims) == [("expense.total", "1,200.00", "100.00"), ("expense.personnel", None, "60.00"),
                                     ("expense.public", None, "40.00")]
    assert doc.claims[0].reason is not None


def test_the_budget_named_by_both_sides() -> None:
    assert one_sentence("2026年收支预算3,000.00万元，比上年减少120.00万元。", "total") == [("total", "3,000.00", "120.00")]
    # one fund's 收支预算 is that fund's, not the department's: left out
    assert one_sentence("财政拨款收支预算2,000.00万元。", "total") == []


def test_entrusted_services_is_a_subject_of_its_own() -> None:
    assert one_sentence("2026年本部门一般公共预算安排委托业务费820.40万元，比上年减少30.10万元，下降3.5%。", None) == [
        ("entrusted_services", "820.40", "30.10")]
    assert one_sentence("2026年本部门委托业务费财政拨款预算为95.5万元。", None) == [("entrusted_services", "95.5", None)]
    assert one_sentence("2026年委托业务费涉及财拨资金1,234.00万元，主要用于课题研究。", "other") == [
        ("entrusted_services", "1,234.00", None)]


def test_the_funds_of_the_money_performance_targets_cover() -> None:
    assert one_sentence("全面实施绩效目标管理，涉及项目4个，预算资金900万元，其中财政拨款850万元。", "performance") == [
        ("performance.covered", "900", None), ("performance.covered_fiscal", "850", None)]
    assert one_sentence("绩效目标管理全覆盖，涉及当年一般公共预算拨款700.00万元，政府性基金预算拨款0.00万元，"
                        "国有资本经营预算拨款0.00万元。", "performance") == [
        ("performance.covered", "700.00", None), ("performance.covered_gov_fund", "0.00", None),
        ("performance.covered_soe", "0.00", None)]


def test_fiscal_running_costs_are_the_admin_operation() -> None:
    assert one_sentence("2026年一般公共预算财政拨款运行经费210.30万元，比2025年减少3.20万元。", "other") == [
        ("admin_operation", "210.30", "3.20")]


def test_the_change_after_a_description_is_read() -> None:
    got = _changes("其中基本支出900.00万元，主要用于保障人员工资和机构正常运转，比2025年增加80.00万元，主要原因是调资。",
                   "total")
    assert got == [("expense.basic", "900.00", "80.00", "increase")]


def test_a_description_that_names_its_amounts_is_a_list() -> None:
    got = _changes("3.综合保障经费300.00万元，主要包括档案整理工作120.00万元、网络运维180.00万元。", "expense")
    assert got == [("item:综合保障经费", "300.00", None, None), ("item:档案整理工作", "120.00", None, None),
                   ("item:网络运维", "180.00", None, None)]
    got = _changes("2.场地保障60.00万元，主要用于租赁费60.00万元，用于分站租赁。", "expense")
    assert got == [("item:场地保障", "60.00", None, None), ("item:租赁费", "60.00", None, None)]
    # a description with no amount of its own is still not read
    assert _changes("项目支出80.00万元，主要用于开展2026年专项检查。", "expense") == [
        ("expense.project", "80.00", None, None)]


def test_carryover_income_spelled_shouru() -> None:
    assert one_sentence("收入包括：一般公共预算收入500.00万元、上年结转结余收入20.00万元。", "total") == [
        ("income.gpb", "500.00", None), ("income.carryover", "20.00", None)]


def test_a_reasons_detail_and_the_work_figures_are_accounted_as_no_claims() -> None:
    from tests.narrative_helpers import inline_raw
    from yusuan.parse import parse_document

    doc = parse_document(inline_raw("""
一、部门主要职能
全年完成城建投资 1166 亿元。
二、收支预算总体情况说明
2026年支出预算1,200.00万元，比上年增加100.00万元，主要原因是局机关增加60.00万元，某某中心增加40.00万元。
2026年收入预算1,200.00万元，另有代管资金30.00万元。
"""))
    n = doc.reading.narrative_amounts
    # claims: 1,200.00 and 100.00 of the 支出预算, 1,200.00 of the 收入预算; the work figure and the
    # reason's two units are no claims; the 代管资金 is neither: it is left unchecked and counted so
    assert (n.total, n.in_claims, n.not_claims) == (7, 3, 3)
    assert any("其余 1 个未经核对" in r for r in doc.reading.reasons)


def test_the_assets_held_by_class() -> None:
    assert one_sentence("截至2025年底，某局占用使用国有资产总体情况为1.房屋1200平方米，价值88.50万元。", "assets") == [
        ("assets.held:房屋", "88.50", None)]
    assert one_sentence("2.车辆2辆，价值40.00万元；", "assets") == [("assets.held:车辆", "40.00", None)]
    assert one_sentence("其中：执法执勤用车1辆，价值25.00万元；", "assets") == [("assets.held:执法执勤用车", "25.00", None)]
    assert one_sentence("3.办公家具价值9.90万元。", "assets") == [("assets.held:办公家具", "9.90", None)]
    assert one_sentence("无形资产12项3.40万元。", "assets") == [("assets.held:无形资产", "3.40", None)]
    # a purchase is not a holding
    assert one_sentence("2026年计划购置车辆1辆、20万元。", "assets") == [("assets.vehicle_purchase", "20", None)]


def test_a_numbered_line_may_open_with_the_year_of_its_money() -> None:
    assert one_sentence("3.2025年就业补助资金12.50万元，主要用于技能培训。", "carryover") == [
        ("item:2025年就业补助资金", "12.50", None)]
    assert one_sentence("1.2026年部门预算900万元。", "total") == []


def test_an_items_bracketed_number_opens_no_aside() -> None:
    # before: "（2）" was read as an aside and the line's name lost
    assert _changes("（2）某某运行1,200.00万元，较上年减少了80.00万元，主要原因是人员减少。", "gpb") == [
        ("item:某某运行", "1,200.00", "80.00", "decrease")]


def test_a_list_printed_one_line_a_paragraph() -> None:
    doc = parse_text("""
一、一般公共预算拨款支出情况说明
2026年本部门一般公共预算拨款为500.00万元，其中：工资福利支出300.00万元，较上年减少了10.00万元，原因是人员减少。
商品服务支出150.00万元，较上年增加了5.00万元，其原因是业务增加。
对个人和家庭的补助50.00万元较上年增加2.00万元，其主要原因是离退休费增加。
""")
    assert claims_of(doc.claims)[1:] == [("item:工资福利支出", "300.00", "10.00"), ("item:商品服务支出", "150.00", "5.00"),
                                         ("item:对个人和家庭的补助", "50.00", "2.00")]


def test_the_prior_year_printed_after_de() -> None:
    c = extract_claims("2026年本部门当年一般公共预算会议费预算支出12.00万元，较上年的8.00万元增加4.00万元，增幅50.00%。",
                       "three_public")[0][0]
    assert (c.subject, c.amount and c.amount.text, c.prior and c.prior.text, c.change and c.change.text) == (
        "meetings", "12.00", "8.00", "4.00")


def test_one_funds_income_named_as_its_grant() -> None:
    assert one_sentence("2026年一般公共预算财政拨款收入900.00万元，一般公共预算财政拨款支出900.00万元。", None) == [
        ("income.gpb", "900.00", None), ("gpb.total", "900.00", None)]
    assert one_sentence("2026年政府性基金预算财政拨款收入30.00万元，政府性基金预算支出30.00万元，比2025年减少5.00万元。",
                        None) == [("income.gov_fund", "30.00", None), ("gov_fund.total", "30.00", "5.00")]
