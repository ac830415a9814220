"""One problem, one finding (issue 8 item 3), amounts with their unit (item 4), and relations that
hold only through an inferred placement (issue 7 item 2).

Built from the bundled example (a real 2024 disclosure) with one figure changed, and from small
tables made by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

import yusuan
from yusuan.audit import Finding, Location, audit
from yusuan.audit.grouping import finding_id, unit_misprint_key
from yusuan.audit.helpers import compare
from yusuan.audit.units import AMOUNT_FAMILIES
from yusuan.cli import main
from yusuan.model import Amount, Provenance
from yusuan.testing import make_doc, make_table

EXAMPLE = Path(yusuan.__file__).parent / "examples" / "example_2024.md"
TEXT = EXAMPLE.read_text(encoding="utf-8")
STATED = "2024 年支出预算 3,166.28 万元"


def _load(tmp: Path, text: str, name: str = "doc.md") -> tuple[Path, yusuan.model.Document]:
    p = tmp / name
    p.write_text(text, encoding="utf-8")
    return p, yusuan.pipeline.load(str(p))


def _errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity in ("error", "warning")]


# --- a misprinted unit is one finding -----------------------------------------------------------

def test_a_narrative_figure_in_yuan_is_one_finding_naming_the_others(tmp_path: Path) -> None:
    assert STATED in TEXT
    _, doc0 = _load(tmp_path, TEXT, "orig.md")
    _, doc = _load(tmp_path, TEXT.replace(STATED, STATED.replace("万元", "元")))
    before = {f.id for f in _errors(audit(doc0).findings)}
    new = [f for f in _errors(audit(doc).findings) if f.id not in before]
    # the narrative against the table (Y301) and the narrative's own split (Y311) both see it
    assert [f.rule for f in new] == ["Y301"], [f.message for f in new]
    f = new[0]
    assert f.related and all(r.startswith("Y311-") for r in f.related)
    assert "同一金额单位错误另见 Y311" in f.message
    assert "3,166.28 元（合 0.316628 万元）" in f.message


def test_a_narrative_figure_ten_thousand_times_off_is_one_finding(tmp_path: Path) -> None:
    _, doc0 = _load(tmp_path, TEXT, "orig.md")
    _, doc = _load(tmp_path, TEXT.replace(STATED, "2024 年支出预算 31,662,800.00 万元"))
    before = {f.id for f in _errors(audit(doc0).findings)}
    new = [f for f in _errors(audit(doc).findings) if f.id not in before]
    assert len(new) == 1, [(f.rule, f.message) for f in new]
    assert "31,662,800.00 万元" in new[0].message and "3,166.28 万元" in new[0].message


def test_unit_misprint_key_only_for_same_digits_or_a_factor_of_ten_thousand() -> None:
    def f(expected: str, actual: str) -> Finding:
        return Finding(rule="Y301", severity="error", message="", expected=expected, actual=actual)

    assert unit_misprint_key(f("1,682.76", "1682.76")) == "168276"
    assert unit_misprint_key(f("1,682.76", "16827600.00")) == "168276"
    assert unit_misprint_key(f("1,682.76", "1682.77")) is None
    assert unit_misprint_key(f("1,682.76", "168.276")) is None  # ×10 is a slipped digit, not a unit


def test_findings_on_one_cell_point_to_each_other_and_ids_are_stable(tmp_path: Path) -> None:
    _, doc = _load(tmp_path, TEXT.replace(STATED, STATED.replace("万元", "元")))
    a, b = audit(doc).findings, audit(doc).findings
    assert [f.id for f in a] == [f.id for f in b] and all(f.id for f in a)
    assert len({f.id for f in a}) == len(a)
    ids = {f.id for f in a}
    for f in a:  # every related id names a finding of this run or one folded into f
        assert all(r in ids or "另见" in f.message for r in f.related)
    loc = Location(table="expense", row_code="TOTAL", column="basic")
    assert finding_id("Y101", loc.model_dump()) == finding_id("Y101", {**loc.model_dump(), "file": "x.pdf"})


def test_related_shows_in_json_terminal_html_and_xlsx(tmp_path: Path) -> None:
    p, _ = _load(tmp_path, TEXT.replace(STATED, STATED.replace("万元", "元")))
    runner = CliRunner()
    rec = json.loads(runner.invoke(main, ["check", str(p), "--format", "json", "--exit-zero"]).output)
    folded = [f for f in rec["findings"] if f["rule"] == "Y301" and f["related"]]
    assert folded and folded[0]["id"].startswith("Y301-")
    rid = folded[0]["related"][0]
    assert rid in runner.invoke(main, ["check", str(p), "--exit-zero"]).output
    assert f"相关：{rid}" in runner.invoke(main, ["check", str(p), "--format", "html", "--exit-zero"]).output
    out = tmp_path / "r.xlsx"
    runner.invoke(main, ["check", str(p), "--format", "xlsx", "-o", str(out), "--exit-zero"])
    ws = load_workbook(out)["审核意见"]
    head = [c.value for c in ws[1]]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert any(r[head.index("编号")] == folded[0]["id"] and rid in (r[head.index("相关问题")] or "") for r in rows)


# --- amounts with their unit in every message ---------------------------------------------------

_BARE = re.compile(r"(?<![\w.,])-?(?:\d[\d,]*\.\d+|\d{1,3}(?:,\d{3})+)(?![\w.,%％‰])(?!\s*(?:亿元|万元|千元|元|%|％))")
_QUOTED = re.compile(r"「[^」]*」|“[^”]*”|《[^》]*》")


def bare_amounts(message: str) -> list[str]:
    return _BARE.findall(_QUOTED.sub("", message))


def test_no_bare_amount_in_the_amount_families_messages(tmp_path: Path) -> None:
    rules = yusuan.audit.all_rules()
    changed = TEXT.replace("基本支出 1,804.60 万元", "基本支出 1,814.60 万元").replace(STATED, STATED[:-2] + "元")
    for text in (TEXT, changed):
        _, doc = _load(tmp_path, text)
        for f in audit(doc).findings:
            if rules[f.rule].family in AMOUNT_FAMILIES if f.rule in rules else False:
                assert not bare_amounts(f.message), f.message


def test_a_table_printed_in_yuan_is_said_in_yuan() -> None:
    t = make_table("expense", [
        ("TOTAL", "合计", {"total": "1000000.00", "basic": "400000.00", "project": "500000.00"}),
        ("210", "卫生健康支出", {"total": "1000000.00", "basic": "400000.00", "project": "500000.00"}),
    ], unit="元")
    msgs = [f.message for f in audit(make_doc(t), select=["Y103"]).findings if f.severity == "error"]
    assert msgs and all("1000000.00 元" in m and "90.00 万元" in m for m in msgs), msgs


# --- a relation that holds only through an inferred placement is not verified ----------------------

def _amt(text: str, inferred: bool = False) -> Amount:
    return Amount(value=yusuan.amounts.parse_number(text), text=text,
                  source=Provenance(inferred=inferred))


def test_a_sum_that_holds_through_an_inferred_column_is_reported_with_the_caveat() -> None:
    loc = Location(table="expense")
    assert compare(_amt("30.00"), [_amt("10.00"), _amt("20.00")], what="合计", parts_what="各列之和",
                   location=loc, source=None) is None
    p = compare(_amt("30.00"), [_amt("10.00"), _amt("20.00", inferred=True)], what="合计", parts_what="各列之和",
                location=loc, source=None)
    assert p is not None and (p.severity, p.category) == ("info", "inferred")
    assert "未经核实" in p.message and "20.00" in p.message and "推定" in p.message
    err = compare(_amt("35.00"), [_amt("10.00"), _amt("20.00", inferred=True)], what="合计", parts_what="各列之和",
                  location=loc, source=None)
    assert err is not None and err.severity is None and "推定" in err.message


def test_inferred_relations_are_one_note_per_table_not_one_per_cell() -> None:
    rows = [("TOTAL", "合计", {"total": "30.00", "basic": "10.00", "project": "20.00"})]
    rows += [(f"2{i:02d}", f"类{i}", {"total": "30.00", "basic": "10.00", "project": "20.00"}) for i in (10, 11, 12)]
    t = make_table("expense", rows)
    for r in t.rows:
        r.values["project"] = r.values["project"].model_copy(update={"source": Provenance(inferred=True)})
    notes = [f for f in audit(make_doc(t), select=["Y103"]).findings if f.category == "inferred"]
    assert len(notes) == 1 and "4 处" in notes[0].message and notes[0].severity == "info"


# --- numbered lists under a stated whole (Y330) -----------------------------------------------------
# the example's 结转结余 section: 905.62 万元 "……其中：" and seven numbered projects adding to 905.63

INTRO_END = "非财政拨款 0.00 万元，其中："


def _y330(tmp: Path, text: str, name: str) -> tuple[yusuan.model.Document, list[Finding]]:
    _, doc = _load(tmp, text, name)
    return doc, [f for f in audit(doc, select=["Y330"]).findings if "结转结余" in (f.source or "")]


def test_listed_items_that_exceed_their_whole_are_an_error(tmp_path: Path) -> None:
    assert INTRO_END in TEXT and "奖金 5.30 万元" in TEXT and "补助资金 339.14 万元" in TEXT
    ok, found = _y330(tmp_path, TEXT, "ok.md")
    assert [(len(x.items), x.exhaustive) for x in ok.listings if "结转结余" in x.intro] == [(7, False)]
    assert not found  # 905.63 against 905.62: rounding
    _, got = _y330(tmp_path, TEXT.replace("奖金 5.30 万元", "奖金 5.35 万元"), "bad.md")
    assert [(f.rule, f.severity) for f in got] == [("Y330", "error")]
    assert "905.68 万元" in got[0].message and "905.62 万元" in got[0].message
    fewer = TEXT.replace("补助资金 339.14 万元", "补助资金 329.14 万元")
    _, under = _y330(tmp_path, fewer, "fewer.md")
    assert not under  # listed under 其中: the items may be a selection of the whole
    ex, short = _y330(tmp_path, fewer.replace(INTRO_END, INTRO_END.replace("其中", "具体为")), "ex.md")
    assert [x.exhaustive for x in ex.listings if "结转结余" in x.intro] == [True]
    assert not short  # a list may be read in part: a shortfall is not reported
    changed = TEXT.replace("奖金 5.30 万元", "奖金 5.35 万元").replace(INTRO_END, "比上年减少 0.10 万元，其中：")
    assert not _y330(tmp_path, changed, "change.md")[1]  # a breakdown of a change, not of the whole
