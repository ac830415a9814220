"""Y1xx — arithmetic within one table: parts add up to their totals.

Every comparison allows for rounding (``yusuan.audit.tolerance``): published figures are rounded to
their printed precision, so a parent may differ from the sum of its n children by up to half a unit
of the last printed digit per printed figure; such a difference is reported as ``info`` (category
``rounding``), never as an error.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from yusuan.audit import NotApplicable, Problem, rule
from yusuan.audit.helpers import (
    ECONOMIC_CODE,
    FUNCTIONAL_CODE,
    column_name,
    compare,
    compare_any,
    data_rows,
    gate,
    is_generic_column,
    locate,
    numbering_columns,
    quote_row,
    require,
    row_label,
    tables_with_rows,
    total_row,
)
from yusuan.audit.outline import build_outline, is_code
from yusuan.audit.tolerance import amount_half_unit, fmt
from yusuan.model import Amount, Document, Row, Table
from yusuan.tables import coded_tables, column_checks, row_checks, sum_columns, tables_with_sums

ARITHMETIC = "算术"

# The tables whose rows are classification codes, and every sum between columns and between rows,
# are the catalog's (yusuan/data/table_structure.toml, read through yusuan.tables).


def _subtree_tolerance(parent: Row, parts: Sequence[Row], deeper: Sequence[Row], col: str) -> Decimal | None:
    """Rounding slack for a subtotal whose parts have parts of their own.

    A generating system may have summed the parent from the rounded figures of any level below
    it, so every printed figure of the subtree brings its half unit (see yusuan.audit.tolerance).
    None (the plain parent-and-children rule) when the parts are the last level.
    """
    if not any(col in r.values for r in deeper):
        return None
    printed = [r.values[col] for r in (parent, *parts, *deeper) if col in r.values]
    return sum((amount_half_unit(a) for a in printed), Decimal(0))


def _far_off(printed: Amount | None, alternatives: Sequence[Sequence[Amount]]) -> bool:
    if printed is None or printed.value <= 0:
        return False
    sums = [sum((a.value for a in alt), Decimal(0)) for alt in alternatives]
    return all(v < printed.value / 2 or v > printed.value * 2 for v in sums)


def _short_by_withheld(printed: Amount | None, alternatives: Sequence[Sequence[Amount]]) -> bool:
    """Every listing adds up to less than the total: what a table withholding items prints."""
    if printed is None or printed.value <= 0:
        return False
    return all(sum((a.value for a in alt), Decimal(0)) < printed.value for alt in alternatives)


def _as_withheld(p: Problem, note: str, printed: Amount | None, alternatives: Sequence[Sequence[Amount]]) -> None:
    """The table's note says items were withheld (涉密…予以剔除): the gap is their amount, stated
    as information, not a misprint nor a reading failure."""
    assert printed is not None
    listed = max(sum((a.value for a in alt), Decimal(0)) for alt in alternatives)
    p.severity, p.category = "info", "withheld"
    stated = p.message.split("（相差")[0].replace("不等于", "大于", 1)
    p.message = (f"{stated}：表注说明部分项目未予公开（「{note.strip().strip('（）()')}」），"
                 f"未列示的金额为 {fmt(printed.value - listed)}（合计 − 所列之和）")


def _has_unplaced(rows: Sequence[Row]) -> bool:
    return any(r.unplaced for r in rows)


def _columns(rows: Sequence[Row]) -> list[str]:
    cols: list[str] = []
    for r in rows:
        for k in r.values:
            if k not in cols:
                cols.append(k)
    return cols


def _sides(table: Table) -> list[str | None]:
    sides = sorted({r.side for r in table.rows if r.side}, key=lambda s: s or "")
    return list(sides) or [None]


@rule("Y101", "上级科目不等于下级科目之和", family="arithmetic", severity="error", basis=ARITHMETIC)
def subtotal_by_code(doc: Document) -> Iterator[Problem]:
    """类 = Σ款、款 = Σ项（功能分类），类 = Σ款（经济分类），每一列分别核对。

    查什么：按科目编码列示的表中，每个类行等于其各款行之和，每个款行等于其各项行之和（项下列有项目的，等于各项目之和），每个金额列分别核对。一行的上级是其上方最近的、编码是其前缀的行，因此按预算单位重复列示编码的表也能正确读取。几乎处处不平的表只报告一次——一条错误说明该表有误或未正确读取，而不是报告许多条。
    What: in a table by classification code, each 类 row equals the sum of its 款 rows and each 款
    row the sum of its 项 rows (and a 项 row with projects listed under it, the sum of the
    projects), in every amount column. The parent of a row is the nearest row above it whose code
    is a prefix of its own, so tables that repeat the codes once per budget unit are read
    correctly. A table with imbalances almost everywhere is reported once, as one error saying the
    table is wrong or was not read correctly, instead of as many errors.

    为什么：小计不等于其组成之和，说明有一个数字错了，重述它的各表不可能都对。
    Why: a subtotal that is not the sum of its parts means one of the figures is wrong, and the
    tables that restate it cannot all be right.

    示例：``210 卫生健康支出 6,340.11``，``21011 31.29 + 21012 5,804.35 + 21015 504.47 = 6,340.11``：通过；``21011 行政事业单位医疗 31.29`` 对 ``28.62 + 2.66 = 31.28`` 是四舍五入差异（提示）。
    Example: ``210 卫生健康支出 6,340.11`` with ``21011 31.29 + 21012 5,804.35 + 21015 504.47 =
    6,340.11`` passes; ``21011 行政事业单位医疗 31.29`` against ``28.62 + 2.66 = 31.28`` is a
    rounding difference (info).

    In a table whose note says items were withheld (``Table.withheld``), a parent above its listed
    parts is information stating the amount not listed (as in Y102).

    容差：每个印刷数字（上级及每个下级）末位的半个单位。
    Tolerance: ½ unit of the last printed digit per printed figure (parent and every child).
    """
    for t in tables_with_rows(doc, coded_tables()):
        problems: list[Problem] = []
        checks = 0
        for side in _sides(t):
            rows = data_rows(t, side)
            outline = build_outline(rows)
            for parent in outline.parents:
                parts = outline.parts(parent)
                if _has_unplaced([parent, *parts]):
                    continue
                level = "下级科目" if is_code(parent) and all(is_code(p) for p in parts) else "所列项目"
                deeper = [r for r in outline.descendants(parent) if r not in parts]
                checks += 1
                for col in _columns([parent, *parts]):
                    if is_generic_column(col):
                        continue
                    p = compare(
                        parent.values.get(col),
                        [c.values[col] for c in parts if col in c.values],
                        tolerance=_subtree_tolerance(parent, parts, deeper, col),
                        what=f"「{row_label(parent)}」{column_name(t, col)}",
                        parts_what=f"{level}之和（{len(parts)} 行）",
                        location=locate(t, parent, col),
                        source=quote_row(t, parent),
                    )
                    shown = [[c.values[col] for c in parts if col in c.values]]
                    if p and p.severity is None and t.withheld and _short_by_withheld(parent.values.get(col), shown):
                        _as_withheld(p, t.withheld, parent.values.get(col), shown)
                    if p:
                        problems.append(p)
        yield from gate(t, problems, checks, "上下级科目")


def _code_kind(row: Row) -> str:
    code = row.code or ""
    if FUNCTIONAL_CODE.match(code):
        return "functional"
    if ECONOMIC_CODE.match(code):
        return "economic"
    return "other"


@rule("Y102", "合计行不等于各类之和", family="arithmetic", severity="error", basis=ARITHMETIC)
def total_by_code(doc: Document) -> Iterator[Problem]:
    """合计（总计）行 = 各类（最上级科目或各项目）之和，每一列分别核对。

    查什么：表的合计行等于其最上级各行之和——按功能分类的表为各类行，按经济分类的表为 301/302/303 各行，项目清单为各项目行。表中按预算单位印有小计行的，合计也可以是各单位小计之和；收支总表支出方用几种方式（按功能、按经济分类、按基本/项目）列示同一笔钱的，逐一尝试。收支总表收入方归 Y105。看不出层级的无编码行不加总。各行之和不到合计一半或超过两倍时，更可能是读取时丢了行（续页）而非印错：只作警告。
    What: the grand-total row of a table equals the sum of its top-level rows — the 类 rows of a
    table by functional code, the 301/302/303 rows of a table by economic code, the project rows of
    a project list. Where the table prints a subtotal row per budget unit, the total may equally be
    read as the sum of those unit rows; where the expense side of a summary table lists the same
    money several ways (by function, by economic class, by basic/project), each listing is tried.
    The income side of the summary tables is Y105. Rows without codes whose nesting cannot be seen
    are not summed. When the rows add up to less than half or more than twice the total, rows were
    far more likely lost by the reader (a continuation page) than misprinted: that is a warning.
    A table whose note says items were withheld from publication (涉密项目…公开时予以剔除,
    ``Table.withheld``) lists less than its total by design: the gap is stated as information
    (合计 − 所列之和 = the amount not listed), neither a misprint nor a reading failure.

    为什么：合计是其他各表和情况说明都要重述的数字；它不等于各行之和，就是合计或某一行印错了。
    Why: the total is the figure every other table and the narrative restate; if it is not the
    sum of the rows, either the total or a row is misprinted.

    示例：``合计 6,523.73`` = ``201 5.00 + 205 4.18 + 208 124.77 + 210 6,340.11 + 221 47.17 + 229 2.50``：通过。
    Example: ``合计 6,523.73`` = ``201 5.00 + 205 4.18 + 208 124.77 + 210 6,340.11 + 221 47.17 + 229
    2.50`` passes.

    容差：每个印刷数字末位的半个单位。
    Tolerance: ½ unit of the last printed digit per printed figure.
    """
    for t in tables_with_rows(doc, coded_tables()):
        problems: list[Problem] = []
        checks = 0
        for side in _sides(t):
            if t.id in ("summary", "fiscal_summary") and side == "income":
                continue
            rows = data_rows(t, side)
            tot = total_row(t, side)
            if tot is None or tot.unplaced:
                continue
            outline = build_outline(rows)
            roots = outline.roots
            coded = [r for r in roots if is_code(r)]
            headers = outline.headers if coded else []
            projects = [r for r in roots if not is_code(r)]
            if not coded and not projects:
                continue  # names only: the nesting cannot be seen, nothing to sum safely
            if _has_unplaced(roots + headers):
                continue
            layouts, current = _total_layouts(rows, roots, coded, headers)
            if current is not None and coded:
                n, found = _current_by_class(t, current, coded)
                checks += n
                problems += found
            below = [d for r in roots for d in outline.descendants(r)]
            for col in _columns([tot, *roots, *headers]):
                if is_generic_column(col) or col not in tot.values or not any(col in r.values for r in roots):
                    continue  # a column the rows do not share with the total row: misread, not misprinted
                checks += 1
                alternatives = [[r.values[col] for r in lay if col in r.values] for lay in layouts]
                what_parts = "各类之和" if coded and not projects else "各行之和"
                p = compare_any(
                    tot.values.get(col),
                    alternatives,
                    tolerance=_subtree_tolerance(tot, roots, below, col),
                    what=f"「{row_label(tot)}」{column_name(t, col)}",
                    parts_what=what_parts,
                    location=locate(t, tot, col),
                    source=quote_row(t, tot),
                )
                if p and p.severity is None and t.withheld and _short_by_withheld(tot.values.get(col), alternatives):
                    _as_withheld(p, t.withheld, tot.values.get(col), alternatives)
                elif p and p.severity is None and _far_off(tot.values.get(col), alternatives):
                    # the rows add up to less than half (or more than twice) the total: far more
                    # often rows lost by the reader (pages, continuation tables) than a misprint
                    p.severity, p.category = "warning", "unreliable-table"
                    p.message += "；相差过大，多半是表格未完整读取（如跨页续表），请人工核对原表"
                if p:
                    problems.append(p)
        yield from gate(t, problems, checks, "合计")


def _column_checks(t: Table, cols: list[str]) -> tuple[list[tuple[str, list[list[str]]]], set[str]]:
    """The table's within-row sums (the catalog's) over its columns, and the columns they name.

    Flows with a subtracted part are Y903's; 合计 = Σ 经济分类 of the project table is Y107's. A
    column named by the column inference (``Column.inferred``) from one of these sums is left out
    of it: that sum is what named it, so it cannot also confirm it."""
    if t.id == "gpb_project":
        return [], set()
    known = sum_columns(t.id)
    if t.id == "income":
        # a carried-over column named like this year's money (上年结转结余/单位资金 → unit_funds)
        # would be counted twice: such a column is treated as unknown
        misnamed = {c.id for c in t.columns if c.carried_over and "carryover" not in c.id}
        known -= misnamed
    inferred = {c.id for c in t.columns if c.inferred}
    # a column printed under 其中 ("of which": 其中/事业单位经营支出 beside 基本支出 | 项目支出) is a
    # part of the figures before it, not one more addend: known, but in no sum (Column.of_which, marked
    # by yusuan.parse.column_marks from the catalogue's [headers])
    of_which = {c.id for c in t.columns if c.of_which}
    checks = []
    for parent, layouts in column_checks(t.id, [c for c in cols if c in known and c not in of_which]):
        lays = [[c for c, _ in lay] for lay in layouts if not inferred & ({parent} | {c for c, _ in lay})]
        if lays:
            checks.append((parent, lays))
    return checks, known


def _total_layouts(rows: list[Row], roots: list[Row], coded: list[Row],
                   headers: list[Row]) -> tuple[list[list[Row]], Row | None]:
    """The listings whose sum the total row may be (one per kind of code, the roots, the unit
    subtotals, a summary's closing items), and the summary's 本年支出合计 row where printed."""
    layouts: list[list[Row]] = []
    kinds = {_code_kind(r) for r in coded}
    if len(kinds) > 1:  # one listing per kind of code (function / economic class)
        layouts += [[r for r in roots if is_code(r) and _code_kind(r) == k] for k in sorted(kinds)]
    layouts.append(roots)
    if headers:
        layouts.append(headers)
    # a summary's expense side may close with items (本年支出合计, 年终结转结余 …)
    items = [r for r in rows if r.code and r.code.startswith("expense.") and r.values]
    current = next((r for r in items if r.code == "expense.current"), None)
    if items:
        layouts.append([r for r in items if r is not current] + coded)
        layouts.append(items)
        if current is not None:
            # an item closing the expense side that the catalog does not name (未安排支出的
            # 实户资金), printed between 本年支出合计 and the total
            after = rows[rows.index(current) + 1:] if current in rows else []
            closing = [r for r in after if r.code is None and r.values
                       and not (r.name or "").lstrip().startswith("其中")]
            if closing:
                layouts.append(items + closing)
    return layouts, current


def _current_by_class(t: Table, current: Row, coded: list[Row]) -> tuple[int, list[Problem]]:
    """本年支出合计 = 各类之和, per column: (columns checked, problems)."""
    checks, problems = 0, []
    for col in _columns([current, *coded]):
        if is_generic_column(col) and col not in current.values:
            continue
        checks += 1
        p = compare(current.values.get(col), [r.values[col] for r in coded if col in r.values],
                    what=f"「{row_label(current)}」", parts_what="各类之和",
                    location=locate(t, current, col), source=quote_row(t, current))
        if p:
            problems.append(p)
    return checks, problems


@rule("Y103", "合计列不等于各分列之和", family="arithmetic", severity="error", basis=ARITHMETIC)
def total_by_column(doc: Document) -> Iterator[Problem]:
    """每一行：合计 = 基本支出 + 项目支出；合计 = 人员经费 + 公用经费；收入合计 = 各资金来源之和。

    查什么：每一行中，合计列等于构成它的各列之和——支出表：合计 = 基本支出 + 项目支出（两者都印出时，基本支出 = 人员经费 + 公用经费）；基本支出表：合计 = 人员经费 + 公用经费；收入表：总计 = 各资金来源列之和（财政拨款小计只计一次，不与其组成重复），财政拨款小计 = 一般公共预算 + 政府性基金 + 国有资本经营（+ 上级转移支付各列）；财政拨款收支总表支出方：合计 = 一般公共预算 + 政府性基金 + 国有资本经营；有资金来源列的“三公”表：合计 = 各来源之和。表头印在“其中”之下的列是前面数字的一部分，不再相加（Column.of_which）。
    What: in every row, the total column equals the sum of the columns it is made of — expense
    tables: 合计 = 基本支出 + 项目支出 (and 基本支出 = 人员经费 + 公用经费 where both are printed);
    基本支出表: 合计 = 人员经费 + 公用经费; income table: 总计 = the sum of every funding column
    (财政拨款小计 counted once, not with its parts), and 财政拨款小计 = 一般公共预算 + 政府性基金 +
    国有资本经营 (+ the 上级转移支付 columns); 财政拨款收支总表 expense side: 合计 = 一般公共预算 +
    政府性基金 + 国有资本经营; “三公” table with funding-source columns: 合计 = the sum of the sources.

    为什么：各列相加不等的行不可能是对的；常见的是数字填错了列。
    Why: a row whose columns do not add up cannot be right; often a figure was typed into the
    wrong column.

    示例：``210 6,340.11 | 510.76 | 5,829.35``：通过（510.76 + 5,829.35 = 6,340.11）。
    Example: ``210 6,340.11 | 510.76 | 5,829.35`` passes (510.76 + 5,829.35 = 6,340.11).

    容差：每个印刷数字末位的半个单位。
    Tolerance: ½ unit of the last printed digit per printed figure.
    """
    for t in tables_with_rows(doc, tables_with_sums()):
        cols = _columns(t.rows) + [c.id for c in t.columns if c.id not in _columns(t.rows)]
        relations, known = _column_checks(t, cols)
        if not relations:
            continue
        problems: list[Problem] = []
        checks = 0
        for row in data_rows(t):
            if row.unplaced or (t.id == "fiscal_summary" and row.side == "income"):
                continue
            if any(c not in known for c in row.values):
                continue  # a column yusuan does not know: it cannot tell what the total is made of
            checks += 1
            for total_col, layouts in relations:
                # the layouts the table prints (the catalog's column_checks); the one with most columns first
                usable = sorted(layouts, key=lambda lay: -len(lay))
                if not (total_col in row.values or any(c in row.values for lay in usable for c in lay)):
                    continue
                if total_col != "total" and total_col not in row.values:
                    continue  # a blank subtotal cell beside a printed 合计: nothing to compare it with
                alternatives = [[row.values[c] for c in lay if c in row.values] for lay in usable]
                printed = [c for c in usable[0] if c in row.values] or usable[0]  # name what the row prints
                names = "+".join(column_name(t, c) for c in printed)
                p = compare_any(
                    row.values.get(total_col),
                    alternatives,
                    what=f"「{row_label(row)}」{column_name(t, total_col)}",
                    parts_what=f"{names} 之和",
                    location=locate(t, row, total_col),
                    source=quote_row(t, row),
                )
                if p:
                    problems.append(p)
        yield from gate(t, problems, checks, "分列")


@rule("Y106", "“三公”经费合计不等于各项之和", family="arithmetic", severity="error", basis=ARITHMETIC)
def three_public_parts(doc: Document) -> Iterator[Problem]:
    """“三公”经费表：公务用车购置及运行费 = 购置费 + 运行费；合计 = 因公出国（境）费 + 公务接待费 +
    公务用车购置及运行费。

    查什么：“三公”经费表的每一列（合计及各资金来源）中，公务用车等于购置 + 运行，合计等于因公出国 + 公务接待 + 公务用车。
    What: in every column of the “三公” table (合计 and each funding source), the vehicles line
    equals purchase + operation, and the total equals travel abroad + reception + vehicles.

    为什么：“三公”数字是公开中最受关注的部分；合计不等于各项之和，是读者首先注意到的。
    Why: the “三公” figures are the most read part of a disclosure; a total that is not the sum of
    its items is the first thing a reader notices.

    示例：``合计 9.60 = 出国 0 + 接待 0 + 公务用车 9.60（购置 0 + 运行 9.60）``：通过。
    Example: ``合计 9.60 = 出国 0 + 接待 0 + 公务用车 9.60 (购置 0 + 运行 9.60)`` passes.

    A 公务用车 subtotal printed blank over printed 购置费 and 运行费 is a warning that the subtotal
    is not filled in (a blank cell is unknown, not zero; comparisons take the parts' sum).

    容差：每个印刷数字末位的半个单位。
    Tolerance: ½ unit of the last printed digit per printed figure.
    """
    t = require(doc, "three_public")
    rows = {r.code: r for r in data_rows(t) if r.code and not r.unplaced}
    skip = numbering_columns(list(rows.values()))
    cols = [c for c in _columns(list(rows.values())) if c not in skip]
    # the items' sums are the catalog's (row_sums of three_public); 公务用车 before 合计
    checks = sorted(row_checks(t.id, list(rows)), key=lambda chk: chk[0] == "TOTAL")
    for col in cols:
        for parent, layouts in checks:
            head = rows[parent]
            alternatives = [[rows[c].values[col] for c, _ in lay if col in rows[c].values] for lay in layouts]
            if not any(alternatives) and col not in head.values:
                continue
            what, parts_what = _ITEM_SUMS.get(parent, (row_label(head), "各项之和"))
            if col not in head.values and parent != "TOTAL":
                yield _blank_subtotal(t, head, col, what, parts_what, alternatives)
                continue
            p = compare_any(head.values.get(col), alternatives, what=f"「{what}」{column_name(t, col)}",
                      parts_what=parts_what, location=locate(t, head, col), source=quote_row(t, head))
            if p:
                yield p


def _blank_subtotal(t: Table, head: Row, col: str, what: str, parts_what: str,
                    alternatives: list[list[Amount]]) -> Problem:
    """A subtotal left blank over printed parts: the form is incomplete (a reviewer asks for the
    figure), but nothing is misprinted — the parts and the total agree without it. A warning."""
    parts = max(alternatives, key=len)
    total = sum((a.value for a in parts), Decimal(0))
    return Problem(
        f"「{what}」{column_name(t, col)}未填（空白），其{parts_what}为 {fmt(total)}：小计应印出",
        location=locate(t, head, col), expected=fmt(total), actual="（空白）", source=quote_row(t, head),
        severity="warning", category="blank-subtotal")


_ITEM_SUMS = {"vehicles": ("公务用车购置及运行费", "购置费与运行费之和"), "TOTAL": ("“三公”经费合计", "各项之和")}


@rule("Y107", "项目支出合计不等于各经济分类之和", family="arithmetic", severity="error", basis=ARITHMETIC)
def project_by_econ(doc: Document) -> Iterator[Problem]:
    """一般公共预算项目支出表：每一行的合计 = 各经济分类列（工资福利支出、商品和服务支出 …）之和。

    查什么：按经济分类分列各项目的项目支出表中，每行合计等于其各经济分类列之和。
    What: in a project expense table that splits each project by economic class in columns, each
    row's total equals the sum of its economic-class columns.

    为什么：经济分类说明钱买了什么；与项目金额不符，就是其中一个错了。
    Why: the economic split is what tells a reader what the money buys; if it does not add up to
    the project's amount one of them is wrong.

    示例：``2024 年综合业务费 86.78 | 商品服务 66.78 | 资本性支出 20.00``：通过。
    Example: ``2024 年综合业务费 86.78 | 商品服务 66.78 | 资本性支出 20.00`` passes.

    容差：每个印刷数字末位的半个单位。
    Tolerance: ½ unit of the last printed digit per printed figure.
    """
    t = require(doc, "gpb_project")
    cols = _columns(t.rows)
    econ = [c for c in cols if c.startswith("econ")]
    if not econ:
        raise NotApplicable("该表未按经济分类分列")
    for row in t.rows:
        if row.unplaced or not any(c in row.values for c in ["total", *econ]):
            continue
        p = compare(row.values.get("total"), [row.values[c] for c in econ if c in row.values],
                    what=f"「{row_label(row)}」合计", parts_what="各经济分类之和",
                    location=locate(t, row, "total"), source=quote_row(t, row))
        if p:
            yield p
