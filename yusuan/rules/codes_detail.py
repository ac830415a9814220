"""Y503–Y506 — the outline of the classification codes in the tables: parents present, detail to
项 (functional) and 款 (economic) as 预算法实施条例第六条 asks, codes printed in 类 | 款 | 项 cells.

The codes themselves and their names are checked in ``yusuan.rules.codes`` (Y501, Y502).
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.audit import CannotRun, NotApplicable, Problem, rule
from yusuan.audit.helpers import TABLE_NAMES, locate, row_label
from yusuan.codes import KIND_NAMES, kind_of, level_of
from yusuan.model import Document, Row, Table
from yusuan.rules.codes import BASIS_CODES, BASIS_DETAIL, _catalog, _name, _where

# Tables that publish the functional classification down to 项, as 预算法实施条例第六条 asks of
# 一般公共预算, 政府性基金预算 and 国有资本经营预算 支出 (and the department's 支出总表 restates them).
FUNC_DETAIL_TABLES = ("expense", "gpb_expense", "gov_fund", "soe_capital")
# Tables of 基本支出 by economic classification, which must reach 款, in order of preference:
# templates without a 一般公共预算基本支出表 publish the 一般公共预算 by economic class (with a 基本支出
# column), or a 基本支出总表.
ECON_DETAIL_TABLES = ("gpb_basic", "gpb_econ", "basic_total")

def _groups(doc: Document) -> list[tuple[Table, list[Row]]]:
    """Coded rows per table id: a table continued over pages is read as parts of one table."""
    groups: dict[str, tuple[Table, list[Row]]] = {}
    for t in doc.tables:
        if t.id in ("summary", "fiscal_summary"):
            continue  # these list 类 only, beside the income items
        rows = [r for r in t.rows if r.code and r.code.isdigit() and kind_of(r.code) and r.project is None]
        if rows:
            groups.setdefault(t.id if t.id != "generic" else f"generic:{id(t)}", (t, []))[1].extend(rows)
    return list(groups.values())


@rule("Y503", "款、项缺少上级科目行", family="codes", severity="warning", basis=BASIS_CODES)
def parent_present(doc: Document) -> Iterator[Problem]:
    """款级科目应列在其类之下，项级科目应列在其款之下（上级科目行在同一表中）。

    查什么：按层级列示编码的表（印有类行）中，每个款行要有其类行、每个项行要有其款行，且在同一表中位于其上方；跨页续表算作一张表。表中别处印有款行、而某个项缺少其款行的为警告；子科目列在别的上级之下也为警告。
    What: in a table that lists codes as an outline (it prints 类 rows), each 款 row needs its 类
    row and each 项 row its 款 row in the same table, above it; a table continued over several
    pages counts as one. A 项 whose 款 row is missing while the table prints 款 rows elsewhere is a
    warning, as is a child listed under another parent.

    为什么：上级行是读者（和算术规则）核对下级之和的小计；没有它，表中类、款合计无法核对；子科目挂错上级通常是编码打错。
    Why: the parent row is the subtotal the reader (and the arithmetic rules) check the children
    against; without it the 类/款 totals of the table cannot be verified, and a child under the
    wrong parent is usually a mis-typed code.

    示例：``210 卫生健康支出`` / ``2101101 行政单位医疗`` 之间没有 ``21011 行政事业单位医疗`` 行、而表中印有其他款行：报告。
    Example: ``210 卫生健康支出`` / ``2101101 行政单位医疗`` with no ``21011 行政事业单位医疗``
    row, in a table that prints other 款 rows, is flagged.

    容差：只印项行（七位编码、无类行）的表不是层级表，不检查。只作警告：读取时丢了一行看起来也是这样。
    Tolerance: tables that print only 项 rows (full 7-digit codes, no 类 rows) are not outlines and
    are not checked. Findings are warnings: a row lost while reading the document looks the same.
    """
    groups = _groups(doc)
    if not groups:
        raise NotApplicable("表中没有科目编码")
    for t, rows in groups:
        codes = [r.code or "" for r in rows]
        levels = {len(c) for c in codes}
        if 3 not in levels:
            continue  # not an outline
        present = set(codes)
        last_of_length: dict[int, str] = {}  # the last code above the current row, per code length
        for r in rows:
            code = r.code or ""
            previous = last_of_length.get(len(parent := code[:-2]))
            last_of_length[len(code)] = code
            if len(code) == 3:
                continue
            if len(parent) not in levels:
                continue  # the table skips this level everywhere (e.g. 类 then 项)
            above = [previous] if previous is not None else []
            if parent not in present:
                yield Problem(
                    f"{_where(t)} 中{_level(code)} {code} {_name(r)} 缺少上级科目行 {parent}",
                    location=locate(t, r),
                    expected=parent,
                    source=row_label(r),
                )
            elif not above or above[-1] != parent:
                yield Problem(
                    f"{_where(t)} 中{_level(code)} {code} {_name(r)} 列在 {above[-1] if above else '表首'} 之下，"
                    f"不在其上级科目 {parent} 之下",
                    location=locate(t, r),
                    expected=parent,
                    actual=above[-1] if above else None,
                    source=row_label(r),
                )


def _level(code: str) -> str:
    kind = kind_of(code)
    names = ("类", "款", "项")
    return (KIND_NAMES.get(kind or "", "科目") + names[level_of(code) - 1]) if kind else "科目"


@rule("Y504", "功能分类未细化到项", family="codes", severity="error", basis=BASIS_DETAIL, needs=())
def functional_to_item(doc: Document) -> Iterator[Problem]:
    """支出表的功能分类应公开到项级科目。

    查什么：支出总体情况表、一般公共预算支出情况表和政府性基金 / 国有资本经营预算支出表，功能分类应列到项（七位编码）。整张表没有项行为错误；表中其他款细分到项、而某个有金额的款下没有项的为警告。
    What: in the 支出总体情况表, the 一般公共预算支出情况表 and the 政府性基金 / 国有资本经营预算
    支出表, the functional classification must reach 项 (7-digit codes). A table with no 项 row at
    all is an error; a 款 row with an amount and no 项 under it, in a table that breaks other 款
    down, is a warning.

    为什么：预算法实施条例第六条：一般公共预算支出按其功能分类应当编列到项；政府性基金预算、国有资本经营预算支出按其功能分类应当编列到项。只列到款的公开说不清钱用在哪里。
    Why: 预算法实施条例第六条: 一般公共预算支出按其功能分类应当编列到项; 政府性基金预算、国有资本经营
    预算支出按其功能分类应当编列到项. A disclosure that stops at 款 does not say what the money is
    for.

    示例：一般公共预算支出情况表列了 ``201``、``20132`` 行却没有 ``2013299``：错误。
    Example: a 一般公共预算支出情况表 listing ``201`` and ``20132`` rows but no ``2013299`` is an
    error.

    容差：空表和金额为零的行不检查；分类本身不设项的款（219 援助其他地区支出 的各款，如 21908 住房保障；见 data/codes/curated.json 的 terminal）列到款即为到底。
    Tolerance: tables published empty, and rows of zero, are not checked; a 款 the classification
    does not divide into 项 (the 款 of 219 援助其他地区支出, such as 21908 住房保障; ``terminal`` in
    data/codes/curated.json) is as detailed as it goes.
    """
    tables = [t for t in doc.tables if t.id in FUNC_DETAIL_TABLES]
    if not tables:
        raise CannotRun("未读取到支出总体情况表、一般公共预算支出情况表或政府性基金/国有资本经营预算支出表")
    yield from _detail(doc, FUNC_DETAIL_TABLES, "func", 3, "项")


@rule("Y505", "基本支出经济分类未细化到款", family="codes", severity="error", basis=BASIS_DETAIL)
def economic_to_item(doc: Document) -> Iterator[Problem]:
    """一般公共预算基本支出表的经济分类应公开到款级科目。

    查什么：一般公共预算基本支出情况表应列到经济分类的款（五位编码，如 30101 基本工资），不能只列类（301 工资福利支出）。没有款行为错误；表中其他类细分到款、而某个有金额的类下没有款的为警告。没有这张表的模板，检查其一般公共预算支出表（按经济分类），否则检查基本支出总表。
    What: the 一般公共预算基本支出情况表 must list economic 款 (5-digit codes such as ``30101
    基本工资``), not only the 类 (``301 工资福利支出``). A table with no 款 row is an error; a 类 row
    with an amount and no 款 under it, in a table that breaks other 类 down, is a warning. Templates
    without that table are checked on their 一般公共预算支出表（按经济分类）, or else on their
    基本支出总表.

    为什么：预算法实施条例第六条：一般公共预算基本支出按其经济性质分类应当编列到款。
    Why: 预算法实施条例第六条: 一般公共预算基本支出按其经济性质分类应当编列到款.

    示例：只有 ``301 工资福利支出 331.78`` 和 ``302 商品和服务支出 45.00``、没有 301xx / 302xx 行的基本支出表：错误。
    Example: a 基本支出表 of ``301 工资福利支出 331.78`` and ``302 商品和服务支出 45.00`` with no
    301xx/302xx rows is an error.

    容差：空表和金额为零的行不检查。
    Tolerance: tables published empty, and rows of zero, are not checked.
    """
    present = [i for i in ECON_DETAIL_TABLES if doc.table(i) is not None]
    if not present:
        raise CannotRun("未读取到一般公共预算基本支出情况表（或按经济分类的支出表、基本支出总表）")
    yield from _detail(doc, (present[0],), "econ", 2, "款")


def _has_amount(r: Row) -> bool:
    return any(a.value != 0 for a in r.values.values())


def _detail(doc: Document, table_ids: tuple[str, ...], kind: str, want: int, want_name: str) -> Iterator[Problem]:
    cat = _catalog()
    kinds = {"econ": ("econ", "gov_econ")}.get(kind, (kind,))
    checked = 0
    for t, rows in _groups(doc):
        if t.id not in table_ids:
            continue
        rows = [r for r in rows if kind_of(r.code or "") in kinds]
        if not rows:
            continue
        checked += 1
        levels = {level_of(r.code or "") for r in rows}
        deepest = max(levels)
        if deepest == want - 1 and all(cat.is_terminal(r.code or "") for r in rows if level_of(r.code or "") == deepest):
            continue  # every 款 it lists has no 项 in the classification (219 援助其他地区支出's)
        if deepest < want:
            shown = "、".join(sorted({("类", "款", "项")[lv - 1] for lv in levels}))
            yield Problem(
                f"{_where(t)} 的{KIND_NAMES[kinds[0]]}只列到{shown}级，未细化到{want_name}级",
                location=locate(t),
                expected=f"{want_name}级科目",
                actual=f"{('类', '款', '项')[deepest - 1]}级",
            )
            continue
        codes = [r.code or "" for r in rows]
        for r in rows:
            code = r.code or ""
            lv = level_of(code)
            if lv != want - 1 or not _has_amount(r) or cat.is_terminal(code):
                continue
            if not any(c.startswith(code) and len(c) > len(code) for c in codes):
                yield Problem(
                    f"{_where(t)} 中 {code} {_name(r)} 有金额但未列出其下的{want_name}级科目",
                    location=locate(t, r),
                    source=row_label(r),
                    severity="warning",
                )
    if not checked:
        raise NotApplicable("表中没有科目编码")


@rule("Y506", "科目编码印错", family="codes", severity="warning", basis=BASIS_CODES)
def misprinted_code(doc: Document) -> Iterator[Problem]:
    """类 | 款 | 项 分栏印出的科目编码中，类栏不是其后款、项所属的类。

    查什么：按 类 | 款 | 项 分格印刷的编码，其类格不是与之相接的款、项所属的类：在 210 卫生健康支出 / 21011 行政事业单位医疗 之下印作“7 | 11 | 02 事业单位医疗”。
    What: A code printed in 类 | 款 | 项 cells whose 类 cell is not the class of the 款 and 项 it goes
    on with: "7 | 11 | 02 事业单位医疗" under 210 卫生健康支出 / 21011 行政事业单位医疗.

    为什么：读取时编码取自上方各行（2101102），所以各项合计仍然成立；但印出的编码是错的，照抄这张表的人也会抄错。
    Why: the reader takes the code from the rows above (2101102), so the sums still hold; but the
    printed code is wrong, and a reader who copies the table copies the slip.

    示例：2024 年支出预算总表中的「7 11 02 事业单位医疗 503,724」（应为 210 11 02）。
    Example: 「7 11 02 事业单位医疗 503,724」 in a 2024 支出预算总表 (210 11 02).

    容差：无；只有类格不是三位、而款格重复了所在款自身数字的情形才这样判断。
    Tolerance: none; only a 类 cell of another length than three digits under a 款 whose own digits
    the 款 cell repeats is read so.
    """
    checked = 0
    for t in doc.tables:
        for r in t.rows:
            printed = r.texts.get("code_printed")
            if not r.code or printed is None:
                continue
            checked += 1
            right = " ".join((r.code[:3], r.code[3:5], r.code[5:])).strip()
            yield Problem(f"{t.title or TABLE_NAMES.get(t.id, t.id)} 中「{r.name}」的科目编码印为“{printed}”，"
                          f"按所在类、款应为“{right}”（{r.code}）", location=locate(t, r),
                          expected=r.code, actual=printed)
    if not checked:
        raise NotApplicable("没有印错的分列科目编码")
