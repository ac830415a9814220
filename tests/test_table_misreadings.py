"""Table misreadings found by hand-labelling findings against rendered pages (issue 8), each on a
small synthetic input: the reader or parser must read the table as printed."""

from __future__ import annotations

from test_pdf_layout import grids, number_at, ruled, text_at

from yusuan.readers.pdf_layout import layout_page


def test_line_wrapped_past_the_cells_bottom_stays_with_the_row_above() -> None:
    # 「2120399-其他城乡社区公共设施」 wraps 「支出」 onto a second line that the producer draws
    # across the row rule (y=116) and clips there: its centre falls just inside the next row.
    xs, ys = [50.0, 250.0, 350.0], [100.0, 116.0, 132.0, 148.0]
    chars = (
        text_at("2120399-其他城乡社区公共设施", 52, 102.5)
        + text_at("支出", 52, 113.5)  # top 1.5 pt above the rule, centre 3.5 pt below it
        + number_at("432.64", 300, 103)
        + text_at("2120803-城市建设支出", 52, 119)
        + number_at("4683.73", 300, 119)
        + text_at("2150299-其他制造业支出", 52, 135)
        + number_at("36.40", 300, 135)
    )
    (grid,) = grids(layout_page(chars, ruled(xs, ys)))
    names = [row[0].text for row in grid.rows]
    assert names == ["2120399-其他城乡社区公共设施支出", "2120803-城市建设支出", "2150299-其他制造业支出"]


def test_text_of_a_tight_row_that_touches_its_top_rule_stays_in_its_row() -> None:
    # Rows 8 pt high with a 10 pt font: each line, centred in its row, crosses its top rule by a
    # point and a half (its centre 3.4 pt under it); nothing spills over from the row above.
    xs, ys = [50.0, 250.0, 350.0], [100.0, 108.0, 116.0, 124.0]
    chars = []
    for k, (name, value) in enumerate((("行政运行", "1.00"), ("一般行政管理事务", "2.00"), ("机关服务", "3.00"))):
        top = ys[k] - 1.6
        chars += text_at(name, 52, top) + number_at(value, 300, top)
    (grid,) = grids(layout_page(chars, ruled(xs, ys)))
    assert [[c.text for c in row] for row in grid.rows] == [
        ["行政运行", "1.00"], ["一般行政管理事务", "2.00"], ["机关服务", "3.00"]
    ]


# --- name-only function tables (codes from the printed names) ------------------------------------


def _coded(names: list[str], printed: dict[int, str] | None = None) -> list[str | None]:
    from yusuan.model import Row
    from yusuan.parse.name_codes import codes_from_names

    rows = [Row(code=(printed or {}).get(i), name=n) for i, n in enumerate(names)]
    codes_from_names(rows, {})
    return [r.code for r in rows]


def test_a_kuan_and_its_only_xiang_sharing_a_name_are_kuan_then_xiang() -> None:
    names = ["教育支出", "职业教育", "技校教育", "其他教育支出", "其他教育支出", "城乡社区支出",
             "国有土地使用权出让收入安排的支出", "城市建设支出", "其他城乡社区支出", "其他城乡社区支出"]
    assert _coded(names) == ["205", "20503", "2050303", "20599", "2059999", "212", "21208", "2120803",
                             "21299", "2129999"]


def test_other_expense_class_under_function_codes_is_229_not_economic_399() -> None:
    names = ["交通运输支出", "公路水路运输", "行政运行", "其他支出",
             "其他政府性基金及对应专项债务收入安排的支出", "其他政府性基金安排的支出"]
    assert _coded(names) == ["214", "21401", "2140101", "229", "22904", "2290401"]


def test_a_name_both_a_kuan_and_a_xiang_is_the_one_that_follows_in_code_order() -> None:
    # 公路水路运输 is 款 21401 and 项 2149801 of 21498 超长期特别国债安排的支出: after 21498 only
    # the 项 can follow (codes are listed in ascending order)
    names = ["交通运输支出", "超长期特别国债安排的支出", "公路水路运输", "其他支出"]
    assert _coded(names) == ["214", "21498", "2149801", "229"]


def test_an_item_the_catalog_does_not_know_starts_a_new_outline() -> None:
    # the rows after an unknown name are not known to be under the 类/款 above it
    names = ["公共安全支出", "监狱", "行政运行", "某某新设项目", "其他监狱支出"]
    assert _coded(names) == ["204", "20407", "2040701", None, None]


def test_a_units_row_still_starts_a_new_outline() -> None:
    # unit A's rows, then unit B's name row and B's items: B's 行政运行 is not known to be under
    # A's 款 (the next name after the unit row is a 类, not a child of the 款 above)
    names = ["公共安全支出", "监狱", "行政运行", "某某戒毒所", "公共安全支出", "强制隔离戒毒", "行政运行"]
    assert _coded(names) == ["204", "20407", "2040701", None, "204", "20408", "2040801"]
    names = ["公共安全支出", "监狱", "行政运行", "某某戒毒所", "行政运行"]
    assert _coded(names) == ["204", "20407", "2040701", None, None]


# --- digits at the start of a name ------------------------------------------------------------


def test_a_project_named_after_a_number_is_not_given_that_number_as_code() -> None:
    from test_tables import doc_of, grid, only

    doc = doc_of(
        "一般公共预算支出表",
        grid(
            "科目名称 | 合计",
            "合计 | 7.00",
            "2100101 行政运行 | 3.00",
            "12320卫生热线服务项目 | 4.00",
        ),
    )
    rows = only(doc, "gpb_expense").rows
    assert [(r.code, r.name) for r in rows] == [
        ("TOTAL", "合计"), ("2100101", "行政运行"), (None, "12320卫生热线服务项目")
    ]


# --- prose that names a table is not the table's title -------------------------------------------


def test_prose_lines_quoting_or_describing_a_table_make_no_table() -> None:
    from test_tables import doc_of, grid

    doc = doc_of(
        "三是《财政拨款支出预算表（功能科目）》增加了“事业运行”",
        "项级科目分流315万元。",
        "本表（公开07表）反映部门年度一般公共预算支出预算安",
        "排情况。",
        "退休费、奖励金等。（按“部门预算公开06表财政拨款基本支",
        "预算公开06表财政拨款基本支出预算表”中实际发生经济分类",
        "科目填列）",
        "一般公共预算支出表",
        grid("科目名称 | 合计", "合计 | 1.00", "2010101 行政运行 | 1.00"),
    )
    assert [(t.id, t.title) for t in doc.tables] == [("gpb_expense", "一般公共预算支出表")]


# --- a 序号 column is not an amount ------------------------------------------------------------


def test_row_numbers_of_a_summary_table_are_not_read_as_amounts() -> None:
    from test_tables import doc_of, grid, only

    doc = doc_of(
        "收支总表",
        grid(
            "序号 | 收入 | | 支出 |",
            " | 项目 | 预算数 | 项目 | 预算数",
            "1 | 一、一般公共预算拨款 | 10.00 | 一、一般公共服务支出 | 10.00",
            "2 | 本年收入合计 | 10.00 | 本年支出合计 | 10.00",
            "3 | 上年结转 | | 结转下年 |",
            "4 | 收入总计 | 10.00 | 支出总计 | 10.00",
        ),
    )
    t = only(doc, "summary")
    income = {r.name: {k: str(a.value) for k, a in r.values.items()} for r in t.rows if r.side == "income"}
    assert income == {
        "一、一般公共预算拨款": {"amount": "10.00"}, "本年收入合计": {"amount": "10.00"},
        "上年结转": {}, "收入总计": {"amount": "10.00"},
    }


# --- a row rule drawn twice, a fraction of a point apart ----------------------------------------


def test_a_row_rule_drawn_twice_half_a_point_apart_still_separates_the_rows() -> None:
    from test_pdf_layout import hline, vline

    xs, ys = [50.0, 150.0, 250.0], [100.0, 120.0, 160.0]
    segs = [hline(y, xs[0], xs[-1]) for y in ys] + [vline(x, ys[0], ys[-1]) for x in xs]
    # the rule under 「302」 is drawn once over the amount column (y 138.9) and once, in two
    # pieces, over the whole width (y 139.2): the two fall on either side of a rounding step
    segs += [hline(138.9, 150, 250), hline(139.2, 50, 150), hline(139.2, 150, 250)]
    chars = (
        text_at("302 商品和服务支出", 52, 124) + number_at("2391.92", 160, 124)
        + text_at("30201 办公费", 52, 144) + number_at("158.00", 160, 144)
        + text_at("科目", 52, 104) + text_at("金额", 160, 104)
    )
    (grid,) = grids(layout_page(chars, segs))
    assert [[c.text for c in row] for row in grid.rows] == [
        ["科目", "金额"], ["302 商品和服务支出", "2391.92"], ["30201 办公费", "158.00"]
    ]


# --- a number spilling left over a rule the producer left out ------------------------------------


def test_a_number_overflowing_into_its_empty_left_neighbour_stays_in_its_column() -> None:
    from test_pdf_layout import hline, vline

    xs, ys = [50.0, 150.0, 250.0, 330.0], [100.0, 120.0, 140.0]
    segs = [hline(y, xs[0], xs[-1]) for y in ys] + [vline(x, ys[0], ys[-1]) for x in (50.0, 150.0, 330.0)]
    segs += [vline(250.0, 100.0, 120.0)]  # the last row has no rule between 经济分类 and 合计
    chars = (
        text_at("科目", 52, 104) + text_at("经济分类", 152, 104) + text_at("合计", 252, 104)
        + text_at("合计", 52, 124)
        + number_at("1,024,807.171785", 246, 124)  # right-aligned in 合计, 4 pt past its left rule
    )
    (grid,) = grids(layout_page(chars, segs))
    assert [[c.text for c in row] for row in grid.rows] == [
        ["科目", "经济分类", "合计"], ["合计", "", "1,024,807.171785"]
    ]


def test_a_heading_centred_over_merged_columns_stays_merged() -> None:
    from test_pdf_layout import hline, vline

    xs, ys = [50.0, 150.0, 250.0, 330.0], [100.0, 120.0, 140.0]
    segs = [hline(y, xs[0], xs[-1]) for y in ys] + [vline(x, ys[0], ys[-1]) for x in (50.0, 150.0, 330.0)]
    segs += [vline(250.0, 120.0, 140.0)]
    chars = (
        text_at("项目", 52, 104) + number_at("12345678", 220, 104)
        + text_at("科目", 52, 124) + number_at("1.00", 160, 124) + number_at("2.00", 260, 124)
    )
    (grid,) = grids(layout_page(chars, segs))
    assert grid.rows[0][1].text == "12345678" and grid.rows[0][1].colspan == 2


# --- a table printed in two column halves on consecutive pages ----------------------------------


def _boxed_grid(page: int, top: float, rows: list[list[str]], x0: float = 100.0, width: float = 70.0):
    from yusuan.blocks import Cell, Grid

    cells = [
        [Cell(t, page=page, bbox=(x0 + j * width, top + i * 20, x0 + (j + 1) * width, top + (i + 1) * 20))
         for j, t in enumerate(r)]
        for i, r in enumerate(rows)
    ]
    return Grid(rows=cells, page=page, bbox=(x0, top, x0 + width * len(rows[0]), top + 20 * len(rows)))


def test_income_table_printed_in_two_column_halves_is_one_row() -> None:
    from test_tables import doc_of, only

    from yusuan.blocks import TextLine

    doc = doc_of(
        TextLine("收入总表", page=3, bbox=(100, 60, 300, 80)),
        _boxed_grid(3, 100, [["合计", "本年收入", ""], ["", "小计", "一般公共预算资金"], ["15.00", "10.00", "9.00"]]),
        TextLine("金额单位：万元", page=4, bbox=(100, 60, 310, 80)),
        # the group heading over the second half's last two columns, taken out of its frame row
        TextLine("上年结转结余", page=4, bbox=(170, 80, 310, 100)),
        _boxed_grid(4, 100, [["其他收入", "小计", "一般公共预算资金"], ["1.00", "5.00", "5.00"]]),
    )
    (row,) = only(doc, "income").rows
    assert {k: str(a.value) for k, a in row.values.items()} == {
        "total": "15.00", "current": "10.00", "gpb": "9.00",
        "other": "1.00", "carryover": "5.00", "carryover_gpb": "5.00",
    }
