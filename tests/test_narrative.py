"""Segmenting, paragraph joining, sections, TOC and glossary, on small inline documents."""

from __future__ import annotations

from decimal import Decimal

from narrative_helpers import inline_raw as raw

from yusuan.blocks import RawDocument, TextLine
from yusuan.model import Document
from yusuan.parse.narrative import Line, paragraphs, parse_narrative
from yusuan.parse.segment import segment


def parse(text: str) -> Document:
    r = raw(text)
    doc = Document(paths=["inline.txt"], format="text")
    parse_narrative(r, segment(r), doc)
    return doc


DOC = """
某某局2024年部门预算公开
目 录
第一部分 某某局概况
一、主要职能
二、机构设置及人员情况
第二部分 2024年部门预算公开表
一、部门收支总体情况表
第三部分 2024年部门预算情况说明
一、关于某某局2024年收支预算情况的总体说明
第四部分 名词解释
第一部分 某某局概况
一、主要职能
（一）负责医疗保障。
二、机构设置及人员情况
某某局无下属预算单位，下设 2 个科室，分别是：办公室、业务科。
第二部分 2024年部门预算公开表
部门收支总体情况表
第三部分 2024年部门预算情况说明
一、关于某某局 2024 年收支预
算情况的总体说明
按照全口径预算的原则，某某局所有收入和支出均纳入部门预算管理。收支总预算 1,234.
56 万元。
二、关于某某局 2024 年收入预算情况说明
某某局收入预算 1,234.56 万元，其中：
一般公共预算 1,200.00 万元，占 97.20%，比上年预算增加 100.00 万元，增长
9.09%，主要原因是：
人员增加。
- 20 -
三、关于某某局 2024 年财政拨款“三公”经费预算情况说明
“三公”经费 2.00 万元，与上年持平。
第四部分 名词解释
一、财政拨款：指由一般公共预算、政府性基金预算、国有资本经营预算
安排的财政拨款数。
二、“三公”经费：指因公出国（境）费、公务用车购置及运行维护费和公务接待费。
某某局
2024年2月1日
"""


def test_segments_skip_the_table_of_contents() -> None:
    r = raw(DOC)
    segs = segment(r)
    kinds = [k for k, *_ in segs.parts]
    assert kinds == ["profile", "tables", "narrative", "glossary"]
    assert segs.toc is not None
    first_body = segs.parts[0][1]
    assert isinstance(r.blocks[first_body], TextLine) and r.blocks[first_body].line == 11


def test_toc_entries_with_their_part() -> None:
    doc = parse(DOC)
    titles = [(e.part, e.title) for e in doc.toc]
    assert titles[0] == (None, "第一部分 某某局概况")
    assert ("第一部分 某某局概况", "一、主要职能") in titles
    assert len(doc.toc) == 4 + 4


def test_sections_with_wrapped_headings_and_lines() -> None:
    doc = parse(DOC)
    narrative = [s for s in doc.sections if s.part and "情况说明" in s.part]
    assert [s.number for s in narrative] == ["一", "二", "三"]
    assert narrative[0].title == "关于某某局 2024 年收支预算情况的总体说明"
    assert narrative[0].source.line == 19
    assert "- 20 -" not in narrative[1].text  # page footers are dropped


def test_claims_from_cut_lines() -> None:
    doc = parse(DOC)
    by = {c.subject: c for c in doc.claims}
    assert by["total"].amount is not None and by["total"].amount.value == Decimal("1234.56")
    gpb = by["income.gpb"]
    assert gpb.change_percent == Decimal("9.09") and gpb.reason == "人员增加"
    assert gpb.section is not None and gpb.section.startswith("二、")
    assert gpb.source.line == 24  # the sentence starts with "某某局收入预算…其中："
    assert by["three_public.total"].direction == "flat"


def test_glossary_terms_and_definitions_without_signature() -> None:
    doc = parse(DOC)
    assert list(doc.glossary) == ["财政拨款", "“三公”经费"]
    assert doc.glossary["财政拨款"] == "指由一般公共预算、政府性基金预算、国有资本经营预算安排的财政拨款数。"
    assert "2024年2月1日" not in doc.glossary["“三公”经费"]


def test_paragraph_joining_rules() -> None:
    lines = [
        Line(t, n, None)
        for n, t in enumerate(
            ["基本支出 10 万元，比上年", "增加 1 万元。", "1.社会保障", "和就业支出。", "2.其他"], 1
        )
    ]
    paras = paragraphs(lines)
    assert [p.text for p in paras] == [
        "基本支出 10 万元，比上年增加 1 万元。",
        "1.社会保障和就业支出。",
        "2.其他",
    ]
    assert paras[0].prov(len("基本支出 10 万元，比上年")).line == 2


def test_template_without_part_headings() -> None:
    doc = parse(
        """
一、部门概况
（一）主要职能
负责审计。
二、2026年某局部门预算安排情况说明
（一）收支预算情况的总体说明
收支总预算 100 万元。
（二）一般公共预算“三公”经费预算情况说明
公务接待费 1.5 万元，比上年预算减少 0.5 万元，下降 25%。
三、名词解释
一、基本支出：指人员经费和公用经费。
"""
    )
    subjects = {c.subject for c in doc.claims}
    assert {"total", "three_public.reception"} <= subjects
    assert "基本支出" in doc.glossary


def test_contents_without_mulu_and_headings_that_state_amounts() -> None:
    doc = parse(
        """
第一部分 2026年度部门预算情况说明
一、部门情况说明
二、收入预算情况说明
三、支出预算情况说明
第二部分 2026年度部门预算报表
一、收支总表
二、收入总表
一、部门情况说明
（一）本部门职责情况
负责审计工作，主管全市审计工作。
二、收入预算情况说明
2026年度收入预算500万元，比2025年年初预算数增加50万元，增长11.11%。
（一）本年财政拨款收入 480 万元
（二）上年结转结余 20 万元
三、支出预算情况说明
（一）基本支出。基本支出预算 400 万元，占本年支出合计的80%。
"""
    )
    assert len(doc.toc) == 7
    by = {c.subject: c for c in doc.claims}
    assert by["income.total"].compared_to == "2025年年初预算"
    assert by["income.fiscal"].amount is not None and by["income.fiscal"].amount.value == 480
    assert by["income.carryover"].amount is not None and by["income.carryover"].amount.value == 20
    assert by["expense.basic"].share == 80
    assert "carryover.total" not in by and "gpb.basic" not in by


def test_subject_named_by_the_sub_heading() -> None:
    doc = parse(
        """
第三部分 2026年部门预算情况说明
六、一般公共预算“三公”经费支出情况
（一）因公出国（境）经费
2026年预算安排70.00万元，与上年持平。
（二）公务用车购置及运行费
2026年预算安排8.00万元，其中：公务用车运行费8.00
万元，与上年持平；公务用车购置费0.00万元，与上年持平。
"""
    )
    got = [(c.subject, c.amount.text if c.amount else None, c.direction) for c in doc.claims]
    assert got == [
        ("three_public.overseas_travel", "70.00", "flat"),
        ("three_public.vehicles", "8.00", None),
        ("three_public.vehicle_operation", "8.00", "flat"),
        ("three_public.vehicle_purchase", "0.00", "flat"),
    ]
    assert doc.claims[0].sentence == "2026年预算安排70.00万元，与上年持平。"


def test_sections_of_one_budget_unit_are_read_as_that_units_claims() -> None:
    doc = parse(
        """
第三部分 部门预算支出具体情况
一、某某局本级
某某局本级预算100万元，包括在职人员经费80万元、对个人和家庭的补助支出20万元。
（三）对个人和家庭补助支出20万元。
二、某某管理中心
（五）项目支出7.5万元，具体包括：工程管理7.5万元。
第四部分 财政拨款“三公”经费预算情况
2026年财政拨款“三公”经费预算1.00万元。
"""
    )
    from yusuan.parse.claim_details import unit_scoped  # the claim_details stage, after this one

    got = [(c.subject, c.amount.text if c.amount else None, unit_scoped(c.section)) for c in doc.claims]
    # the units' figures are read, under the unit's title: no rule compares them with the tables
    assert ("expense.active_personnel", "80", True) in got
    assert ("econ:303", "20", True) in got
    assert ("expense.project", "7.5", True) in got
    assert got[-1] == ("three_public.total", "1.00", False)
    assert all(scoped for s, _, scoped in got if not s.startswith("three_public"))


def test_glossary_printed_as_a_section_of_the_narrative() -> None:
    doc = parse(
        """
第一部分 2026年部门预算说明
七、名词解释
（一）机关运行经费：是指为保障行政单位运行
用于购买货物和服务的各项资金。
（二）“三公”经费：是指用财政拨款安排的因公出国（境）费。
第二部分 2026年部门预算表
"""
    )
    assert doc.glossary == {
        "机关运行经费": "是指为保障行政单位运行用于购买货物和服务的各项资金。",
        "“三公”经费": "是指用财政拨款安排的因公出国（境）费。",
    }


def test_contents_whose_entries_the_body_prints_unnumbered() -> None:
    r = raw(
        """
目录
一、单位主要职能
二、单位机构设置
三、名词解释
四、单位预算编制说明
五、其他相关情况说明
某局（单位）主要职能
1、主管审计工作。
某局（单位）机构设置
某局内设3个处室。
名词解释
（一）财政拨款收入：指单位从本级财政部门取得的财政拨款。
2026年单位预算编制说明
收入预算100万元。
其他相关情况说明
一、2026年“三公”经费预算情况说明
2026年“三公”经费预算数为2.00万元，与2025年预算持平。
"""
    )
    segs = segment(r)
    assert [k for k, *_ in segs.parts] == ["profile", "glossary", "narrative"]
    doc = Document(paths=["inline.txt"], format="text")
    parse_narrative(r, segs, doc)
    assert list(doc.glossary) == ["财政拨款收入"]
    c = doc.claims[-1]
    assert (c.subject, c.direction, c.compared_to) == ("three_public.total", "flat", "2025年预算")


def test_a_numbered_heading_inside_a_project_is_not_the_body_starting_again() -> None:
    # the contents number the parts; the body prints them unnumbered; a project's description
    # later numbers its own headings from 一 again ("一、项目概况")
    lines = ["目录", "一、部门主要职能", "二、名词解释", "三、部门预算编制说明", "四、其他相关情况说明",
             "部门主要职能", "负责全区统计工作。", "名词解释", "财政拨款：指……。",
             "部门预算编制说明", "2023年，某街道收入预算100.00万元。"] + ["说明正文。"] * 20 + [
             "其他相关情况说明", "一、项目概况", "某工程位于某路。", "二、立项依据", "根据某文件。"]
    r = RawDocument(path="x.txt", format="text", blocks=[TextLine(t, line=i + 1) for i, t in enumerate(lines)])
    kinds = [(k, h) for k, _, _, h in segment(r).parts]
    assert ("narrative", "部门预算编制说明") in kinds and ("profile", "部门主要职能") in kinds
    assert all(h != "一、项目概况" for _, h in kinds)
