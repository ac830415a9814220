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
