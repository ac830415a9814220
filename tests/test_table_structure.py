"""The table-structure catalogue (yusuan/data/table_structure.toml): one place for every table's
columns and sums, read by the readers, the placement solver and the rules alike."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_tables import doc_of, grid, only
from yusuan import tables
from yusuan.audit import audit
from yusuan.tables import (
    catalog,
    column_checks,
    column_relations,
    load_catalog,
    parse_sum,
    row_checks,
    row_relations,
)

ROOT = Path(__file__).resolve().parent.parent


def _data(name: str) -> str:
    return (ROOT / "yusuan" / "data" / name).read_text(encoding="utf-8")


def test_sum_syntax_alternatives_optional_parts_and_subtraction() -> None:
    s = parse_sum("carryover_next = carryover + income_current - total | a? + b")
    assert s.parent == "carryover_next" and s.flow
    assert [(p.id, p.sign, p.optional) for p in s.layouts[0]] == [
        ("carryover", 1, False), ("income_current", 1, False), ("total", -1, False)]
    assert [(p.id, p.optional) for p in s.layouts[1]] == [("a", True), ("b", False)]
    with pytest.raises(ValueError):
        parse_sum("no equals sign")


def test_expense_total_includes_the_same_parts_for_readers_and_rules() -> None:
    # the copies used to disagree: the scattered reader summed 上缴上级 / 经营 / 对附属单位 into
    # 合计, the rules did not (and skipped every row that printed one)
    cols = ["total", "basic", "project", "to_superior", "operating"]
    assert column_relations("expense", cols) == [("total", ["basic", "project", "to_superior", "operating"])]
    assert column_checks("expense", cols) == [
        ("total", [[("basic", 1), ("project", 1), ("to_superior", 1), ("operating", 1)]])]
    # a part not printed passes its own parts up, in both readings
    cols = ["total", "personnel", "public", "project"]
    assert column_relations("expense", cols) == [("total", ["personnel", "public", "project"])]
    assert column_checks("expense", cols) == [("total", [[("personnel", 1), ("public", 1), ("project", 1)]])]
    # a required part missing altogether: nothing to check
    assert column_checks("expense", ["total", "basic"]) == []


def test_three_public_item_sums_come_from_the_catalog() -> None:
    present = ["TOTAL", "overseas_travel", "reception", "vehicle_purchase", "vehicle_operation"]
    assert row_relations("three_public", present) == [("TOTAL", present[1:])]
    checks = dict(row_checks("three_public", [*present, "vehicles"]))
    assert [c for c, _ in checks["TOTAL"][0]] == ["overseas_travel", "reception", "vehicles"]
    assert [c for c, _ in checks["vehicles"][0]] == ["vehicle_purchase", "vehicle_operation"]


def test_every_sum_names_known_ids_and_every_like_exists() -> None:
    cat = catalog()
    for t in cat.tables:
        for s in (*t.sums, *t.row_sums):
            assert s.layouts and all(lay for lay in s.layouts), (t.id, s.text)
    structure = tables.tomllib.loads(tables._data_text("table_structure.toml"))
    for tid, keys in structure.items():
        if tid in tables._NOT_TABLES:  # [headers], [links]
            continue
        assert tid in cat.by_id, f"table_structure.toml names a table tables.toml does not have: {tid}"
        if "like" in keys:
            assert keys["like"] in cat.by_id, tid


UNKNOWN_BASIC = (
    "科目编码 | 科目名称 | 合计 | 经常性支出 | 项目支出",
    "201 | 一般公共服务支出 | 100.00 | 60.00 | 40.00",
    "20101 | 人大事务 | 70.00 | 50.00 | 20.00",
    "20102 | 政协事务 | 30.00 | 10.00 | 20.00",
    "合计 | | 100.00 | 60.00 | 40.00",
)


def test_an_unknown_header_is_named_by_the_one_sum_its_figures_satisfy() -> None:
    doc = doc_of("部门支出总体情况表", "单位：万元", grid(*UNKNOWN_BASIC))
    t = only(doc, "expense")
    col = next(c for c in t.columns if c.header == "经常性支出")
    assert col.id == "basic" and col.inferred and "total = basic + project" in (col.note or "")
    row = next(r for r in t.rows if r.code == "20101")
    assert row.values["basic"].text == "50.00" and row.values["basic"].source.inferred
    assert any("经常性支出" in line and "basic" in line for line in doc.reading.columns_inferred)
    assert doc.reading.columns_unnamed == []
    # the sum that named the column does not also confirm it: nothing to report, nothing counted
    assert [f for f in audit(doc).findings if f.rule == "Y103"] == []


def test_an_unknown_header_whose_figures_fit_no_sum_stays_unnamed_and_is_reported() -> None:
    rows = list(UNKNOWN_BASIC)
    rows[2] = "20101 | 人大事务 | 70.00 | 45.00 | 20.00"  # 45 + 20 ≠ 70: not 基本支出 after all
    doc = doc_of("部门支出总体情况表", "单位：万元", grid(*rows))
    t = only(doc, "expense")
    assert next(c for c in t.columns if c.header == "经常性支出").id.startswith("col")
    assert doc.reading.columns_inferred == []
    assert any("经常性支出" in line for line in doc.reading.columns_unnamed)


def test_an_unknown_header_two_names_fit_is_not_guessed() -> None:
    # 合计 | ？ | 一般公共预算 with ？ = 一般公共预算 on every row: ？ may be 本年收入 or 财政拨款小计 alike
    doc = doc_of("部门收入总体情况表", "单位：万元", grid(
        "科目编码 | 科目名称 | 合计 | 某某收入 | 一般公共预算",
        "201 | 一般公共服务支出 | 100.00 | 100.00 | 100.00",
        "20101 | 人大事务 | 70.00 | 70.00 | 70.00",
        "20102 | 政协事务 | 30.00 | 30.00 | 30.00",
        "合计 | | 100.00 | 100.00 | 100.00",
    ))
    t = only(doc, "income")
    assert next(c for c in t.columns if c.header == "某某收入").id.startswith("col")
    assert doc.reading.columns_inferred == []


VARIANT = """
# A template whose expense table is titled 部门经费支出明细表 and prints 经常性支出 | 专项支出,
# and whose 合计 = 经常性支出 + 专项支出 + 上缴款 (a column no packaged table has).
[[table]]
id = "dept_spending"
name = "部门经费支出明细表"
titles = ['部门经费支出明细表']
columns = [
  ['(合计|小计|总计)$', 'total'],
  ['经常性支出', 'recurrent'],
  ['专项支出', 'special'],
  ['上缴款', 'remitted'],
]
by_code = true
sums = ["total = recurrent + special + remitted?"]
"""


def test_a_template_variant_added_as_data_alone_is_read_and_checked(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "variant.toml"
    extra.write_text(VARIANT, encoding="utf-8")
    monkeypatch.setenv(tables.EXTRA_TABLES_ENV, str(extra))
    catalog.cache_clear()
    try:
        doc = doc_of("部门经费支出明细表", "单位：万元", grid(
            "科目编码 | 科目名称 | 合计 | 经常性支出 | 专项支出 | 上缴款",
            "201 | 一般公共服务支出 | 100.00 | 60.00 | 30.00 | 10.00",
            "20101 | 人大事务 | 70.00 | 50.00 | 10.00 | 10.00",
            "20102 | 政协事务 | 30.00 | 10.00 | 20.00 |",
            "合计 | | 100.00 | 60.00 | 30.00 | 10.00",
        ), "部门经费支出明细表（二）", "单位：万元", grid(
            "科目编码 | 科目名称 | 合计 | 经常性支出 | 专项支出 | 上缴款",
            "201 | 一般公共服务支出 | 100.00 | 60.00 | 30.00 | 10.00",
            "20101 | 人大事务 | 75.00 | 50.00 | 10.00 | 10.00",
            "20102 | 政协事务 | 30.00 | 10.00 | 20.00 |",
            "合计 | | 100.00 | 60.00 | 30.00 | 10.00",
        ))
        good, bad = doc.tables_of("dept_spending")
        assert [c.id for c in good.columns][-4:] == ["total", "recurrent", "special", "remitted"]
        findings = audit(doc).findings
        y103 = [f for f in findings if f.rule == "Y103" and f.severity == "error"]
        assert [(f.location.table_title, f.location.row_code) for f in y103] == [(bad.title, "20101")]
        # and the code sums of a by_code table: 201 = 20101 + 20102 fails in the second table only
        y101 = [f for f in findings if f.rule == "Y101" and f.severity == "error"]
        assert {f.location.table_title for f in y101} == {bad.title}
    finally:
        monkeypatch.delenv(tables.EXTRA_TABLES_ENV)
        catalog.cache_clear()
    assert "dept_spending" not in catalog().by_id


def test_docs_tables_md_is_generated_from_the_catalog() -> None:
    """docs/tables.md's catalogue section is `yusuan tables --markdown`; regenerate it with
    ``yusuan tables --write docs/tables.md`` when this fails."""
    out = subprocess.run([sys.executable, "-m", "yusuan.cli", "tables", "--check", str(ROOT / "docs" / "tables.md")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_expense_extras_are_addends_but_of_which_columns_are_not() -> None:
    from yusuan.model import Column
    from yusuan.parse.column_marks import mark_column
    from yusuan.testing import make_doc, make_table

    # 合计 = 基本支出 + 项目支出 + 上缴上级支出: the rules now count the extra (they skipped the row)
    t = make_table("expense", [("201", "一般公共服务支出", {"total": "100.00", "basic": "60.00", "project": "30.00",
                                                         "to_superior": "5.00"})])
    found = [f for f in audit(make_doc(t)).findings if f.rule == "Y103" and f.severity == "error"]
    assert [f.location.column for f in found] == ["total"]  # 60 + 30 + 5 ≠ 100
    # printed under 其中 (北京: 合计 | 基本支出 | 项目支出 | 其中：事业单位经营支出 …) it is a part of
    # the figures before it, not one more addend
    t = make_table("expense", [("201", "一般公共服务支出", {"total": "100.00", "basic": "60.00", "project": "40.00",
                                                         "operating": "30.00"})])
    t.columns = [Column(id="total", header="合计"), Column(id="basic", header="基本支出"),
                 Column(id="project", header="项目支出"), Column(id="operating", header="其中/事业单位经营支出")]
    for c in t.columns:  # the parse stage yusuan.parse.column_marks does this for a read document
        mark_column(c)
    assert [c.id for c in t.columns if c.of_which] == ["operating"]
    assert [f for f in audit(make_doc(t)).findings if f.rule == "Y103"] == []
    # unmarked (the header's words are the parser's business, not the rule's), it is one more addend
    t.columns[-1].of_which = False
    assert [f.location.column for f in audit(make_doc(t)).findings if f.rule == "Y103" and f.severity == "error"] \
        == ["total"]


def test_header_marks_come_from_the_catalogue() -> None:
    from yusuan.model import Column
    from yusuan.parse.column_marks import mark_column

    marked = {}
    for header in ("其中/事业单位经营支出", "项目支出/其中：基本建设", "上年结转结余/单位资金", "财政拨款结转结余",
                   "合计", "本年收入/单位资金"):
        c = Column(id="x", header=header)
        mark_column(c)
        marked[header] = (c.of_which, c.carried_over)
    assert marked == {"其中/事业单位经营支出": (True, False), "项目支出/其中：基本建设": (True, False),
                      "上年结转结余/单位资金": (False, True), "财政拨款结转结余": (False, True),
                      "合计": (False, False), "本年收入/单位资金": (False, False)}
    # a template's own header word is data: a catalogue with another [headers] marks by it
    cat = load_catalog(_data("tables.toml"), _data("table_structure.toml").replace("of_which = ['(^|/)其中']",
                                                                                 "of_which = ['(^|/)其中', '含：']"))
    c = Column(id="x", header="含：经营支出")
    mark_column(c, cat)
    assert c.of_which


def test_links_between_tables_agree_where_they_overlap() -> None:
    """The summary item → income column links of the placement solver and of the narrative rules are
    one catalogue: where both name an item, they name the same column."""
    from yusuan.tables import fiscal_funds, item_columns, subject_columns

    items, subjects = item_columns(), subject_columns()
    assert {"income.unit_funds", "income.carryover"} <= set(items) and "income.fiscal" in subjects
    for item in set(items) & set(subjects):
        assert subjects[item] == (items[item][0],), item
    income_cols = {c.id for c in catalog().by_id["income"].order}
    for own, transfer, own_item, transfer_item in fiscal_funds().values():
        assert {own, transfer} <= income_cols and own_item.startswith("income.") and transfer_item.startswith("income.")
    for col, parts in items.values():
        assert {col, *parts} <= income_cols
