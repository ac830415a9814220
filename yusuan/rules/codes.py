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

    容差：不属于任何分类的编码不容差；未见过的款只作警告，每份文件一次（列出其他印有它的表），其下的项随款一起报告；已知款下未见过的项只作提示。经济分类另行编号的表（见 Y502）中未见过的经济分类编码由 Y502 对该表的一条结果一并列出，不另报告。按分类在多个款下重复的规律编出的项（…01 行政运行、…99 其他…支出）、地方对经济分类款的七位细分（30102 下的 3010201）、以及根本不是支出编码的行（收入分类 1xx、单位编号、被拆开金额的整数部分）不报告。
    Tolerance: none for codes outside every classification; an unseen 款 is only warned, once
    per document (naming the other tables that print them), and a 项 under an unseen 款 goes with
    its 款; an unseen 项 under a known 款 is only info (the catalog holds what real documents
    printed plus a hand-written list, not the whole book, so a rare 项 is likelier than a typo). The
    unseen economic codes of a table that numbers its economic items its own way (see Y502) are
    named by Y502's one finding for that table, not reported again. Accepted without a finding: a 项 following a pattern the classification repeats under
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
    own = own_numbered_tables(cat, doc)
    seen: set[str] = set()
    for t, r in rows:
        code = r.code or ""
        if code in seen or (code not in cat and _not_a_code(r)):
            continue
        if id(t) in own and kind_of(code) == "econ":
            continue  # the table numbers its economic items its own way: Y502's one finding names them
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

    容差：名称是目录名称的前缀（或反之，单元格在换行处截断）的通过；与相邻名称单元格连在一起的、经济编码配另一套经济分类名称的也通过。目录不确定的编码（少于 3 份文件或只见于一个地区）只作提示。同一编码和名称在一份文件中只报告一次，并列出重复它的其他表。一张表的经济科目另行编号（3 个及以上名称是同一类其他编码的国家名称，按顺序编号）时，只报告一次编号问题，不逐行警告。更名的科目按文件年度取名称：新名称从更名当年起适用（Y 年预算在 Y-1 年秋季按财政部年中印发的 Y 年科目编制，Y 年决算亦按 Y 年科目），更名当年及以后仍用旧名的报告，此前用旧名的通过；官方更名年份无从核对时，以所读文件中最早印出新名称的年份为准，其间的年份新旧名称都接受（215 资源勘探信息等支出 → 资源勘探工业信息等支出：2019 年文件一律印旧名，2021 年起印新名，按 2021 年起）。
    Tolerance: a name that is a prefix of the catalog's (or the reverse; a cell cut at a line wrap)
    passes; so does a name run together with a neighbouring name cell, and an economic code printed
    with a name of the other economic classification (templates that list 部门经济分类 items under
    their 政府经济分类 code). Against a code the catalog is unsure of (seen in fewer than 3
    documents or in one region) the finding is only info. One finding per code and name in a
    document, naming the other tables that repeat it. A table whose economic items are numbered
    otherwise (3 or more of its names are the national names of another code of the same 类: 302 01
    办公费, 302 02 咨询费, 302 03 水费 … numbered in sequence) has one problem, its numbering: one
    finding for the table naming its codes, not a warning per row. A renamed code's name is taken by
    the document's year: the new name is due from the rename's first year (a budget of year Y is
    compiled in the autumn of Y-1 under the 科目 of Y, which 财政部 issues in the summer of Y-1, and a
    决算 of Y uses the same 科目), so the old name is reported from that year on and accepted before;
    where the official year could not be checked, the first year a document read prints the new
    name stands for it and the years between accept either (215 资源勘探信息等支出 →
    资源勘探工业信息等支出: every 2019 document prints the old name, documents from 2021 the new).
    """
    cat = _catalog()
    checked = 0
    tables_of = _tables_repeating(doc)
    seen: set[tuple[str, str]] = set()
    own = own_numbered_tables(cat, doc)
    # the mismatched economic names of each table numbering its items its own way: one finding
    own_wrong: dict[int, list[Problem]] = {}
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
        also = tables_of[key][1:]
        problem, renamed = _name_problem(cat, doc, t, r, entry, name, f"；{'、'.join(also)} 中同样" if also else "")
        if problem is None:
            continue
        if id(t) in own and kind_of(entry.code) == "econ" and not renamed:
            own_wrong.setdefault(id(t), []).append(problem)
        else:
            yield problem
    for t in doc.tables:
        if id(t) in own_wrong:
            yield _own_numbering_problem(cat, t, own_wrong[id(t)], own[id(t)])
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


def _economic_rows(t: Table) -> list[Row]:
    """The table's rows coded in the 部门预算经济分类, once per code and printed name."""
    seen: set[tuple[str, str]] = set()
    out: list[Row] = []
    for r in t.rows:
        code, name = r.code or "", _name(r)
        if not (code.isdigit() and name and kind_of(code) == "econ") or _not_a_code(r) or len(name) > _LONGEST_NAME:
            continue
        if (code, normalize_name(name)) not in seen:
            seen.add((code, normalize_name(name)))
            out.append(r)
    return out


def own_numbered_tables(cat: Catalog, doc: Document) -> dict[int, int]:
    """The tables that number their economic items their own way → how many economic rows they
    print with a known code.

    A table of at least ``_OWN_CLASSIFICATION_MIN`` economic rows of known codes, in which at least
    ``_OWN_CLASSIFICATION_SHIFTED`` are printed with the national name of another code of the same
    类 (30203 水费, nationally 30205), numbers its items in sequence or by a local scheme: its codes
    are one problem, reported once by Y502 (with the codes no catalog holds), not per row by Y501
    and Y502.
    """
    out: dict[int, int] = {}
    for t in doc.tables:
        known = [(r, e) for r in _economic_rows(t) if (e := cat.lookup(r.code or "", doc.year)) is not None]
        if len(known) < _OWN_CLASSIFICATION_MIN:
            continue
        shifted = 0
        for r, e in known:
            check = cat.check_name(e.code, _name(r), doc.year)
            if check is not None and not check.ok and _sibling_name(cat, e.code, _name(r)):
                shifted += 1
        if shifted >= _OWN_CLASSIFICATION_SHIFTED:
            out[id(t)] = len(known)
    return out


def _own_numbering_problem(cat: Catalog, t: Table, wrong: list[Problem], n: int) -> Problem:
    """One finding for a table whose economic codes follow another numbering, naming its codes and
    the ones the catalog does not hold at all (which Y501 leaves to this finding)."""
    shown = "、".join(f"{p.location.row_code} {p.actual}" for p in wrong[:4])
    unknown = [r for r in _economic_rows(t) if (r.code or "") not in cat]
    unseen = (f"；另有 {len(unknown)} 个编码不在科目目录中（" + "、".join(f"{r.code} {_name(r)}" for r in unknown[:4])
              + (" 等" if len(unknown) > 4 else "") + "）") if unknown else ""
    return Problem(
        f"{_where(t)} 中 {len(wrong)}/{n} 个经济分类科目的编码与名称不对应（{shown} 等；"
        f"多个名称是同类其他科目的名称）{unseen}：该表的经济分类编码多半按顺序编号或另有编法，"
        "与《政府收支分类科目》不符，请核对整表编码",
        location=locate(t),
        expected="《政府收支分类科目》的部门预算支出经济分类编码",
        actual=shown,
        source=_where(t),
    )


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
