"""部门综合预算 (西安 2021–2022): the 政府性基金收支表 printed like the 收支总表 (income | expense side by
side, the economic lists beside), and the 专项业务经费支出表 (a project list) read as canonical tables.
Figures asserted here were read from the rendered pages."""

from __future__ import annotations

from yusuan.audit import Finding, audit
from yusuan.model import Document, Table
from yusuan.testing import make_doc, make_table


def run(doc: Document, code: str) -> list[Finding]:
    return [f for f in audit(doc, select=[code]).findings if f.rule == code]


def _load(name: str) -> Document:
    from store_helpers import shared_file

    from yusuan.pipeline import load

    return load(str(shared_file("more", name)))


def test_xian_gov_fund_table_read_as_two_sided_with_its_economic_lists() -> None:
    # 027 p59 (元): 一、政府性基金拨款 167781553.36 | 十、其他支出 167781553.36; beside it 一、人员经费和公用经费支出
    # 4968593.36, 二、专项业务经费支出 162812960.00; 二、机关商品和服务支出 149000000.00, 五、对事业单位经常性补助
    # 18765753.36, 九、对个人和家庭的补助 15800.00
    doc = _load("027_xian_civil_affairs_2021_budget.pdf")
    by_id = {t.id: t for t in doc.tables}
    gf = by_id["gov_fund_summary"]
    assert [c.id for c in gf.columns] == ["amount"]
    printed = {(r.side, r.code): r.values["amount"].text for r in gf.rows if r.values and r.values["amount"].value}
    assert printed == {("income", "income.gov_fund"): "167781553.36", ("income", "income.current"): "167781553.36",
                       ("expense", "229"): "167781553.36", ("expense", "expense.current"): "167781553.36"}
    dept = {r.code: r.values["amount"].text for r in by_id["gov_fund_summary_dept_econ"].rows if r.code}
    assert dept["item1"] == "4968593.36" and dept["item2"] == "162812960.00"
    gov = {r.code: r.values["amount"].text for r in by_id["gov_fund_summary_gov_econ"].rows if r.code}
    assert (gov["item2"], gov["item5"], gov["item9"]) == ("149000000.00", "18765753.36", "15800.00")
    assert not any(c.id.startswith("col") for t in doc.tables if t.id.startswith("gov_fund") for c in t.columns
                   if t.rows)
    assert run(doc, "Y910") == [] and run(doc, "Y104") == []


def test_xian_project_list_is_a_canonical_table() -> None:
    # 024 p53 (表10, 元): 合计 533210570.00; 全额 527870570.00; 西安市商务局 520523313.00; 通用项目 4340000.00
    doc = _load("024_xian_commerce_2022_budget.pdf")
    [t] = [t for t in doc.tables if t.id == "project_list"]
    assert [c.id for c in t.columns] == ["total", "description"]
    first = [(r.code, r.name, r.values["total"].text) for r in t.rows[:4]]
    assert first == [("TOTAL", "合计", "533210570.00"), (None, "全额", "527870570.00"),
                     (None, "西安市商务局", "520523313.00"), (None, "通用项目", "4340000.00")]
    assert not any(t.id == "generic" for t in doc.tables)


def _gov_fund(income: str, expense: str) -> Table:
    t = make_table("gov_fund_summary", [("income.gov_fund", "一、政府性基金拨款", {"amount": income}),
                                        ("income.current", "本年收入合计", {"amount": income})], side="income")
    t.rows += make_table("gov_fund_summary", [("229", "十、其他支出", {"amount": expense}),
                                              ("expense.current", "本年支出合计", {"amount": expense})],
                         side="expense").rows
    return t


def test_y104_gov_fund_table_income_equals_expense() -> None:
    assert run(make_doc(_gov_fund("1,677.82", "1,677.82")), "Y104") == []
    [f] = run(make_doc(_gov_fund("1,677.82", "1,667.82")), "Y104")
    assert f.severity == "error" and f.location.table == "gov_fund_summary"


def _econ_list(first: str) -> Table:
    return make_table("gov_fund_summary_dept_econ", [
        ("item1", "一、人员经费和公用经费支出", {"amount": first}),
        (None, "工资福利支出", {"amount": first}),
        ("item2", "二、专项业务经费支出", {"amount": "1,628.13"}),
        ("expense.current", "本年支出合计", {"amount": "1,677.82"}),
    ], side="expense")


def test_y910_gov_fund_economic_list_adds_up() -> None:
    assert run(make_doc(_econ_list("49.69")), "Y910") == []
    [f] = run(make_doc(_econ_list("4.69")), "Y910")
    assert "本年支出合计" in f.message


def test_chinese_numbered_list_items() -> None:
    from yusuan.parse.tables_sided import _cn_number

    assert [_cn_number(x) for x in ("一", "十", "十一", "十五", "二十三", "十十")] == [1, 10, 11, 15, 23, None]


def test_shanghai_2023_performance_tables_titled_tianbaobiao_end_the_three_public_table() -> None:
    # 010 p31–: 财政项目支出绩效目标填报表 (header 年度(/项目)指标值) after the 三公 table of p28
    doc = _load("010_shanghai_putuo-wanli-subdistrict-office_2023_budget.pdf")
    [tp] = [t for t in doc.tables if t.id == "three_public"]
    assert len(tp.rows) == 7 and not any(c.id.startswith("col") for c in tp.columns)
    assert len(doc.performance) == 5
    first = doc.performance[0]
    assert first.project == "新建万里街道社区公共服务中心" and first.amounts["total"].text == "4,100,000.00"
    assert first.indicators[0].level3 == "规划建筑面积"


def test_header_variants_of_other_templates_are_named() -> None:
    from yusuan.tables import match_column

    # 北京: 项目支出 / 项目支出总数 | 扣除基建项目后预算数
    assert match_column("gpb_expense", "预算数/项目支出/扣除基建项目后预算数") == "project_net"
    assert match_column("gpb_expense", "预算数/项目支出/项目支出总数") == "project"
    # 广州: 财政专户拨款收入 / 其他专户收入拨款 is special-account money; 其他资金收入 / 其他收入 is 其他收入
    assert match_column("income", "财政专户拨款收入/其他专户收入拨款") == "fiscal_special_other"
    assert match_column("income", "其他资金收入/其他收入") == "other"
    # 高校: 使用非财政拨款结余; 西安 2021: 部门预算 / 合计 beside 总计
    assert match_column("income", "使用非财政拨款结余") == "nonfiscal_surplus_used"


def test_jiangsu_procurement_group_rows_take_their_heading() -> None:
    # 003 p22 (公开 12 表): 合计 2,744.84; "一、货物A" printed in the 采购品目大类 column with its 303.40
    doc = _load("003_jiangsu_provincial-procuratorate_2019_budget.pdf")
    [t] = [t for t in doc.tables if t.id == "procurement"]
    assert [(r.code, r.name, r.values["total"].text) for r in t.rows[:2]] == [
        ("TOTAL", "合计", "2,744.84"), (None, "一、货物A", "303.40")]
    assert all(r.name or r.code for r in t.rows if r.values)
