"""HTML output (jinja2; the page template is data: yusuan/data/templates/html/disclosure.html.j2)."""

from __future__ import annotations

from importlib import resources

import jinja2

from yusuan.generate.layout import Book


def render_html(book: Book, preparer_label: str = "编制部门") -> str:
    text = resources.files("yusuan").joinpath("data/templates/html/disclosure.html.j2").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, trim_blocks=False)
    return env.from_string(text).render(book=book, preparer_label=preparer_label)
