"""Y5xx classification-code rules, each on a small inline table it fires on and one it must not."""

from __future__ import annotations

from yusuan.audit import AuditResult, audit
from yusuan.codes import load_catalog
from yusuan.model import Document
from yusuan.testing import make_doc, make_table

V = {"total": "1.00"}


def run(doc: Document, code: str) -> AuditResult:
    return audit(doc, select=[code])


def messages(res: AuditResult) -> list[tuple[str, str, str | None]]:
    return [(f.severity, f.message, f.location.row_code) for f in res.findings]


# --- Y501 code exists ----------------------------------------------------------------------------


def test_y501_fires_on_codes_outside_the_classification() -> None:
    doc = make_doc(make_table("expense", [
        ("TOTAL", "合计", V),
        ("225", "其他支出", V),  # no such 类
        ("305", "其他经济支出", V),  # no such economic 类
        ("2109988", "某某支出", V),  # 款 21099 exists, this 项 was never printed
        ("21088", "某某事务", V),  # 类 210 exists, this 款 was never printed
        ("21011001", "行政单位医疗", V),  # 8 digits
    ]))
    found = messages(run(doc, "Y501"))
    by_code = {c: (s, m) for s, m, c in found}
    assert by_code["225"][0] == "error" and "类级" in by_code["225"][1]
    assert by_code["305"][0] == "error"
    # an unseen 项 under a known 款 is only noted; an unseen 款 is a warning
    assert by_code["2109988"][0] == "info" and "其款 21099 是已知科目" in by_code["2109988"][1]
    assert by_code["21088"][0] == "warning" and "未见于科目目录" in by_code["21088"][1]
    assert by_code["21011001"][0] == "error" and "位数" in by_code["21011001"][1]
    assert len(found) == 5


def test_y501_quiet_on_real_codes_subdivisions_and_fragments() -> None:
    cat = load_catalog()
    kuan = next(e.code for e in cat.codes("func", 2) if e.code + "01" not in cat)
    doc = make_doc(
        make_table("expense", [
            ("210", "卫生健康支出", V),
            ("21011", "行政事业单位医疗", V),
            ("2101101", "行政单位医疗", V),
            ("2101101", "行政单位医疗", V),  # repeated per unit: still fine
            (kuan + "01", "行政运行", V),  # a systematic 项 under a known 款
        ]),
        make_table("gpb_basic", [
            ("301", "工资福利支出", V),
            ("30102", "津贴补贴", V),
            ("3010201", "规范性津补贴", V),  # a locality's subdivision of 30102
        ]),
        make_table("fiscal_summary", [
            ("155", ".66", V),  # the integer half of a split amount, not a code
            ("288", "某某市交通运输局", V),  # a budget unit's number
            ("015", "", V),  # a unit's number: classification codes never start with 0
            ("10302", "非税收入", V),  # 收入分类科目: not checked here
        ]),
    )
    assert messages(run(doc, "Y501")) == []


# --- Y502 name matches ---------------------------------------------------------------------------


def test_y502_fires_on_wrong_and_superseded_names() -> None:
    doc = make_doc(
        make_table("gpb_expense", [
            ("210", "医疗卫生与计划生育支出", V),
            ("21011", "行政事业单位医疗", V),
            ("2101101", "事业单位医疗", V),
        ]),
        make_table("gpb_basic", [("30208", "物业管理费", V)]),
        year=2021,
    )
    found = messages(run(doc, "Y502"))
    assert len(found) == 3
    renamed = next(m for s, m, c in found if c == "210")
    assert "2019" in renamed and "卫生健康支出" in renamed and "旧名称" in renamed
    wrong = next((s, m) for s, m, c in found if c == "2101101")
    assert wrong[0] == "warning" and "行政单位医疗" in wrong[1]
    assert any(c == "30208" and "取暖费" in m for s, m, c in found)


def test_y502_is_only_info_where_the_catalog_is_unsure() -> None:
    cat = load_catalog()
    unsure = next(e for e in cat.codes("func", 3) if e.certainty == "uncertain")
    doc = make_doc(make_table("gpb_expense", [(unsure.code, "完全不同的名称", V)]))
    (finding,) = run(doc, "Y502").findings
    assert finding.severity == "info" and "目录不确定" in finding.message


def test_y502_quiet_on_normalised_cut_and_run_together_names() -> None:
    doc = make_doc(
        make_table("gpb_expense", [
            ("210", "一、卫生健康支出", V),  # numbering is not part of the name
            ("2080505", "机关事业单位基本养老保险缴", V),  # cut at a line wrap
            ("210", "", V),  # no name printed
        ]),
        make_table("gpb_basic", [
            ("30213", "维修 (护) 费", V),  # half-width brackets and spaces
            ("50101", "基本工资工资奖金津补贴", V),  # 部门 and 政府经济分类 names read as one cell
            ("50201", "办公费", V),  # a 部门经济分类 item listed under its 政府经济分类 code
        ]),
        make_table("fiscal_summary", [
            ("224", ".43", V),  # the integer half of a split amount
            ("309", "某某市人力资源和社会保障局", V),  # a unit's row
            ("202", "年打造区域医学高地，共建重点学科，培养学科带头人，开展急需紧缺型医学人才引育行动。", V),
        ]),
    )
    assert messages(run(doc, "Y502")) == []


# --- Y503 parent rows ----------------------------------------------------------------------------


def test_y503_fires_on_missing_and_misplaced_parents() -> None:
    doc = make_doc(make_table("gpb_expense", [
        ("201", "一般公共服务支出", V),
        ("20132", "组织事务", V),
        ("210", "卫生健康支出", V),
        ("21015", "医疗保障管理事务", V),
        ("2101501", "行政运行", V),
        ("2101101", "行政单位医疗", V),  # its 款 21011 is not printed
        ("2013299", "其他组织事务支出", V),  # its 款 20132 is printed, but under 201, far above
    ]))
    found = messages(run(doc, "Y503"))
    assert [c for _s, _m, c in found] == ["2101101", "2013299"]
    assert "缺少上级科目行 21011" in found[0][1]
    assert "不在其上级科目 20132 之下" in found[1][1]


def test_y503_quiet_on_whole_outlines_and_flat_lists() -> None:
    doc = make_doc(
        make_table("gpb_expense", [
            ("210", "卫生健康支出", V),
            ("21011", "行政事业单位医疗", V),
            ("2101101", "行政单位医疗", V),
            ("2101102", "事业单位医疗", V),
        ]),
        # the continuation of a table on the next page: its 类 row is in the first part
        make_table("gpb_expense", [("21015", "医疗保障管理事务", V), ("2101501", "行政运行", V)]),
        # a flat list of 项 (no 类 rows) is not an outline
        make_table("gpb_project", [("2101101", "行政单位医疗", V), ("2080505", "机关事业单位基本养老保险缴费支出", V)]),
    )
    assert messages(run(doc, "Y503")) == []


# --- Y504 functional classification to 项 --------------------------------------------------------


def test_y504_fires_on_a_table_that_stops_at_kuan() -> None:
    doc = make_doc(make_table("gpb_expense", [
        ("TOTAL", "合计", {"total": "2.00"}),
        ("201", "一般公共服务支出", V),
        ("20132", "组织事务", V),
        ("210", "卫生健康支出", V),
        ("21011", "行政事业单位医疗", V),
    ]))
    (f,) = run(doc, "Y504").findings
    assert f.severity == "error" and "未细化到项级" in f.message and f.location.table == "gpb_expense"


def test_y504_warns_on_one_kuan_left_without_items() -> None:
    doc = make_doc(make_table("expense", [
        ("201", "一般公共服务支出", V),
        ("20132", "组织事务", V),
        ("2013299", "其他组织事务支出", V),
        ("210", "卫生健康支出", V),
        ("21011", "行政事业单位医疗", V),  # an amount and no 项 under it
        ("21015", "医疗保障管理事务", {"total": "0.00"}),  # zero: nothing to break down
    ]))
    found = messages(run(doc, "Y504"))
    assert [(s, c) for s, _m, c in found] == [("warning", "21011")]


def test_y504_quiet_on_a_table_down_to_items() -> None:
    doc = make_doc(make_table("gpb_expense", [
        ("210", "卫生健康支出", V), ("21011", "行政事业单位医疗", V), ("2101101", "行政单位医疗", V),
    ]))
    res = run(doc, "Y504")
    assert res.findings == [] and res.coverage[0].status == "ran"


# --- Y505 economic classification of 基本支出 to 款 ----------------------------------------------


def test_y505_fires_on_a_basic_table_of_classes_only() -> None:
    doc = make_doc(make_table("gpb_basic", [
        ("TOTAL", "合计", {"total": "2.00"}), ("301", "工资福利支出", V), ("302", "商品和服务支出", V),
    ]))
    (f,) = run(doc, "Y505").findings
    assert f.severity == "error" and "未细化到款级" in f.message


def test_y505_quiet_on_a_basic_table_down_to_kuan_and_not_run_without_it() -> None:
    doc = make_doc(make_table("gpb_basic", [
        ("301", "工资福利支出", V), ("30101", "基本工资", V),
        ("502", "机关商品和服务支出", V), ("50201", "办公经费", V),
    ]))
    assert run(doc, "Y505").findings == []
    res = run(make_doc(make_table("gpb_expense", [("210", "卫生健康支出", V)])), "Y505")
    assert res.findings == [] and res.coverage[0].status == "not_run"


def test_y505_falls_back_to_the_economic_expense_table() -> None:
    doc = make_doc(make_table("gpb_econ", [("301", "工资福利支出", V), ("302", "商品和服务支出", V)]))
    (f,) = run(doc, "Y505").findings
    assert f.location.table == "gpb_econ"
    # with a 基本支出表 present, that one is judged
    doc.tables.append(make_table("gpb_basic", [("301", "工资福利支出", V), ("30101", "基本工资", V)]))
    assert run(doc, "Y505").findings == []


def test_y502_one_finding_per_code_and_name_in_a_document() -> None:
    rows = [("2101101", "事业单位医疗", V)]
    doc = make_doc(make_table("expense", rows, title="支出总表"), make_table("gpb_expense", rows, title="一般公共预算支出表"))
    (f,) = run(doc, "Y502").findings
    assert f.location.table == "expense" and "一般公共预算支出表 中同样" in f.message


def test_y504_also_asks_gov_fund_tables_for_items() -> None:
    doc = make_doc(make_table("gov_fund", [("212", "城乡社区支出", V), ("21208", "国有土地使用权出让收入安排的支出", V)]))
    (f,) = run(doc, "Y504").findings
    assert f.severity == "error" and f.location.table == "gov_fund"


def test_y502_a_table_numbered_otherwise_than_the_classification_is_one_finding() -> None:
    # 302 01 办公费, 302 02 咨询费, 302 03 水费 … numbered in sequence: names of the national list on
    # other codes of the same 类; one finding for the table (its numbering), not a warning per row
    rows = [("302", "商品和服务支出", V), ("30201", "办公费", V), ("30202", "咨询费", V), ("30203", "水费", V),
            ("30204", "电费", V), ("30205", "邮电费", V), ("30209", "物业管理费", V)]
    found = messages(run(make_doc(make_table("gpb_basic", rows), year=2024), "Y502"))
    assert [s for s, _, _ in found] == ["warning"] and "按顺序编号" in found[0][1] and "30203 水费" in found[0][1]
    # one misname in a table otherwise national stays a warning
    rows = [("302", "商品和服务支出", V), ("30201", "办公费", V), ("30202", "印刷费", V), ("30205", "水费", V),
            ("30206", "电费", V), ("30207", "邮电费", V), ("30208", "物业管理费", V)]
    found = messages(run(make_doc(make_table("gpb_basic", rows), year=2024), "Y502"))
    assert [(s, c) for s, _, c in found] == [("warning", "30208")]


# --- s6: the catalog's model of the classification (issue 8) -------------------------------------


def test_y504_quiet_on_kuan_the_classification_does_not_divide() -> None:
    # 219 援助其他地区支出 is classified to 款 only: 21908 住房保障 with an amount is as far as it goes
    rows = [("219", "援助其他地区支出", V), ("21908", "住房保障", V),
            ("210", "卫生健康支出", V), ("21011", "行政事业单位医疗", V), ("2101101", "行政单位医疗", V)]
    assert run(make_doc(make_table("expense", rows)), "Y504").findings == []
    # a table listing only such 款 does not stop short of 项 either
    assert run(make_doc(make_table("gpb_expense", rows[:2])), "Y504").findings == []
    # an ordinary 款 left without its 项 beside them is still reported
    found = messages(run(make_doc(make_table("expense", [*rows, ("20809", "退役安置", V)])), "Y504"))
    assert [(s, c) for s, _m, c in found] == [("warning", "20809")]


def test_y501_knows_standard_codes_printed_without_their_class_cells() -> None:
    # Yantai prints 208 | 27 | 99 in cells: 20827 财政对其他社会保险基金的补助 is a standard 款
    doc = make_doc(make_table("expense", [
        ("208", "社会保障和就业支出", V), ("20827", "财政对其他社会保险基金的补助", V),
        ("2082799", "其他财政对社会保险基金的补助", V),
        ("223", "国有资本经营预算支出", V), ("22301", "解决历史遗留问题及改革成本支出", V),
        ("2230108", "离休干部医药费补助支出", V),
    ]))
    assert run(doc, "Y501").findings == []


def test_y501_leaves_a_table_numbered_its_own_way_to_y502() -> None:
    rows = [("302", "商品和服务支出", V), ("30201", "办公费", V), ("30202", "咨询费", V), ("30203", "水费", V),
            ("30204", "电费", V), ("30205", "邮电费", V), ("30209", "物业管理费", V),
            ("30210", "车辆运行费", V), ("30232", "某某费", V)]  # not national codes at all
    doc = make_doc(make_table("gpb_basic", rows), year=2024)
    assert [f for f in run(doc, "Y501").findings if f.severity != "info"] == []
    (f,) = run(doc, "Y502").findings
    assert "按顺序编号" in f.message and "30210 车辆运行费" in f.message and "不在科目目录中" in f.message
    # in a table on the national numbering an unknown economic 款 is still reported by Y501
    national = [("302", "商品和服务支出", V), ("30201", "办公费", V), ("30232", "某某费", V)]
    found = messages(run(make_doc(make_table("gpb_basic", national), year=2024), "Y501"))
    assert [(s, c) for s, _m, c in found] == [("warning", "30232")]


def test_y502_takes_the_name_of_the_documents_year() -> None:
    def names(year: int, rows: list[tuple[str, str, dict[str, str]]]) -> list[str | None]:
        return [c for _s, _m, c in messages(run(make_doc(make_table("summary", rows), year=year), "Y502"))]

    old_215 = [("215", "资源勘探信息等支出", V)]
    # 215 was renamed from the 2021 科目 on: its old name is right in 2019, wrong in 2023
    assert names(2019, old_215) == []
    assert names(2023, old_215) == ["215"]
    # the 2019 reform's renames are due in their first year: a budget of Y is compiled under Y's 科目
    assert names(2019, [("210", "医疗卫生与计划生育支出", V)]) == ["210"]
    assert names(2018, [("210", "医疗卫生与计划生育支出", V)]) == []
    # the new name is accepted in the years the rename could not be dated
    assert names(2020, [("215", "资源勘探工业信息等支出", V)]) == []
    item = [("210", "卫生健康支出", V), ("21004", "公共卫生", V), ("2100410", "突发公共卫生事件应急处理", V)]
    assert names(2022, item) == [] and names(2026, item) == ["2100410"]
