"""Y910 — lists printed beside a summary table's expense side add up.

部门综合预算 templates print, beside the functional classes of the 收支总表's expense side, the
same spending by 部门预算支出经济分类 and by 政府预算支出经济分类 (tables ``summary_dept_econ``,
``summary_gov_econ`` and the ``fiscal_summary`` pair). Each list is an outline: ``item1``
(1、人员经费和公用经费支出) with its parts ``item1.1`` ((1)工资福利支出) …, closed by 本年支出合计.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.audit import NotApplicable, Problem, rule
from yusuan.audit.helpers import compare, locate, quote_row, row_label
from yusuan.model import Document, Row

ARITHMETIC = "算术"
BESIDE = ("summary_dept_econ", "summary_gov_econ", "fiscal_summary_dept_econ", "fiscal_summary_gov_econ",
          "gov_fund_summary_dept_econ", "gov_fund_summary_gov_econ")


def _is_top(code: str | None) -> bool:
    return bool(code and code.startswith("item") and "." not in code)


@rule("Y910", "支出方并列的经济分类清单不等于其各项之和", family="arithmetic", severity="error", basis=ARITHMETIC)
def beside_lists_add_up(doc: Document) -> Iterator[Problem]:
    """收支总表支出方并列的经济分类清单：本年支出合计 = 各大项之和；每个大项 = 其各分项之和。

    查什么 What: in a list printed beside the expense side (部门预算支出经济科目 | 预算数), the 本年支出合计
    equals the sum of its numbered items (1、2、3 …), and every item that lists parts ((1)、(2) …)
    equals their sum.

    为什么 Why: the list restates the side's spending by economic class; a sum that does not hold is a
    misprint (a digit dropped in one figure).

    示例 Example: 1、人员经费和公用经费支出 47,137,884.33 + 2、专项业务经费支出 88,951,000 ≠ 本年支出合计
    936,647,884.33 (the 专项 figure lost a digit) fails.

    容差 Tolerance: rounding of the printed figures.
    """
    tables = [t for t in doc.tables if t.id in BESIDE and t.rows]
    if not tables:
        raise NotApplicable("收支总表支出方没有并列的经济分类清单")
    for t in tables:
        rows = t.rows
        current = next((r for r in rows if r.code == "expense.current" and "amount" in r.values), None)
        tops = [r for r in rows if _is_top(r.code) and "amount" in r.values]
        if current is not None and tops:
            p = compare(current.values["amount"], [r.values["amount"] for r in tops],
                        what=f"{t.title}「{row_label(current)}」", parts_what="各大项之和",
                        location=locate(t, current, "amount"), source=quote_row(t, current))
            if p:
                yield p
        for top in tops:
            parts: list[Row] = [r for r in rows if r.code and r.code.startswith(f"{top.code}.") and "amount" in r.values]
            if not parts:
                continue
            p = compare(top.values["amount"], [r.values["amount"] for r in parts],
                        what=f"{t.title}「{row_label(top)}」", parts_what="其各分项之和",
                        location=locate(t, top, "amount"), source=quote_row(t, top))
            if p:
                yield p
