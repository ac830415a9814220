"""The reading account (读取情况): break it on purpose and see it in every format and exit code.

Three breaks of the bundled example (a real 2024 disclosure): a parse stage that raises, a table
its 目录 lists that is cut out of the file, a page of numbers that belongs to no table. Each must
make ``reading.complete`` false with its reason, show in the terminal, JSON, HTML and XLSX
reports, raise Y020, and fail ``check --strict``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import yusuan
import yusuan.parse
from yusuan.audit import audit
from yusuan.cli import main
from yusuan.model import Document

EXAMPLE = Path(yusuan.__file__).parent / "examples" / "example_2024.md"
TEXT = EXAMPLE.read_text(encoding="utf-8")


def _boom(raw: object, segs: object, doc: object) -> None:
    raise RuntimeError("planted failure")


def stage_raises(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    stages = yusuan.parse._stages
    monkeypatch.setattr(yusuan.parse, "_stages", lambda: [*stages(), ("boom", _boom)])
    p = tmp / "stage.md"
    p.write_text(TEXT, encoding="utf-8")
    return p, "planted failure"


def listed_not_read(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    start = TEXT.index("## 一般公共预算项目支出情况表")
    end = TEXT.index("## 政府性基金预算支出情况表")
    p = tmp / "listed.md"
    p.write_text(TEXT[:start] + TEXT[end:], encoding="utf-8")
    return p, "一般公共预算项目支出情况表"


def numbers_in_no_table(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    page = "\n".join(f"{i}.25 {i + 1}.50 {i + 2}.75" for i in range(10, 50)) + "\n\n"
    at = TEXT.index("表 8")
    p = tmp / "numbers.md"
    p.write_text(TEXT[:at] + page + TEXT[at:], encoding="utf-8")
    return p, "表格数字"


BREAKS: dict[str, Callable[[Path, pytest.MonkeyPatch], tuple[Path, str]]] = {
    "stage-raises": stage_raises,
    "listed-table-not-read": listed_not_read,
    "numbers-in-no-table": numbers_in_no_table,
}


def test_the_unbroken_example_reads_its_tables_completely() -> None:
    r = yusuan.pipeline.load(str(EXAMPLE)).reading
    assert (r.tables_listed, r.tables_read, r.tables_not_read) == (11, 11, [])
    assert r.table_numbers.placed == r.table_numbers.total > 250
    assert r.table_numbers.outside_tables == 0
    assert not r.problems
    assert 0 < r.narrative_amounts.in_claims <= r.narrative_amounts.total


@pytest.mark.parametrize("name", list(BREAKS))
def test_a_broken_reading_shows_in_the_model_and_as_y020(name: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path, mark = BREAKS[name](tmp_path, monkeypatch)
    doc: Document = yusuan.pipeline.load(str(path))
    r = doc.reading
    assert not r.complete
    said = " ".join(r.reasons + [p.message for p in r.problems] + r.tables_not_read)
    assert mark in said
    if name == "stage-raises":
        assert [p.stage for p in r.problems] == ["boom"]
    if name == "listed-table-not-read":
        assert r.tables_not_read == ["七、 一般公共预算项目支出情况表"]
        assert r.tables_read == r.tables_listed - 1
    if name == "numbers-in-no-table":
        assert r.table_numbers.total - r.table_numbers.placed >= 100
    y020 = [f for f in audit(doc).findings if f.rule == "Y020"]
    assert [(f.severity, f.category) for f in y020] == [("warning", "reading")]
    assert mark in y020[0].message + (y020[0].actual or "")


@pytest.mark.parametrize("name", list(BREAKS))
def test_a_broken_reading_shows_in_every_format_and_fails_strict(name: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path, mark = BREAKS[name](tmp_path, monkeypatch)
    runner = CliRunner()
    term = runner.invoke(main, ["check", str(path), "--ignore", "Y1,Y2,Y3,Y4,Y5,Y6,Y7,Y8"])
    assert term.exit_code == 0, term.output
    head = term.output.split("■", 1)[0]
    assert "读取情况：不完整" in head  # at the top of the report, before any finding
    assert "Y020" in term.output

    out = runner.invoke(main, ["check", str(path), "--format", "json"])
    rec = json.loads(out.output.splitlines()[0])
    assert rec["reading"]["complete"] is False
    assert mark in json.dumps(rec["reading"], ensure_ascii=False)
    assert any(f["rule"] == "Y020" for f in rec["findings"])

    parsed = runner.invoke(main, ["parse", str(path), "--format", "json"])
    assert json.loads(parsed.output)["reading"]["complete"] is False

    html = runner.invoke(main, ["check", str(path), "--format", "html"])
    assert 'class="reading incomplete"' in html.output and mark in html.output

    xlsx = tmp_path / "r.xlsx"
    runner.invoke(main, ["check", str(path), "--format", "xlsx", "-o", str(xlsx)])
    ws = load_workbook(xlsx)["汇总"]
    header = [c.value for c in ws[1]]
    row = [c.value for c in ws[2]]
    assert row[header.index("读取完整")] == "否"
    assert mark in row[header.index("读取情况")]

    strict = runner.invoke(main, ["check", str(path), "--strict", "--ignore", "Y1,Y2,Y3,Y4,Y5,Y6,Y7,Y8"])
    assert strict.exit_code == 1, strict.output


def test_strict_passes_a_complete_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import test_check_cli  # tests/ is on sys.path (pytest prepend mode)

    monkeypatch.setattr(yusuan.pipeline, "load", lambda paths: test_check_cli.good_doc())
    res = CliRunner().invoke(main, ["check", "x.md", "--strict", "--select", "Y020"])
    assert res.exit_code == 0, res.output
    assert "读取情况：完整" in res.output


def test_schema_documents_the_reading_contract() -> None:
    res = CliRunner().invoke(main, ["schema"])
    schema = json.loads(res.output)
    reading = schema["$defs"]["Reading"]["properties"]
    for field in ("complete", "tables_listed", "tables_read", "tables_not_read", "table_numbers",
                  "narrative_amounts", "problems"):
        assert field in reading
    assert "99%" in reading["complete"]["description"]


@pytest.mark.parametrize("name", list(BREAKS))
def test_a_broken_reading_is_said_in_full_in_every_format_and_strict_fails_whatever_the_format(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond the flag: the reason itself (the failing stage, the table not read, the share of numbers
    placed) in parse's JSON, in the HTML reading block, in Y020's row of the XLSX findings sheet; and
    --strict fails the run in the machine formats too, not only in the terminal."""
    path, mark = BREAKS[name](tmp_path, monkeypatch)
    runner = CliRunner()
    parsed = json.loads(runner.invoke(main, ["parse", str(path), "--format", "json"]).output)["reading"]
    assert mark in json.dumps(parsed, ensure_ascii=False)
    assert set(parsed) >= {"complete", "tables_listed", "tables_read", "tables_not_read", "table_numbers",
                           "narrative_amounts", "problems"}
    html = runner.invoke(main, ["check", str(path), "--format", "html"]).output
    block = html.split('class="reading incomplete"', 1)[1].split("</div>", 1)[0]
    assert mark in block
    xlsx = tmp_path / "f.xlsx"
    runner.invoke(main, ["check", str(path), "--format", "xlsx", "-o", str(xlsx)])
    ws = load_workbook(xlsx)["审核意见"]
    head = [c.value for c in ws[1]]
    y020 = [[c.value for c in r] for r in ws.iter_rows(min_row=2) if r[head.index("规则")].value == "Y020"]
    assert len(y020) == 1 and mark in (y020[0][head.index("问题描述")] or "") + (y020[0][head.index("实为")] or "")
    for fmt in ("json", "html"):
        strict = runner.invoke(main, ["check", str(path), "--strict", "--format", fmt,
                                      "--ignore", "Y1,Y2,Y3,Y4,Y5,Y6,Y7,Y8"])
        assert strict.exit_code == 1, (fmt, strict.output[:300])
    strict = runner.invoke(main, ["check", str(path), "--strict", "--format", "xlsx", "-o", str(xlsx),
                                  "--ignore", "Y1,Y2,Y3,Y4,Y5,Y6,Y7,Y8"])
    assert strict.exit_code == 1


def test_a_performance_grid_printed_as_prose_is_not_counted_as_narrative() -> None:
    from yusuan.parse.reading import counted_amounts

    prose = "本部门项目支出20.00万元，其中办公设备购置5.00万元。"
    grid = ("具体情况见下表：一级指标二级指标三级指标指标值指标值设置依据上年完成值产出指标成本指标"
            "设备购置成本<=5.00万元计划标准=4.80万元10")
    assert [m.group(1) for m in counted_amounts(prose + grid)] == ["20.00", "5.00"]
    # the grid ends at the next sentence: the prose after it counts again
    assert [m.group(1) for m in counted_amounts(grid + "。本部门会议费1.00万元。")] == ["1.00"]
    # thresholds stay out as before
    assert [m.group(1) for m in counted_amounts("单价50万元以上设备2台。")] == []
