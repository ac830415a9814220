"""yusuan generate: every example spec, in every output format, reads back clean and identical."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.audit import audit
from yusuan.cli import main
from yusuan.generate.document import build_document
from yusuan.generate.layout import layout
from yusuan.generate.out_pdf import FONT_CANDIDATES
from yusuan.generate.rounding import round_parts
from yusuan.generate.spec import SpecError, load_spec, parse_spec
from yusuan.generate.template import load_template, template_names
from yusuan.pipeline import load
from yusuan.tables import catalog, match_column, match_title

ROOT = Path(__file__).resolve().parents[1]
SPECS = sorted((ROOT / "yusuan" / "examples" / "specs").glob("*.*"))
HAVE_FONT = any(Path(p).is_file() for p in FONT_CANDIDATES)
FORMATS = ["html", "docx", "xlsx", "pdf"]


def _noisy(doc) -> list[str]:  # type: ignore[no-untyped-def]
    # every amount of the generated 情况说明 is read: a reading finding (Y020) would be noise too
    return [f"{f.rule} {f.message}" for f in audit(doc).findings
            if f.severity in ("error", "warning")]


def _facts(doc) -> set[tuple]:  # type: ignore[no-untyped-def,type-arg]
    return {(t.id, r.side, r.code, r.project, c, a.value) for t in doc.tables for r in t.rows
            for c, a in r.values.items()}


def _generate(spec_path: Path, out: Path) -> None:
    r = CliRunner().invoke(main, ["generate", str(spec_path), "-o", str(out)])
    assert r.exit_code == 0, r.output


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    out = {}
    d = tmp_path_factory.mktemp("gen")
    for spec in SPECS:
        for fmt in FORMATS:
            if fmt == "pdf" and not HAVE_FONT:
                continue
            p = d / f"{spec.stem}.{fmt}"
            _generate(spec, p)
            out[(spec.stem, fmt)] = p
    return out


def test_three_example_specs_for_three_templates() -> None:
    used = {load_spec(str(p)).template for p in SPECS}
    assert len(SPECS) >= 3 and {"national-2016", "municipal-yuan", "project-performance"} <= used


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("spec", [p.stem for p in SPECS])
def test_generated_document_checks_clean(generated, spec: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    if fmt == "pdf" and not HAVE_FONT:
        pytest.skip("没有中文 TrueType 字体（apt-get install fonts-wqy-microhei）: PDF 未测试")
    doc = load(str(generated[(spec, fmt)]))
    assert _noisy(doc) == []
    assert not [d for d in doc.diagnostics if d.level == "warning"]


@pytest.mark.parametrize("spec", [p.stem for p in SPECS])
def test_same_table_facts_in_every_format(generated, spec: str) -> None:  # type: ignore[no-untyped-def]
    path = next(p for p in SPECS if p.stem == spec)
    s = load_spec(str(path))
    expected = _facts(build_document(s, load_template(s.template or "national-2016")))
    for fmt in FORMATS:
        if (spec, fmt) not in generated:
            continue
        got = _facts(load(str(generated[(spec, fmt)])))
        # the parser names a summary's columns by side; compare values by (table, code, value)
        assert {(t, c, p, v) for t, _, c, p, _, v in got} == {(t, c, p, v) for t, _, c, p, _, v in expected}, fmt


def test_templates_use_the_catalogue_ids() -> None:
    """Every title and header of every template is recognised by the parser's table catalogue as
    the table and column it stands for (a template cannot drift from yusuan/data/tables.toml)."""
    for name in template_names():
        tpl = load_template(name)
        for tt in tpl.tables:
            spec = match_title(tt.title.format(department="", year=2025, level="部门"))
            assert spec is not None and spec.id == tt.id, (name, tt.title)
            assert tt.id in catalog().by_id
            if tt.id in ("three_public",):
                continue
            taken: set[str] = set()
            for col, header in tt.columns:
                got = match_column(tt.id, header, taken=taken)
                assert got == col, (name, tt.id, header, got)
                taken.add(col)


def test_largest_remainder_rounding() -> None:
    parts = [Decimal("0.333"), Decimal("0.333"), Decimal("0.334")]
    assert round_parts(parts) == [Decimal("0.33"), Decimal("0.33"), Decimal("0.34")]
    # three thirds of 1.00: half-up on each would print 0.99; the largest remainder gives 1.00
    third = Decimal(1) / 3
    r = round_parts([third, third, third])
    assert sum(r) == Decimal("1.00") and r == [Decimal("0.34"), Decimal("0.33"), Decimal("0.33")]
    assert round_parts([Decimal("1.005"), Decimal("2.004")], Decimal("3.00")) == [Decimal("1.00"), Decimal("2.00")]


def _minimal(**over) -> dict:  # type: ignore[no-untyped-def,type-arg]
    data = {
        "department": "示例县档案馆", "year": 2025,
        "expense": [{"code": "2010101", "basic": {"gpb": "10.00"}, "last_year_gpb": "8.00", "reason": "人员增加"},
                    {"code": "2010102", "project": {"gpb": "5.00"}, "last_year_gpb": "0", "reason": "新增项目"}],
        "econ_basic": [{"code": "30101", "amount": "10.00"}],
        "admin_operation": {"amount": "1.00"},
        "last_year": {"basic": "8.00", "project": "0"},
        "reasons": {"basic": "人员增加", "project": "新增项目"},
    }
    data.update(over)
    return data


def test_growth_100_only_where_last_year_was_zero() -> None:
    doc = build_document(parse_spec(_minimal()), load_template("national-2016"))
    text = "\n".join(s.text for s in doc.sections)
    assert "行政运行（项）2025年预算数为10.00万元，比上年预算增加2.00万元，增长25.00%" in text
    assert "一般行政管理事务（项）2025年预算数为5.00万元，比上年预算增加5.00万元，增长100%" in text


def test_missing_reason_leaves_a_placeholder_that_check_reports(tmp_path: Path) -> None:
    data = _minimal()
    del data["expense"][0]["reason"]
    p = tmp_path / "s.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "o.html"
    _generate(p, out)
    found = [f for f in audit(load(str(out))).findings if f.rule == "Y801"]
    assert len(found) == 1 and "请填写原因" in (found[0].source or "")


@pytest.mark.parametrize("change,needle", [
    ({"year": "明年"}, "year（预算年度）"),
    ({"expense": [{"code": "201011", "basic": {"gpb": "1"}}]}, "expense[0].code（支出（按功能分类项） / 第 1 项 / 功能分类科目编码"),
    ({"expense": [{"code": "2010101", "basic": {"gpb": "-1"}}]}, "expense[0].basic.gpb"),
    ({"econ_basic": [{"code": "30101", "amount": "9.00"}]}, "econ_basic（一般公共预算基本支出按经济分类）合计 9.00"),
    ({"staf": 1}, "staf（staf）：不是规定的字段"),
])
def test_bad_spec_exits_2_naming_the_field(tmp_path: Path, change: dict, needle: str) -> None:  # type: ignore[type-arg]
    p = tmp_path / "bad.json"
    p.write_text(json.dumps(_minimal(**change), ensure_ascii=False), encoding="utf-8")
    r = CliRunner().invoke(main, ["generate", str(p), "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 2
    assert needle in r.output and "Traceback" not in r.output
    with pytest.raises(SpecError):
        load_spec(str(p))


def test_spec_schema_is_printed() -> None:
    r = CliRunner().invoke(main, ["schema", "--spec"])
    schema = json.loads(r.output)
    assert "expense" in schema["properties"] and "expense" in schema["required"]


def test_model_rerender_and_recompute(tmp_path: Path, generated) -> None:  # type: ignore[no-untyped-def]
    src = generated[(SPECS[0].stem, "html")]
    model = tmp_path / "m.json"
    model.write_text(load(str(src)).model_dump_json(), encoding="utf-8")
    for extra in ([], ["--recompute"]):
        out = tmp_path / f"r{len(extra)}.docx"
        r = CliRunner().invoke(main, ["generate", str(model), *extra, "-o", str(out)])
        assert r.exit_code == 0, r.output
        doc = load(str(out))
        assert _noisy(doc) == []
        tables = {t.id for t in doc.tables}
        want = {(x[0], x[2], x[3], x[5]) for x in _facts(load(str(src))) if x[0] in tables and x[0] != "summary"}
        assert {(x[0], x[2], x[3], x[5]) for x in _facts(doc)} >= want


def test_templates_command_lists_templates() -> None:
    r = CliRunner().invoke(main, ["templates"])
    assert r.exit_code == 0
    for name in ("national-2016", "municipal-yuan", "project-performance"):
        assert name in r.output


def test_layout_is_the_same_for_every_output() -> None:
    s = load_spec(str(next(p for p in SPECS if p.name.startswith("culture_bureau"))))
    book = layout(build_document(s, load_template("national-2016")), load_template("national-2016"))
    assert sum(1 for b in book.blocks if b.grid is not None) == 9  # the 9 tables of 143号


def test_performance_tables_read_back_in_every_format(generated) -> None:  # type: ignore[no-untyped-def]
    path = next(p for p in SPECS if "projects" in p.name)
    s = load_spec(str(path))
    want = sorted((p.name, len(p.indicators), p.amount) for p in s.projects)
    for fmt in FORMATS:
        if (path.stem, fmt) not in generated:
            continue
        doc = load(str(generated[(path.stem, fmt)]))
        got = sorted((p.project, len(p.indicators), p.amounts["total"].value) for p in doc.performance)
        assert got == want, fmt


@pytest.mark.parametrize("spec", [p.stem for p in SPECS])
def test_spec_workbook_reads_as_the_same_spec(tmp_path: Path, spec: str) -> None:
    from yusuan.generate.spec_xlsx import write_spec_xlsx

    s = load_spec(str(next(p for p in SPECS if p.stem == spec)))
    out = tmp_path / "spec.xlsx"
    write_spec_xlsx(s, str(out))
    assert load_spec(str(out)) == s


def test_spec_workbook_names_a_bad_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "基本信息"
    wb.active.append(["部门（单位）名称", "示例县档案馆"])
    ws = wb.create_sheet("支出")
    ws.append(["科目编码", "基本支出/一般预算"])
    ws.append(["2010101", 1.5])
    p = tmp_path / "s.xlsx"
    wb.save(p)
    with pytest.raises(SpecError, match="基本支出/一般预算"):
        load_spec(str(p))


SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", [p.name for p in SEEDS])
def test_recomputed_seed_has_no_error_or_warning(tmp_path: Path, seed: str) -> None:
    """parse → --recompute: every sum, share, change and sentence computed again from the leaf
    figures. The seeds' own arithmetic, percentage and naming errors do not survive it."""
    from yusuan.generate.from_model import spec_from_document

    original = load(str(ROOT / "tests" / "fixtures" / "seeds" / seed))
    notes: list[str] = []
    tpl = load_template("national-2016")
    doc = build_document(spec_from_document(original, notes), tpl)
    out = tmp_path / "r.html"
    from yusuan.generate.out_html import render_html

    out.write_text(render_html(layout(doc, tpl)), encoding="utf-8")
    assert _noisy(load(str(out))) == []
    # the 项 figures survive the recomputation — those not funded by 上年结转 money, which a spec
    # does not carry yet
    carried = {r.code for t in original.tables if t.id == "income" for r in t.rows
               if any("carryover" in c for c in r.values)}
    want = {(r.code, a.value) for t in original.tables if t.id == "expense" for r in t.rows
            if r.code and len(r.code) == 7 and r.code not in carried
            for c, a in r.values.items() if c == "total" and a.value}
    got_codes = {c for c, _ in want}
    got = {(r.code, a.value) for t in load(str(out)).tables if t.id == "expense" for r in t.rows
           if r.code in got_codes for c, a in r.values.items() if c == "total"}
    assert want and want == got
