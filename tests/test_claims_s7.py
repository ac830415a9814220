"""Session 7 claim classes: amounts cut from their unit by a line break, lists announced by
"主要用于以下方面：", and a figure the reason printed before the claim that carries it."""

from __future__ import annotations

from yusuan.parse.claims import extract_claims
from yusuan.parse.narrative import Line, paragraphs


def _lines(*texts: str) -> list[Line]:
    return [Line(t, i + 1, 1) for i, t in enumerate(texts)]


def test_numbered_line_cut_before_its_unit_is_a_paragraph_not_a_heading() -> None:
    paras = paragraphs(_lines("（三）2050101-学前教育12.40", "万元。主要用于幼儿园运转。"))
    assert [p.level for p in paras] == [0]
    assert paras[0].text.startswith("（三）2050101-学前教育12.40万元。")


def test_numbered_line_cut_inside_its_unit_is_a_paragraph() -> None:
    paras = paragraphs(_lines("（四）2080506-机关事业单位职业年金缴费支出8.25万", "元。主要用于缴纳职业年金。"))
    assert [p.level for p in paras] == [0]


def test_numbered_heading_followed_by_text_stays_a_heading() -> None:
    paras = paragraphs(_lines("（二）支出预算情况", "2026年支出预算100.00万元。"))
    assert paras[0].level == 2


def test_heading_ending_in_a_number_stays_a_heading_when_no_unit_follows() -> None:
    paras = paragraphs(_lines("（一）2026", "本年度预算安排如下。"))
    assert paras[0].level == 2


def test_uses_announced_as_a_list_are_read() -> None:
    s = "一般公共预算财政拨款支出500.00万元，主要用于以下方面：教育支出（类）300.00万元，占60.00%；卫生健康支出（类）200.00万元，占40.00%；"
    found, _ = extract_claims(s, "gpb")
    got = {(c.subject, c.amount.text if c.amount else None, c.share) for c in found}
    assert ("func:205", "300.00", 60) in {(a, b, int(c) if c is not None else None) for a, b, c in got}
    assert any(c.subject == "func:210" for c in found)


def test_uses_described_in_words_are_not_read() -> None:
    s = "一般公共预算财政拨款支出500.00万元，主要用于保障教育支出（类）等各项工作。"
    found, _ = extract_claims(s, "gpb")
    assert [c.subject for c in found] == ["gpb.total"]


def test_a_figure_first_printed_in_a_reason_is_carried_where_its_claim_states_it() -> None:
    from tests.narrative_helpers import parse_text
    from yusuan.parse.reading import narrative_amounts

    doc = parse_text("""
第五部分 “三公”经费预算情况说明
2026年财政拨款“三公”经费预算60.00万元，比2025年增加10.00万元，增长20.0%，主要原因：更新车辆，增加车辆购置经费25.00万元。
2026年预算数50.00万元，包括公务用车购置费预算25.00万元、公务用车运行维护费预算25.00万元。
""")
    got = [(m.group(1), carried) for _, _, m, carried in narrative_amounts(doc)]
    assert got[2] == ("25.00", False)  # the reason's figure: accounted as the reason's detail
    assert got[4:] == [("25.00", True), ("25.00", True)]  # both parts, where their claims state them


def test_the_three_public_vehicle_lines_printed_as_gongwuche() -> None:
    """公务车 for 公务用车, and the misprint 公务车用车, name the same three lines (not an item)."""
    from yusuan.parse.claims import extract_claims

    text = ("“三公”经费预算 3.00 万元，其中：因公出国（境）费 0 万元，公务车购置及运行费 3.00 万元"
            "（公务车购置费 0 万元，公务车用车运行费 3.00 万元），公务接待费 0 万元。")
    claims, _ = extract_claims(text, "three_public")
    subjects = [c.subject for c in claims]
    assert "three_public.vehicles" in subjects
    assert "three_public.vehicle_purchase" in subjects
    assert "three_public.vehicle_operation" in subjects
    assert not any(s.startswith("item:") for s in subjects), subjects


def test_a_car_named_otherwise_is_not_a_three_public_line() -> None:
    from yusuan.parse.claims import extract_claims

    claims, _ = extract_claims("公共交通车辆运行补贴 30.00 万元。", "three_public")
    assert all(not c.subject.startswith("three_public.vehicle") for c in claims)
