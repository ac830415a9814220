"""``yusuan serve``: the web app for reviewers (needs the ``web`` extra)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


def _default_data_dir() -> str:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "yusuan", "web")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址。默认只接受本机访问；团队使用请放在反向代理之后（见 README）。")
@click.option("--port", type=int, default=8000, show_default=True, help="端口。")
@click.option("--db", type=click.Path(dir_okay=False), default=None, help="语料库 DuckDB 文件（yusuan ingest 生成）。")
@click.option("--max-upload-mb", type=click.FloatRange(min=0.01), default=50, show_default=True,
              help="一次上传的大小上限（MB），超出返回 413。")
@click.option("--data-dir", type=click.Path(file_okay=False), default=None,
              help="数据目录：上传的文件（按内容哈希保存）、审核结果、页面图片。默认 ~/.local/share/yusuan/web")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="读取文件的工作进程数（默认为 CPU 核数）。")
@click.option("--timeout", "timeout_s", type=click.IntRange(min=1), default=120, show_default=True,
              help="每份文件的读取时限（秒）。")
def serve(host: str, port: int, db: str | None, max_upload_mb: float, data_dir: str | None,
          workers: int | None, timeout_s: int) -> None:
    """启动审核网页与 API（http://127.0.0.1:8000，API 文档在 /docs）。Start the web app and API."""
    try:
        import uvicorn

        from yusuan.web.app import create_app
        from yusuan.web.jobs import Settings
    except ModuleNotFoundError as exc:
        click.echo(f"错误 需要安装网页组件：pip install 'yusuan[web]'（缺少 {exc.name}） "
                   "(the web extra is not installed)", err=True)
        sys.exit(2)
    if db and not os.path.exists(db):
        click.echo(f"错误 {db}: 语料库文件不存在 (no such database)", err=True)
        sys.exit(2)
    settings = Settings(
        data_dir=Path(data_dir or _default_data_dir()),
        db=db,
        max_upload_mb=max_upload_mb,
        workers=workers or max(1, os.cpu_count() or 1),
        parse_timeout_s=timeout_s,
    )
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        click.echo(f"错误 {settings.data_dir}: 无法创建数据目录：{exc.strerror}", err=True)
        sys.exit(2)
    import socket

    try:  # say plainly when the address is taken, before any worker starts
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        click.echo(f"错误 无法监听 {host}:{port}：{exc.strerror}（端口被占用？用 --port 换一个） "
                   "(cannot listen on that address)", err=True)
        sys.exit(2)
    app = create_app(settings)
    click.echo(f"yusuan 审核网页：http://{host}:{port}/   API 文档：http://{host}:{port}/docs   "
               f"数据目录：{settings.data_dir}", err=True)
    # proxy headers are trusted from loopback only: a reverse proxy on the same machine
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=True, forwarded_allow_ips="127.0.0.1")


COMMANDS = [serve]
