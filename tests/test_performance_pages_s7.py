"""绩效目标表 whose indicators were printed and not read (issue 9, reading coverage): tables cut by
page breaks in the shapes templates print them, contents entries, and projects whose name is
printed outside their grid. Every table here is made up for the test."""

from __future__ import annotations

from decimal import Decimal

from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.model import Document
from yusuan.parse.performance import parse_performance
from yusuan.parse.segment import segment


def _grid(rows: list[list[str]], page: int, xs: list[float] | None = None) -> Grid:
    def cell(text: str, j: int) -> Cell:
        box = (xs[j], 100.0, xs[j] + 50.0, 120.0) if xs else None
        return Cell(text, page=page, bbox=box)

    return Grid(rows=[[cell(x, j) for j, x in enumerate(r)] for r in rows], page=page, source="ruled")


def _parse(blocks: list[TextLine | Grid]) -> Document:
    raw = RawDocument(path="x.pdf", format="pdf", blocks=blocks)
    doc = Document(paths=["x.pdf"], format="pdf", year=2026)
    parse_performance(raw, segment(raw), doc)
    return doc


def _no_header_problems(doc: Document) -> bool:
    return not any(d.code == "performance-no-indicators" for d in doc.diagnostics)


# --- a contents entry is not a table ---------------------------------------------------------------

_GOALS = [["单位名称", "项目名称", "金额", "绩效目标"], ["某某局", "甲项目", "12.00", "完成甲工作。"]]


def test_a_contents_entry_ends_at_the_next_tables_title_and_is_no_table() -> None:
    summary = _grid([["收入", "预算数", "支出", "预算数"], ["一、财政拨款", "12.00", "一般公共服务支出", "12.00"]], 3)
    doc = _parse([
        TextLine("表10.2026年部门项目支出预算表", page=2), TextLine("表11.2026年部门项目支出绩效表", page=2),
        TextLine("21", page=2), TextLine("表1：2026年部门收支预算总表", page=3), TextLine("部门名称：某某局", page=3),
        summary, TextLine("表10：2026年部门项目支出预算表", page=4),
        _grid([["项目名称", "甲项目", "合计", "12.00"]], 4),
        TextLine("表11：2026年部门项目支出绩效表", page=9), _grid(_GOALS, 9),
    ])
    assert _no_header_problems(doc)
    assert [(t.project, t.amounts["total"].value, t.source.page) for t in doc.performance] == [
        ("甲项目", Decimal("12.00"), 9)]


def test_a_table_title_followed_by_its_own_grid_is_read_as_before() -> None:
    # the same title with its grid right below: read, and the following table's title ends it
    doc = _parse([TextLine("表11：2026年部门项目支出绩效表", page=9), _grid(_GOALS, 9),
                  TextLine("表12：2026年部门整体支出预算表", page=10), _grid([["项目", "金额"], ["合计", "12.00"]], 10)])
    assert [t.project for t in doc.performance] == ["甲项目"]


# --- the rest of a table's head on the next page ---------------------------------------------------

_HEAD = [["项目名称", "某专项", "主管部门", "某某局"], ["当年预算", "88.00", "市级支出", "60.00"],
         ["项目概况", "一是开展某某工作；二是完成某某任务。", "", ""]]
_REST = [["当年绩效目标", "完成某某工作5处。", "", "", "", "", ""],
         ["绩效指标", "指标名称", "指标性质", "指标值", "计量单位", "指标权重(%)", "是否核心"],
         ["", "提交靶区数量", "≥", "7", "处", "15", "是"],
         ["", "年度预算执行率", "=", "100", "%", "10", "否"]]


def test_a_table_goes_on_when_the_next_page_begins_with_its_goal_and_indicator_header() -> None:
    doc = _parse([TextLine("2026年市级重点专项资金绩效目标表（一级项目）", page=29), TextLine("单位：万元", page=29),
                  _grid(_HEAD, 29), TextLine("—29—", page=29), _grid(_REST, 30)])
    assert _no_header_problems(doc)
    [t] = doc.performance
    assert (t.project, t.amounts["total"].value, t.goal) == ("某专项", Decimal("88.00"), "完成某某工作5处。")
    assert [(i.level3, i.operator, i.value, i.unit, i.weight, i.source.page) for i in t.indicators] == [
        ("提交靶区数量", "≥", "7", "处", Decimal(15), 30), ("年度预算执行率", "=", "100", "%", Decimal(10), 30)]


def test_a_grid_of_another_kind_after_the_page_number_does_not_continue_the_table() -> None:
    other = _grid([["项目", "金额", "", "", "", "", ""], ["合计", "12.00", "", "", "", "", ""]], 30)
    doc = _parse([TextLine("2026年市级重点专项资金绩效目标表（一级项目）", page=29), _grid(_HEAD, 29),
                  TextLine("—29—", page=29), other])
    [t] = doc.performance
    assert t.indicators == [] and t.project == "某专项"
    assert not _no_header_problems(doc)  # still said: its indicators were not found


def test_a_head_label_row_on_the_next_page_continues_a_table_whose_name_row_ended_the_page() -> None:
    name_only = _grid([["项目名称", "某改造项目（小学）"]], 24)
    rest = _grid([["主管部门及代码", "", "教育部105", "实施单位", "某附属小学", ""],
                  ["项目资金（万元）", "", "年度资金总额：", "", "150.00", ""],
                  ["年度总体目标", "目标1：改善校园环境。", "", "", "", ""],
                  ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "分值（90）"],
                  ["", "产出指标", "数量指标", "道路及绿化面积", "600平方米", "20"],
                  ["", "满意度指标", "服务对象满意度指标", "学生满意度", "95%", "5"]], 25)
    doc = _parse([TextLine("某改造项目（小学）绩效目标表", page=24), TextLine("(2023年度)", page=24), name_only,
                  TextLine("24", page=24), rest])
    assert _no_header_problems(doc)
    [t] = doc.performance
    assert t.project == "某改造项目（小学）"
    assert [(i.level1, i.level2, i.level3, i.value_text, i.weight) for i in t.indicators] == [
        ("产出指标", "数量指标", "道路及绿化面积", "600平方米", Decimal(20)),
        ("满意度指标", "服务对象满意度指标", "学生满意度", "95%", Decimal(5))]


def test_a_head_label_row_does_not_join_a_table_that_already_printed_its_indicators() -> None:
    whole = _grid([["项目名称", "甲项目", "", "", "", ""],
                   ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "分值"],
                   ["", "产出指标", "数量指标", "甲数量", "1个", "50"]], 24)
    stray = _grid([["主管部门及代码", "", "教育部105", "实施单位", "某单位", "", ""],
                   ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "分值", "备注"],
                   ["", "产出指标", "数量指标", "乙数量", "2个", "50", ""]], 25)
    doc = _parse([TextLine("甲项目绩效目标表", page=24), whole, TextLine("24", page=24), stray])
    [t] = doc.performance
    assert [i.level3 for i in t.indicators] == ["甲数量"]


# --- a running head repeating the title above indicator rows only ---------------------------------

_TITLE = "政策和项目预算绩效目标表"
_FIRST = [["项目名称", "", "", "某业务经费", "", ""],
          ["项目资金（万元）", "", "", "年度预算资金总额：", "817.00", ""],
          ["总体目标", "落实各项工作。", "", "", "", ""],
          ["", "一级指标", "二级指标", "三级指标", "指标值", ""],
          ["绩效指标", "产出指标", "数量指标", "服务人员覆盖率", "100%", ""]]


def test_a_page_repeating_the_title_over_indicator_rows_only_continues_the_table() -> None:
    rows_only = [["绩效指标", "效益指标", "可持续影响指标", "持续保障情况", "100%"],
                 ["", "", "", "形成可推广经验", "≥1套"],
                 ["绩效指标", "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%"]]
    doc = _parse([TextLine(_TITLE, page=41), TextLine("(2026年度)", page=41), _grid(_FIRST, 41),
                  TextLine("—40—", page=41), TextLine(_TITLE, page=42), TextLine("(2026年度)", page=42),
                  _grid(rows_only, 42), TextLine("—41—", page=42)])
    [t] = doc.performance
    assert t.project == "某业务经费"
    assert [(i.level2, i.level3, i.value_text, i.source.page) for i in t.indicators] == [
        ("数量指标", "服务人员覆盖率", "100%", 41), ("可持续影响指标", "持续保障情况", "100%", 42),
        ("可持续影响指标", "形成可推广经验", "≥1套", 42), ("服务对象满意度指标", "服务对象满意度", "≥95%", 42)]


def test_a_page_repeating_the_title_over_a_new_project_is_a_table_of_its_own() -> None:
    second = [r[:] for r in _FIRST]
    second[0][3] = "另一经费"
    doc = _parse([TextLine(_TITLE, page=41), _grid(_FIRST, 41), TextLine(_TITLE, page=42), _grid(second, 42)])
    assert [(t.project, len(t.indicators)) for t in doc.performance] == [("某业务经费", 1), ("另一经费", 1)]


# --- continuation grids lined up with any of the table's grids ---------------------------------------

_X6 = [78.0, 114.0, 183.0, 302.0, 562.0, 710.0]


def test_a_page_printing_the_level1_column_again_lines_up_with_the_first_pages_columns() -> None:
    # page 1: six columns; page 2: the 一级 cell merged over the page, four columns from 二级;
    # page 3: five columns from 一级 — lined up with page 1's columns, not with page 2's
    first = _grid([["项目名称", "", "", "某专用项目", "", ""], ["", "一级指标", "二级指标", "指标内容", "指标值", "备注"],
                   ["", "产出指标", "数量指标", "指标1：邀请企业", "100家以上", ""]], 73, _X6)
    second = _grid([["质量指标", "指标1：促成合作", "＞3家", ""]], 74, _X6[2:])
    third = _grid([["效益指标", "经济效益指标", "指标1：招引企业", "持续增长", ""]], 75, _X6[1:])
    doc = _parse([TextLine("2022年部门预算专项业务经费绩效目标表", page=73), first, second,
                  TextLine("产出指标", page=74), third])
    [t] = doc.performance
    assert [(i.level1, i.level2, i.level3, i.source.page) for i in t.indicators] == [
        ("产出指标", "数量指标", "指标1：邀请企业", 73), ("产出指标", "质量指标", "指标1：促成合作", 74),
        ("效益指标", "经济效益指标", "指标1：招引企业", 75)]


# --- wide tables: projects whose 项目名称 cell is blank on their page ------------------------------

_WIDE = ["项目名称", "项目总额", "绩效目标", "一级指标", "二级指标", "三级指标", "绩效指标性质", "本年绩效指标值", "绩效度量单位"]


def _row(texts: list[str], page: int, spans: dict[int, int] | None = None) -> list[Cell]:
    return [Cell(x, page=page, rowspan=(spans or {}).get(j, 1)) for j, x in enumerate(texts)]


def test_projects_under_a_blank_name_cell_are_read_each_with_its_own_amount() -> None:
    # one merged name cell (its text printed outside the grid) over two projects of two units
    grid = Grid(rows=[
        _row(_WIDE, 39),
        _row(["", "65.57", "保障系统运行。", "产出指标", "数量指标", "维保数量", "＝", "5", "处"], 39, {0: 4, 1: 2, 2: 2}),
        _row(["", "", "", "满意度指标", "服务对象满意度指标", "使用人员满意度", "≥", "90", "%"], 39),
        _row(["", "29.74", "处理各类故障。", "成本指标", "经济成本指标", "运行维护成本", "≤", "14.4", "万元"], 39, {1: 2, 2: 2}),
        _row(["", "", "", "产出指标", "时效指标", "故障修复时间", "≤", "12", "小时"], 39),
    ], page=39, source="ruled")
    doc = _parse([TextLine("预算12表项目支出绩效目标表", page=39), TextLine("金额单位：万元", page=39), grid])
    got = [(t.project, t.amounts["total"].value, t.goal, [i.level3 for i in t.indicators]) for t in doc.performance]
    assert got == [(None, Decimal("65.57"), "保障系统运行。", ["维保数量", "使用人员满意度"]),
                   (None, Decimal("29.74"), "处理各类故障。", ["运行维护成本", "故障修复时间"])]
    assert all("项目名称未能读出" in (t.source.note or "") for t in doc.performance)


def test_indicator_rows_at_a_pages_top_without_amount_or_goal_continue_the_project_before() -> None:
    page1 = Grid(rows=[_row(_WIDE, 1),
                       _row(["甲项目", "10.00", "甲目标。", "产出指标", "数量指标", "甲数量", "≥", "1", "个"], 1, {0: 2, 1: 2, 2: 2}),
                       _row(["", "", "", "成本指标", "经济成本指标", "甲成本", "≤", "10", "万元"], 1)], page=1, source="ruled")
    page2 = Grid(rows=[_row(_WIDE, 2),
                       _row(["", "", "", "效益指标", "社会效益指标", "甲效益", "≥", "90", "%"], 2)], page=2, source="ruled")
    doc = _parse([TextLine("预算12表项目支出绩效目标表", page=1), page1,
                  TextLine("预算12表项目支出绩效目标表", page=2), page2])
    assert [(t.project, [i.level3 for i in t.indicators]) for t in doc.performance] == [
        ("甲项目", ["甲数量", "甲成本", "甲效益"])]
