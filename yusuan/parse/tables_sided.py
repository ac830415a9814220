"""Two-sided tables (收支总表: income left, expense right), lists printed beside each other, and 三公 tables printed with the items as columns."""

from __future__ import annotations

import re
from functools import lru_cache

from yusuan.blocks import Cell
from yusuan.model import Amount, Column, Row
from yusuan.parse.tables_layout import _Ctx, _Layout
from yusuan.parse.tables_rows import _amount, _clean_name, _row_source
from yusuan.parse.tables_titles import _CODE_NAME_RE
from yusuan.tables import catalog, match_column, match_row, norm, strip_item_prefix

# --- two-sided tables ------------------------------------------------------------------------


def _side_of(path: list[str]) -> str | None:
    if not path:
        return None
    top = norm(path[0])
    if "支出" in top and "收入" not in top:
        return "expense"
    if "收入" in top:
        return "income"
    return None


@lru_cache(maxsize=1)
def _class_names() -> dict[str, str]:
    """Functional class (类) names → 3-digit codes, from the classification catalog; a former name
    (医疗卫生与计划生育支出) is still that class: a row printed with it is 210, whose name rule Y502
    then judges by the year."""
    from yusuan.codes import load_catalog, normalize_name

    out: dict[str, str] = {}
    for e in load_catalog().codes("func", 1):
        for n in (e.name, *e.names, *(r.old for r in e.renamed)):
            out.setdefault(normalize_name(n), e.code)
    return out


def _class_by_name(name: str) -> str | None:
    """The 类 code of a summary expense row printed as a class name without its code
    (``一、一般公共服务支出``); 款 and 项 names are not resolved (they are not unique)."""
    from yusuan.codes import normalize_name

    label = strip_item_prefix(norm(name))
    if not label.endswith("支出") and not label.endswith("预备费"):
        return None
    return _class_names().get(normalize_name(label))


def _repeats_class_above(code: str, name: str, rows: list[Row], values: dict[str, Amount] | None = None) -> bool:
    """A class name printed again right under its class (``五、其他支出`` / ``其他支出`` /
    ``其他支出``: class, 款 and 项 printed without codes, levels only by indentation) names the
    class's 款 or 项, not the class a second time. Only a chain of rows of that one name counts
    (a class listed again under another heading, 二、政府性基金预算支出, is a class), and a part
    never exceeds its class."""
    from yusuan.codes import normalize_name

    key = normalize_name(strip_item_prefix(norm(name)))
    for r in reversed(rows):
        if normalize_name(strip_item_prefix(norm(r.name))) != key:
            return False
        if r.code == code:
            return not values or all(k not in r.values or a.value <= r.values[k].value for k, a in values.items())
        if r.code is not None:
            return False
    return False


def _summary_code(side: str, name: str, section: list[str]) -> str | None:
    cat = catalog().summary
    label = strip_item_prefix(norm(name))
    if cat.total.match(label):
        return "TOTAL"
    if side == "income":
        if cat.carryover_start.search(label):
            section[0] = "carryover"
        rows = cat.carryover_rows if section[0] == "carryover" else cat.income_rows
        for pat, code in rows:
            if pat.search(label):
                return code
        return None
    for pat, code in cat.expense_rows:
        if pat.search(label):
            return code
    return None


def _column_sides(lay: _Layout) -> list[str | None]:
    """The side (``income`` | ``expense``) of each column of a 收入 | 支出 table: the expense side
    starts at the first column under a 支出 group header, else at the second label column."""
    ncols = len(lay.roles)
    sides = [_side_of(p) for p in lay.paths]
    if "expense" not in sides:
        # No 收入 | 支出 group row: the expense side starts at the second label column.
        label_cols = [j for j, r in enumerate(lay.roles) if r not in ("amount", "serial")]
        split = label_cols[1] if len(label_cols) > 1 else ncols
        sides = ["income" if j < split else "expense" for j in range(ncols)]
    else:
        first_exp = sides.index("expense")
        sides = ["income" if j < first_exp else "expense" for j in range(ncols)]
    return sides


def _side_column_ids(amount_cols: list[int], lay: _Layout, ctx: _Ctx) -> dict[int, str]:
    """Column id of each amount column of one side: ``amount`` when the side has one, else the
    id its header matches in the table's spec (``col<n>`` when none, or when taken already)."""
    col_ids: dict[int, str] = {}
    for j in amount_cols:
        if len(amount_cols) == 1:
            col_ids[j] = "amount"
        else:
            cid = match_column(ctx.spec_id, "/".join(lay.paths[j][1:] or lay.paths[j]))
            if cid == "total" and ctx.spec_id == "summary":
                cid = "amount"  # the summary's main column is `amount` however many columns it has
            col_ids[j] = cid if cid and cid not in col_ids.values() else f"col{j + 1}"
    return col_ids


def _two_sided_rows(
    grid_rows: list[list[Cell]], lay: _Layout, ctx: _Ctx, out: list[Row], section: list[str]
) -> list[Column]:
    """Rows of a 收入 | 支出 table: income side first, then expense side; returns the columns."""
    ncols = len(lay.roles)
    sides = _column_sides(lay)
    income_rows: list[Row] = []
    expense_rows: list[Row] = []
    columns: list[Column] = []
    for side, dest in (("income", income_rows), ("expense", expense_rows)):
        cols = [j for j in range(ncols) if sides[j] == side and lay.roles[j] != "serial"]
        if not cols:
            continue
        label_j = next((j for j in cols if lay.roles[j] not in ("amount", "serial")), cols[0])
        extra = _beside_lists(cols, label_j, lay) if side == "expense" else []
        if extra:
            cols = [j for j in cols if j < extra[0][0]]
            for lj, amts, kind in extra:
                ctx.companions.append((kind, _clean_name("/".join(lay.paths[lj][1:] or lay.paths[lj])),
                                       _listed_rows(grid_rows, lj, amts, ctx, label_j, keep_codes=kind == "use")))
            beside_amounts = [j for _, amts, _ in extra for j in amts]
        amount_cols = [j for j in cols if j != label_j and lay.roles[j] != "serial"]
        col_ids = _side_column_ids(amount_cols, lay, ctx)
        for j in amount_cols:
            if col_ids[j] not in {c.id for c in columns}:
                columns.append(Column(id=col_ids[j], header=_clean_name("/".join(lay.paths[j]))))
        for cells in grid_rows:
            texts = [c.text.strip() for c in cells]
            name = texts[label_j] if label_j < len(texts) else ""
            values = {}
            for j in amount_cols:
                if j < len(cells) and texts[j]:
                    amt = _amount(cells[j], ctx)
                    if amt is not None:
                        values[col_ids[j]] = amt
            if side == "expense" and extra and not values and name and (
                    _summary_code("expense", name, section) in ("TOTAL", "expense.current", "expense.carryover")):
                # a closing line (当年支出小计, 支出合计) printed across the lists: its one figure stands
                # in the last list's amount column
                spanned = [a for a in (_amount(cells[j], ctx) for j in beside_amounts if j < len(cells)) if a]
                if spanned:
                    values["amount"] = spanned[-1]
            if not name and not values:
                continue
            code: str | None = None
            if side == "expense":
                m = _CODE_NAME_RE.match(name)
                if m and m.group(2):
                    code, name = m.group(1), m.group(2).strip()
            inferred_code = False
            if code is None:
                code = _summary_code(side, name, section)
            if code is None and side == "expense":
                code = _class_by_name(name)
                if code is not None and _repeats_class_above(code, name, dest, values):
                    code = None  # 其他支出 under 五、其他支出: its 款/项, not the class again
                inferred_code = code is not None
            dest.append(
                Row(
                    code=code,
                    name=_clean_name(name),
                    side=side,
                    values=values,
                    source=_row_source(
                        [cells[label_j]] if label_j < len(cells) else cells,
                        inferred_code,
                        "类编码按类名对应 class code from the printed class name" if inferred_code else None,
                    ),
                )
            )
    out.extend(income_rows)
    out.extend(expense_rows)
    return columns


def _beside_lists(cols: list[int], label_j: int, lay: _Layout) -> list[tuple[int, list[int], str]]:
    """Lists printed beside the expense side's own (label, amounts): (label column, amount
    columns, companion id) for each further label column whose header names an economic
    classification (部门预算支出经济科目 | 预算数 | 政府预算支出经济分类科目 | 预算数)."""
    labels = [j for j in cols if j != label_j and lay.roles[j] != "amount"]
    out: list[tuple[int, list[int], str]] = []
    for n, lj in enumerate(labels):
        head = norm("/".join(lay.paths[lj]))
        if not ("经济" in head or "用途" in head) or lj < label_j:
            return []
        stop = labels[n + 1] if n + 1 < len(labels) else max(cols) + 1
        amts = [j for j in cols if lj < j < stop and lay.roles[j] == "amount"]
        if not amts:
            return []
        # 支出用途 (基本支出 | 项目支出 | 单位预留机动经费): the same money by its use
        kind = "use" if "经济" not in head else "gov_econ" if "政府" in head else "dept_econ"
        if out and out[-1][2] == kind == "dept_econ":
            kind = "gov_econ"  # the template prints 部门 then 政府; a second 部门 header is the 政府 list misnamed
        out.append((lj, amts, kind))
    return out


_ITEM_TOP_RE = re.compile(r"^([0-9]{1,2})[、.．]")
_ITEM_SUB_RE = re.compile(r"^\(([0-9]{1,2})\)")
_ITEM_CN_TOP_RE = re.compile(r"^([一二三四五六七八九十]{1,3})、")
_CN_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}


def _cn_number(text: str) -> int | None:
    """一 … 九十九 as an int (the outline numbers of a list: 一、 … 十五、)."""
    if "十" not in text:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    t = _CN_DIGITS.get(tens, 0) if tens else 1
    o = _CN_DIGITS.get(ones, 0) if ones else 0
    return t * 10 + o if (not tens or t) and (not ones or o) else None


def _chinese_outline(rows: list[Row]) -> None:
    """A list numbered 一、二、三、 with no 1、 items (部门综合预算 政府性基金收支表): its 一、 lines are
    its items (item1 …); their unnumbered parts are left uncoded (nothing marks where they end)."""
    if any(r.code and r.code not in ("TOTAL", "expense.current", "expense.carryover") for r in rows):
        return  # numbered 1、 (item codes) or the side's own items (支出用途: expense.basic …)
    for r in rows:
        m = _ITEM_CN_TOP_RE.match(norm(r.name))
        n = _cn_number(m.group(1)) if m and r.code is None else None
        if n is not None:
            r.code = f"item{n}"


def _listed_rows(grid_rows: list[list[Cell]], label_j: int, amount_cols: list[int], ctx: _Ctx,
                 main_j: int | None = None, keep_codes: bool = False) -> list[Row]:
    """The rows of a list printed beside the expense side: its names, one figure (``amount``) each.

    A row without a name of its own whose main label is printed (当年支出小计 across both lists) is
    the main side's line, not the list's. ``keep_codes``: the list's items are the side's own
    (基本支出, 项目支出) and keep their codes."""
    rows: list[Row] = []
    top: str | None = None
    for cells in grid_rows:
        name = cells[label_j].text.strip() if label_j < len(cells) else ""
        amts = [a for a in (_amount(cells[j], ctx) for j in amount_cols if j < len(cells)) if a is not None]
        if not name and not amts:
            continue
        if not name and main_j is not None and main_j < len(cells) and cells[main_j].text.strip():
            continue
        # the list's own outline: "1、" items (item1 …) and their "(1)" parts (item1.1 …)
        m_top, m_sub = _ITEM_TOP_RE.match(norm(name)), _ITEM_SUB_RE.match(norm(name))
        item: str | None = None
        if m_top:
            item = top = f"item{m_top.group(1)}"
        elif m_sub and top:
            item = f"{top}.{m_sub.group(1)}"
        # the closing lines take the side's item codes (本年支出合计, 结转下年, 支出总计); the list's own
        # items are economic classes the side's codes do not name: they keep their outline codes
        code = _summary_code("expense", name, ["current"])
        if code not in ("TOTAL", "expense.current", "expense.carryover") and not (keep_codes and code):
            code = item
        if code in ("expense.current", "expense.carryover", "TOTAL"):
            top = None
        rows.append(Row(code=code, name=_clean_name(name), side="expense",
                        values={"amount": amts[0]} if amts else {}, source=_row_source([cells[label_j]])))
    _chinese_outline(rows)
    return rows


def continue_outline(above: list[Row], rows: list[Row]) -> None:
    """A list continued on the next page: its first parts ((6)资本性支出 …) before any numbered item
    belong to the last item of the page above (2、专项业务经费支出), not to no item."""
    top = next((r.code for r in reversed(above) if r.code and r.code.startswith("item") and "." not in r.code), None)
    if top is None or any(r.code in ("expense.current", "expense.carryover", "TOTAL") for r in above):
        return
    for r in rows:
        if r.code is not None:
            return  # a numbered item (or a closing line) of its own: the outline went on from there
        m = _ITEM_SUB_RE.match(norm(r.name))
        if m:
            r.code = f"{top}.{m.group(1)}"


# --- 三公 printed with the items as columns ---------------------------------------------------


def _period_prefix(path: list[str], year: int | None) -> str:
    """``last_year_`` when a header group above the item names an earlier year (2025年预算数 in a
    2026 budget), ``change_`` for a 增减 group; "" for the budget year."""
    for seg in path:
        t = norm(seg)
        m = re.search(r"(20\d{2})", t)
        if m and year and int(m.group(1)) < year:
            return "last_year_"
        if re.search(r"增减|变化|比上年", t):
            return "change_"
        if re.search(r"结转|结余", t):
            return "carryover_"  # 上年结转结余 beside 当年预算: money carried over, not this year's
        if re.search(r"上年", t):
            return "last_year_"  # a 上年预算 block beside 当年 (西安 表13)
    return ""


def _item_of(path: list[str], spec_id: str) -> tuple[str, str, str | None] | None:
    """(item code, item name, funding column) of a 三公 header path printed with items as columns:
    the deepest segment naming an item gives the item; a segment below it names the funding
    source (一般公共预算 …) when the template splits each item by source."""
    found: tuple[int, str] | None = None
    for i, seg in enumerate(path):
        if norm(seg) in ("合计", "小计") and i > 0:
            continue
        code = match_row(spec_id, seg)
        if code:
            found = (i, code)
    if found is None:
        if path and norm(path[-1]) in ("合计", "小计", "总计"):
            found = (len(path) - 1, "TOTAL")
        else:
            return None
    i, code = found
    name = path[i]
    below = [seg for seg in path[i + 1 :] if norm(seg) not in ("合计", "小计")]
    source = match_column(spec_id, "/".join(below)) if below else None
    if below and source is None:
        source = norm(below[-1])
    return code, name, source


def _row_prefix(label: str, labels: list[str], year: int | None) -> str:
    """Column-id prefix for one data row of a 三公 table printed with items as columns: the
    budget year's row gives the plain ids, an earlier year's ``last_year_``, a change row ``change_``."""
    t = norm(label)
    years = [int(y) for lb in labels for y in re.findall(r"(20\d{2})", norm(lb))]
    m = re.search(r"(20\d{2})", t)
    if m:
        y = int(m.group(1))
        current = year or (max(years) if years else y)
        return "" if y >= current else "last_year_"
    if re.search(r"增减|变化|增长|比上年", t):
        return "change_"
    if re.search(r"上年", t):
        return "last_year_"
    return ""


def _column_items(
    lay: _Layout, ctx: _Ctx
) -> tuple[dict[int, tuple[str, str, str | None]], dict[int, str]]:
    """The item (code, name, funding column) and the period prefix of each amount or text column
    whose header path names a 三公 item, by column index."""
    items: dict[int, tuple[str, str, str | None]] = {}
    periods: dict[int, str] = {}
    for j, p in enumerate(lay.paths):
        if lay.roles[j] not in ("amount", "text") or not p:
            continue
        it = _item_of(p, ctx.spec_id)
        if it:
            items[j] = it
            periods[j] = _period_prefix(p, ctx.year)
    return items, periods


def _regroup_totals(
    items: dict[int, tuple[str, str, str | None]], periods: dict[int, str], lay: _Layout
) -> None:
    """Recode, in place, the total columns that are not the 三公 items' total (a grand 合计, a
    year's block 合计 beside its 小计) as ``GRAND_TOTAL``, and an item printed again under itself
    beside its 小计 as ``<code>_other``."""
    # A grand 合计 printed before groups that split every item by money (当年预算 | 上年结转结余):
    # the budget year's group is the items' own figures (TOTAL = Σ items there), so the grand
    # column is a row of its own that no item sums to.
    grand = [j for j, (c, _, _) in items.items() if c == "TOTAL" and len(lay.paths[j]) == 1]
    if grand and any(
        c == "TOTAL" and len(lay.paths[j]) > 1 and not periods[j] for j, (c, _, _) in items.items()
    ):
        for j in grand:
            items[j] = ("GRAND_TOTAL", *items[j][1:])
    # A year's block that prints its own 合计 beside the 三公 items' 小计 and 会议费 / 培训费 (上年 |
    # 当年 | 增减 blocks, each 合计 | “三公”经费 小计 · 出国 · 接待 · 公务用车 | 会议费 | 培训费):
    # the block's 合计 covers more than the 三公 items, the deeper 小计 is their total.
    totals_of: dict[str, list[int]] = {}
    for j, (c, _, _) in items.items():
        if c == "TOTAL":
            totals_of.setdefault(periods[j], []).append(j)
    for js in totals_of.values():
        deepest = max(len(lay.paths[j]) for j in js)
        if len(js) >= 2 and any(len(lay.paths[j]) < deepest for j in js):
            for j in js:
                if len(lay.paths[j]) < deepest:
                    items[j] = ("GRAND_TOTAL", *items[j][1:])
    # An item printed again under itself beside its 小计 and a special part (因公出国（境）费 /
    # 小计 · 因公出国（境）费 · 科研因公出国（境）费用) is the item without that part.
    for j, (code, name, source) in list(items.items()):
        if code == "TOTAL" or norm(lay.paths[j][-1]) in ("小计", "合计"):
            continue
        if any(
            k != j and items[k][0] == code and items[k][2] == source and periods[k] == periods[j]
            and norm(lay.paths[k][-1]) in ("小计", "合计")
            for k in items
        ):
            items[j] = (f"{code}_other", name, source)


def _transposed(
    lay: _Layout, data: list[list[Cell]], ctx: _Ctx, headers: dict[str, str] | None = None,
    first_row: int = 0,
) -> list[Row] | None:
    """Rows of a 三公 table printed with the items as columns: one row per item.

    ``first_row`` > 0 for a continuation page: its data rows are further budget units, numbered
    after the ``first_row`` rows read before, each in its own row<n>_ columns (none is the 合计).
    """
    items, periods = _column_items(lay, ctx)
    if len({c for c, _, _ in items.values() if c != "TOTAL"}) < 2:
        return None
    _regroup_totals(items, periods, lay)
    # 决算 三公 tables print 预算数 | 决算数 under every item: the 决算数 is the table's own figure
    # (total), the 预算数 beside it is "budget". A table with 预算数 alone is a budget's own figure.
    if {s for _, _, s in items.values()} == {"budget"}:
        items = {j: (c, n, "total") for j, (c, n, _) in items.items()}
    # ... and the columns are named by the words printed under each item (预算数 | 决算数), not by their ids
    paired = {s for _, _, s in items.values()} >= {"budget", "total"}
    label_cols = [j for j, r in enumerate(lay.roles) if r not in ("amount", "text")]
    rows: list[Row] = []
    by_code: dict[tuple[str, str | None], Row] = {}
    data_rows = [r for r in data if any(c.text.strip() for c in r)]
    labels = [" ".join(r[j].text.strip() for j in label_cols if j < len(r)).strip() for r in data_rows]
    # A table with one data row per budget unit (合计, then each unit) stays one row per item,
    # the units' figures in row<n>_ columns (the corpus goldens read these tables that way).
    for n, cells in enumerate(data_rows):
        unit: str | None = None
        prefix = _row_prefix(labels[n], labels, ctx.year) if len(data_rows) > 1 and not first_row else ""
        for j, (code, name, source) in items.items():
            row = by_code.get((code, unit))
            if row is None:
                row = Row(code=code, name=_clean_name(name), unit=unit, source=_row_source(cells))
                by_code[(code, unit)] = row
                rows.append(row)
            if j < len(cells):
                amt = _amount(cells[j], ctx)
                if amt is not None:
                    cid = f"{prefix or periods.get(j, '')}{source or 'total'}"
                    if cid in row.values or first_row:
                        # one column per data row (a budget unit) and per year's block
                        cid = f"row{first_row + n + 1}_{periods.get(j, '')}{source or 'total'}"
                        if headers is not None and labels[n]:
                            # the column stands for the data row's label (a budget unit's name)
                            headers.setdefault(cid, _clean_name("/".join(x for x in (labels[n], source) if x)))
                    row.values[cid] = amt
                    if paired and headers is not None and len(lay.paths[j]) > 1:
                        headers.setdefault(cid, _clean_name(lay.paths[j][-1]))
    return rows


