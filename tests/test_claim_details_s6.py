"""Which quantity a figure of the 情况说明 is, read from its sentence: the whole's change after a
list of its parts, one unit's figure, another year's figure (issue 8, session 6 classes).

Each class: phrasings where the rule must not fire (the reading was the false finding) and
phrasings where it still must (the reading must not hide a real problem). Phrasings are our own.
"""

from __future__ import annotations

from narrative_helpers import parse_text

from yusuan.audit import audit
from yusuan.model import Document


def _doc(text: str, year: int | None = 2026) -> Document:
    doc = parse_text(text)
    doc.year = year
    from yusuan.parse.claim_details import read_details

    read_details(doc)
    return doc


def _rule(doc: Document, code: str) -> list[str]:
    return [f.message for f in audit(doc, select=[code]).findings if f.rule == code and f.severity != "info"]


def _claim(doc: Document, subject: str, amount: str):  # type: ignore[no-untyped-def]
    return next(c for c in doc.claims if c.subject == subject and c.amount is not None and c.amount.text == amount)


# --- a change after the last part of a 其中 list is the whole's --------------------------------

INCOME = "一、收入预算情况说明\n"


def test_change_after_an_enumerated_list_belongs_to_the_whole() -> None:
    doc = _doc(INCOME + "本单位今年收入预算2,150.00万元，其中：财政拨款收入2,000.00万元、事业收入90.00万元、"
                        "其他收入60.00万元，比上年增加110.00万元，增长5.39%，主要是人员增加。")
    other = _claim(doc, "income.other", "60.00")
    assert other.change is not None and not other.change_is_its_own
    assert _rule(doc, "Y304") == [] and _rule(doc, "Y305") == []


def test_change_after_a_comma_list_introduced_by_包括_belongs_to_the_whole() -> None:
    doc = _doc(INCOME + "收入预算合计800.00万元，包括一般公共预算拨款700.00万元，其他收入20.00万元，"
                        "较上年减少50.00万元。")
    other = _claim(doc, "income.other", "20.00")
    assert not other.change_is_its_own
    assert _rule(doc, "Y304") == []


def test_the_whole_is_given_the_change_and_checked_with_it() -> None:
    ok = _doc(INCOME + "收入预算2,150.00万元，其中：财政拨款收入2,000.00万元、其他收入150.00万元，"
                       "比上年增加110.00万元，增长5.39%。")
    whole = _claim(ok, "income.total", "2,150.00")
    assert whole.change is not None and whole.change.text == "110.00" and whole.change_is_its_own
    assert _rule(ok, "Y305") == []  # 110.00 ÷ 2,040.00 = 5.39 %
    wrong = _doc(INCOME + "收入预算2,150.00万元，其中：财政拨款收入2,000.00万元、其他收入150.00万元，"
                          "比上年增加110.00万元，增长7.39%。")
    assert len(_rule(wrong, "Y305")) == 1  # the whole's percentage is checked, and is wrong


def test_a_part_compared_with_its_own_prior_keeps_its_change() -> None:
    # one part, with the prior it is compared with: the prior is not a second part of the list
    doc = _doc(INCOME + "2026年收入预算5,000.00万元，其中：一般公共预算收入1,900.00万元比2025年初预算数"
                        "2,000.00万元减少100.00万元，降低5.00%；")
    part = _claim(doc, "income.gpb", "1,900.00")
    assert part.change_is_its_own and part.change is not None
    assert _claim(doc, "income.total", "5,000.00").change is None
    assert _rule(doc, "Y305") == []


def test_respective_changes_are_not_the_wholes() -> None:
    doc = _doc(INCOME + "收入预算2,150.00万元，其中：财政拨款收入2,000.00万元，其他收入150.00万元，"
                        "分别比上年增加100.00万元、10.00万元。")
    assert _claim(doc, "income.total", "2,150.00").change is None


def test_each_part_with_its_own_change_keeps_it() -> None:
    # parts closed by "；", each stating its change: the change is the part's, and is checked
    doc = _doc(INCOME + "收入预算1,000.00万元，其中：财政拨款收入900.00万元，比上年增加20.00万元；"
                        "其他收入100.00万元，比上年增加142.30万元。")
    other = _claim(doc, "income.other", "100.00")
    assert other.change_is_its_own
    assert len(_rule(doc, "Y304")) == 1  # 100.00 − 142.30 < 0: the part's change is impossible


def test_one_part_named_alone_keeps_its_change() -> None:
    doc = _doc("二、支出预算情况说明\n支出预算500.00万元，其中：基本支出300.00万元，比上年增加320.00万元。")
    basic = _claim(doc, "expense.basic", "300.00")
    assert basic.change_is_its_own
    assert len(_rule(doc, "Y304")) == 1


# --- one unit's figure, another year's figure ---------------------------------------------------

PUBLIC = "三、一般公共预算基本支出情况说明\n"


def test_a_units_own_figure_is_not_the_departments() -> None:
    doc = _doc(PUBLIC + "公用经费120.00万元。\n其中：某某研究院日常公用经费45.00万元，局机关日常公用经费75.00万元。")
    assert _claim(doc, "gpb.public", "45.00").qualified
    assert not _claim(doc, "gpb.public", "120.00").qualified
    assert _rule(doc, "Y312") == []


def test_the_department_naming_itself_is_not_a_unit() -> None:
    text = ("一、收入预算情况说明\n2026年，某某职业技术学院收入预算900.00万元，其中：财政拨款收入800.00万元，"
            "比2025年预算增加10.00万元；\n二、政府采购情况说明\n某某职业技术学院政府采购预算总额50.00万元，"
            "其中：政府采购货物预算20.00万元，政府采购服务预算30.00万元。")
    doc = parse_text(text)
    doc.year, doc.department = 2026, "某某职业技术学院"
    from yusuan.parse.claim_details import read_details

    read_details(doc)
    assert not any(c.qualified for c in doc.claims if c.subject in ("income.total", "procurement.total"))


def test_a_figure_of_another_year_is_not_this_years() -> None:
    doc = _doc(PUBLIC + "商品和服务支出300.00万元，其中：2025年度公用经费80.00万元，差旅费10.00万元。"
                        "2026年公用经费95.00万元。", year=2026)
    assert _claim(doc, "gpb.public", "80.00").qualified
    assert not _claim(doc, "gpb.public", "95.00").qualified
    assert _rule(doc, "Y312") == []


def test_a_year_compared_with_does_not_qualify_the_figure() -> None:
    doc = _doc(PUBLIC + "比2025年相比，公用经费95.00万元。", year=2026)
    assert not _claim(doc, "gpb.public", "95.00").qualified


def test_the_departments_figure_stated_twice_differently_is_still_found() -> None:
    doc = _doc(PUBLIC + "2026年公用经费95.00万元。\n本部门公用经费99.00万元，主要用于办公。", year=2026)
    assert len(_rule(doc, "Y312")) == 1


def test_the_subject_is_read_where_its_amount_is() -> None:
    # 公用经费 printed twice in one sentence: the second, a unit's, carries 65.00
    doc = _doc(PUBLIC + "公用经费增加21.00万元，减少某某研究院日常公用经费65.00万元。")
    assert _claim(doc, "gpb.public", "65.00").qualified


# --- a table whose subtotal is left blank: its parts state the narrative's figure ---------------


def _three_public(vehicles: str) -> list:  # type: ignore[type-arg]
    from yusuan.testing import make_table

    return [make_table("three_public", [
        ("TOTAL", "合计", {"total": "25.52"}),
        ("overseas_travel", "因公出国（境）费", {"total": "0.00"}),
        ("reception", "公务接待费", {"total": "2.00"}),
        ("vehicles", "公务用车购置及运行维护费", {"total": vehicles}),
        ("vehicle_purchase", "购置费", {"total": "18.69"}),
        ("vehicle_operation", "运行维护费", {"total": "4.83"}),
    ], title="财政拨款“三公”经费支出表")]


def _vehicles_claim(amount: str):  # type: ignore[no-untyped-def]
    from yusuan.model import Claim
    from yusuan.testing import make_amount

    return Claim(subject="three_public.vehicles", subject_text="公务用车购置和运行维护费", amount=make_amount(amount),
                 section="三、“三公”经费预算情况说明", sentence=f"公务用车购置和运行维护费{amount}万元。")


def test_narrative_agreeing_with_the_parts_of_a_blank_subtotal_is_not_a_second_problem() -> None:
    from yusuan.testing import make_doc

    doc = make_doc(*_three_public("0.00"), claims=[_vehicles_claim("23.52")])
    assert _rule(doc, "Y301") == []  # 18.69 + 4.83 = 23.52: the table's blank 小计 is its own problem


def test_narrative_against_a_consistent_table_is_still_compared() -> None:
    from yusuan.testing import make_doc

    # the table's 小计 is its parts' sum: a narrative figure other than it is the narrative's problem
    doc = make_doc(*_three_public("23.52"), claims=[_vehicles_claim("25.52")])
    assert len(_rule(doc, "Y301")) == 1
    # a blank 小计 whose parts do not make the narrative's figure either: still reported
    doc = make_doc(*_three_public("0.00"), claims=[_vehicles_claim("30.00")])
    assert len(_rule(doc, "Y301")) == 1
