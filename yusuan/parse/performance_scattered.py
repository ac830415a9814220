"""Performance tables printed as scattered text (every cell fragment on its own line): indicators rebuilt from the anchors that survive scattering."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from yusuan.amounts import is_number, parse_number
from yusuan.blocks import TextLine
from yusuan.model import Indicator, Provenance
from yusuan.parse.performance_grid import _amount, _Table
from yusuan.parse.performance_text import (
    _BASIS_WORDS,
    _EVIDENCE_WORDS,
    _LEVEL1_ONLY,
    _LEVEL2_ONLY,
    _LEVEL_BOTH,
    _OP_RE,
    _SCORING_RE,
    level_slot,
    split_value,
    squash,
    tidy,
)

# ---------------------------------------------------------------------------------------------
# Scattered raw text


def _scattered_header(t: _Table, lines: list[TextLine]) -> int:
    """Read the fields above the indicators; returns the index of the first line after the
    indicator header (or len(lines) when there is none)."""
    text_parts: list[tuple[str, TextLine]] = [(ln.text.strip(), ln) for ln in lines]
    # locate the indicator header: 一级指(标) … through 佐证资(料)
    hdr = next((i for i, (s, _) in enumerate(text_parts) if squash(s).startswith("一级指")), None)
    top = text_parts[: hdr if hdr is not None else len(text_parts)]
    flat = " ".join(s for s, _ in top)
    flat_sq = squash(flat)
    m = re.search(r"(?:预算单位|部门名称(?:（盖章）)?|单位名称)[:：]?(.+?)(?=项目名称|部门联系人|联系人|项目资金|年度预算|$)", flat_sq)
    if m and m.group(1):
        t.labels["unit"] = m.group(1)
    m = re.search(r"项目名称[:：]?(.+?)(?=项目负责人|项目资金|年度预算|$)", flat_sq)
    if m and m.group(1):
        t.labels["project"] = m.group(1)
    unit = "万元"
    if re.search(r"[（(]元[)）]", flat_sq) and "万元" not in flat_sq:
        unit = "元"
    # amounts: label then number, labels may be split over lines ("年度预算" / "总额：")
    patterns = [
        ("total", r"(?:年度预算总额|年度资金总额|资金总额|预算总额)[:：]?"),
        ("fiscal", r"(?:其中[:：]?)?财政拨款[:：]?"),
        ("other", r"其他资金[:：]?"),
        ("upper", r"上级安排[:：]?"),
        ("local", r"本级安排[:：]?"),
    ]
    # walk the squashed text keeping a map back to lines for provenance
    for name, pat in patterns:
        mm = re.search(pat + r"([0-9][0-9,，]*(?:\.[0-9]+)?)", flat_sq)
        if mm:
            num = mm.group(1)
            src = next((ln for s, ln in top if num in squash(s)), None)
            amt = _amount(num, unit, src.line if src else None, src.page if src else None)
            if amt is not None:
                t.amounts[name] = amt
    mg = re.search(r"(?:项目总体目标|年度绩效目标|总体目标)[:：]?(.+)$", flat)
    if mg:
        goal = mg.group(1)
        t.goal = tidy(goal.replace(" ", "")) if goal else None
    if hdr is None:
        return len(lines)
    # skip the header fragments up to 佐证资(料)
    j = hdr
    while j < len(text_parts) and not squash(text_parts[j][0]).startswith(("佐证", "料")):
        j += 1
    while j < len(text_parts) and squash(text_parts[j][0]) in ("佐证资料", "佐证资", "料", "佐证"):
        j += 1
    return j


_KNOWN_LEVELS = _LEVEL1_ONLY | _LEVEL2_ONLY | _LEVEL_BOTH


def _level_prefix(frags: list[str]) -> tuple[str | None, int]:
    """Join leading fragments while they build a level name; (name, fragments used).

    A known name ends the join at once (``产出指`` + ``标`` is 产出指标, never 产出指标数量指标)."""
    acc = ""
    generic: tuple[str | None, int] = (None, 0)
    for n, f in enumerate(frags[:4]):
        acc += squash(f)
        if acc in _KNOWN_LEVELS:
            return acc, n + 1
        if generic[0] is None and acc.endswith("指标") and 4 <= len(acc) <= 9:
            generic = (acc, n + 1)
        if len(acc) > 9:
            break
    return generic


@dataclass
class _Tok:
    text: str
    line: TextLine


def _parts(text: str) -> list[str]:
    """Space-separated cells of one printed line; a date keeps its pieces (``2023年 11``)."""
    out: list[str] = []
    for p in text.strip().split():
        if out and out[-1].endswith("年") and re.match(r"^[0-9]{1,2}(月|$)", p):
            out[-1] += " " + p
        else:
            out.append(p)
    return out


def _complete(cell: str) -> bool:
    """Whether a cell printed on one line needs no continuation (for page-split rows)."""
    s = squash(cell)
    return (
        is_number(s)
        or s in _BASIS_WORDS
        or s in _EVIDENCE_WORDS
        or s.endswith("赋分")
        or s in _KNOWN_LEVELS
        or bool(re.match(rf"^{_OP_RE}?[0-9.]+(%|[\u4e00-\u9fff]{{1,3}})$", s))
    )


def _split_tokens(lines: list[TextLine]) -> list[_Tok]:
    """Fragments, one per printed cell piece. A row a page break cut in two (one line holding
    the top halves of its cells, the next holding the bottom halves of the unfinished ones) is
    joined back cell by cell when the count of unfinished cells matches."""
    toks: list[_Tok] = []
    skip = False
    for n, ln in enumerate(lines):
        if skip:
            skip = False
            continue
        parts = _parts(ln.text)
        if len(parts) >= 4 and n + 1 < len(lines):
            nxt = _parts(lines[n + 1].text)
            open_cells = [j for j, p in enumerate(parts) if not _complete(p)]
            if 2 <= len(nxt) == len(open_cells) and all(len(squash(x)) <= 4 for x in nxt):
                for j, piece in zip(open_cells, nxt, strict=True):
                    parts[j] = parts[j] + piece
                skip = True
        toks.extend(_Tok(p, ln) for p in parts)
    return toks


def _take_word(toks: list[_Tok], k: int, words: tuple[str, ...]) -> tuple[str, int]:
    """Join fragments from k while they stay a prefix of one of the words; (text, next k)."""
    acc = ""
    while k < len(toks):
        cand = acc + squash(toks[k].text)
        if not any(w.startswith(cand) for w in words):
            break
        acc = cand
        k += 1
        if cand in words:
            break
    return acc, k


def _take_evidence(toks: list[_Tok], k: int) -> tuple[str, int]:
    """Evidence words, possibly several separated by commas, each possibly wrapped."""
    acc = ""
    while k < len(toks):
        s = squash(toks[k].text)
        tail = re.split(r"[,，、]", acc)[-1]
        cand_tail = tail + s.lstrip(",，、")
        if s[:1] in ",，、" and acc:
            acc += s
            k += 1
            continue
        heads = [x for x in re.split(r"[,，、]", cand_tail) if x]
        if heads and all(any(w.startswith(h) for w in _EVIDENCE_WORDS) for h in heads):
            acc += s
            k += 1
            if acc.endswith((",", "，", "、")):
                continue
            if tail + s in _EVIDENCE_WORDS and not (k < len(toks) and squash(toks[k].text)[:1] in ",，、"):
                break  # a complete word; another follows only after a comma
            continue
        break
    return acc, k


def _row_after_head(toks: list[_Tok], b: int, has_last_year: bool, problems: list[str]
                    ) -> tuple[str, str | None, Decimal | None, str, str, str | None, int]:
    """From the basis anchor at ``toks[b]`` on: (basis, 上年完成值, weight, scoring, evidence, the
    name's end carried over a page break, the next token). A missing weight is said in ``problems``."""
    n = len(toks)
    basis, k = _take_word(toks, b, _BASIS_WORDS)
    last_year: str | None = None
    weight: Decimal | None = None
    if has_last_year and k < n and not is_number(toks[k].text):
        ly = toks[k].text
        k += 1
        while k < n and not is_number(toks[k].text) and not _SCORING_RE.search(squash(toks[k].text)):
            ly += toks[k].text
            k += 1
        last_year = tidy(ly)
    if k < n and is_number(toks[k].text):
        weight = parse_number(toks[k].text)
        k += 1
    else:
        problems.append(f"指标缺少分值权重（第 {toks[min(k, n - 1)].line.line} 行附近）")
    scoring = ""
    while k < n and not any(squash(toks[k].text).startswith(w[:2]) for w in _EVIDENCE_WORDS):
        scoring += squash(toks[k].text)
        k += 1
        if scoring.endswith("赋分") or len(scoring) > 14:
            break
    evidence, k = _take_evidence(toks, k)
    carried: str | None = None
    # a page break cut the row: the next page starts with the rest of the name and the rule
    if (
        not scoring.endswith("赋分")
        and k + 1 < n
        and toks[k].line is toks[k + 1].line
        and squash(toks[k + 1].text) in ("分", "赋分")
    ):
        carried = squash(toks[k].text)
        scoring += squash(toks[k + 1].text)
        k += 2
    return basis, last_year, weight, scoring, evidence, carried, k


def _scattered_indicators(t: _Table, lines: list[TextLine], has_last_year: bool) -> list[str]:
    """Rebuild indicator rows from fragments; returns problems met (for a Diagnostic)."""
    toks = _split_tokens(lines)
    problems: list[str] = []
    lvl1: str | None = None
    lvl2: str | None = None
    i = 0
    n = len(toks)
    while i < n:
        frags = [x.text for x in toks[i:]]
        name, used = _level_prefix(frags)
        if name:
            i += used
            name2, used2 = _level_prefix([x.text for x in toks[i:]])
            if name2 and level_slot(name2) != 1:
                lvl1, lvl2 = name, name2
                i += used2
            elif level_slot(name) == 1:
                lvl1, lvl2 = name, None
            else:
                lvl2 = name
            continue
        # level3 + value: everything up to the basis anchor
        start = i
        b = i
        while b < n:
            w, _ = _take_word(toks, b, _BASIS_WORDS)
            if w in _BASIS_WORDS:
                break
            b += 1
        if b >= n:
            leftover = "".join(x.text for x in toks[start:])
            if leftover.strip():
                problems.append(f"未能读出的片段：{leftover[:40]}")
            break
        head = toks[start:b]
        basis, last_year, weight, scoring, evidence, carried, k = _row_after_head(toks, b, has_last_year, problems)
        level3, value_text, note = _split_head([x.text for x in head])
        if carried:
            level3 = (level3 or "") + carried
            note = (note + "；" if note else "") + "名称末尾印在下一页，已接上"
        op, value, unit, vnote = split_value(value_text or "")
        notes = ["由散行文本重建（rebuilt from scattered text）"]
        if note:
            notes.append(note)
        if vnote:
            notes.append(vnote)
        t.indicators.append(
            Indicator(
                level1=lvl1,
                level2=lvl2,
                level3=level3,
                operator=op,
                value=value,
                unit=unit,
                value_text=value_text,
                basis=basis or None,
                last_year=last_year,
                weight=weight,
                scoring=scoring or None,
                evidence=evidence or None,
                source=Provenance(line=toks[start].line.line, page=toks[start].line.page, inferred=True,
                                  note="；".join(notes)),
            )
        )
        i = k
    return problems


def _split_head(frags: list[str]) -> tuple[str | None, str | None, str | None]:
    """Level-3 name and value from the fragments before the basis."""
    if not frags:
        return None, None, None
    joined = " ".join(frags)
    # an operator starts the value
    m = re.search(rf"{_OP_RE}", joined)
    if m and m.start() > 0:
        name = tidy(joined[: m.start()])
        value = joined[m.start():]
        return name or None, _fix_wrapped(value), None
    # a date starts the value
    m = re.search(r"[0-9]{4}\s*年", joined)
    if m and m.start() > 0:
        return tidy(joined[: m.start()]) or None, _fix_wrapped(joined[m.start():]), None
    # one fragment with a space: name, then the value
    if len(frags) == 1 and " " in frags[0]:
        name, _, value = frags[0].rpartition(" ")
        return tidy(name), value.strip(), "名称与指标值按空格分开（推断）"
    # wrapped cells: the name's lines are as wide as its column; the first shorter line ends it
    width = len(squash(frags[0]))
    for j in range(1, len(frags)):
        if len(squash(frags[j - 1])) < width or j == len(frags) - 1:
            cut = j if len(squash(frags[j - 1])) < width else j
            name = tidy("".join(squash(f) for f in frags[:cut]))
            value = "".join(squash(f) for f in frags[cut:])
            if " " in frags[cut - 1] and cut == 1:
                pass
            return name or None, value or None, "名称与指标值按折行宽度分开（推断）"
    return tidy(frags[0]), None, "未找到指标值"


def _fix_wrapped(value: str) -> str:
    """A value wrapped over lines: ``<=3.50万`` + ``元`` → ``<=3.50万元``."""
    return re.sub(r"(?<=[^\s0-9])\s+(?=[^\s0-9<>=≥≤])", "", value.strip())


