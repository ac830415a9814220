"""Indicators of three templates, checked by hand against the rendered pages.

Every golden value below was read off the page named in its comment, rendered with
``yusuan debug FILE --page N -o p.png`` (PDF page numbers, 1-based; the printed page number
in the footer is often one less).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from store_helpers import FIXTURES, shared_file

from yusuan.model import Row
from yusuan.pipeline import load
from yusuan.store import Store, ingest
from yusuan.store.indicators import indicators, three_public_consistent
from yusuan.testing import make_doc, make_table

SUZHOU = FIXTURES / "corpus" / "08_suzhou_transport_bureau_2026.pdf"
SHENZHEN = FIXTURES / "corpus" / "04_shenzhen_statistics_bureau_2026.pdf"

# 苏州市交通运输局 2026 (one-row-per-class tables with a 合计 row, 三公 printed as columns)
SUZHOU_GOLDEN = {
    # p9 收入总表: 合计 row, 合计 column
    "income_total": ("249977.11", "income"),
    # p10 支出总表: 合计 row — 合计 / 基本支出 / 项目支出
    "expense_total": ("249977.11", "expense"),
    "expense_basic": ("29606.33", "expense"),
    "expense_project": ("220370.78", "expense"),
    # p20 一般公共预算基本支出表: 合计 row — 人员经费 / 公用经费
    "personnel": ("26143.66", "gpb_basic"),
    "public": ("3462.67", "gpb_basic"),
    # p22 一般公共预算"三公"经费、会议费、培训费支出表 (items as columns, one data row)
    "three_public_total": ("345.63", "three_public"),
    "three_public_overseas_travel": ("0.00", "three_public"),
    "three_public_reception": ("46.51", "three_public"),
    "three_public_vehicle_purchase": ("154.97", "three_public"),
    "three_public_vehicle_operation": ("144.15", "three_public"),
    # p25 一般公共预算机关运行经费支出预算表: 合计
    "admin_operation": ("379.20", "admin_operation"),
    # p26 政府采购支出表: 合计 row, 总计 column
    "procurement_total": ("3668.17", "procurement"),
}

# 深圳市统计局（本级）2026 (no 合计 row: the department's own row heads each table; 三公 by
# funding source only, 2025 and 2026 rows)
SHENZHEN_GOLDEN = {
    # p19 支出总表: the row 深圳市统计局（本级） — 支出总计 / 基本支出 / 项目支出
    "expense_total": ("5417.80", "expense"),
    "expense_basic": ("4104.00", "expense"),
    "expense_project": ("1313.80", "expense"),
    # p19 支出总表: 2026年政府采购项目 小计
    "procurement_total": ("94.28", "expense"),
    # p32 财政拨款"三公"经费支出表: the 2026 年 row, 一般公共预算 columns (基金、国资 all 0.00)
    "three_public_total": ("32.56", "three_public"),
    "three_public_overseas_travel": ("16.80", "three_public"),
    "three_public_reception": ("11.56", "three_public"),
    "three_public_vehicle_purchase": ("0.00", "three_public"),
    "three_public_vehicle_operation": ("4.20", "three_public"),
}

# 西安市审计局（汇总）2026 (tables in 元; a 三公 table of 上年 | 本年 | 增减 groups)
XIAN_GOLDEN = {
    # p24 部门综合预算支出总表: 合计 row, 合计 column 42,034,723.58 元
    "expense_total": ("4203.472358", "expense"),
    # p35 表13 prints 上年 | 当年 | 增减 blocks, each 合计 (三公 + 会议费 + 培训费) | 三公 小计 …:
    # 当年 三公 小计 102,000.00 元 = p17's 10.20 万元
    "three_public_total": ("10.20", "three_public"),
    "three_public_reception": ("2.00", "three_public"),
    "three_public_vehicle_operation": ("8.20", "three_public"),
}


def _values(db: str, department_like: str) -> dict[str, tuple[Decimal, str]]:
    with Store(db, read_only=True) as s:
        _, rows = s.query("SELECT i.indicator, i.value, i.table_id FROM indicators i JOIN documents d USING (doc_id) "
                          "WHERE d.department LIKE ?", [department_like])
    return {k: (v, t) for k, v, t in rows}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("ind") / "c.duckdb")
    ingest(path, [[str(SUZHOU)], [str(SHENZHEN)]], jobs=1, progress=False)
    return path


@pytest.mark.parametrize(("like", "golden"), [("苏州市交通运输局%", SUZHOU_GOLDEN), ("深圳市统计局%", SHENZHEN_GOLDEN)])
def test_indicators_match_the_rendered_pages(db: str, like: str, golden: dict[str, tuple[str, str]]) -> None:
    got = _values(db, like)
    for name, (value, table) in golden.items():
        assert name in got, name
        assert got[name] == (Decimal(value), table), name


def test_indicators_the_document_does_not_print_are_absent(db: str) -> None:
    # 深圳 prints no 一般公共预算基本支出表 with 人员经费/公用经费 columns (its 基本支出总表 p20 is by
    # funding source) and its 概况 states no 编制数
    got = _values(db, "深圳市统计局%")
    assert "personnel" not in got and "public" not in got
    assert "staff_authorized" not in got


def test_regions_are_read_from_the_documents(db: str) -> None:
    with Store(db, read_only=True) as s:
        _, rows = s.query("SELECT department, province, city, county, gov_level FROM documents ORDER BY department")
    assert ("深圳市统计局（本级）", "广东省", "深圳市", None, "市级") in rows
    assert ("苏州市交通运输局", "江苏省", "苏州市", None, "市级") in rows


def test_a_template_in_yuan_and_a_misread_three_public_table(tmp_path: Path) -> None:
    path = shared_file("more", "020_xian_audit_2026_budget.pdf")
    got = {v.indicator: (v.value, v.table_id) for v in indicators(load(str(path)))}
    for name, (value, table) in XIAN_GOLDEN.items():
        assert got[name] == (Decimal(value), table), name


def test_three_public_total_must_add_up_to_its_items() -> None:
    ok = make_table("three_public", [("TOTAL", "合计", {"total": "10"}), ("reception", "公务接待费", {"total": "4"}),
                                     ("vehicles", "公务用车购置及运行费", {"total": "6"})])
    bad = make_table("three_public", [("TOTAL", "合计", {"total": "52.6"}), ("reception", "公务接待费", {"total": "2"}),
                                      ("vehicles", "公务用车购置及运行费", {"total": "10"})])
    assert three_public_consistent(ok) and not three_public_consistent(bad)
    assert {v.indicator for v in indicators(make_doc(bad))} == set()


def test_gpb_column_is_the_three_public_total_only_when_other_funds_are_zero() -> None:
    t = make_table("three_public", [("TOTAL", "合计", {"gpb": "8", "gov_fund": "2"})])
    assert indicators(make_doc(t)) == []
    t = make_table("three_public", [("TOTAL", "合计", {"gpb": "8", "gov_fund": "0.00"})])
    assert [(v.indicator, v.value, v.column) for v in indicators(make_doc(t))] == [
        ("three_public_total", Decimal("8"), "gpb")]


def test_an_empty_table_states_zero_and_a_missing_one_states_nothing() -> None:
    empty = make_table("gov_fund", [])
    empty.empty = True
    empty.empty_note = "本部门无政府性基金预算支出，此表为空表。"
    got = {v.indicator: v for v in indicators(make_doc(empty))}
    assert got["gov_fund_expense_total"].value == 0 and got["gov_fund_expense_total"].method == "empty_table"
    assert indicators(make_doc()) == []


def test_the_department_row_is_the_total_only_when_it_is_the_department() -> None:
    t = make_table("expense", [(None, "某某局", {"total": "5", "basic": "3", "project": "2"})])
    assert {v.indicator for v in indicators(make_doc(t))} == {"expense_total", "expense_basic", "expense_project"}
    t.rows[0] = Row(code=None, name="某某局下属中心", values=t.rows[0].values)
    assert indicators(make_doc(t)) == []
