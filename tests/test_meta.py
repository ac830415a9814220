"""Document metadata from what the document prints."""

from __future__ import annotations

from yusuan.blocks import Block, Cell, Grid, RawDocument, TextLine
from yusuan.model import Document
from yusuan.parse import parse_document


def doc_of(*blocks: Block | str) -> Document:
    raw = RawDocument(path="inline.txt", format="text")
    for i, b in enumerate(blocks, start=1):
        raw.blocks.append(TextLine(b, line=i) if isinstance(b, str) else b)
    return parse_document(raw)


def test_cover_year_level_date_and_preparer() -> None:
    doc = doc_of(
        "某某市某某局",
        "2024 年部门预算公开",
        "目 录",
        "第一部分 概况",
        "第二部分 2024年部门预算公开表",
        "编制部门：某某市某某局（本级）",
        "单位：万元",
        "第三部分 情况说明",
        "2025年03月26日",
    )
    assert doc.department == "某某市某某局（本级）"  # as printed
    assert doc.year == 2024 and doc.kind == "预算" and doc.level == "部门"
    assert doc.unit == "万元"
    assert doc.published == "2025年03月26日"


def test_department_from_cover_when_no_preparer_line_and_unit_level() -> None:
    doc = doc_of("某某县某某中心 2021 年", "单位预算公开", "第一部分 概况", "单位：元", "单位：元", "单位：万元")
    assert doc.department == "某某县某某中心"
    assert doc.year == 2021 and doc.level == "单位"
    assert doc.unit == "元"
    assert doc.published is None


def test_final_accounts_kind() -> None:
    doc = doc_of("某某局", "2023年度部门决算", "第一部分 概况")
    assert doc.kind == "决算" and doc.year == 2023


def test_budget_units_listed_one_per_line() -> None:
    doc = doc_of(
        "某某局 2024 年部门预算",
        "第一部分 概况",
        "本部门中，行政单位 1 家，事业单位 1 家，纳入某某局 2024 年部门预算编制范围的下属预算单位包括：",
        "- 1、某某局",
        "- 2、某某事业发展中 心",
        "某某局编制数 116，实有人数 112 人。",
    )
    assert doc.budget_units == ["某某局", "某某事业发展中心"]


def test_budget_units_inline_and_none() -> None:
    doc = doc_of("某某局 2024 年部门预算", "纳入编制范围的预算单位包括：某某局本级、某某监测站、某某学校。")
    assert doc.budget_units == ["某某局本级", "某某监测站", "某某学校"]
    none = doc_of("某某局 2024 年部门预算", "某某局无下属预算单位，下设 6 个科室。")
    assert none.budget_units == []


def test_unit_rows_of_a_table_take_the_listed_budget_units() -> None:
    grid = Grid(
        rows=[
            [Cell("项目名称"), Cell("总计")],
            [Cell("总计"), Cell("3.00")],
            [Cell("某某事业发展中 心"), Cell("3.00")],
            [Cell("甲项目"), Cell("3.00")],
        ],
        line=10,
    )
    doc = doc_of(
        "某某局 2024 年部门预算",
        "纳入编制范围的下属预算单位包括：",
        "1、某某局",
        "2、某某事业发展中心",
        "上年结转结余情况明细表",
        grid,
    )
    t = doc.table("carryover")
    assert t is not None
    assert [(r.name, r.unit, r.project) for r in t.rows] == [
        ("总计", None, None),
        ("某某事业发展中心", "某某事业发展中心", None),
        ("甲项目", "某某事业发展中心", "甲项目"),
    ]


def test_department_after_the_year_on_the_cover_and_from_an_attachment_line() -> None:
    doc = doc_of("2026年某某市审计局部门预算", "目录", "第一部分 部门概况", "单位：万元")
    assert doc.department == "某某市审计局" and doc.year == 2026
    attached = doc_of("2026", "第一部分2026年度部门预算情况说明", "附件：某某市审计局2026年度部门预算报表")
    assert attached.department == "某某市审计局"


def test_year_of_a_document_of_tables_alone() -> None:
    grid = Grid(rows=[[Cell("项目"), Cell("2026年预算数")], [Cell("合计"), Cell("1.00")]], line=3)
    doc = doc_of("预算01表收支总表", "金额单位：万元", grid)
    assert doc.year == 2026


def test_budget_units_from_a_small_table() -> None:
    grid = Grid(
        rows=[[Cell("序号"), Cell("单位名称")], [Cell("1"), Cell("某某市商务局（本级）")], [Cell("2"), Cell("某某市口岸服务中心")]],
        line=3,
    )
    doc = doc_of("某某市商务局 2026 年部门预算", "纳入2026年部门预算编制范围的单位详细情况见下表:", grid)
    assert doc.budget_units == ["某某市商务局（本级）", "某某市口岸服务中心"]


def test_department_wrapped_over_two_cover_lines_and_cover_repeated() -> None:
    doc = doc_of("某某经济技术开发区生态", "环境局", "2026年单位预算", "目录", "第一部分 概况")
    assert doc.department == "某某经济技术开发区生态环境局"
    again = doc_of("2026年度", "某某市教育局（本级）", "单位预算公开", "某某市教育局（本级）2026年度单位预算公开", "目录")
    assert again.department == "某某市教育局（本级）"
