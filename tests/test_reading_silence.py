"""Never silent: what the reader found and the parser did not take is named by the reading account.

Three classes an audit of printed pages found unread while the account said complete: a table
printed outside the numbered set (a 重点项目 list in the 说明), 绩效目标表 indicator rows after a
page break, and (parse/final_claims) direction words of a 决算's change from the year before.
"""

from __future__ import annotations

from decimal import Decimal

from store_helpers import shared_file

from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.model import Document
from yusuan.parse import parse_document


def _grid(page: int, rows: list[list[str]]) -> Grid:
    return Grid(rows=[[Cell(t, page=page) for t in r] for r in rows], page=page, source="ruled")


def _doc(header: str) -> Document:
    raw = RawDocument(path="inline.pdf", format="pdf", pages=3)
    raw.blocks += [
        TextLine("某某局2026年部门预算", page=1),
        TextLine("第七部分 重点项目预算绩效情况说明", page=1),
        TextLine("2026年，本单位重点项目绩效目标情况如下：", page=1),
        _grid(1, [["二级预算单位名称", "一级项目名称", header, "绩效目标"]]),
        TextLine("- 9 -", page=1),
        _grid(2, [["某某局（本级）", "公共法律服务", "3,493.83", "开展律师事务所年度检查工作。"],
                  ["某某局（本级）", "社工服务项目", "587.90", "及时提供社工服务。"],
                  ["某某局（本级）", "机关综合服务", "858.36", "一是提供坚实的物资保障，"]]),
        _grid(3, [["", "", "", "二是及时完成后勤各项工作。"],
                  ["某某局（本级）", "刑事执行", "146.07", "加强社区矫正对象的监督管理。"]]),
        TextLine("备注：无。", page=3),
    ]
    return parse_document(raw)


def test_a_project_list_printed_as_a_grid_in_the_prose_is_read_as_projects() -> None:
    doc = _doc("预算数（万元）")
    got = [(p.name, p.scale.value if p.scale else None, p.units, p.source.page) for p in doc.projects]
    assert got == [("公共法律服务", Decimal("3493.83"), "某某局（本级）", 2),
                   ("社工服务项目", Decimal("587.90"), "某某局（本级）", 2),
                   ("机关综合服务", Decimal("858.36"), "某某局（本级）", 2),
                   ("刑事执行", Decimal("146.07"), "某某局（本级）", 3)]
    assert not any("未读取" in p.message for p in doc.reading.problems)


def test_a_grid_of_numbers_no_table_takes_is_named_by_page() -> None:
    # without its unit the list is not read (the unit is never guessed): the account must say so,
    # however small a share of the document's numbers it is
    doc = _doc("预算数")
    assert doc.projects == []
    msgs = [(p.stage, p.source.page, p.message) for p in doc.reading.problems]
    assert ("tables", 2, "第 2 页印有数字表格未读取（3 个数字不在任何表中）") in msgs
    assert not doc.reading.complete
    # a grid of one number (page 3) is below the bar of a table: counted, not named
    assert not any(p == 3 for _, p, _ in msgs)


def test_indicator_rows_printed_and_not_read_are_counted_by_page() -> None:
    raw = RawDocument(path="inline.pdf", format="pdf", pages=1)
    raw.blocks += [
        TextLine("预算12表项目支出绩效目标表", page=1),
        _grid(1, [["项目名称", "项目总额", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"],
                  # a project whose name is not in the grid (Beijing 069 p39): its goal and indicators
                  ["", "", "保障信息系统稳定运行", "产出指标", "数量指标", "应急体系建设", "1"],
                  ["", "", "", "产出指标", "数量指标", "数据安全检查报告", "1"]]),
    ]
    doc = parse_document(raw)
    # read since s7 as a project whose name is not read (its goal begins it), so nothing is lost
    lost = [p for p in doc.reading.problems if p.stage == "performance" and "未读取" in p.message]
    assert lost == []
    assert [(t.project, [i.level3 for i in t.indicators]) for t in doc.performance] == [
        (None, ["应急体系建设", "数据安全检查报告"])]


def test_beijing_indicator_rows_after_a_page_break_are_read() -> None:
    from yusuan import load

    doc = load([str(shared_file("bulk", "044_beijing_medical_security_narrative.pdf")),
                str(shared_file("bulk", "045_beijing_medical_security_tables.pdf"))])
    # 045 p26 (viewed): 5 indicators of 3731041 under blank project cells, after its 11 on p25
    # (the project has a second table on p18-19; this one begins on p25)
    t = next(p for p in doc.performance if p.project and p.project.startswith("11000026T000003731041")
             and p.source.page == 25)
    assert [i.level3 for i in t.indicators if i.source.page == 26] == [
        "应急体系建设", "医疗保障信息安全服务驻场运维", "数据安全检查报告",
        "医疗保障信息平台用户账号权限检查审计服务商资质审核通过率", "医疗保障信息平台用户账号权限检查审计服务项目签订2026年采购合同"]
    assert len(t.indicators) == 16
    assert not [p for p in doc.reading.problems if p.stage == "performance"]


def test_beijing_rows_of_projects_named_outside_the_grid_are_counted() -> None:
    from yusuan import load

    doc = load([str(shared_file("bulk", "068_beijing_water_narrative.pdf")),
                str(shared_file("bulk", "069_beijing_water_tables.pdf"))])
    # 069 p39-42: projects whose names lie outside the grid; not joined to the page before's
    # project (that would be a silent misreading), so counted: 23 + 32 + 31 + 18 = 104 rows
    # read since s7 (each amount row its own unnamed project; p40 viewed: 85.156800 has 15 rows)
    lost = {p.source.page: p.message for p in doc.reading.problems if p.stage == "performance"}
    assert lost == {}
    p40 = [t for t in doc.performance if t.source.page == 40 and t.project is None]
    assert [(t.amounts["total"].text, len(t.indicators)) for t in p40][:2] == [("85.156800", 15), ("10.514756", 6)]


def test_shenzhen_key_project_table_is_read() -> None:
    from yusuan import load

    doc = load(str(shared_file("bulk", "094_shenzhen_justice.pdf")))
    got = {p.name: p.scale.text for p in doc.projects if p.scale and p.source.page in (13, 14)}
    # p13-14 as printed: 11 projects of 深圳市司法局（本级）
    assert len(got) == 11
    assert got["非发改立项的建设项目"] == "7.56" and got["公共法律服务"] == "3,493.83"
    assert got["政务信息化项目（运行维护服务）"] == "10.75"
