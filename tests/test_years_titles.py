"""Table titles printed in ways other templates do not: the number line (「表13」) below the title
instead of above it, and the unit line fused onto the end of the title («…表（不含上年结转）金额单位：元»).
Both seen on a 西安 2022 部门综合预算 (三公 table, p36); the variants here are our own."""

from __future__ import annotations

import pytest

from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.parse import parse_document


def _grid(page: int) -> Grid:
    rows = [["项目", "合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费"],
            ["合计", "6.00", "1.00", "2.00", "3.00"]]
    return Grid(rows=[[Cell(t, page=page) for t in r] for r in rows], page=page)


def _doc(blocks: list[TextLine | Grid]) -> RawDocument:
    raw = RawDocument(path="inline.pdf", format="pdf", pages=3)
    raw.blocks.extend(blocks)
    return raw


@pytest.mark.parametrize("title", [
    "2022年一般公共预算拨款“三公”经费、会议费、培训费表（不含上年结转）金额单位：元",
    "2021年一般公共预算“三公”经费支出预算表 单位：万元",
    "一般公共预算“三公”经费支出表",
])
def test_number_printed_below_the_title_is_that_tables_number(title: str) -> None:
    raw = _doc([
        TextLine("表12", page=1), TextLine("政府采购预算表", page=1),
        Grid(rows=[[Cell("采购项目"), Cell("预算金额")], [Cell("合计"), Cell("0.00")]], page=1),
        TextLine(title, page=2), TextLine("表13", page=2), _grid(2),
        TextLine("表14-1", page=3), TextLine("项目支出绩效目标表", page=3),
    ])
    doc = parse_document(raw)
    [t] = [t for t in doc.tables if t.id == "three_public"]
    assert t.number == "表13"
    assert "单位" not in t.title and t.title.endswith(("）", "表"))
    assert t.rows and any(r.code == "TOTAL" for r in t.rows)


def test_number_line_above_the_next_title_still_starts_the_next_table() -> None:
    # 「表13」 printed at the top of its page, before the title: not the number of the table before
    raw = _doc([
        TextLine("一般公共预算“三公”经费支出表", page=1), _grid(1),
        TextLine("表13", page=2), TextLine("政府性基金预算支出表", page=2),
        Grid(rows=[[Cell("科目"), Cell("合计")], [Cell("合计"), Cell("0.00")]], page=2),
    ])
    doc = parse_document(raw)
    by_id = {t.id: t for t in doc.tables}
    assert by_id["three_public"].number is None
    assert by_id["gov_fund"].number == "表13"


def _cells(rows: list[list[str]], spans: dict[tuple[int, int], int]) -> list[list[Cell]]:
    return [[Cell(t, page=1, rowspan=spans.get((i, j), 1)) for j, t in enumerate(r)] for i, r in enumerate(rows)]


def test_income_table_printed_with_its_columns_as_rows_is_read_as_one_row() -> None:
    # a variant of 江苏 2019 公开表二: each fund's label merged over its 小计 and parts
    rows = [["项目名称", "", "金额"], ["收入总计", "", "1,250.00"],
            ["一般公共预算资金", "小计", "1,000.00"], ["", "公共财政拨款(补助)资金", "1,000.00"],
            ["政府性基金", "小计", "50.00"],
            ["单位资金", "小计", "150.00"], ["", "事业收入", "120.00"], ["", "其他收入", "30.00"],
            ["上年结转和结余资金", "小计", "50.00"], ["", "其中：动用上年结转和结余资金", "50.00"]]
    grid = Grid(rows=_cells(rows, {(2, 0): 2, (5, 0): 3, (8, 0): 2}), page=1, source="ruled")
    raw = _doc([TextLine("收入预算总表", page=1), TextLine("单位：万元", page=1), grid])
    doc = parse_document(raw)
    [t] = [t for t in doc.tables if t.id == "income"]
    assert [r.code for r in t.rows] == ["TOTAL"]
    got = {k: a.text for k, a in t.rows[0].values.items()}
    assert got == {"total": "1,250.00", "gpb": "1,000.00", "gpb_general": "1,000.00", "gov_fund": "50.00",
                   "unit_funds": "150.00", "business": "120.00", "other": "30.00", "carryover": "50.00"}
    assert any("动用上年结转和结余资金" in n for n in t.notes)  # a part with no column: kept in a note


def test_an_ordinary_one_column_list_is_not_folded() -> None:
    rows = [["项目", "金额"], ["合计", "30.00"], ["办公设备", "10.00"], ["印刷服务", "20.00"], ["车辆", "0.00"]]
    grid = Grid(rows=_cells(rows, {}), page=1, source="ruled")
    doc = parse_document(_doc([TextLine("收入预算表", page=1), grid]))
    [t] = [t for t in doc.tables if t.id == "income"]
    assert len(t.rows) == 4 and [c.id for c in t.columns] == ["total"]
