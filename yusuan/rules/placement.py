"""Y108, Y109 — figures the parser could not place in a column, and rows no placement makes add up.

Converter text loses empty cells, so the parser places a row's figures into columns by the table's
sums (``yusuan.parse.scattered``); figures it cannot place are kept in ``Row.unplaced`` (Y108,
info) and the arithmetic rules skip their row. When *no* assignment of those figures to the free
columns satisfies the row's own relations (合计 = 基本支出 + 项目支出 …), the row is wrong
whatever the columns were — hiding it would make a misprinted row look like a reading gap.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from itertools import permutations

from yusuan.audit import CannotRun, Problem, rule
from yusuan.audit.helpers import column_name, locate, quote_row, row_label
from yusuan.audit.tolerance import fmt, sum_tolerance
from yusuan.model import Amount, Document, Row, Table
from yusuan.tables import column_checks, row_parts

_MAX_ASSIGNMENTS = 5000  # beyond this the row is left to Y108 (not guessed)

Relation = tuple[str, list[list[str]]]


def _relations(t: Table) -> list[Relation]:
    """The table's within-row sums (the catalog's, as the arithmetic rules check them) over the
    columns it prints; 合计 = Σ 经济分类 of the project table too (Y107's relation)."""
    cols = [c.id for c in t.columns]
    return [(parent, [[c for c, _ in lay] for lay in layouts]) for parent, layouts in column_checks(t.id, cols)]


def _miss(values: dict[str, Amount], rel: Relation) -> tuple[Decimal, list[str]]:
    """How far the relation is from holding (0 within rounding), and the best layout's columns."""
    parent, layouts = rel
    best: tuple[Decimal, list[str]] | None = None
    p = values.get(parent)
    for lay in layouts:
        kids = [values[c] for c in lay if c in values]
        if p is None and not kids:
            return Decimal(0), lay
        diff = abs((p.value if p else Decimal(0)) - sum((k.value for k in kids), Decimal(0)))
        over = max(Decimal(0), diff - sum_tolerance(p, kids))
        if best is None or over < best[0]:
            best = (over, lay)
    assert best is not None
    return best


def _assignments(row: Row, free: Sequence[str]) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Every assignment of the unplaced figures (printed order) to distinct free columns, and
    whether it keeps the printed left-to-right order of the columns."""
    k = len(row.unplaced)
    for cols in permutations(free, k):
        order = [free.index(c) for c in cols]
        yield cols, order == sorted(order)


def _best_placement(t: Table, row: Row, rels: list[Relation]) -> tuple[dict[str, Amount], Decimal] | None:
    """The most plausible placement when none satisfies the relations, or None when one does."""
    col_ids = [c.id for c in t.columns]
    free = [c for c in col_ids if c not in row.values]
    k = len(row.unplaced)
    if k == 0 or k > len(free):
        return None
    n = 1
    for i in range(k):
        n *= len(free) - i
    if n > _MAX_ASSIGNMENTS:
        return None
    best: tuple[Decimal, int, dict[str, Amount]] | None = None
    for cols, in_order in _assignments(row, free):
        values = dict(row.values)
        values.update(zip(cols, row.unplaced, strict=True))
        miss = sum((_miss(values, rel)[0] for rel in rels), Decimal(0))
        if miss == 0:
            return None  # some placement makes the row add up: not an error, only undecided (Y108)
        key = (miss, 0 if in_order else 1)
        if best is None or key < best[:2]:
            best = (miss, key[1], values)
    assert best is not None
    return best[2], best[0]


@rule("Y108", "表中有无法确定所在列的数值", family="arithmetic", severity="info", basis="算术（读取提示）")
def unplaced_values(doc: Document) -> Iterator[Problem]:
    """表中无法确定所在列的数值逐一列出，绝不隐去。

    A printed figure whose column could not be determined is shown, never hidden.

    查什么：转换文本丢掉了空单元格时，有的数字凭表内关系无法确定所在列；yusuan 不去猜，而把它单独存放（Row.unplaced），并在此逐一列出，请审核人人工核对——带有这类数字的行，其他算术规则不检查。
    What: when a table comes from converter text that dropped the empty cells, a figure may be
    impossible to place in its column from the table's own constraints; yusuan keeps it aside
    (``Row.unplaced``) instead of guessing. Each such figure is listed here so that the reviewer
    checks it by hand — the other arithmetic checks skip the rows that carry one.

    为什么：悄悄跳过数字的报告，会让文件看上去比实际更干净。
    Why: a report that silently skipped a figure would look cleaner than the document is.

    示例：``210 15 04 信息化建设 20.00 20.00``：合计和其他行都无法说明 20.00 是基本支出还是项目支出。
    Example: ``210 15 04 信息化建设 20.00 20.00`` where neither the table total nor the other rows
    tell whether 20.00 is 基本支出 or 项目支出.

    容差：无（仅供审核人参考）。
    Tolerance: none (information for the reviewer).

    Severity: info with category ``unplaced``, because it says what yusuan could not read, not
    what is wrong with the document; the terminal report always prints it, even without
    ``--show-info``.
    """
    if not doc.tables:
        raise CannotRun("未读取到任何表格")
    for t in doc.tables:
        for row in t.rows:
            if row.unplaced:
                texts = "、".join(a.text for a in row.unplaced)
                yield Problem(
                    f"「{row_label(row)}」有 {len(row.unplaced)} 个数值无法确定所在列：{texts}，"
                    "该行未参与勾稽核对，请人工核对",
                    location=locate(t, row),
                    actual=texts,
                    source=quote_row(t, row),
                    category="unplaced",
                )


@rule("Y109", "无论数值归入哪一列，本行都不平", family="arithmetic", severity="error", basis="算术")
def impossible_placement(doc: Document) -> Iterator[Problem]:
    """一行中未能定列的数值，无论归入哪一列，本行的 合计 = 基本支出 + 项目支出 等关系都不成立。

    查什么：对解析器无法落位的行（转换文本丢了空单元格，见 Y108），逐一尝试把这些数字按印刷顺序放入该行空着的各列；若没有一种放法满足表内的行内关系（合计 = 基本 + 项目、基本 = 人员经费 + 公用经费、财政拨款合计 = 一般公共预算 + 政府性基金 + 国有资本经营、项目支出表合计 = 各经济分类之和），无论列怎么定这一行都是错的。报告给出最可能的放法（最接近相等、保持印刷顺序），并注明列是推定的。
    What: for each row whose figures the parser could not place in columns (converter text
    that dropped the empty cells, see Y108), every assignment of those figures to the row's free
    columns, in any order; when none satisfies the table's within-row relations (合计 = 基本 +
    项目, 基本 = 人员经费 + 公用经费, 财政拨款合计 = 一般公共预算 + 政府性基金 + 国有资本经营, 项目支出表的
    合计 = 各经济分类之和), the row
    is wrong whatever the columns are. The finding names the most plausible placement (the one
    nearest to adding up, keeping the printed order) and says that its columns were inferred.

    为什么：被当作“未落位”搁置的数字会把整行移出所有检查；若没有任何放法能让这一行相加相等，把它藏起来就是把印刷错误报成了读取缺口。
    Why: a figure kept aside as "unplaced" takes its row out of every check; when no
    placement can make the row add up, hiding it would report a misprint as a reading gap.

    示例：合计 / 基本支出 / 项目支出 下的 ``信息化建设 20.50 20.00``：无论怎么放，20.50 ≠ 20.00 + 0。
    Example: ``信息化建设 20.50 20.00`` under 合计 / 基本支出 / 项目支出: 20.50 ≠ 20.00 + 0 in
    either placement.

    容差：每个关系中每个印刷数字末位的半个单位。
    Tolerance: ½ unit of the last printed digit per printed figure of each relation.
    """
    for t in doc.tables:
        rels = _relations(t)
        if not rels:
            continue
        for row in t.rows:
            if not row.unplaced or (t.id == "fiscal_summary" and row.side == "income"):
                continue
            found = _best_placement(t, row, rels)
            if found is None:
                continue
            values, _ = found
            worst = max(rels, key=lambda rel: _miss(values, rel)[0])
            parent, _layouts = worst
            _, lay = _miss(values, worst)
            kids = [values[c] for c in lay if c in values]
            total = sum((k.value for k in kids), Decimal(0))
            printed = values.get(parent)
            placed = "、".join(f"{column_name(t, c)} {a.text}" for c, a in values.items())
            parts = " + ".join(column_name(t, c) for c in lay)
            yield Problem(
                f"「{row_label(row)}」印有的数值无论归入哪一列，{column_name(t, parent)} = {parts} 都不成立；"
                f"最可能的列为 {placed}（列为推定：转换文本丢失了空单元格），此时 {column_name(t, parent)} "
                f"{printed.text if printed else '（空）'} 而 {parts} 为 {fmt(total)}",
                location=locate(t, row, parent),
                expected=fmt(total),
                actual=printed.text if printed else "（空）",
                source=quote_row(t, row),
                category="inferred-placement",
            )


def _money(row: Row, numbering: set[str]) -> tuple[str, Amount] | None:
    """The row's first amount outside a 栏次 (column-numbering) column."""
    return next(((c, a) for c, a in row.values.items() if c not in numbering), None)


@rule("Y110", "财政拨款收支总表收入方：财政拨款不等于各项拨款之和", family="arithmetic", severity="error", basis="算术")
def fiscal_income_parts(doc: Document) -> Iterator[Problem]:
    """财政拨款收支总体情况表收入方：一、财政拨款（补助）= 一般公共预算 + 政府性基金预算 + 国有资本经营预算。

    查什么：财政拨款收支总体情况表收入方：所列财政拨款（补助）收入等于其下各项资金之和（空白按零计）。
    What: on the income side of 财政拨款收支总体情况表, the printed 财政拨款（补助）收入 equals
    the sum of the funds printed under it (blank funds count as zero).

    为什么：收入方按资金来源重述同一笔钱；与各项资金之和不等的行就是印错了，而列间核对（Y103）不检查这一方。
    Why: the income side restates the same money by fund; a line that does not add up to its
    funds is a misprint, and the column checks (Y103) do not look at this side.

    示例：``一、财政拨款（补助） 2,260.60`` 而其下 ``一般公共预算 2,260.66``：不通过。
    Example: ``一、财政拨款（补助） 2,260.60`` over ``一般公共预算 2,260.66`` fails.

    容差：每个印刷数字末位的半个单位。
    Tolerance: ½ unit of the last printed digit per printed figure.
    """
    from yusuan.audit.helpers import compare, numbering_columns

    for t in doc.tables_of("fiscal_summary"):
        income = [r for r in t.rows if r.side == "income" and r.code and not r.unplaced]
        numbering = numbering_columns(income)  # a 栏次 column (1, 2, 3 …) is not money

        rows = {r.code: r for r in income}
        head = rows.get("income.fiscal")
        found = _money(head, numbering) if head is not None else None
        parts = [x[1] for c in row_parts("fiscal_summary", "income.fiscal") if c in rows and (x := _money(rows[c], numbering)) is not None]
        if head is None or found is None or not parts:
            continue
        col, printed = found
        p = compare(printed, parts, what=f"「{row_label(head)}」", parts_what="各项财政拨款之和",
                    location=locate(t, head, col), source=quote_row(t, head))
        if p:
            yield p
