"""``yusuan ingest`` / ``query`` / ``compare`` / ``export``: the corpus store on the command line."""

from __future__ import annotations

import os
import sys

import click
from rich.markup import escape

from yusuan.render.console import console, err_console
from yusuan.store.backend import Store, StoreError, is_postgres

EXIT_OK, EXIT_UNREADABLE = 0, 2
DEFAULT_DB = "corpus.duckdb"

db_option = click.option("--db", default=DEFAULT_DB, show_default=True,
                         help="数据库：DuckDB 文件路径，或 postgresql://user@host/dbname。")


def _fail(message: str) -> None:
    err_console.print(f"[red]错误[/red] {escape(message)}", soft_wrap=True)
    sys.exit(EXIT_UNREADABLE)


def _open(db: str, read_only: bool = True) -> Store:

    if not is_postgres(db) and not os.path.exists(db):
        _fail(f"{db}: 数据库不存在，请先运行 yusuan ingest (no such store)")
    try:
        return Store(db, read_only=read_only)
    except StoreError as exc:
        _fail(str(exc))
        raise


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("-j", "--jobs", type=int, default=None, help="并行进程数（默认：全部 CPU 核）。")
@click.option("--executor", type=click.Choice(["process", "dask"]), default="process", show_default=True,
              help="process 本机进程池；dask 在 Dask 集群上运行（需 pip install 'yusuan[dask]'）。")
@click.option("--scheduler", help="Dask 调度器地址，如 tcp://HOST:8786（不给则启动本机集群）。")
@click.option("--together", is_flag=True, help="所有文件合为一份公开文件。")
@click.option("--force", is_flag=True, help="已入库或已失败的文件也重新解析。")
def ingest(paths: tuple[str, ...], db: str, jobs: int | None, executor: str, scheduler: str | None,
           together: bool, force: bool) -> None:
    """解析文件并存入语料库（可重复运行：内容相同的文件只存一份）。Ingest documents into the store.

    退出码：0 全部成功；2 有文件无法读取（其余文件照常入库）。
    """
    from yusuan.inputs import expand, group
    from yusuan.store.ingest import ingest as run

    files = expand(paths)
    if not files:
        _fail("没有找到可读取的文件 (no input files)")
    if scheduler and executor != "dask":
        _fail("--scheduler 只用于 --executor dask")
    try:
        summary = run(db, group(files, together), jobs=jobs or os.cpu_count() or 1, executor=executor,
                      scheduler=scheduler, force=force)
    except (StoreError, RuntimeError) as exc:
        _fail(str(exc))
        return
    from yusuan.store.report import render_ingest_summary

    render_ingest_summary(summary, db, err_console)
    sys.exit(EXIT_UNREADABLE if summary.failed else EXIT_OK)


@click.command()
@db_option
@click.argument("sql")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="table 终端表格；csv；json 每行一个 JSON 对象。")
def query(db: str, sql: str, fmt: str) -> None:
    """对语料库运行 SQL（表见 docs/store.md）。Run SQL against the store."""
    from yusuan.store.report import print_rows

    store = _open(db)
    try:
        cols, rows = store.query(sql)
    except Exception as exc:  # the drivers' own error types; the message names the problem in SQL
        _fail(f"SQL 出错：{exc}")
        return
    finally:
        store.close()
    print_rows(cols, rows, fmt, console)


@click.command()
@db_option
@click.argument("indicator")
@click.option("--by", "by", default="region,year", show_default=True,
              help="分组：province,city,county,region,gov_level,year,kind,level,department 的组合。")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--chart", type=click.Path(dir_okay=False), help="另存柱状图 PNG（需 matplotlib）。")
def compare(db: str, indicator: str, by: str, fmt: str, chart: str | None) -> None:
    """按地区、年度等比较一个指标（docs/indicators.md）。Compare an indicator across groups."""
    from yusuan.store.compare import CompareError, compare_rows, draw_chart
    from yusuan.store.report import print_rows

    store = _open(db)
    try:
        cols, rows = compare_rows(store, indicator, [b.strip() for b in by.split(",") if b.strip()])
    except CompareError as exc:
        _fail(str(exc))
        return
    finally:
        store.close()
    print_rows(cols, rows, fmt, console)
    if chart:
        try:
            draw_chart(cols, rows, indicator, chart)
        except CompareError as exc:
            _fail(str(exc))
        err_console.print(f"已写入 {escape(os.path.abspath(chart))}")


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "xlsx"]), default="csv", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="输出目录。")
def export(db: str, fmt: str, output: str) -> None:
    """导出全部表与 Fiscal Data Package 描述 datapackage.json。Export the store's tables."""
    from yusuan.store.export import export_store

    store = _open(db)
    try:
        written = export_store(store, fmt, output)
    except ValueError as exc:
        _fail(str(exc))
        return
    finally:
        store.close()
    for path in written:
        err_console.print(f"已写入 {escape(path)}")


COMMANDS = [ingest, query, compare, export]
