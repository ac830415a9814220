"""Y6xx rules on small inline documents: each fires on a wrong one and stays quiet on a right one."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from yusuan.audit import audit
from yusuan.model import Document, Indicator, PerformanceTable, Project, Section, Table
from yusuan.parse.performance import split_value
from yusuan.testing import finish, make_amount, make_doc, make_table


def ind(level3: str, value_text: str, weight: str | None = None, *, level1: str = "产出指标",
        level2: str = "数量指标", last_year: str | None = None) -> Indicator:
    op, value, unit, _ = split_value(value_text)
    return Indicator(level1=level1, level2=level2, level3=level3, operator=op, value=value, unit=unit,
                     value_text=value_text, weight=Decimal(weight) if weight else None, last_year=last_year)


def ptable(project: str | None, total: str | None = None, *, fiscal: str | None = None, other: str | None = None,
           kind: str = "project", indicators: Sequence[Indicator] = (), goal: str | None = None,
           year: int | None = 2024, **amounts: str) -> PerformanceTable:
    a = {k: make_amount(v) for k, v in (("total", total), ("fiscal", fiscal), ("other", other)) if v is not None}
    a.update({k: make_amount(v) for k, v in amounts.items()})
    return PerformanceTable(kind="overall" if kind == "overall" else "project",
                            title="部门整体绩效目标表" if kind == "overall" else "项目支出绩效目标表",
                            year=year, project=project, unit="某某局", amounts=a, goal=goal,
                            indicators=list(indicators))


def gpb_project(*rows: tuple[str, str]) -> Table:
    t = make_table("gpb_project", [(None, "某某局", {"total": v}) for _, v in rows])
    for r, (name, _) in zip(t.rows, rows, strict=True):
        r.project = name
    return t


def run(doc: Document, code: str) -> list[tuple[str, str]]:
    finish(doc)  # the tests set doc.performance / doc.projects after make_doc
    res = audit(doc, select=[code])
    return [(f.severity, f.message) for f in res.findings if f.rule == code]


def status(doc: Document, code: str) -> str:
    finish(doc)
    return next(c.status for c in audit(doc, select=[code]).coverage if c.rule == code)


# --- Y601 / Y602 / Y603: projects against tables -------------------------------------------------


def test_y601_project_without_table() -> None:
    doc = make_doc(gpb_project(("信息化运维项目", "17.03"), ("稽核费", "24.27")))
    doc.performance = [ptable("稽核费", "24.27")]
    found = run(doc, "Y601")
    assert len(found) == 1 and found[0][0] == "warning" and "信息化运维项目" in found[0][1]


def test_y601_quiet_when_every_project_has_a_table() -> None:
    doc = make_doc(gpb_project(("稽核费", "24.27")))
    doc.performance = [ptable("2024 年稽核费", "24.27")]
    assert run(doc, "Y601") == []


def test_y601_withheld_project_is_info() -> None:
    doc = make_doc()
    doc.projects = [Project(name="特定目标 09100810", scale=make_amount("0.61"), basis="完全不予公开。")]
    doc.performance = [ptable("其他账户资金", "29.45")]
    assert [s for s, _ in run(doc, "Y601")] == ["info"]


def test_y601_declared_without_table_in_text_is_info() -> None:
    doc = make_doc(sections=[Section(title="预算绩效情况", text="备注：表七中的 2020 年上级专项项目为额度结余，未编制绩效目标表。")])
    doc.projects = [Project(name="2020 年上级专项", scale=make_amount("39.57"))]
    doc.performance = [ptable("其他项目", "5.00")]
    assert [s for s, _ in run(doc, "Y601")] == ["info"]


def test_y602_amount_differs_for_the_same_project() -> None:
    doc = make_doc()
    doc.projects = [Project(name="城乡居民医疗保险财政补助项目", scale=make_amount("100.30"))]
    doc.performance = [ptable("城乡居民医疗保险财政补助项目", "100.20")]
    found = run(doc, "Y602")
    assert len(found) == 1 and found[0][0] == "error"
    assert "100.30" in found[0][1] and "100.20" in found[0][1] and "项目支出情况说明" in found[0][1]


def test_y602_one_unit_of_the_last_digit_is_rounding_of_two_sources() -> None:
    # the 说明 and the 绩效目标表 round one 元 amount each on its own (1,000,250 元 → 100.03 or 100.02)
    doc = make_doc()
    doc.projects = [Project(name="城乡居民医疗保险财政补助项目", scale=make_amount("100.03"))]
    doc.performance = [ptable("城乡居民医疗保险财政补助项目", "100.02")]
    assert [s for s, _ in run(doc, "Y602")] == ["info"]
    doc.projects = [Project(name="城乡居民医疗保险财政补助项目", scale=make_amount("100.04"))]
    assert [s for s, _ in run(doc, "Y602")] == ["error"]  # two units: not rounding


def test_y602_quiet_when_amounts_agree_and_pairs_duplicates_by_amount() -> None:
    doc = make_doc()
    doc.projects = [Project(name="补助项目", scale=make_amount("5663.02")),
                    Project(name="补助项目", scale=make_amount("100.02"))]
    doc.performance = [ptable("补助项目", "100.02"), ptable("补助项目", "5663.02")]
    assert run(doc, "Y602") == [] and run(doc, "Y601") == []


def test_y603_same_amount_other_name() -> None:
    doc = make_doc(gpb_project(("2024 年综合业务费", "86.78"), ("2024年稽核费", "24.27")))
    doc.performance = [ptable("2024 年综合运行费", "86.78"), ptable("2024 年稽核费", "24.27")]
    found = run(doc, "Y603")
    assert len(found) == 1 and "综合运行费" in found[0][1] and "综合业务费" in found[0][1]
    assert run(doc, "Y601") == [] and run(doc, "Y602") == []


def test_y603_amount_shared_by_two_projects_is_not_guessed() -> None:
    doc = make_doc(gpb_project(("甲项目", "5.00"), ("乙项目", "5.00")))
    doc.performance = [ptable("丙项目", "5.00")]
    assert run(doc, "Y603") == []
    assert len(run(doc, "Y601")) == 2


def test_both_sources_give_one_finding() -> None:
    doc = make_doc(gpb_project(("信息化运维项目", "17.03")))
    doc.projects = [Project(name="信息化运维项目", scale=make_amount("17.03"))]
    doc.performance = [ptable("别的项目", "1.00")]
    found = run(doc, "Y601")
    assert len(found) == 1 and "一般公共预算项目支出情况表、项目支出情况说明" in found[0][1]


# --- Y604 weights ---------------------------------------------------------------------------------


def weighted(*ws: str) -> list[Indicator]:
    return [ind(f"指标{i}", "=1 项", w) for i, w in enumerate(ws)]


def test_y604_weights_not_90_or_100() -> None:
    doc = make_doc()
    doc.performance = [ptable("甲", "1", indicators=weighted("30", "30", "30")),
                       ptable("乙", "1", indicators=weighted("30", "30", "25"))]
    found = run(doc, "Y604")
    assert len(found) == 1 and "合计 85" in found[0][1] and "应为 90" in found[0][1]


def test_y604_quiet_on_90_and_100_and_missing_weights() -> None:
    doc = make_doc()
    doc.performance = [ptable("甲", "1", indicators=weighted("30", "30", "30")),
                       ptable("乙", "1", indicators=weighted("50", "50", "0")),
                       ptable("丙", "1", indicators=[*weighted("30", "30"), ind("x", "=1 项")])]
    assert run(doc, "Y604") == []


# --- Y605 years -----------------------------------------------------------------------------------


def test_y605_target_in_another_year() -> None:
    doc = make_doc(year=2024)
    doc.performance = [ptable("甲", "1", indicators=[ind("完成时间", "2025 年 11 月 30 日前", level2="时效指标")])]
    found = run(doc, "Y605")
    assert len(found) == 1 and found[0][0] == "warning" and "2025" in found[0][1]


def test_y605_table_year_and_goal_year() -> None:
    doc = make_doc(year=2024)
    doc.performance = [ptable("甲", "1", year=2023, goal="目标 3: 2022 年度代缴医疗保险，较2023年度有所提高。")]
    sev = sorted(s for s, _ in run(doc, "Y605"))
    assert sev == ["info", "warning"]  # the table's year (warning), 2022 年度 in the goal (info); 较2023年度 is fine


def test_y605_quiet_for_the_budget_year() -> None:
    doc = make_doc(year=2025)
    doc.performance = [ptable("甲", "1", year=2025, indicators=[ind("项目结束时间", "2025 年 12 月")],
                              goal="2025 年度完成。")]
    assert run(doc, "Y605") == []


# --- Y606 units -----------------------------------------------------------------------------------


def test_y606_unit_of_another_kind() -> None:
    doc = make_doc()
    doc.performance = [ptable("甲", "1", indicators=[
        ind("举办活动场次", "≥30 人"),
        ind("基本医疗保险参保人数", ">=63.39 万人", last_year="=63.39万元"),
    ])]
    found = run(doc, "Y606")
    assert len(found) == 2 and "举办活动场次" in found[0][1] and "上年完成值" in found[1][1]


def test_y606_quiet_on_fitting_units() -> None:
    doc = make_doc()
    doc.performance = [ptable("甲", "1", indicators=[
        ind("举办活动参与人次", "≥135 人"), ind("参保缴费率", "≥95%"), ind("水费缴纳标准", "≤3.57 元/方"),
        ind("门诊救助人次", ">=45000 人次", last_year="=5.4 万人"), ind("医保政策知晓率", "有所提升"),
    ])]
    assert run(doc, "Y606") == []


# --- Y607 rates -----------------------------------------------------------------------------------


def test_y607_upper_bound_and_over_100() -> None:
    doc = make_doc()
    doc.performance = [ptable("甲", "1", indicators=[ind("居民参保覆盖率", "<=85%"), ind("设备合格率", ">=110%")])]
    found = run(doc, "Y607")
    assert len(found) == 2 and "上限" in found[0][1] and "超过 100%" in found[1][1]


def test_y607_quiet_on_lower_bounds_and_bad_rates() -> None:
    doc = make_doc()
    doc.performance = [ptable("甲", "1", indicators=[
        ind("医疗待遇享受覆盖率", "≥100%"), ind("差错率", "<=1%"), ind("参保人员满意度", ">=90%")])]
    assert run(doc, "Y607") == []


# --- Y608 overall ---------------------------------------------------------------------------------


def test_y608_overall_parts_against_total_and_text() -> None:
    doc = make_doc(sections=[Section(title="预算绩效情况",
                                     text="本部门预算绩效管理整体预算绩效目标 1 个，涉及预算金额 1,134.91 万元。")])
    doc.performance = [ptable(None, "1,200.00", kind="overall", upper="17.29", local="1,088.16", other="29.46")]
    found = run(doc, "Y608")
    assert [s for s, _ in found] == ["error", "warning"]
    assert "1,134.91" in found[0][1] and "1,200.00" in found[0][1]


def test_y608_blank_total_uses_the_parts() -> None:
    doc = make_doc(sections=[Section(title="预算绩效情况", text="整体预算绩效目标 1 个，涉及金额 3,166.28 万元；")])
    doc.performance = [ptable(None, kind="overall", upper="237.97", local="2,022.69", other="905.62")]
    assert run(doc, "Y608") == []
    doc.performance = [ptable(None, kind="overall", upper="237.97", local="2,022.69", other="900.00")]
    assert [s for s, _ in run(doc, "Y608")] == ["warning"]


# --- Y609 the 预算绩效情况 paragraph --------------------------------------------------------------


def test_y609_amount_and_count_against_tables() -> None:
    doc = make_doc(sections=[Section(title="预算绩效情况", text=(
        "本年度预算绩效管理的财政拨款项目 4个，涉及预算金额 141.20 万元；非财政拨款项目 0 个，涉及预算金额 0.00 万元。"))])
    doc.performance = [ptable("甲", "20.00", fiscal="20.00", other="0.00"),
                       ptable("乙", "20.00", fiscal="20.00", other="0.00"),
                       ptable("丙", "3.00", fiscal="3.00", other="0.00")]
    msgs = [m for _, m in run(doc, "Y609")]
    assert len(msgs) == 2 and "4 个" in msgs[0] and "141.20" in msgs[1] and "43.00" in msgs[1]


def test_y609_quiet_when_the_tables_add_up() -> None:
    doc = make_doc(sections=[Section(title="预算绩效情况", text=(
        "当年财政拨款项目 2 个，涉及预算金额 30.00 万元；当年非财政拨款项目 1 个，涉及预算金额 5.00 万元。"))])
    doc.performance = [ptable("甲", "20.00", fiscal="20.00", other="0"), ptable("乙", "10.00", fiscal="10.00"),
                       ptable("丙", "5.00", fiscal="0.00", other="5.00")]
    assert run(doc, "Y609") == []


def test_y609_rounding_grows_with_the_tables_added() -> None:
    # the paragraph sums the 元 and rounds once, each table rounds its own total
    text = "非财政拨款项目 1 个，涉及预算金额 29.46 万元。"
    doc = make_doc(sections=[Section(title="预算绩效情况", text=text)])
    doc.performance = [ptable("甲", "29.45", fiscal="0.00", other="29.45")]
    assert [s for s, _ in run(doc, "Y609")] == ["info"]  # 0.01 ≤ ½ulp × 2
    doc.performance = [ptable("甲", "29.44", fiscal="0.00", other="29.44")]
    assert [s for s, _ in run(doc, "Y609")] == ["warning"]  # 0.02 > 0.01
    doc = make_doc(sections=[Section(title="预算绩效情况", text="非财政拨款项目 2 个，涉及预算金额 29.47 万元。")])
    doc.performance = [ptable("甲", "10.00", fiscal="0.00", other="10.00"),
                       ptable("乙", "19.45", fiscal="0.00", other="19.45")]
    assert [s for s, _ in run(doc, "Y609")] == ["warning"]  # 0.02 > 3 × 0.005
    doc.sections = [Section(title="预算绩效情况", text="非财政拨款项目 2 个，涉及预算金额 29.46 万元。")]
    assert [s for s, _ in run(doc, "Y609")] == ["info"]


# --- Y610 goal text, Y611 cost caps, Y612 parts ------------------------------------------------------


def test_y610_a_part_of_an_enumeration_is_not_the_total() -> None:
    from yusuan.parse.performance_details import goal_amount

    # numbered parts, each with its money: neither is the project's 年度预算总额
    goal = ("(1)协管员每人补助2.25万元/年，需预算安排300.00万元。(2)协理员每人每月补助100元，需预算安排"
            "71.17万元。")
    assert goal_amount(goal) is None
    assert goal_amount("需预算安排城市低保2000万元，农村低保500万元；（2）特困供养金300万元。") is None
    # the total first, then its parts: the total is the goal's amount
    whole = goal_amount("本项目安排预算资金371.17万元，其中协管员300.00万元、协理员71.17万元。")
    assert whole is not None and whole.amount_text == "371.17"
    # a numbered goal whose other items state no money
    one = goal_amount("(1)本项目预算安排50万元，用于设备购置。(2)完成验收，满意度达到90%。")
    assert one is not None and one.amount_text == "50"
    # the whole named by the budget words alone, then what it buys: still the whole
    used = goal_amount("本项目安排120万元，用于购买设备20万元、服务100万元。")
    assert used is not None and used.amount_text == "120"
    # a rate beside the amount is not a second part
    rate = goal_amount("年度预算资金20万元，每人补助2万元/年。")
    assert rate is not None and rate.amount_text == "20"


def test_y610_goal_states_another_amount() -> None:
    doc = make_doc()
    doc.performance = [ptable("甲", "20.00", goal="本项目安排预算资金 11.96万元，计划购置办公设备。")]
    found = run(doc, "Y610")
    assert len(found) == 1 and "11.96" in found[0][1] and "20.00" in found[0][1]


def test_y610_quiet_when_goal_agrees() -> None:
    doc = make_doc()
    doc.performance = [ptable("甲", "29.45", goal="本项目安排预算资金 29.45 万元，主要实施内容为日常运转。"),
                       ptable("乙", "5.00", goal="保障日常运转。")]
    assert run(doc, "Y610") == []


def test_y611_cost_caps_over_budget() -> None:
    cost = {"level1": "成本指标", "level2": "经济成本指标"}
    doc = make_doc()
    doc.performance = [ptable("甲", "10.00", indicators=[ind("设备成本", "≤6.3 万元", **cost),
                                                          ind("网络成本", "≤52000 元", **cost),
                                                          ind("人均标准", "≤180 元/人", **cost)])]
    found = run(doc, "Y611")
    assert len(found) == 1 and "11.50" in found[0][1]
    doc.performance = [ptable("甲", "12.00", indicators=doc.performance[0].indicators)]
    assert run(doc, "Y611") == []


def test_y612_fiscal_plus_other_is_total() -> None:
    doc = make_doc()
    doc.performance = [ptable("甲", "29.45", fiscal="0.00", other="29.46"),
                       ptable("乙", "5.63", fiscal="5.63", other="0")]
    found = run(doc, "Y612")
    assert len(found) == 1 and found[0][0] == "error" and "甲" in found[0][1]


def test_rules_do_not_run_without_tables() -> None:
    doc = make_doc()
    assert status(doc, "Y601") == "not_run"
    doc.tables.append(make_table("gpb_project", [(None, "x", {"total": "1"})]))
    doc.performance = [ptable(None, kind="overall", upper="1")]
    assert status(doc, "Y601") == "not_applicable"  # no project tables at all


def test_y611_a_whole_cost_cap_is_not_added_to_its_parts() -> None:
    cost = {"level1": "成本指标", "level2": "经济成本"}
    doc = make_doc()
    doc.performance = [ptable("甲", "170.00", indicators=[ind("项目总成本", "≤170万元", **cost),
                                                           ind("养老金发放金额", "≤170万元", **cost)])]
    assert run(doc, "Y611") == []
    doc.performance = [ptable("甲", "1800.00", indicators=[ind("财政投入控制数", "=1849.5万元", **cost)])]
    assert len(run(doc, "Y611")) == 1


def test_y608_basic_plus_project_spending() -> None:
    doc = make_doc()
    doc.performance = [ptable(None, "8200.95", kind="overall", basic="5915.38", project_exp="2285.57")]
    assert run(doc, "Y608") == []
    doc.performance = [ptable(None, "8200.95", kind="overall", basic="5915.38", project_exp="2185.57")]
    assert [s for s, _ in run(doc, "Y608")] == ["error"]
    doc.performance = [ptable(None, "8200.95", kind="overall", other="0.00")]  # fiscal side not printed
    assert run(doc, "Y608") == []


def test_y606_names_and_units_templates_use_loosely() -> None:
    doc = make_doc()
    doc.performance = [ptable("甲", "1", indicators=[
        ind("参加学术交流活动次数", "≥10人/次"), ind("支出频次", "＝1月"), ind("咨询服务按期完成率", "≤11月"),
        ind("重点宣传报道文章点击率", "≥10000人次"), ind("满足职工互联网上网基本要求，提高工作效率", "≥118人"),
        ind("降低企业参展购买展位成本", "≤100%"), ind("补助资金拨付比例企业审核补助资金平均金额", "≤12.5万元"),
    ])]
    assert run(doc, "Y606") == []
    doc.performance = [ptable("甲", "1", indicators=[ind("验收合格率", "＝100月"), ind("社会公众满意度", "≤3次"),
                                                         ind("主流媒体报道次数", "≥15000人次")])]
    assert len(run(doc, "Y606")) == 3


def test_y606_frequency_and_person_times() -> None:
    doc = make_doc()
    doc.performance = [ptable("甲", "1", indicators=[ind("福利费发放频率", "2次/年"), ind("促消费活动受益人次数", "≥500人")])]
    assert run(doc, "Y606") == []


def test_y607_rate_word_inside_a_cost_name_is_not_a_rate() -> None:
    doc = make_doc()
    doc.performance = [ptable("甲", "100", indicators=[ind("无线电频率使用率评价支撑费用", "≤35万元"),
                                                         ind("资助学生的数量占比在校人数", "≥5%")])]
    assert run(doc, "Y607") == [] and run(doc, "Y606") == []


def test_y601_quiet_when_the_other_source_pairs_the_project() -> None:
    # the project table prints a part of the project (93.75); the 情况说明 gives the whole (106.24)
    doc = make_doc(gpb_project(("离退休干部医疗保障项目", "93.75")))
    doc.projects = [Project(name="离退休干部医疗保障项目", scale=make_amount("106.24"))]
    doc.performance = [ptable("离退休干部医疗保障项目", "106.24")]
    assert run(doc, "Y601") == [] and run(doc, "Y602") == []


def test_y611_not_applied_to_projects_split_from_a_wide_table() -> None:
    cost = {"level1": "成本指标", "level2": "经济成本指标"}
    t = ptable("甲", "8.00", indicators=[ind("运维费", "≤8万元", **cost), ind("建设费", "≤2221万元", **cost)])
    t.source.note = "本表为多项目合表，按项目拆分（one of several projects in a wide table）"
    doc = make_doc()
    doc.performance = [t]
    assert run(doc, "Y611") == []


def test_timeliness_set_in_days_and_caps_with_the_whole_budget() -> None:
    cost = {"level1": "成本指标", "level2": "经济成本指标"}
    doc = make_doc()
    doc.performance = [
        ptable("甲", "145.00", indicators=[ind("任务书签订及时率", "≤30个工作日"), ind("备案公告及时率", "≤30日"),
                                           ind("接访大厅运行经费", "≤145万元", **cost), ind("物业费", "≤43.97万元", **cost)]),
        ptable("乙", "0.00", indicators=[ind("重点工程总投资", "≤33000万元", **cost)]),
    ]
    assert run(doc, "Y607") == [] and run(doc, "Y606") == [] and run(doc, "Y611") == []


def test_y601_projects_listed_by_unit_in_the_project_budget_table() -> None:
    listed = make_table("project_total", [("TOTAL", "合计", {"total": "9.00"}), (None, "执法办案", {"total": "6.00"}),
                                          (None, "日常保障运行", {"total": "3.00"})])
    for r in listed.rows[1:]:
        r.unit = "某某局"
    doc = make_doc(listed)
    doc.performance = [ptable("执法办案", "6.00")]
    found = run(doc, "Y601")
    assert len(found) == 1 and "日常保障运行" in found[0][1] and "项目支出预算表" in found[0][1]


# --- Y613 a target stated in the goal text and as the indicator's value -------------------------------


def test_y613_goal_states_another_count() -> None:
    goal = "全年计划完成门诊慢病备案任务人数 2.40万人，培训经办人员 120人次。"
    doc = make_doc()
    doc.performance = [ptable("甲", "5.00", goal=goal, indicators=[ind("门诊慢病备案人数", ">=2.10万人")])]
    found = run(doc, "Y613")
    assert len(found) == 1 and "2.10" in found[0][1] and "2.40" in found[0][1]


def test_y613_quiet_when_goal_agrees_or_does_not_decide() -> None:
    goal = "全年计划完成门诊慢病备案任务人数 2.4万人，培训经办人员 120人次，满意度达到 90%。"
    doc = make_doc()
    doc.performance = [ptable("甲", "5.00", goal=goal, indicators=[
        ind("门诊慢病备案人数", ">=2.40万人"),  # 2.4 = 2.40
        ind("培训经办人员人数", ">=100人"),  # 人 is not 人次
        ind("服务对象满意度", ">=95%"),  # percentages are left out
        ind("宣传活动场次", ">=12场"),  # nothing in the goal shares its name
    ])]
    assert run(doc, "Y613") == []
    # a goal that does not say it is this year's may count the whole implementation period
    doc.performance = [ptable("甲", "5.00", goal="完成门诊慢病备案任务人数 2.40万人。",
                              indicators=[ind("门诊慢病备案人数", ">=2.10万人")])]
    assert run(doc, "Y613") == []
    # two different counts for one indicator: the goal does not decide
    doc.performance = [ptable("甲", "5.00", goal="全年一期备案任务人数 1万人；二期备案任务人数 2万人。",
                              indicators=[ind("备案任务人数", ">=3万人")])]
    assert run(doc, "Y613") == []


def test_y606_only_where_the_unit_contradicts_the_meaning() -> None:
    doc = make_doc()
    doc.performance = [ptable("甲", "1", indicators=[
        # a capability stated as a sentence: its target is an achievement rate
        ind("能够按照编制单位出具的评估报告核算出相关税费金额", "≥95%", level1="效益指标", level2="社会效益指标"),
        # frames per second, not a share
        ind("视频档案帧率", "≥24次", level2="质量指标"),
        # an amount cap under a 成本指标
        ind("创新实验室成本控制率", "≤10000万元", level1="成本指标", level2="经济成本指标"),
    ])]
    assert run(doc, "Y606") == []
    # the same units where they contradict the indicator are still reported
    doc.performance = [ptable("甲", "1", indicators=[
        ind("核算税费金额", "≥95%"), ind("车辆故障率", "≤1次", level1="效益指标"),
        ind("创新实验室成本控制率", "≤10000万元", level2="质量指标"),
        ind("出访成功率", "≥3次"),  # 成功率 is a share, not a physical rate
    ])]
    assert len(run(doc, "Y606")) == 4
