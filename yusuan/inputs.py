"""Turning command-line arguments into documents: expand folders, group files, load with progress."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.markup import escape

from yusuan.errors import ReadError
from yusuan.model import Document
from yusuan.readers import SUPPORTED_SUFFIXES

EMPTY_FOLDER = "文件夹中没有可读取的文件（支持 PDF、DOCX、XLSX、HTML、TXT） (no supported documents in folder)"


def expand(args: Sequence[str]) -> list[str]:
    """Files as given; folders replaced by the supported files under them, sorted."""
    return expand_reporting(args)[0]


def expand_reporting(args: Sequence[str]) -> tuple[list[str], list[str]]:
    """``expand``, and the folders given that hold no supported file (to be named in a message)."""
    out: list[str] = []
    empty: list[str] = []
    for a in args:
        if os.path.isdir(a):
            found = 0
            for root, dirs, files in os.walk(a):
                dirs.sort()
                for f in sorted(files):
                    if f.lower().endswith(SUPPORTED_SUFFIXES) and not f.startswith("."):
                        out.append(os.path.join(root, f))
                        found += 1
            if not found:
                empty.append(a)
        else:
            out.append(a)
    return out, empty


def group(paths: Sequence[str], together: bool = False) -> list[list[str]]:
    """Each file is one document, unless ``together`` (all files form one disclosure)."""
    if together:
        return [list(paths)] if paths else []
    return [[p] for p in paths]


@dataclass
class Loaded:
    paths: list[str]
    document: Document | None = None
    error: ReadError | None = None

    @property
    def label(self) -> str:
        return " + ".join(self.paths)


def load_all(groups: Sequence[Sequence[str]], progress: bool = True, pair: bool = True) -> Iterator[Loaded]:
    """Load each group; a file that cannot be read yields its error and the batch goes on.

    With ``pair`` (and several groups), the two PDF files of a disclosure published as narrative
    and tables apart are found by their content (``yusuan.readers.pdf_pairing``) and loaded
    together, as ``--together`` would; such halves come after the other documents.
    """
    items = _load_each(groups, progress)
    if not pair or len(groups) < 2:
        yield from items
        return
    from yusuan.readers.pdf_pairing import half_of, pair_documents

    held: list[tuple[Loaded, Document]] = []
    for item in items:
        doc = item.document
        # Only PDFs are held back (where split publication happens), so other inputs keep their order.
        if doc is not None and doc.format == "pdf" and len(item.paths) == 1 and half_of(doc):
            held.append((item, doc))
            continue
        yield item
    partner: dict[int, int] = {}
    try:
        for i, j in pair_documents([doc for _, doc in held]):
            partner[i], partner[j] = j, i
    except Exception:  # pairing is a convenience: on any failure each half is reported alone
        partner = {}
    for k, (h, doc) in enumerate(held):
        if k not in partner:
            yield h
        elif half_of(doc) == "narrative":  # the pair is loaded once, narrative first
            paths = h.paths + held[partner[k]][0].paths
            yield _load_one(paths)


def _load_one(paths: Sequence[str]) -> Loaded:
    """One document loaded in isolation: whatever goes wrong becomes that document's error."""
    from yusuan.pipeline import load

    try:
        return Loaded(list(paths), document=load(list(paths)))
    except ReadError as err:
        return Loaded(list(paths), error=err)
    except MemoryError:
        return Loaded(list(paths), error=ReadError(paths[0], "内存不足：文件过大或结构异常", "out of memory"))
    except Exception:  # a bug in a later stage must not stop the batch either
        return Loaded(list(paths), error=ReadError(
            paths[0], "处理时出现内部错误（请把此文件报告给 yusuan 开发者）", "internal error"))


def _load_each(groups: Sequence[Sequence[str]], progress: bool = True) -> Iterator[Loaded]:
    one = _load_one
    if not progress or len(groups) <= 1:
        for g in groups:
            yield one(g)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from yusuan.render.console import err_console

    with Progress(
        TextColumn("[bold]读取 reading"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=len(groups))
        for g in groups:
            bar.update(task, description=escape(os.path.basename(g[0])))  # a name is not markup
            yield one(g)
            bar.advance(task)
