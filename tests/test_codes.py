"""The classification-code catalog: package data with provenance, lookups, names and certainty."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from yusuan.codes import (
    Catalog,
    kind_of,
    level_of,
    load_catalog,
    normalize_name,
    parent_code,
)

ROOT = Path(__file__).resolve().parent.parent


def test_catalog_ships_with_provenance() -> None:
    cat = load_catalog()
    assert len(cat) > 500
    assert cat.source == "documents" and cat.documents >= 100
    assert (ROOT / "yusuan" / "data" / "codes" / "README.md").exists()
    # every functional 类 a 收支总表 prints is there, and nothing outside the class ranges
    classes = {e.code for e in cat.codes("func", 1)}
    assert {"201", "205", "208", "210", "213", "221", "229"} <= classes
    assert all(kind_of(e.code) == e.kind for e in cat.codes())


def test_every_entry_is_consistent() -> None:
    cat = load_catalog()
    for e in cat.codes():
        assert e.level == level_of(e.code)
        if e.source == "implied":  # a 款 known only from its printed 项
            assert not e.names and e.level == 2 and cat.children(e.code)
            continue
        assert e.name in e.names
        assert e.docs >= max(n.docs for n in e.names.values())
        if e.source == "listed":  # hand-written, no document printed it
            assert e.docs == 0 and not e.years
            continue
        assert e.years and all(2000 < y < 2100 for y in e.years)


def test_economic_classifications_are_complete_and_clean() -> None:
    """Both economic classifications are listed in full, so mined noise outside them is gone."""
    cat = load_catalog()
    for code in ("30203", "39906", "50302", "51101", "59908"):  # printed by no mined document
        e = cat.get(code)
        assert e is not None and e.sure and e.certainty == "listed"
    for code in ("30125", "30982", "51146", "59958", "50611"):  # cut cells and project serials
        assert cat.get(code) is None
    econ = [e for e in cat.codes("econ") + cat.codes("gov_econ")]
    assert econ and all(e.listed or e.source == "listed" or e.docs >= 3 for e in econ)


def test_codes_of_every_year_are_known() -> None:
    """Codes real documents print, that the 2026 documents alone did not give."""
    cat = load_catalog()
    for code in ("21503", "2101301", "20404", "20405"):
        assert cat.get(code) is not None, code
    assert min(cat.documents_by_year) <= 2019


def test_lookup_names_and_certainty() -> None:
    cat = load_catalog()
    e = cat.lookup("2080505", 2024)
    assert e is not None and e.name == "机关事业单位基本养老保险缴费支出"
    assert e.certainty == "confirmed" and e.sure and e.level_name == "项"
    assert e.seen_in(2026) and not e.seen_in(1999)
    assert cat.lookup("2189999") is None
    assert cat.get("30101") is not None and cat.get("30101").name == "基本工资"  # type: ignore[union-attr]
    assert {c.code for c in cat.children("21011")} >= {"2101101", "2101102"}


def test_certainty_levels_from_document_counts() -> None:
    def entry(docs: int, regions: int) -> Catalog:
        return Catalog({"codes": {"2101101": {"kind": "func", "level": 3, "name": "行政单位医疗",
                                              "names": {"行政单位医疗": {"docs": docs, "years": [2026]}},
                                              "docs": docs, "regions": regions, "years": [2026]}}})

    assert entry(5, 3).get("2101101").certainty == "confirmed"  # type: ignore[union-attr]
    assert entry(5, 1).get("2101101").certainty == "probable"  # type: ignore[union-attr]
    assert entry(1, 1).get("2101101").certainty == "uncertain"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("a", "b"),
    [("维修（护）费", "维修(护)费"), ("维修 (护) 费", "维修（护）费"), ("“三公”经费", "三公经费"), ("Ａ类", "A类")],
)
def test_normalize_name(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


def test_check_name() -> None:
    cat = load_catalog()
    assert cat.check_name("30213", "维修 (护) 费").ok  # type: ignore[union-attr]
    bad = cat.check_name("2101101", "事业单位医疗")
    assert bad is not None and not bad.ok and bad.expected == "行政单位医疗"
    old = cat.check_name("210", "医疗卫生与计划生育支出", 2021)
    assert old is not None and not old.ok and old.renamed is not None and old.renamed.new == "卫生健康支出"
    cut = cat.check_name("2080505", "机关事业单位基本养老保险缴")
    assert cut is not None and cut.ok and cut.partial
    assert cat.check_name("2189999", "x") is None
    implied = next(e for e in cat.codes() if e.source == "implied")
    assert cat.check_name(implied.code, "任何名称").ok  # type: ignore[union-attr]  # nothing to compare with


def test_names_are_judged_by_the_year_of_the_classification() -> None:
    cat = load_catalog()
    # 20805 was 行政事业单位离退休 in the 2019 科目 and 行政事业单位养老支出 from 2020
    assert cat.check_name("20805", "行政事业单位离退休", 2019).ok  # type: ignore[union-attr]
    late = cat.check_name("20805", "行政事业单位离退休", 2022)
    assert late is not None and not late.ok and late.renamed is not None and late.renamed.since == 2020
    # a name of another year that few documents print is still the code's own
    assert cat.check_name("2150599", "其他工业和信息产业监管支出", 2022).ok  # type: ignore[union-attr]
    # a 基本支出 word printed beside a functional code is not its name
    assert cat.lookup("2060401").name == "机构运行"  # type: ignore[union-attr]


def test_kind_level_parent() -> None:
    assert kind_of("2101101") == "func" and kind_of("30213") == "econ" and kind_of("50101") == "gov_econ"
    assert kind_of("3010201") is None  # economic codes stop at 款
    assert kind_of("245") is None and kind_of("2101") is None and kind_of("TOTAL") is None
    assert parent_code("2101101") == "21011" and parent_code("21011") == "210" and parent_code("210") is None


def test_systematic_items_learnt_from_the_catalog() -> None:
    cat = load_catalog()
    known_kuan = next(e.code for e in cat.codes("func", 2) if e.code + "01" not in cat)
    assert cat.systematic(known_kuan + "01", "行政运行")
    assert cat.systematic(known_kuan + "99", "其他某某事务支出")
    assert not cat.systematic(known_kuan + "01", "某某专项")
    assert not cat.systematic("2189901", "行政运行")  # 款 unknown


def test_builder_reads_codes_from_text(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_codes
    finally:
        sys.path.pop(0)
    text = "\n".join([
        "2026年部门预算",
        "210 卫生健康支出 6,340.11",
        "21011 行政事业单位医疗 31.29",
        "[2101101]行政单位医疗 28.62",
        "210 11 03 公务员医疗补助 2.66",
        "301\t\t工资福利支出\t331.78",
        "\t01\t基本工资\t84.66",
        "208 社会保障和就业支出",
        "20801 人力资源和社会保障管理事务 16,927.38",  # a name may start like a unit (人…)
        "225 万元",  # a stray number, not a class
        "208 人次",
        "213 农林水支出",
        "11000026T0000037 21319-某某读书活动 130.415000",  # a project serial, not 款 21319
        "305 无锡市教育局",  # a unit, not a class
    ])
    codes = build_codes.document_codes(text)
    assert {c: n.most_common(1)[0][0] for c, n in codes.items()} == {
        "210": "卫生健康支出", "21011": "行政事业单位医疗", "2101101": "行政单位医疗",
        "2101103": "公务员医疗补助", "301": "工资福利支出", "30101": "基本工资",
        "208": "社会保障和就业支出", "20801": "人力资源和社会保障管理事务", "213": "农林水支出",
    }
    assert build_codes.document_year(text) == 2026
    catalog = build_codes.build([
        {"id": "a", "region": "x", "year": 2026, "codes": codes},
        {"id": "b", "region": "y", "year": 2025, "codes": {"210": Counter({"卫生健康支出": 1})}},
    ], renames=[{"code": "210", "from": "医疗卫生与计划生育支出", "to": "卫生健康支出", "since": 2019,
                 "evidence": "the 2019 reform"}], terminal={"21908": "219's 款 have no 项"})
    out = tmp_path / "c.json"
    build_codes.write(catalog, out)
    loaded = Catalog(json.loads(out.read_text(encoding="utf-8")))
    e = loaded.get("210")
    assert e is not None and e.docs == 2 and e.regions == 2 and e.years == (2025, 2026) and e.certainty == "probable"
    assert loaded.get("210").renamed  # type: ignore[union-attr]
    assert loaded.name_in("210", 2018) == "医疗卫生与计划生育支出" and loaded.name_in("210", 2019) == "卫生健康支出"
    assert loaded.is_terminal("21908") and not loaded.is_terminal("21011")
