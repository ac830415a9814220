"""``yusuan check --format xlsx``: one row per finding, to send back to the departments.

Sheet 汇总 (first): one row per document, most errors first, each linked to its first finding, then
the files that could not be read and the totals. Sheet 审核意见: one row per error and warning
(提示 too with ``show_info``): 文件, 部门, 年度, 规则, 级别, 表格/章节, 位置, 问题描述, 应为, 实为, 原文,
规则名称 — with a filter on every column, so that one department's rows are one click away.
The 汇总 row also carries the document's reading account (读取完整, 读取情况).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from yusuan.audit import AuditResult, all_rules
from yusuan.model import Document
from yusuan.render.report_terminal import SEVERITY_LABEL, by_errors, group_key, where

FINDING_HEADERS = ["文件", "部门", "年度", "规则", "级别", "表格/章节", "位置", "问题描述", "应为", "实为", "原文",
                   "规则名称", "编号", "相关问题"]
WIDTHS = [30, 20, 8, 8, 8, 24, 20, 60, 14, 14, 60, 24, 16, 30]
FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "F2F2F2"}


@dataclass
class Checked:
    path: str
    document: Document
    result: AuditResult


def _clean(text: object) -> object:
    """openpyxl refuses control characters; a string that looks like a formula must stay text."""
    if not isinstance(text, str):
        return text
    s = "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)
    return "'" + s if s.startswith("=") else s


def _reading_cell(doc: Document) -> str:
    r = doc.reading
    return "\n".join([r.summary(), *r.reasons, *(f"［{p.stage}］{p.message}" for p in r.problems)])


def write_xlsx(checked: Sequence[Checked], unreadable: Sequence[tuple[str, str]], out: str,
               show_info: bool = False) -> None:
    rules = all_rules()
    wb = Workbook()
    sm = wb.active
    assert sm is not None
    sm.title = "汇总"
    ws = wb.create_sheet("审核意见")
    first_row: dict[str, int] = {}
    ws.append(FINDING_HEADERS)
    for i, w in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for c in by_errors(checked):
        for f in c.result.findings:
            if f.severity == "info" and not show_info:
                continue
            r = rules.get(f.rule)
            first_row.setdefault(c.path, ws.max_row + 1)
            ws.append([_clean(v) for v in [
                c.path, c.document.department, c.document.year, f.rule, SEVERITY_LABEL[f.severity],
                group_key(f), where(f.location, c.document), f.message, f.expected, f.actual, f.source,
                r.title if r else "", f.id, "、".join(f.related) or None,
            ]])
            fill = PatternFill("solid", fgColor=FILLS[f.severity])
            ws.cell(row=ws.max_row, column=5).fill = fill
            for col in (8, 11):
                ws.cell(row=ws.max_row, column=col).alignment = Alignment(wrap_text=True, vertical="top")
    ws.auto_filter.ref = ws.dimensions

    sm.append(["文件", "部门", "年度", "错误", "警告", "提示", "未运行的规则", "说明", "读取完整", "读取情况"])
    for cell in sm[1]:
        cell.font = Font(bold=True)
    for i, w in enumerate([30, 20, 8, 8, 8, 8, 30, 40, 8, 60], start=1):
        sm.column_dimensions[get_column_letter(i)].width = w
    for c in by_errors(checked):
        counts = {s: sum(1 for f in c.result.findings if f.severity == s) for s in SEVERITY_LABEL}
        not_run = [x for x in c.result.coverage if x.status in ("not_run", "failed")]
        sm.append([_clean(v) for v in [
            c.path, c.document.department, c.document.year, counts["error"], counts["warning"], counts["info"],
            "、".join(x.rule for x in not_run),
            "；".join(f"{x.rule}：{x.reason}" for x in not_run if x.reason),
            "是" if c.document.reading.complete else "否", _reading_cell(c.document),
        ]])
        if c.path in first_row:  # the file name leads to the document's first finding
            cell = sm.cell(row=sm.max_row, column=1)
            cell.hyperlink = f"#'审核意见'!A{first_row[c.path]}"
            cell.font = Font(color="0563C1", underline="single")
    for path, reason in unreadable:
        sm.append([_clean(path), None, None, None, None, None, None, _clean(f"无法读取：{reason}")])
    total = {s: sum(1 for c in checked for f in c.result.findings if f.severity == s) for s in SEVERITY_LABEL}
    sm.freeze_panes = "A2"
    sm.auto_filter.ref = f"A1:H{max(2, sm.max_row)}"
    sm.append([])
    sm.append([f"合计 {len(checked)} 份文件", None, None, total["error"], total["warning"], total["info"], None,
               f"{len(unreadable)} 份无法读取" if unreadable else None])
    wb.save(out)
