"""One run of ``yusuan check``: read each input, audit it, feed every requested report.

The JSON lines are streamed as documents are read (a pipeline sees them at once); the XLSX and
HTML reports are written at the end, whole. Every file goes to a temporary name first and is
renamed into place only when complete (``yusuan.render.outputs``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from rich.markup import escape

from yusuan.audit.config import AuditConfig
from yusuan.errors import NotADisclosure, ReadError
from yusuan.render.console import console, err_console, print_error
from yusuan.render.outputs import OutputError, PendingFile, write_text, write_whole
from yusuan.render.report_xlsx import Checked


class Run:
    def __init__(self, plan: dict[str, str | None], cfg: AuditConfig, *, show_info: bool, summary_only: bool) -> None:
        self.plan = plan
        self.cfg = cfg
        self.show_info = show_info
        self.summary_only = summary_only
        self.checked: list[Checked] = []
        self.unreadable: list[tuple[str, str]] = []
        # files met in a folder walk that are not disclosures (README, SOURCES.md): listed, not failing
        self.skipped: list[tuple[str, str]] = []
        self.named: set[str] = set()  # files given by name on the command line
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.n_groups = 0
        self._json: PendingFile | None = None
        # findings between documents given together (a 预算 and its 决算), by group label
        self.extra: dict[str, list[Any]] = {}

    # -- reading and auditing ---------------------------------------------------------------

    def all(self, groups: Sequence[Sequence[str]]) -> None:
        from yusuan.audit import audit
        from yusuan.inputs import load_all
        from yusuan.render.report_json import document_record, error_record, to_line
        from yusuan.render.report_terminal import render_report

        self.n_groups = len(groups)
        if "json" in self.plan:
            dest = self.plan["json"]
            assert dest is not None
            self._json = PendingFile(dest)
            self._json.open()
        for item in load_all(groups):
            if item.document is None:
                assert item.error is not None
                if isinstance(item.error, NotADisclosure) and not any(p in self.named for p in item.paths):
                    self.skipped.append((item.label, item.error.reason))
                    self._write_json(to_line({"path": item.label, "skipped": {"reason": item.error.reason,
                                                                               "reason_en": item.error.reason_en},
                                              "findings": [], "coverage": None}))
                    continue
                reason = item.error.reason + (f" ({item.error.reason_en})" if item.error.reason_en else "")
                self.unreadable.append((item.label, reason))
                print_error(item.error.message())
                self._write_json(to_line(error_record(item.label, item.error)))
                continue
            doc = item.document
            try:
                result = audit(doc, select=self.cfg.select, ignore=self.cfg.ignore,
                               severity_overrides=self.cfg.severity)
            except (KeyboardInterrupt, OutputError):
                raise
            except Exception:  # one document's failure is that document's problem; the batch goes on
                err = ReadError(item.label, "审核时出现内部错误（请把此文件报告给 yusuan 开发者）",
                                "internal error while auditing")
                self.unreadable.append((item.label, f"{err.reason} ({err.reason_en})"))
                print_error(err.message())
                self._write_json(to_line(error_record(item.label, err)))
                continue
            result.findings.extend(self.extra.get(item.label, []))
            for f in result.findings:
                self.counts[f.severity] += 1
            self._write_json(to_line(document_record(item.label, doc, result)))
            if "terminal" in self.plan and not self.summary_only:
                render_report(item.label, doc, result, console, show_info=self.show_info)
            self.checked.append(Checked(item.label, doc, result))

    def _write_json(self, line: str) -> None:
        if self._json is not None:
            self._json.write(line)

    # -- the reports written at the end -----------------------------------------------------

    def finish(self) -> None:
        from yusuan.render.report_terminal import render_summary, render_summary_table

        if self._json is not None:
            self._json.commit()
            self._wrote(self.plan["json"])
        if "xlsx" in self.plan:
            from yusuan.render.report_xlsx import write_xlsx

            dest = self.plan["xlsx"]
            assert dest is not None
            write_whole(dest, lambda tmp: write_xlsx(self.checked, self.unreadable, tmp, show_info=self.show_info))
            self._wrote(dest)
        if "html" in self.plan:
            from yusuan.render.report_html import render_html

            dest = self.plan["html"]
            assert dest is not None
            write_text(dest, render_html(self.checked, self.unreadable, show_info=self.show_info))
            self._wrote(dest)
        several = self.n_groups > 1 or bool(self.unreadable)
        if "terminal" in self.plan:
            if self.summary_only:
                render_summary_table(self.checked, console)
            if several or self.summary_only:
                render_summary(len(self.checked), self.counts, self.unreadable, console, self.skipped)
        elif several:
            render_summary(len(self.checked), self.counts, self.unreadable, err_console, self.skipped)

    def _wrote(self, dest: Any) -> None:
        if dest and dest != "-":
            err_console.print(f"已写入 {escape(os.path.abspath(dest))}")

    def abort(self) -> None:
        """Leave nothing half written behind."""
        if self._json is not None:
            self._json.discard()
            self._json = None
