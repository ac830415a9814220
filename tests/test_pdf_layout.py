"""Page layout from characters and rulings, on inline pages (no PDF file needed)."""

from __future__ import annotations

from yusuan.blocks import Grid, TextLine
from yusuan.readers.pdf_extract import Char, Segment
from yusuan.readers.pdf_layout import find_tables, group_lines, join_chars, layout_page

SIZE = 10.0


def text_at(text: str, x: float, top: float, step: float = 0) -> list[Char]:
    """Characters of ``text`` laid out left to right from (x, top): one every ``step`` points, or
    each after the previous (CJK a full em, Latin and digits half) when ``step`` is 0."""
    out = []
    for i, ch in enumerate(text):
        w = SIZE if ord(ch) > 127 else SIZE / 2
        x0 = x + i * step if step else x
        out.append(Char(ch, x0, top, x0 + w, top + SIZE, SIZE))
        if not step:
            x += w
    return out


def number_at(text: str, x: float, top: float) -> list[Char]:
    return text_at(text, x, top, step=0)


def hline(y: float, x0: float, x1: float) -> Segment:
    return Segment(x0, y, x1, y)


def vline(x: float, y0: float, y1: float) -> Segment:
    return Segment(x, y0, x, y1)


def ruled(xs: list[float], ys: list[float]) -> list[Segment]:
    return [hline(y, xs[0], xs[-1]) for y in ys] + [vline(x, ys[0], ys[-1]) for x in xs]


def grids(blocks: list) -> list[Grid]:
    return [b for b in blocks if isinstance(b, Grid)]


def test_spaced_title_is_joined_and_latin_words_keep_their_space() -> None:
    chars = text_at("收入总计", 100, 50, step=25) + number_at("PMI", 100, 80) + number_at("index", 125, 80)
    lines = [join_chars(ln) for ln in group_lines(chars)]
    assert lines == ["收入总计", "PMI index"]


def test_far_apart_runs_on_one_line_are_separate_text_lines() -> None:
    chars = text_at("编制单位：某某局", 50, 40) + text_at("单位：万元", 400, 40)
    blocks = layout_page(chars, [], page=3)
    assert [b.text for b in blocks if isinstance(b, TextLine)] == ["编制单位：某某局", "单位：万元"]
    assert all(b.page == 3 and b.bbox is not None for b in blocks)


def test_simulated_bold_glyphs_printed_twice_are_read_once() -> None:
    chars = text_at("合计", 100, 50)
    doubled = sorted(
        chars + [Char(c.text, c.x0 + 0.3, c.top, c.x1 + 0.3, c.bottom, SIZE) for c in chars],
        key=lambda c: c.x0,
    )
    blocks = layout_page(doubled, [])
    assert [b.text for b in blocks if isinstance(b, TextLine)] == ["合计"]


def test_ruled_table_with_merged_header_blank_cell_and_wrapped_number() -> None:
    # | 项目 (2 rows) | 预算数 (2 columns)   |
    # |               | 基本支出 | 项目支出  |
    # | 合计          | 24995.9/4 | (blank)  |   (number wrapped inside its cell)
    # | 其他          | 1.00     | 2.00      |
    segs = [hline(y, 50, 250) for y in (100, 140, 175, 195)] + [hline(120, 150, 250)]
    segs += [vline(50, 100, 195), vline(150, 100, 195), vline(200, 120, 195), vline(250, 100, 195)]
    chars = text_at("项目", 60, 115) + text_at("预算数", 180, 105)
    chars += text_at("基本支出", 155, 125) + text_at("项目支出", 205, 125)
    chars += text_at("合计", 60, 152) + number_at("24995.9", 160, 145) + number_at("4", 160, 157)
    chars += text_at("其他", 60, 180) + number_at("1.00", 160, 180) + number_at("2.00", 210, 180)
    chars += text_at("2026年收支预算总表", 60, 70)
    blocks = layout_page(chars, segs, page=11)
    assert isinstance(blocks[0], TextLine) and blocks[0].text == "2026年收支预算总表"
    (g,) = grids(blocks)
    assert g.texts() == [
        ["项目", "预算数", ""],
        ["", "基本支出", "项目支出"],
        ["合计", "24995.94", ""],
        ["其他", "1.00", "2.00"],
    ]
    assert (g.rows[0][0].rowspan, g.rows[0][1].colspan) == (2, 2)
    assert g.rows[2][1].page == 11 and g.rows[2][1].bbox == (150.0, 140.0, 200.0, 175.0)
    assert g.source == "ruled"


def test_vertical_header_spans_rows() -> None:
    xs = [0.0, 30.0, 130.0, 180.0]
    segs = [hline(0, 0, 180), hline(60, 0, 180), hline(20, 30, 180), hline(40, 30, 180)]
    segs += [vline(x, 0, 60) for x in xs]
    chars = text_at("单", 10, 5) + text_at("位", 10, 25) + text_at("甲", 10, 45)  # vertical text
    chars += text_at("一", 40, 5) + number_at("1.00", 140, 5)
    chars += text_at("二", 40, 25) + number_at("2.00", 140, 25)
    chars += text_at("三", 40, 45) + number_at("3.00", 140, 45)
    (g,) = grids(layout_page(chars, segs))
    assert g.rows[0][0].text == "单位甲" and g.rows[0][0].rowspan == 3
    assert [r[2].text for r in g.rows] == ["1.00", "2.00", "3.00"]


def test_double_frame_adds_no_phantom_column_and_title_inside_frame_is_text() -> None:
    inner_x, inner_y = [50.0, 150.0, 250.0], [100.0, 120.0, 140.0, 160.0]
    segs = ruled(inner_x, inner_y)
    segs += ruled([46.0, 254.0], [76.0, 164.0])  # outer frame 4pt outside, title row inside it
    chars = text_at("预算03表支出总表", 90, 80)
    chars += text_at("科目", 60, 105) + text_at("合计", 160, 105)
    chars += text_at("行政运行", 60, 125) + number_at("3,138.093600", 160, 125)
    chars += text_at("住房公积金", 60, 145) + number_at("128138,600", 160, 145)
    blocks = layout_page(chars, segs)
    (g,) = grids(blocks)
    assert g.ncols == 2
    # printed as is: a misplaced digit group is for the audit to report, not the reader to repair
    assert g.texts() == [["科目", "合计"], ["行政运行", "3,138.093600"], ["住房公积金", "128138,600"]]
    assert [b.text for b in blocks if isinstance(b, TextLine)] == ["预算03表支出总表"]


def test_two_tables_on_one_page_in_reading_order() -> None:
    segs = ruled([50, 150, 250], [100, 120, 140]) + ruled([50, 150, 250], [300, 320, 340])
    chars = text_at("表一", 60, 80) + text_at("甲", 60, 105) + number_at("1", 160, 105)
    chars += text_at("乙", 60, 125) + number_at("2", 160, 125)
    chars += text_at("表二", 60, 280) + text_at("丙", 60, 305) + number_at("3", 160, 305)
    chars += text_at("丁", 60, 325) + number_at("4", 160, 325)
    blocks = layout_page(chars, segs)
    kinds = [b.text if isinstance(b, TextLine) else b.texts()[0][0] for b in blocks]
    assert kinds == ["表一", "甲", "表二", "丙"]


def test_rulings_drawn_in_pieces_make_one_boundary() -> None:
    # a row border drawn cell by cell, slightly offset, is one line
    segs = [hline(100, 50, 150), hline(100.4, 150, 250), hline(120, 50, 250), hline(140, 50, 250)]
    segs += [vline(50, 100, 140), vline(150, 100, 120), vline(150.5, 120, 140), vline(250, 100, 140)]
    (t,) = find_tables(segs)
    assert len(t.xs) == 3 and len(t.ys) == 3
    assert len(t.cells) == 4


def test_empty_frame_is_not_a_table_and_boxed_text_stays_text() -> None:
    segs = ruled([50, 500], [100, 130])
    chars = text_at("注：本表为空表。", 60, 110)
    blocks = layout_page(chars, segs)
    assert [type(b).__name__ for b in blocks] == ["TextLine"]


def test_leading_ideographic_spaces_keep_a_row_names_level() -> None:
    # tables that print no codes show 类 / 款 / 项 by indenting the name with U+3000
    segs = ruled([50, 200, 260], [100, 120, 140])
    chars = text_at("公共安全支出", 55, 105) + number_at("325,711.11", 205, 105)
    chars += text_at("\u3000\u3000行政运行", 55, 125) + number_at("260,448.73", 205, 125)
    (g,) = grids(layout_page(chars, segs))
    assert g.texts() == [["公共安全支出", "325,711.11"], ["\u3000\u3000行政运行", "260,448.73"]]


def test_a_cell_of_blanks_only_is_empty() -> None:
    segs = ruled([50, 200, 260], [100, 120, 140])
    chars = text_at("项目", 55, 105) + text_at("金额", 205, 105) + text_at("\u3000\u3000", 55, 125)
    chars += number_at("1.00", 205, 125)
    (g,) = grids(layout_page(chars, segs))
    assert g.texts()[1] == ["", "1.00"]
