"""Claims carry the scope they are stated in: one item's own split, one fund's 支出, a sub-line of
the income — never the department's whole they would otherwise be compared with."""

from __future__ import annotations

from yusuan.audit import audit
from yusuan.blocks import RawDocument, TextLine
from yusuan.model import Document
from yusuan.parse.claims import extract_claims
from yusuan.parse.narrative import parse_narrative
from yusuan.parse.segment import segment


def parse(body: str, year: int = 2021) -> Document:
    text = f"第三部分 {year}年部门预算情况说明\n" + body
    r = RawDocument(path="inline.txt", format="text")
    for n, ln in enumerate(text.strip("\n").splitlines(), start=1):
        if ln.strip():
            r.blocks.append(TextLine(ln.strip(), line=n))
    doc = Document(paths=["inline.txt"], format="text", year=year)
    parse_narrative(r, segment(r), doc)
    return doc


def rule_findings(doc: Document, code: str) -> list[str]:
    return [f.message for f in audit(doc).findings if f.rule == code]


ITEMS = """
一、部门预算收支说明
（三）一般公共预算拨款支出明细情况
本部门当年一般公共预算支出 900.00 万元，其中：
（1）抚恤（20808）170.00万元，较上年增加5.00万元。具体为：人员经费0.00万元，较上年无变化；公用经费12.00万元，较上年无变化；专项业务经费158.00万元。
（2）社会福利（20810）730.00万元，较上年减少2.00万元。具体为：人员经费500.00万元，较上年增加1.00万元；
公用经费30.00万元，较上年无变化。
1.资本性支出（基本建设）（309）60.00万元。具体为：人员经费0.00万元；公用经费0.00万元。
"""


def test_each_item_split_is_scoped_to_its_item() -> None:
    doc = parse(ITEMS)
    got = [(c.subject, c.scope, c.amount.text if c.amount else None) for c in doc.claims]
    assert ("func:20808", None, "170.00") in got and ("func:20810", None, "730.00") in got
    personnel = [(c.scope, c.amount.text) for c in doc.claims if c.subject.endswith("personnel")]
    assert personnel == [("func:20808", "0.00"), ("func:20810", "500.00"), ("econ:309", "0.00")]
    public = [c.scope for c in doc.claims if c.subject.endswith("public")]
    assert public == ["func:20808", "func:20810", "econ:309"]  # the split goes on across a line break
    # different items' 人员经费 are different quantities
    assert rule_findings(doc, "Y312") == []


def test_a_department_figure_stated_twice_is_still_compared() -> None:
    doc = parse("""
一、一般公共预算基本支出情况
本部门一般公共预算基本支出 600.00 万元，其中：人员经费 500.00 万元，公用经费 100.00 万元。
二、一般公共预算基本支出结构
其中人员经费 550.00 万元，公用经费 100.00 万元。
""")
    assert all(c.scope is None for c in doc.claims)
    assert len(rule_findings(doc, "Y312")) == 1


def test_a_fund_section_states_that_funds_project_spending() -> None:
    doc = parse("""
一、决算报表说明
（三）支出决算表说明
本年支出 300.00 万元，其中：基本支出 100.00 万元，项目支出 200.00 万元。
（四）财政拨款支出决算表说明
本年财政拨款支出 150.00 万元，其中：基本支出 90.00 万元，项目支出 60.00 万元。
""")
    project = [(c.scope, c.amount.text) for c in doc.claims if c.subject == "expense.project" and c.amount]
    assert project == [(None, "200.00"), ("财政拨款", "60.00")]
    assert rule_findings(doc, "Y312") == []


def test_a_sub_line_named_like_the_whole_is_the_sub_line() -> None:
    # "其他资金收入预算总计" is the 其他收入 line of a 收入预算总计 listed by fund
    claims, _ = extract_claims("3．其他资金收入预算总计0万元。", "total")
    assert [(c.subject, c.amount.text if c.amount else None) for c in claims] == [("income.other", "0")]
    # "住房改革支出预算数" is the 款 住房改革支出, not the 支出预算 of the department
    claims, _ = extract_claims("住房改革支出预算数为7,243.45万元，占比3.34%。", "expense")
    assert [c.subject for c in claims] == ["func:22102"]
    claims, _ = extract_claims("本部门支出预算总额 5 万元。", "expense")
    assert [c.subject for c in claims] == ["expense.total"]
    # 国有资本经营预算支出 in a department's 支出 section is that fund's money, not class 223
    claims, _ = extract_claims("其中：一般公共预算支出 3 万元，国有资本经营预算支出 2 万元。", "expense")
    assert "soe.total" in [c.subject for c in claims]
