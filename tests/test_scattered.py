"""Rebuilding tables from raw converter text whose cells are scattered one per line."""

from __future__ import annotations

from decimal import Decimal

from yusuan.blocks import TextLine
from yusuan.model import Table
from yusuan.parse.scattered import parse_scattered_table
from yusuan.parse.scattered_codes import split_subject_project
from yusuan.parse.scattered_columns import match_columns
from yusuan.parse.scattered_tokens import TableHeading, Tok, rejoin_numbers
from yusuan.tables import column_relations


def lines(text: str) -> list[TextLine]:
    return [TextLine(t, line=i) for i, t in enumerate(text.strip("\n").splitlines(), start=1) if t.strip()]


def toks(*texts: str) -> list[Tok]:
    return [Tok(t, i) for i, t in enumerate(texts, start=1)]


def parse(table_id: str, text: str, title: str = "表") -> Table:
    t = parse_scattered_table(TableHeading(id=table_id, title=title, unit="万元"), lines(text))
    assert t is not None
    return t


def row(t: Table, code: str, side: str | None = None):
    return next(r for r in t.rows if r.code == code and (side is None or r.side == side))


def vals(t: Table, code: str, side: str | None = None) -> dict[str, str]:
    return {k: a.text for k, a in row(t, code, side).values.items()}


# --- re-joining split numbers ----------------------------------------------------------------


def test_split_at_the_point_is_always_one_number():
    got = rejoin_numbers(toks("47.", "23", "483", ".92"))
    assert [p.text for p in got] == ["47.23", "483.92"]
    assert got[0].parts == ["47.", "23"] and not got[0].doubtful


def test_split_after_one_decimal_joins_when_the_whole_is_printed_in_the_row():
    got = rejoin_numbers(toks("12.49", "12.4", "9"))
    assert [p.text for p in got] == ["12.49", "12.49"]
    assert not got[1].doubtful


def test_split_after_one_decimal_stays_apart_when_only_the_split_reading_adds_up():
    # 10.5 = 5 + 5.5 holds only when "10.5" and "5" are two amounts
    def adds_up(vs: list[Decimal]) -> bool:
        return len(vs) == 3 and vs[0] == vs[1] + vs[2]

    got = rejoin_numbers(toks("10.5", "5", "5.5"), consistent=adds_up)
    assert [p.text for p in got] == ["10.5", "5", "5.5"]


def test_split_after_one_decimal_joins_when_the_row_adds_up_with_it():
    def adds_up(vs: list[Decimal]) -> bool:
        return vs[0] == sum(vs[1:], Decimal(0))

    got = rejoin_numbers(toks("141.2", "0", "12.49", "34.96", "93.75"), consistent=adds_up)
    assert [p.text for p in got] == ["141.20", "12.49", "34.96", "93.75"]
    assert not got[0].doubtful


# --- vertical headers --------------------------------------------------------------------------


def test_vertical_income_header_gives_its_columns_in_canonical_order():
    # two header rows printed one or two characters per line, sub-columns after the top row
    header = (
        "总 计 财政拨款（补助） 财 政 专 户 （ 教 育 收 费） 单 位 资 金 财 政 拨 款 结 转 "
        "非 财 政 拨 款 结 转 结 余 类 款 项 财 政 拨 款 （ 补 助） 小 计 一般 公共 预算 "
        "上级 一般 公共 预算 安排 的转 移支 付"
    )
    ids = [c for c, _ in match_columns("income", header)]
    assert ids == [
        "total",
        "fiscal_subtotal",
        "gpb",
        "gpb_transfer",
        "fiscal_special",
        "unit_funds",
        "fiscal_carryover",
        "nonfiscal_carryover",
    ]
    assert ("fiscal_subtotal", ["gpb", "gpb_transfer"]) in column_relations("income", ids)


def test_project_header_economic_classes_with_and_without_basic_construction():
    header = (
        "项目 支出 合计 工资 福利 支出 商品 和服 务支 出 资本 性支 出 （基 本建 设） 资本 性支 出 其他 支出"
    )
    ids = [c for c, _ in match_columns("gpb_project", header)]
    assert ids == ["total", "econ301", "econ302", "econ309", "econ310", "econ399"]


# --- placing by the table's sums ---------------------------------------------------------------

EXPENSE = """
项 目 支出预算
科目编码 功能分类科目名称 合计 基本支出 项目支出
类 款 项
{rows}
"""


def test_children_sums_place_each_value_and_mark_it_inferred():
    t = parse(
        "expense",
        EXPENSE.format(
            rows="""210 卫生健康支出 50.00 30.00 20.00
210 15 医疗保障管理事务 50.00 30.00 20.00
210 15 01 行政运行 30.00 30.00
210 15 04 信息化建设 20.00 20.00
合计 50.00 30.00 20.00"""
        ),
    )
    assert [c.id for c in t.columns] == ["total", "basic", "project"]
    assert vals(t, "2101501") == {"total": "30.00", "basic": "30.00"}
    assert vals(t, "2101504") == {"total": "20.00", "project": "20.00"}
    src = row(t, "2101504").values["project"].source
    assert src.inferred and src.note and "21015" in src.note
    assert not row(t, "21015").values["basic"].source.inferred  # read, not deduced
    assert vals(t, "TOTAL") == {"total": "50.00", "basic": "30.00", "project": "20.00"}


def test_values_the_sums_cannot_place_stay_unplaced_with_a_note():
    # A and B are both 30.00: either could be 基本 and the other 项目
    t = parse(
        "expense",
        EXPENSE.format(
            rows="""210 15 医疗保障管理事务 60.00 30.00 30.00
210 15 01 行政运行 30.00 30.00
210 15 02 一般行政管理事务 30.00 30.00
合计 60.00 30.00 30.00"""
        ),
    )
    a = row(t, "2101501")
    assert set(a.values) == {"total"} and [u.text for u in a.unplaced] == ["30.00"]
    assert any("2101501" in n and "未放置" in n for n in t.notes)


def test_a_sum_the_document_breaks_is_not_used_to_place_values():
    # 21015 says 基本 40 but its children cannot make 40: the relation is reported, not trusted
    t = parse(
        "expense",
        EXPENSE.format(
            rows="""210 15 医疗保障管理事务 50.00 40.00 10.00
210 15 01 行政运行 30.00 30.00
210 15 04 信息化建设 20.00 20.00"""
        ),
    )
    assert any("不平" in n and "21015" in n for n in t.notes)
    assert row(t, "2101501").unplaced and row(t, "2101504").unplaced


def test_codes_names_and_numbers_split_over_lines():
    t = parse(
        "gpb_expense",
        EXPENSE.format(
            rows="""208
05
社会保障和
就业支出
47.
22
34.7
3
12.49
208 05 05
机关事业单
位基本养老
34.73
34.
73
208 05 06
职业年金
12.49 12.
49
合计 47.22 34.73 12.49"""
        ),
    )
    r = row(t, "2080505")
    assert r.name == "机关事业单位基本养老"
    assert {k: a.text for k, a in r.values.items()} == {"total": "34.73", "basic": "34.73"}
    assert vals(t, "20805") == {"total": "47.22", "basic": "34.73", "project": "12.49"}
    assert vals(t, "2080506") == {"total": "12.49", "project": "12.49"}
    assert r.values["basic"].source.note and "joined" in r.values["basic"].source.note


def test_repeated_page_header_is_skipped_and_a_cut_name_is_continued():
    t = parse(
        "expense",
        EXPENSE.format(
            rows="""210 15 医疗保障管理事务 30.00 10.00 20.00
210 15 01 行政运行 10.00 10.00
项 目 支出预算
科目编码 功能分类科目名称 合计 基本支出 项目支出
类 款 项
210 15 99 其他医疗保
障管理事务支出 20.00 20.00"""
        ),
    )
    assert [r.code for r in t.rows] == ["21015", "2101501", "2101599"]
    assert row(t, "2101599").name == "其他医疗保障管理事务支出"
    assert vals(t, "2101599") == {"total": "20.00", "project": "20.00"}


def test_basic_expense_classes_by_economic_code():
    t = parse(
        "gpb_basic",
        """经济分类科目编码 经济分类科目名称 合计 人员经费 公用经费
类 款
301 工资福利支出 10.00 10.00
301 01 基本工资 10.00 10.00
302 商品和服务支出 3.00 3.00
302 01 办公费 3.00 3.00
303 对个人和家庭的补助 1.00 1.00
合计 14.00 11.00 3.00""",
    )
    assert vals(t, "302") == {"total": "3.00", "public": "3.00"}
    assert vals(t, "303") == {"total": "1.00", "personnel": "1.00"}
    assert vals(t, "30101") == {"total": "10.00", "personnel": "10.00"}


def test_text_after_the_total_row_is_not_read_into_this_table():
    t = parse(
        "gpb_basic",
        """合计 人员经费 公用经费
301 工资福利支出 10.00 10.00
合计 10.00 10.00
科 目 编 码
208
社会
12.49 12.49""",
    )
    assert [r.code for r in t.rows] == ["301", "TOTAL"]
    assert any("合计行之后" in n for n in t.notes)


def test_project_table_subject_and_project_names_cut_by_line_width():
    assert split_subject_project(["医疗保障经", "办事务", "2023年自治区财", "政全民参保"]) == (
        "医疗保障经办事务",
        "2023年自治区财政全民参保",
    )
    # both cells wrap at the same width: the cut cannot be seen without knowing the class name
    assert split_subject_project(["企业", "关闭", "离退", "休干"]) == ("企业关闭离退休干", None)
    # the catalog knows 2101506's name; the row was cut by a page break, each cell continuing after it
    assert split_subject_project(["医疗", "保障", "运转", "保障"], "2101506", ["经办", "事务", "项目"]) == (
        "医疗保障经办事务",
        "运转保障项目",
    )


# --- two-sided and item tables -----------------------------------------------------------------


def test_summary_sides_and_a_wrapped_income_name():
    t = parse(
        "summary",
        """收 入 支 出
项 目 预算数 功能分类 预算数
一、本年收入 100.00 201 一般公共服务支出
1.一般公共预算拨款 100.00 208 社会保障和就业支出 40.00
其中：一般财力 90.00 210 卫生健康支出 60.00
上级一般公共预算安排转移支
付
10.00 221 住房保障支出
2.基金预算拨款 229 其他支出
二、上年结转结余
1.财政拨款结转
其中：一般公共预算拨款
收入总计 100.00 支出总计 100.00""",
    )
    assert vals(t, "income.gpb_transfer", "income") == {"amount": "10.00"}
    assert row(t, "income.gpb_transfer").name == "上级一般公共预算安排转移支付"
    assert vals(t, "210", "expense") == {"amount": "60.00"}
    assert row(t, "income.carryover_gpb").values == {}
    assert vals(t, "TOTAL", "income") == {"amount": "100.00"}
    assert vals(t, "TOTAL", "expense") == {"amount": "100.00"}
    assert row(t, "221").values == {}


def test_fiscal_summary_expense_columns_follow_the_income_side():
    # every expense row could be 一般公共预算 or 政府性基金 by its own sums; the income side says
    # only 一般公共预算 brings money
    t = parse(
        "fiscal_summary",
        """财政拨款收入 财政拨款支出
项 目 合 计 功 能 分 类 合 计
一般公
共预算
政府性
基金预算
财政拨款（补助） 50.00 201 一般公共服务支出
一般公共预算 50.00 208 社会保障和就业支出 20.00 20.00
政府性基金预算 210 卫生健康支出 30.00 30.00
收 入 总 计 50.00 支 出 总 计 50.00 50.00""",
    )
    assert vals(t, "208", "expense") == {"total": "20.00", "gpb": "20.00"}
    assert row(t, "TOTAL", "expense").values["gpb"].source.inferred
    assert vals(t, "income.fiscal", "income") == {"amount": "50.00"}


def test_three_public_fund_column_undecidable_stays_unplaced():
    t = parse(
        "three_public",
        """三公支出内容 合计
资金来源
一般公共预
算
政府性基金
国有资本经营
预算
合计 2.04 2.04
因公出国（境）费
公务接待费 0.04 0.04
公务用车购置及运行费
（小计）
2.00 2.00
其中：公务用车购置费
公务用车运行费 2.00 2.00""",
    )
    r = row(t, "vehicles")
    assert r.name == "公务用车购置及运行费（小计）"
    assert {k: a.text for k, a in r.values.items()} == {"total": "2.00"}
    assert [u.text for u in r.unplaced] == ["2.00"]
    assert row(t, "overseas_travel").values == {}


def test_empty_table_with_its_note():
    t = parse(
        "gov_fund",
        """项 目 政府性基金预算支出
功能分类科目编码 功能分类科目名称 合 计 基本支出 项目支出
类 款 项
合 计
备注：某某局 2023 年没有使用政府性基金预算拨款安排的支出，政府性基金预算支
出情况表为空表。""",
    )
    assert t.empty and t.rows == []
    assert t.empty_note and t.empty_note.endswith("为空表。")


def test_amounts_in_yuan_are_converted_exactly():
    t = parse_scattered_table(
        TableHeading(id="expense", title="表", unit="元"),
        lines(EXPENSE.format(rows="210 卫生健康支出 12345.00 12345.00\n合计 12345.00 12345.00")),
    )
    assert t is not None
    a = row(t, "210").values["total"]
    assert a.value == Decimal("1.2345") and a.unit == "元" and a.text == "12345.00"


def test_dashes_printed_in_empty_cells_fix_the_columns():
    # no sum could tell 基本 from 项目 here, but the dash holds the 基本 cell
    t = parse(
        "expense",
        EXPENSE.format(
            rows="""210 15 01 行政运行 30.00 30.00 -
210 15 02 一般行政管理事务 30.00 - 30.00"""
        ),
    )
    assert vals(t, "2101501") == {"total": "30.00", "basic": "30.00"}
    assert vals(t, "2101502") == {"total": "30.00", "project": "30.00"}
    assert not row(t, "2101502").values["project"].source.inferred


def test_code_printed_against_its_name():
    t = parse("expense", EXPENSE.format(rows="2101501行政运行 30.00 30.00 -\n合计 30.00 30.00 -"))
    assert row(t, "2101501").name == "行政运行"


def test_summary_expense_side_without_codes():
    t = parse(
        "summary",
        """收 入 支 出
项 目 预算数 项 目 预算数
一、本年收入 100.00 一、本年支出 100.00
收入总计 100.00 支出总计 100.00""",
    )
    assert vals(t, "income.current", "income") == {"amount": "100.00"}
    assert vals(t, "expense.current", "expense") == {"amount": "100.00"}


def test_three_public_printed_with_items_as_columns():
    t = parse(
        "three_public",
        """单位名称
合计
因公出国（境）费
公务接待费
公务用车购置及运行费
公务用车购置费
公务用车运行费
某某局 2.04 0.04 2.00 2.00""",
    )
    got = {r.code: {k: a.text for k, a in r.values.items()} for r in t.rows}
    assert list(got) == [
        "TOTAL",
        "overseas_travel",
        "reception",
        "vehicles",
        "vehicle_purchase",
        "vehicle_operation",
    ]
    assert got["TOTAL"] == {"total": "2.04"}
    assert got["vehicles"] == {"total": "2.00"}
    assert row(t, "vehicles").values["total"].source.inferred
    # 0.04 is 出国 or 接待, the second 2.00 购置 or 运行: the sums cannot say which
    assert [u.text for u in row(t, "TOTAL").unplaced] == ["0.04", "2.00"]


def test_summary_expense_name_wrapped_onto_a_line_of_its_own():
    t = parse(
        "summary",
        """收 入 支 出
项 目 预算数 功能分类 预算数
一、本年收入 10.00 207 文化旅游体育与传媒支
出
上级一般公共预算安排转移支 208 社会保障和就业支出 10.00
付
收入总计 10.00 支出总计 10.00""",
    )
    assert row(t, "207").name == "文化旅游体育与传媒支出"
    assert row(t, "income.gpb_transfer").name == "上级一般公共预算安排转移支付"


def test_unrecognised_header_leaves_values_unplaced_without_false_imbalances():
    t = parse("expense", "甲 乙 丙\n210 卫生健康支出 30.00 10.00 20.00\n总计： 30.00 10.00 20.00")
    assert [r.code for r in t.rows] == ["210", "TOTAL"]
    assert all(not r.values and len(r.unplaced) == 3 for r in t.rows)
    assert not any("不平" in n for n in t.notes)
    assert any("表头" in n for n in t.notes)


def test_group_headers_are_columns_only_when_nothing_is_printed_under_them():
    # older template: 财政拨款 and 上年结转 are columns of their own
    ids = [c for c, _ in match_columns("income", "合计 财政拨款 事业收入 其他收入 上年结转")]
    assert ids == ["total", "fiscal_subtotal", "business", "other", "carryover"]
    # 上年结转结余 over 财政拨款结转 / 非财政拨款结转结余: a group header, no column of its own
    ids = [c for c, _ in match_columns("income", "总计 上年结转结余 财政拨款结转 非财政拨款结转结余")]
    assert ids == ["total", "fiscal_carryover", "nonfiscal_carryover"]
    # 财政拨款 over 一般公共预算 / 政府性基金预算 without a 小计 column
    ids = [c for c, _ in match_columns("income", "总计 财政拨款 一般公共预算 政府性基金预算")]
    assert ids == ["total", "gpb", "gov_fund"]


def test_expense_header_with_basic_broken_down():
    ids = [c for c, _ in match_columns("expense", "合计 基本支出 小计 人员经费 公用经费 项目支出")]
    assert ids == ["total", "basic", "personnel", "public", "project"]
    # no 小计 under 基本支出: 基本支出 is only the group's header
    ids = [c for c, _ in match_columns("expense", "合计 基本支出 人员经费 公用经费 项目支出")]
    assert ids == ["total", "personnel", "public", "project"]
    assert ("total", ["personnel", "public", "project"]) in column_relations("expense", ids)


def test_many_children_are_still_placed():
    # 24 款 under 302 and 12 under 301, each "total value" with its column unknown: the class sums
    # decide every one (a search too large would leave them unplaced)
    public = [Decimal(f"{n}.{(n * 7) % 100:02d}") for n in range(1, 25)]
    personnel = [Decimal(f"{10 * n}.{(n * 13) % 100:02d}") for n in range(1, 13)]
    p, q = sum(personnel), sum(public)
    body = ["经济分类科目编码 经济分类科目名称 合计 人员经费 公用经费", "类 款", f"301 工资福利支出 {p} {p}"]
    body += [f"301 {n:02d} 人员款{n} {v} {v}" for n, v in enumerate(personnel, start=1)]
    body += [f"302 商品和服务支出 {q} {q}"]
    body += [f"302 {n:02d} 公用款{n} {v} {v}" for n, v in enumerate(public, start=1)]
    body += [f"合计 {p + q} {p} {q}"]
    t = parse("gpb_basic", "\n".join(body))
    assert not any(r.unplaced for r in t.rows)
    assert all(set(r.values) == {"total", "public"} for r in t.rows if r.code and r.code.startswith("302"))
    assert all(set(r.values) == {"total", "personnel"} for r in t.rows if r.code and r.code.startswith("301"))


def test_repeated_header_cut_into_lines_differently_is_still_skipped():
    t = parse(
        "expense",
        """项 目 支出预算
科目编码 功能分类科目名称 合计 基本支出 项目支出
类 款 项
210 15 医疗保障管理事务 30.00 10.00 20.00
210 15 01 行政运行 10.00 10.00
科目编码 功能分类
科目名称 合计 基本
支出 项目支出 类 款 项
210 15 99 其他医疗保障管理事务支出 20.00 20.00""",
    )
    assert [r.code for r in t.rows] == ["21015", "2101501", "2101599"]
    assert row(t, "2101501").name == "行政运行"
    assert vals(t, "2101599") == {"total": "20.00", "project": "20.00"}


def test_a_bare_page_number_between_rows_is_not_an_amount():
    t = parse(
        "expense",
        EXPENSE.format(
            rows="""210 15 医疗保障管理事务 30.00 10.00 20.00
210 15 01 行政运行 10.00 10.00
16
210 15 99 其他医疗保障管理事务支出 20.00 20.00
210
卫生健康支出 30.00 10.00 20.00"""
        ),
    )
    assert vals(t, "2101501") == {"total": "10.00", "basic": "10.00"}
    assert [r.code for r in t.rows] == ["21015", "2101501", "2101599", "210"]
