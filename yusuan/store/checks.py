"""Checks across documents (Y960–Y989): rules over the store, with the findings contract of ``check``.

A rule is a plain function ``(store) -> Iterable[CorpusProblem]`` registered with one
``corpus_rule(...)`` line in ``CORPUS_RULES``; like document rules, its docstring says 查什么 /
为什么 / 示例 / 容差. Rules read only the store's tables (documents, facts, claims, indicators),
never the files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yusuan.audit import Finding, Location, Severity
from yusuan.store.backend import Store
from yusuan.store.report import shown_decimal

TOLERANCE = Decimal("0.01")  # 万元: two figures printed to the 百元 that are the same amount


@dataclass
class CorpusProblem:
    doc_id: str | None
    message: str
    location: Location = field(default_factory=Location)
    expected: str | None = None
    actual: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class CorpusRule:
    code: str
    title: str
    severity: Severity
    func: Callable[[Store], Iterable[CorpusProblem]]

    @property
    def doc(self) -> str:
        import inspect

        return inspect.cleandoc(self.func.__doc__ or "")


CORPUS_RULES: list[CorpusRule] = []


def corpus_rule(code: str, title: str, severity: Severity) -> Callable[[Callable[[Store], Iterable[CorpusProblem]]],
                                                                        Callable[[Store], Iterable[CorpusProblem]]]:
    def register(func: Callable[[Store], Iterable[CorpusProblem]]) -> Callable[[Store], Iterable[CorpusProblem]]:
        assert code.startswith("Y9") and 960 <= int(code[1:]) <= 989, code
        CORPUS_RULES.append(CorpusRule(code, title, severity, func))
        return func

    return register


def _norm(name: str | None) -> str:
    return "".join((name or "").split()).replace("（", "(").replace("）", ")")


@dataclass(frozen=True)
class DocInfo:
    doc_id: str
    department: str
    year: int | None
    kind: str | None
    level: str | None
    path: str | None


def _documents(store: Store) -> list[DocInfo]:
    _, rows = store.query(
        "SELECT d.doc_id, d.department, d.year, d.kind, d.level, min(p.path) FROM documents d "
        "LEFT JOIN document_paths p ON p.doc_id = d.doc_id GROUP BY d.doc_id, d.department, d.year, d.kind, d.level"
    )
    return [DocInfo(r[0], r[1] or "", r[2], r[3], r[4], r[5]) for r in rows]


def _with_previous_budget(store: Store) -> tuple[dict[str, DocInfo], dict[str, DocInfo]]:
    """(every document by id, the previous year's budget of each document that has one)."""
    docs = _documents(store)
    return {d.doc_id: d for d in docs}, _previous_budget(docs)


def _previous_budget(docs: list[DocInfo]) -> dict[str, DocInfo]:
    """doc_id -> the same department's 预算 of the year before, where exactly one is stored."""
    by_key: dict[tuple[str, int], list[DocInfo]] = defaultdict(list)
    for d in docs:
        if d.kind == "预算" and d.year is not None and d.department:
            by_key[(_norm(d.department), d.year)].append(d)
    out = {}
    for d in docs:
        if d.year is None or not d.department:
            continue
        prev = by_key.get((_norm(d.department), d.year - 1), [])
        if len(prev) == 1:
            out[d.doc_id] = prev[0]
    return out


def _w(v: Decimal) -> str:
    return f"{shown_decimal(v)} 万元"


@corpus_rule("Y960", "同一部门同一年度存有多份不同的公开文件", "warning")
def duplicate_documents(store: Store) -> Iterable[CorpusProblem]:
    """查什么：同一部门、同一年度、同一种类（预算/决算）与层级（部门/单位）的文件入库了不止一份（内容不同）。
    为什么：重复发布或更正后的新版本与旧版本并存时，按部门统计会重复计算；审核时应确认以哪一份为准。
    示例：两份“某某局 2026 年部门预算”，总额一份 1,200.00 万元、一份 1,180.00 万元。
    容差：部门名称去掉空格、统一括号后相同即视为同一部门；内容完全相同的文件本就只存一份，不在此列。
    """
    groups: dict[tuple[str, int | None, str | None, str | None], list[DocInfo]] = defaultdict(list)
    for d in _documents(store):
        if d.department and d.year is not None:
            groups[(_norm(d.department), d.year, d.kind, d.level)].append(d)
    for (_, year, kind, level), docs in sorted(groups.items(), key=lambda kv: repr(kv[0])):
        if len(docs) < 2:
            continue
        docs = sorted(docs, key=lambda d: d.path or "")
        paths = "；".join(d.path or d.doc_id for d in docs)
        for d in docs[1:]:
            yield CorpusProblem(
                d.doc_id, f"{d.department} {year} 年{level or ''}{kind or ''}存有 {len(docs)} 份内容不同的文件：{paths}",
                Location(file=d.path), source=paths)


@corpus_rule("Y961", "本年文件所列上年数与上年文件不一致", "warning")
def last_year_columns(store: Store) -> Iterable[CorpusProblem]:
    """查什么：本年文件表格中的“上年”列（如“三公”经费表的上年预算数，列名 last_year_*）与同一部门上年预算文件同一表、同一行、
    同一列的本年数是否相同。
    为什么：上年数应照抄上年公开的预算；不一致说明抄错，或上年数是调整后的数而未注明。
    示例：2026 年文件“三公”经费合计上年数 59.62 万元，2025 年文件“三公”经费合计为 61.20 万元。
    容差：0.01 万元（两处都四舍五入到百元）。只比较两份文件中表格 id、行编码都相同的数字。
    """
    info, prev = _with_previous_budget(store)
    if not prev:
        return
    _, rows = store.query(
        "SELECT doc_id, table_id, code, column_id, value, text, page FROM facts "
        "WHERE column_id LIKE 'last\\_year\\_%' ESCAPE '\\' AND code IS NOT NULL"
    )
    wanted: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for r in rows:
        if r[0] in prev:
            wanted[r[0]].append(r)
    for doc_id, facts in sorted(wanted.items()):
        before = prev[doc_id]
        _, old = store.query("SELECT table_id, code, column_id, value, text, page FROM facts WHERE doc_id = ?",
                             [before.doc_id])
        old_by = {(t, c, col): (v, txt, pg) for t, c, col, v, txt, pg in old}
        for _, table, code, column, value, text, page in facts:
            plain = column.removeprefix("last_year_")
            found = old_by.get((table, code, plain))
            if found is None or abs(found[0] - value) <= TOLERANCE:
                continue
            d = info[doc_id]
            yield CorpusProblem(
                doc_id,
                f"{d.department} {d.year} 年文件 {table} 表 {code} 行的上年数 {_w(value)}，"
                f"与 {before.year} 年文件同一数字 {_w(found[0])} 不一致（{before.path}，第 {found[2]} 页）",
                Location(table=table, row_code=code, column=column, file=d.path, page=page),
                expected=shown_decimal(found[0]), actual=shown_decimal(value), source=text)


# narrative subjects whose 上年 figure is the previous budget's indicator
_SUBJECT_INDICATOR = {
    "three_public.total": "three_public_total",
    "three_public.overseas_travel": "three_public_overseas_travel",
    "three_public.reception": "three_public_reception",
    "three_public.vehicle_purchase": "three_public_vehicle_purchase",
    "three_public.vehicle_operation": "three_public_vehicle_operation",
    "admin_operation": "admin_operation",
    "procurement.total": "procurement_total",
}


@corpus_rule("Y962", "情况说明的增减额与上年文件不符", "warning")
def narrative_change_against_last_year(store: Store) -> Iterable[CorpusProblem]:
    """查什么：情况说明“比上年增加/减少 X 万元”所隐含的上年数（本年数 ∓ X）与同一部门上年预算文件中的同一指标是否相同
    （“三公”经费及其各项、机关运行经费、政府采购预算）。
    为什么：增减额应以上年公开的预算为基数；算出的上年数与上年文件不符，说明增减额或基数有误。
    示例：“三公”经费 10.20 万元，较上年减少 1.80 万元（即上年 12.00 万元）；上年文件“三公”经费为 11.50 万元。
    容差：0.01 万元。只在说明写明与“上年（预算）”比较时检查；与上年执行数、决算数比较的不查。
    """
    info, prev = _with_previous_budget(store)
    if not prev:
        return
    _, claims = store.query(
        "SELECT doc_id, subject, amount, direction, change, compared_to, sentence, page FROM claims "
        "WHERE amount IS NOT NULL AND change IS NOT NULL AND direction IN ('increase', 'decrease')"
    )
    for doc_id, subject, amount, direction, change, compared_to, sentence, page in claims:
        indicator = _SUBJECT_INDICATOR.get(subject)
        if indicator is None or doc_id not in prev or not (compared_to or "上年").startswith("上年"):
            continue
        if any(w in (compared_to or "") for w in ("执行", "决算", "实际")):
            continue
        before = prev[doc_id]
        _, rows = store.query("SELECT value FROM indicators WHERE doc_id = ? AND indicator = ?",
                              [before.doc_id, indicator])
        if not rows:
            continue
        implied = amount - change if direction == "increase" else amount + change
        if abs(implied - rows[0][0]) <= TOLERANCE:
            continue
        d = info[doc_id]
        yield CorpusProblem(
            doc_id,
            f"{d.department} {d.year} 年说明称{subject} {_w(amount)}，"
            f"{'增加' if direction == 'increase' else '减少'} {_w(change)}，即上年 {_w(implied)}；"
            f"{before.year} 年文件为 {_w(rows[0][0])}（{before.path}）",
            Location(file=d.path, page=page), expected=shown_decimal(rows[0][0]), actual=shown_decimal(implied),
            source=sentence)


@corpus_rule("Y963", "部门预算中单位的数与该单位自己的预算不一致", "warning")
def unit_against_department(store: Store) -> Iterable[CorpusProblem]:
    """查什么：部门预算的支出总表（或收入总表）中某下属单位一行的合计，与同年该单位自己公开的单位预算的支出（收入）合计是否相同。
    为什么：部门预算由所属单位预算汇总而成，两处应是同一个数。
    示例：某某局部门预算支出总表中“某某中心”合计 3,868.38 万元，该中心单位预算支出合计 3,900.00 万元。
    容差：0.01 万元。单位按名称（去空格、统一括号）匹配；部门文件与单位文件须同年、同种类。
    """
    docs = _documents(store)
    units: dict[tuple[str, int | None, str | None], list[DocInfo]] = defaultdict(list)
    for d in docs:
        if d.level == "单位":
            units[(_norm(d.department), d.year, d.kind)].append(d)
    if not units:
        return
    info = {d.doc_id: d for d in docs}
    _, rows = store.query(
        "SELECT f.doc_id, f.table_id, f.unit_name, f.value, f.page, f.row_seq FROM facts f "
        "JOIN documents d ON d.doc_id = f.doc_id "
        "WHERE d.level = '部门' AND f.table_id IN ('expense', 'income') AND f.column_id = 'total' "
        "AND f.code IS NULL AND f.project IS NULL AND f.unit_name IS NOT NULL AND f.unit_name = f.name"
    )
    indicator = {"expense": "expense_total", "income": "income_total"}
    for doc_id, table, unit_name, value, page, _ in sorted(rows, key=repr):
        dep = info[doc_id]
        if _norm(unit_name) == _norm(dep.department):
            continue
        matches = units.get((_norm(unit_name), dep.year, dep.kind), [])
        if len(matches) != 1:
            continue
        u = matches[0]
        _, own = store.query("SELECT value FROM indicators WHERE doc_id = ? AND indicator = ?",
                             [u.doc_id, indicator[table]])
        if not own or abs(own[0][0] - value) <= TOLERANCE:
            continue
        yield CorpusProblem(
            doc_id,
            f"{dep.department} {dep.year} 年部门{dep.kind} {table} 表中“{unit_name}”合计 {_w(value)}，"
            f"该单位自己的{u.kind}为 {_w(own[0][0])}（{u.path}）",
            Location(table=table, row_name=unit_name, column="total", file=dep.path, page=page),
            expected=shown_decimal(own[0][0]), actual=shown_decimal(value))


def _paired(docs: list[DocInfo], kind: str, other_kind: str, years_back: int) -> dict[str, DocInfo]:
    """doc_id of each document of ``kind`` -> the same department's document of ``other_kind`` of the year
    ``years_back`` before it (same level), where exactly one is stored."""
    others: dict[tuple[str, int, str | None], list[DocInfo]] = defaultdict(list)
    for d in docs:
        if d.kind == other_kind and d.year is not None and d.department:
            others[(_norm(d.department), d.year, d.level)].append(d)
    out = {}
    for d in docs:
        if d.kind == kind and d.year is not None and d.department:
            found = others.get((_norm(d.department), d.year - years_back, d.level), [])
            if len(found) == 1:
                out[d.doc_id] = found[0]
    return out


def _facts_against(store: Store, pair_of: dict[str, DocInfo], columns: tuple[str, ...],
                   other_column: str) -> Iterable[tuple[str, str, str, Any, str, Any, Any, Any]]:
    """(doc_id, table, code, value, text, page, the paired document's value, its page) of every coded
    fact in ``columns`` whose row in the paired document's ``other_column`` differs beyond TOLERANCE."""
    if not pair_of:
        return
    marks = ", ".join("?" for _ in columns)
    _, rows = store.query(
        "SELECT doc_id, table_id, code, value, text, page FROM facts "
        f"WHERE column_id IN ({marks}) AND code IS NOT NULL AND unit_name IS NULL", list(columns))
    for doc_id, table, code, value, text, page in rows:
        other = pair_of.get(doc_id)
        if other is None:
            continue
        _, theirs = store.query(
            "SELECT value, page FROM facts WHERE doc_id = ? AND table_id = ? AND code = ? AND column_id = ? "
            "AND unit_name IS NULL", [other.doc_id, table, code, other_column])
        if len(theirs) == 1 and abs(theirs[0][0] - value) > TOLERANCE:
            yield doc_id, table, code, value, text, page, theirs[0][0], theirs[0][1]


# a 决算 说明's subject → the budget table that prints its 预算数, by the money its section states
# it for: "一般公共预算财政拨款支出年初预算为 X 万元" is the 一般公共预算支出表's total
_CLAIM_TABLES = {"一般公共预算": "gpb_expense", "政府性基金": "gov_fund", "国有资本": "soe_capital",
                 "财政拨款": "fiscal_expense", "all": "expense"}
_WHOLE_SUBJECTS = {"gpb.total": "gpb_expense", "gov_fund.total": "gov_fund", "soe.total": "soe_capital"}


def _claim_row(subject: str | None, fund_scope: str | None) -> tuple[str, str] | None:
    """(table, row code) of the budget figure a 决算 说明's subject restates, or None."""
    if subject in _WHOLE_SUBJECTS:
        return _WHOLE_SUBJECTS[subject], "TOTAL"
    if subject and subject.startswith("func:") and subject[5:].isdigit() and fund_scope in _CLAIM_TABLES:
        return _CLAIM_TABLES[fund_scope], subject[5:]
    return None


def _final_budget_claims(store: Store, docs: Iterable[str]) -> Iterable[tuple[str, str, str, Any, str, Any]]:
    """(doc_id, table, code, 年初预算数, sentence, page) of the 决算 说明's claims that state an 年初预算."""
    wanted = set(docs)
    if not wanted:
        return
    _, rows = store.query("SELECT doc_id, subject, fund_scope, budget_initial, sentence, page FROM claims "
                          "WHERE budget_initial IS NOT NULL")
    for doc_id, subject, fund_scope, value, sentence, page in rows:
        where = _claim_row(subject, fund_scope)
        if doc_id in wanted and where is not None:
            yield doc_id, where[0], where[1], value, sentence, page


def _fact(store: Store, doc_id: str, table: str, code: str, columns: tuple[str, ...]) -> tuple[Any, Any] | None:
    """(value, page) of the one fact of a document's table row in one of ``columns``."""
    marks = ", ".join("?" for _ in columns)
    _, found = store.query(
        "SELECT value, page FROM facts WHERE doc_id = ? AND table_id = ? AND code = ? "
        f"AND column_id IN ({marks}) AND unit_name IS NULL", [doc_id, table, code, *columns])
    return (found[0][0], found[0][1]) if len(found) == 1 else None


def _claims_against_budget(store: Store, budget_of: dict[str, DocInfo]
                           ) -> Iterable[tuple[str, str, str, Any, str, Any, Any, Any]]:
    """As ``_facts_against``, for the 决算 说明's 年初预算 figures against the budget's 本年预算数."""
    seen: set[tuple[str, str, str]] = set()
    for doc_id, table, code, value, sentence, page in _final_budget_claims(store, budget_of):
        if (doc_id, table, code) in seen:
            continue
        seen.add((doc_id, table, code))
        theirs = _fact(store, budget_of[doc_id].doc_id, table, code, ("total",))
        if theirs is not None and abs(theirs[0] - value) > TOLERANCE:
            yield doc_id, table, code, value, sentence, page, theirs[0], theirs[1]


@corpus_rule("Y964", "决算所列预算数与同年公开的预算不一致", "warning")
def final_budget_against_budget(store: Store) -> Iterable[CorpusProblem]:
    """查什么：部门决算表格中的预算数（如“三公”经费支出决算表每一项的预算数，列名 budget）与同一部门同一年度公开的部门预算
    同一表、同一行的本年预算数（列名 total）是否相同。
    决算说明所称的年初预算数（“一般公共预算财政拨款支出年初预算为 X 万元”，及各项级科目“年初预算为 X 万元”）同样与该预算
    一般公共预算支出表（政府性基金、国有资本经营预算的说明对各自的支出表）的合计行或同一科目行的本年预算数核对。
    为什么：决算对照的是年初预算，即当年公开的预算；不一致说明决算抄错了预算数，或用了调整后的预算而未注明。
    示例：某某局 2024 年度决算“三公”经费合计预算数 6.50 万元，该局 2024 年部门预算“三公”经费合计为 5.60 万元；
    决算说明“行政运行（项）年初预算为 52.00 万元”，同年预算的一般公共预算支出表 2013901 行为 50.00 万元。
    容差：0.01 万元。部门按名称（去空格、统一括号）匹配；两份文件须同年、同一级次（部门/单位），且该年只存有一份预算。
    """
    docs = _documents(store)
    budget_of = _paired(docs, "决算", "预算", 0)
    info = {d.doc_id: d for d in docs}
    for doc_id, table, code, value, text, page, own, own_page in _facts_against(store, budget_of, ("budget",), "total"):
        d, budget = info[doc_id], budget_of[doc_id]
        yield CorpusProblem(
            doc_id,
            f"{d.department} {d.year} 年度决算 {table} 表 {code} 行的预算数 {_w(value)}，"
            f"与同年公开的预算 {_w(own)} 不一致（{budget.path}，第 {own_page} 页）",
            Location(table=table, row_code=code, column="budget", file=d.path, page=page),
            expected=shown_decimal(own), actual=shown_decimal(value), source=text)
    for doc_id, table, code, value, sentence, page, own, own_page in _claims_against_budget(store, budget_of):
        d, budget = info[doc_id], budget_of[doc_id]
        yield CorpusProblem(
            doc_id,
            f"{d.department} {d.year} 年度决算说明称 {code if code != 'TOTAL' else table + ' 合计'} 年初预算为 {_w(value)}，"
            f"同年公开的预算 {table} 表为 {_w(own)}（{budget.path}，第 {own_page} 页）",
            Location(table=table, row_code=code, column="budget_initial", section="决算说明", file=d.path, page=page),
            expected=shown_decimal(own), actual=shown_decimal(value), source=sentence)


@corpus_rule("Y965", "预算所列上年预算数与上年决算所列年初预算数不一致", "warning")
def budget_last_year_against_final(store: Store) -> Iterable[CorpusProblem]:
    """查什么：部门预算表格中的上年预算数（如“三公”经费预算表每一项的上年预算数，列名 last_year / last_year_total）与同一部门
    上一年度决算同一表、同一行的预算数（年初预算数，列名 budget）是否相同。
    为什么：两处都是上一年的年初预算：预算文件拿它与本年比较，决算文件拿它与决算数比较；不一致说明其中一处抄错，
    或一处用了调整后的预算而未注明。
    示例：某某局 2025 年部门预算“三公”经费合计上年预算数 6.50 万元，该局 2024 年度决算“三公”经费合计预算数 5.60 万元。
    容差：0.01 万元。部门按名称（去空格、统一括号）匹配；两份文件须为同一级次（部门/单位），且上一年只存有一份决算。
    """
    docs = _documents(store)
    final_of = _paired(docs, "预算", "决算", 1)
    info = {d.doc_id: d for d in docs}
    for doc_id, table, code, value, text, page, theirs, their_page in _facts_against(
            store, final_of, ("last_year", "last_year_total"), "budget"):
        d, final = info[doc_id], final_of[doc_id]
        yield CorpusProblem(
            doc_id,
            f"{d.department} {d.year} 年预算 {table} 表 {code} 行的上年预算数 {_w(value)}，"
            f"与 {final.year} 年度决算所列预算数 {_w(theirs)} 不一致（{final.path}，第 {their_page} 页）",
            Location(table=table, row_code=code, column="last_year", file=d.path, page=page),
            expected=shown_decimal(theirs), actual=shown_decimal(value), source=text)
    # the 决算 说明's 年初预算 figures, against the budget's 上年预算数 of the same table row
    budget_for = {f.doc_id: info[b] for b, f in final_of.items()}
    said = {(doc_id, table, code): (value, page) for doc_id, table, code, value, _, page
            in _final_budget_claims(store, budget_for)}
    for (final_id, table, code), (theirs, their_page) in sorted(said.items()):
        d = budget_for[final_id]
        mine = _fact(store, d.doc_id, table, code, ("last_year", "last_year_total"))
        if mine is not None and abs(mine[0] - theirs) > TOLERANCE:
            final = final_of[d.doc_id]
            yield CorpusProblem(
                d.doc_id,
                f"{d.department} {d.year} 年预算 {table} 表 {code} 行的上年预算数 {_w(mine[0])}，"
                f"与 {final.year} 年度决算说明所称年初预算 {_w(theirs)} 不一致（{final.path}，第 {their_page} 页）",
                Location(table=table, row_code=code, column="last_year", file=d.path, page=mine[1]),
                expected=shown_decimal(theirs), actual=shown_decimal(mine[0]))


def _not_a_document_rule(doc: str | None) -> Callable[[Any], list[Any]]:
    def func(document: Any) -> list[Any]:
        raise TypeError("a corpus rule runs on the store: yusuan check --db")

    func.__doc__ = doc
    return func


def catalog_entries() -> dict[str, Any]:
    """The corpus rules as entries of the rule catalog (``yusuan rules``), family ``corpus``."""
    from yusuan.audit import Rule

    return {r.code: Rule(r.code, r.title, "corpus", r.severity, "跨文件核对（yusuan check --db）",
                         _not_a_document_rule(r.func.__doc__)) for r in CORPUS_RULES}


def run_checks(store: Store, select: list[str] | None = None, ignore: list[str] | None = None
               ) -> tuple[list[tuple[str | None, Finding]], dict[str, Any]]:
    """Every selected corpus rule: (doc_id, finding) pairs, and the coverage as ``check`` reports it."""
    from yusuan.audit import selected

    findings: list[tuple[str | None, Finding]] = []
    coverage: dict[str, Any] = {"ran": [], "not_applicable": [], "not_run": [], "failed": []}
    for r in CORPUS_RULES:
        if not selected(r.code, select, ignore):
            continue
        try:
            problems = list(r.func(store))
        except Exception as exc:  # one broken rule must not hide the others' findings
            coverage["failed"].append({"rule": r.code, "reason": f"{type(exc).__name__}: {exc}"})
            continue
        coverage["ran"].append(r.code)
        for p in problems:
            findings.append((p.doc_id, Finding(rule=r.code, severity=r.severity, category="corpus",
                                               message=p.message, location=p.location, expected=p.expected,
                                               actual=p.actual, source=p.source)))
    return findings, coverage


def store_findings(store: Store, findings: list[tuple[str | None, Finding]]) -> None:
    """Replace the corpus findings in the store's findings table (scope = 'corpus')."""
    import json

    with store.transaction():
        store.execute("DELETE FROM findings WHERE scope = 'corpus'")
        rows = []
        for i, (doc_id, f) in enumerate(findings):
            loc = f.location
            rows.append((doc_id, i, "corpus", f.rule, f.severity, f.category, f.message, loc.table, loc.row_code,
                         loc.column, loc.page, f.expected, f.actual, f.source,
                         json.dumps(f.model_dump(mode="json"), ensure_ascii=False)))
        if rows:
            store.insert("findings", rows)
