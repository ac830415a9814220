"""Y4xx (and Y001): each rule fires on a small inline document missing something, quiet when complete."""

from __future__ import annotations

from yusuan.audit import Finding, audit
from yusuan.model import Document, Section, Table, TocEntry
from yusuan.testing import finish, make_doc, make_table


def run(doc: Document, code: str) -> list[Finding]:
    finish(doc)  # the tests below change sections and 目录 entries in place
    return [f for f in audit(doc, select=[code]).findings if f.rule == code]


def status(doc: Document, code: str) -> str:
    finish(doc)
    return next(c.status for c in audit(doc, select=[code]).coverage if c.rule == code)


def t(tid: str, **kw: object) -> Table:
    table = make_table(tid, [("TOTAL", "合计", {"total": "1.00"})])
    for k, v in kw.items():
        setattr(table, k, v)
    return table


ALL8 = ["summary", "income", "expense", "fiscal_summary", "gpb_expense", "gpb_basic", "three_public", "gov_fund"]


def sec(title: str, text: str = "") -> Section:
    return Section(title=title, text=text)


def test_y001_no_tables() -> None:
    assert [f.rule for f in run(make_doc(), "Y001")] == ["Y001"]
    assert run(make_doc(t("expense")), "Y001") == []


def test_y001_narrative_whose_tables_are_attached_apart() -> None:
    toc = [TocEntry(title="第一部分 2026年度部门预算情况说明"), TocEntry(title="一、收入预算情况说明"),
           TocEntry(title="第二部分 2026年度部门预算报表"), TocEntry(title="一、收支总表")]
    doc = make_doc(toc=toc, sections=[sec("一、收入预算情况说明", "收入预算 5 万元。")])
    found = audit(doc, select=["Y001"]).findings
    assert [(f.severity, f.category) for f in found] == [("info", "attachment")]
    assert "报表另附" in found[0].message and "--together" in found[0].message
    # a file with neither tables nor a part announcing them is still reported
    assert [f.severity for f in run(make_doc(sections=[sec("一、说明", "收入 5 万元。")]), "Y001")] == ["warning"]


def test_y401_required_tables() -> None:
    assert run(make_doc(*[t(i) for i in ALL8]), "Y401") == []
    # an empty table counts as published
    tables = [t(i) for i in ALL8 if i != "gov_fund"] + [Table(id="gov_fund", title="政府性基金", empty=True)]
    assert run(make_doc(*tables), "Y401") == []
    found = run(make_doc(*[t(i) for i in ALL8 if i != "gpb_basic"]), "Y401")
    assert [(f.location.table, f.severity) for f in found] == [("gpb_basic", "error")]
    # an unrecognised table may be the missing one: lowered to a warning
    found = run(make_doc(*[t(i) for i in ALL8 if i != "gpb_basic"], t("generic")), "Y401")
    assert [f.severity for f in found] == ["warning"]
    assert status(make_doc(), "Y401") == "not_applicable"
    assert status(make_doc(t("expense"), kind="决算"), "Y401") == "not_applicable"
    assert status(make_doc(t("expense"), year=2015), "Y401") == "not_applicable"


def test_the_four_table_template_of_the_universities_of_the_ministry() -> None:
    four = [t("summary", title="某某大学收支预算总表"), t("income", title="某某大学收入预算表"),
            t("expense", title="某某大学支出预算表"), t("expense", title="某某大学财政拨款支出预算表")]
    about = [sec("一、收支预算情况说明", "收支总预算 1 万元。")]
    doc = make_doc(*four, department="某某大学", sections=about)
    for code in ("Y401", "Y404", "Y407"):
        assert status(doc, code) == "not_applicable", code
    # a university publishing the local template is held to it
    local = make_doc(*[t(i) for i in ALL8 if i != "gov_fund"], department="某某学院", sections=about)
    assert [f.location.table for f in run(local, "Y401")] == ["gov_fund"]
    assert run(local, "Y407") != []
    # and a department with four tables is not a university
    assert [f.location.table for f in run(make_doc(*four, department="某某局"), "Y401")] != []


def test_y402_empty_table_needs_a_note() -> None:
    noted = Table(id="gov_fund", title="政府性基金预算支出情况表", empty=True, empty_note="本单位没有政府性基金预算支出，本表为空表。")
    assert run(make_doc(noted), "Y402") == []
    bare = Table(id="gov_fund", title="政府性基金预算支出情况表", empty=True)
    assert [f.location.table for f in run(make_doc(bare, sections=[sec("一、收支总体情况", "收支总预算 1 万元。")]),
                                          "Y402")] == ["gov_fund"]
    # tables without any narrative (the tables file of a two-file disclosure): cannot tell
    assert status(make_doc(bare), "Y402") == "not_run"
    # explained in the narrative instead
    doc = make_doc(bare, sections=[sec("九、政府性基金预算拨款情况说明", "政府性基金预算支出情况表为空表，本年未安排。")])
    assert run(doc, "Y402") == []
    doc = make_doc(bare, sections=[sec("二、收入预算情况说明", "2.政府性基金预算拨款收入0万元。")])
    assert run(doc, "Y402") == []
    doc = make_doc(bare, sections=[sec("", "政府性基金拨款支出预算为0；国有资本经营预算拨款支出预算为0。")])
    assert run(doc, "Y402") == []
    doc = make_doc(bare, sections=[sec("二、收入预算情况说明", "2.政府性基金预算拨款收入10万元。")])
    assert len(run(doc, "Y402")) == 1


def test_y403_toc_entries() -> None:
    toc = [TocEntry(part=None, title="第二部分 预算公开表"),
           TocEntry(part="第二部分 预算公开表", title="五、一般公共预算支出情况表"),
           TocEntry(part="第二部分 预算公开表", title="七、一般公共预算项目支出情况表", source={"line": 21}),
           TocEntry(part="第三部分 情况说明", title="一、关于某某局2024年收支预算情况的总体说明")]
    body = [sec("关于某某局2024年收支预算情况总体说明"), sec("关于某某局2024年收入预算情况说明"),
            sec("关于某某局2024年支出预算情况说明")]
    doc = make_doc(t("gpb_expense"), toc=toc, sections=body)
    found = run(doc, "Y403")
    assert [(f.location.table, f.location.line) for f in found] == [("gpb_project", 21)]
    doc.tables.append(Table(id="gpb_project", title="一般公共预算项目支出情况表", empty=True))
    assert run(doc, "Y403") == []
    doc.sections = body[1:] + [sec("其他重要事项的情况说明")]
    assert [f.location.section for f in run(doc, "Y403")] == ["目录"]
    # an unnumbered entry, a note, or a table name the catalog does not know is not judged
    doc.toc += [TocEntry(part="第二部分", title="注：空表表示无相关收支"), TocEntry(part="第二部分", title="（三）某某明细表")]
    assert len(run(doc, "Y403")) == 1
    # a section whose title was not read may be the unmatched entry
    doc.sections.append(sec(""))
    assert run(doc, "Y403") == []
    assert status(make_doc(t("expense")), "Y403") == "not_run"


def three_public() -> Table:
    return make_table("three_public", [("TOTAL", "合计", {"total": "1.20"}), ("reception", "公务接待费", {"total": "0.20"}),
                                       ("vehicle_operation", "公务用车运行费", {"total": "1.00"})])


def test_y404_three_public_items_explained() -> None:
    good = sec("八、“三公”经费预算情况说明", "公务接待费0.20万元，主要用于上级检查；公务用车运行费1.00万元，与上年持平。")
    assert run(make_doc(three_public(), sections=[good]), "Y404") == []
    partial = sec("八、“三公”经费预算情况说明", "公务用车运行费1.00万元，主要原因是车辆老化。")
    found = run(make_doc(three_public(), sections=[partial]), "Y404")
    assert [f.actual for f in found] == ["（未提及）"] and "公务接待费" in found[0].message
    assert len(run(make_doc(three_public(), sections=[sec("其他重要事项", "无")]), "Y404")) == 1
    why = [sec("八、“三公”经费预算情况说明", "公务接待费0.20万元，公务用车运行费1.00万元，比上年减少0.30万元。")]
    assert [f.actual for f in run(make_doc(three_public(), sections=why), "Y404")] == ["（无原因）"]
    same = [sec("八、“三公”经费预算情况说明", "公务接待费0.20万元，公务用车运行费1.00万元，与上年预算数相同。")]
    assert run(make_doc(three_public(), sections=same), "Y404") == []
    assert status(make_doc(three_public()), "Y404") == "not_run"


def test_y405_glossary() -> None:
    assert run(make_doc(glossary={"基本支出": "…"}, sections=[sec("一")]), "Y405") == []
    assert len(run(make_doc(sections=[sec("一、收支总体说明")]), "Y405")) == 1
    assert status(make_doc(), "Y405") == "not_run"


def test_y406_y407_y408_required_explanations() -> None:
    full = [sec("十、其他重要事项的情况说明", "（一）机关运行经费 10 万元。（二）政府采购 5 万元。（三）国有资产占用情况：车辆 1 辆。")]
    for code in ("Y406", "Y407", "Y408"):
        assert run(make_doc(sections=full), code) == []
        assert len(run(make_doc(sections=[sec("一、收支总体说明", "收支总预算 100 万元。")]), code)) == 1
        assert status(make_doc(), code) == "not_run"


def test_y403_narrative_file_of_a_two_file_disclosure() -> None:
    toc = [TocEntry(part="二、预算表", title="一、收支总表")]
    body = [sec("一、收支情况"), sec("二、收入情况"), sec("三、支出情况")]
    assert run(make_doc(toc=toc, sections=body), "Y403") == []


def test_y403_profile_entries_are_found_in_the_profile() -> None:
    from yusuan.model import Profile

    toc = [TocEntry(part="第一部分 概况", title="一、主要职责")]
    body = [sec("一、收支情况"), sec("二、收入情况"), sec("三、支出情况")]
    assert len(run(make_doc(t("expense"), toc=toc, sections=body), "Y403")) == 1
    doc = make_doc(t("expense"), toc=toc, sections=body, profile=Profile(functions=["负责…"]))
    assert run(doc, "Y403") == []


def test_y403_a_reworded_heading_under_the_same_number_is_the_section() -> None:
    toc = [TocEntry(part="第三部分 其他说明情况", title="六、部门“三公”经费等经费预算情况"),
           TocEntry(part="第三部分 其他说明情况", title="七、部门国有资产占有使用情况说明")]
    body = [Section(number="五", title="2022年部门预算收支说明", text=""),
            Section(number="六", title="部门预算“三公”经费等预算情况说明", text=""),
            Section(number="八", title="部门政府采购情况说明", text=""),
            Section(number="九", title="部门预算绩效目标情况说明", text="")]
    found = run(make_doc(t("expense"), toc=toc, sections=body), "Y403")
    # 六 is there under a reworded heading; 七 is missing
    assert [f.expected for f in found] == ["七、部门国有资产占有使用情况说明"]
    # the same words under another number are not the entry
    body[1] = Section(number="十", title="部门预算“三公”经费等预算情况说明", text="")
    assert len(run(make_doc(t("expense"), toc=toc, sections=body), "Y403")) == 2
