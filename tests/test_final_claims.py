"""决算 说明 sentences read into claims (yusuan.parse.final_claims), on small inline documents."""

from __future__ import annotations

from decimal import Decimal

from yusuan.blocks import RawDocument, TextLine
from yusuan.model import Claim, Document, Row, Table
from yusuan.parse.narrative import parse_narrative
from yusuan.parse.segment import segment


def parse(body: str, codes: dict[str, str] | None = None) -> Document:
    text = "某某中心2023年度部门决算\n第三部分 2023年度部门决算情况说明\n" + body
    r = RawDocument(path="inline.txt", format="text")
    for n, ln in enumerate(text.strip("\n").splitlines(), start=1):
        if ln.strip():
            r.blocks.append(TextLine(ln.strip(), line=n))
    doc = Document(paths=["inline.txt"], format="text", kind="决算", year=2023)
    if codes:  # the tables' classification rows name the codes an item heading resolves to
        doc.tables.append(Table(id="gpb_expense", title="一般公共预算财政拨款支出决算表",
                                rows=[Row(code=c, name=n) for c, n in codes.items()]))
    parse_narrative(r, segment(r), doc)
    return doc


def by(doc: Document, subject: str) -> list[Claim]:
    return [c for c in doc.claims if c.subject == subject]


GPB = """
五、一般公共预算财政拨款支出决算情况说明
（三）一般公共预算财政拨款支出决算具体情况
一般公共预算财政拨款支出年初预算为1,200.00万元，全年预算为1,150.40万元，支出决算为1,100.20万元，完成年初预算的91.68%。
决算数小于预算数的主要原因：部分工程款按进度未到支付节点。其中：
1、教育支出（类）普通教育（款）小学教育（项）。
主要用于：学校日常运转。年初预算为300.00万元，支出决算为330.00万元，完成年初预算的110.00%。决算数大于年初预算数的主要原因：新增学位补助。
2、教育支出（类）普通教育（款）初中教育（项）。
主要用于：学校日常运转。年初预算为80.00万元，支出决算为80.00万元。
完成年初预算的100.00%。决算数与年初预算数持平。
"""


def test_completion_sentence_is_the_final_figure_against_its_budgets() -> None:
    doc = parse(GPB)
    [c] = by(doc, "gpb.total")
    assert c.amount is not None and c.amount.value == Decimal("1100.20")  # not the 年初预算 printed first
    assert c.budget_initial is not None and c.budget_initial.value == Decimal("1200.00")
    assert c.budget_adjusted is not None and c.budget_adjusted.value == Decimal("1150.40")
    assert (c.completion, c.completion_base) == (Decimal("91.68"), "initial")
    assert (c.versus_budget, c.versus_reason) == ("below", "部分工程款按进度未到支付节点")


def test_item_figures_follow_their_heading() -> None:
    doc = parse(GPB, codes={"205": "教育支出", "20502": "普通教育", "2050202": "小学教育",
                            "2050203": "初中教育"})
    [primary] = by(doc, "func:2050202")
    assert primary.amount is not None and primary.amount.value == Decimal("330.00")
    assert primary.budget_initial is not None and primary.budget_initial.value == Decimal("300.00")
    assert (primary.versus_budget, primary.versus_base) == ("above", "initial")
    assert primary.versus_reason == "新增学位补助"
    [middle] = by(doc, "func:2050203")
    # the rate printed in a sentence of its own belongs to the item before it
    assert (middle.completion, middle.versus_budget) == (Decimal("100.00"), "equal")


def test_three_public_total_items_and_counts() -> None:
    doc = parse("""
七、财政拨款“三公”经费支出决算情况说明
（一）“三公”经费财政拨款支出决算总体情况说明
“三公”经费财政拨款支出年初预算为12.00万元，支出决算为9.00万元，完成预算的75.00%，其中：因公出国（境）费支出决算为0万元，完成预算的0.00%；公务接待费支出决算为3.00万元，完成预算的50.00%。
2023年度“三公”经费支出决算数小于预算数的主要原因：压减一般性支出。
（二）“三公”经费财政拨款支出决算具体情况说明
1、公务接待费支出3.00万元。主要用于上级检查，列明公务接待5批次、40人次。
2、公务用车购置及运行维护费支出6.00万元。年末公务用车保有量为2辆。
""")
    [total] = by(doc, "three_public.total")
    assert total.amount is not None and total.amount.value == Decimal("9.00")
    assert total.budget_initial is not None and total.budget_initial.value == Decimal("12.00")
    assert (total.versus_budget, total.versus_reason) == ("below", "压减一般性支出")
    rates = {c.subject: c.completion for c in doc.claims if c.completion is not None}
    assert rates["three_public.reception"] == Decimal("50.00")
    assert rates["three_public.overseas_travel"] == Decimal("0.00")
    counted = {c.subject: c.counts for c in doc.claims if c.counts}
    assert counted["three_public.reception"] == {"批次": Decimal(5), "人次": Decimal(40)}
    assert counted["three_public.vehicles"] == {"保有量": Decimal(2)}


def test_assets_as_of_and_procurement_awarded() -> None:
    doc = parse("""
十一、其他重要事项的情况说明
（二）政府采购支出情况
2023年度政府采购支出总额500.00万元，其中：政府采购货物支出100.00万元、政府采购工程支出300.00万元、政府采购服务支出100.00万元。授予中小企业合同金额400.00万元，占政府采购支出总额的80.00%，其中：授予小微企业合同金额200.00万元，占政府采购支出总额的40.00%。
（三）国有资产占用情况
截至2022年12月31日，本单位共有车辆3辆，其中：执法执勤用车3辆；单价100万元（含）以上设备（不含车辆）1台（套）。
""")
    [total] = by(doc, "procurement.total")
    assert total.amount is not None and total.amount.value == Decimal("500.00")
    [sme] = by(doc, "procurement.sme_awarded")
    assert sme.amount is not None and (sme.amount.value, sme.share) == (Decimal("400.00"), Decimal("80.00"))
    [small] = by(doc, "procurement.small_micro_awarded")
    assert small.amount is not None and small.amount.value == Decimal("200.00")
    [cars] = by(doc, "assets.vehicles")
    assert (cars.as_of, cars.counts) == ("2022-12-31", {"辆": Decimal(3)})
    [kit] = by(doc, "assets.equipment")
    assert kit.counts == {"台（套）": Decimal(1)}


def test_budget_sentences_are_left_to_the_claim_parser() -> None:
    doc = parse("""
三、一般公共预算支出情况说明
2024年一般公共预算支出安排800.00万元，比上年预算增加20.00万元，增长2.56%。
""")
    [c] = by(doc, "gpb.total")
    assert c.amount is not None and c.amount.value == Decimal("800.00")
    assert (c.budget_initial, c.completion, c.versus_budget) == (None, None, None)


def test_awarded_share_is_checked_on_the_procurement_total() -> None:
    from yusuan.audit import audit

    text = """
十一、其他重要事项的情况说明
（二）政府采购支出情况
2023年度政府采购支出总额500.00万元。授予中小企业合同金额400.00万元，占政府采购支出总额的{pct}%。
"""
    right = audit(parse(text.format(pct="80.00")), select=["Y302"]).findings
    assert [f for f in right if f.rule == "Y302"] == []
    wrong = [f for f in audit(parse(text.format(pct="8.00")), select=["Y302"]).findings if f.rule == "Y302"]
    assert [f.expected for f in wrong] == ["80.00%"]


TOTALS = """
一、收入支出决算总体情况说明
某某中心2023年度收入支出总计9,859.38万元。与2022年度相比，收入支出总计增加1,062.85万元，增长12.08%。
二、财政拨款收入支出决算总体情况说明
某某中心2023年度财政拨款收入支出总计9,746.50万元。与2022年度相比，财政拨款收入支出总计增加1,193.20万元，增长13.95%。
"""


def test_final_totals_are_the_summary_and_the_fiscal_summary() -> None:
    doc = parse(TOTALS)
    assert [(c.amount.text if c.amount else None, c.change.text if c.change else None) for c in by(doc, "total")] == [
        ("9,859.38", None), (None, "1,062.85")]
    assert [c.amount.text for c in by(doc, "fiscal.total") if c.amount] == ["9,746.50"]


def test_reading_counts_the_budgets_a_final_figure_is_set_against() -> None:
    # 年初预算 / 全年预算 figures are read (Y905 checks the completion from them): they are in claims
    from yusuan.parse.reading import _narrative

    doc = parse(GPB)
    n = _narrative(doc)
    assert n.total and n.in_claims == n.total


YEAR_ON_YEAR = """
二、决算报表说明
教育支出主要用于普通教育。具体包括：1.小学教育（2050202），2023年度决算数为7,970.38万元，比2022年度决算数增长0.39%。
2.高中教育（2050204），2023年度决算数为16,769.73万元，比2022年度决算数下降17.14%。
"""


def test_year_final_figure_with_its_change_from_the_year_before() -> None:
    doc = parse(YEAR_ON_YEAR, codes={"2050202": "小学教育", "2050204": "高中教育"})
    got = [(c.subject, c.amount.text if c.amount else None, c.direction, c.change_percent, c.compared_to)
           for c in doc.claims if c.subject.startswith("func:")]
    assert got == [("func:2050202", "7,970.38", "increase", Decimal("0.39"), "上年决算"),
                   ("func:2050204", "16,769.73", "decrease", Decimal("17.14"), "上年决算")]


YEAR_ON_YEAR_WORDS = """
二、决算报表说明
教育支出主要用于留学教育。具体包括：1.来华留学教育（2050602），2024年度决算数为543.99万元，比2023年度决算数降低4.59%。
2.其他留学教育支出（2050699），2024年度决算数为626.86万元，比2023年度决算数减少了15.16%。
3.用于教育事业的彩票公益金支出（2296004），2024年度决算数为109.50万元，与2023年度决算数一致。
"""


def test_every_direction_word_of_a_year_final_change_is_read() -> None:
    # 降低 and 与…一致 are direction words as much as 减少 (more/017, 2024): the direction and the
    # percentage are data a reader of the 说明 compares, never dropped for the word chosen
    doc = parse(YEAR_ON_YEAR_WORDS, codes={"2050602": "来华留学教育", "2050699": "其他留学教育支出",
                                           "2296004": "用于教育事业的彩票公益金支出"})
    got = [(c.subject, c.direction, c.change_percent, c.compared_to)
           for c in doc.claims if c.subject.startswith("func:")]
    assert got == [("func:2050602", "decrease", Decimal("4.59"), "上年决算"),
                   ("func:2050699", "decrease", Decimal("15.16"), "上年决算"),
                   ("func:2296004", "flat", None, "上年决算")]
