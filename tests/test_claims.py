"""The claim grammar, on inline sentences: amounts, shares, changes, bases, reasons, subjects."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.model import Claim, Document
from yusuan.parse.claims import SUBJECTS, CodeIndex, extract_claims, section_kind, split_sentences
from yusuan.testing import make_doc, make_table


def one(sentence: str, kind: str | None, codes: CodeIndex | None = None) -> Claim:
    claims, _ = extract_claims(sentence, kind, codes)
    assert len(claims) == 1, [c.subject for c in claims]
    return claims[0]


def test_amount_share_change_percent_base_and_reason_in_one_sentence() -> None:
    s = "一般公共预算 527.54 万元，占 94.29%，比上年预算减少 92.75 万元，下降14.95%，主要原因是：公用经费有所减少。"
    c = one(s, "income")
    assert c.subject == "income.gpb"
    assert c.amount is not None and c.amount.value == Decimal("527.54") and c.amount.text == "527.54"
    assert c.share == Decimal("94.29")
    assert c.direction == "decrease"
    assert c.change is not None and c.change.value == Decimal("92.75")
    assert c.change_percent == Decimal("14.95")
    assert c.compared_to == "上年预算"
    assert c.reason == "公用经费有所减少"


def test_increase_and_growth_of_100_percent() -> None:
    c = one(
        "上级一般公共预算安排的转移支付资金 31.96 万元，占 5.71%，比上年预算增加 31.96 万元，增长 100%。",
        "income",
    )
    assert c.subject == "income.gpb_transfer"
    assert (c.direction, c.change_percent) == ("increase", Decimal("100"))
    assert c.amount is not None and c.change is not None
    assert c.change.value == c.amount.value


@pytest.mark.parametrize(
    "sentence",
    [
        "机关运行经费财政拨款预算 8.00 万元，与上年持平。",
        "机关运行经费财政拨款预算 8.00 万元，与上年预算持平。",
    ],
)
def test_flat(sentence: str) -> None:
    c = one(sentence, "admin_operation")
    assert c.subject == "admin_operation"
    assert c.direction == "flat" and c.change is None
    assert c.compared_to in ("上年", "上年预算")


def test_compared_to_execution() -> None:
    c = one("机关运行经费 38.08 万元，比上年执行数增加 1.93 万元，增长 3.41%。", None)
    assert c.compared_to == "上年执行数"


def test_amounts_in_yuan_are_converted_exactly() -> None:
    c = one("收支总预算 195,774,300 元。", "total")
    assert c.amount is not None
    assert c.amount.value == Decimal("19577.43") and c.amount.unit == "元" and c.amount.text == "195,774,300"


def test_amount_without_unit_after_its_subject() -> None:
    c = one("公务用车购置费为 0，未安排预算；", "three_public")
    assert c.subject == "three_public.vehicle_purchase"
    assert c.amount is not None and c.amount.value == 0 and c.amount.unit == "万元"


def test_amount_cut_by_a_line_break_is_read_once_joined() -> None:
    c = one("基本支出 418.30万元，比上年预算减少 25.69万元，下降5.79%。", "expense")
    assert c.subject == "expense.basic" and c.change is not None and c.change.value == Decimal("25.69")


def test_subject_depends_on_section() -> None:
    assert one("基本支出 100 万元，占 50%。", "expense").subject == "expense.basic"
    assert one("基本支出 100 万元。", "gpb").subject == "gpb.basic"
    assert one("一般公共预算基本支出 100 万元。", "gpb_basic").subject == "gpb.basic"
    assert one("人员经费 90 万元，主要包括：基本工资、津贴补贴。", "gpb_basic").subject == "gpb.personnel"


def test_list_of_subjects_in_one_sentence() -> None:
    s = "2023年财政拨款“三公”经费数为 2.04 万元，其中：因公出国（境）费 0 万元，公务用车购置费 0 万元，公务用车运行费 2.00 万元，公务接待费 0.04 万元。"
    claims, _ = extract_claims(s, "three_public")
    assert [c.subject for c in claims] == [
        "three_public.total",
        "three_public.overseas_travel",
        "three_public.vehicle_purchase",
        "three_public.vehicle_operation",
        "three_public.reception",
    ]
    assert [c.amount.text for c in claims if c.amount] == ["2.04", "0", "0", "2.00", "0.04"]


def test_procurement_and_sme_reservation() -> None:
    claims, _ = extract_claims(
        "政府采购预算 18.29 万元，其中：政府采购货物预算 5.36 万元，政府采购工程预算 0 万元，政府采购服务预算 12.93 万元。",
        "procurement",
    )
    assert [c.subject for c in claims] == [
        "procurement.total",
        "procurement.goods",
        "procurement.works",
        "procurement.services",
    ]
    sme, _ = extract_claims(
        "面向中小企业预留政府采购项目预算金额 8 万元，其中：面向小微企业预留政府采购项目预算金额 5.5 万元。",
        "procurement",
    )
    assert [(c.subject, c.amount.text if c.amount else None) for c in sme] == [
        ("procurement.sme", "8"),
        ("procurement.small_micro", "5.5"),
    ]


def test_reason_numbers_are_not_claims() -> None:
    s = "机关运行经费 38.08 万元，比上年预算增加 7.04 万元，增长 22.68%，主要原因是人员变动，增加4人，减少2人，增长 20%。"
    c = one(s, "admin_operation")
    assert c.change is not None and c.change.value == Decimal("7.04") and c.change_percent == Decimal("22.68")
    assert c.reason == "人员变动，增加4人，减少2人，增长 20%"
    claims, reason = extract_claims("主要原因是人员变动，增加4人，减少2人，增长 20%。", "gpb")
    assert claims == [] and reason is not None and "增加4人" in reason


def test_item_named_without_its_class_is_left_out() -> None:
    claims, _ = extract_claims("行政单位医疗 28.62 万元，比上年预算增加 4.78 万元，增长 20%；", "gpb")
    assert claims == []  # a 项 name alone may belong to several 款: left out rather than guessed


def test_reason_goes_to_the_change_it_follows() -> None:
    s = "“三公”经费比上年预算增加 0.04 万元，增长 2.00%，其中：因公出国（境）费增加 0 万元，增长 0%，主要原因是未安排预算；"
    claims, _ = extract_claims(s, "three_public")
    by = {c.subject: c for c in claims}
    assert by["three_public.total"].reason is None
    assert by["three_public.overseas_travel"].reason == "未安排预算"
    assert by["three_public.total"].change is not None and by["three_public.total"].change.value == Decimal(
        "0.04"
    )


def _codes() -> CodeIndex:
    t = make_table(
        "gpb_expense",
        [
            ("210", "卫生健康支出", {"total": "483.92"}),
            ("21015", "医疗保障管理事务", {"total": "338.37"}),
            ("2101501", "行政运行", {"total": "338.37"}),
            ("2080505", "机关事业单位基本养老保险缴费支出", {"total": "34.73"}),
            ("2240106", "行政运行", {"total": "1"}),
        ],
    )
    return CodeIndex.from_doc(make_doc(t))


def test_functional_class_resolved_through_the_tables() -> None:
    s = "5.卫生健康支出（类）医疗保障管理事务（款）行政运行（项）2023 年预算数为 338.37 万元，比上年预算增加 191.97 万元，增长 131.13%。"
    c = one(s, "gpb", _codes())
    assert c.subject == "func:2101501"
    assert c.subject_text == "卫生健康支出（类）医疗保障管理事务（款）行政运行（项）"
    assert c.amount is not None and c.amount.value == Decimal("338.37")


def test_item_resolved_when_its_kuan_row_is_missing() -> None:
    s = "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：2023 年预算数为 34.73 万元。"
    assert one(s, "gpb", _codes()).subject == "func:2080505"


def test_unresolved_functional_class_keeps_its_names() -> None:
    s = "卫生健康支出（类）医疗保障管理事务（款）事业运行（项）：2023 年预算数为 0 万元，比上年预算数减少 220.09 万元，下降 100%。"
    c = one(s, "gpb", _codes())
    assert c.subject == "func?:卫生健康支出/医疗保障管理事务/事业运行"
    assert c.compared_to == "上年预算"


def test_bare_class_name_in_fiscal_section() -> None:
    claims, _ = extract_claims(
        "一般公共预算支出包括：卫生健康支出 483.92 万元，主要用于：工资福利支出 12 万元。", "fiscal"
    )
    assert [(c.subject, c.amount.text if c.amount else None) for c in claims] == [("func:210", "483.92")]


def test_thousands_separator_is_not_a_clause_break() -> None:
    c = one("收支总预算 3,166.28 万元。", "total")
    assert c.amount is not None and c.amount.value == Decimal("3166.28")


def test_unknown_subject_does_not_inherit_the_open_claim() -> None:
    claims, _ = extract_claims("一般公共预算 100 万元，捐赠收入 5 万元，比上年增加 1 万元。", "income")
    assert len(claims) == 1 and claims[0].change is None
    # 上级补助收入 is a line of the 收支总表: its own subject, with its own change
    claims, _ = extract_claims("一般公共预算 100 万元，上级补助收入 5 万元，比上年增加 1 万元。", "income")
    assert [(c.subject, c.change is not None) for c in claims] == [("income.gpb", False),
                                                                   ("income.from_superior", True)]


def test_assets_and_performance_sections_read_only_their_own_figures() -> None:
    # the value of one kind of asset held is read under that class (compared with no table); a count is not
    assert [(c.subject, c.amount.text if c.amount else None) for c in extract_claims("办公家具价值 7.30 万元。", "assets")[0]] \
        == [("assets.held:办公家具", "7.30")]
    assert extract_claims("共有车辆4辆，单价20万元以上的设备14台（套）。", "assets")[0] == []
    # the money the performance targets cover is
    claims, _ = extract_claims("财政拨款项目 4个，涉及预算金额 141.20 万元。", "performance")
    assert [(c.subject, c.amount.text if c.amount else None) for c in claims] == [("performance.covered", "141.20")]
    # a budget subject named in such a section is not a claim about the budget
    assert extract_claims("一般公共预算拨款 4005.29 万元。", "performance")[0] == []


def test_section_kinds() -> None:
    assert section_kind("关于某局 2023 年一般公共预算“三公”经费预算情况说明") == "three_public"
    assert section_kind("关于某局 2023 年一般公共预算基本支出情况说明") == "gpb_basic"
    assert section_kind("关于某局 2023 年财政拨款收支预算情况的总体说明") == "fiscal"
    assert section_kind("关于某局 2023 年收支预算情况的总体说明") == "total"
    assert section_kind("关于某局 2023 年政府性基金预算拨款情况说明") == "gov_fund"


def test_sentences_split_at_full_stop_and_semicolon() -> None:
    parts = [s for _, s in split_sentences("甲 1 万元；乙 2 万元。丙")]
    assert parts == ["甲 1 万元；", "乙 2 万元。", "丙"]


def test_every_emitted_subject_is_documented() -> None:
    doc = Document(paths=["x"], format="text")
    assert doc.claims == []
    keys = {k.split(":")[0] + (":" if ":" in k else "") for k in SUBJECTS}
    for s in (
        "total",
        "income.gpb_transfer",
        "three_public.vehicles",
        "procurement.small_micro",
        "carryover.fiscal",
    ):
        assert s in SUBJECTS
    assert {"func:", "func?:", "econ:", "project:"} <= keys


def test_subjects_documented_in_architecture() -> None:
    import re
    from pathlib import Path

    text = (Path(__file__).parent.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Claim subjects", 1)[1]
    for key in SUBJECTS:
        if ":" in key:
            assert f"`{key.split(':')[0]}:" in section, key
        elif "." in key and re.search(rf"`\.{key.split('.')[1]}`", section) and key.split(".")[0] in section:
            continue  # written as `procurement.total` / `.goods`
        else:
            assert f"`{key}`" in section, key


def test_same_as_last_year_is_flat_and_current_year_income_is_its_own_subject() -> None:
    c = one("（5）事业收入0万元，与上年预算数相同。", "income")
    assert (c.subject, c.direction, c.compared_to) == ("income.business", "flat", "上年预算")
    assert one("1．本年收入合计131,349.6万元。", "income").subject == "income.current"


def test_qualified_subject_is_left_out() -> None:
    # never the plain subject: one fund's part of the carry-over is read under its own name (item:)
    assert [c.subject for c in extract_claims("上年结转结余的一般公共预算收入0万元，占0%；", "income")[0]] == [
        "item:上年结转结余的一般公共预算收入"]
    # with another connector, or none: still not the plain subject (income.gpb / income.carryover)
    assert [c.subject for c in extract_claims("上年结转结余资金中的一般公共预算收入5万元。", "income")[0]] == [
        "item:上年结转结余资金中的一般公共预算收入"]
    assert extract_claims("一般公共预算上年结转结余10万元。", "income")[0] == []
    # a plain subject beside it is still read
    assert one("本年一般公共预算收入8万元，占80%。", "income").subject == "income.gpb"
    assert one("上年结转结余2万元。", "income").subject == "income.carryover"


def test_first_starting_phrase_wins_and_enumeration_after_amounts() -> None:
    claims, _ = extract_claims("其中:基本支出合计为1208.20万元、项目支出合计为474.56万元。", "expense")
    assert [c.subject for c in claims] == ["expense.basic", "expense.project"]


def test_path_starting_at_the_kuan_is_resolved_under_it() -> None:
    t = make_table(
        "gpb_expense",
        [("20805", "行政事业单位养老支出", {"total": "3"}), ("2080501", "行政单位离退休", {"total": "1"})],
    )
    c = one(
        "1.行政事业单位养老支出（款）行政单位离退休（项）支出155.66万元，与上年相比增加22.12万元。",
        None,
        CodeIndex.from_doc(make_doc(t)),
    )
    assert c.subject == "func:2080501" and c.compared_to == "上年"


def test_fund_named_before_financial_appropriation() -> None:
    claims, _ = extract_claims(
        "其中：一般公共预算拨款收入100万元、政府性基金预算财政拨款收入0.00万元。", "income"
    )
    assert [c.subject for c in claims] == ["income.gpb", "income.gov_fund"]


def test_conflicting_direction_words_stay_visible() -> None:
    # the direction comes from the amount's word; the percent keeps its own word in its text, so a
    # rule can see "增加 … 下降 …" that cannot both be true
    c = one("公用经费 10 万元，比上年预算增加 1 万元，下降 9%。", "gpb_basic")
    assert c.direction == "increase" and c.change_percent_text == "下降 9%"


def test_sentence_continuing_about_the_previous_subject() -> None:
    claims, _ = extract_claims(
        "比上年执行数增加196.16万元，增长8.1%，主要原因是退休人数增加。",
        "gpb",
        carry=("func:2080501", "行政单位离退休"),
    )
    assert len(claims) == 1 and claims[0].subject == "func:2080501" and claims[0].amount is None
    assert claims[0].compared_to == "上年执行数" and claims[0].change_percent == Decimal("8.1")
    # without a comparison at its start, a sentence does not go on about the previous subject
    assert extract_claims("增加196.16万元。", "gpb", carry=("func:2080501", "x"))[0] == []


def test_more_fillers_between_subject_and_amount() -> None:
    assert one(
        "（2）公务用车运行维护费预算支出144.15万元，比上年预算减少44.95万元。", "three_public"
    ).subject == ("three_public.vehicle_operation")
    assert one("2026年通过一般公共预算财政拨款安排的“三公”经费预算共3.4万元。", "three_public").subject == (
        "three_public.total"
    )
    assert one("2026年财政拨款收入1682.76万元同比上年增长3.08%。", "fiscal").subject == "fiscal.total"


def test_prior_year_amount_in_a_remark_is_not_the_amount() -> None:
    claims, _ = extract_claims(
        "与上年相比增加5,000万元（去年预算数为0万元，无法计算增减比率）。", "gpb", carry=("func:206", "科学技术支出")
    )
    assert len(claims) == 1 and claims[0].amount is None and claims[0].change is not None
    c = one("其他收入25,335万元，与上年相比增加25,335万元（上年预算数为0万元）。", "income")
    assert c.amount is not None and c.amount.value == Decimal("25335")
    # a prior-year clause naming a subject is not a claim of that subject
    claims, _ = extract_claims(
        "与上年相比增加5,000万元（去年一般公共预算收入为0万元）。", "income", carry=("income.other", "其他收入")
    )
    assert [(c.subject, c.amount) for c in claims] == [("income.other", None)]
    c = one("其他收入20万元，上年其他收入为0万元。", "income")
    assert c.amount is not None and c.amount.value == Decimal("20")
    assert one("上年结转结余10万元。", "income").subject == "income.carryover"


def test_bracketed_aside_after_an_amount_is_its_own_subjects() -> None:
    claims, _ = extract_claims(
        "公务用车购置及运行维护费6.54万元（公务用车购置费0万元，比上年增加0万元；", "three_public"
    )
    by = {c.subject: c for c in claims}
    # the change stated inside the bracket is the purchase's, not the whole's
    assert by["three_public.vehicles"].change is None and by["three_public.vehicles"].direction is None
    p = by["three_public.vehicle_purchase"]
    assert p.amount is not None and p.amount.value == 0 and p.direction == "increase"
    # after the aside closes, the clauses go on about the claim before it
    c = one("其中，公务用车购置支出0.00万元（含购置税等附加费用），与上年预算数持平；", "three_public")
    assert (c.subject, c.direction, c.compared_to) == ("three_public.vehicle_purchase", "flat", "上年预算")
    claims, _ = extract_claims(
        "公务用车购置及运行费5.00万元（其中购置费0万元，因公出国（境）费1万元），比上年增加1万元。", "three_public"
    )
    by = {c.subject: c for c in claims}
    assert by["three_public.vehicles"].direction == "increase"
    assert by["three_public.overseas_travel"].direction is None
    # a bracket inside a name is not an aside
    assert one("因公出国（境）费64万元，比上年增加0万元。", "three_public").subject == (
        "three_public.overseas_travel"
    )


def test_amount_comes_from_its_own_clause() -> None:
    # the expense total printed in 元 by mistake keeps its own amount; the next clause's is the basic's
    claims, _ = extract_claims(
        "2026年预算支出1682.76元，其中基本支出预算1208.20万元，占部门预算总支出的71.80%；", "total"
    )
    by = {c.subject: c for c in claims}
    total = by["expense.total"].amount
    assert total is not None and (total.text, total.unit) == ("1682.76", "元")
    assert total.value == Decimal("0.168276")
    basic = by["expense.basic"].amount
    assert basic is not None and basic.value == Decimal("1208.20")
    # 一般公共预算支出 is not the expense total
    for other in ("一般公共预算支出100万元。", "财政拨款预算支出100万元。", "政府性基金预算支出100万元。"):
        assert "expense.total" not in [c.subject for c in extract_claims(other, "expense")[0]], other


def test_a_stated_prior_after_the_comparison_is_the_prior_not_the_amount() -> None:
    c = one("2026年支出预算29,956.27万元，比2025年年初预算数28,479.84万元增加1,476.73万元，增长5.18%。", "expense")
    assert c.amount is not None and c.amount.value == Decimal("29956.27")
    assert c.prior is not None and c.prior.value == Decimal("28479.84")
    assert c.change is not None and c.change.value == Decimal("1476.73")


@pytest.mark.parametrize("sentence, prior, restated, pct, direction", [
    ("2025年当年预算执行数为1,690.69万元，2026年预算安排1,434.89万元，比2025年预算执行数减少1.10%。",
     "1690.69", "1434.89", "1.10", "decrease"),
    ("上年执行数241.76万元，本年预算170.03万元，比上年增加21.74%。", "241.76", "170.03", "21.74", "increase"),
    ("2024年决算数为88.00万元，2025年预算数为99.00万元，较上年增长12.50%。", "88.00", "99.00", "12.50", "increase"),
])
def test_a_sentence_of_prior_and_current_goes_on_about_the_item_before(
        sentence: str, prior: str, restated: str, pct: str, direction: str) -> None:
    claims, _ = extract_claims(sentence, "gpb", carry=("func:2010101", "行政运行（项）"))
    assert len(claims) == 1
    c = claims[0]
    assert c.subject == "func:2010101" and c.carried and c.amount is None
    assert c.prior is not None and c.prior.value == Decimal(prior)
    assert c.restated is not None and c.restated.value == Decimal(restated)
    assert c.change_percent == Decimal(pct) and c.direction == direction


def test_this_years_budget_figure_is_not_a_prior() -> None:
    claims, _ = extract_claims("2024年预算数为17.03万元，比上年预算增加17.03万元，增长100.00%。", "gpb",
                               carry=("func:2060499", "其他技术研究与开发支出（项）"))
    assert all(c.prior is None for c in claims)


def test_percentage_in_brackets_after_the_change() -> None:
    c = one("“三公”经费预算支出 412.60 万元，较上年增加 370.10（870.82%），增加的主要原因是车辆更新。", "three_public")
    assert (c.change.text if c.change else None, c.change.unit if c.change else None) == ("370.10", "万元")
    assert c.change_percent == Decimal("870.82") and c.direction == "increase"
    assert c.change_percent_text == "（870.82%）"  # as printed, for the reviewer
    c = one("公务接待费 9.20 万元，较上年减少 1.80 万元（16.36%），减少的主要原因是压减接待。", "three_public")
    assert c.change_percent == Decimal("16.36") and c.direction == "decrease"
    # a bracketed aside that is not a percentage of the change is left as it was
    claims, _ = extract_claims("公务用车购置及运行维护费 6.54 万元（公务用车购置费 0 万元），与上年持平。", "three_public")
    assert all(c.change_percent is None for c in claims)


def test_y305_on_a_bracketed_percentage() -> None:
    from yusuan.audit import audit
    from yusuan.model import Section

    doc = Document(paths=["inline.txt"], format="text", year=2022)
    doc.claims = extract_claims("“三公”经费预算支出 412.60 万元，较上年增加 370.10（875.00%）。", "three_public")[0]
    doc.sections.append(Section(title="“三公”经费预算情况说明", text=""))
    got = [f for f in audit(doc, select=["Y305"]).findings if f.rule == "Y305"]
    assert len(got) == 1 and got[0].actual == "（875.00%）"  # 370.10 / 42.50 = 870.82 %
