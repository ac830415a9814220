"""``yusuan check --db STORE``: the corpus rules, reported like ``check`` reports a document."""

from __future__ import annotations

import json
import os
import sys

from rich.markup import escape

from yusuan.render.console import console, err_console

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def check_store(db: str, fmt: str, output: str | None, select: list[str] | None, ignore: list[str] | None,
                exit_zero: bool) -> int:
    """Run the corpus rules on ``db``, store their findings, report them; the exit code."""
    from yusuan.store.backend import Store, StoreError, is_postgres
    from yusuan.store.checks import CORPUS_RULES, run_checks, store_findings

    if not is_postgres(db) and not os.path.exists(db):
        err_console.print(f"[red]错误[/red] {escape(db)}: 数据库不存在，请先运行 yusuan ingest (no such store)")
        return EXIT_UNREADABLE
    if fmt not in ("terminal", "json"):
        err_console.print("[red]错误[/red] --db 只支持 --format terminal 或 json")
        return EXIT_UNREADABLE
    try:
        store = Store(db)
    except StoreError as exc:
        err_console.print(f"[red]错误[/red] {escape(str(exc))}")
        return EXIT_UNREADABLE
    with store:
        findings, coverage = run_checks(store, select, ignore)
        store_findings(store, findings)
    counts = {"error": 0, "warning": 0, "info": 0}
    for _, f in findings:
        counts[f.severity] += 1
    if fmt == "json":
        record = {
            "path": db,
            "scope": "corpus",
            # the document findings' shape; location.file names the document a finding is about
            "findings": [f.model_dump(mode="json") for _, f in findings],
            "summary": counts,
            "coverage": coverage,
        }
        line = json.dumps(record, ensure_ascii=False) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(line)
        else:
            sys.stdout.write(line)
    else:
        titles = {r.code: r.title for r in CORPUS_RULES}
        for _, f in findings:
            style = {"error": "red", "warning": "yellow"}.get(f.severity, "dim")
            console.print(f"[{style}]{f.rule}[/{style}] {escape(titles[f.rule])}：{escape(f.message)}", soft_wrap=True)
        ran = len(coverage["ran"])
        console.print(f"[bold]语料库审核[/bold] {escape(db)}：运行规则 {ran} 条，错误 {counts['error']}，"
                      f"警告 {counts['warning']}，提示 {counts['info']}"
                      + (f"；{len(coverage['failed'])} 条规则运行失败" if coverage["failed"] else ""))
    if counts["error"] and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK
