"""Template variants with known truth (yusuan/generate/variants*.py): a ratchet on the outcomes.

tests/fixtures/variants/outcomes.json holds every case's outcome as ``python bench/variants.py
--json`` wrote it; known_silent.json says why each SILENT case is silent. A sample of the cases
(one format, a page break in PDF) runs here, so that the suite stays fast: a case that was RIGHT or
FLAGGED and turns SILENT or FALSE ALARM fails; the full run is the bench.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.generate.out_pdf import FONT_CANDIDATES
from yusuan.generate.variants import axes, build_variant
from yusuan.generate.variants_check import compare, run_case
from yusuan.generate.variants_grid import Printing, variant_grid

HERE = Path(__file__).parent / "fixtures" / "variants"
OUTCOMES = json.loads((HERE / "outcomes.json").read_text(encoding="utf-8"))
KNOWN = json.loads((HERE / "known_silent.json").read_text(encoding="utf-8"))
BY_ID = {v.id: v for v in axes()}
# one value of each axis that reads well today, on the 万元 set in HTML; the page breaks in PDF
SAMPLE = [
    "baseline/as-template/national/html", "header_words/synonyms/national/html", "total_label/总计/national/html",
    "total_label/at-bottom/national/html", "units/元-2/national/html", "codes/sparse/municipal/html",
    "codes/names-only/national/html", "shared_name/names-only/national/html", "wrapped/own-row/national/html",
    "column_order/reversed/national/html", "extra_column/备注/national/html", "econ_beside/政府经济分类/national/html",
    "header_words/unseen/national/html", "total_label/unit-name/national/html",
]
HAS_FONT = any(Path(p).is_file() for p in FONT_CANDIDATES)


def _split(case_id: str) -> tuple[str, str, str]:
    axis, name, base, fmt = case_id.split("/")
    return f"{axis}/{name}", base, fmt


def test_every_silent_case_has_its_reason() -> None:
    silent = {k for k, v in OUTCOMES.items() if v["outcome"] == "SILENT"}
    assert silent == set(KNOWN["silent"])
    assert all(KNOWN["silent"][k] for k in silent)


@pytest.mark.parametrize("case_id", SAMPLE)
def test_sampled_variant_keeps_its_outcome(case_id: str) -> None:
    vid, base, fmt = _split(case_id)
    case = run_case(BY_ID[vid], base, fmt)
    assert case is not None
    before = OUTCOMES[case_id]["outcome"]
    assert case.outcome not in ("SILENT", "FALSE ALARM") or case.outcome == before, (case.outcome, case.diffs[:5],
                                                                                     case.alarms[:3])
    if before == "RIGHT":
        assert case.outcome == "RIGHT", (case.diffs[:5], case.alarms[:3])


@pytest.mark.skipif(not HAS_FONT, reason="no CJK TrueType font for the PDF (apt-get install fonts-wqy-microhei)")
@pytest.mark.parametrize("name", ["header-repeated", "no-header"])
def test_table_split_over_a_page_break_reads_whole(name: str) -> None:
    case = run_case(BY_ID[f"page_break/{name}"], "national", "pdf")
    assert case is not None and case.outcome == "RIGHT", (case.diffs[:5], case.alarms[:3])


def test_compare_names_a_misread_cell() -> None:
    built = build_variant("national", BY_ID["baseline/as-template"])
    assert built is not None
    truth = built[0]
    read = truth.model_copy(deep=True)
    t = next(t for t in read.tables if t.id == "expense")
    row = next(r for r in t.rows if r.code == "TOTAL")
    row.values["basic"] = row.values["basic"].model_copy(update={"value": Decimal("1")})
    row.code = None
    assert compare(truth, truth) == []
    diffs = compare(truth, read)
    assert any(d.startswith("missing expense//TOTAL/total") for d in diffs)
    assert any(d.startswith("extra expense//name:合计/basic = 1") for d in diffs)


def test_variant_grid_prints_the_variation() -> None:
    built = build_variant("national", BY_ID["baseline/as-template"])
    assert built is not None
    t = next(t for t in built[0].tables if t.id == "expense")
    g = variant_grid(t, "表3", "joined", Printing(total_label="", total_last=True, remark="备注", zero="-",
                                                  codes="in-name", order=("project", "basic", "total")))
    texts = [[c.text for c in row] for row in g.body]
    assert texts[-1][0] == "" and texts[-1][1:4] == ["257.90", "761.60", "1,019.50"]  # total last, no label
    assert texts[0][0].startswith("207 ") and texts[0][-1] == ""  # code in the name cell; 备注 blank
    assert g.header[0][-1].text == "备注"
    sparse = variant_grid(t, "表3", "joined", Printing(codes="sparse"))
    kuan = next(r for r in sparse.body if r[1].text == "01")
    assert kuan[0].text == "" and kuan[2].text == ""  # 款 row: only its own two digits


def test_units_variant_skips_what_cannot_be_printed_exactly() -> None:
    # the 元 municipal set has figures in 分: 万元 with 2 decimals would round them
    assert build_variant("municipal", BY_ID["units/万元-2"]) is None
    built = build_variant("national", BY_ID["units/万元-6"])
    assert built is not None
    t = next(t for t in built[0].tables if t.id == "expense")
    assert next(r for r in t.rows if r.code == "TOTAL").values["total"].text == "1,019.500000"
