"""A 重点项目 list printed as a grid in the 说明 with its budget units and every fund's money
(项目 | 预算数（单位：万元） | 绩效目标): read as a table of its own (key_projects), not as described
projects, so its numbers are read and no rule compares them with one fund's project table."""

from __future__ import annotations

from decimal import Decimal

from store_helpers import shared_file

from yusuan.audit import audit
from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.model import Document
from yusuan.parse import parse_document

HEADER = ["项目", "预算数（单位：万元）", "绩效目标"]


def _grid(page: int, rows: list[list[str]]) -> Grid:
    return Grid(rows=[[Cell(t, page=page) for t in r] for r in rows], page=page, source="ruled")


def _doc(first: list[list[str]], second: list[list[str]], header: list[str] = HEADER) -> Document:
    raw = RawDocument(path="inline.pdf", format="pdf", pages=2)
    raw.blocks += [
        TextLine("某某局2026年部门预算", page=1),
        TextLine("第二部分 2026年部门预算情况说明", page=1),
        TextLine("七、重点项目预算绩效目标情况", page=1),
        TextLine("2026年，本部门重点项目绩效目标情况如下：", page=1),
        _grid(1, [header, *first]),
        TextLine("- 31 -", page=1),
        _grid(2, [header, *second]),  # the header printed again on the next page
        TextLine("注：无。", page=2),
        TextLine("八、名词解释", page=2),
    ]
    return parse_document(raw)


UNITS_P1 = [["某某局（本级）", "120.50", ""],
            ["规划编制专项经费", "100.00", "完成规划编制。"],
            ["宣传专项经费", "20.50", "开展宣传。"],
            ["某某监测站", "1,030", ""]]
UNITS_P2 = [["水质监测运维项目", "1,000", "保障监测设备正常运行。"],
            ["购置经费", "30", "购置设备。"]]


def test_a_list_with_unit_rows_is_one_table_over_pages_with_its_outline() -> None:
    doc = _doc(UNITS_P1, UNITS_P2)
    t = doc.table("key_projects")
    assert t is not None and t.title == "七、重点项目预算绩效目标情况" and t.unit == "万元"
    got = [(r.name, r.unit, r.project, r.values["total"].value, r.source.page) for r in t.rows]
    assert got == [
        ("某某局（本级）", "某某局（本级）", None, Decimal("120.50"), 1),
        ("规划编制专项经费", "某某局（本级）", "规划编制专项经费", Decimal("100.00"), 1),
        ("宣传专项经费", "某某局（本级）", "宣传专项经费", Decimal("20.50"), 1),
        ("某某监测站", "某某监测站", None, Decimal("1030"), 1),
        ("水质监测运维项目", "某某监测站", "水质监测运维项目", Decimal("1000"), 2),
        ("购置经费", "某某监测站", "购置经费", Decimal("30"), 2),
    ]
    assert t.rows[1].texts == {"performance_goal": "完成规划编制。"}
    # not described projects: the 项目说明 rules (Y310) have nothing of it to compare
    assert doc.projects == []
    assert not any("未读取" in p.message for p in doc.reading.problems)
    assert doc.reading.table_numbers.placed == doc.reading.table_numbers.total == 6


def test_a_row_without_a_goal_that_is_not_its_followers_sum_is_a_project() -> None:
    # 50 ≠ 100 + 20.50: the goal is only missing, the row is no budget unit's
    doc = _doc([["没有目标的项目", "50", ""], *UNITS_P1[1:3]], [["另一个项目", "7.25", "完成工作。"]])
    t = doc.table("key_projects")
    assert t is not None
    assert [(r.name, r.project, r.unit) for r in t.rows] == [
        ("没有目标的项目", "没有目标的项目", None), ("规划编制专项经费", "规划编制专项经费", None),
        ("宣传专项经费", "宣传专项经费", None), ("另一个项目", "另一个项目", None)]


def test_without_the_unit_in_its_header_the_list_is_not_read_and_the_account_says_so() -> None:
    doc = _doc(UNITS_P1, UNITS_P2, header=["项目", "预算数", "绩效目标"])
    assert doc.table("key_projects") is None
    assert any(p.source.page == 1 and "印有数字表格未读取" in p.message for p in doc.reading.problems)


def test_no_rule_compares_the_list_with_one_funds_table() -> None:
    doc = _doc(UNITS_P1, UNITS_P2)
    findings = audit(doc).findings
    assert not [f for f in findings if f.location and f.location.table == "key_projects"
                and f.severity in ("error", "warning")]
    assert not [f for f in findings if f.rule == "Y310"]


def test_guangzhou_key_project_lists_are_read() -> None:
    from yusuan import load

    doc = load(str(shared_file("bulk", "112_guangzhou_ecology_environment.pdf")))
    t = doc.table("key_projects")
    assert t is not None
    rows = [(r.name, r.unit, r.project is not None, r.values["total"].text, r.source.page) for r in t.rows]
    # p103-104 as printed: the 本级 row over its one project, the next unit's row at the foot of
    # p103 over its project at the top of p104
    assert rows[:4] == [
        ("广州市生态环境局（本级）", "广州市生态环境局（本级）", False, "787.11", 103),
        ("广州市生态环境规划工作专项经费", "广州市生态环境局（本级）", True, "787.11", 103),
        ("广州市固体废物管理中心", "广州市固体废物管理中心", False, "76.08", 103),
        ("固废管理专项工作经费", "广州市固体废物管理中心", True, "76.08", 104),
    ]
    assert ("广州环境新闻宣传专项经费", "广州市环境保护宣传教育中心", True, "93.5", 104) in rows
    assert not [p for p in doc.reading.problems if "印有数字表格未读取" in p.message]

    doc = load(str(shared_file("bulk", "126_guangzhou_science_technology.pdf")))
    t = doc.table("key_projects")
    assert t is not None
    # p32 as printed: four projects, no unit rows
    assert [(r.project, r.values["total"].text) for r in t.rows if r.source.page == 32] == [
        ("基础研究计划", "52,500"), ("企业创新计划", "4,778.21"), ("重点研发计划", "65,720"), ("创新环境计划", "1,012")]
