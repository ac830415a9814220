"""Column headers of templates outside the development set (issue 9: no ``colN`` where the header
has a meaning). Each case is a header path as a template prints it, with variants of our own, and
the column id the catalog gives it where the columns before it took theirs."""

from __future__ import annotations

import pytest

from yusuan.model import Column, Row
from yusuan.parse.column_years import name_year_columns
from yusuan.tables import match_column
from yusuan.testing import make_table


@pytest.mark.parametrize(("table", "header", "taken", "expected"), [
    # 长春: 合计 | 编制预算 (小计 | 一般公共预算 …) | 上年结转 (小计 …)
    ("income", "编制预算/小计", {"total"}, "current"),
    ("fiscal_summary", "收入/本年预算", set(), "total"),
    ("fiscal_summary", "支出/编制预算", {"total"}, "compiled"),
    ("fiscal_summary", "收入/上年结转", {"total", "compiled"}, "carryover"),
    # 长春 项目支出表: 本年财政拨款 | 财政拨款结转, each by fund
    ("project_total", "财政拨款结转/一般公共预算", {"total", "gpb"}, "carryover_gpb"),
    ("project_total", "财政拨款结转/政府性基金预算", {"total", "gov_fund"}, "carryover_gov_fund"),
    ("project_total", "项目单位", set(), "project_unit"),
    # 湖州: 上年结转结余 / 专户资金结转结余
    ("income", "上年结转结余/专户资金结转结余", {"total", "carryover"}, "carryover_fiscal_special"),
    ("income", "上年结转结余/财政专户结转", {"total", "carryover"}, "carryover_fiscal_special"),
    # 烟台: … | 单位资金 | 使用非财政拨款结余 | 上年结转
    ("basic_total", "使用非财政拨款结余", {"total", "unit_funds"}, "nonfiscal_surplus_used"),
    ("basic_total", "上年结转", {"total", "unit_funds", "nonfiscal_surplus_used"}, "carryover"),
    ("procurement", "上年结转", {"total", "nonfiscal_surplus_used"}, "carryover"),
    # text columns of lists
    ("project_total", "绩效目标", {"total"}, "performance_goal"),
    ("procurement", "项目编号", set(), "project_code"),
    ("procurement", "项目编码", set(), "project_code"),
    ("purchase_service", "指导性目录/二级", set(), "catalog_level2"),
    ("purchase_service", "三级", {"catalog_level2"}, "catalog_level3"),
    # 长春 国有资本经营预算支出明细表: 国库拨款资金 by how it is paid
    ("soe_capital", "国库拨款资金/基本支出国库集中支付资金", {"total", "basic"}, "treasury_basic"),
    ("soe_capital", "国库拨款资金/项目支出/政府采购资金", {"total", "project"}, "treasury_project_procurement"),
    ("soe_capital", "国库拨款资金/项目支出/其他国库集中支付资金", {"total", "project"}, "treasury_project_other"),
])
def test_header_of_another_template_is_named(table: str, header: str, taken: set[str], expected: str) -> None:
    assert match_column(table, header, taken=taken) == expected


def _year_table(header: str, extra: str = "total") -> tuple[Column, list[Row]]:
    t = make_table("gpb_expense", [("TOTAL", "合计", {"col3": "90.00", extra: "100.00"})])
    t.columns = [Column(id="col3", header=header), Column(id=extra, header="合计")]
    name_year_columns(t, 2026)
    return t.columns[0], t.rows


@pytest.mark.parametrize(("header", "expected"), [
    ("2025年预算数", "last_year"), ("2025年度预算", "last_year"), ("2025年预算数/合计", "last_year"),
    ("2024年预算数", "col3"),  # neither last year nor this one: left unnamed
    ("2025年执行数", "col3"),  # not a budget figure
])
def test_year_headed_column_is_last_years_by_the_documents_year(header: str, expected: str) -> None:
    col, rows = _year_table(header)
    assert col.id == expected
    assert expected in rows[0].values and rows[0].values[expected].text == "90.00"


def test_this_years_column_is_the_total_only_where_no_total_is_read() -> None:
    col, rows = _year_table("2026年预算数", extra="basic")
    assert col.id == "total"
    col, rows = _year_table("2026年预算数", extra="total")
    assert col.id == "col3"  # the table's total is read already: not a second one


def test_level_words_in_the_total_row_and_names_in_an_unnamed_column() -> None:
    from yusuan.parse.column_rows import drop_code_level_labels

    # 高校决算表: 「类 | 款 | 项 | 合计 | 237,100.00」 — the split code header printed in the 合计 row
    t = make_table("fiscal_expense", [("TOTAL", "合计", {"total": "10.00"}), ("205", "教育支出", {"total": "10.00"})])
    t.columns = [Column(id="col2", header=""), Column(id="col3", header=""), Column(id="total", header="合计")]
    t.rows[0].texts = {"col2": "款", "col3": "项"}
    drop_code_level_labels(t)
    assert [c.id for c in t.columns] == ["total"] and t.rows[0].texts == {}
    # 江苏 2019 公开05表: the names one column right of where the header puts them, rows without a name
    t = make_table("fiscal_expense", [("TOTAL", "合计", {"total": "10.00"}), ("204", "", {"total": "10.00"})])
    t.columns = [Column(id="col2", header=""), Column(id="total", header="金额")]
    t.rows[1].texts = {"col2": "公共安全支出"}
    drop_code_level_labels(t)
    assert [c.id for c in t.columns] == ["total"] and t.rows[1].name == "公共安全支出"
    # a named row's text in such a column is not its name: the column stays
    t = make_table("fiscal_expense", [("204", "公共安全支出", {"total": "10.00"})])
    t.columns = [Column(id="col2", header=""), Column(id="total", header="金额")]
    t.rows[0].texts = {"col2": "备注文字"}
    drop_code_level_labels(t)
    assert [c.id for c in t.columns] == ["col2", "total"] and t.rows[0].name == "公共安全支出"
