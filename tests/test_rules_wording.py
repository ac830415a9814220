"""Y8xx: wording and template leftovers, on small inline documents."""

from __future__ import annotations

from yusuan.audit import Finding, audit
from yusuan.model import Document, LineSpan, Provenance, Section, TocEntry
from yusuan.testing import finish, make_doc, make_table

PART = "第三部分 2024 年部门预算情况说明"


def findings(doc: Document, code: str) -> list[Finding]:
    finish(doc)  # some tests add tables or sections after building the document
    return [f for f in audit(doc, select=[code]).findings if f.rule == code]


def narrative(*paragraphs: str, title: str = "关于某局 2024 年收入预算情况说明", part: str = PART,
              **fields: object) -> Document:
    s = Section(part=part, number="二", title=title, text="\n".join(paragraphs), source=Provenance(line=10))
    return make_doc(sections=[s], year=2024, level="部门", **fields)


def test_y801_placeholders() -> None:
    doc = narrative("XX局 202X 年收入预算 X 万元，比上年增加××万元。")
    got = findings(doc, "Y801")
    assert {f.actual.strip() for f in got if f.actual} >= {"XX", "202X", "X", "××"}
    assert all(f.location.section == "二、关于某局 2024 年收入预算情况说明" for f in got)
    clean = narrative("**财政拨款**：某局 2024 年收入预算 5 万元，制作 VLOG 视频 8 部，X射线机 1 台。")
    assert findings(clean, "Y801") == []


def test_y802_unchosen_alternatives() -> None:
    doc = narrative("基本支出比上年预算增加（减少）20.00 万元，增长/下降 5.00%。",
                    "2024年度本部门（单位）面向中小企业预留政府采购项目预算金额8万元。")
    got = findings(doc, "Y802")
    # 本部门（单位） is the templates' generic wording for whoever publishes, true of both: no choice
    assert [f.actual for f in got] == ["增加（减少）", "增长/下降"]
    ok = narrative("基本支出比上年预算增加 20.00 万元（主要为人员经费），增长 5.00%。")
    assert findings(ok, "Y802") == []
    glossary = narrative("项目支出：部门（单位）支出预算的组成部分。", part="第四部分 名词解释", title="名词解释")
    assert findings(glossary, "Y802") == []


def test_y803_empty_reason() -> None:
    doc = narrative("项目支出比上年预算增加 5.00 万元，增长 25.00%，主要原因是：。",
                    "公用经费减少，主要原因是；社会保障和就业支出 5 万元，主要用于：。")
    assert len(findings(doc, "Y803")) == 3
    ok = narrative("项目支出增加 5.00 万元，主要原因是新增项目。", "原因如下：人员增加。")
    assert findings(ok, "Y803") == []


def test_y804_doubled_punctuation() -> None:
    doc = narrative("执行自治州医疗保险、、生育保险。。", "收入预算 5 万元，，其中：")
    got = findings(doc, "Y804")
    assert [f.actual for f in got] == ["、、", "。。", "，，"] and got[0].severity == "info"
    assert findings(narrative("主要包括：办公费……等。——见表。"), "Y804") == []


def test_y805_foreign_years() -> None:
    doc = narrative("2023年预算数为 5 万元，比 2023 年预算增加 1 万元。",
                    "截至 2022 年底，某局占用使用国有资产总体情况为",
                    title="关于某局 2023 年一般公共预算当年拨款情况说明",
                    toc=[TocEntry(title="第二部分 2023 年部门预算公开表")])
    got = findings(doc, "Y805")
    actual = sorted((f.actual or "").replace(" ", "") for f in got)
    assert actual == ["2023年", "2023年", "2023年预算数为", "截至2022年底"]
    ok = narrative("2024 年预算数为 5 万元，比 2023 年预算增加 1 万元，主要原因是 2022 年度项目结束。",
                   "截至 2023 年底，某局占用使用国有资产总体情况为", "2023 年全民参保补助资金 40.51 万元。")
    assert findings(ok, "Y805") == []


def test_y806_superseded_class_names() -> None:
    table = make_table("gpb_expense", [("210", "医疗卫生与计划生育支出", {"total": "5"})])
    doc = narrative("医疗卫生与计划生育支出（类）5 万元；行政事业单位离退休（款）2 万元；行政单位离退休（项）1 万元。")
    doc.tables.append(table)
    got = findings(doc, "Y806")
    # the table row is Y502's (its name against its code), not reported twice
    assert len(got) == 2 and {f.expected for f in got} == {"卫生健康支出", "行政事业单位养老支出"}
    assert all(f.location.table is None for f in got)
    uncoded = make_doc(make_table("gpb_expense", [(None, "医疗卫生与计划生育支出", {"total": "5"})]), year=2024)
    assert findings(uncoded, "Y806") == []
    old = narrative("医疗卫生与计划生育支出（类）5 万元。")
    old.year = 2018
    assert findings(old, "Y806") == []
    # the 2019 科目 still named 20805 行政事业单位离退休: right in 2019, superseded from 2020
    retired = "行政事业单位离退休（款）未归口管理的行政单位离退休（项）417.06 万元。"
    for year, n in ((2019, 0), (2020, 1)):
        d = narrative(retired)
        d.year = year
        assert len(findings(d, "Y806")) == n


def test_y808_malformed_numbers() -> None:
    doc = narrative("民政管理事务 3,386.08 万元，具体为：人员经费 1,541.50.00 万元，公用经费 105.58 万元；"
                    "另有培训费 2,0500.00 万元，增长 12.5.3%。")
    got = findings(doc, "Y808")
    assert sorted((f.actual or "").replace(" ", "") for f in got) == ["1,541.50.00万元", "12.5.3%", "2,0500.00万元"]
    ok = narrative("支出 1,234,567.89 万元，较上年增长 3.5%，见表 1.2.3，2024.12.31 止；分 1,2 两批，共 5 万元。")
    assert findings(ok, "Y808") == []


def test_y807_unit_heading_in_a_department_document() -> None:
    doc = narrative("收支总预算 5 万元。", toc=[TocEntry(title="第二部分 2024 年单位预算公开表"),
                                           TocEntry(title="第三部分 2024 年部门预算情况说明")])
    got = findings(doc, "Y807")
    assert len(got) == 1 and "单位预算公开表" in (got[0].source or "")
    ok = narrative("本单位收支总预算 5 万元。", toc=[TocEntry(title="第二部分 2024 年部门预算公开表")])
    assert findings(ok, "Y807") == []


def test_line_of_a_finding_comes_from_the_sections_line_spans() -> None:
    # the parser records where each printed line of a section starts; a finding in the second
    # printed line cites that line and page, not the section's first
    first, second = "收支总预算 5 万元。", "项目支出比上年预算增加（减少）5 万元。"
    doc = narrative(first + second)
    sec = doc.sections[0]
    sec.source = Provenance(line=3, page=1)
    sec.spans = [LineSpan(offset=0, source=Provenance(line=5, page=1)),
                 LineSpan(offset=len(first), source=Provenance(line=7, page=2))]
    got = findings(doc, "Y802")
    assert len(got) == 1 and (got[0].location.line, got[0].location.page) == (7, 2)


def test_y801_placeholder_in_a_table_preparer() -> None:
    table = make_table("expense", [("TOTAL", "合计", {"total": "5"})], title="部门支出总体情况表")
    table.preparer = "XX市XX局"
    doc = narrative("收支总预算 5 万元。")
    doc.tables.append(table)
    got = findings(doc, "Y801")
    assert len(got) == 2 and got[0].location.section == "部门支出总体情况表"


def test_y805_does_not_run_when_the_documents_year_looks_misread() -> None:
    doc = narrative("2023 年预算数为 5 万元。", title="关于某局 2023 年收入预算情况说明",
                    toc=[TocEntry(title=f"{n} 2023 年部门预算") for n in ("第一部分", "第二部分", "第三部分", "第四部分")])
    result = audit(finish(doc), select=["Y805"])
    assert result.findings == [] and result.coverage[0].status == "not_run"
