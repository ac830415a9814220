"""Tables whose cells a PDF converter scattered one per line (raw converter text).

Such text has lost the table's columns: empty cells are dropped, headers are printed vertically one
character per line, and numbers are split across lines (``47.`` / ``23``). The table is rebuilt from
its own constraints (children sum to parents, columns sum to totals, total = sum of the other
columns); a placement that was deduced is marked ``Provenance(inferred=True, note=…)``, and a value
the constraints cannot place is kept in ``Row.unplaced`` and reported, never guessed.

Three shapes are read:

* code tables (支出/收入/基本支出/项目支出…): rows start with a classification code (``208 05 05``,
  possibly over several lines), then name fragments, then the values in left-to-right order;
* two-sided tables (收支总体情况表, 财政拨款收支总体情况表): each printed line carries an income item
  on the left and a functional class on the right;
* item tables (三公): rows are fixed items named by their label.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from yusuan.blocks import TextLine
from yusuan.model import Column, Provenance, Row, Table
from yusuan.parse.scattered_codes import _known_names, _parse_code_table, _row_relations
from yusuan.parse.scattered_columns import match_columns
from yusuan.parse.scattered_place import _half_ulp, _Placed, _RawRow, _row_consistent, place_rows
from yusuan.parse.scattered_tokens import (
    CODE_TABLES,
    ITEM_TABLES,
    TWO_SIDED,
    TableHeading,
    Tok,
    _Body,
    _is_value,
    _prepare,
    rejoin_numbers,
)
from yusuan.tables import (
    catalog,
    column_relations,
    match_row,
    norm,
    relation_label,
    row_relations,
    strip_item_prefix,
)

# ---------------------------------------------------------------------------------------------
# Two-sided tables: 收支总体情况表, 财政拨款收支总体情况表

_EXP_TOTAL_RE = re.compile(r"^支出(?:总计|合计)")
_INC_TOTAL_RE = re.compile(r"^收入(?:总计|合计)")
_ITEM_MARK_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}[.．、]|其中[:：])")


def _income_code(label: str, carry: bool) -> str | None:
    cat = catalog().summary
    t = strip_item_prefix(norm(label))
    if cat.total.match(t) or _INC_TOTAL_RE.match(t):
        return "TOTAL"
    for pat, code in cat.carryover_rows if carry else cat.income_rows:
        if pat.search(t):
            return code
    return None


def _starts_item(text: str, carry: bool) -> bool:
    """Whether a left-side text starts an income item (else it continues the one above)."""
    if _ITEM_MARK_RE.match(text):
        return True
    cat = catalog().summary
    t = strip_item_prefix(norm(text))
    return _income_code(text, carry) is not None or bool(cat.carryover_start.search(t))


def _expense_start(toks: list[str]) -> int | None:
    """Where the expense side of a printed line starts: at a functional class code, at 支出总计, or
    at a text right after the income side's amount (``本年收入 100.00 本年支出 100.00``)."""
    for j, t in enumerate(toks):
        if _EXP_TOTAL_RE.match(t):
            return j
        if re.fullmatch(r"2\d{2}", t) and j + 1 < len(toks) and not _is_value(toks[j + 1]):
            return j
        if j > 0 and not _is_value(t) and _is_value(toks[j - 1]):
            return j
    return None


def _expense_code(name: str) -> str | None:
    cat = catalog().summary
    t = strip_item_prefix(norm(name))
    if cat.total.match(t) or _EXP_TOTAL_RE.match(t):
        return "TOTAL"
    for pat, code in cat.expense_rows:
        if pat.search(t):
            return code
    return None


_ITEM_NUMBER_RE = re.compile(r"^\d{1,2}[.．、]$")


def _merge_item_numbers(toks: list[str]) -> list[str]:
    """``1.`` before a text is an item number (``1. 一般公共预算拨款``), not a number cut in two."""
    out: list[str] = []
    for t in toks:
        if (
            out
            and _ITEM_NUMBER_RE.match(out[-1])
            and not _is_value(t)
            and (len(out) < 2 or not _is_value(out[-2]))
        ):
            out[-1] += t
        else:
            out.append(t)
    return out


def _continues_expense(expense: list[_RawRow], text: str) -> bool:
    """Whether a lone fragment is the rest of the expense name above it (``207 文化旅游体育与传媒支``
    / ``出``): only when the classification catalog's name for that code says so."""
    if not expense or not expense[-1].code or not expense[-1].code.isdigit():
        return False
    joined = norm(expense[-1].name + text)
    return any(norm(k) == joined for k in _known_names(expense[-1].code))


def _two_sided_raw_rows(body: _Body) -> tuple[list[_RawRow], list[_RawRow], list[str]]:
    """The income and expense rows of a two-sided table, one printed line carrying an income item
    on the left and a functional class on the right (names, codes, rejoined number pieces), and
    the header lines printed before the first row."""
    cat = catalog().summary
    income: list[_RawRow] = []
    expense: list[_RawRow] = []
    header: list[str] = []
    started = False
    carry = False
    for text, ln in body.lines:
        toks = _merge_item_numbers(text.split())
        e = _expense_start(toks)
        left, right = (toks[:e], toks[e:]) if e is not None else (toks, [])
        left_text = "".join(t for t in left if not _is_value(t))
        if not started:
            if e is None and not (
                left_text and _income_code(left_text, False) and any(_is_value(t) for t in left)
            ):
                header.append(text)
                continue
            started = True
        if left:
            frags = [Tok(t, ln) for t in left if _is_value(t)]
            if left_text:
                if not income or _starts_item(left_text, carry):
                    if cat.carryover_start.search(strip_item_prefix(norm(left_text))):
                        carry = True
                    income.append(
                        _RawRow(code=None, name_lines=[(left_text, ln)], frags=frags, line=ln, side="income")
                    )
                elif e is None and not frags and _continues_expense(expense, left_text):
                    expense[-1].name_lines.append((left_text, ln))
                else:
                    income[-1].name_lines.append((left_text, ln))
                    income[-1].frags.extend(frags)
            elif income:
                income[-1].frags.extend(frags)
        if right:
            code: str | None
            if re.fullmatch(r"\d{3}", right[0]):
                code, rest = right[0], right[1:]
                name = "".join(t for t in rest if not _is_value(t))
            else:
                rest = right
                name = "".join(t for t in rest if not _is_value(t))
                code = _expense_code(name)
            frags = [Tok(t, ln) for t in rest if _is_value(t)]
            expense.append(_RawRow(code=code, name_lines=[(name, ln)], frags=frags, line=ln, side="expense"))
    carry = False
    for r in income:
        if cat.carryover_start.search(strip_item_prefix(norm(r.name))):
            carry = True
        r.code = _income_code(r.name, carry)
    for r in income + expense:
        r.pieces = rejoin_numbers(r.frags, body.decimals)
    return income, expense, header


def _fund_total_pseudo(
    income: list[_RawRow], inc_placed: list[_Placed], cols: list[str], exp_codes: list[str | None],
    amount_col: str,
) -> list[tuple[dict[str, Decimal], int, list[str], str]]:
    """The constraint that the expense side's 合计 per fund equals what the income side says each
    fund brings (财政拨款收支总体情况表); none when no fund column is read."""
    pseudo: list[tuple[dict[str, Decimal], int, list[str], str]] = []
    # The income side of the same table says how much each fund brings: the expense side's
    # 合计 per fund must equal it (a fund printed without an amount brings 0).
    fund_code = {"gpb": "income.gpb", "gov_fund": "income.gov_fund", "soe": "income.soe"}
    fixed: dict[str, Decimal] = {}
    for col, code in fund_code.items():
        if col not in cols:
            continue
        for r, pl in zip(income, inc_placed, strict=True):
            if r.code == code:
                a = pl.values.get(amount_col)
                fixed[col] = a.value if a else Decimal(0)
    if fixed:
        pseudo.append(
            (
                fixed,
                exp_codes.index("TOTAL"),
                list(fixed),
                "支出合计 = 收入方各资金 (income side by fund)",
            )
        )
    return pseudo


def _parse_two_sided(heading: TableHeading, body: _Body, table: Table) -> None:
    income, expense, header = _two_sided_raw_rows(body)
    amount_col = "amount"
    inc_placed, inc_notes = place_rows(
        [r.pieces for r in income],
        [amount_col],
        [],
        [],
        first_total=False,
        unit=heading.unit,
        page=heading.page,
    )
    if heading.id == "fiscal_summary":
        found = match_columns("fiscal_summary", " ".join(header))
        cols = [c for c, _ in found] or ["total"]
        col_headers = dict(found)
    else:
        cols, col_headers = [amount_col], {amount_col: "预算数"}
    rels = column_relations(heading.id, cols) if heading.id == "fiscal_summary" else []
    exp_codes = [r.code for r in expense]
    row_rels = _row_relations(exp_codes)
    pseudo = []
    if heading.id == "fiscal_summary" and "TOTAL" in exp_codes:
        pseudo = _fund_total_pseudo(income, inc_placed, cols, exp_codes, amount_col)
    exp_placed, exp_notes = place_rows(
        [r.pieces for r in expense],
        cols,
        rels,
        row_rels if heading.id == "fiscal_summary" else [],
        first_total=cols[0] == "total" and len(cols) > 1,
        unit=heading.unit,
        page=heading.page,
        decimals=body.decimals,
        labels=[f"第{r.line}行 {r.code} {r.name}" for r in expense],
        pseudo=pseudo,
    )
    table.notes.extend(inc_notes + exp_notes)
    table.columns = [Column(id=amount_col, header="收入/预算数")] + [
        Column(id=c, header=col_headers.get(c, c)) for c in cols if c != amount_col
    ]
    sides: tuple[tuple[Literal["income", "expense"], list[_RawRow], list[_Placed]], ...] = (
        ("income", income, inc_placed),
        ("expense", expense, exp_placed),
    )
    for side, raws, placed in sides:
        for r, pl in zip(raws, placed, strict=True):
            table.notes.extend(pl.notes)
            values = dict(pl.values)
            table.rows.append(
                Row(
                    code=r.code,
                    name=r.name,
                    side=side,
                    values=values,
                    unplaced=pl.unplaced,
                    source=Provenance(line=r.line, page=heading.page),
                )
            )


# ---------------------------------------------------------------------------------------------
# Item tables: 三公


def _parse_items(heading: TableHeading, body: _Body, table: Table) -> None:
    header: list[str] = []
    rows: list[_RawRow] = []
    for text, ln in body.lines:
        toks = text.split()
        label = "".join(t for t in toks if not _is_value(t))
        frags = [Tok(t, ln) for t in toks if _is_value(t)]
        code = match_row(heading.id, label) if label else None
        if not rows and code is None:
            header.append(text)
            continue
        if label and code is not None and not (rows and rows[-1].code == code and not rows[-1].frags):
            rows.append(_RawRow(code=code, name_lines=[(label, ln)], frags=frags, line=ln))
        elif rows:
            if label:
                rows[-1].name_lines.append((label, ln))
            rows[-1].frags.extend(frags)
    with_values = [r for r in rows if r.frags]
    if len(rows) >= 4 and len(with_values) == 1 and with_values[0] is rows[-1] and len(rows[-1].frags) >= 2:
        _items_as_columns(heading, body, table, rows)
        return
    found = match_columns(heading.id, " ".join(header))
    cols = [c for c, _ in found] or ["total"]
    table.columns = [Column(id=c, header=h) for c, h in found] or [Column(id="total", header="合计")]
    rels = column_relations(heading.id, cols)
    first_total = cols[0] == "total"
    check = _row_consistent(cols, rels, first_total, _half_ulp(body.decimals, None))
    for r in rows:
        r.pieces = rejoin_numbers(r.frags, body.decimals, check)
    idx = {r.code: i for i, r in enumerate(rows) if r.code}
    row_rels = [(idx[p], [idx[k] for k in kids], relation_label(heading.id, p, kids))
                for p, kids in row_relations(heading.id, list(idx))]
    placed, notes = place_rows(
        [r.pieces for r in rows],
        cols,
        rels,
        row_rels,
        first_total=first_total,
        unit=heading.unit,
        page=heading.page,
        decimals=body.decimals,
        labels=[f"第{r.line}行 {r.name}" for r in rows],
    )
    table.notes.extend(notes)
    for r, pl in zip(rows, placed, strict=True):
        table.notes.extend(pl.notes)
        table.rows.append(
            Row(
                code=r.code,
                name=r.name,
                values=pl.values,
                unplaced=pl.unplaced,
                source=Provenance(line=r.line, page=heading.page),
            )
        )


def _items_as_columns(heading: TableHeading, body: _Body, table: Table, rows: list[_RawRow]) -> None:
    """三公 printed with the items as columns (合计 | 因公出国 | 公务接待 | 公务用车…) and one line of
    values: the items are placed like columns of one row, by 合计 = 出国 + 接待 + 公务用车 and
    公务用车 = 购置 + 运行."""
    items: list[_RawRow] = []
    for r in rows:
        if r.code and all(r.code != i.code for i in items):
            items.append(r)
    cols = [str(i.code) for i in items]
    col_rels = row_relations(heading.id, cols)  # the items' sums, each item a column of one row
    pieces = rejoin_numbers(rows[-1].frags, body.decimals)
    placed, notes = place_rows(
        [pieces],
        cols,
        col_rels,
        [],
        first_total=cols[0] == "TOTAL",
        unit=heading.unit,
        page=heading.page,
        decimals=body.decimals,
        labels=["三公经费"],
    )
    table.notes.append("三公项目按列印出，已转为行 items printed as columns, read as rows")
    table.notes.extend(notes + placed[0].notes)
    table.columns = [Column(id="total", header="合计")]
    for n, item in enumerate(items):
        a = placed[0].values.get(str(item.code))
        table.rows.append(
            Row(
                code=item.code,
                name="".join(t for t, _ in item.name_lines[:1]),
                values={"total": a} if a else {},
                unplaced=placed[0].unplaced if n == 0 else [],
                source=Provenance(line=item.line, page=heading.page),
            )
        )


# ---------------------------------------------------------------------------------------------


def parse_scattered_table(heading: TableHeading, lines: list[TextLine]) -> Table | None:
    """Rebuild one table from the text lines of its body (everything after its title/unit lines
    up to the next table title or part heading). None when nothing could be read."""
    body = _prepare(heading, lines)
    table = Table(
        id=heading.id,
        title=heading.title,
        number=heading.number,
        unit=heading.unit,
        preparer=heading.preparer,
        source=Provenance(line=heading.line, page=heading.page),
    )
    if heading.id in CODE_TABLES:
        _parse_code_table(heading, body, table)
    elif heading.id in TWO_SIDED:
        _parse_two_sided(heading, body, table)
    elif heading.id in ITEM_TABLES:
        _parse_items(heading, body, table)
    else:
        return None
    if body.footnote:
        table.notes.append(f"表注 footnote: {body.footnote}")
    has_values = any(r.values or r.unplaced for r in table.rows)
    if body.empty_note and not has_values:
        table.empty, table.empty_note, table.rows = True, body.empty_note, []
    elif not has_values:
        if not table.rows and not body.lines:
            return None
        table.empty = True
        table.notes.append("表中没有数字 no numbers in the table")
        table.rows = []
    if any(r.unplaced for r in table.rows):
        table.notes.insert(
            0, "部分数字无法确定所在列，见各行 unplaced some values could not be placed; see Row.unplaced"
        )
    return table
