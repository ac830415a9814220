"""Table recognition and grid interpretation, on small inline documents."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.blocks import Block, Cell, Grid, RawDocument, TextLine
from yusuan.model import Document, Table
from yusuan.parse import parse_document, scattered
from yusuan.tables import CANONICAL_TABLES, catalog, match_column, match_title


def grid(*rows: str, line: int = 100) -> Grid:
    """A grid from rows written as 'a | b | c' (cells trimmed; an empty cell is blank)."""
    cells = [[Cell(c.strip(), line=line + i) for c in r.split("|")] for i, r in enumerate(rows)]
    width = max(len(r) for r in cells)
    for r in cells:
        r.extend(Cell("", line=r[0].line) for _ in range(width - len(r)))
    return Grid(rows=cells, line=line, source="tsv")


def doc_of(*blocks: Block | str) -> Document:
    raw = RawDocument(path="inline.txt", format="tsv")
    for i, b in enumerate(blocks, start=1):
        raw.blocks.append(TextLine(b, line=i) if isinstance(b, str) else b)
    return parse_document(raw)


def only(doc: Document, table_id: str) -> Table:
    tables = doc.tables_of(table_id)
    assert len(tables) == 1, [t.id for t in doc.tables]
    return tables[0]


def vals(t: Table, code: str, side: str | None = None) -> dict[str, str]:
    row = next(r for r in t.rows if r.code == code and (side is None or r.side == side))
    return {k: str(a.value) for k, a in row.values.items()}


EXPENSE_HEADER = (
    "科目 | | | 支出预算 | |",
    "功能分类科目编码 | | | 功能分类科目名称 | 合计 | 基本支出 | 项目支出",
    "类 | 款 | 项 | | | |",
    "※ | ※ | ※ | ※ | 1 | 2 | 3",
)


def test_multi_row_header_numbering_row_and_split_codes() -> None:
    doc = doc_of(
        "表 3",
        "部门支出总体情况表",
        "编制部门：某某局",
        "单位：万元",
        grid(
            *EXPENSE_HEADER,
            " | | | 总计 | 30.00 | 10.00 | 20.00",
            "210 | | | 卫生健康支出 | 30.00 | 10.00 | 20.00",
            "210 | 15 | | 医疗保障管理事务 | 30.00 | 10.00 | 20.00",
            "210 | 15 | 01 | 行政运行 | 10.00 | 10.00 |",
            "210 | 15 | 99 | 其他医疗保障管理事务支出 | 20.00 | | 20.00",
        ),
    )
    t = only(doc, "expense")
    assert t.number == "表3" and t.preparer == "某某局" and t.unit == "万元"
    assert [c.id for c in t.columns] == ["total", "basic", "project"]
    assert [r.code for r in t.rows] == ["TOTAL", "210", "21015", "2101501", "2101599"]
    assert vals(t, "2101501") == {"total": "10.00", "basic": "10.00"}  # the empty 项目支出 cell is absent
    assert vals(t, "2101599") == {"total": "20.00", "project": "20.00"}
    assert t.rows[3].name == "行政运行"


def test_code_in_one_cell_and_code_with_name() -> None:
    doc = doc_of(
        "一般公共预算支出情况表",
        "单位：万元",
        grid(
            "科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出",
            "2101501 | 行政运行 | 5.00 | 5.00 |",
        ),
        "一般公共预算基本支出情况表",
        grid(
            "经济分类科目 | 合计 | 人员经费 | 公用经费",
            "301 工资福利支出 | 4.00 | 4.00 |",
            "30101 基本工资 | 4.00 | 4.00 |",
        ),
    )
    t = only(doc, "gpb_expense")
    assert t.rows[0].code == "2101501" and t.rows[0].name == "行政运行"
    b = only(doc, "gpb_basic")
    assert [(r.code, r.name) for r in b.rows] == [("301", "工资福利支出"), ("30101", "基本工资")]
    assert vals(b, "30101") == {"total": "4.00", "personnel": "4.00"}


def test_codes_completed_from_rows_above_are_marked_inferred() -> None:
    # A converter dropped the class from 款 rows and printed the class in the 款 cell of 项 rows.
    doc = doc_of(
        "部门支出总体情况表",
        grid(
            "功能分类科目编码 | | | 合计 | 基本支出 | 项目支出",
            "类 | 款 | 项 | | |",
            "201 | | | 5.00 | | 5.00",
            " | 32 | | 5.00 | | 5.00",
            " | 201 | 99 | 5.00 | | 5.00",
            " | | | 5.00 | | 5.00",
        ),
    )
    t = only(doc, "expense")
    assert [r.code for r in t.rows] == ["201", "20132", "2013299", "TOTAL"]
    assert [r.source.inferred for r in t.rows] == [False, True, True, True]


def test_table_continued_over_pages_is_one_table_and_wrapped_name_joined() -> None:
    header = ("科目编码 | | | 功能分类科目名称 | 项目名称 | 项目支出合计 | 商品服务支出", "类 | 款 | 项 | | | |")
    doc = doc_of(
        "表7",
        "一般公共预算项目支出情况表",
        "单位：万元",
        grid(*header, " | | | 总计 | | 3.00 | 3.00", "210 | 15 | 99 | 其他医疗保障管理事务支 | 甲项目 | 1.00 | 1.00"),
        "编制部门：某某局",
        "单位：万元",
        grid(*header, " | | | 出 | | |", "210 | 15 | 99 | 其他医疗保障管理事务支出 | 乙项目 | 2.00 | 2.00", line=200),
        "表8",
        "政府性基金预算支出情况表",
        grid("科目 | 合计", "合计 | "),
    )
    t = only(doc, "gpb_project")
    assert [(r.code, r.name, r.project) for r in t.rows] == [
        ("TOTAL", "总计", None),
        ("2101599", "其他医疗保障管理事务支出", "甲项目"),
        ("2101599", "其他医疗保障管理事务支出", "乙项目"),
    ]
    assert vals(t, "TOTAL") == {"total": "3.00", "econ302": "3.00"}
    assert t.rows[2].source.line == 203


def test_empty_tables_with_note_and_with_only_a_total_row() -> None:
    doc = doc_of(
        "政府性基金预算支出情况表",
        "单位：万元",
        grid("科目 | | | 政府性基金预算支出", "功能分类科目编码 | | | 合计", "类 | 款 | 项 |"),
        "某某局没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。",
        "国有资本经营预算支出情况表",
        grid("功能分类科目名称 | 合计 | 基本支出 | 项目支出", "合计 | | |"),
    )
    g = only(doc, "gov_fund")
    assert g.empty and g.empty_note and "为空表" in g.empty_note and not g.rows
    s = only(doc, "soe_capital")
    assert s.empty and s.empty_note is None
    assert [r.code for r in s.rows] == ["TOTAL"]


def test_unknown_table_is_kept_as_generic_with_positional_columns() -> None:
    doc = doc_of(
        "部门预算专项资金绩效评价结果汇总表",
        "单位：万元",
        grid("序号 | 名称 | 金额 | 备注", "1 | 甲 | 1.50 | 无", "2 | 乙 | 2.50 |"),
    )
    t = only(doc, "generic")
    assert t.title == "部门预算专项资金绩效评价结果汇总表"
    assert len(t.rows) == 2
    assert any(d.code == "unknown-table" for d in doc.diagnostics)
    assert all(c.id.startswith("col") for c in t.columns)
    amounts = [a.value for r in t.rows for a in r.values.values()]
    assert Decimal("1.50") in amounts and Decimal("2.50") in amounts


def test_summary_two_sided_rows_get_sides_and_item_codes() -> None:
    doc = doc_of(
        "表1 部门收支总体情况表",
        "单位：万元",
        grid(
            "收入 | | 支出 |",
            "项目 | 预算数 | 支出功能分类 | 预算数",
            "一、本年收入 | 8.00 | 201 一般公共服务支出 | 6.00",
            "1. 一般公共预算拨款 | 8.00 | 210 卫生健康支出 | 4.00",
            "其中：一般财力 | 8.00 | |",
            "二、上年结转结余 | 2.00 | |",
            "1、财政拨款结转 | 2.00 | |",
            "其中：一般公共预算拨款 | 2.00 | |",
            "收入总计 | 10.00 | 支出总计 | 10.00",
        ),
    )
    t = only(doc, "summary")
    assert t.number == "表1"
    income = [(r.code, r.values["amount"].value) for r in t.rows if r.side == "income"]
    assert income == [
        ("income.current", Decimal("8.00")),
        ("income.gpb", Decimal("8.00")),
        ("income.gpb_general", Decimal("8.00")),
        ("income.carryover", Decimal("2.00")),
        ("income.fiscal_carryover", Decimal("2.00")),
        ("income.carryover_gpb", Decimal("2.00")),  # same label, below 上年结转: carried-over money
        ("TOTAL", Decimal("10.00")),
    ]
    assert [r.code for r in t.rows if r.side == "expense"] == ["201", "210", "TOTAL"]
    assert vals(t, "201", "expense") == {"amount": "6.00"}


def test_fiscal_summary_expense_columns() -> None:
    doc = doc_of(
        "财政拨款收支预算总体情况表",
        grid(
            "财政拨款收入 | | 财政拨款支出 | | |",
            "项目 | 合计 | 功能分类 | 合计 | 一般公共预算 | 政府性基金预算",
            "一、财政拨款（补助） | 3.00 | 210 卫生健康支出 | 3.00 | 3.00 |",
            "收入总计 | 3.00 | 支出总计 | 3.00 | 3.00 |",
        ),
    )
    t = only(doc, "fiscal_summary")
    assert vals(t, "210", "expense") == {"total": "3.00", "gpb": "3.00"}
    assert vals(t, "income.fiscal", "income") == {"amount": "3.00"}


def test_three_public_items_as_columns_become_rows() -> None:
    doc = doc_of(
        "表八：",
        "一般公共预算“三公”经费支出情况表",
        grid(
            "合 计 | 因公出国（境）费 | 公务用车购置及运行费 | | | 公务接待费",
            " | | 合 计 | 公务用车购置费 | 公务用车运行费 |",
            "9.60 | | 9.60 | | 9.60 |",
        ),
    )
    t = only(doc, "three_public")
    assert t.number == "表八"
    assert [r.code for r in t.rows] == [
        "TOTAL", "overseas_travel", "vehicles", "vehicle_purchase", "vehicle_operation", "reception"
    ]
    assert vals(t, "vehicle_operation") == {"total": "9.60"}
    assert vals(t, "overseas_travel") == {}


def test_three_public_row_form_with_funding_columns() -> None:
    doc = doc_of(
        "财政拨款“三公”经费支出情况表",
        grid(
            "“三公”经费支出内容 | 合计 | 资金来源 | |",
            " | | 一般公共预算 | 政府性基金 | 国有资本经营预算",
            "※ | 1 | 2 | 3 | 4",
            "合计 | 0.50 | 0.50 | |",
            "因公出国（境）费 | | | |",
            "公务接待费 | 0.50 | 0.50 | |",
            "公务用车购置及运行费（小计） | | | |",
            "其中：公务用车购置费 | | | |",
            "公务用车运行费 | | | |",
        ),
    )
    t = only(doc, "three_public")
    assert [r.code for r in t.rows] == [
        "TOTAL", "overseas_travel", "reception", "vehicles", "vehicle_purchase", "vehicle_operation"
    ]
    assert vals(t, "reception") == {"total": "0.50", "gpb": "0.50"}


def test_left_packed_sub_header_is_put_back_under_its_group() -> None:
    # The converter printed the group's last sub-header after the single columns.
    doc = doc_of(
        "部门收入总体情况表",
        grid(
            "功能分类科目名称 | 总计 | 财政拨款（补助） | | 单位资金 | 财政拨款结转 |",
            " | | 一般公共预算 | 政府性基金预算 | | | 上级国有资本经营预算安排的转移支付",
            "总计 | 6.00 | 1.00 | | | 2.00 | 3.00",
        ),
    )
    t = only(doc, "income")
    assert [c.id for c in t.columns] == ["total", "gpb", "gov_fund", "soe_transfer", "unit_funds", "fiscal_carryover"]
    assert vals(t, "TOTAL") == {"total": "6.00", "gpb": "1.00", "unit_funds": "2.00", "fiscal_carryover": "3.00"}


def test_yuan_converted_exactly_and_printed_text_kept() -> None:
    doc = doc_of(
        "部门支出总体情况表",
        "金额单位：元",
        grid("功能分类科目名称 | 合计 | 基本支出 | 项目支出", "合计 | 1,234,567.89 | 1,234,567.89 |"),
    )
    t = only(doc, "expense")
    a = t.rows[0].values["total"]
    assert a.value == Decimal("123.456789") and a.text == "1,234,567.89" and a.unit == "元"
    assert a.source.line == 101


def test_title_found_by_title_whatever_the_number_and_performance_tables_skipped() -> None:
    doc = doc_of(
        "预算01表 收支总体情况表",
        grid("收入 | | 支出 |", "项目 | 预算数 | 项目 | 预算数", "收入总计 | 1.00 | 支出总计 | 1.00"),
        "项目支出绩效目标表",
        grid("项目名称 | 某项目", "年度预算 | 1.00"),
    )
    assert [t.id for t in doc.tables] == ["summary"]
    assert doc.tables[0].number == "预算01表"


def test_toc_entries_and_sentences_are_not_titles() -> None:
    doc = doc_of(
        "目 录",
        "第二部分 2024年部门预算公开表",
        "一、部门收支总体情况表",
        "第一部分 概况",
        "本部门政府性基金预算支出情况表为空表。",
        "第二部分 2024年部门预算公开表",
        "部门支出总体情况表",
        grid("功能分类科目名称 | 合计", "合计 | 1.00"),
    )
    assert [t.id for t in doc.tables] == ["expense"]


def test_text_lines_under_a_title_go_to_the_scattered_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, str | None, list[str]]] = []

    def fake(heading: scattered.TableHeading, lines: list[TextLine]) -> Table | None:
        seen.append((heading.id, heading.unit, [ln.text for ln in lines]))
        return Table(id=heading.id, title=heading.title, rows=[])

    monkeypatch.setattr(scattered, "parse_scattered_table", fake)
    doc = doc_of("表3", "部门支出总体情况表", "单位：万元", "合计", "1.00", "表4", "财政拨款收支总体情况表", "收入")
    assert seen[0] == ("expense", "万元", ["合计", "1.00"])  # the next table's number is not body
    assert [t.id for t in doc.tables] == ["expense", "fiscal_summary"]


def test_catalog_ids_documented_and_columns_matched() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "tables.md").read_text(encoding="utf-8")
    for table_id in CANONICAL_TABLES:
        assert f"`{table_id}`" in docs, table_id
    assert "performance" not in CANONICAL_TABLES
    spec = match_title("2024年一般公共预算“三公”经费支出情况表")
    assert spec is not None and spec.id == "three_public"
    assert match_column("income", "财政拨款（补助）/上级一般 公共预算 安排的转 移支付") == "gpb_transfer"
    assert match_column("gpb_project", "302 商品和服务支出") == "econ302"
    assert match_column("carryover", "非财政拨款/基本支出/人员经费") == "nonfiscal_personnel"
    assert all(t.titles or t.beside for t in catalog().tables)


def test_three_public_by_year_groups_and_funding_sources() -> None:
    doc = doc_of(
        "2026年财政拨款“三公”经费支出情况表",
        grid(
            "2025年预算数 | | | | | | 2026年预算数 | | | | |",
            "合计 | 因公出国（境）费 | 公务用车购置及运行费 | | | 公务接待费 | 合计 | 因公出国（境）费 | 公务用车购置及运行费 | | | 公务接待费",
            " | | 小计 | 公务用车购置费 | 公务用车运行费 | | | | 小计 | 公务用车购置费 | 公务用车运行费 |",
            "4.00 | 1.00 | 2.00 | | 2.00 | 1.00 | 3.00 | 1.00 | 1.00 | | 1.00 | 1.00",
        ),
        "财政拨款“三公”经费支出表",
        grid(
            " | 总计 | | 因公出国(境)费 | | 公务接待费 |",
            " | 一般公共预算 | 政府性基金预算 | 一般公共预算 | 政府性基金预算 | 一般公共预算 | 政府性基金预算",
            "2025年 | 3.00 | 0.00 | 2.00 | 0.00 | 1.00 | 0.00",
            "2026年 | 2.00 | 0.00 | 1.00 | 0.00 | 1.00 | 0.00",
        ),
    )
    by_year, by_source = doc.tables
    assert by_year.id == by_source.id == "three_public"
    assert doc.year == 2026
    assert vals(by_year, "TOTAL") == {"last_year_total": "4.00", "total": "3.00"}
    assert vals(by_year, "vehicles") == {"last_year_total": "2.00", "total": "1.00"}
    assert vals(by_source, "overseas_travel") == {
        "last_year_gpb": "2.00", "last_year_gov_fund": "0.00", "gpb": "1.00", "gov_fund": "0.00"
    }


def test_section_heading_then_title_is_one_table_and_a_list_of_titles_is_not() -> None:
    doc = doc_of(
        "一、收支预算总表",
        "二、收入预算总表",
        "三、支出预算总表",
        "单位情况见下文",
        "三、支出预算总表",
        "2026年度支出预算总表",
        grid("科目名称 | 合计 | 基本支出 | 项目支出", "合计 | 2.00 | 1.00 | 1.00"),
        "（三）支出预算情况说明（详见表3）",
        "2026年度支出预算总表",
        grid("科目名称 | 合计 | 基本支出 | 项目支出", "行政运行 | 1.00 | 1.00 |", line=300),
    )
    assert [(t.id, t.title) for t in doc.tables] == [("expense", "2026年度支出预算总表")]
    # the title printed again over the next page's grid continues the same table
    assert [r.name for r in doc.tables[0].rows] == ["合计", "行政运行"]


def test_marks_of_the_numbering_row_and_indented_names() -> None:
    doc = doc_of(
        "部门支出总体情况表",
        grid(
            "功能分类科目名称 | 总计 | 基本支出 | | 项目支出",
            " | | 人员支出 | 日常公用支出 |",
            "** | 1 | 2 | 3 | 4",
            "合计 | 3.00 | 1.00 | 1.00 | 1.00",
            "\u3000公安 | 3.00 | 1.00 | 1.00 | 1.00",
        ),
    )
    t = only(doc, "expense")
    assert [c.id for c in t.columns] == ["total", "personnel", "public", "project"]
    assert [r.name for r in t.rows] == ["合计", "公安"]


def test_funding_source_columns_common_to_many_tables() -> None:
    doc = doc_of(
        "基本支出总表",
        grid(
            "科目名称 | 合计 | 财政拨款 | | 单位资金 | | 上年结转结余 |",
            " | | 小计 | 一般公共预算 | 事业收入 | 其他收入 | 一般公共预算 | 单位资金",
            "合计 | 7.00 | 3.00 | 3.00 | 1.00 | 1.00 | 1.00 | 1.00",
        ),
    )
    t = only(doc, "basic_total")
    assert [c.id for c in t.columns] == [
        "total", "fiscal_subtotal", "gpb", "business", "other", "carryover_gpb", "carryover_unit_funds"
    ]


def test_table_without_unit_line_is_read_in_the_documents_unit() -> None:
    doc = doc_of(
        "部门支出总体情况表",
        "单位：元",
        grid("功能分类科目名称 | 合计", "合计 | 10,000.00"),
        "一般公共预算支出情况表",
        grid("功能分类科目名称 | 合计", "合计 | 20,000.00", line=200),
    )
    t = only(doc, "gpb_expense")
    assert t.unit is None  # nothing printed
    a = t.rows[0].values["total"]
    assert a.value == Decimal("2") and a.unit == "元"
    assert any("单位" in n for n in t.notes)


def test_table_by_unit_with_unit_codes() -> None:
    doc = doc_of(
        "收入总表",
        grid(
            "部门代码 | 部门名称 | 合计 | 本年收入 | | 上年结转结余 |",
            " | | | 小计 | 一般公共预算 | 小计 | 单位资金",
            "合计 | | 3.00 | 2.00 | 2.00 | 1.00 | 1.00",
            "123 | 某某局 | 3.00 | 2.00 | 2.00 | 1.00 | 1.00",
        ),
    )
    t = only(doc, "income")
    assert [(r.code, r.name, r.unit, r.texts) for r in t.rows] == [
        ("TOTAL", "合计", None, {}),
        (None, "某某局", "某某局", {"unit_code": "123"}),  # 123 is the unit's code, not a 类
    ]
    assert vals(t, "TOTAL") == {
        "total": "3.00", "current": "2.00", "gpb": "2.00", "carryover": "1.00", "carryover_unit_funds": "1.00"
    }



def test_continuation_without_header_and_a_following_title_with_its_own_number() -> None:
    doc = doc_of(
        "财政拨款收支总表",
        "部门：某某局",
        grid(
            "收入 | | 支出 |",
            "项目 | 预算数 | 项目 | 预算数",
            "一、本年收入 | 3.00 | （一）一般公共服务支出 | 1.00",
        ),
        grid(" | | （二）外交支出 |", " | | （二十）住房保障支出 | 2.00", "收入总计 | 3.00 | 支出总计 | 3.00", line=200),
        "公开05表",
        "财政拨款支出表（功能科目）",
        "部门：某某局",
        grid("科目名称 | 合计 | 基本支出 | 项目支出", "合计 | 3.00 | 3.00 |", line=300),
    )
    fs = only(doc, "fiscal_summary")
    assert fs.preparer == "某某局"
    assert [(r.code, r.name) for r in fs.rows if r.side == "expense"] == [
        ("201", "（一）一般公共服务支出"), ("202", "（二）外交支出"), ("221", "（二十）住房保障支出"), ("TOTAL", "支出总计")
    ]
    fe = only(doc, "fiscal_expense")
    assert fe.number == "公开05表" and vals(fe, "TOTAL") == {"total": "3.00", "basic": "3.00"}


def test_two_classifications_side_by_side_first_gives_the_code() -> None:
    doc = doc_of(
        "一般公共预算基本支出情况表",
        grid(
            "科目编码 | | 部门预算支出经济分类科目 | 科目编码 | | 政府预算支出经济分类科目 | 基本支出预算 | |",
            "类 | 款 | | 类 | 款 | | 小计 | 人员支出 | 日常公用支出",
            "301 | | 工资福利支出 | 501 | | 机关工资福利支出 | 2.00 | 2.00 |",
            "301 | 01 | 基本工资 | 501 | 01 | 工资奖金津补贴 | 2.00 | 2.00 |",
        ),
    )
    t = only(doc, "gpb_basic")
    assert [(r.code, r.name, r.texts) for r in t.rows] == [
        ("301", "工资福利支出", {"other_code": "501", "other_name": "机关工资福利支出"}),
        ("30101", "基本工资", {"other_code": "50101", "other_name": "工资奖金津补贴"}),
    ]
    assert vals(t, "30101") == {"total": "2.00", "personnel": "2.00"}


def test_rows_between_a_number_line_and_a_late_title_belong_to_that_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[str, str | None, list[str]]] = []

    def fake(heading: scattered.TableHeading, lines: list[TextLine]) -> Table | None:
        seen.append((heading.id, heading.number, [ln.text for ln in lines]))
        return Table(id=heading.id, title=heading.title)

    monkeypatch.setattr(scattered, "parse_scattered_table", fake)
    doc = doc_of(
        "表6", "一般公共预算基本支出情况表", "合计 2.00",
        "表 7", "科目编码", "210 15 06 1.00",  # the converter printed these before the title
        "一般公共预算项目支出情况表", "编制部门：某某局", "210 15 07 2.00",
    )
    assert seen == [
        ("gpb_basic", "表6", ["合计 2.00"]),
        ("gpb_project", "表7", ["科目编码", "210 15 06 1.00", "210 15 07 2.00"]),
    ]
    assert doc.tables[1].number == "表7" and doc.tables[1].preparer == "某某局"


def test_total_label_under_project_name_or_item_code_column_is_the_total_row() -> None:
    projects = doc_of(
        "项目支出预算情况表",
        grid(
            "项目类别 | 项目名称 | 合计 | 一般公共预算 | 单位资金",
            "合 计 | | 5.00 | 1.00 | 4.00",
        ),
        "政府采购预算明细表",
        grid(
            "品目编码 | 采购品目 | 合计 | 一般公共预算",
            "合计 | | 3.00 | 3.00",
            "A | 货物 | 1.00 | 1.00",
            "C | 服务 | 2.00 | 2.00",
        ),
    )
    # the converter shifted 合计 one column right: it stands under 项目名称, the category is blank
    shifted = doc_of(
        "项目支出预算情况表",
        grid(
            "项目类别 | 项目名称 | 合计 | 一般公共预算 | 单位资金",
            " | 合 计 | 5.00 | 1.00 | 4.00",
            "其他运转类 | 业务经费 | 5.00 | 1.00 | 4.00",
        ),
    )
    for doc, table_id in ((projects, "project_total"), (shifted, "project_total"), (projects, "procurement")):
        t = only(doc, table_id)
        total = t.rows[0]
        assert (total.code, total.name, total.project) == ("TOTAL", "合计", None), (table_id, total)
        assert "合计" not in total.texts.values()
    assert [r.code for r in only(shifted, "project_total").rows] == ["TOTAL", None]
    assert vals(only(projects, "procurement"), "TOTAL") == {"total": "3.00", "gpb": "3.00"}


def test_total_word_beside_another_label_is_not_the_grand_total() -> None:
    # a category's row whose project cell says 合计 is that category's subtotal, not the table's total
    doc = doc_of(
        "项目支出预算情况表",
        grid(
            "项目类别 | 项目名称 | 合计 | 一般公共预算",
            "其他运转类 | 合计 | 2.00 | 2.00",
            "其他运转类 | 业务经费 | 2.00 | 2.00",
        ),
    )
    assert [r.code for r in only(doc, "project_total").rows] == [None, None]


def test_three_public_by_unit_with_star_numbering_row() -> None:
    # items as columns, one data row per budget unit, the numbering row marked ** (杭州/湖州 layout)
    doc = doc_of(
        "2026年市级部门一般公共预算“三公”经费预算表",
        grid(
            "单位名称 | “三公”经费合计 | 因公出国(境)费用 | 公务用车购置及运行费 | | | 公务接待费",
            " | | | 小计 | 公务用车购置费 | 公务用车运行维护费 |",
            "** | 1 | 2 | 3 | 4 | 5 | 6",
            "合计 | 9.30 | | 3.50 | | 3.50 | 5.80",
            "某某局 | 7.50 | | 3.50 | | 3.50 | 4.00",
            "某某中心 | 1.80 | | | | | 1.80",
        ),
    )
    t = only(doc, "three_public")
    assert [r.code for r in t.rows] == [
        "TOTAL", "overseas_travel", "vehicles", "vehicle_purchase", "vehicle_operation", "reception"
    ]
    # the numbering row is not read as figures, the 合计 line gives the plain column
    assert vals(t, "TOTAL") == {"total": "9.30", "row2_total": "7.50", "row3_total": "1.80"}
    assert vals(t, "reception") == {"total": "5.80", "row2_total": "4.00", "row3_total": "1.80"}
    assert vals(t, "vehicle_purchase") == {}
    # each unit's column is named by the unit
    assert {c.id: c.header for c in t.columns}["row3_total"] == "某某中心"


def test_three_public_split_into_this_year_and_carryover_groups() -> None:
    # 长春 layout: a grand 合计, then 当年预算 and 上年结转结余 each with a 小计 and every item,
    # 因公出国（境）费 split again into itself and 科研因公出国（境）费用
    items = " | 小计 | 因公出国（境）费 | | | 公务用车购置及运行费 | | | 公务接待费"
    parts = " | | 小计 | 因公出国（境）费 | 科研因公出国（境）费用 | 小计 | 公务用车购置费 | 公务用车运行费 |"
    doc = doc_of(
        "本年一般公共预算“三公”经费支出表",
        grid(
            "“三公”经费合计 | 当年预算 | | | | | | | | 上年结转结余 | | | | | | | |",
            items + items,
            parts + " |" + parts[2:],
            "9.00 | 8.00 | 1.00 | 0.60 | 0.40 | 6.00 | 2.00 | 4.00 | 1.00 | 1.00 | 0.00 | 0.00 | 0.00"
            " | 1.00 | 0.00 | 1.00 | 0.00",
        ),
    )
    t = only(doc, "three_public")
    assert vals(t, "GRAND_TOTAL") == {"total": "9.00"}
    assert vals(t, "TOTAL") == {"total": "8.00", "carryover_total": "1.00"}
    assert vals(t, "overseas_travel") == {"total": "1.00", "carryover_total": "0.00"}
    assert vals(t, "overseas_travel_other") == {"total": "0.60", "carryover_total": "0.00"}
    assert vals(t, "overseas_travel_research") == {"total": "0.40", "carryover_total": "0.00"}
    assert vals(t, "vehicles") == {"total": "6.00", "carryover_total": "1.00"}
    assert vals(t, "vehicle_operation") == {"total": "4.00", "carryover_total": "1.00"}
    assert vals(t, "reception") == {"total": "1.00", "carryover_total": "0.00"}


def test_indented_names_without_codes_get_codes_from_the_catalog_marked_inferred() -> None:
    g = grid(
        "科目名称 | 合计 | 基本支出 | 项目支出",
        "合计 | 6.00 | 4.00 | 2.00",
        "一般公共服务支出 | 1.00 | | 1.00",
        "其他一般公共服务支出 | 1.00 | | 1.00",
        "其他一般公共服务支出 | 1.00 | | 1.00",
        "公共安全支出 | 5.00 | 4.00 | 1.00",
        "公安 | 5.00 | 4.00 | 1.00",
        "行政运行 | 4.00 | 4.00 |",
        "某某新设的项 | 1.00 | | 1.00",
    )
    # the names indented with full-width spaces as printed (grid() trims cells)
    for i, depth in ((3, 1), (4, 2), (6, 1), (7, 2), (8, 2)):
        g.rows[i][0] = Cell("\u3000" * depth + g.rows[i][0].text, line=g.rows[i][0].line)
    doc = doc_of("一般公共预算支出表", g)
    t = only(doc, "gpb_expense")
    assert [r.code for r in t.rows] == ["TOTAL", "201", "20199", "2019999", "204", "20402", "2040201", None]
    assert all(r.source.inferred for r in t.rows[1:7]) and not t.rows[0].source.inferred


def test_names_without_codes_or_indentation_only_where_unambiguous() -> None:
    doc = doc_of(
        "基本支出表",
        grid(
            "项目 | 合计 | 人员经费 | 公用经费",
            "合计 | 3.00 | 2.00 | 1.00",
            "某某局（本级） | 3.00 | 2.00 | 1.00",
            "工资福利支出 | 2.00 | 2.00 |",
            "基本工资 | 2.00 | 2.00 |",
            "商品和服务支出 | 1.00 | | 1.00",
            "办公费 | 1.00 | | 1.00",
        ),
        "一般公共预算支出表",
        grid(
            "科目名称 | 合计",
            "一般公共服务支出 | 1.00",
            "其他一般公共服务支出 | 1.00",
            # the 款 20199 is printed just above: a code is not printed twice in one outline, so
            # this is its 项 2019999 (a 款 and its only 项 share the name)
            "其他一般公共服务支出 | 1.00",
        ),
    )
    assert [r.code for r in only(doc, "basic_total").rows] == ["TOTAL", None, "301", "30101", "302", "30201"]
    assert [r.code for r in only(doc, "gpb_expense").rows] == ["201", "20199", "2019999"]


def test_a_class_cell_misprinted_under_its_kuan_is_kept_for_the_rules() -> None:
    from yusuan.audit import audit

    doc = doc_of(
        "部门支出总体情况表",
        grid(
            "功能分类科目编码 | | | 功能分类科目名称 | 合计 | 基本支出 | 项目支出",
            "类 | 款 | 项 | | | |",
            "210 | | | 卫生健康支出 | 50.37 | 50.37 |",
            "210 | 11 | | 行政事业单位医疗 | 50.37 | 50.37 |",
            "7 | 11 | 02 | 事业单位医疗 | 50.37 | 50.37 |",
            "合计 | | | | 50.37 | 50.37 |",
        ),
    )
    t = only(doc, "expense")
    assert [r.code for r in t.rows] == ["210", "21011", "2101102", "TOTAL"]
    assert t.rows[2].texts.get("code_printed") == "7 11 02" and t.rows[2].source.inferred
    got = [f for f in audit(doc, select=["Y506"]).findings]
    assert [(f.actual, f.expected) for f in got] == [("7 11 02", "2101102")]
    # a 类 cell that is the 款's own class is not a slip
    ok = doc_of("部门支出总体情况表", grid(
        "功能分类科目编码 | | | 功能分类科目名称 | 合计 | 基本支出 | 项目支出", "类 | 款 | 项 | | | |",
        "210 | 11 | | 行政事业单位医疗 | 50.37 | 50.37 |", "210 | 11 | 02 | 事业单位医疗 | 50.37 | 50.37 |"))
    assert audit(ok, select=["Y506"]).findings == []


def test_classifications_side_by_side_as_code_name_cells_keep_the_first() -> None:
    # 功能分类 | 政府经济分类 | 部门经济分类 printed as three 「code-name」 cells per row (北京 支出总表):
    # the first is the row's code and name, the others are kept in texts, never glued to the name
    doc = doc_of(
        "支出总表",
        grid(
            "支出功能分类科目 | 政府支出经济分类科目 | 部门支出经济分类科目 | 合计 | 基本支出 | 项目支出",
            "2110302-水体 | 50502-商品和服务支出 | 30299-其他商品和服务支出 | 5.00 | | 5.00",
            "2110302-水体 | 50601-资本性支出 | 31006-大型修缮 | 2.00 | | 2.00",
            "2130301-行政运行 | 50202-会议费 | 3021503-三类会议费 | 1.00 | 1.00 |",
        ),
    )
    t = only(doc, "expense")
    assert [(r.code, r.name) for r in t.rows] == [("2110302", "水体"), ("2110302", "水体"), ("2130301", "行政运行")]
    assert t.rows[0].texts == {"other_code": "50502", "other_name": "商品和服务支出",
                               "other_code_2": "30299", "other_name_2": "其他商品和服务支出"}
    # a region's own sub-item code (3021503) is kept as printed
    assert t.rows[2].texts["other_code_2"] == "3021503" and t.rows[2].texts["other_name_2"] == "三类会议费"
    assert vals(t, "2130301") == {"total": "1.00", "basic": "1.00"}


def test_code_name_cell_with_a_dash_gives_the_name_without_it() -> None:
    doc = doc_of(
        "一般公共预算基本支出表",
        grid(
            "政府经济分类科目 | 合计 | 人员经费 | 公用经费",
            "50202-会议费 | 1.00 | | 1.00",
            "50203-培训费 | 2.00 | | 2.00",
        ),
    )
    t = only(doc, "gpb_basic")
    assert [(r.code, r.name) for r in t.rows] == [("50202", "会议费"), ("50203", "培训费")]


def test_three_public_year_blocks_with_meeting_and_training_columns() -> None:
    # 西安 表13: units as rows; 上年 | 当年 | 增减 blocks, each 合计 | “三公” 小计 · items | 会议费 | 培训费.
    # The block's 合计 covers 会议费 and 培训费: the 三公 total is the 小计 under the 三公 group.
    block = "合计 | 一般公共预算拨款安排的“三公”经费预算 | | | | | | 会议费 | 培训费"
    sub = " | 小计 | 因公出国（境）费用 | 公务接待费 | 公务用车购置及运行维护费 | | | | "
    leaf = " | | | | 小计 | 公务用车购置费 | 公务用车运行费 | | "
    figures = "10.00 | 6.00 | 0.00 | 2.00 | 4.00 | 0.00 | 4.00 | 1.00 | 3.00 | 12.00 | 5.00 | 0.00 | 1.00 | 4.00 | 0.00 | 4.00 | 3.00 | 4.00"
    doc = doc_of(
        "2022年部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
        grid(
            "单位编码 | 单位名称 | 2021年 | | | | | | | | | 2022年 | | | | | | | |",
            f" | | {block} | {block}",
            f" | | {sub} | {sub}",
            f" | | {leaf} | {leaf}",
            f" | 合计 | {figures}",
            f"252001 | 某某局 | {figures}",
        ),
    )
    t = only(doc, "three_public")
    assert vals(t, "TOTAL")["total"] == "5.00" and vals(t, "TOTAL")["last_year_total"] == "6.00"
    assert vals(t, "GRAND_TOTAL")["total"] == "12.00"
    # the unit's row keeps its years apart
    assert vals(t, "reception")["row2_total"] == "1.00" and vals(t, "reception")["row2_last_year_total"] == "2.00"


def test_three_public_by_unit_continued_on_the_next_page_adds_units() -> None:
    # the units' list goes on over a page break: the next page's first row is a unit, not a 合计
    head = ("单位名称 | “三公”经费合计 | 因公出国(境)费用 | 公务用车购置及运行费 | 公务接待费",)
    doc = doc_of(
        "2026年市级部门一般公共预算“三公”经费预算表",
        grid(*head, "合计 | 9.30 | | 3.50 | 5.80", "某某局 | 7.50 | | 3.50 | 4.00"),
        grid("某某中心 | 1.00 | | | 1.00", "某某所 | 0.80 | | | 0.80", line=200),
    )
    t = only(doc, "three_public")
    assert [r.code for r in t.rows].count("TOTAL") == 1
    assert vals(t, "TOTAL") == {"total": "9.30", "row2_total": "7.50", "row3_total": "1.00", "row4_total": "0.80"}
    assert vals(t, "reception") == {"total": "5.80", "row2_total": "4.00", "row3_total": "1.00", "row4_total": "0.80"}
