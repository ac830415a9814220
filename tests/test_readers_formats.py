"""DOCX, XLSX and HTML readers: the same content gives the same blocks (and facts) as its text version.

The fixtures in tests/fixtures/formats/ are built from tests/fixtures/seeds/003 by make.py (see the
README there); the text version is that seed read by the text reader.
"""

from __future__ import annotations

import functools
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.blocks import Grid, RawDocument, TextLine
from yusuan.errors import ReadError
from yusuan.readers import read
from yusuan.readers.xlsx import format_number

FIX = Path(__file__).parent / "fixtures"
SEED = FIX / "seeds" / "003_31d62b466531c757.txt"
FORMATS = FIX / "formats"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def grids(raw: RawDocument) -> list[list[list[str]]]:
    return [[[norm(t) for t in row] for row in b.texts()] for b in raw.blocks if isinstance(b, Grid)]


def lines(raw: RawDocument) -> list[str]:
    return [norm(b.text) for b in raw.blocks if isinstance(b, TextLine)]


@pytest.fixture(scope="module")
def text_version() -> RawDocument:
    return read(str(SEED))


@functools.cache
def fixture(fmt: str) -> RawDocument:
    """A format fixture read once for the whole module (tests only look at it)."""
    return read(str(FORMATS / f"seed003.{fmt}"))


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_whole_document_formats_give_the_text_versions_blocks(text_version: RawDocument, fmt: str) -> None:
    raw = fixture(fmt)
    assert raw.format == fmt
    assert lines(raw) == lines(text_version)
    assert grids(raw) == grids(text_version)
    # reading order: each grid sits after the same text line as in the text version
    def order(r: RawDocument) -> list[str]:
        return ["GRID" if isinstance(b, Grid) else norm(b.text) for b in r.blocks]

    assert order(raw) == order(text_version)


def test_xlsx_one_sheet_per_table(text_version: RawDocument) -> None:
    raw = fixture("xlsx")
    assert raw.format == "xlsx" and raw.pages == 8
    gs = [b for b in raw.blocks if isinstance(b, Grid)]
    assert len(gs) == 8
    text_grids = grids(text_version)
    # each sheet's grid is one of the text version's tables, in order, cell for cell
    assert [text_grids.index(g) for g in grids(raw)] == list(range(8))
    # the lines above each grid: 表号, title, 编制单位, 单位 on the sheet's rows 1–3
    first = [b for b in raw.blocks if isinstance(b, TextLine) and b.page == 1]
    assert [(b.text, b.line) for b in first] == [
        ("表一：", 1), ("部门收支总体情况表", 2), ("编制单位：库尔勒市医疗保障局", 3), ("单位：万元", 3),
    ]
    assert first[1].bold
    assert gs[0].source == "xlsx:表一!A4:D36" and gs[0].page == 1 and gs[0].line == 4
    assert gs[1].source.startswith("xlsx:表二!A4:")


def test_xlsx_numbers_printed_from_float_cells() -> None:
    raw = fixture("xlsx")
    g = next(b for b in raw.blocks if isinstance(b, Grid))
    # 6,523.73 is stored as the binary float 6523.72999…; the format gives it back as printed
    assert g.rows[2][1].text == "6,523.73"
    assert g.rows[2][1].line == 6  # Excel row of the cell
    assert g.rows[2][3].text == "5.00"


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_merged_header_cells_become_spans(fmt: str) -> None:
    raw = fixture(fmt)
    g = [b for b in raw.blocks if isinstance(b, Grid)][1]  # 表二 部门收入总体情况表
    head = g.rows[0]
    assert head[0].text == "功能分类科目编码" and head[0].colspan == 3 and head[0].rowspan == 1
    assert head[1].text == "" and head[2].text == ""
    assert head[3].text == "功能分类科目名称" and head[3].rowspan == 2 and head[3].colspan == 1
    assert [c.text for c in g.rows[1][:4]] == ["类", "款", "项", ""]
    assert all(len(r) == g.ncols for r in g.rows)


def test_html_page_furniture_is_ignored() -> None:
    raw = fixture("html")
    everything = " ".join(lines(raw)) + " ".join(t for g in grids(raw) for r in g for t in r)
    for furniture in ("首页", "当前位置", "统计代码", "分享到", "主办单位", "console.log"):
        assert furniture not in everything
    headings = [b for b in raw.blocks if isinstance(b, TextLine) and b.heading]
    assert headings and all(b.text.startswith("第") and "部分" in b.text for b in headings)


def test_docx_headings_from_styles() -> None:
    raw = fixture("docx")
    heads = [b.text for b in raw.blocks if isinstance(b, TextLine) and b.heading == 1]
    assert "第一部分 库尔勒市医疗保障局概况" in heads
    assert all(b.heading == 0 for b in raw.blocks if isinstance(b, TextLine) and b.text.startswith("表一"))


def test_same_facts_as_text_version() -> None:
    from yusuan.parse import parse_document
    from yusuan.render.facts import iter_facts

    def facts(raw: RawDocument) -> list[tuple[object, ...]]:
        doc = parse_document(raw)
        return sorted((f["table"], f["code"], f["name"], f["column"], f["value"]) for f in iter_facts(doc))

    text_facts = facts(read(str(SEED)))
    if not text_facts:
        pytest.skip("yusuan/parse/tables.py gives no facts yet")
    # the xlsx holds only the tables, which is all facts come from
    for fmt in ("docx", "html", "xlsx"):
        assert facts(read(str(FORMATS / f"seed003.{fmt}"))) == text_facts, fmt


# --- number formats -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "fmt", "printed"),
    [
        (2260.66, "#,##0.00", "2,260.66"),
        (2260.6599999999999, "#,##0.00", "2,260.66"),
        (304413900, "#,##0", "304,413,900"),
        (304413900, "General", "304413900"),
        (0.1 + 0.2, "General", "0.3"),
        (32852.053832, "#,##0.000000", "32,852.053832"),
        (-1234.5, "#,##0.00;(#,##0.00)", "(1,234.50)"),
        (-1234.5, "#,##0.00", "-1,234.50"),
        (-3, "#,##0.00_);[Red]\\(#,##0.00\\)", "(3.00)"),
        (0, '#,##0.00;-#,##0.00;"-"', "-"),
        (0.125, "0.00%", "12.50%"),
        (5, "0.00_ ", "5.00"),
        (12.3, '0.00"万元"', "12.30万元"),
        (2.675, "0.00", "2.68"),  # half-up on the decimal value, as Excel shows it
        (7.0, "0.##", "7"),
        (Decimal("1.10"), "0.00", "1.10"),
    ],
)
def test_format_number(value: object, fmt: str, printed: str) -> None:
    assert format_number(value, fmt) == printed


# --- inline workbooks -----------------------------------------------------------------------------


def _workbook(tmp_path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "支出表"
    ws["A1"] = "一般公共预算支出情况表"
    ws.merge_cells("A1:D1")
    ws["A2"] = "编制单位：某某局"
    ws["D2"] = "单位：元"
    ws.append(["科目编码", "科目名称", "合计", "基本支出"])
    ws.append(["201", "一般公共服务支出", 1234567.8, -12])
    ws["C4"].number_format = "#,##0.00"
    ws["D4"].number_format = "#,##0.00;(#,##0.00)"
    ws.append([])  # a spacer row inside the table
    ws.append(["229", "其他支出"])  # a category row with no amounts, last in the table
    ws.append(["注：本表无政府性基金预算。"])
    hidden = wb.create_sheet("代码表")
    hidden["A1"], hidden["B1"] = "201", "一般公共服务支出"
    hidden.sheet_state = "hidden"
    p = tmp_path / "inline.xlsx"
    wb.save(p)
    return p


def test_xlsx_inline_layout(tmp_path: Path) -> None:
    raw = read(str(_workbook(tmp_path)))
    kinds = [(type(b).__name__, b.texts() if isinstance(b, Grid) else b.text) for b in raw.blocks]
    assert kinds == [
        ("TextLine", "一般公共预算支出情况表"),
        ("TextLine", "编制单位：某某局"),
        ("TextLine", "单位：元"),
        ("Grid", [
            ["科目编码", "科目名称", "合计", "基本支出"],
            ["201", "一般公共服务支出", "1,234,567.80", "(12.00)"],
            ["229", "其他支出", "", ""],
        ]),
        ("TextLine", "注：本表无政府性基金预算。"),
    ]  # the hidden 代码表 sheet is not read
    g = raw.blocks[3]
    assert isinstance(g, Grid) and g.source == "xlsx:支出表!A3:D6"
    assert [r[0].line for r in g.rows] == [3, 4, 6]


def test_html_inline_spans_and_layout_tables(tmp_path: Path) -> None:
    page = """<html><head><meta charset="gb2312"><title>t</title></head><body>
    <table class="layout"><tr><td><div class="nav-top">首页</div>
    <h3>支出决算表</h3><p>单位：<b>万元</b></p>
    <table><thead><tr><th rowspan="2">科目</th><th colspan="2">金额</th></tr>
    <tr><th>基本</th><th>项目</th></tr></thead>
    <tbody><tr><td>201 一般公共服务支出</td><td>1.00</td><td>2.00</td></tr></tbody></table>
    <p>说明<br>第二行</p></td></tr></table></body></html>"""
    p = tmp_path / "page.htm"
    p.write_bytes(page.encode("gb18030"))
    raw = read(str(p))
    assert [b.text for b in raw.blocks if isinstance(b, TextLine)] == ["支出决算表", "单位：万元", "说明", "第二行"]
    assert raw.blocks[0].heading == 3  # type: ignore[union-attr]
    (g,) = [b for b in raw.blocks if isinstance(b, Grid)]
    assert g.texts() == [["科目", "金额", ""], ["", "基本", "项目"], ["201 一般公共服务支出", "1.00", "2.00"]]
    assert g.rows[0][0].rowspan == 2 and g.rows[0][1].colspan == 2 and g.rows[0][0].bold
    assert g.rows[2][1].line is not None


def test_docx_inline_vmerge_and_bold(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("一般公共预算支出情况表", level=2)
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "科目"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "金额"
    t.cell(1, 1).text, t.cell(1, 2).text = "基本", "项目"
    t.cell(2, 0).paragraphs[0].add_run("合计").bold = True
    t.cell(2, 1).text, t.cell(2, 2).text = "1.00", "2.00"
    d.add_paragraph("注：无。")
    p = tmp_path / "x.docx"
    d.save(str(p))
    raw = read(str(p))
    assert isinstance(raw.blocks[0], TextLine) and raw.blocks[0].heading == 2
    g = raw.blocks[1]
    assert isinstance(g, Grid) and g.source == "docx:table1"
    assert g.texts() == [["科目", "金额", ""], ["", "基本", "项目"], ["合计", "1.00", "2.00"]]
    assert g.rows[0][0].rowspan == 2 and g.rows[0][1].colspan == 2
    assert g.rows[2][0].bold and not g.rows[2][1].bold
    assert [r[0].line for r in g.rows] == [2, 3, 4]
    assert isinstance(raw.blocks[2], TextLine) and raw.blocks[2].line == 5


# --- bad files ------------------------------------------------------------------------------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _bad(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(ReadError) as info:
        read(str(p))
    msg = str(info.value)
    assert name in msg and "Traceback" not in msg
    return info.value.reason


@pytest.mark.parametrize("name", ["a.docx", "a.xlsx"])
def test_encrypted_office_file(tmp_path: Path, name: str) -> None:
    data = OLE + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500
    assert "密码" in _bad(tmp_path, name, data)


@pytest.mark.parametrize(("name", "old"), [("a.docx", ".doc"), ("a.xlsx", ".xls")])
def test_legacy_binary_office_file(tmp_path: Path, name: str, old: str) -> None:
    assert old in _bad(tmp_path, name, OLE + b"\x00" * 1000 + "WordDocument".encode("utf-16-le"))


@pytest.mark.parametrize("name", ["seed003.docx", "seed003.xlsx"])
def test_truncated_office_file(tmp_path: Path, name: str) -> None:
    data = (FORMATS / name).read_bytes()
    assert "损坏" in _bad(tmp_path, name, data[: len(data) // 2])


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    p = tmp_path / "x.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ReadError) as info:
        read(str(p))
    assert "xl/workbook.xml" in info.value.reason


def test_not_a_zip(tmp_path: Path) -> None:
    assert "不是" in _bad(tmp_path, "a.docx", b"hello, this is text" * 20)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><body><script>x()</script><nav>menu</nav></body></html>", "没有正文"),
        (b"   \n ", "空白"),
    ],
)
def test_html_without_content(tmp_path: Path, data: bytes, reason: str) -> None:
    assert reason in _bad(tmp_path, "a.html", data)


def test_empty_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    p = tmp_path / "e.xlsx"
    Workbook().save(p)
    with pytest.raises(ReadError) as info:
        read(str(p))
    assert "空" in info.value.reason


def test_xlsx_tables_stacked_on_one_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in (
        ["部门收入总体情况表"], ["单位：万元"], ["科目", "合计"], ["201 一般公共服务支出", 1.5],
        [], ["部门支出总体情况表"], ["单位：万元"], ["科目", "合计"], ["201 一般公共服务支出", 1.5],
    ):
        ws.append(row)
    p = tmp_path / "stacked.xlsx"
    wb.save(p)
    raw = read(str(p))
    shape = ["GRID" if isinstance(b, Grid) else b.text for b in raw.blocks]
    assert shape == ["部门收入总体情况表", "单位：万元", "GRID", "部门支出总体情况表", "单位：万元", "GRID"]
    assert [b.source for b in raw.blocks if isinstance(b, Grid)] == ["xlsx:Sheet!A3:B4", "xlsx:Sheet!A8:B9"]


def test_html_layout_tables_are_text(tmp_path: Path) -> None:
    p = tmp_path / "frame.html"
    p.write_text(
        "<html><body><header>网站首页</header><article><header><h1>2024年部门预算</h1></header></article>"
        "<table><tr><td><p>第一部分 概况</p><p>一、主要职能</p></td></tr></table>"
        "<table><tr><td>项目</td><td>金额</td></tr></table>"
        "<table><tr><td>栏目</td><td><h2>第二部分</h2><p>正文</p></td></tr></table></body></html>",
        encoding="utf-8",
    )
    raw = read(str(p))
    assert ["GRID" if isinstance(b, Grid) else b.text for b in raw.blocks] == [
        "2024年部门预算", "第一部分 概况", "一、主要职能", "GRID", "栏目", "第二部分", "正文",
    ]


def test_docx_text_box_read_once(tmp_path: Path) -> None:
    """Word stores a text box twice (DrawingML and a VML fallback); its text must appear once."""
    import docx

    d = docx.Document()
    para = d.add_paragraph("正文")
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    from lxml import etree

    alt = etree.SubElement(para._p, f"{{{w}}}r")
    block = etree.SubElement(alt, f"{{{mc}}}AlternateContent")
    for part in ("Choice", "Fallback"):
        el = etree.SubElement(block, f"{{{mc}}}{part}")
        t = etree.SubElement(etree.SubElement(el, f"{{{w}}}r"), f"{{{w}}}t")
        t.text = "框内文字"
    p = tmp_path / "box.docx"
    d.save(str(p))
    (line,) = read(str(p)).blocks
    assert isinstance(line, TextLine) and line.text == "正文框内文字"


def test_docx_automatic_numbering_is_rebuilt(tmp_path: Path) -> None:
    """一、 （二） written by Word's list numbering are not in the paragraph text: rebuild them."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    numbered("主要职能", 0)
    numbered("机构设置", 0)
    numbered("在职人员", 1)
    numbered("退休人员", 1)
    numbered("预算情况", 0)
    numbered("收入预算", 1)
    d.add_paragraph("没有编号的段落")
    p = tmp_path / "numbered.docx"
    d.save(str(p))
    assert [b.text for b in read(str(p)).blocks] == [
        "一、主要职能", "二、机构设置", "（一）在职人员", "（二）退休人员", "三、预算情况", "（一）收入预算", "没有编号的段落",
    ]


@pytest.mark.parametrize(
    ("n", "fmt", "text"),
    [(1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
     (21, "chineseCountingThousand", "二十一"), (3, "decimal", "3"), (2, "decimalEnclosedCircle", "②"),
     (4, "upperRoman", "IV"), (2, "lowerLetter", "b"), (1, "bullet", "")],
)
def test_docx_counter_formats(n: int, fmt: str, text: str) -> None:
    from yusuan.readers.docx import format_counter

    assert format_counter(n, fmt) == text


def test_xlsx_formulas_never_calculated_are_noted(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["科目", "金额"])
    ws.append(["201 一般公共服务支出", 1])
    ws.append(["合计", "=SUM(B2:B2)"])  # openpyxl writes the formula without a cached value
    p = tmp_path / "f.xlsx"
    wb.save(p)
    raw = read(str(p))
    assert raw.meta["formulas_without_value"] == "Sheet!B3（1 个）"
    (g,) = [b for b in raw.blocks if isinstance(b, Grid)]
    assert g.texts()[-1] == ["合计", ""]


@pytest.mark.parametrize(("name", "hint"), [("old.doc", ".doc"), ("old.xls", ".xls")])
def test_legacy_suffixes_say_how_to_convert(tmp_path: Path, name: str, hint: str) -> None:
    reason = _bad(tmp_path, name, OLE + b"\x00" * 2000)
    assert hint in reason and "另存为" in reason


def test_docx_pages_from_word_layout_marks(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    d.add_paragraph("第一页")
    d.add_page_break()  # an explicit break: ignored once Word's own layout marks are present
    p2 = d.add_paragraph()
    p2._p.append(parse_xml(f'<w:r {w}><w:lastRenderedPageBreak/><w:t>第二页开头</w:t></w:r>'))
    t = d.add_table(rows=2, cols=1)
    t.cell(0, 0).text = "表头"
    t.cell(1, 0).paragraphs[0]._p.append(parse_xml(f'<w:r {w}><w:lastRenderedPageBreak/><w:t>续表</w:t></w:r>'))
    p = tmp_path / "pages.docx"
    d.save(str(p))
    raw = read(str(p))
    lines = {b.text: b.page for b in raw.blocks if isinstance(b, TextLine)}
    assert lines == {"第一页": 1, "第二页开头": 2}
    g = next(b for b in raw.blocks if isinstance(b, Grid))
    assert [r[0].page for r in g.rows] == [2, 3] and g.page == 2 and raw.pages == 3


def test_docx_pages_from_explicit_breaks_or_unknown(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("一")
    d.add_page_break()
    d.add_paragraph("二")
    p = tmp_path / "breaks.docx"
    d.save(str(p))
    assert [(b.text, b.page) for b in read(str(p)).blocks] == [("一", 1), ("二", 2)]  # type: ignore[union-attr]
    assert all(b.page is None for b in fixture("docx").blocks)


def test_docx_table_framed_in_a_one_cell_table(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    frame = d.add_table(rows=1, cols=1)
    box = frame.cell(0, 0)
    box.paragraphs[0].text = "一般公共预算支出情况表"
    inner = box.add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "科目", "金额"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "合计", "1.00"
    box.add_paragraph("单位：万元")
    p = tmp_path / "framed.docx"
    d.save(str(p))
    raw = read(str(p))
    shape = [b.texts() if isinstance(b, Grid) else b.text for b in raw.blocks]
    assert shape == ["一般公共预算支出情况表", [["科目", "金额"], ["合计", "1.00"]], "单位：万元"]


def test_xlsx_hidden_rows_and_columns_are_not_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["科目", "内部代码", "金额"])
    ws.append(["201 一般公共服务支出", "X01", 1])
    ws.append(["草稿行", "X02", 99])
    ws.append(["合计", "", 1])
    ws.column_dimensions["B"].hidden = True
    ws.row_dimensions[3].hidden = True
    p = tmp_path / "hidden.xlsx"
    wb.save(p)
    (g,) = [b for b in read(str(p)).blocks if isinstance(b, Grid)]
    assert g.texts() == [["科目", "", "金额"], ["201 一般公共服务支出", "", "1"], ["合计", "", "1"]]
