"""Checks across documents (Y960–Y989): each rule fires on a pair of documents that disagree and
stays silent on a pair that agrees; yusuan check --db reports them in the findings shape."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from yusuan.audit import AuditResult, Finding
from yusuan.cli import main
from yusuan.model import Claim, Document, Row
from yusuan.store import Store
from yusuan.store.checks import CORPUS_RULES, run_checks
from yusuan.store.rows import document_rows
from yusuan.testing import make_amount, make_doc, make_table


def _put(store: Store, doc: Document, name: str) -> None:
    doc_id = f"{abs(hash(name)):016x}"[:16]
    rows = document_rows(doc_id, doc_id * 4, doc, AuditResult(), "test")
    store.write_document(doc_id, [f"/docs/{name}.pdf"], rows)


def _fired(tmp_path: Path, *docs: tuple[str, Document]) -> list[Finding]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    with Store(str(tmp_path / "c.duckdb")) as store:
        for name, doc in docs:
            _put(store, doc, name)
        findings, coverage = run_checks(store)
    assert not coverage["failed"], coverage
    return [f for _, f in findings]


def test_rules_are_registered_once_in_their_range() -> None:
    codes = [r.code for r in CORPUS_RULES]
    assert len(codes) == len(set(codes)) and all(960 <= int(c[1:]) <= 989 for c in codes)
    assert all("查什么" in r.doc and "容差" in r.doc for r in CORPUS_RULES)


def test_y960_two_different_documents_of_one_department_and_year(tmp_path: Path) -> None:
    a = make_doc(make_table("expense", [("TOTAL", "合计", {"total": "100"})]), department="某某局", year=2026)
    b = make_doc(make_table("expense", [("TOTAL", "合计", {"total": "98"})]), department="某某局 ", year=2026)
    c = make_doc(make_table("expense", [("TOTAL", "合计", {"total": "90"})]), department="某某局", year=2025)
    fired = [f for f in _fired(tmp_path, ("a", a), ("b", b), ("c", c)) if f.rule == "Y960"]
    assert len(fired) == 1 and "2026" in fired[0].message and "2 份" in fired[0].message


def test_y961_last_year_column_against_last_years_document(tmp_path: Path) -> None:
    this = make_doc(make_table("three_public", [("TOTAL", "合计", {"total": "32.56", "last_year_total": "59.62"})]),
                    year=2026)
    agree = make_doc(make_table("three_public", [("TOTAL", "合计", {"total": "59.62"})]), year=2025)
    fired = [f for f in _fired(tmp_path / "1", ("this", this), ("last", agree)) if f.rule == "Y961"]
    assert fired == []
    differ = make_doc(make_table("three_public", [("TOTAL", "合计", {"total": "61.20"})]), year=2025)
    fired = [f for f in _fired(tmp_path / "2", ("this", this), ("last", differ)) if f.rule == "Y961"]
    assert len(fired) == 1
    assert (fired[0].expected, fired[0].actual) == ("61.20", "59.62")
    assert fired[0].location.table == "three_public" and fired[0].location.column == "last_year_total"


def _claim(amount: str, change: str, direction: str = "decrease", compared_to: str = "上年") -> Claim:
    return Claim(subject="three_public.total", subject_text="“三公”经费", amount=make_amount(amount),
                 direction=direction, change=make_amount(change), compared_to=compared_to,  # type: ignore[arg-type]
                 sentence=f"“三公”经费{amount}万元，较上年减少{change}万元。")


def test_y962_narrative_change_against_last_years_document(tmp_path: Path) -> None:
    this = make_doc(year=2026)
    this.claims = [_claim("10.20", "1.80")]  # implies 12.00 last year
    agree = make_doc(make_table("three_public", [("TOTAL", "合计", {"total": "12.00"})]), year=2025)
    assert [f for f in _fired(tmp_path / "1", ("this", this), ("last", agree)) if f.rule == "Y962"] == []
    differ = make_doc(make_table("three_public", [("TOTAL", "合计", {"total": "11.50"})]), year=2025)
    fired = [f for f in _fired(tmp_path / "2", ("this", this), ("last", differ)) if f.rule == "Y962"]
    assert len(fired) == 1 and (fired[0].expected, fired[0].actual) == ("11.50", "12.00")
    # a change against last year's 执行数 is not a change against the budget
    this.claims = [_claim("10.20", "1.80", compared_to="上年执行数")]
    assert [f for f in _fired(tmp_path / "3", ("this", this), ("last", differ)) if f.rule == "Y962"] == []


def _department(unit_total: str) -> Document:
    t = make_table("expense", [("TOTAL", "合计", {"total": "300"})])
    t.rows.append(Row(code=None, name="某某中心", unit="某某中心", values={"total": make_amount(unit_total)}))
    return make_doc(t, department="某某局", level="部门", year=2026)


def test_y963_a_units_row_in_the_department_budget_against_the_units_own(tmp_path: Path) -> None:
    unit = make_doc(make_table("expense", [("TOTAL", "合计", {"total": "100.00"})]), department="某某中心",
                    level="单位", year=2026)
    assert [f for f in _fired(tmp_path / "1", ("d", _department("100.00")), ("u", unit)) if f.rule == "Y963"] == []
    fired = [f for f in _fired(tmp_path / "2", ("d", _department("120.00")), ("u", unit)) if f.rule == "Y963"]
    assert len(fired) == 1 and (fired[0].expected, fired[0].actual) == ("100.00", "120.00")
    assert fired[0].location.row_name == "某某中心"


def test_check_db_prints_findings_in_the_document_shape_and_stores_them(tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    this = make_doc(make_table("three_public", [("TOTAL", "合计", {"total": "1", "last_year_total": "5"})]), year=2026)
    last = make_doc(make_table("three_public", [("TOTAL", "合计", {"total": "6"})]), year=2025)
    with Store(db) as store:
        _put(store, this, "this")
        _put(store, last, "last")
    result = CliRunner().invoke(main, ["check", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.splitlines()[-1])
    assert record["summary"]["warning"] == 1 and "Y961" in record["coverage"]["ran"]
    finding = record["findings"][0]
    Finding.model_validate(finding)
    assert set(finding) == set(Finding.model_fields)
    assert finding["location"]["file"] == "/docs/this.pdf"
    with Store(db, read_only=True) as store:
        assert store.query("SELECT rule FROM findings WHERE scope = 'corpus'")[1] == [("Y961",)]
    again = CliRunner().invoke(main, ["check", "--db", db, "--format", "json"])  # replaced, not added
    assert again.exit_code == 0
    with Store(db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM findings WHERE scope = 'corpus'")[1] == [(1,)]
    result = CliRunner().invoke(main, ["check", "--db", db])
    assert result.exit_code == 0 and "Y961" in result.output and "语料库审核" in result.output


def test_the_rule_catalog_lists_the_corpus_rules() -> None:
    result = CliRunner().invoke(main, ["rules", "Y961"])
    assert result.exit_code == 0 and "corpus" in result.output and "查什么" in result.output
    assert "Y963" in CliRunner().invoke(main, ["rules"]).output


def test_y964_final_accounts_budget_against_the_years_budget(tmp_path: Path) -> None:
    final = make_doc(make_table("three_public", [("TOTAL", "合计", {"budget": "6.50", "total": "3.20"}),
                                                 ("reception", "公务接待费", {"budget": "2.00", "total": "1.10"})]),
                     year=2023, kind="决算")
    agree = make_doc(make_table("three_public", [("TOTAL", "合计", {"total": "6.50"}),
                                                 ("reception", "公务接待费", {"total": "2.00"})]), year=2023)
    assert [f for f in _fired(tmp_path / "1", ("final", final), ("budget", agree)) if f.rule == "Y964"] == []
    differ = make_doc(make_table("three_public", [("TOTAL", "合计", {"total": "5.60"}),
                                                  ("reception", "公务接待费", {"total": "2.00"})]), year=2023)
    fired = [f for f in _fired(tmp_path / "2", ("final", final), ("budget", differ)) if f.rule == "Y964"]
    assert [(f.location.row_code, f.expected, f.actual) for f in fired] == [("TOTAL", "5.60", "6.50")]
    # another year's budget is not the one the 决算 set itself against
    other = differ.model_copy(update={"year": 2024})
    assert [f for f in _fired(tmp_path / "3", ("final", final), ("budget", other)) if f.rule == "Y964"] == []


def _final_with_said_budget(initial: str) -> Document:
    # a 决算 说明: "一般公共预算财政拨款支出年初预算为 X 万元" and one 项 "行政运行（项）年初预算为 52.00 万元"
    claims = [Claim(subject="gpb.total", subject_text="一般公共预算财政拨款支出", amount=make_amount("300.00"),
                    budget_initial=make_amount(initial), sentence=f"一般公共预算财政拨款支出年初预算为{initial}万元"),
              Claim(subject="func:2013901", subject_text="行政运行（项）", amount=make_amount("51.32"),
                    budget_initial=make_amount("52.00"), section="一般公共预算财政拨款支出决算情况说明",
                    sentence="年初预算为52.00万元，支出决算为51.32万元"),
              # a 政府性基金 item is not in the 一般公共预算支出表: looked up in its own table, absent here
              Claim(subject="func:2080505", subject_text="养老", amount=make_amount("6.00"),
                    budget_initial=make_amount("9.00"), section="政府性基金预算财政拨款支出决算情况说明")]
    return make_doc(claims=claims, year=2024, kind="决算")


def _budget(total: str, item: str, *, year: int = 2024, last_year: bool = False) -> Document:
    col = "last_year" if last_year else "total"
    return make_doc(make_table("gpb_expense", [("TOTAL", "合计", {col: total}), ("2013901", "行政运行", {col: item}),
                                               ("2080505", "养老", {col: "1.00"})]), year=year)


def test_y964_final_narratives_initial_budget_against_the_years_budget(tmp_path: Path) -> None:
    agree = [f for f in _fired(tmp_path / "1", ("final", _final_with_said_budget("321.02")),
                               ("budget", _budget("321.02", "52.00"))) if f.rule == "Y964"]
    assert agree == []
    fired = [f for f in _fired(tmp_path / "2", ("final", _final_with_said_budget("321.02")),
                               ("budget", _budget("320.00", "50.00"))) if f.rule == "Y964"]
    assert sorted((f.location.row_code, f.expected, f.actual) for f in fired) == [
        ("2013901", "50.00", "52.00"), ("TOTAL", "320.00", "321.02")]
    assert all(f.location.column == "budget_initial" and f.location.table == "gpb_expense" for f in fired)


def test_y965_budgets_last_year_column_against_last_years_final_narrative(tmp_path: Path) -> None:
    final = _final_with_said_budget("321.02")
    same = _budget("321.02", "52.00", year=2025, last_year=True)
    assert [f for f in _fired(tmp_path / "1", ("final", final), ("budget", same)) if f.rule == "Y965"] == []
    differ = _budget("321.02", "55.00", year=2025, last_year=True)
    fired = [f for f in _fired(tmp_path / "2", ("final", final), ("budget", differ)) if f.rule == "Y965"]
    assert [(f.location.row_code, f.expected, f.actual) for f in fired] == [("2013901", "52.00", "55.00")]


def test_a_store_of_schema_version_1_gains_the_claims_budget_columns(tmp_path: Path) -> None:
    db = str(tmp_path / "old.duckdb")
    with Store(db) as store:
        store.execute('DROP INDEX "ix_claims_doc_id"')
        store.execute('ALTER TABLE "claims" DROP COLUMN "budget_initial"')
        store.execute('UPDATE store_meta SET "value" = ? WHERE "key" = ?', ["1", "schema_version"])
    with Store(db) as store:
        _put(store, _final_with_said_budget("321.02"), "final")
        _, rows = store.query("SELECT count(*) FROM claims WHERE budget_initial IS NOT NULL")
        _, version = store.query("SELECT value FROM store_meta WHERE key = 'schema_version'")
    assert rows == [(3,)] and version == [("2",)]
