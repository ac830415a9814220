"""Y310, Y312–Y315 — projects, restated figures, stated priors and listed classes of the 情况说明.

The narrative family as a whole (modules narrative_common, narrative_amounts, narrative_changes,
narrative_sums and this one) recomputes every stated number from the other numbers printed beside it
or in the tables, with the rounding the printed precision allows (yusuan.audit.tolerance).
Input: doc.claims (one Claim per stated quantity, docs/architecture.md "Claim subjects"), doc.tables, doc.projects."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.audit import CannotRun, Location, NotApplicable, Problem, rule
from yusuan.audit.tolerance import (
    amount_half_unit,
    equal_tolerance,
    fmt,
    sum_tolerance,
    verdict,
)
from yusuan.codes import load_catalog
from yusuan.model import Amount, Claim, Document, Row, Table
from yusuan.names import class_key, norm_name
from yusuan.rules.narrative_amounts import _carryover_between
from yusuan.rules.narrative_changes import _current
from yusuan.rules.narrative_common import (
    BASIS_TEMPLATE,
    ZERO,
    _cell_value,
    claim_location,
    quote,
)

# --------------------------------------------------------------------------------------------
# Y310 projects


@rule("Y310", "项目说明的预算安排规模与项目支出表不符", family="narrative", severity="warning",
      basis=BASIS_TEMPLATE, needs=("projects",))
def project_scale(doc: Document) -> Iterator[Problem]:
    """项目支出情况说明中的预算安排规模与项目支出表不符。

    查什么 What: A project's 预算安排规模 in the 项目支出情况说明 differs from the project table.

    为什么 Why: the project description is where the text says what the money buys; a scale other than
    the table's leaves the reader with two amounts for one project.

    示例 Example: "预算安排规模：11.69
    万元" for a project the table lists at 11.96.

    Each described project is found in the 一般公共预算项目支出情况表 by name (spaces and
    punctuation ignored; several rows or descriptions of one name are added up) and its amount
    compared. The described projects together may not exceed the 项目支出 total; when they are
    all the projects, they should add up to it (a difference within rounding is reported as info).

    容差 Tolerance: equal printed precision must be equal; otherwise half a unit of each last digit.
    """
    table, rows, total_amount = _project_rows(doc)
    described, names = _described_scales(doc)
    if not described:
        raise NotApplicable("项目说明未列出预算安排规模")
    by_project = _scales_by_project(doc, table, rows, described, names)
    of_total = _scales_against_total(doc, described, total_amount)
    if by_project is None and of_total is None:
        raise CannotRun("项目说明中的项目在项目支出表中均未找到")
    yield from by_project or []
    yield from of_total or []


def _project_rows(doc: Document) -> tuple[Table | None, dict[str, list[Row]], Amount | None]:
    """The project table, its project rows by name key (only when the rows read add up to its
    total), and the 项目支出 total (the table's, else the narrative's)."""
    table = doc.table("gpb_project")
    rows: dict[str, list[Row]] = {}
    total_amount: Amount | None = None
    if table is not None:
        total = next((r for r in table.rows if r.code == "TOTAL"), None)
        cv = _cell_value(total, "total") if total is not None else None
        total_amount = cv[1] if cv else None
        # project rows: named as projects, else the leaf rows (项 codes or no code)
        leaves = [r for r in table.rows if r.code != "TOTAL" and r.project and "total" in r.values]
        if not leaves:
            leaves = [r for r in table.rows if r.code != "TOTAL" and "total" in r.values and r.name
                      and (r.code is None or len(r.code) >= 7)]
        read = [r.values["total"] for r in leaves]
        # compare project by project only when the rows read add up to the table's total: a row
        # the reader missed would otherwise show as a wrong project amount
        complete = total_amount is not None and verdict(
            total_amount.value, sum((a.value for a in read), ZERO), sum_tolerance(total_amount, read)) != "error"
        if complete:
            for r in leaves:
                name = r.project or r.name
                rows.setdefault(norm_name(name), []).append(r)
    if total_amount is None:
        for c in doc.claims:
            if c.subject == "gpb.project" and c.amount is not None:
                total_amount = c.amount
                break
    return table, rows, total_amount


def _described_scales(doc: Document) -> tuple[dict[str, list[Amount]], dict[str, str]]:
    """The 预算安排规模 of the described projects by name key, and each key's printed name."""
    described: dict[str, list[Amount]] = {}
    names: dict[str, str] = {}
    for p in doc.projects:
        if p.scale is None:
            continue
        key = norm_name(p.name)
        described.setdefault(key, []).append(p.scale)
        names.setdefault(key, p.name)
    return described, names


def _scales_by_project(doc: Document, table: Table | None, rows: dict[str, list[Row]],
                       described: dict[str, list[Amount]], names: dict[str, str]) -> list[Problem] | None:
    """Each described project against its table rows; None when no project was found in the table."""
    checked = 0
    out: list[Problem] = []
    for key, scales in described.items():
        matched = rows.get(key)
        if matched is None and len(key) >= 6:
            hits = [k for k in rows if key in k or k in key]
            matched = rows[hits[0]] if len(hits) == 1 else None
        if not matched:
            continue
        checked += 1
        cells = [r.values["total"] for r in matched]
        s_text = sum((a.value for a in scales), ZERO)
        s_table = sum((a.value for a in cells), ZERO)
        tol = sum((amount_half_unit(a) for a in scales + cells), ZERO) if len(scales) + len(cells) > 2 \
            else equal_tolerance(scales[0], cells[0])
        v = verdict(s_table, s_text, tol)
        if v == "error":
            src = next(p for p in doc.projects if norm_name(p.name) == key)
            assert table is not None
            out.append(Problem(
                f"项目「{names[key]}」预算安排规模 {fmt(s_text)} 万元，项目支出表为 {fmt(s_table)} 万元",
                location=Location(table=table.id, table_title=table.title, row_name=matched[0].project
                                  or matched[0].name, file=src.source.file, page=src.source.page,
                                  line=src.source.line),
                expected=fmt(s_table), actual=fmt(s_text), source=f"项目名称：{src.name}；预算安排规模："
                f"{src.scale.text if src.scale else ''}"))
    return out if checked else None


def _scales_against_total(doc: Document, described: dict[str, list[Amount]],
                          total_amount: Amount | None) -> list[Problem] | None:
    """The described projects together against the 项目支出 total; None when nothing was compared."""
    if total_amount is None:
        return None
    all_scales = [a for v in described.values() for a in v]
    s = sum((a.value for a in all_scales), ZERO)
    tol = sum_tolerance(total_amount, all_scales)
    first = doc.projects[0]
    loc = Location(section="项目支出情况说明", file=first.source.file, page=first.source.page, line=first.source.line)
    listing = "；".join(f"{p.name} {p.scale.text}" for p in doc.projects if p.scale)
    if s - total_amount.value > tol:
        return [Problem(f"说明所列 {len(all_scales)} 个项目预算安排规模合计 {fmt(s)} 万元，超过项目支出合计 "
                        f"{total_amount.shown()}", location=loc, expected=f"≤ {total_amount.text}",
                        actual=fmt(s), source=listing)]
    if s != total_amount.value and total_amount.value - s <= tol:
        return [Problem(f"说明所列项目预算安排规模合计 {fmt(s)} 万元，与项目支出合计 {total_amount.shown()}相差 "
                        f"{fmt(total_amount.value - s)}，在四舍五入误差内", location=loc, expected=total_amount.text,
                        actual=fmt(s), severity="info", category="rounding", source=listing)]
    return None


# --------------------------------------------------------------------------------------------
# Y312 the same quantity stated twice



@rule("Y312", "说明中同一数字前后不一致", family="narrative", severity="warning", basis="算术", needs=("claims",))
def restated_differently(doc: Document) -> Iterator[Problem]:
    """说明中同一数字两次出现，金额不同。

    查什么 What: The narrative states the same quantity twice with different amounts.

    为什么 Why: the 情况说明 repeats itself by design (收支总预算 in the overview and in the 收入 / 支出
    sections; 基本支出 in the 支出 section and the 一般公共预算 section; each 类 in the 财政拨款
    overview and in the 结构 list). Two printings of one quantity that differ beyond rounding mean
    one of them is wrong, whatever the tables say.

    示例 Example: 卫生健康支出 483.92 万元 in the
    一般公共预算 overview and 438.92 万元 in its 结构 list. A 类 stated for all funds and for the
    一般公共预算 alone are different quantities and are not compared; nor are figures in a section
    of one budget unit, or qualified as carried over.

    容差 Tolerance: as for any figure printed twice — equal at equal precision, else half a unit of each
    last digit.
    """
    first: dict[tuple[str, str], Claim] = {}
    checked = 0
    for i, c in enumerate(doc.claims):
        if c.restated is not None and (stated_first := _current(doc, i)) is not None:
            # "住房公积金 208.80 万元。…2026年预算安排 201.50 万元": one item, two amounts, one paragraph
            checked += 1
            if verdict(stated_first.value, c.restated.value, equal_tolerance(stated_first, c.restated)) == "error":
                yield Problem(f"「{c.subject_text}」先称 {stated_first.shown()}，同段又称预算安排 {c.restated.shown()}",
                              location=claim_location(c), expected=stated_first.text, actual=c.restated.text,
                              source=quote(c))
        # item:/performance./assets. subjects name a line of one list, not one quantity of the document
        if c.amount is None or c.subject.startswith(("project:", "func?:", "item:", "performance.", "assets.")) \
                or c.qualified or c.unit_scoped or c.amount_is_prior:
            continue
        key = (c.subject, c.scope or c.fund_scope)  # an item's own split is not the department's
        f = first.get(key)
        if f is None:
            first[key] = c
            continue
        assert f.amount is not None
        checked += 1
        if verdict(f.amount.value, c.amount.value, equal_tolerance(f.amount, c.amount)) == "error" \
                and not _carryover_between(doc, c.subject, f.amount, c.amount):
            yield Problem(f"「{c.subject_text}」此处为 {c.amount.shown()}，前文（{f.section or '前文'}）为 "
                          f"{f.amount.shown()}", location=claim_location(c), expected=f.amount.text,
                          actual=c.amount.text, source=f"{quote(c)} ／ 前文：{quote(f)}")
    if not checked:
        raise NotApplicable("说明中没有重复表述的数字")


# --------------------------------------------------------------------------------------------
# Y313 a prior year stated outright

@rule("Y313", "同比增减额与所述上年数不符", family="narrative", severity="error", basis="算术", needs=("claims",))
def stated_prior(doc: Document) -> Iterator[Problem]:
    """写明上年数的同比表述，其增减额不等于本年数 − 上年数。

    查什么 What: A statement that names last year's amount outright ("比 2025 年年初预算数 28,479.84 万元增加
    1,476.73 万元") whose change is not current − prior.

    示例 Example: "2026 年支出预算 29,956.27 万元，比 2025 年年初预算数 28,479.84 万元增加 1,476.73 万元".

    为什么 Why: with the prior year printed, the change and the percentage follow from it; a change that
    does not is a typing slip in one of the three numbers (here 29,956.27 − 28,479.84 = 1,476.43).
    The percentage is then checked against the stated prior by rule Y305.

    容差 Tolerance: the half units of the three printed amounts.
    """
    checked = 0
    for i, c in enumerate(doc.claims):
        if c.change is None or c.direction not in ("increase", "decrease") or not c.sentence:
            continue
        cur = c.restated or _current(doc, i)
        if cur is None:
            continue
        prior = c.prior
        if prior is None:
            continue
        checked += 1
        sign = 1 if c.direction == "increase" else -1
        implied = cur.value - prior.value
        tol = amount_half_unit(cur) + amount_half_unit(prior) + amount_half_unit(c.change)
        if abs(implied - sign * c.change.value) <= tol:
            continue
        yield Problem(
            f"「{c.subject_text}」本年 {cur.shown()}，所述上年 {prior.shown()}，相差 {fmt(implied)} 万元，"
            f"而文中称{'增加' if sign > 0 else '减少'} {c.change.shown()}",
            location=claim_location(c), expected=fmt(abs(implied)), actual=c.change.text, source=quote(c))
    if not checked:
        raise NotApplicable("说明中没有写明上年金额的同比表述")


# --------------------------------------------------------------------------------------------
# Y314 / Y315 the lists of classes and sources the overview names

def _listed_names(doc: Document, kind: str) -> tuple[list[str], str, list[str], Location] | None:
    """The first "收入/支出预算包括：A、B、C。" list (bare names, no amounts) of ``kind`` in a section
    about all the money (not the 财政拨款 or 一般公共预算 sections): names, sentence, the kinds of
    income source they mention, where (read in parse: Section.lists)."""
    for s in doc.sections:
        if s.about_one_fund:
            continue
        for lst in s.lists:
            if lst.kind != kind:
                continue
            loc = Location(section=f"{s.number + '、' if s.number else ''}{s.title}", file=s.source.file,
                           page=s.source.page, line=s.source.line)
            return lst.names, lst.text, lst.source_kinds, loc
    return None


@rule("Y314", "说明列举的支出功能分类与支出表不符", family="narrative", severity="warning",
      basis=BASIS_TEMPLATE, needs=("sections", "table:expense"))
def listed_classes(doc: Document) -> Iterator[Problem]:
    """概述中“支出预算包括：……”列举的功能分类（类）与支出总体情况表不符。

    查什么 What: The overview's "支出预算包括：社会保障和就业支出、卫生健康支出、住房保障支出" names other 类
    than the 支出总体情况表 has.

    为什么 Why: the sentence is the reader's summary of where the money goes; a class left out hides a
    spending line, a class named that the table lacks points at a copied text.

    示例 Example:
    "支出预算包括：社会保障和就业支出、卫生健康支出" when the table also has 221 住房保障支出.

    Each named class is matched to a 类 row of the expense table (by name, or by the class names of
    the 政府收支分类科目); a 类 with a non-zero total that the sentence leaves out, or a named 类
    the table does not have, is reported. Names the classification does not know are ignored.

    容差 Tolerance: none — a class is there or not.
    """
    found = _listed_names(doc, "支出")
    if found is None:
        raise NotApplicable("说明中没有“支出预算包括：…”的列举")
    names, sentence, _, loc = found
    t = doc.table("expense")
    assert t is not None
    rows = {r.code: r for r in t.rows if r.code and len(r.code) == 3 and r.code.isdigit()}
    if not rows:
        raise CannotRun("支出表未读取到类级科目")
    by_name = {class_key(r.name): code for code, r in rows.items() if r.name}
    by_name.update({class_key(n): c for n, c in load_catalog().class_names("func").items()
                    if class_key(n) not in by_name})
    named: dict[str, str] = {}
    for n in names:
        code = by_name.get(class_key(n))
        if code:
            named[code] = n
    if not named:
        raise NotApplicable("列举的名称不是功能分类科目")
    nonzero = {c for c, r in rows.items() if (cv := _cell_value(r, "total")) is not None and cv[1].value != 0}
    missing = sorted(nonzero - set(named))
    extra = sorted(set(named) - set(rows))
    loc.table, loc.table_title = t.id, t.title
    if missing:
        listing = "、".join(f"{c} {rows[c].name or _class_name(c)}" for c in missing)
        yield Problem(f"说明称支出预算包括「{'、'.join(names)}」，未提及支出表中有预算的 {listing}",
                      location=loc, expected="、".join(f"{c}" for c in sorted(nonzero)),
                      actual="、".join(sorted(named)), source=sentence)
    if extra:
        listing = "、".join(named[c] for c in extra)
        yield Problem(f"说明称支出预算包括「{listing}」，支出表中没有该类支出", location=loc,
                      expected="、".join(sorted(rows)), actual="、".join(sorted(named)), source=sentence)


def _class_name(code: str) -> str:
    e = load_catalog().get(code)
    return e.name if e else ""


# income sources: the words a list uses → the income table columns they cover
# income sources: the kind a list names (NameList.source_kinds, read in parse) → the income
# table columns it covers
_SOURCE_GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("一般公共预算", ("gpb", "gpb_transfer")),
    ("政府性基金", ("gov_fund", "gov_fund_transfer")),
    ("国有资本经营预算", ("soe", "soe_transfer")),
    ("财政专户管理资金", ("fiscal_special",)),
    ("上年结转结余", ("carryover", "fiscal_carryover", "nonfiscal_carryover")),
    ("单位资金", ("unit_funds", "business", "operating", "other", "superior_grant", "subsidiary")),
]


@rule("Y315", "说明列举的收入来源与收入表不符", family="narrative", severity="warning",
      basis=BASIS_TEMPLATE, needs=("sections", "table:income"))
def listed_sources(doc: Document) -> Iterator[Problem]:
    """概述中“收入预算包括：……”列举的收入来源与收入总体情况表不符。

    查什么 What: The overview's "收入预算包括：一般公共预算、单位资金、财政拨款结转结余" names other sources than
    the 收入总体情况表 has.

    为什么 Why: as for Y314 — the summary sentence should name the money the tables show.

    示例 Example:
    "收入预算包括：一般公共预算、政府性基金预算" when the table has 单位资金 and no 政府性基金.

    Sources are compared by kind: 一般公共预算 (with its transfers from above), 政府性基金,
    国有资本经营预算, 财政专户, 单位资金 (事业收入、经营收入、其他收入 …), 上年结转结余. A kind with a
    non-zero total in the income table that the sentence leaves out, or a kind named that the
    table does not have, is reported.

    容差 Tolerance: none.
    """
    found = _listed_names(doc, "收入")
    if found is None:
        raise NotApplicable("说明中没有“收入预算包括：…”的列举")
    names, sentence, kinds, loc = found
    t = doc.table("income")
    assert t is not None
    total = next((r for r in t.rows if r.code == "TOTAL"), None)
    if total is None or len(total.values) < 2:
        raise CannotRun("收入表未读取到各来源的合计")
    named = {label for label, _ in _SOURCE_GROUPS if label in kinds}
    if not named:
        raise NotApplicable("列举的名称不是收入来源")
    known = {label for label, cols in _SOURCE_GROUPS if any(c in total.values for c in cols)}
    present = {label for label, cols in _SOURCE_GROUPS
               if any(total.values[c].value != 0 for c in cols if c in total.values)}
    loc.table, loc.table_title = t.id, t.title
    missing = [label for label, _ in _SOURCE_GROUPS if label in present and label not in named]
    extra = [label for label, _ in _SOURCE_GROUPS if label in named and label in known and label not in present]
    if missing:
        yield Problem(f"说明称收入预算包括「{'、'.join(names)}」，未提及收入表中有数的{'、'.join(missing)}",
                      location=loc, expected="、".join(sorted(present)), actual="、".join(sorted(named)), source=sentence)
    if extra:
        yield Problem(f"说明称收入预算包括{'、'.join(extra)}，收入表中该来源为零或空白",
                      location=loc, expected="、".join(sorted(present)), actual="、".join(sorted(named)), source=sentence)
