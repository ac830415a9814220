"""Y5xx — classification codes (政府收支分类科目): codes exist, names match, the outline is whole
and as detailed as the law asks.

The codes are checked against the catalog shipped in ``yusuan/data/codes`` (see ``yusuan.codes``):
it was built from the codes and names printed across real disclosures, so it is sure of a code
printed by many documents and unsure of one printed by few. A rule errs only where the catalog is
sure, and warns otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.audit import CannotRun, NotApplicable, Problem, rule
from yusuan.audit.helpers import TABLE_NAMES, locate, row_label
from yusuan.codes import KIND_NAMES, Catalog, CodeEntry, Kind, kind_of, level_of, load_catalog, normalize_name
from yusuan.model import Document, Row, Table
from yusuan.names import is_number_fragment, names_an_organisation, without_numbering

BASIS_CODES = "政府收支分类科目（财政部）"
BASIS_DETAIL = "预算法实施条例第六条"

# Tables that publish the functional classification down to 项, as 预算法实施条例第六条 asks of
# 一般公共预算, 政府性基金预算 and 国有资本经营预算 支出 (and the department's 支出总表 restates them).
FUNC_DETAIL_TABLES = ("expense", "gpb_expense", "gov_fund", "soe_capital")
# Tables of 基本支出 by economic classification, which must reach 款, in order of preference:
# templates without a 一般公共预算基本支出表 publish the 一般公共预算 by economic class (with a 基本支出
# column), or a 基本支出总表.
ECON_DETAIL_TABLES = ("gpb_basic", "gpb_econ", "basic_total")

def _name(row: Row) -> str:
    return without_numbering(row.name)


def _coded_rows(doc: Document) -> Iterator[tuple[Table, Row]]:
    for t in doc.tables:
        for r in t.rows:
            if r.code and r.code.isdigit():
                yield t, r


def _catalog() -> Catalog:
    try:
        return load_catalog()
    except (OSError, ValueError) as exc:  # a broken install must not look like a clean document
        raise CannotRun(f"未能载入科目目录：{exc}") from None


def _where(t: Table) -> str:
    return t.title or TABLE_NAMES.get(t.id, t.id)


def _about(cat: Catalog) -> str:
    return f"目录依据 {cat.documents} 份公开文件及经济分类全表整理"


def _merged_names(cat: Catalog, entry: CodeEntry, printed: str) -> bool:
    """True when ``printed`` is this code's name run together with another catalog name.

    Templates that print both economic classifications side by side (部门 and 政府经济分类) are
    read as one name cell, e.g. ``基本工资工资奖金津补贴`` for 50101 工资奖金津补贴.
    """
    p = normalize_name(printed)
    others = _all_names(cat)
    for n in list(entry.names) or [entry.name]:
        k = normalize_name(n)
        if len(k) >= 2 and k in p:
            rest = p.replace(k, "", 1)
            if rest in others:
                return True
    return False


# the longest names of the classification are about 25 characters
_LONGEST_NAME = 40


def _other_economic_name(cat: Catalog, entry: CodeEntry, printed: str) -> bool:
    """True when an economic code is printed with a name of the *other* economic classification.

    Templates that list 部门预算经济分类 items (``30101 基本工资``) under their 政府预算经济分类
    code (``50101 工资奖金津补贴``) print the one's name beside the other's code; that pairing is
    the template's, not a wrong name.
    """
    if entry.kind == "func":
        return False
    other: Kind = "econ" if entry.kind == "gov_econ" else "gov_econ"
    key = (id(cat), other)
    if key not in _KIND_NAMES_CACHE:
        _KIND_NAMES_CACHE[key] = frozenset(normalize_name(n) for e in cat.codes(other) for n in e.names)
    return normalize_name(printed) in _KIND_NAMES_CACHE[key]


_KIND_NAMES_CACHE: dict[tuple[int, str], frozenset[str]] = {}


_NAMES_CACHE: dict[int, frozenset[str]] = {}


def _all_names(cat: Catalog) -> frozenset[str]:
    key = id(cat)
    if key not in _NAMES_CACHE:
        _NAMES_CACHE[key] = frozenset(normalize_name(n) for e in cat.codes() for n in e.names)
    return _NAMES_CACHE[key]


@rule("Y501", "科目编码不在政府收支分类科目中", family="codes", severity="error", basis=BASIS_CODES)
def code_exists(doc: Document) -> Iterator[Problem]:
    """表中的科目编码应是政府收支分类科目中的编码。

    查什么：每张表的每个行编码（功能分类的类 210 / 款 21011 / 项 2101101，经济分类的类 301 / 款 30101，政府经济分类 501 / 50101）都到科目目录中查找。不属于任何分类的编码（不是类的三位编码如 218、245，或四位、六位编码）为错误；目录中没有见过的款或项为警告，因为目录由已公开文件建成，可能缺少少见的科目。
    What: every row code of every table (functional 类 ``210`` / 款 ``21011`` / 项 ``2101101``,
    economic 类 ``301`` / 款 ``30101``, 政府经济分类 ``501`` / ``50101``) is looked up in the
    catalog. A code that belongs to no classification (a 3-digit head that is no 类, such as
    ``218`` or ``245``, or a code of 4 or 6 digits) is an error; a 款 or 项 the catalog has not seen
    is a warning, since the catalog was built from published documents and may miss a rare code.

    为什么：编码是跨部门、跨年度比较和汇总预算的依据；分类之外的编码无法归类，通常是录入或导出错误。
    Why: the codes are how budgets are compared and summed across departments and years; a code
    outside the classification cannot be placed, and usually is a typing or export mistake.

    示例：``2101101 行政单位医疗`` 通过；``225 其他支出`` 为错误（没有这个类）；任何文件都没见过的 ``2109901 …`` 为警告。
    Example: ``2101101 行政单位医疗`` passes; ``225 其他支出`` is an error (no such 类);
    ``2109901 …`` not seen in any document is a warning.

    容差：不属于任何分类的编码不容差；未见过的款只作警告，每份文件一次（列出其他印有它的表），其下的项随款一起报告；已知款下未见过的项只作提示。按分类在多个款下重复的规律编出的项（…01 行政运行、…99 其他…支出）、地方对经济分类款的七位细分（30102 下的 3010201）、以及根本不是支出编码的行（收入分类 1xx、单位编号、被拆开金额的整数部分）不报告。
    Tolerance: none for codes outside every classification; an unseen 款 is only warned, once
    per document (naming the other tables that print them), and a 项 under an unseen 款 goes with
    its 款; an unseen 项 under a known 款 is only info (the catalog holds what real documents
    printed plus a hand-written list, not the whole book, so a rare 项 is likelier than a typo). Accepted without a finding: a 项 following a pattern the classification repeats under
    many 款 (``…01 行政运行``, ``…99 其他…支出``), a locality's 7-digit subdivision of an economic 款
    (``3010201`` under ``30102``), and rows that are not expenditure codes at all (收入分类 ``1xx``,
    unit numbers, the integer half of a split amount such as ``155`` + ``.66``).
    """
    cat = _catalog()
    rows = list(_coded_rows(doc))
    if not rows:
        raise NotApplicable("表中没有科目编码")
    # one finding per code and document, naming the other tables that print it too
    tables_of: dict[str, list[str]] = {}
    for t, r in rows:
        names = tables_of.setdefault(r.code or "", [])
        if _where(t) not in names:
            names.append(_where(t))
    printed = {r.code for _t, r in rows}
    seen: set[str] = set()
    for t, r in rows:
        code = r.code or ""
        if code in seen or (code not in cat and _not_a_code(r)):
            continue
        seen.add(code)
        also = tables_of[code][1:]
        more = f"；{'、'.join(also)} 中同样" if also else ""
        problem = _unknown_code(doc, cat, t, r, printed, more)
        if problem is not None:
            yield problem


def _unknown_code(doc: Document, cat: Catalog, t: Table, r: Row, printed: set[str | None],
                  more: str) -> Problem | None:
    """The finding for one row code the catalog does not hold (None when it does, or may)."""
    code = r.code or ""
    kind = kind_of(code)
    loc = locate(t, r)
    if kind is None:
        if len(code) == 7 and kind_of(code[:5]) in ("econ", "gov_econ") and code[:5] in cat:
            return None  # a locality's subdivision of an economic 款 (e.g. 3010201 under 30102)
        why = "位数不对（应为 3、5 或 7 位）" if len(code) not in (3, 5, 7) else "不属于任何分类的类级编码"
        return Problem(
            f"{_where(t)} 中科目编码 {code}（{_name(r) or '无名称'}）不是政府收支分类科目编码：{why}{more}",
            location=loc,
            actual=code,
            source=row_label(r),
        )
    entry = cat.lookup(code, doc.year)
    if entry is not None or cat.systematic(code, _name(r)):
        return None
    if len(code) == 7 and code[:5] in printed and code[:5] not in cat:
        return None  # its 款 is reported, and the 项 with it
    head = cat.get(code[:3])
    if level_of(code) == 1 or head is None:
        # the documents list every 类 in their 收支总表, so an unseen 类 is no class
        return Problem(
            f"{_where(t)} 中{KIND_NAMES[kind]}编码 {code}（{_name(r) or '无名称'}）不是现行的类级科目"
            f"（{_about(cat)}）{more}",
            location=loc,
            actual=code,
            source=row_label(r),
        )
    # an unseen 项 under a 款 the catalog knows is most likely a 项 no mined document printed
    # (the catalog holds what documents printed, not the whole book): noted, not warned
    known_parent = level_of(code) == 3 and code[:5] in cat
    return Problem(
        f"{_where(t)} 中{KIND_NAMES[kind]}编码 {code}（{_name(r) or '无名称'}）"
        + ("及其下各项" if level_of(code) == 2 and any(len(c or "") == 7 and (c or "").startswith(code)
                                                   for c in printed) else "")
        + f"未见于科目目录（{_about(cat)}，可能是少见科目，请核对当年《政府收支分类科目》）"
        + (f"；其款 {code[:5]} 是已知科目" if known_parent else "") + more,
        location=loc,
        actual=code,
        source=row_label(r),
        severity="info" if known_parent else "warning",
    )


# A row "code" that is the integer part of a split amount (``155`` + ``.66``) or a budget unit's
# number (``123 某某局``) is not a classification code: the row's name gives it away.


def _not_a_code(r: Row) -> bool:
    name = _name(r)
    if (r.code or "")[:1] not in ("2", "3", "5"):
        # 收入分类 (1xx) and unit or row numbers (0…): not the expenditure classifications checked here
        return True
    return is_number_fragment(name) or names_an_organisation(name)


@rule("Y502", "科目名称与编码不符", family="codes", severity="warning", basis=BASIS_CODES)
def name_matches(doc: Document) -> Iterator[Problem]:
    """表中科目名称应与其编码在政府收支分类科目中的名称一致。

    查什么：每个带名称的编码行，把印刷的名称与目录中该编码的名称比较（先去掉空白、统一全半角括号和引号、去掉“一、”等序号）。因分类改革更名的类（210 医疗卫生与计划生育支出 → 2019 年起为卫生健康支出）单独提示。
    What: for every coded row with a name, the printed name is compared with the names the
    catalog knows for the code, after normalising (whitespace, full/half-width brackets, quotes,
    leading numbering such as ``一、``). A class renamed by the classification reform (``210
    医疗卫生与计划生育支出`` → ``卫生健康支出`` since 2019) gets its own message.

    为什么：名称与编码不符，说明编码或名称有一个错了；金额就被计入了与读者所见不同的用途。
    Why: a name that does not match its code means either the code or the name is wrong; the
    amount is then counted under a different purpose than the one the reader sees.

    示例：``2101101 行政单位医疗`` 通过；``2101101 事业单位医疗`` 报告（应为“行政单位医疗”）；2021 年文件中的 ``210 医疗卫生与计划生育支出`` 报告并给出新名称。
    Example: ``2101101 行政单位医疗`` passes; ``2101101 事业单位医疗`` is reported (expected
    ``行政单位医疗``); ``210 医疗卫生与计划生育支出`` in a 2021 document is reported with the new
    name.

    Severity: a warning, not an error: a wrong name does not make two numbers contradict each
    other, and the catalog is built from published documents, so it can lag a renaming.

    容差：名称是目录名称的前缀（或反之，单元格在换行处截断）的通过；与相邻名称单元格连在一起的、经济编码配另一套经济分类名称的也通过。目录不确定的编码（少于 3 份文件或只见于一个地区）只作提示。同一编码和名称在一份文件中只报告一次，并列出重复它的其他表。一张表的经济科目另行编号（3 个及以上名称是同一类其他编码的国家名称，按顺序编号）时，只报告一次编号问题，不逐行警告。
    Tolerance: a name that is a prefix of the catalog's (or the reverse; a cell cut at a line wrap)
    passes; so does a name run together with a neighbouring name cell, and an economic code printed
    with a name of the other economic classification (templates that list 部门经济分类 items under
    their 政府经济分类 code). Against a code the catalog is unsure of (seen in fewer than 3
    documents or in one region) the finding is only info. One finding per code and name in a
    document, naming the other tables that repeat it. A table whose economic items are numbered
    otherwise (3 or more of its names are the national names of another code of the same 类: 302 01
    办公费, 302 02 咨询费, 302 03 水费 … numbered in sequence) has one problem, its numbering: one
    finding for the table naming its codes, not a warning per row.
    """
    cat = _catalog()
    checked = 0
    tables_of = _tables_repeating(doc)
    seen: set[tuple[str, str]] = set()
    # economic rows checked and their mismatches, per table: a table whose economic names mostly
    # disagree with the national classification prints another one (a region's 部门预算经济分类)
    econ_checked: dict[int, int] = {}
    econ_wrong: dict[int, list[Problem]] = {}
    tables: dict[int, Table] = {}
    for t, r in _coded_rows(doc):
        name = _name(r)
        key = (r.code or "", normalize_name(name))
        if not name or kind_of(r.code or "") is None or key in seen:
            continue
        if _not_a_code(r) or len(name) > _LONGEST_NAME:
            continue  # a split amount, a unit's row, or prose that ran into the name cell
        seen.add(key)
        entry = cat.lookup(r.code or "", doc.year)
        if entry is None:
            continue
        checked += 1
        econ = kind_of(entry.code) == "econ"
        if econ:
            econ_checked[id(t)] = econ_checked.get(id(t), 0) + 1
            tables[id(t)] = t
        also = tables_of[key][1:]
        problem, renamed = _name_problem(cat, doc, t, r, entry, name, f"；{'、'.join(also)} 中同样" if also else "")
        if problem is None:
            continue
        if econ and not renamed:
            econ_wrong.setdefault(id(t), []).append(problem)
        else:
            yield problem
    for tid, wrong in econ_wrong.items():
        yield from _economic_names_of_table(cat, tables[tid], wrong, econ_checked.get(tid, 0))
    if not checked:
        raise NotApplicable("表中没有带名称的科目编码")


def _tables_repeating(doc: Document) -> dict[tuple[str, str], list[str]]:
    """(code, normalised name) → the tables printing it, in order: one finding per code and printed
    name in a document, naming the other tables that repeat it."""
    tables_of: dict[tuple[str, str], list[str]] = {}
    for t, r in _coded_rows(doc):
        names = tables_of.setdefault((r.code or "", normalize_name(_name(r))), [])
        if _where(t) not in names:
            names.append(_where(t))
    return tables_of


def _name_problem(cat: Catalog, doc: Document, t: Table, r: Row, entry: CodeEntry, name: str,
                  more: str) -> tuple[Problem | None, bool]:
    """The row's name against its code's: (the problem or None, whether it is a renamed class)."""
    check = cat.check_name(entry.code, name, doc.year)
    if check is None or check.ok:
        return None, False
    loc = locate(t, r)
    if check.renamed is not None:
        return Problem(
            f"{_where(t)} 中科目 {entry.code} 仍用旧名称“{name}”：该科目自 {check.renamed.since} 年起"
            f"已更名为“{check.renamed.new}”{more}",
            location=loc,
            expected=check.renamed.new,
            actual=name,
            source=row_label(r),
        ), True
    if _merged_names(cat, entry, name) or _other_economic_name(cat, entry, name):
        return None, False
    unsure = not entry.sure
    return Problem(
        f"{_where(t)} 中科目 {entry.code} 的名称“{name}”与分类科目名称“{check.expected}”不符"
        + (f"（该编码仅见于 {entry.docs} 份文件，目录不确定）" if unsure else "") + more,
        location=loc,
        expected=check.expected,
        actual=name,
        source=row_label(r),
        severity="info" if unsure else None,
    ), False


def _economic_names_of_table(cat: Catalog, t: Table, wrong: list[Problem], n: int) -> Iterator[Problem]:
    """A table's economic names that disagree: one finding for its numbering where most are the
    names of sibling codes (numbered otherwise), else each one."""
    shifted = sum(1 for p in wrong if _sibling_name(cat, p.location.row_code or "", str(p.actual)))
    if n >= _OWN_CLASSIFICATION_MIN and shifted >= _OWN_CLASSIFICATION_SHIFTED:
        shown = "、".join(f"{p.location.row_code} {p.actual}" for p in wrong[:4])
        yield Problem(
            f"{_where(t)} 中 {len(wrong)}/{n} 个经济分类科目的编码与名称不对应（{shown} 等；"
            f"多个名称是同类其他科目的名称）：该表的经济分类编码多半按顺序编号或另有编法，"
            "与《政府收支分类科目》不符，请核对整表编码",
            location=locate(t),
            expected="《政府收支分类科目》的部门预算支出经济分类编码",
            actual=shown,
            source=_where(t),
        )
    else:
        yield from wrong


# a table of at least this many economic rows, in which this many are printed with the national
# name of another code of the same 类 (30203 水费, nationally 30205), numbers its items its own way:
# one finding for the table
_OWN_CLASSIFICATION_MIN = 6
_OWN_CLASSIFICATION_SHIFTED = 3


def _sibling_name(cat: Catalog, code: str, printed: str) -> bool:
    """The printed name is the national name of another economic code of the same 类."""
    p = normalize_name(printed)
    return any(e.code != code and e.code[:3] == code[:3] and p in {normalize_name(n) for n in e.names}
               for e in cat.codes("econ"))


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

    容差：空表和金额为零的行不检查。
    Tolerance: tables published empty, and rows of zero, are not checked.
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
            if lv != want - 1 or not _has_amount(r):
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
