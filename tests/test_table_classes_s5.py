"""Classes of false table, performance and completeness findings (issue 8): each fix has a test
that fires on a table that is wrong and stays quiet on the same table printed right. Every table
here is made up for the test, in the shapes the templates print."""

from __future__ import annotations

from decimal import Decimal

from test_performance_rules import ind, ptable
from test_performance_rules import run as run_perf
from test_rules_arithmetic import run, summary

from yusuan.blocks import Cell, Grid
from yusuan.model import Row
from yusuan.testing import make_doc, make_table

# --- 1. name-only function tables: an indented 项 the catalog does not know -----------------------


def _coded_indented(rows: list[tuple[str, int]]) -> list[str | None]:
    from yusuan.parse.name_codes import codes_from_names

    made = [Row(code=None, name=n) for n, _ in rows]
    indents = {id(r): x for r, (_, x) in zip(made, rows, strict=True)}
    codes_from_names(made, indents)
    return [r.code for r in made]


def test_an_unknown_indented_item_keeps_its_kuan_for_the_siblings_continuing_below() -> None:
    # 监狱's items go on over a page break; one of them is a name the catalog does not hold
    rows = [("公共安全支出", 0), ("监狱", 10), ("行政运行", 20), ("某某新设业务", 20), ("其他监狱支出", 20),
            ("强制隔离戒毒", 10), ("行政运行", 20)]
    assert _coded_indented(rows) == ["204", "20407", "2040701", None, "2040799", "20408", "2040801"]


def test_an_unknown_name_without_indentation_still_starts_a_new_outline() -> None:
    # without indentation nothing says the unknown name is an item of 监狱: the rows below are not coded
    rows = [("公共安全支出", 0), ("监狱", 0), ("行政运行", 0), ("某某新设业务", 0), ("其他监狱支出", 0)]
    assert _coded_indented(rows) == ["204", "20407", "2040701", None, None]


# --- 2. performance tables continued over a page with other column splits --------------------------


def _cell(text: str, x0: float, x1: float, page: int) -> Cell:
    return Cell(text, page=page, bbox=(x0, 100, x1, 120))


# the first page splits 三级指标 over two ruled columns (x 265–330–409); the next page does not
_FIRST_X = [(89, 111), (111, 169), (169, 265), (265, 330), (330, 409), (409, 480), (480, 520)]
_NEXT_X = [(89, 111), (111, 169), (169, 265), (265, 409), (409, 480), (480, 520)]


def _grid(texts: list[list[str]], xs: list[tuple[int, int]], page: int) -> Grid:
    return Grid(rows=[[_cell(t, x0, x1, page) for t, (x0, x1) in zip(r, xs, strict=True)] for r in texts], page=page)


def test_a_continuation_grid_one_column_narrower_is_re_indexed_to_the_columns_above() -> None:
    from yusuan.parse.performance_pages import realigned

    above = _grid([["绩效指标", "一级指标", "二级指标", "三级指标", "", "指标值", "分值"],
                   ["", "产出指标", "数量指标", "培训人数", "", "≥40人", "50"]], _FIRST_X, 18)
    below = _grid([["", "", "质量指标", "结业率", "≥95%", "40"]], _NEXT_X, 19)
    got = realigned(below, above)
    assert got is not None and got.ncols == 7
    assert [c.text for c in got.rows[0]] == ["", "", "质量指标", "结业率", "", "≥95%", "40"]


def test_a_grid_that_starts_another_project_or_does_not_line_up_is_not_a_continuation() -> None:
    from yusuan.parse.performance_pages import realigned

    above = _grid([["绩效指标", "一级指标", "二级指标", "三级指标", "", "指标值", "分值"]], _FIRST_X, 18)
    project = _grid([["项目名称", "", "", "另一个项目", "", "", ""][:6]], _NEXT_X, 19)
    assert realigned(project, above) is None
    shifted = [(x0 + 30, x1 + 30) for x0, x1 in _NEXT_X]
    assert realigned(_grid([["", "", "质量指标", "结业率", "≥95%", "40"]], shifted, 19), above) is None
    same_page = _grid([["", "", "质量指标", "结业率", "≥95%", "40"]], _NEXT_X, 18)
    assert realigned(same_page, above) is None


def test_qualitative_targets_keep_their_row_in_place() -> None:
    # 「绿色校园建设贡献 | 很好 | 4」 and 「发放及时性 | 按时 | 15」: the value is a word, the row not shifted
    from yusuan.parse.performance_grid import _align

    cols = {"level1": 1, "level2": 2, "level3": 3, "value": 4, "weight": 5}
    for value in ("很好", "按时"):
        a = _align(["", "", "生态效益指标", "绿色校园建设贡献", value, "4"], cols, 1)
        assert a.offset == 0 and a.cells["weight"] == "4"
    # a 三级指标 whose value is a phrase stays the 三级指标 (not a level name by a shift right)
    a = _align(["", "", "可持续影响指标", "统计数据使用参考性", "为制定政策提供数据依据", "10"], cols, 1)
    assert a.offset == 0 and a.cells["level3"] == "统计数据使用参考性"


def test_y612_counts_the_carryover_line_among_the_funding_parts() -> None:
    # 年度资金总额 244.78 = 财政拨款 221.00 + 上年结转 23.78 + 其他资金 0
    doc = make_doc()
    doc.performance = [ptable("教师工作专项", "244.78", fiscal="221.00", other="0", carryover="23.78",
                              indicators=[ind("培训人数", "250人", "90")])]
    assert run_perf(doc, "Y612") == []
    doc.performance = [ptable("教师工作专项", "244.78", fiscal="221.00", other="0", carryover="20.78",
                              indicators=[ind("培训人数", "250人", "90")])]
    found = run_perf(doc, "Y612")
    assert [s for s, _ in found] == ["error"] and "上年结转 20.78 万元" in found[0][1]


def test_the_carryover_label_is_read_as_a_funding_field() -> None:
    from yusuan.parse.performance_text import _AMOUNT_FIELDS, label_of

    assert label_of("上年结转") == "carryover" and "carryover" in _AMOUNT_FIELDS
    assert label_of("其中：上年结转资金") == "carryover"
    assert label_of("上年结转情况说明") is None


def test_a_long_project_title_is_a_performance_table_title() -> None:
    from yusuan.parse.performance_text import title_kind

    assert title_kind("236-中央高校改善基本办学条件专项-设备资料购置项目（小学）项目绩效目标表") == "project"
    assert title_kind("各项目的绩效目标详见下表，请各单位对照本部门的项目支出绩效目标表。") is None


# --- 3. Y105: a 其中 row is part of its parent --------------------------------------------------------


def _income(fiscal_special: str) -> list[tuple[str | None, str, dict[str, str]]]:
    return [
        ("income.fiscal", "1、财政拨款", {"amount": "573980610.20"}),
        ("income.gpb", "(1)一般公共预算拨款", {"amount": "573980610.20"}),
        ("income.business", "3、事业收入", {"amount": "7262257.00"}),
        ("income.fiscal_special", "其中：纳入财政专户管理的收费", {"amount": fiscal_special}),
        ("income.current", "本年收入合计", {"amount": "581242867.20"}),
        ("TOTAL", "收入总计", {"amount": "581242867.20"}),
    ]


def test_y105_a_qizhong_row_is_not_summed_again_beside_its_parent() -> None:
    assert run(make_doc(summary(_income("7262257.00"), [])), "Y105") == []
    wrong = _income("7262257.00")
    wrong[4] = ("income.current", "本年收入合计", {"amount": "588505124.20"})  # counted the 其中 twice
    wrong[5] = ("TOTAL", "收入总计", {"amount": "588505124.20"})
    assert [f.location.row_code for f in run(make_doc(summary(wrong, [])), "Y105")] == ["income.current"]


def test_y102_an_unnamed_closing_item_after_the_current_total_is_a_part_of_the_total() -> None:
    rows: list[tuple[str | None, str, dict[str, str]]] = [
        ("205", "5、教育支出", {"amount": "16202328.85"}),
        ("215", "15、资源勘探工业信息等支出", {"amount": "1039705338.58"}),
        ("expense.current", "本年支出合计", {"amount": "1055907667.43"}),
        ("expense.carryover", "结转下年", {"amount": "165000.00"}),
        (None, "未安排支出的实户资金", {"amount": "3392047.63"}),
        ("TOTAL", "支出总计", {"amount": "1059464715.06"}),
    ]
    t = make_table("summary", rows, side="expense", unit="元")
    assert run(make_doc(t), "Y102") == []
    rows[-1] = ("TOTAL", "支出总计", {"amount": "1059464700.06"})
    t = make_table("summary", rows, side="expense", unit="元")
    assert [f.location.row_code for f in run(make_doc(t), "Y102")] == ["TOTAL"]


# --- 4. Y405: a glossary printed without numbers ----------------------------------------------------


def _glossary(lines: list[str]) -> dict[str, str]:
    from yusuan.model import Document
    from yusuan.parse.narrative import _glossary_items, _term_lines

    class _Ln:
        def __init__(self, text: str) -> None:
            self.text = text

    doc = Document(paths=["inline.txt"], format="text")
    _glossary_items(_term_lines([_Ln(t) for t in lines]), doc)  # type: ignore[arg-type]
    return doc.glossary


def test_glossary_terms_printed_without_numbers_are_read() -> None:
    got = _glossary(["基本支出：指为保障机构正常运转、完成日常工作任务", "而发生的人员支出和公用支出。",
                     "项目支出：指在基本支出之外为完成特定行政任务或事", "业发展目标所发生的支出。"])
    assert set(got) == {"基本支出", "项目支出"}
    assert got["基本支出"].endswith("公用支出。")


def test_a_colon_inside_a_definition_does_not_start_a_term() -> None:
    got = _glossary(["机关运行经费：指为保障行政单位运行的各项资金，包括", "办公费：印刷费、邮电费等。"])
    assert list(got) == ["机关运行经费"]


# --- 5. amounts of a 元 table carry their value in 万元 ------------------------------------------------


def test_an_amount_printed_in_yuan_carries_its_value_in_wan_beside() -> None:
    rows: list[tuple[str | None, str, dict[str, str]]] = [
        ("205", "教育支出", {"amount": "16202328.85"}),
        ("expense.current", "本年支出合计", {"amount": "20000000.00"}),
        ("TOTAL", "支出总计", {"amount": "20000000.00"}),
    ]
    t = make_table("summary", rows, side="expense", unit="元")
    found = run(make_doc(t), "Y102")
    assert found, "the summary does not add up"
    msg = found[0].message
    assert "20000000.00 元（合 2,000.00 万元）" in msg and "1,620.232885 万元" in msg
    assert Decimal("2000") == Decimal("20000000.00") / 10000


# --- 6. rules too strict for legitimate practice (labelled RULE) --------------------------------------


def test_y605_a_preparatory_phase_dated_the_year_before_is_info_and_one_finding_per_indicator() -> None:
    doc = make_doc(year=2023)
    phases = [ind("项目论证调研及方案设计", "2022年1月-6月", level2="时效指标"),
              ind("施工", "2023年2月-8月", level2="时效指标")]
    doc.performance = [ptable("房屋修缮项目", "1", year=2023, indicators=phases)]
    assert [s for s, _ in run_perf(doc, "Y605")] == ["info"]
    # the same date on a target that is not a preparation, or with no phase in the budget year: warning
    doc.performance = [ptable("物业费", "1", year=2023,
                              indicators=[ind("服务时间", "2022年1月1日至2022年12月31日", level2="时效指标")])]
    assert [s for s, _ in run_perf(doc, "Y605")] == ["warning"]  # one finding, though 2022 is printed twice
    doc.performance = [ptable("房屋修缮项目", "1", year=2023, indicators=phases[:1])]
    assert [s for s, _ in run_perf(doc, "Y605")] == ["warning"]


def test_y606_a_price_per_item_under_a_cost_indicator_fits() -> None:
    doc = make_doc()
    doc.performance = [ptable("微信公众平台运维费", "1", indicators=[
        ind("公众号更新-查看回复留言次数", "≤2.2元/次", level1="成本指标", level2="经济成本指标")])]
    assert run_perf(doc, "Y606") == []
    doc.performance = [ptable("微信公众平台运维费", "1", indicators=[
        ind("公众号更新-查看回复留言次数", "≤2.2元", level1="成本指标", level2="经济成本指标")])]
    assert [s for s, _ in run_perf(doc, "Y606")] == ["warning"]


def test_y209_an_economic_line_named_as_another_item_is_not_that_items_line() -> None:
    # a table numbering its 302 items in sequence: 「302 12」 is 机关事业单位退休人员活动费, not 因公出国
    tp = make_table("three_public", [("TOTAL", "合计", {"total": "0"}), ("overseas_travel", "因公出国（境）费", {"total": "0"})])
    seq = make_table("gpb_basic", [("30212", "机关事业单位退休人员活动费", {"total": "0.702", "public": "0.702"})])
    assert run(make_doc(tp, seq), "Y209") == []
    real = make_table("gpb_basic", [("30212", "因公出国（境）费用", {"total": "0.702", "public": "0.702"})])
    assert [f.severity for f in run(make_doc(tp, real), "Y209")] == ["warning"]


def test_y607_a_load_cap_on_machines_is_not_a_misprinted_bound() -> None:
    doc = make_doc()
    doc.performance = [ptable("政务云资源租用服务", "1", indicators=[ind("云主机使用率", "≤80%", level2="质量指标")])]
    assert run_perf(doc, "Y607") == []
    doc.performance = [ptable("政务云资源租用服务", "1", indicators=[ind("设备使用率", "≤80%", level2="质量指标")])]
    assert [s for s, _ in run_perf(doc, "Y607")] == ["warning"]


def test_y605_a_target_set_by_the_execution_period_is_info() -> None:
    doc = make_doc(year=2026)
    doc.performance = [ptable("中央转移支付项目", "1", year=2026, indicators=[
        ind("按照项目经费执行期限，完成预算经费100%执行", "2027年12月31日前完成", level2="时效指标")])]
    assert [s for s, _ in run_perf(doc, "Y605")] == ["info"]
    doc.performance = [ptable("中央转移支付项目", "1", year=2026, indicators=[
        ind("完成预算经费100%执行", "2027年12月31日前完成", level2="时效指标")])]
    assert [s for s, _ in run_perf(doc, "Y605")] == ["warning"]


def test_y610_the_total_of_a_multi_year_project_period_is_not_the_years_budget() -> None:
    doc = make_doc()
    goal = "项目期目标（2025年—2027年）：周期为2025.1-2027.12，总预算349.0万元。2026年度目标：推广体格评估。"
    doc.performance = [ptable("儿童发育指标体系建立", "99.84", goal=goal)]
    assert run_perf(doc, "Y610") == []
    doc.performance = [ptable("儿童发育指标体系建立", "99.84", goal="本项目总预算349.0万元，用于推广体格评估。")]
    assert [s for s, _ in run_perf(doc, "Y610")] == ["warning"]


def test_y606_a_time_limit_under_a_timeliness_indicator_fits() -> None:
    doc = make_doc()
    doc.performance = [ptable("计算机更新", "1", indicators=[ind("完成项目全部支出", "≤10月", level2="时效指标")])]
    assert run_perf(doc, "Y606") == []
    doc.performance = [ptable("计算机更新", "1", indicators=[ind("完成项目全部支出", "≤10月", level2="数量指标")])]
    assert [s for s, _ in run_perf(doc, "Y606")] == ["warning"]
