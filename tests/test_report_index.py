"""An empty table's reason printed in the 报表目录 (是否空表 / 理由 columns) is the table's note."""

from __future__ import annotations

from yusuan.audit import audit
from yusuan.blocks import Cell, Grid, RawDocument
from yusuan.model import Section
from yusuan.parse.report_index import attach_index_reasons, index_entries
from yusuan.parse.segment import segment
from yusuan.testing import make_doc, make_table


def grid(*rows: tuple[str, ...]) -> Grid:
    return Grid(rows=[[Cell(t) for t in r] for r in rows], page=3)


INDEX = grid(
    ("序号", "表名", "是否为空表", "空表原因说明"),
    ("表1", "部门收支总表", "", ""),
    ("表7", "政府性基金预算支出表", "是", "本单位无政府性基金预算"),
    ("表8", "国有资本经营预算支出表", "否", ""),
    ("表9", "“三公”经费支出表", "是", ""),  # marked empty, no reason: nothing to attach
)


def test_the_index_gives_each_empty_table_its_reason() -> None:
    raw = RawDocument(path="inline.txt", format="text", blocks=[INDEX])
    entries = index_entries(raw)
    assert [(e.number, e.name, e.reason) for e in entries] == [("表7", "政府性基金预算支出表", "本单位无政府性基金预算")]
    fund = make_table("gov_fund", [], title="2024年政府性基金预算支出表")
    fund.number, fund.empty = "表7", True
    other = make_table("soe_capital", [], title="国有资本经营预算支出表")
    other.number, other.empty = "表8", True
    doc = make_doc(fund, other)
    doc.sections.append(Section(title="收支预算总体情况", text="收支总预算 5 万元。"))
    attach_index_reasons(raw, segment(raw), doc)
    assert fund.empty_note is not None and fund.empty_note.startswith("本单位无政府性基金预算")
    assert other.empty_note is None  # the index says it is not empty: no reason of the index is its
    flagged = {f.message for f in audit(doc).findings if f.rule == "Y402"}
    assert any("国有资本经营预算支出表" in m for m in flagged)
    assert not any("政府性基金" in m for m in flagged)


def test_a_table_is_matched_by_name_when_the_index_prints_no_number() -> None:
    raw = RawDocument(path="inline.txt", format="text", blocks=[grid(
        ("报表名称", "是否空表", "表格为空的理由"),
        ("部门预算财政拨款上年结转资金支出表", "是", "不涉及"),
    )])
    carry = make_table("carryover", [], title="2022年部门预算财政拨款上年结转资金支出表")
    carry.empty = True
    doc = make_doc(carry)
    attach_index_reasons(raw, segment(raw), doc)
    assert carry.empty_note is not None and carry.empty_note.startswith("不涉及")
