"""Year-comparison grids printed inside the 情况说明 (西安 2022 p30–34: 经济分类科目 | 2022年 | 2021年 |
2022比2021 | 主要原因) read as claims; the rows and layouts here are our own variants."""

from __future__ import annotations

from decimal import Decimal

from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.model import Document
from yusuan.parse import parse_document


def _doc(header: list[str], rows: list[list[str]]) -> Document:
    raw = RawDocument(path="inline.pdf", format="pdf", pages=3)
    lines = ["某某局2022年部门预算", "五、2022年部门预算收支说明", "（三）一般公共预算拨款支出明细",
             "2022年本部门一般公共预算支出1,500.00万元，比2021年增加300.00万元。", "金额单位：万元"]
    raw.blocks.extend(TextLine(t, page=1 if n < 2 else 2, line=None) for n, t in enumerate(lines))
    cells = [[Cell(t, page=2, bbox=(10.0 * j, 10.0 * i, 10.0 * j + 9, 10.0 * i + 9)) for j, t in enumerate(r)]
             for i, r in enumerate([header, *rows])]
    raw.blocks.append(Grid(rows=cells, page=2, source="ruled"))
    return parse_document(raw)


def _grid_claims(doc: Document) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(c.subject, c.amount.text if c.amount else "", c.prior.text if c.prior else None,
             c.direction, c.reason) for c in doc.claims if "｜" in c.sentence]


def test_grid_rows_become_claims_with_last_years_figure_and_the_change() -> None:
    doc = _doc(["经济分类科目", "2022年", "2021年", "2022比2021", "主要原因"], [
        ["合计", "1,500.00", "1,200.00", "300.00", ""],
        ["(1)工资福利支出（301）", "1,000.00", "1,100.00", "-100.00", "人员减少"],
        ["(2)商品和服务支出（302）", "500.00", "100.00", "400.00", "业务费增加"],
        ["(3)债务利息及费用支出（307）", "", "", "0", ""],
    ])
    assert doc.year == 2022
    assert _grid_claims(doc) == [("econ_total:301", "1,000.00", "1,100.00", "decrease", "人员减少"),
                                 ("econ_total:302", "500.00", "100.00", "increase", "业务费增加")]
    c = next(c for c in doc.claims if c.subject == "econ_total:301")
    assert c.change is not None and c.change.value == Decimal("100.00") and c.compared_to == "上年"


def test_code_printed_first_and_years_without_年() -> None:
    doc = _doc(["支出经济分类科目", "2021", "2022", "增减变化"], [["501 机关工资福利支出", "90.00", "80.00", "-10.00"]])
    assert _grid_claims(doc) == [("econ_total:501", "80.00", "90.00", "decrease", None)]


def test_a_function_class_code_is_a_function_subject() -> None:
    doc = _doc(["功能分类科目", "2022年", "2021年", "增减"], [["一般公共服务支出（201）", "80.00", "90.00", "-10.00"]])
    assert _grid_claims(doc) == [("func:201", "80.00", "90.00", "decrease", None)]


def test_a_grid_of_other_years_or_without_years_is_not_read() -> None:
    assert _grid_claims(_doc(["经济分类科目", "2020年", "2019年"], [["工资福利支出（301）", "1.00", "2.00"]])) == []
    assert _grid_claims(_doc(["经济分类科目", "金额", "占比"], [["工资福利支出（301）", "1.00", "50%"]])) == []


def test_the_grids_own_arithmetic_is_checked() -> None:
    from yusuan.audit import audit

    header = ["经济分类科目", "2022年", "2021年", "2022比2021", "主要原因"]
    ok = _doc(header, [["(1)工资福利支出（301）", "1,000.00", "1,100.00", "-100.00", ""]])
    assert [f for f in audit(ok).findings if f.rule == "Y313"] == []
    bad = _doc(header, [["(1)工资福利支出（301）", "1,000.00", "1,100.00", "-50.00", ""]])
    [f] = [f for f in audit(bad).findings if f.rule == "Y313"]
    assert "-100.00" in f.message and "50.00" in f.message
