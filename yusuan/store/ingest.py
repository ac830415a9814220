"""``ingest``: documents into the store, in parallel, idempotent by content, one transaction each.

The same file twice stores one document (its sha256 is its identity); a file whose content
changed replaces the old version at its path; a run stopped half way is resumed by running it
again (stored documents are not parsed again). A file that cannot be read is recorded in
``failures`` with its reason and the batch goes on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from yusuan.store.backend import Store
from yusuan.store.worker import Outcome, combined_sha256, doc_id_of, file_sha256


@dataclass
class IngestSummary:
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (label, reason)
    pages: int = 0
    seconds: float = 0.0
    parse_seconds: float = 0.0
    # paths whose content is the same as an earlier input of this batch: added once it is stored
    duplicates: list[tuple[str, list[str], list[str]]] = field(default_factory=list)

    @property
    def parsed(self) -> int:
        return self.new + self.replaced


def _old_docs(store: Store, paths: Sequence[str]) -> set[str]:
    out: set[str] = set()
    for p in paths:
        _, rows = store.query("SELECT doc_id FROM document_paths WHERE path = ?", [p])
        out.update(r[0] for r in rows)
    return out


def plan(store: Store, groups: Sequence[Sequence[str]], force: bool,
         summary: IngestSummary) -> list[tuple[list[str], str]]:
    """The groups that need parsing; the others (already stored, or failed before) are settled here."""
    known, bad = store.known()
    stored = store.path_hashes()
    todo: list[tuple[list[str], str]] = []
    seen: set[str] = set()
    for g in groups:
        paths = [os.path.abspath(p) for p in g]
        try:
            shas = [file_sha256(p) for p in paths]
        except OSError as exc:
            summary.failed.append((" + ".join(g), f"无法打开文件：{exc.strerror}"))
            continue
        sha = combined_sha256(shas)
        doc_id = doc_id_of(sha)
        if sha in seen:  # the same content twice in one batch: one document, both paths
            summary.duplicates.append((doc_id, paths, shas))
            summary.unchanged += 1
            continue
        seen.add(sha)
        if not force and all(stored.get(p) == h for p, h in zip(paths, shas, strict=True)):
            summary.unchanged += 1  # read before as it is now (alone, or as half of a split disclosure)
        elif not force and doc_id in known:
            with store.transaction():
                store.release_paths(paths, doc_id)
                store.add_paths(doc_id, paths, shas)
            summary.unchanged += 1
        elif not force and sha in bad:
            _, rows = store.query("SELECT reason FROM failures WHERE sha256 = ?", [sha])
            summary.failed.append((" + ".join(g), f"{rows[0][0]}（上次已失败，--force 重试）"))
        else:
            todo.append((paths, sha))
    return todo


def outcomes(todo: list[tuple[list[str], str]], jobs: int, executor: str, scheduler: str | None) -> Iterator[Outcome]:
    from yusuan.store import executors

    if executor == "dask":
        return executors.run_dask(todo, jobs, scheduler)
    if jobs <= 1 or len(todo) <= 1:
        return executors.run_serial(todo)
    return executors.run_pool(todo, jobs)


def write(store: Store, out: Outcome, summary: IngestSummary) -> None:
    label = " + ".join(out.paths)
    summary.parse_seconds += out.seconds
    if out.error is not None:
        reason, reason_en = out.error
        if out.sha256:
            store.write_failure(out.sha256, out.paths, reason, reason_en, datetime.now(UTC).isoformat(timespec="seconds"))
        summary.failed.append((label, reason + (f" ({reason_en})" if reason_en else "")))
        return
    replaced = bool(_old_docs(store, out.paths) - {out.doc_id})
    store.write_document(out.doc_id, out.paths, out.rows, out.file_shas)
    summary.pages += out.pages
    if replaced:
        summary.replaced += 1
    else:
        summary.new += 1


def ingest(db: str, groups: Sequence[Sequence[str]], jobs: int = 1, executor: str = "process",
           scheduler: str | None = None, force: bool = False, progress: bool = True,
           pair: bool = True) -> IngestSummary:
    """Ingest every group (a list of files read as one document) into the store at ``db``.

    With ``pair`` (and several groups), the two PDFs of a disclosure published as narrative and
    tables apart are found by their content and stored as one document, as ``yusuan check`` does.
    """
    summary = IngestSummary()
    start = time.perf_counter()
    with Store(db) as store:
        todo = plan(store, groups, force, summary)
        held: list[Outcome] = []
        stream = outcomes(todo, jobs, executor, scheduler)
        for out in _with_progress(stream, len(todo)) if progress and todo else stream:
            if pair and len(groups) > 1 and out.half and out.error is None:
                held.append(out)
            else:
                write(store, out, summary)
        if held:
            pairs = _pairs(held)
            for out in held:
                if out.doc_id not in pairs:
                    write(store, out, summary)
            tasks = list({paths[0]: (paths, sha) for paths, sha in pairs.values()}.values())
            stream = outcomes(tasks, jobs, executor, scheduler)
            for out in _with_progress(stream, len(tasks)) if progress else stream:
                write(store, out, summary)
        known, _ = store.known()
        for doc_id, paths, shas in summary.duplicates:
            if doc_id in known:
                with store.transaction():
                    store.release_paths(paths, doc_id)
                    store.add_paths(doc_id, paths, shas)
    summary.seconds = time.perf_counter() - start
    return summary


def _pairs(held: list[Outcome]) -> dict[str, tuple[list[str], str]]:
    """doc_id of each paired half -> the pair's (paths, sha256), narrative first."""
    from yusuan.readers.pdf_pairing import pair_documents

    out: dict[str, tuple[list[str], str]] = {}
    for i, j in pair_documents([o.document for o in held]):
        narrative, tables = held[i], held[j]
        task = (narrative.paths + tables.paths, combined_sha256(narrative.file_shas + tables.file_shas))
        out[narrative.doc_id] = out[tables.doc_id] = task
    return out


def _with_progress(stream: Iterator[Outcome], total: int) -> Iterator[Outcome]:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from yusuan.render.console import err_console

    with Progress(
        TextColumn("[bold]入库 ingesting"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} 份/秒 docs/s"), TimeElapsedColumn(), TimeRemainingColumn(),
        TextColumn("{task.description}"), console=err_console, transient=True,
    ) as bar:
        task = bar.add_task("", total=total, rate="-")
        t0 = time.perf_counter()
        for done, out in enumerate(stream, start=1):
            rate = done / max(time.perf_counter() - t0, 1e-9)
            bar.update(task, advance=1, description=os.path.basename(out.paths[0]), rate=f"{rate:.2f}")
            yield out
