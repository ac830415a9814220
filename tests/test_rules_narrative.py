"""Y3xx: the narrative against the tables and against itself, on small inline documents."""

from __future__ import annotations

from decimal import Decimal

from yusuan.audit import Finding, audit
from yusuan.model import Claim, Document, Project, Provenance, Section, Table
from yusuan.testing import make_amount, make_doc, make_table


def claim(subject: str, amount: str | None = None, *, text: str | None = None, share: str | None = None,
          up: str | None = None, down: str | None = None, flat: bool = False, pct: str | None = None,
          section: str = "二、收入预算情况说明", sentence: str | None = None, prior: str | None = None,
          restated: str | None = None, carried: bool = False) -> Claim:
    change = up or down
    return Claim(
        subject=subject,
        subject_text=text or subject,
        amount=make_amount(amount) if amount is not None else None,
        share=Decimal(share) if share is not None else None,
        share_text=f"{share}%" if share is not None else None,
        direction="increase" if up else "decrease" if down else "flat" if flat else None,
        change=make_amount(change) if change is not None else None,
        change_percent=Decimal(pct) if pct is not None else None,
        change_percent_text=f"{pct}%" if pct is not None else None,
        section=section,
        sentence=sentence or "",
        prior=make_amount(prior) if prior is not None else None,
        restated=make_amount(restated) if restated is not None else None,
        carried=carried,
    )


def findings(doc: Document, code: str) -> list[Finding]:
    return [f for f in audit(doc, select=[code]).findings if f.rule == code]


def expense_table() -> Table:
    return make_table("expense", [
        ("TOTAL", "合计", {"total": "559.50", "basic": "418.30", "project": "141.20"}),
        ("210", "卫生健康支出", {"total": "483.92", "basic": "400.00", "project": "83.92"}),
    ])


# Y301 -------------------------------------------------------------------------------------


def test_y301_amount_differs_from_table() -> None:
    doc = make_doc(expense_table(), claims=[claim("expense.basic", "481.30", text="基本支出")])
    got = findings(doc, "Y301")
    assert len(got) == 1 and got[0].severity == "error"
    assert "481.30" in got[0].message and "418.30" in got[0].message


def test_y301_rounded_narrative_is_consistent() -> None:
    doc = make_doc(expense_table(), claims=[claim("expense.total", "559.5"), claim("expense.basic", "418"),
                                            claim("func:210", "483.92")])
    assert findings(doc, "Y301") == []


def test_y301_amount_of_a_sub_line_is_a_warning_naming_it() -> None:
    summary = make_table("summary", [
        ("income.gpb", "一般公共预算拨款", {"total": "559.50"}),
        ("income.gpb_general", "其中：一般财力", {"total": "527.54"}),
    ], side="income")
    doc = make_doc(summary, make_table("income", [("TOTAL", "合计", {"total": "559.50", "gpb": "559.50"})]),
                   claims=[claim("income.gpb", "527.54", text="一般公共预算")])
    # income.gpb_general is a candidate for income.gpb: the Xinjiang narrative's 一般公共预算 is 一般财力
    assert findings(doc, "Y301") == []
    doc2 = make_doc(make_table("income", [("TOTAL", "合计", {"total": "559.50", "gpb": "559.50",
                                                           "gpb_transfer": "31.96"})]),
                    claims=[claim("income.gpb", "31.96", text="一般公共预算")])
    got = findings(doc2, "Y301")
    assert len(got) == 1 and got[0].severity == "warning" and "相同" in got[0].message


# Y302 / Y303 ------------------------------------------------------------------------------


def test_y302_share_on_the_wrong_base_says_which_base() -> None:
    claims = [
        claim("total", "3,166.28", text="收支总预算", section="三、支出"),
        claim("expense.basic", "1,804.60", text="基本支出", share="79.83", section="三、支出"),
        claim("gpb.total", "2,260.66", text="一般公共预算拨款", section="五、一般公共预算"),
    ]
    got = findings(make_doc(claims=claims), "Y302")
    assert len(got) == 1 and got[0].severity == "warning"
    assert "一般公共预算当年拨款" in got[0].message and "56.99%" in got[0].message


def test_y302_wrong_share_matching_no_base_is_an_error() -> None:
    claims = [claim("total", "559.50"), claim("income.gpb", "527.54", share="92.29")]
    got = findings(make_doc(claims=claims), "Y302")
    assert len(got) == 1 and got[0].severity == "error" and got[0].expected == "94.29%"


def test_y302_share_within_printed_precision_passes() -> None:
    claims = [claim("total", "6523.73"), claim("expense.basic", "649.81", share="10"),
              claim("expense.project", "5873.92", share="90"), claim("income.gpb", "527.54", share="94.29")]
    doc = make_doc(claims=claims[:3])
    assert findings(doc, "Y302") == []


def test_y303_shares_of_a_complete_list_must_add_to_100() -> None:
    s = "五、一般公共预算结构"
    claims = [claim("gpb.total", "559.50", section=s),
              claim("func:208", "47.23", share="8.44", section=s),
              claim("func:210", "483.92", share="86.49", section=s),
              claim("func:221", "28.36", share="6.07", section=s)]
    got = findings(make_doc(claims=claims), "Y303")
    assert len(got) == 1 and "101.00%" in got[0].message
    claims[3] = claim("func:221", "28.36", share="5.07", section=s)
    assert findings(make_doc(claims=claims), "Y303") == []


# Y304–Y307 --------------------------------------------------------------------------------


def test_y304_contradicting_direction_words() -> None:
    c = claim("expense.basic", "356.39", up="20.03", pct="5.95",
              sentence="基本支出 356.39 万元，比上年预算增加 20.03 万元，下降 5.95%，主要原因是人员工资增加。")
    got = findings(make_doc(claims=[c]), "Y304")
    assert len(got) == 1 and "增加" in got[0].message and "下降" in got[0].message
    ok = claim("expense.basic", "356.39", up="20.03", pct="5.95",
               sentence="基本支出 356.39 万元，比上年预算增加 20.03 万元，增长 5.95%。")
    assert findings(make_doc(claims=[ok]), "Y304") == []


def test_y304_flat_with_a_change_and_increase_above_current() -> None:
    flat = claim("admin_operation", "8.00", flat=True, pct="3.00")
    up = claim("func:2101501", "30.00", up="50.00", pct="250.00")
    got = findings(make_doc(claims=[flat, up]), "Y304")
    assert len(got) == 2
    assert findings(make_doc(claims=[claim("admin_operation", "8.00", flat=True)]), "Y304") == []


def test_y305_percent_on_current_year_is_named() -> None:
    c = claim("func:2101501", "479.47", down="63.68", pct="13.28", text="行政运行（项）")
    got = findings(make_doc(claims=[c]), "Y305")
    assert len(got) == 1 and got[0].expected == "11.72%" and "本年数为基数" in got[0].message


def test_y305_correct_percent_within_rounding_passes() -> None:
    cs = [claim("income.gpb", "527.54", down="92.75", pct="14.95"),
          claim("expense.basic", "649.81", down="5636.38", pct="89.66"),
          claim("func:2050803", "4.18", up="0.18", pct="4.5"),
          claim("func:2101101", "28.62", up="4.78", pct="20")]
    assert findings(make_doc(claims=cs), "Y305") == []


def test_y306_hundred_percent_needs_a_zero_prior() -> None:
    bad = claim("func:2089999", "37.07", up="34.14", pct="100", text="其他企业改革发展补助（项）")
    got = findings(make_doc(claims=[bad]), "Y306")
    assert len(got) == 1 and "2.93" in got[0].message and got[0].expected == "1165.19%"
    new = claim("func:2101504", "20.00", up="20.00", pct="100.00")
    gone = claim("func:2101550", "0", down="220.09", pct="100")
    assert findings(make_doc(claims=[new, gone]), "Y306") == []
    stays = claim("func:2101550", "5.00", down="220.09", pct="100")
    assert len(findings(make_doc(claims=[stays]), "Y306")) == 1


def test_y307_priors_of_income_and_expense_parts_must_agree() -> None:
    inc, exp = "二、收入", "三、支出"
    claims = [
        claim("income.total", "559.50", section=inc),
        claim("income.gpb", "527.54", down="92.75", pct="14.95", section=inc),
        claim("income.gpb_transfer", "31.96", up="31.96", pct="100.00", section=inc),
        claim("expense.total", "559.50", section=exp),
        claim("expense.basic", "418.30", down="25.69", pct="5.79", section=exp),
        claim("expense.project", "141.20", down="35.10", pct="19.91", section=exp),
    ]
    assert findings(make_doc(claims=claims), "Y307") == []
    # 支出 (基本 + 项目, always both printed) implies less than the income sources: impossible
    claims[5] = claim("expense.project", "141.20", up="64.90", pct="85.06", section=exp)
    got = findings(make_doc(claims=claims), "Y307")
    assert len(got) == 1 and "620.29" in got[0].message and "520.29" in got[0].message
    # … implying more may be an income source that fell to zero and is not listed
    claims[5] = claim("expense.project", "141.20", down="135.10", pct="48.90", section=exp)
    assert findings(make_doc(claims=claims), "Y307") == []


# Y308–Y312 --------------------------------------------------------------------------------


def test_y308_three_public_items_sum() -> None:
    s = "十、三公"
    items = [claim("three_public.total", "2.04", section=s), claim("three_public.overseas_travel", "0", section=s),
             claim("three_public.vehicle_purchase", "0", section=s),
             claim("three_public.vehicle_operation", "2.00", section=s),
             claim("three_public.reception", "0.14", section=s)]
    got = findings(make_doc(claims=items), "Y308")
    assert len(got) == 1 and "2.14" in got[0].message
    items[4] = claim("three_public.reception", "0.04", section=s)
    assert findings(make_doc(claims=items), "Y308") == []


def test_y309_procurement_sum() -> None:
    cs = [claim("procurement.total", "18.29"), claim("procurement.goods", "5.36"),
          claim("procurement.works", "0"), claim("procurement.services", "12.39")]
    assert len(findings(make_doc(claims=cs), "Y309")) == 1
    cs[3] = claim("procurement.services", "12.93")
    assert findings(make_doc(claims=cs), "Y309") == []


def test_y310_project_scale_against_project_table() -> None:
    table = make_table("gpb_project", [
        ("TOTAL", "合计", {"total": "31.96"}),
        (None, "", {"total": "11.96"}),
        (None, "", {"total": "20.00"}),
    ])
    table.rows[1].project = "2023年自治区全民参保补助项目"
    table.rows[2].project = "中央财政医疗服务与保障能力提升补助项目"
    projects = [Project(name="2023 年自治区全民参保补助项目", scale=make_amount("11.69")),
                Project(name="中央财政医疗服务与保障能力提升补助项目", scale=make_amount("20.00"))]
    got = [f for f in findings(make_doc(table, projects=projects), "Y310") if f.severity != "info"]
    assert len(got) == 1 and "11.69" in got[0].message
    projects[0] = Project(name="2023 年自治区全民参保补助项目", scale=make_amount("11.96"))
    assert findings(make_doc(table, projects=projects), "Y310") == []


def test_y311_personnel_plus_public_is_basic() -> None:
    cs = [claim("gpb.basic", "418.30"), claim("gpb.personnel", "411.58"), claim("gpb.public", "7.62")]
    got = findings(make_doc(claims=cs), "Y311")
    assert len(got) == 1 and "419.20" in got[0].message
    cs[2] = claim("gpb.public", "6.72")
    assert findings(make_doc(claims=cs), "Y311") == []


def test_y312_same_quantity_stated_twice_differently() -> None:
    four, five = "五、一般公共预算当年拨款情况说明", "六、一般公共预算基本支出情况说明"
    cs = [claim("func:210", "483.92", section=four), claim("func:210", "438.92", section=five)]
    assert len(findings(make_doc(claims=cs), "Y312")) == 1
    cs[1] = claim("func:210", "483.92", section=five)
    assert findings(make_doc(claims=cs), "Y312") == []
    # sections of one budget unit each restate that unit's own figures
    units = [claim("econ:303", "376.30", section="一、市建筑工务署本级"),
             claim("econ:303", "304.24", section="二、市建筑工务署工程设计管理中心")]
    assert findings(make_doc(claims=units), "Y312") == []


def test_y301_skips_a_subject_qualified_as_carried_over() -> None:
    table = make_table("income", [("TOTAL", "合计", {"total": "242,360.10", "gpb": "242,360.10"})])
    c = claim("income.gpb", "0", text="一般公共预算收入", sentence="上年结转结余的一般公共预算收入0万元，占0%；")
    assert findings(make_doc(table, claims=[c]), "Y301") == []


def test_y302_share_that_names_its_base_and_fund_sections() -> None:
    cs = [claim("total", "1682.76", section="三、支出"), claim("gpb.basic", "1208.20", section="六、基本支出"),
          claim("econ:301", "911.21", share="54.15", section="六、基本支出")]
    cs[2].share_text = "占支出预算的54.15%"
    assert findings(make_doc(claims=cs), "Y302") == []
    fund = [claim("gpb.total", "370,219.25", section="五、一般公共预算"),
            claim("gov_fund.total", "7,600.00", section="八、政府性基金预算支出情况说明"),
            claim("func:212", "7,600.00", share="100.0", section="八、政府性基金预算支出情况说明")]
    assert findings(make_doc(claims=fund), "Y302") == []


def test_y301_class_figures_are_compared_with_the_tables_of_their_section() -> None:
    fiscal = make_table("fiscal_summary", [("204", "公共安全支出", {"total": "299,901.02"})], side="expense")
    all_funds = claim("func:204", "325,711.11", section="三、支出预算情况说明")
    assert findings(make_doc(fiscal, claims=[all_funds]), "Y301") == []
    gpb = claim("func:204", "325,711.11", section="四、财政拨款收支预算情况的总体说明")
    got = findings(make_doc(fiscal, claims=[gpb]), "Y301")
    assert len(got) == 1 and got[0].expected == "299,901.02"


def test_y313_change_against_a_stated_prior_and_y305_uses_it() -> None:
    sentence = "2026年支出预算29956.27万元，比2025年年初预算数28479.84万元增加1476.73万元，增长5.18%。"
    c = claim("expense.total", "29956.27", text="支出预算", up="1476.73", pct="5.18", sentence=sentence,
              prior="28479.84")
    got = findings(make_doc(claims=[c]), "Y313")
    assert len(got) == 1 and got[0].expected == "1,476.43"
    assert findings(make_doc(claims=[c]), "Y305") == []  # 1,476.43 / 28,479.84 = 5.18%: the change is the slip
    ok = claim("expense.total", "29956.27", text="支出预算", up="1476.43", pct="5.18",
               sentence=sentence.replace("1476.73", "1476.43"), prior="28479.84")
    assert findings(make_doc(claims=[ok]), "Y313") == []


def test_y302_shares_of_the_listed_parts_sum() -> None:
    s = "三、支出预算情况说明"
    cs = [claim("expense.total", "133,247.98", section=s),
          claim("expense.basic", "25249.84", share="18.99", section=s),
          claim("expense.project", "107696.79", share="81.01", section=s)]
    assert findings(make_doc(claims=cs), "Y302") == []


def test_y308_change_of_the_purchase_printed_beside_the_vehicles_whole() -> None:
    s = "十、三公"
    cs = [claim("three_public.total", "860.78", up="71.94", section=s),
          claim("three_public.overseas_travel", "140.49", up="7.48", section=s),
          claim("three_public.vehicles", "701.34", up="119.15", section=s),
          claim("three_public.vehicle_operation", "370.34", down="52.36", section=s),
          claim("three_public.reception", "18.95", down="2.33", section=s)]
    assert findings(make_doc(claims=cs), "Y308") == []
    cs[4] = claim("three_public.reception", "18.95", down="12.33", section=s)
    assert len(findings(make_doc(claims=cs), "Y308")) == 1


def test_y301_blank_cell_of_a_printed_row_and_an_empty_table_are_zero() -> None:
    table = make_table("three_public", [("TOTAL", "合计", {"total": "9.60"}),
                                        ("overseas_travel", "因公出国（境）费", {}),
                                        ("vehicles", "公务用车购置及运行费", {"total": "9.60"})], columns=["total"])
    ok = [claim("three_public.overseas_travel", "0"), claim("three_public.vehicles", "9.6")]
    assert findings(make_doc(table, claims=ok), "Y301") == []
    bad = [claim("three_public.overseas_travel", "1.20")]
    assert len(findings(make_doc(table, claims=bad), "Y301")) == 1
    empty = make_table("gov_fund", [], title="政府性基金预算支出情况表")
    empty.empty = True
    assert len(findings(make_doc(empty, claims=[claim("gov_fund.total", "5.00")]), "Y301")) == 1


def overview(text: str) -> Section:
    return Section(part="第三部分 部门预算情况说明", number="一", title="关于某局 2024 年收支预算情况的总体说明",
                   text=text, source=Provenance(line=12))


def test_y314_classes_listed_in_the_overview() -> None:
    table = make_table("expense", [("TOTAL", "合计", {"total": "559.50"}),
                                   ("208", "社会保障和就业支出", {"total": "47.23"}),
                                   ("210", "卫生健康支出", {"total": "483.92"}),
                                   ("221", "住房保障支出", {"total": "28.35"})])
    ok = overview("收支总预算 559.5 万元。\n支出预算包括：社会保障和就业支出、卫生健康支出、住房保障支出。")
    assert findings(make_doc(table, sections=[ok]), "Y314") == []
    short = overview("支出预算包括：社会保障和就业支出、卫生健康支出、教育支出。")
    got = findings(make_doc(table, sections=[short]), "Y314")
    assert len(got) == 2 and "221 住房保障支出" in got[0].message and "教育支出" in got[1].message
    assert got[0].location.line == 12 and "支出预算包括" in (got[0].source or "")


def test_y315_income_sources_listed_in_the_overview() -> None:
    table = make_table("income", [("TOTAL", "合计", {"total": "1134.91", "gpb": "1088.16", "unit_funds": "29.45",
                                                   "fiscal_carryover": "17.30", "gov_fund": "0"})])
    ok = overview("收入预算包括：一般公共预算、单位资金、财政拨款结转结余。")
    assert findings(make_doc(table, sections=[ok]), "Y315") == []
    bad = overview("收入预算包括：一般公共预算、政府性基金预算。")
    got = findings(make_doc(table, sections=[bad]), "Y315")
    assert len(got) == 2 and "单位资金" in got[0].message and "政府性基金" in got[1].message


def test_amounts_printed_as_last_years_and_borrowed_changes_are_not_checked() -> None:
    last_year = claim("func:206", "0", text="科学技术支出（类）", up="50,000",
                      sentence="与上年相比增加50,000万元（去年预算数为0万元，无法计算增减比率）。")
    table = make_table("expense", [("206", "科学技术支出", {"total": "50,000.00"})])
    assert findings(make_doc(table, claims=[last_year]), "Y301") == []
    assert findings(make_doc(table, claims=[last_year]), "Y304") == []
    s = "三、支出预算情况说明"
    borrowed = [claim("expense.project", "1370.70", text="项目支出", section=s),
                claim("expense.project", None, text="项目支出", down="32.61", pct="0.31", section=s,
                      sentence="比上年减少32.61万元，下降0.31%，主要原因是基本支出减少29.53万元、项目支出减少3.08万元。")]
    assert findings(make_doc(claims=borrowed), "Y305") == []


def test_y301_last_years_column_is_not_this_years() -> None:
    table = make_table("three_public", [("TOTAL", "合计", {"last_year_total": "11.90", "total": "3.40"}),
                                        ("overseas_travel", "因公出国（境）经费", {"last_year_total": "8.50"}),
                                        ("reception", "公务接待费", {"last_year_total": "3.40", "total": "3.40"})])
    cs = [claim("three_public.overseas_travel", "0", down="8.5"), claim("three_public.reception", "3.4")]
    assert findings(make_doc(table, claims=cs), "Y301") == []


def test_a_whole_named_for_one_fund_is_not_the_whole() -> None:
    table = make_table("summary", [("TOTAL", "合计", {"total": "515313.35"})], side="income")
    c = claim("total", "64618.75", text="收支总预算", sentence="某委员会2026年财政拨款收支总预算64618.75万元。")
    assert findings(make_doc(table, claims=[c]), "Y301") == []


def test_a_cut_section_title_is_not_a_units_section() -> None:
    table = make_table("fiscal_summary", [("TOTAL", "合计", {"total": "42673.03"})], side="income")
    c = claim("fiscal.total", "192207.76", text="财政拨款收支总预算", section=" / 关于某局2026年财政拨款收支预")
    assert len(findings(make_doc(table, claims=[c]), "Y301")) == 1


# The inspectors' checklist classes: a stated prior year and a percentage without a change amount -------


def _item(amount: str, *, prior: str, pct: str, up: bool, restated: str | None = None) -> list[Claim]:
    s = "五、一般公共预算当年拨款情况说明"
    first = claim("func:2080505", amount, text="机关事业单位基本养老保险缴费支出（项）", section=s)
    follow = claim("func:2080505", None, text="机关事业单位基本养老保险缴费支出（项）", section=s, prior=prior,
                   restated=restated or amount, carried=True, up=None, pct=pct)
    follow.direction = "increase" if up else "decrease"
    return [first, follow]


def test_y305_percent_against_the_stated_prior_is_wrong() -> None:
    # 执行数 1690.69 → 1434.89 is a fall of 15.13 %, printed as 1.10 %
    got = findings(make_doc(claims=_item("1434.89", prior="1690.69", pct="1.10", up=False)), "Y305")
    assert len(got) == 1 and got[0].expected == "15.13%"


def test_y305_percent_against_the_stated_prior_holds() -> None:
    assert findings(make_doc(claims=_item("1434.89", prior="1690.69", pct="15.13", up=False)), "Y305") == []


def test_y304_direction_word_contradicts_the_stated_prior() -> None:
    # 241.76 → 170.03 falls, yet the text says 增加 21.74 %: one finding, Y304's, not also Y305's
    doc = make_doc(claims=_item("170.03", prior="241.76", pct="21.74", up=True))
    got = findings(doc, "Y304")
    assert len(got) == 1 and got[0].expected == "减少" and "29.67%" in got[0].message
    assert findings(doc, "Y305") == []


def test_y312_the_item_amount_restated_with_another_value() -> None:
    doc = make_doc(claims=_item("208.80", prior="190.00", pct="9.89", up=True, restated="201.50"))
    got = findings(doc, "Y312")
    assert len(got) == 1 and got[0].actual == "201.50" and got[0].expected == "208.80"
    # the percentage fits the amount stated first: the restatement is the one problem
    assert findings(doc, "Y305") == []


def test_y301_a_six_decimal_figure_quoted_truncated_is_not_an_error() -> None:
    t = make_table("expense", [
        ("TOTAL", "合计", {"total": "559.505678", "basic": "418.305678", "project": "141.200000"}),
    ])
    truncated = claim("expense.basic", "418.30", text="基本支出")  # 418.305678 rounds to 418.31
    assert findings(make_doc(t, claims=[truncated]), "Y301") == []
    wrong = claim("expense.basic", "418.32", text="基本支出")
    assert len(findings(make_doc(t, claims=[wrong]), "Y301")) == 1
