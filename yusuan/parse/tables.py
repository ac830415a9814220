"""Stage: the disclosure's tables (公开表) → canonical ``Table`` objects.

Tables are found by their TITLE, never by their number (2021 documents print 表一, 2024 ones 表 1,
others 预算01表), and mapped to canonical ids through ``yusuan/data/tables.toml``. Each table's body
is every block up to the next title or part heading:

* Grids (from any reader) are interpreted here: header rows (multi-row headers, the ``类 款 项``
  row, the ``※ 1 2 3`` numbering row) give the column paths, the catalog gives column ids, code
  columns give classification codes, and a grid that repeats the header (a table continued over
  pages) continues the same table.
* Text lines without a grid (raw converter text whose cells were scattered one per line) go to
  ``yusuan.parse.scattered.parse_scattered_table``.

Nothing is dropped: a title the catalog does not know becomes a ``generic`` table, a value whose
column cannot be named keeps a positional column id (``col5``), and a table published empty is
recorded ``empty=True`` with its note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from yusuan.amounts import find_unit
from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.model import Column, Diagnostic, Document, Provenance, Row, Table
from yusuan.parse import scattered, scattered_tokens
from yusuan.parse.column_halves import join_column_half
from yusuan.parse.column_inference import infer_columns
from yusuan.parse.column_rows import drop_code_level_labels, fold_rows_into_columns
from yusuan.parse.column_years import name_year_columns
from yusuan.parse.name_codes import codes_from_names
from yusuan.parse.segment import Segments
from yusuan.parse.side_by_side import unfilled_columns, unfold_side_by_side, widen_continuation
from yusuan.parse.tables_layout import _Codes, _Ctx, _header_like, _Layout, _layout, _split_header
from yusuan.parse.tables_rows import (
    _clean_name,
    _fill_units,
    _group_label_names,
    _one_sided_rows,
    _unlabelled_total,
)
from yusuan.parse.tables_sided import _transposed, _two_sided_rows, continue_outline
from yusuan.parse.tables_titles import (
    _EMPTY_NOTE_RE,
    _NUMBER_LINE_RE,
    _body_end,
    _find_headings,
    _Heading,
    _is_meta_line,
    _preparer,
    _title_like,
    withheld_note,
)
from yusuan.tables import catalog, match_row, match_title, norm

# ---------------------------------------------------------------------------------------------
# One table from its heading and body


def _strip_preamble(g: Grid) -> tuple[list[list[Cell]], str | None, str | None]:
    """Leading grid rows that hold the title, 编制部门 or 单位 rather than the table."""
    preparer = unit = None
    rows = list(g.rows)
    while rows:
        texts = [c.text.strip() for c in rows[0] if c.text.strip()]
        if not texts or len(texts) > 3:
            break
        joined = " ".join(texts)
        if _is_meta_line(joined) or (len(texts) == 1 and _title_like(texts[0]) and match_title(texts[0])):
            preparer = preparer or _preparer(joined)
            unit = unit or find_unit(joined)
            rows.pop(0)
            continue
        break
    return rows, preparer, unit


def _sorted_body(
    body: Sequence[TextLine | Grid],
) -> tuple[str | None, str | None, list[str], list[Grid], list[TextLine], dict[int, list[TextLine]]]:
    """The body's grids and the text lines before them; the 编制部门 and 单位 its meta lines print,
    and the lines that say the table is published empty."""
    preparer: str | None = None
    unit: str | None = None
    notes_text: list[str] = []
    grids: list[Grid] = []
    lines: list[TextLine] = []
    lines_above: dict[int, list[TextLine]] = {}  # grid index → the lines between it and the grid before
    for b in body:
        if isinstance(b, Grid):
            grids.append(b)
            continue
        lines_above.setdefault(len(grids), []).append(b)
        t = b.text.strip()
        if _is_meta_line(t):
            preparer = preparer or _preparer(t)
            unit = unit or find_unit(t)
            if not grids and not lines:
                continue
        if _NUMBER_LINE_RE.match(t):
            continue
        if _EMPTY_NOTE_RE.search(t) and len(t) < 200:
            notes_text.append(t)
        if not grids:
            lines.append(b)
    return preparer, unit, notes_text, grids, lines, lines_above


def _table_from_lines(
    head: _Heading, table: Table, lines: list[TextLine], notes_text: list[str],
    spec_id: str, unit: str | None, preparer: str | None,
) -> Table:
    """A table whose body has no grid: its scattered text lines rebuilt into a table, or the
    table kept empty with its note."""
    body_lines = [ln for ln in lines if not _is_meta_line(ln.text)]
    if body_lines and len(body_lines) != len(notes_text):
        heading = scattered_tokens.TableHeading(
            id=spec_id, title=head.title, number=head.number, unit=unit, preparer=preparer,
            line=head.line, page=head.page,
        )
        rebuild = getattr(scattered, "parse_scattered_table", None)
        rebuilt = rebuild(heading, body_lines) if rebuild is not None else None
        if isinstance(rebuilt, Table):
            # what the heading knew stays on the table whatever the rebuilder filled in
            rebuilt.number = rebuilt.number or head.number
            rebuilt.preparer = rebuilt.preparer or preparer
            rebuilt.unit = rebuilt.unit or unit
            if rebuilt.source.line is None:
                rebuilt.source = table.source
            return rebuilt
        table.notes.append("未能读取表体 the table body could not be read")
    if notes_text:
        table.empty, table.empty_note = True, notes_text[0]
    return table


@dataclass
class _GridsRead:
    """What reading a table's grids one after another carries from one grid to the next."""

    preparer: str | None
    rows: list[Row] = field(default_factory=list)
    indents: dict[int, int] = field(default_factory=dict)
    codes: _Codes = field(default_factory=_Codes)
    section: list[str] = field(default_factory=lambda: ["current"])
    lay: _Layout | None = None
    last_rows: list[Row] = field(default_factory=list)  # the rows the last grid gave
    transposed_units: int = 0  # data rows (budget units) of a table printed with items as columns
    first_header: list[list[str]] = field(default_factory=list)
    empty_cols: list[int] = field(default_factory=list)  # columns of the headed grid that no data row fills (类|款|项 splits)


def _header_count(gi: int, texts: list[list[str]], ncols: int, st: _GridsRead) -> int:
    """How many of a grid's leading rows are header rows; the first grid's header is kept to
    recognise it repeated on the pages after."""
    lay = st.lay
    n_head = _split_header(texts)
    if gi == 0:
        st.first_header = [[norm(t) for t in r] for r in texts[:n_head]]
    elif st.first_header and [[norm(t) for t in r] for r in texts[: len(st.first_header)]] == st.first_header:
        # the header repeated on the next page: what follows it is data, even a row without numbers
        n_head = len(st.first_header)
    elif lay is not None and ncols == len(lay.roles) and not any(_header_like(r) for r in texts[:n_head]):
        n_head = 0  # a continuation without header whose first rows carry no number: still data
    return n_head


def _read_transposed(
    gi: int, lay: _Layout, data_cells: list[list[Cell]], ctx: _Ctx, table: Table, st: _GridsRead
) -> bool:
    """The rows of a grid printed with items as columns added to the table (False when it is
    not read so)."""
    rows = st.rows
    headers: dict[str, str] = {}
    # a continuation page (header repeated or not) holds more budget units (data rows) of the
    # same items: their figures join the items' rows, numbered after the rows read so far
    more_units = gi > 0 and bool(rows) and st.transposed_units > 0
    t_rows = _transposed(lay, data_cells, ctx, headers,
                         first_row=st.transposed_units if more_units else 0)
    if t_rows is None:
        return False
    if more_units:
        _merge_item_rows(rows, t_rows)
    else:
        rows.extend(t_rows)
    st.transposed_units += sum(1 for r in data_cells if any(c.text.strip() for c in r))
    ids = list(dict.fromkeys(k for r in rows for k in r.values))
    known = {c.id: c.header for c in table.columns}
    table.columns = [Column(id=k, header=headers.get(k, known.get(k, k))) for k in ids] or [
        Column(id="total", header="合计")
    ]
    return True


def _read_grid(
    gi: int, g: Grid, head: _Heading, table: Table, ctx: _Ctx,
    lines_above: dict[int, list[TextLine]], st: _GridsRead,
) -> None:
    """One grid of a table's body read into its rows: a first grid, the header repeated on a
    next page, a continuation without header, or the other half of the table's columns."""
    spec = head.spec
    spec_id = spec.id if spec else "generic"
    rows = st.rows
    lay = st.lay
    grid_rows, p2, u2 = _strip_preamble(g)
    st.preparer = st.preparer or p2
    if table.unit is None and u2:
        table.unit = ctx.unit = u2
    texts = [[c.text for c in r] for r in grid_rows]
    ncols = max((len(r) for r in grid_rows), default=0)
    n_head = _header_count(gi, texts, ncols, st)
    if not (spec is not None and (spec.two_sided or spec.transpose)):
        unfolded = unfold_side_by_side(grid_rows, n_head)
        if unfolded is not None:
            grid_rows = unfolded
            texts = [[c.text for c in r] for r in grid_rows]
            ncols = max((len(r) for r in grid_rows), default=0)
    data_cells = grid_rows[n_head:]
    if (
        gi and n_head and lay is not None and [[norm(t) for t in r] for r in texts[:n_head]] != st.first_header
        and not (spec is not None and (spec.two_sided or spec.transpose))
    ):
        above = [ln for ln in lines_above.get(gi, []) if not _is_meta_line(ln.text)]
        if join_column_half(spec_id, grid_rows[:n_head], data_cells, above, lay, st.last_rows, ctx, table):
            return
    if gi > 0 and not n_head and lay is not None:
        data_cells = widen_continuation(data_cells, len(lay.roles), st.empty_cols)
    if n_head or lay is None:
        st.empty_cols = unfilled_columns(data_cells, ncols)
        lay = st.lay = _layout(spec_id, texts[:n_head], texts[n_head:], ncols)
        if not (spec is not None and (spec.two_sided or spec.transpose)):
            for n in lay.notes:
                if n not in table.notes:
                    table.notes.append(n)
        if gi == 0:
            have = {c.id for c in table.columns}  # a set kept, not rebuilt per column (wide tables)
            for j, cid in enumerate(lay.ids):
                if cid and cid not in have:
                    have.add(cid)
                    table.columns.append(Column(id=cid, header=_clean_name("/".join(lay.paths[j]))))
    if spec is not None and spec.transpose and _read_transposed(gi, lay, data_cells, ctx, table, st):
        return
    if spec is not None and spec.two_sided:
        cols = _two_sided_rows(data_cells, lay, ctx, rows, st.section)
        if gi == 0:
            table.columns = cols
    else:
        start = len(rows)
        _one_sided_rows(data_cells, lay, ctx, st.codes, gi > 0, rows, st.indents)
        st.last_rows = rows[start:]


def _finish_table(
    table: Table, rows: list[Row], indents: dict[int, int], head: _Heading, doc: Document,
    unit_names: set[str], notes_text: list[str], ctx: _Ctx, companions: list[Table] | None,
) -> None:
    """The rows read from the grids settled on the table (codes from the catalog's row names,
    total and unit rows, codes from names), its empty columns dropped, and whether it is empty."""
    spec = head.spec
    spec_id = spec.id if spec else "generic"
    if table.unit is None and doc.unit and doc.unit != "万元" and any(r.values for r in rows):
        table.notes.append(f"表未印单位，数值按全文的单位（{doc.unit}）读 no unit line: read in the document's unit")
    if spec is not None and spec.rows:
        for r in rows:
            if r.code is None or r.code == "TOTAL":
                c = match_row(spec_id, r.name)
                if c:
                    r.code = c
    if not (spec is not None and spec.two_sided):
        _unlabelled_total(rows)
        _group_label_names(rows)
        _fill_units(rows, {u for u in unit_names if u})
        if not (spec is not None and spec.transpose):
            codes_from_names(rows, indents)
    table.rows = rows
    if companions is not None:
        companions.extend(_companion_tables(table, ctx))
    # a generic column with no header and no figure (the 款 | 项 of a split code header) is no column
    filled = {k for r in rows for k in (*r.values, *r.texts)}
    table.columns = [c for c in table.columns if c.header.strip() or c.id in filled or not c.id.startswith("col")]
    if spec is not None and spec.two_sided and not filled:
        # an empty two-sided table: with no figure its label and amount columns cannot be told apart
        table.columns = [c for c in table.columns if not c.id.startswith("col")]
    drop_code_level_labels(table)  # 「类 | 款 | 项」 printed in the 合计 row: header words
    fold_rows_into_columns(table)  # 江苏 2019 收入预算总表: its columns printed as rows
    name_year_columns(table, ctx.year)  # 「2025年预算数」: last year's or this year's, by the document's year
    infer_columns(table)  # a header the catalog does not know, named by the sum its figures satisfy
    if not any(r.values for r in rows):
        table.empty = True
        table.empty_note = notes_text[0] if notes_text else None
        if not notes_text:
            table.notes.append("表中没有数字 no numbers in the table")


def _withheld(body: Sequence[TextLine | Grid]) -> str | None:
    """The note under (or in the last rows of) the table that says items were withheld."""
    for b in body:
        texts = [b.text] if isinstance(b, TextLine) else [
            " ".join(c.text for c in row if c.text.strip()) for row in b.rows[-3:]
            if sum(1 for c in row if c.text.strip()) == 1]
        for t in texts:
            if withheld_note(t):
                return t.strip()
    return None


def _build_table(
    head: _Heading, body: Sequence[TextLine | Grid], doc: Document, file: str | None,
    companions: list[Table] | None = None,
) -> Table | None:
    table = _built_table(head, body, doc, file, companions)
    if table is not None:
        table.withheld = _withheld(body)
    return table


def _built_table(
    head: _Heading, body: Sequence[TextLine | Grid], doc: Document, file: str | None,
    companions: list[Table] | None = None,
) -> Table | None:
    spec = head.spec
    spec_id = spec.id if spec else "generic"
    preparer, unit, notes_text, grids, lines, lines_above = _sorted_body(body)
    table = Table(
        id=spec_id,
        title=head.title,
        number=head.number,
        unit=unit,
        preparer=preparer,
        source=Provenance(file=file, line=head.line, page=head.page),
    )
    unit_names = {_clean_name(doc.department)} if doc.department else set()
    unit_names |= {_clean_name(u) for u in doc.budget_units}
    ctx = _Ctx(spec_id=spec_id, unit=unit, unit_names=unit_names, file=file, year=doc.year)

    if not grids:
        return _table_from_lines(head, table, lines, notes_text, spec_id, unit, preparer)

    if ctx.unit is None and doc.unit and not any(_strip_preamble(g)[2] for g in grids):
        ctx.unit = doc.unit  # a table without its own 单位 line is in the unit the document declares
    st = _GridsRead(preparer=preparer)
    for gi, g in enumerate(grids):
        _read_grid(gi, g, head, table, ctx, lines_above, st)
    table.preparer = st.preparer
    _finish_table(table, st.rows, st.indents, head, doc, unit_names, notes_text, ctx, companions)
    return table


def _companion_tables(table: Table, ctx: _Ctx) -> list[Table]:
    """The lists printed beside a summary table's expense side, each as a table of its own
    (``summary_dept_econ``: 部门预算支出经济分类; ``summary_gov_econ``: 政府预算支出经济分类),
    continued over the table's pages."""
    out: dict[str, Table] = {}
    for cid, header, rows in ctx.companions:
        tid = f"{table.id}_{cid}"
        if tid not in catalog().by_id:
            continue
        t = out.get(tid)
        if t is None:
            t = out[tid] = Table(id=tid, title=f"{table.title}（{header}）", number=table.number, unit=table.unit,
                                 preparer=table.preparer, source=table.source,
                                 columns=[Column(id="amount", header=header)])
        else:
            continue_outline(t.rows, rows)
        t.rows.extend(rows)
    return list(out.values())


def _list_entries(heads: list[_Heading]) -> set[int]:
    """Headings that are entries of a list of tables (a contents page the segmenter did not
    recognise): titles on consecutive lines, the last of which is followed by other text."""
    out: set[int] = set()
    for n in range(len(heads) - 1):
        a, b = heads[n], heads[n + 1]
        same = a.spec is not None and b.spec is not None and a.spec.id == b.spec.id
        # a section heading followed by the table's own title ("一、收支预算总表" / "2026年度收支预算总表")
        # names one table twice; that is not a list
        if b.index == a.index + 1 and not a.in_grid and not same:
            out.update((n, n + 1))
    return out


def _merged_bodies(
    blocks: Sequence[TextLine | Grid], heads: list[_Heading], skip: set[int]
) -> list[tuple[_Heading, list[TextLine | Grid]]]:
    """Each table's heading and body; a title printed again on the next page (same title, no
    other table between) continues the same table."""
    out: list[tuple[_Heading, list[TextLine | Grid]]] = []
    for n, head in enumerate(heads):
        if n in skip:
            continue
        stop = len(blocks)
        if n + 1 < len(heads):
            nxt = heads[n + 1]
            stop = nxt.number_index if nxt.number_index is not None and nxt.number_index > head.index else nxt.index
        start = head.index if head.in_grid else head.index + 1
        end = _body_end(blocks, start, stop)
        body = list(blocks[start:end])
        if head.number_index is not None and head.number_index + 1 < head.index:
            # rows printed between the number and the title belong to this table
            before = [b for b in blocks[head.number_index + 1 : head.index] if not _is_meta_line(getattr(b, "text", ""))]
            body = before + body
        if head.spec is not None and head.spec.skip:
            out.append((head, []))
            continue
        prev = out[-1][0] if out else None
        if (
            prev is not None
            and norm(prev.title) == norm(head.title)
            and (head.number is None or prev.number is None or head.number == prev.number)
            and (any(isinstance(b, Grid) for b in body) or head.number is None)
        ):
            out[-1][1].extend(body)
            continue
        out.append((head, body))
    return [(h, b) for h, b in out if b and not (h.spec is not None and h.spec.skip)]


def parse_tables(raw: RawDocument, segs: Segments, doc: Document) -> None:
    blocks = raw.blocks
    heads = _find_headings(raw, segs)
    file = raw.path
    for head, body in _merged_bodies(blocks, heads, _list_entries(heads)):
        beside: list[Table] = []
        table = _build_table(head, body, doc, file, beside)
        if table is None:
            continue
        if table.id == "generic":
            doc.diagnostics.append(
                Diagnostic(
                    level="info",
                    code="unknown-table",
                    message=f"未识别的表，按原样保留 unknown table kept as generic: {head.title}",
                    source=Provenance(file=file, line=head.line, page=head.page),
                )
            )
        doc.tables.append(table)
        doc.tables.extend(beside)
    units = [t.unit for t in doc.tables if t.unit]
    if doc.unit is None and units:
        doc.unit = max(set(units), key=units.count)


def _merge_item_rows(rows: list[Row], more: list[Row]) -> None:
    """Figures of further budget units (a continuation page) added to the items' rows."""
    by_code = {(r.code, r.unit): r for r in rows}
    for r in more:
        into = by_code.get((r.code, r.unit))
        if into is None:
            rows.append(r)
        else:
            for k, v in r.values.items():
                into.values.setdefault(k, v)

