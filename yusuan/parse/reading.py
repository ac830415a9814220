"""The reading account (读取情况): what the readers and the parser did with a document.

A clean audit report means something only if the reader says what it could not read. This module
runs after every parse stage and counts, from the RawDocument, the Segments and the Document:

* the tables the document itself lists (its 目录, its own 表N references in the text) and the
  tables the year requires (财预〔2016〕143号 for a 部门预算 from 2017), and which of them were read;
* the numbers printed in table regions, and how many of them were placed in a row and a column
  with a meaning (not ``colN``, not unplaced) — a number in no table at all counts as not placed;
* the amounts printed in the prose sections, and how many a claim carries — as its amount, its
  change, the prior year's amount it states or its amount restated (a threshold such
  as "单价100万元以上设备" is no amount and is not counted);
* the problems readers (broken, image-only pages, formulas without a cached value) and parse
  stages (a stage that raised, a performance table without indicators) recorded.

``complete`` is false when any of these falls short; the audit turns that into finding Y020.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from yusuan.blocks import Grid, RawDocument, TextLine
from yusuan.model import (
    Amount,
    Document,
    NarrativeAmounts,
    Provenance,
    Reading,
    ReadingProblem,
    Section,
    TableNumbers,
)
from yusuan.parse.claims import THRESHOLD_AFTER_RE
from yusuan.parse.narrative_accounting import about_work, in_project_detail, in_reason
from yusuan.parse.reading_performance import lost_indicator_rows
from yusuan.parse.segment import Segments
from yusuan.tables import CANONICAL_TABLES, EQUIVALENT_TABLES, REQUIRED_TABLES, match_title, norm

PLACED_MIN = 0.99  # share of table numbers that must be placed for a complete reading
IN_CLAIMS_MIN = 0.95  # share of narrative amounts that must be in claims

_GENERIC_COL_RE = re.compile(r"^col\d+$")
# a printed amount that cannot be a classification code, a year, a page or table number: it has
# decimals or digit groups. Integer amounts are not counted outside tables (they cannot be told
# from codes); inside tables the model counts them.
_DECIMAL_TOKEN_RE = re.compile(r"^[-−(（]?\d{1,3}(?:,\d{3})+(?:\.\d+)?[)）]?$|^[-−(（]?\d+\.\d{1,6}[)）]?$")
_TOKEN_SPLIT_RE = re.compile(r"[\s|]+")
_NARRATIVE_AMOUNT_RE = re.compile(r"(?<![\d.,])(\d[\d,，]*(?:\.\d+)?)\s*(?:亿元|万元|千元|元)")
# a 绩效目标表 printed as text inside a prose section (its header row "一级指标 二级指标 三级指标 指标值…"
# and the grid after it, which has no sentence end): a table, not narrative — its 上年完成值 and
# cost targets are the performance reader's (parse/performance*), not amounts the prose states
_PERF_GRID_RE = re.compile(r"一级指标\s*二级指标\s*三级指标[^。]*")


def counted_amounts(text: str) -> Iterator[re.Match[str]]:
    """The narrative amounts of a section's text (whitespace removed): thresholds and the amounts of a
    performance grid printed as text are left out."""
    grids = [m.span() for m in _PERF_GRID_RE.finditer(text)]
    for m in _NARRATIVE_AMOUNT_RE.finditer(text):
        if THRESHOLD_AFTER_RE.match(text, m.end()):
            continue  # "单价100万元以上设备": a threshold of a class of assets, not an amount stated
        if any(s <= m.start() < e for s, e in grids):
            continue
        yield m


_TABLE_REF_RE = re.compile(r"(?:见|详见|参见|附)\s*(?:附)?表\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?![0-9\-—－])")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")}
_SECTION_ENTRY_RE = re.compile(r"说明|概况|名词|职能|职责|机构设置|人员")


def _number_of(text: str | None) -> int | None:
    """``表3`` / ``表三`` / ``预算03表`` / ``表十二`` → 3, 3, 3, 12."""
    if not text:
        return None
    m = re.search(r"(\d{1,3})", text)
    if m:
        return int(m.group(1))
    m = re.search(r"([一二三四五六七八九十]{1,3})", text)
    if not m:
        return None
    s = m.group(1)
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_DIGITS[s[1]]
    if len(s) >= 2 and s[1] == "十":
        return _CN_DIGITS[s[0]] * 10 + (_CN_DIGITS[s[2]] if len(s) == 3 else 0)
    return _CN_DIGITS.get(s[0])


class _Listed:
    """One table the document or the rules name, and how to tell it was read."""

    def __init__(self, title: str, table_id: str | None = None, number: int | None = None,
                 performance: bool = False) -> None:
        self.title, self.table_id, self.number, self.performance = title, table_id, number, performance

    def key(self) -> str:
        if self.performance:
            return "performance"
        return self.table_id or (f"#{self.number}" if self.number is not None and not self.title else norm(self.title))


def _listed_tables(doc: Document) -> list[_Listed]:
    listed: dict[str, _Listed] = {}

    def add(item: _Listed) -> None:
        listed.setdefault(item.key(), item)

    for entry in doc.toc:
        title = entry.title.strip()
        if entry.part is None or _SECTION_ENTRY_RE.search(entry.part or "") and "表" not in title:
            continue
        spec = match_title(title)
        if spec is not None:
            add(_Listed(title, None if spec.skip else spec.id, _number_of(title), performance=spec.skip))
        elif (re.search(r"表\s*$|表[（(]", title) and not _SECTION_ENTRY_RE.search(title)
              and not re.search(r"报表\s*$", title)):  # “…部门预算公开报表”: the part holding the tables, not one
            add(_Listed(title, None, _number_of(title)))
    toc_numbers = {it.number for it in listed.values() if it.number is not None}
    for sec in doc.sections:
        for m in _TABLE_REF_RE.finditer(sec.text):
            n = _number_of(m.group(1))
            if n is not None and n not in toc_numbers:
                add(_Listed(f"表{n}", None, n))
                toc_numbers.add(n)
    if doc.kind == "预算" and (doc.year is None or doc.year >= 2017):
        for tid in REQUIRED_TABLES:
            if tid not in listed:
                add(_Listed(CANONICAL_TABLES[tid].strip("“”"), tid))
    return list(listed.values())


def _was_read(item: _Listed, doc: Document) -> bool:
    if item.performance:
        # a performance table printed with its header and no row (此表无数据) was read: it is empty
        return bool(doc.performance) or any(d.code == "performance-empty" for d in doc.diagnostics)
    present = {t.id for t in doc.tables}
    if item.table_id is not None:
        return item.table_id in present or any(alt in present for alt in EQUIVALENT_TABLES.get(item.table_id, ()))
    if item.title and not item.title.startswith("表"):
        key = norm(item.title)
        key = re.sub(r"^(?:附?表[0-9一二三四五六七八九十]+|[0-9一二三四五六七八九十]+[、.．])", "", key)
        if any(key and (key in norm(t.title) or norm(t.title) in key) for t in doc.tables):
            return True
    if item.number is not None:
        return (any(_number_of(t.number) == item.number for t in doc.tables)
                # "详见表11" where 表11 is a performance table (表11：…项目支出绩效表)
                or any(_PERF_NUMBER_RE.match(p.title or "") and _number_of(p.title) == item.number
                       for p in doc.performance))
    return False


_PERF_NUMBER_RE = re.compile(r"\s*(?:附?表|预算)\s*[0-9一二三四五六七八九十]+")  # 表11：… / 预算表12…
_PRINTED_MAX = 80  # a table's title line (with its number, year, unit) is short; prose is not
# a title has no sentence punctuation and states no amount (a wrapped line of prose may be short)
_NOT_TITLE_RE = re.compile(r"[，,。；;]|\d\s*(?:亿元|万元|元|%)|说明$")


def _printed_titles(raw: RawDocument, segs: Segments, doc: Document) -> list[str]:
    """Short lines printed outside the 目录 (and the first rows of grids), normalised: where a
    listed table's title would be printed if the document held the table."""
    out: list[str] = []
    toc = segs.toc
    # the 目录's pages: its last entries may fall outside the span the segmenter gave it
    toc_pages = {raw.blocks[i].page for i in range(*toc)} - {None} if toc else set()
    entries = {norm(e.title) for e in doc.toc}
    for i, b in enumerate(raw.blocks):
        if toc and toc[0] <= i < toc[1]:
            continue
        if isinstance(b, TextLine):
            t = b.text.strip()
            if (t and "表" in t and len(t) <= _PRINTED_MAX and not _NOT_TITLE_RE.search(t)
                    and not (b.page in toc_pages and norm(t) in entries)):
                out.append(norm(t))
        elif isinstance(b, Grid):
            for row in b.rows[:2]:  # a title printed as the grid's first row: its only cell
                cells = [c.text.strip() for c in row if c.text.strip()]
                if len(cells) == 1 and "表" in cells[0] and len(cells[0]) <= _PRINTED_MAX:
                    out.append(norm(cells[0]))
    return out


def _is_printed(item: _Listed, printed: list[str]) -> bool:
    """Whether the document prints the listed table's title anywhere but its 目录: a table listed
    and never printed is absent from the file (not a table the reader failed on)."""
    ids = {item.table_id, *EQUIVALENT_TABLES.get(item.table_id or "", ())} - {None}
    key = norm(item.title)
    key = re.sub(r"^(?:附?表[0-9一二三四五六七八九十]+|[0-9一二三四五六七八九十]+[、.．])", "", key)
    num_re = (re.compile(rf"^(?:附?表|预算表?)0*{item.number}(?!\d)|^预算0*{item.number}表")
              if item.number is not None and item.table_id is None and not item.performance else None)
    for text in printed:
        spec = match_title(text)
        if spec is not None and ((item.performance and spec.skip) or (spec.id in ids and not spec.skip)):
            return True
        if key and len(key) >= 4 and key in text:
            return True
        if num_re is not None and num_re.search(text):
            return True
    return False


def _model_amounts(doc: Document) -> tuple[list[Amount], int, int]:
    """Every amount of the tables, and how many are placed / placed by inference."""
    amounts: list[Amount] = []
    placed = inferred = 0
    for t in doc.tables:
        for r in t.rows:
            # a row printed with its label in a text column (采购品目大类 “货物”, a budget unit's name
            # over its items) is as placed as one with a name
            meaningful_row = bool(r.code or r.name.strip() or r.project or r.unit
                                  or any(v.strip() for v in r.texts.values()))
            for col, a in r.values.items():
                amounts.append(a)
                if meaningful_row and not _GENERIC_COL_RE.match(col) and t.id != "generic":
                    placed += 1
                    if a.source.inferred or r.source.inferred:
                        inferred += 1
            amounts.extend(r.unplaced)
    return amounts, placed, inferred


def _key(page: int | None, line: int | None, text: str) -> tuple[int | None, int | None, str]:
    return page, line, text.replace(",", "").replace(" ", "").strip("()（）")


def _prose_ranges(segs: Segments) -> list[tuple[int, int]]:
    out = [(s, e) for k, s, e, _ in segs.parts if k != "tables"]
    if segs.toc:
        out.append(segs.toc)
    return out


def _performance_zone(doc: Document) -> tuple[set[int], list[tuple[int, int]]]:
    """Pages (PDF) and line spans (text) that performance tables occupy: their numbers are
    indicator values and project amounts, counted by the performance reading, not here."""
    pages: set[int] = set()
    spans: list[tuple[int, int]] = []
    for p in doc.performance:
        lines = [p.source.line, *(i.source.line for i in p.indicators), *(a.source.line for a in p.amounts.values())]
        known = [ln for ln in lines if ln is not None]
        if known:
            spans.append((min(known), max(known) + 1))
        for pg in [p.source.page, *(i.source.page for i in p.indicators)]:
            if pg is not None:
                pages.add(pg)
    return pages, spans


def _is_fragment(raw: RawDocument, i: int) -> bool:
    """A converter's broken number: ``47.2`` on one line and its last digit ``3`` on the next
    (the parser reads the whole ``47.23`` printed beside them)."""
    nxt = raw.blocks[i + 1] if i + 1 < len(raw.blocks) else None
    return isinstance(nxt, TextLine) and re.fullmatch(r"\d{1,2}", nxt.text.strip()) is not None


UNREAD_GRID_MIN = 3  # numbers of a grid no table holds, most of the grid's: a table not read at all


def _outside_tables(raw: RawDocument, segs: Segments, doc: Document, taken: Counter[tuple[int | None, int | None,
                                                                                            str]],
                    unread_grids: Counter[int] | None = None) -> int:
    """Decimal numbers printed in table regions (and grids anywhere) that no table holds. A grid most of
    whose numbers (at least ``UNREAD_GRID_MIN``) no table holds is counted in ``unread_grids`` by its
    page: a table the parser did not take (a template's table outside the numbered set), which the
    share of placed numbers may hide in a document of many tables."""
    prose = _prose_ranges(segs)
    perf_pages, perf_spans = _performance_zone(doc)

    def in_perf(page: int | None, line: int | None) -> bool:
        if page is not None and page in perf_pages and raw.format.startswith(("pdf", "docx", "xlsx", "html")):
            return True
        return line is not None and any(a <= line < b for a, b in perf_spans)

    count = 0
    for i, b in enumerate(raw.blocks):
        cells: Iterable[tuple[str, int | None, int | None]]
        if isinstance(b, Grid):
            cells = ((c.text.strip(), c.page, c.line) for row in b.rows for c in row)
        elif isinstance(b, TextLine):
            if any(s <= i < e for s, e in prose) or _is_fragment(raw, i):
                continue
            cells = ((tok, b.page, b.line) for tok in _TOKEN_SPLIT_RE.split(b.text.strip()))
        else:
            continue
        held, missed = 0, Counter[int]()
        for text, page, line in cells:
            if not text or not _DECIMAL_TOKEN_RE.match(text) or in_perf(page, line):
                continue
            k = _key(page, line, text)
            if taken[k] > 0:
                taken[k] -= 1
                held += 1
            else:
                count += 1
                if page is not None:
                    missed[page] += 1
        if (unread_grids is not None and isinstance(b, Grid) and missed.total() >= UNREAD_GRID_MIN
                and missed.total() > held):
            unread_grids.update(missed)
    return count


def narrative_amounts(doc: Document) -> Iterator[tuple[Section, str, re.Match[str], bool]]:
    """Every amount printed in the prose sections: (its section, the section's text without spaces,
    the amount's match in it, whether a claim with a subject carries it). Read by the reading
    account and by tools/claims_gaps.py (which lists the amounts no claim carries)."""
    by_sentence: list[tuple[str, Counter[str]]] = []
    for c in doc.claims:
        if not c.subject:
            continue
        texts = Counter(a.text.replace(",", "").replace("，", "").replace(" ", "")
                        for a in (c.amount, c.change, c.prior, c.restated, c.budget_initial, c.budget_adjusted)
                        if a is not None)
        if texts:
            by_sentence.append((re.sub(r"\s+", "", c.sentence), texts))
    for sec in doc.sections:
        text = re.sub(r"\s+", "", sec.text)
        pool: Counter[str] = Counter()
        spans: dict[str, list[tuple[int, int]]] = {}  # figure → the spans of the sentences whose claims carry it
        for sentence, texts in by_sentence:
            if sentence and sentence in text:
                pool.update(texts)
                at = text.find(sentence)
                while at >= 0:
                    for t in texts:
                        spans.setdefault(t, []).append((at, at + len(sentence)))
                    at = text.find(sentence, at + 1)
        found = list(counted_amounts(text))
        carried = [False] * len(found)
        # an amount inside a claim's sentence takes the claim's figure first: the same figure printed
        # before in a reason ("…增加车辆购置经费37.38万元" / "包括公务用车购置费预算37.38万元") is not what it carries
        for inside in (True, False):
            for i, m in enumerate(found):
                t = m.group(1).replace(",", "").replace("，", "")
                if carried[i] or pool[t] <= 0 or any(a <= m.start() < b for a, b in spans.get(t, ())) != inside:
                    continue
                carried[i] = True
                pool[t] -= 1
        for m, is_carried in zip(found, carried, strict=True):
            yield sec, text, m, is_carried


def _narrative(doc: Document) -> NarrativeAmounts:
    total = in_claims = not_claims = 0
    claimed = {re.sub(r"\s+", "", c.sentence) for c in doc.claims if c.subject and c.sentence}
    with_claims: dict[int, bool] = {}
    for sec, text, m, carried in narrative_amounts(doc):
        total += 1
        in_claims += carried
        if not carried:
            if id(sec) not in with_claims:
                with_claims[id(sec)] = any(s and s in text for s in claimed)
            not_claims += (in_reason(text, m.start()) or in_project_detail(text, m.start())
                           or about_work(sec, with_claims[id(sec)]))
    return NarrativeAmounts(total=total, in_claims=in_claims, not_claims=not_claims)


def _problems(raw: RawDocument, doc: Document) -> list[ReadingProblem]:
    out: list[ReadingProblem] = []
    meta = raw.meta
    if meta.get("broken_pages"):
        out.append(ReadingProblem(stage="read", message=f"有 {meta['broken_pages']} 页无法读取（PDF 页面损坏）"))
    if meta.get("image_only_pages"):
        out.append(ReadingProblem(stage="read", message=f"第 {meta['image_only_pages']} 页只有图像、没有文字层，内容未读取"
                                                         "（需 OCR）"))
    if meta.get("formulas_without_value"):
        out.append(ReadingProblem(stage="read", message=f"公式单元格没有缓存值，未读取：{meta['formulas_without_value']}"))
    for d in doc.diagnostics:
        if d.level != "warning":
            continue
        stage = d.code.split(":", 1)[1] if d.code.startswith("stage-failed:") else d.code.split("-", 1)[0]
        out.append(ReadingProblem(stage=stage, message=d.message, source=d.source))
    return out


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%"


def compute_reading(raw: RawDocument, segs: Segments, doc: Document) -> Reading:
    """The reading account of a parsed document (see the module docstring)."""
    listed = _listed_tables(doc)
    missed = [it for it in listed if not _was_read(it, doc)]
    not_read = [it.title for it in missed]
    printed = _printed_titles(raw, segs, doc) if missed else []
    absent = [it.title for it in missed if not _is_printed(it, printed)]
    unread = [t for t in not_read if t not in absent]
    amounts, placed, inferred = _model_amounts(doc)
    taken = Counter(_key(a.source.page, a.source.line, a.text) for a in amounts)
    # a grid of the 说明 read as claims (parse/comparison_grids.py): its cells are the claims' figures
    taken.update(_key(a.source.page, a.source.line, a.text) for c in doc.claims for a in (c.amount, c.prior)
                 if a is not None and a.source.bbox is not None)
    taken.update(_key(c.change.source.page, c.change.source.line, "-" + c.change.text) for c in doc.claims
                 if c.change is not None and c.change.source.bbox is not None and c.direction == "decrease")
    taken.update(_key(c.change.source.page, c.change.source.line, c.change.text) for c in doc.claims
                 if c.change is not None and c.change.source.bbox is not None and c.direction != "decrease")
    # a project list printed as a grid in the prose (parse/projects_grid) holds its amounts
    taken.update(_key(p.scale.source.page, p.scale.source.line, p.scale.text) for p in doc.projects if p.scale)
    unread_grids: Counter[int] = Counter()
    outside = _outside_tables(raw, segs, doc, taken, unread_grids)
    numbers = TableNumbers(total=len(amounts) + outside, placed=placed, inferred=inferred, outside_tables=outside)
    narrative = _narrative(doc)
    problems = _problems(raw, doc)
    for page, n in sorted(unread_grids.items()):
        # one problem a page, located by its source (the page of a paired file is given once the
        # pipeline maps merged pages back to files; the message names it only for a single file)
        where = f"第 {page} 页" if "+" not in raw.format else "此页"
        problems.append(ReadingProblem(stage="tables", source=Provenance(page=page),
                                       message=f"{where}印有数字表格未读取（{n} 个数字不在任何表中）"))
    problems.extend(lost_indicator_rows(raw, doc))
    reasons: list[str] = []
    if absent:
        # listed (目录, "见表N", or required for the year) but printed nowhere in the file: the
        # document omits them — a true gap of the disclosure, not a table the reader missed
        reasons.append(f"所列 {len(listed)} 张表中 {len(absent)} 张文件中没有（目录、正文引用或当年规定列出，但文件未印出该表）："
                       + "、".join(absent[:6]) + ("等" if len(absent) > 6 else ""))
    if unread:
        reasons.append(f"所列 {len(listed)} 张表中 {len(unread)} 张未读到：" + "、".join(unread[:6])
                       + ("等" if len(unread) > 6 else ""))
    if numbers.total and numbers.placed < PLACED_MIN * numbers.total:
        what = f"，其中 {outside} 个不在任何表中" if outside else ""
        reasons.append(f"表格数字只有 {_pct(numbers.placed, numbers.total)} 定位到有含义的行与列"
                       f"（{numbers.placed}/{numbers.total}{what}）")
    if narrative.total and narrative.in_claims + narrative.not_claims < IN_CLAIMS_MIN * narrative.total:
        left = narrative.total - narrative.in_claims - narrative.not_claims
        reasons.append(f"说明中的金额只有 {_pct(narrative.in_claims, narrative.total)} 归入可核对的表述"
                       f"（{narrative.in_claims}/{narrative.total}"
                       + (f"，另 {narrative.not_claims} 个为原因明细或工作情况，不是对表格的表述" if narrative.not_claims else "")
                       + f"），其余 {left} 个未经核对")
    if problems:
        reasons.append(f"读取/解析阶段报告了 {len(problems)} 个问题：" + "；".join(p.message for p in problems[:3]))
    inferred_cols = [f"{t.title}：「{c.header}」→ {c.id}（{c.note}）" for t in doc.tables for c in t.columns if c.inferred]
    unnamed = [f"{t.title}：「{c.header}」" for t in doc.tables if t.id != "generic" for c in t.columns
               if _GENERIC_COL_RE.match(c.id) and any(c.id in r.values for r in t.rows)]
    return Reading(
        columns_inferred=inferred_cols,
        columns_unnamed=unnamed,
        complete=not reasons,
        tables_listed=len(listed),
        tables_read=len(listed) - len(not_read),
        tables_not_read=not_read,
        tables_absent=absent,
        tables_found=len(doc.tables),
        table_numbers=numbers,
        narrative_amounts=narrative,
        problems=problems,
        # text the pages do not show was dropped by the reader: not a gap in what was checked
        # (nothing printed went unread), but said, so a reviewer comparing with the text layer knows
        hidden_chars=int(raw.meta.get("hidden_chars", "0")),
        hidden_pages=[int(p) for p in raw.meta.get("hidden_pages", "").split(",") if p],
        reasons=reasons,
    )


def failed_reading(exc: Exception) -> Reading:
    """The account when computing it raised: incomplete, and saying so."""
    msg = f"读取情况统计出错：{type(exc).__name__}: {exc}"
    return Reading(complete=False, problems=[ReadingProblem(stage="reading", message=msg, source=Provenance())],
                   reasons=[msg])
