"""Trust guards: what the engine does with the rules' findings before a reviewer sees them.

A rule checks what was read. When the reading itself is doubtful, its findings say more about
yusuan than about the document; a reviewer who sends them back to a department loses trust in
every other finding. The guards run after every rule, on all the findings of one document, in the
order of ``GUARDS`` (the one list of them); each is a plain function ``(doc, findings) -> findings``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.audit import Finding, Location
from yusuan.audit.grouping import NUMBER_RE, finding_id, first_number
from yusuan.model import Document, Provenance, ReadingProblem, Table

GUARD_RULE = "Y021"

# rule families whose findings rest on a table's figures: its own sums (Y1xx, 决算 Y9xx), the same
# figure in two tables (Y2xx), the narrative against the table (Y3xx)
_RESTING = ("Y1", "Y2", "Y3", "Y9")
# the table's own arithmetic: what decides whether its reading is doubtful
_OWN = ("Y1", "Y9")
_GENERIC_COLUMN = re.compile(r"^col\d+$")


@dataclass
class _TableCase:
    table: Table
    own: list[Finding] = field(default_factory=list)  # its own arithmetic errors
    resting: list[Finding] = field(default_factory=list)  # every error/warning that rests on it


def _cell_value(table: Table, f: Finding) -> Decimal | None:
    """The printed figure a finding is about, in 万元, from the model (the message may print 元)."""
    loc = f.location
    for row in table.rows:
        if row.code == loc.row_code and (loc.row_name is None or row.name == loc.row_name):
            a = row.values.get(loc.column or "")
            if a is not None:
                return a.value
    return None


def _gap(table: Table, f: Finding) -> Decimal | None:
    expected = first_number(f.expected)
    actual = _cell_value(table, f)
    if actual is None:
        # a blank cell (「（空白）」) counts as nothing printed
        actual = first_number(f.actual) if f.actual and NUMBER_RE.search(f.actual) else Decimal(0)
    if expected is None or actual is None:
        return None
    return abs(expected - actual)


def _gap_clusters(gaps: Sequence[Decimal]) -> int:
    """How many different differences: one printed error carried up the hierarchy shows the same
    difference (to a cent of rounding) in every row above it."""
    clusters = 0
    last: Decimal | None = None
    for g in sorted(gaps):
        if last is None or g - last > max(Decimal("0.05"), last * Decimal("0.001")):
            clusters += 1
        last = g
    return clusters


def reading_signals(doc: Document, table: Table) -> list[str]:
    """What the reading account says against this table (Chinese): columns inferred or left
    unnamed, figures not placed in a column, a reading problem on its pages."""
    out = []
    inferred = [c.header or c.id for c in table.columns if c.inferred]
    if inferred:
        out.append(f"列名由勾稽关系推定（{'、'.join(inferred[:3])}）")
    used = {k for r in table.rows for k in r.values}
    unnamed = [c.header or c.id for c in table.columns if _GENERIC_COLUMN.match(c.id) and c.id in used]
    if unnamed:
        out.append(f"有未识别表头的列（{'、'.join(unnamed[:3])}）")
    unplaced = sum(len(r.unplaced) for r in table.rows)
    if unplaced:
        out.append(f"{unplaced} 个数字未能定列")
    guessed = sum(1 for r in table.rows for a in r.values.values() if a.source.inferred)
    if guessed:
        out.append(f"{guessed} 个数字的所在列为推定")
    pages = {p for p in (table.source.page, *(r.source.page for r in table.rows)) if p is not None}
    if any(p.source.page in pages for p in doc.reading.problems if p.stage != "audit"):
        out.append("读取情况在该表所在页报告了问题")
    return out


_GATED_ROWS = re.compile(r"(\d+)\s*行")


def _widely(table: Table, own: Sequence[Finding]) -> tuple[bool, int, int]:
    """Whether these errors of the table's own arithmetic fail it widely: ≥ 3 rows with ≥ 3
    different differences, or one rule's errors already collapsed as an unreliable table
    (``helpers.gate``: ≥ 4 rows and > 30 % of those it checked). Also the rows and differences."""
    # ``helpers.gate`` collapses a rule's errors on a table into one finding on the whole table
    gated = [f for f in own if f.category == "unreliable-table" and f.location.row_code is None
             and f.location.row_name is None]
    rows = {(f.location.row_code, f.location.row_name) for f in own if f not in gated}
    n_rows = len(rows) + sum(int(m.group(1)) if (m := _GATED_ROWS.search(f.actual or "")) else 4 for f in gated)
    gaps = [g for g in (_gap(table, f) for f in own if f not in gated) if g is not None]
    clusters = _gap_clusters(gaps) + (3 * len(gated))
    return bool(gated) or (len(rows) >= 3 and _gap_clusters(gaps) >= 3), n_rows, clusters


def _doubtful(doc: Document, case: _TableCase) -> tuple[bool, list[str], int, int]:
    wide, rows, clusters = _widely(case.table, case.own)
    if not wide:
        return False, [], rows, clusters
    signals = reading_signals(doc, case.table)
    by_rule: dict[str, list[Finding]] = {}
    for f in case.own:
        by_rule.setdefault(f.rule, []).append(f)
    # a table printed wrongly (a shifted column in the print itself) fails one check widely and is
    # read exactly as printed; a misreading fails several independent checks, or leaves a trace in
    # the reading account
    wide_rules = sum(1 for fs in by_rule.values() if _widely(case.table, fs)[0])
    return bool(signals) or wide_rules >= 2, signals, rows, clusters


def doubtful_reading(doc: Document, findings: Sequence[Finding]) -> list[Finding]:
    """疑似读取有误：一张表自身的勾稽大面积不符时，依据此表的错误作为一条“读取存疑”报告，而不作为文件的错误。

    查什么：每张表自身的算术核对（Y1xx、Y9xx）报告的错误：不符的行数、差额的种类，以及读取情况对该表的记录（列名推定、未识别表头的列、未定列的数字、该表所在页的读取问题）。
    What: for each table, the errors of its own arithmetic (Y1xx, Y9xx): how many rows fail, how
    many different differences they show, and what the reading account says of the table.

    为什么：印错一个数，差额沿上级科目一路相同（一行错，三行同差）；读错一张表（列错位、编码丢失、两列并作一列），几乎每行都不平，差额各不相同。后者报告成几十条“文件错误”，审核人发回单位便是错发。依据此表的所有发现（表内勾稽、跨表核对、说明与表）于是合为一条“疑似读取有误”（警告），列出所依据的发现，并记入读取情况，请审核人对照原表。
    Why: one misprinted figure carries the same difference up its parents; a misread table
    (columns shifted, codes lost, two columns merged) fails almost every row with a different
    difference each. The second, reported as dozens of errors of the document, would be sent back
    wrongly. All findings resting on that table (its own sums, cross-table, narrative vs table)
    then become one warning «疑似读取有误» naming them, counted in the reading account.

    示例：支出表基本支出列整列右移一格：12 行“合计≠基本+项目”、差额 12 种 → 一条 Y021 警告，原 12 条 Y103、3 条 Y207、2 条 Y301 列为依据；同一表只有「214」一行错、其上级同差 → 照常报告错误。
    Example: an expense table whose 基本支出 column was read one cell to the right: 12 rows fail
    with 12 different differences → one Y021 warning listing the 12 Y103, 3 Y207 and 2 Y301 it
    replaces. One wrong row whose parents show the same difference stays an error.

    容差：大面积不符 = 不符的行 ≥ 3 且差额 ≥ 3 种（相差 0.05 万元或 0.1% 以内算同一种），或某条规则已把该表判为整表不平衡（≥ 4 行且 > 30%）；并且读取情况对该表有记录，或至少两项互相独立的表内核对（如上下级科目、分列）各自大面积不符。只有一项核对大面积不符、读取情况又无记录的表，可能是文件本身印错（整列错位印刷），照常报告错误。
    Tolerance: failing widely = ≥ 3 failing rows with ≥ 3 different differences (within 0.05 万元
    or 0.1 % counts as one), or a rule that already judged the whole table unbalanced (≥ 4 rows,
    > 30 %); and either the reading account records something on the table, or at least two
    independent checks of the table (parents vs children, columns) each fail widely. A table
    failing one check widely and read without any trace may be printed wrongly: that stays an error.
    """
    cases: dict[tuple[str, str], _TableCase] = {}
    for t in doc.tables:
        cases.setdefault((t.id, t.title), _TableCase(t))
    by_id: dict[str, list[_TableCase]] = {}
    for c in cases.values():
        by_id.setdefault(c.table.id, []).append(c)

    def case_of(loc: Location) -> _TableCase | None:
        if loc.table is None:
            return None
        if loc.table_title is not None:
            return cases.get((loc.table, loc.table_title))
        same = by_id.get(loc.table, [])
        return same[0] if len(same) == 1 else None

    for f in findings:
        if f.severity == "info" or not f.rule.startswith(_RESTING):
            continue
        on = case_of(f.location)
        if on is None:
            continue
        on.resting.append(f)
        if f.rule.startswith(_OWN) and (f.severity == "error" or f.category == "unreliable-table"):
            on.own.append(f)
    for f in findings:  # a cross-table finding located on the other table names this one
        if f.rule.startswith("Y2") and f.severity != "info":
            for c in cases.values():
                if c.table.title and c.table.title in f.message and f not in c.resting:
                    c.resting.append(f)

    before: dict[int, list[Finding]] = {}  # id() of a finding → the Y021 findings that go before it
    dropped: set[int] = set()
    for c in cases.values():
        doubtful, signals, rows, clusters = _doubtful(doc, c)
        if not doubtful or not c.resting:
            continue
        guard = _guard_finding(c, signals, rows, clusters)
        first = min(c.resting, key=lambda f: next(i for i, g in enumerate(findings) if g is f))
        before.setdefault(id(first), []).append(guard)
        dropped.update(id(f) for f in c.resting)
        _count_in_reading(doc, c.table, guard)
    out: list[Finding] = []
    for f in findings:
        out.extend(before.get(id(f), []))
        if id(f) not in dropped:
            out.append(f)
    return out


def _guard_finding(c: _TableCase, signals: list[str], rows: int, clusters: int) -> Finding:
    t = c.table
    rules = Counter(f.rule for f in c.resting)
    listed = "、".join(f"{r}×{n}" for r, n in sorted(rules.items()))
    examples = "；".join(f.message[:80] for f in c.own[:2])
    why = f"；读取情况：{'；'.join(signals)}" if signals else ""
    loc = Location(table=t.id, table_title=t.title, file=t.source.file, page=t.source.page)
    return Finding(
        rule=GUARD_RULE,
        severity="warning",
        category="reading",
        message=(f"「{t.title or t.id}」疑似读取有误：表内 {rows} 行勾稽不符，差额 {clusters} 种各不相同{why}。"
                 f"更像是列位、科目编码读取出错，而非文件本身的错误；依据此表的 {len(c.resting)} 条发现"
                 f"（{listed}）未作为文件错误报告，请对照原表核对。例如：{examples}"),
        location=loc,
        expected="表内勾稽成立",
        actual=f"{rows} 行不符、差额 {clusters} 种",
        source=t.title,
        related=[finding_id(f.rule, f.location.model_dump()) for f in c.resting],
    )


def _count_in_reading(doc: Document, table: Table, guard: Finding) -> None:
    """The reading account counts a doubtful table: a reading problem of stage ``audit``, so the
    account is no longer complete and says why."""
    r = doc.reading
    message = f"表“{table.title or table.id}”疑似读取有误（{guard.actual}），依据它的核对未作为文件错误报告"
    r.problems.append(ReadingProblem(stage="audit", message=message,
                                     source=Provenance(file=table.source.file, page=table.source.page)))
    r.complete = False
    r.reasons.append(message)


Guard = Callable[[Document, Sequence[Finding]], list[Finding]]

# the one list of guards, in the order they run (after every rule, before one-problem-one-finding)
GUARDS: tuple[tuple[str, Guard], ...] = (
    (GUARD_RULE, doubtful_reading),
)
