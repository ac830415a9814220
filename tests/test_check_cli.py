"""`yusuan check` / `yusuan rules`: formats, exit codes, selection, config, unreadable inputs.

Documents are built inline and handed to the CLI through a stubbed loader, so these tests check the
command and its reports, not the parsers.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import yusuan.pipeline
from yusuan.cli import main
from yusuan.errors import ReadError
from yusuan.model import Document, Table
from yusuan.testing import make_doc, make_table

# The other tables a disclosure must publish, published empty with their note, so that only the
# expense table's arithmetic is at stake.
OTHERS = ["summary", "income", "fiscal_summary", "gpb_expense", "gpb_basic", "three_public", "gov_fund"]


def empties() -> list[Table]:
    return [Table(id=i, title=i, empty=True, empty_note="本表为空表。") for i in OTHERS]


def bad_doc() -> Document:
    t = make_table("expense", [
        ("TOTAL", "合计", {"total": "100.00", "basic": "40.00", "project": "60.00"}),
        ("210", "卫生健康支出", {"total": "90.00", "basic": "40.00", "project": "60.00"}),
    ], title="部门支出总体情况表")
    return make_doc(t, *empties(), department="某某局<script>", year=2024)


def good_doc() -> Document:
    t = make_table("expense", [
        ("TOTAL", "合计", {"total": "100.00", "basic": "40.00", "project": "60.00"}),
        ("210", "卫生健康支出", {"total": "100.00", "basic": "40.00", "project": "60.00"}),
    ])
    return make_doc(t, *empties(), department="好局", year=2024)


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("a_bad.txt", "b_good.txt", "c_broken.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")

    def fake_load(paths: list[str] | str) -> Document:
        p = paths if isinstance(paths, str) else paths[0]
        if "broken" in p:
            raise ReadError(p, "文件已损坏", "corrupt file")
        return bad_doc() if "bad" in p else good_doc()

    monkeypatch.setattr(yusuan.pipeline, "load", fake_load)
    monkeypatch.chdir(tmp_path)
    # the families this file is about; other families have their own tests
    (tmp_path / "yusuan.toml").write_text('select = ["Y0", "Y1", "Y2", "Y4"]\n', encoding="utf-8")
    return tmp_path


def invoke(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_exit_codes(files: Path) -> None:
    assert invoke("check", "b_good.txt")[0] == 0
    assert invoke("check", "a_bad.txt")[0] == 1
    assert invoke("check", "a_bad.txt", "--exit-zero")[0] == 0
    code, _, err = invoke("check", "a_bad.txt", "c_broken.txt", "--exit-zero")
    assert code == 2
    assert "c_broken.txt" in err and "文件已损坏" in err and "Traceback" not in err


def test_terminal_report_groups_by_table_and_says_what_did_not_run(files: Path) -> None:
    code, out, _ = invoke("check", "a_bad.txt")
    assert code == 1
    assert "部门支出总体情况表" in out and "Y102" in out and "Y103" in out
    assert "应为 90.00" in out.replace("\n", " ") or "应为 100.00" in out
    assert "条规则因缺少数据未运行" in out


def test_folder_gets_a_closing_summary_and_one_bad_file_does_not_stop_the_rest(files: Path) -> None:
    code, out, err = invoke("check", str(files))
    assert code == 2
    assert "共审核 2 份文件" in out and "1 份文件无法读取" in out
    assert "好局" in out and "某某局" in out


def test_json_one_object_per_document_and_per_unreadable_input(files: Path) -> None:
    code, out, _ = invoke("check", "a_bad.txt", "b_good.txt", "c_broken.txt", "--format", "json")
    assert code == 2
    records = [json.loads(line) for line in out.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["a_bad.txt", "b_good.txt", "c_broken.txt"]
    bad = records[0]
    assert bad["document"] == {"department": "某某局<script>", "year": 2024, "kind": "预算", "level": None,
                               "format": "text"}
    f = next(f for f in bad["findings"] if f["rule"] == "Y103")
    assert set(f) >= {"rule", "severity", "message", "location", "expected", "actual", "source"}
    assert f["location"]["table"] == "expense" and f["location"]["row_code"] == "210"
    assert {"ran", "not_applicable", "not_run", "failed"} <= set(bad["coverage"])
    assert "Y103" in bad["coverage"]["ran"]
    assert any(c["rule"] == "Y104" for c in bad["coverage"]["not_run"])
    assert records[2]["error"]["reason"] == "文件已损坏"


def test_select_ignore_and_config_severity(files: Path) -> None:
    out = invoke("check", "a_bad.txt", "--format", "json", "--select", "Y102")[1]
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"Y102"}
    out = invoke("check", "a_bad.txt", "--format", "json", "--ignore", "Y1")[1]
    assert not [f for f in json.loads(out)["findings"] if f["rule"].startswith("Y1")]
    (files / "yusuan.toml").write_text('select = ["Y10"]\n[severity]\nY102 = "warning"\nY103 = "info"\n', encoding="utf-8")
    code, out, _ = invoke("check", "a_bad.txt", "--format", "json")
    rec = json.loads(out)
    assert {f["severity"] for f in rec["findings"] if f["rule"] == "Y102"} == {"warning"}
    assert {f["severity"] for f in rec["findings"] if f["rule"] == "Y103"} == {"info"}
    assert code == 0  # no finding is an error any more
    (files / "yusuan.toml").write_text('select = 3\n', encoding="utf-8")
    code, _, err = invoke("check", "a_bad.txt")
    assert code == 2 and "yusuan.toml" in err


def test_pyproject_config_found_from_a_subdirectory(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (files / "yusuan.toml").unlink()
    (files / "pyproject.toml").write_text('[tool.yusuan]\nselect = ["Y0", "Y2", "Y4"]\n', encoding="utf-8")
    sub = files / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    code, out, _ = invoke("check", str(files / "a_bad.txt"), "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []


def test_xlsx_report(files: Path) -> None:
    from openpyxl import load_workbook

    code, _, _ = invoke("check", "a_bad.txt", "b_good.txt", "c_broken.txt", "--format", "xlsx", "-o", "审核意见.xlsx")
    assert code == 2
    wb = load_workbook(files / "审核意见.xlsx")
    ws = wb["审核意见"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["文件", "部门", "年度", "规则", "级别"]
    for name in ("位置", "问题描述", "应为", "实为", "原文"):
        assert name in header
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows and all(r[0] == "a_bad.txt" for r in rows)
    assert {r[3] for r in rows} >= {"Y102", "Y103"}
    summary = [r for r in wb["汇总"].iter_rows(values_only=True)]
    assert any(r[0] == "c_broken.txt" and "文件已损坏" in (r[7] or "") for r in summary)


def test_html_report_is_self_contained_and_escaped(files: Path) -> None:
    code, _, _ = invoke("check", "a_bad.txt", "--format", "html", "-o", "report.html")
    assert code == 1
    page = (files / "report.html").read_text(encoding="utf-8")
    # the page's one script is its own (sorting the summary); the document's "<script>" is escaped
    assert page.count("<script>") == 1 and "某某局&lt;script&gt;" in page and "某某局<script>" not in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert 'class="f error"' in page and "Y103" in page
    assert 'class="hit"' in page  # the cited cell is shown in its row


def test_rules_catalog_and_one_rule(files: Path) -> None:
    code, out, _ = invoke("rules")
    assert code == 0 and "Y101" in out and "Y201" in out and "Y401" in out
    code, out, _ = invoke("rules", "y201")
    assert code == 0 and "Y201" in out and "依据" in out and "Example" in out
    assert invoke("rules", "Y999")[0] == 2
    code, out, _ = invoke("rules", "--markdown")
    assert out.startswith("# 审核规则")


def test_terminal_counts_info_findings_unless_asked(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def rounding_doc(paths: list[str] | str) -> Document:
        t = make_table("expense", [
            ("TOTAL", "合计", {"total": "31.29", "basic": "31.29"}),
            ("21011", "行政事业单位医疗", {"total": "31.29", "basic": "31.29"}),
            ("2101101", "行政单位医疗", {"total": "28.62", "basic": "28.62"}),
            ("2101103", "公务员医疗补助", {"total": "2.66", "basic": "2.66"}),
        ])
        return make_doc(t, *empties())

    monkeypatch.setattr(yusuan.pipeline, "load", rounding_doc)
    code, out, _ = invoke("check", "b_good.txt")
    assert code == 0 and "四舍五入差异" in out and "--show-info" in out and "容差" not in out
    code, out, _ = invoke("check", "b_good.txt", "--show-info")
    assert "容差" in out


def test_a_selection_that_matches_no_rule_is_an_error(files: Path) -> None:
    code, _, err = invoke("check", "b_good.txt", "--select", "X9")
    assert code == 2 and "没有规则匹配" in err


# --- reports for many departments (issue 8) --------------------------------------------------


def test_several_formats_from_one_run(files: Path) -> None:
    code, _, err = invoke("check", "a_bad.txt", "b_good.txt", "--format", "xlsx,html", "--format", "json",
                          "-o", "r.xlsx", "-o", "r.html", "-o", "r.jsonl")
    assert code == 1, err
    assert (files / "r.xlsx").exists() and (files / "r.html").exists()
    lines = (files / "r.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(x)["path"] for x in lines)
    assert not list(files.glob(".*.part"))


def test_output_into_a_missing_folder_is_refused_before_reading(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def never(paths: object) -> Document:
        raise AssertionError("read although the report cannot be written")

    monkeypatch.setattr(yusuan.pipeline, "load", never)
    code, _, err = invoke("check", "a_bad.txt", "--format", "xlsx", "-o", "no/such/dir/r.xlsx")
    assert code == 2 and "no/such/dir/r.xlsx" in err and "不存在" in err and "Traceback" not in err


def test_interrupt_leaves_no_half_report(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yusuan.audit

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(yusuan.audit, "audit", interrupted)
    code, _, err = invoke("check", "a_bad.txt", "b_good.txt", "--format", "json", "-o", "r.jsonl")
    assert code == 130 and "中断" in err
    assert not (files / "r.jsonl").exists() and not list(files.glob(".*.part"))


def test_summary_mode_lists_documents_most_errors_first(files: Path) -> None:
    code, out, _ = invoke("check", "b_good.txt", "a_bad.txt", "--summary")
    assert code == 1
    assert "审核汇总" in out and out.index("某某局") < out.index("好局")
    assert "不等于" not in out  # no finding lines, the summary only


def test_xlsx_summary_first_sorted_and_linked_without_rounding_rows(files: Path) -> None:
    code, _, _ = invoke("check", "b_good.txt", "a_bad.txt", "--format", "xlsx", "-o", "r.xlsx")
    wb = openpyxl.load_workbook(files / "r.xlsx")
    assert wb.sheetnames[0] == "汇总"
    sm = wb["汇总"]
    assert sm.cell(row=2, column=1).value == "a_bad.txt"  # the one with errors first
    assert sm.cell(row=2, column=1).hyperlink is not None
    severities = {r[4] for r in wb["审核意见"].iter_rows(min_row=2, values_only=True)}
    assert "提示" not in severities


def test_html_has_date_version_and_links(files: Path) -> None:
    from yusuan import __version__

    invoke("check", "a_bad.txt", "b_good.txt", "--format", "html", "-o", "r.html")
    page = (files / "r.html").read_text(encoding="utf-8")
    assert f"yusuan {__version__}" in page and "生成日期" in page
    assert 'href="#doc1"' in page and 'id="doc1"' in page and 'id="doc1-1"' in page
