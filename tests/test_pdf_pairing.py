"""Finding the two files of one disclosure (narrative 附件1 + tables 附件2) from their content."""

from __future__ import annotations

from pathlib import Path

import yusuan
from yusuan.model import Claim, Document
from yusuan.readers.pdf_pairing import half_of, pair_documents, same_disclosure
from yusuan.testing import make_amount, make_doc, make_table

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def narrative(total: str, department: str | None = "某某局", year: int | None = 2026) -> Document:
    claim = Claim(subject="income.total", subject_text="收入预算", amount=make_amount(total), sentence="")
    return make_doc(claims=[claim], department=department, year=year)


def tables(total: str, department: str | None = None, year: int | None = None, unit: str = "万元") -> Document:
    t = make_table("summary", [("TOTAL", "收入总计", {"amount": total})], unit=unit, side="income")
    return make_doc(t, department=department, year=year)


def test_halves() -> None:
    assert half_of(narrative("100.00")) == "narrative"
    assert half_of(tables("100.00")) == "tables"
    whole = tables("100.00")
    whole.claims = narrative("100.00").claims
    assert half_of(whole) is None


def test_pairs_by_the_headline_total_within_the_narratives_rounding() -> None:
    # 32852.05 printed in the text, 32,852.053832 in the 6-decimal table
    assert same_disclosure(narrative("32852.05"), tables("32,852.053832"))
    assert not same_disclosure(narrative("32852.05"), tables("32,852.063832"))
    # a table in 元: 195,774,300 元 = 19,577.43 万元
    assert same_disclosure(narrative("19577.43"), tables("195,774,300", unit="元"))


def test_department_or_year_that_disagree_keep_files_apart() -> None:
    assert not same_disclosure(narrative("100.00", department="甲局"), tables("100.00", department="乙局"))
    assert same_disclosure(narrative("100.00", department="甲局"), tables("100.00", department="甲局（本级）"))
    assert not same_disclosure(narrative("100.00", year=2025), tables("100.00", year=2026))


def test_each_file_pairs_once_and_ambiguity_pairs_nothing() -> None:
    docs = [narrative("100.00"), tables("200.00"), narrative("200.00"), tables("100.00")]
    assert sorted(pair_documents(docs)) == [(0, 3), (2, 1)]
    # two table files with the same total: which one is it? neither
    assert pair_documents([narrative("100.00"), tables("100.00"), tables("100.00")]) == []


def test_beijing_narrative_and_tables_files_pair_and_load_together() -> None:
    n = yusuan.load(str(CORPUS / "02_beijing_audit_bureau_narrative_2026.pdf"))
    t = yusuan.load(str(CORPUS / "03_beijing_audit_bureau_tables_2026.pdf"))
    other = yusuan.load(str(CORPUS / "13_fuzhou_commerce_bureau_2026.pdf"))
    assert pair_documents([other, t, n]) == [(2, 1)]


def test_a_folder_check_loads_the_two_halves_as_one_disclosure() -> None:
    from yusuan.inputs import load_all

    files = [
        str(CORPUS / "02_beijing_audit_bureau_narrative_2026.pdf"),
        str(CORPUS / "03_beijing_audit_bureau_tables_2026.pdf"),
        str(CORPUS / "13_fuzhou_commerce_bureau_2026.pdf"),
    ]
    items = list(load_all([[f] for f in files], progress=False))
    assert [len(i.paths) for i in items] == [1, 2]
    merged = items[1].document
    assert merged is not None and merged.table("summary") is not None and merged.claims
    assert [len(i.paths) for i in load_all([[f] for f in files], progress=False, pair=False)] == [1, 1, 1]
