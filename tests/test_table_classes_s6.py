"""Classes of false table findings of session 6 (issue 8): each fix is tested on tables made up
for the test in several phrasings and layouts of the class, not only the instance seen, and each
test also shows the same rule still firing where the table is really wrong."""

from __future__ import annotations

from test_rules_arithmetic import run

from yusuan.model import Row
from yusuan.testing import make_doc, make_table

# --- 1. a class name printed again under its class (款/项 without codes) ------------------------


def _classes(names: list[str | tuple[str, str]]) -> list[str | None]:
    """The class codes the two-sided reader gives a summary's expense names (a tuple: a printed
    item code such as ``expense.current``)."""
    from yusuan.parse.tables_sided import _class_by_name, _repeats_class_above

    rows: list[Row] = []
    for n in names:
        if isinstance(n, tuple):
            rows.append(Row(code=n[1], name=n[0]))
            continue
        code = _class_by_name(n)
        if code is not None and _repeats_class_above(code, n, rows):
            code = None
        rows.append(Row(code=code, name=n))
    return [r.code for r in rows]


def test_a_class_name_repeated_below_its_class_is_its_kuan_and_xiang_not_the_class_again() -> None:
    assert _classes(["五、其他支出", "其他支出", "其他支出"]) == ["229", None, None]
    # without the outline number, after an item of another class, and for a class with another name
    assert _classes(["住房保障支出", "住房改革支出", "其他支出", "其他支出"]) == ["221", None, "229", None]
    assert _classes(["（六）灾害防治及应急管理支出", "灾害防治及应急管理支出"]) == ["224", None]


def test_a_class_after_a_closing_line_or_another_heading_is_a_class() -> None:
    # a second listing after 本年支出合计 (the same classes again, by another split) starts anew
    assert _classes(["其他支出", ("本年支出合计", "expense.current"), "其他支出"]) == ["229", "expense.current", "229"]
    assert _classes(["一、一般公共服务支出", "二、其他支出"]) == ["201", "229"]
    # the classes of each fund listed under the fund's heading: 城乡社区支出 of both funds
    assert _classes(["城乡社区支出", "二、政府性基金预算支出", "城乡社区支出"]) == ["212", None, "212"]


def test_a_same_named_row_larger_than_the_class_above_is_not_its_part() -> None:
    from yusuan.parse.tables_sided import _repeats_class_above
    from yusuan.testing import make_amount

    cls = Row(code="229", name="五、其他支出", values={"amount": make_amount("7,647.43")})
    assert _repeats_class_above("229", "其他支出", [cls], {"amount": make_amount("7,647.43")})
    assert not _repeats_class_above("229", "其他支出", [cls], {"amount": make_amount("9,000.00")})


# --- 2. a table whose note says items were withheld ------------------------------------------------


def test_withheld_notes_in_several_phrasings_are_recognised() -> None:
    from yusuan.parse.tables_titles import withheld_note

    yes = [
        "（注：根据国家保密法律法规和有关保密事项范围的规定，部分具体项目信息公开时予以剔除。）",
        "注：部分项目涉密，公开时予以剔除。",
        "说明：涉密项目不予公开。",
        "注：按照有关规定，部分项目明细未列示。",
        "备注：本表已按规定剔除涉及国家秘密的内容",
    ]
    no = [
        "注：本表无数据的科目未列示。",
        "注：财政拨款收支情况包括一般公共预算、政府性基金预算拨款收支情况。",
        "注：本部门2026年没有使用政府性基金预算拨款安排的支出，故本表为空表。",
        "注：金额为0的项目未列示。",
    ]
    assert [withheld_note(t) for t in yes] == [True] * len(yes)
    assert [withheld_note(t) for t in no] == [False] * len(no)


def _projects(withheld: str | None, total: str = "525.00"):
    t = make_table("project_total", [
        ("TOTAL", "合计", {"total": total}),
        (None, "实施公车统管费用", {"total": "15.00"}),
        (None, "接访大厅运行经费", {"total": "145.00"}),
        (None, "信访业务工作经费", {"total": "75.00"}),
    ])
    for r in t.rows[1:]:
        r.project = r.name
    t.withheld = withheld
    return make_doc(t)


def test_a_total_above_its_listed_rows_under_a_withheld_note_is_info_stating_the_amount() -> None:
    found = run(_projects("注：部分项目涉密，公开时予以剔除。"), "Y102")
    assert [(f.severity, f.category) for f in found] == [("info", "withheld")]
    assert "290.00 万元" in found[0].message and "涉密" in found[0].message


def test_without_the_note_or_with_rows_above_the_total_it_stays_a_finding() -> None:
    assert [f.severity for f in run(_projects(None), "Y102")] == ["warning"]  # far off: reading doubtful
    assert [f.severity for f in run(_projects(None, "250.00"), "Y102")] == ["error"]
    # the listed rows exceed the total: no withholding explains that
    assert [f.severity for f in run(_projects("注：部分项目涉密，公开时予以剔除。", "200.00"), "Y102")] == ["error"]


# --- 5. a subtotal printed blank over printed parts -------------------------------------------------


def _three_public(vehicles: str, purchase: str = "18.690000", operation: str = "4.830000"):
    return make_table("three_public", [
        ("TOTAL", "“三公”经费财政拨款预算总额", {"total": "40.770000"}),
        ("overseas_travel", "因公出国（境）费用", {"total": "17.100000"}),
        ("reception", "公务接待费", {"total": "0.150000"}),
        ("vehicles", "公务用车购置及运行维护费", {"total": vehicles}),
        ("vehicle_purchase", "公务用车购置费", {"total": purchase}),
        ("vehicle_operation", "公务用车运行维护费", {"total": operation}),
    ])


def test_a_blank_subtotal_stands_for_its_printed_parts_in_comparisons() -> None:
    from decimal import Decimal

    from yusuan.rules.narrative_common import blank_subtotal, table_quantities

    t = _three_public("")
    vehicles = t.rows[3]
    assert vehicles.values == {}  # the printed blank stays blank in the model
    got = blank_subtotal(t, vehicles, "total")
    assert got is not None and got[1].value == Decimal("23.52") and got[1].source.inferred
    amounts = [q.amount.value for q in table_quantities(make_doc(t), "three_public.vehicles")]
    assert amounts == [Decimal("23.52")]
    # a printed subtotal is read as printed; blank parts under a blank subtotal stay unknown
    assert blank_subtotal(_three_public("23.52"), _three_public("23.52").rows[3], "total") is None
    both_blank = _three_public("", "", "")
    assert blank_subtotal(both_blank, both_blank.rows[3], "total") is None


def test_y106_says_a_blank_subtotal_is_not_filled_in_and_a_wrong_one_is_an_error() -> None:
    found = run(make_doc(_three_public("")), "Y106")
    assert [(f.severity, f.category, f.location.row_code) for f in found] == [
        ("warning", "blank-subtotal", "vehicles")]
    assert "23.52" in found[0].message and "未填" in found[0].message
    assert [f.severity for f in run(make_doc(_three_public("20.00")), "Y106")] == ["error"]


# --- 4. a summary's 支出总计 that includes closing items, restated at another precision -----------


def _summary_with_closing(closing: tuple[str | None, str, str], current: str = "936647884.33"):
    from test_rules_cross_table import two_sided

    income = [("income.gpb", "一般公共预算拨款", {"amount": "943864999.96"}),
              ("TOTAL", "收入总计", {"amount": "943864999.96"})]
    expense = [("206", "科学技术支出", {"amount": current}),
               ("expense.current", "本年支出合计", {"amount": current}),
               (closing[0], closing[1], {"amount": closing[2]}),
               ("TOTAL", "支出总计", {"amount": "943864999.96"})]
    t = two_sided("summary", income, expense)
    for r in t.rows:
        for a in r.values.values():
            a.unit, a.value = "元", a.value / 10000
    return t


def _expense_table(total: str):
    return make_table("expense", [("TOTAL", "合计", {"total": total}), ("206", "科学技术支出", {"total": total})],
                      unit="元")


def test_y201_compares_the_expense_table_with_this_years_spending_when_the_summary_adds_closing_items() -> None:
    from test_rules_cross_table import run as run_cross

    for closing in [(None, "未安排支出的实户资金", "7217115.63"), ("expense.carryover", "结转下年", "7217115.63"),
                    ("expense.carryover", "年末结转和结余", "7217115.63")]:
        doc = make_doc(_summary_with_closing(closing), _expense_table("936647884.3"))
        # one decimal in the expense table, two in the summary: rounding, not a disagreement
        assert [f.severity for f in run_cross(doc, "Y201") if f.severity != "info"] == [], closing
    wrong = make_doc(_summary_with_closing((None, "未安排支出的实户资金", "7217115.63")), _expense_table("930000000.0"))
    assert [f.severity for f in run_cross(wrong, "Y201")] == ["error"]


# --- 3. a list beside the expense side continued on the next page ------------------------------------


def test_parts_continued_on_the_next_page_join_the_last_item_above() -> None:
    from yusuan.parse.tables_sided import continue_outline

    above = [Row(code="item1", name="1、人员经费和公用经费支出"), Row(code="item1.1", name="(1)工资福利支出"),
             Row(code="item2", name="2、专项业务经费支出"), Row(code="item2.5", name="(5)资本性支出")]
    below = [Row(code=None, name="(基本建设)"), Row(code=None, name="（6）资本性支出"),
             Row(code=None, name="(8)对企业补助"), Row(code="item3", name="3、上缴上级支出"),
             Row(code=None, name="(1)某项")]
    continue_outline(above, below)
    assert [r.code for r in below] == [None, "item2.6", "item2.8", "item3", None]


def test_a_list_that_closed_above_is_not_continued() -> None:
    from yusuan.parse.tables_sided import continue_outline

    above = [Row(code="item1", name="1、人员经费"), Row(code="expense.current", name="本年支出合计")]
    below = [Row(code=None, name="(1)工资福利支出")]
    continue_outline(above, below)
    assert below[0].code is None
    nothing_numbered = [Row(code=None, name="工资福利支出")]
    continue_outline(nothing_numbered, below)
    assert below[0].code is None


def test_a_kuan_above_its_listed_items_under_a_withheld_note_is_info_too() -> None:
    t = make_table("expense", [
        ("TOTAL", "合计", {"total": "1,378.84"}),
        ("201", "一般公共服务支出", {"total": "1,378.84"}),
        ("20140", "信访事务", {"total": "1,378.84"}),
        ("2014001", "行政运行", {"total": "507.97"}),
        ("2014050", "事业运行", {"total": "346.87"}),
    ])
    assert [f.severity for f in run(make_doc(t), "Y101")] == ["error"]
    t.withheld = "说明：涉密项目不予公开。"
    found = run(make_doc(t), "Y101")
    assert [(f.severity, f.category) for f in found] == [("info", "withheld")] and "524.00 万元" in found[0].message
