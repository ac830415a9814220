"""Classes of table numbers that were not placed (issue 7 "never silent", issue 9 "every template").

Each test pins one class fixed at the class level: a reader or catalog change, checked on a page
rendered and read by hand (the figures below are as printed) and on a synthetic case.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from store_helpers import shared_file

import yusuan
from yusuan.audit import audit
from yusuan.parse.reading import _is_printed, _Listed
from yusuan.pipeline import load
from yusuan.readers.pdf_layout import _drop_slivers, _staggered
from yusuan.tables import norm


def test_band_between_staggered_rulings_is_kept_and_a_double_frame_dropped() -> None:
    # bands [0,20) text, [20,30) empty and narrow, [30,60) text
    bounds = [0.0, 20.0, 30.0, 60.0]
    centres = [10.0, 45.0]
    # the line at 20 runs under the left cells, the one at 30 under a group header on the right
    side_by_side = [[(0.0, 300.0)], [(0.0, 100.0)], [(150.0, 300.0)], [(0.0, 300.0)]]
    assert _drop_slivers(bounds, centres, rulings=side_by_side) == bounds
    # the same two lines over the same stretch: a double line, one of the two goes
    double = [[(0.0, 300.0)], [(0.0, 300.0)], [(1.0, 299.0)], [(0.0, 300.0)]]
    assert _drop_slivers(bounds, centres, rulings=double) == [0.0, 20.0, 60.0]
    # no rulings known at a boundary: no evidence, the old rule
    assert _drop_slivers(bounds, centres, rulings=[[], [], [], []]) == [0.0, 20.0, 60.0]
    assert not _staggered([], [(0.0, 1.0)])


def _table(doc: object, table_id: str) -> object:
    return next(t for t in doc.tables if t.id == table_id)  # type: ignore[attr-defined]


def _row(t: object, code: str) -> dict[str, Decimal]:
    r = next(r for r in t.rows if r.code == code)  # type: ignore[attr-defined]
    return {k: a.value for k, a in r.values.items()}


def test_group_header_over_three_columns_a_few_points_below_the_line_beside_it() -> None:
    # 重庆 一般公共预算支出情况表 (p16): 基本支出 printed over 小计 | 人员经费 | 公用经费; the rule
    # under 基本支出 is 10pt below the one under 功能分类科目 (which splits 科目编码 | 科目名称)
    doc = load(str(shared_file("bulk", "130_chongqing_commerce_commission.pdf")))
    t = _table(doc, "gpb_expense")
    assert [c.id for c in t.columns if not c.id.startswith("code")][:5] == [  # type: ignore[attr-defined]
        "total", "basic", "personnel", "public", "project"]
    row = _row(t, "2011301")  # 行政运行 6,231.54 = 6,231.54 (4,652.22 + 1,579.32)
    assert row == {"total": Decimal("6231.54"), "basic": Decimal("6231.54"),
                   "personnel": Decimal("4652.22"), "public": Decimal("1579.32")}
    assert row["personnel"] + row["public"] == row["basic"]


def test_beijing_project_money_net_of_capital_construction_is_a_column() -> None:
    # 北京 预算05表 (p20): 项目支出 printed as 项目支出总数 | 扣除基建项目后预算数
    doc = load(str(shared_file("bulk", "047_beijing_health_commission_tables.pdf")))
    t = _table(doc, "gpb_expense")
    assert {c.id: c.header for c in t.columns}["project_net"] == "预算数/项目支出/扣除基建项目后预算数"  # type: ignore[attr-defined]
    row = _row(t, "2100199")  # 其他卫生健康管理事务支出: 34,329.375352 of which net of 基建 34,148.626352
    assert row["project"] == Decimal("34329.375352") and row["project_net"] == Decimal("34148.626352")
    assert row["total"] == row["project"]
    assert doc.reading.table_numbers.placed == doc.reading.table_numbers.total
    # the 基建 part is not printed: 项目支出总数 − 扣除基建 is no error (34,329.375352 − 34,148.626352)
    assert not [f for f in audit(doc).findings if f.rule == "Y103" and "扣除基建" in f.message]


def test_guangzhou_fiscal_special_account_parts_and_other_income() -> None:
    # 广州 收入总体情况表 (p8): 财政专户拨款收入 over 教育收费 | 其他专户收入拨款, 其他资金收入 over
    # 事业收入 | 事业单位经营收入 | 其他收入
    doc = load(str(shared_file("bulk", "110_guangzhou_civil_affairs.pdf")))
    t = _table(doc, "income")
    ids = {c.header: c.id for c in t.columns}  # type: ignore[attr-defined]
    assert ids["财政专户拨款收入/教育收费"] == "fiscal_special_edu"
    assert ids["财政专户拨款收入/其他专户收入拨款"] == "fiscal_special_other"
    assert ids["其他资金收入/其他收入"] == "other"
    r = next(r for r in t.rows if r.name == "广州市东升医院")  # type: ignore[attr-defined]
    v = {k: a.value for k, a in r.values.items()}
    # 26,623.24 = 7,483.36 + 633.50 + 17,000.00 + 1,506.38
    assert v["other"] == Decimal("1506.38")
    assert v["total"] == v["gpb"] + v["gov_fund"] + v["business"] + v["other"]


def test_performance_table_goes_on_past_a_narrower_page_of_indicator_rows() -> None:
    # 北京 预算表12 项目支出绩效目标表, pp39–144: 11 columns where a project's cells begin, 6 where a
    # page holds only indicator rows (p72); the table went on after p72 but was cut there
    doc = load([str(shared_file("bulk", "046_beijing_health_commission_narrative.pdf")),
                str(shared_file("bulk", "047_beijing_health_commission_tables.pdf"))])
    by_name = {p.project: p for p in doc.performance if p.project}
    p = by_name["11000025T000003333497-北京采供血机构综合保险"]  # p83
    assert p.source.page == 83 and p.amounts["total"].value == Decimal("160")
    assert [i.value for i in p.indicators] == ["100", "11", "11", "60", "90", "100"]
    # the narrow pages' cells are indicator cells, not a project named after a level
    assert not any(name in ("产出指标", "效益指标", "成本指标", "满意度指标") for name in by_name)
    assert doc.reading.table_numbers.outside_tables == 0


_EXAMPLE = Path(yusuan.__file__).parent / "examples" / "example_2024.md"
_TITLE = "## 一般公共预算项目支出情况表"


def test_a_listed_table_the_file_never_prints_is_absent_not_unread(tmp_path: Path) -> None:
    text = _EXAMPLE.read_text(encoding="utf-8")
    start, end = text.index(_TITLE), text.index("## 政府性基金预算支出情况表")
    gone = tmp_path / "gone.md"
    gone.write_text(text[:start] + text[end:], encoding="utf-8")
    r = load(str(gone)).reading
    assert r.tables_not_read == r.tables_absent == ["七、 一般公共预算项目支出情况表"]
    assert not r.complete and any("文件中没有" in x and "一般公共预算项目支出情况表" in x for x in r.reasons)
    # the title printed (not on the 目录's page, in no sentence), the table not read: not read, not absent
    item = _Listed("七、 一般公共预算项目支出情况表", "gpb_project", 7)
    assert _is_printed(item, [norm("表7 一般公共预算项目支出情况表")])
    assert not _is_printed(item, [norm("表7")])  # a number alone names the table only in a 表N reference
    assert _is_printed(_Listed("表11", None, 11), [norm("表11：2026年市级部门项目支出绩效表")])


def test_beijing_narrative_without_its_tables_says_they_are_absent() -> None:
    # 北京 narrative-only file: its 目录 lists 第二部分 部门预算报表 (12 tables), its last page says
    # "附件：…部门预算报表" and prints none of them
    r = load(str(shared_file("bulk", "031_beijing_transport_commission_narrative.pdf"))).reading
    assert r.tables_listed == 12 and r.tables_read == 0 and len(r.tables_absent) == 12


def test_a_table_number_referred_to_is_read_as_a_performance_table_or_an_empty_one() -> None:
    # 杭州 "详见表11": 表11 is the 项目支出绩效表 (p39), read as performance tables
    r = load(str(shared_file("bulk", "152_hangzhou_justice.pdf"))).reading
    assert r.tables_not_read == []
    # 北京 预算表12 年度项目支出绩效表 (p16) printed with its header and no row: read, and empty
    doc = load([str(shared_file("bulk", "025_beijing_civil_military_integration_office_narrative.pdf")),
                str(shared_file("bulk", "026_beijing_civil_military_integration_office_tables.pdf"))])
    assert doc.reading.tables_not_read == []
    assert any(d.code == "performance-empty" and d.level == "info" for d in doc.diagnostics)


def test_the_part_holding_the_tables_is_no_listed_table() -> None:
    # 西安 2022 目录: “西安市交通运输局2022年部门综合预算公开报表” heads the part with the tables
    r = load(str(shared_file("more", "022_xian_transport_2022_budget.pdf"))).reading
    assert r.tables_not_read == [] and r.tables_listed == r.tables_read
