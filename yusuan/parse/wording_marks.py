"""Template leftovers and slips in the printed text, found once so that the wording rules (Y8xx)
compare fields: placeholders (XX局, 202X), alternatives left unchosen (增加（减少）), empty reasons
(主要原因是。), doubled punctuation, years (in headings, in template phrases, in asset dates),
superseded class names, 部门/单位 in headings, malformed numbers.

Each is a ``TextMark`` on ``Document.text_marks``, naming its passage by index in
``yusuan.passages.passages(doc)`` and where it stands in it. Run with yusuan.parse.claim_details
(the last parse stage).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yusuan.codes import SUPERSEDED_NAMES
from yusuan.model import Document, TextMark
from yusuan.passages import Passage, passages

_PLACEHOLDER_RE = re.compile(
    r"(?<![A-Za-z])[XxＸｘ×＊*]{2,}(?![A-Za-z])"  # XX局, XXX, ××, ＊＊
    r"|20[0-9Xx][Xx×](?=\s*年)|(?<![0-9])20[Xx×]{2}"  # 202X年, 20XX
    r"|(?<![A-Za-z0-9.])[XxＸ×]\s*(?=(?:万元|元|个|人|家|项|辆|台|%|％|年|月|日))"  # X万元, X个
    r"|某某|〇〇|○○|□□"
    r"|请(?:填写|输入|在此)|此处(?:填写|填列|输入)|[（(]\s*(?:单位名称|部门名称|填写)[^）)]{0,10}[）)]"
)

_UP = r"(?:增加|增长|上升|提高)"
_DOWN = r"(?:减少|下降|降低)"
# 本部门（单位） is not among them: it is the templates' generic wording for "the department or unit
# publishing", true of either, not a choice left open
_ALTERNATIVE_RE = re.compile(
    rf"{_UP}\s*[（(/／、或]\s*{_DOWN}(?:\s*[）)])?|{_DOWN}\s*[（(/／、或]\s*{_UP}(?:\s*[）)])?"
    r"|增\s*[（(/／]\s*减(?:\s*[）)])?|减\s*[（(/／]\s*增(?:\s*[）)])?"
    r"|是\s*[（(/／]\s*否(?:\s*[）)])?|有\s*[（(/／]\s*无\s*[）)]"
)

_EMPTY_REASON_RE = re.compile(
    r"(?:主要)?原因(?:是|为|系)\s*[:：]?\s*(?:[。；;，,]|$)|(?:主要)?原因\s*[:：]\s*(?:[。；;，,]|$)"
    r"|主要用于\s*[:：]?\s*(?:[。；;]|$)"
    r"|(?:主要)?(?:原因|用于)(?:是|为)?\s*[:：]\s*[:：]"
)

_DOUBLE_PUNCT_RE = re.compile(r"([。，；、：！？])\1+|[,，][,，]|[，、；：][。；]|。[，；、：]|；[，、]")

_YEAR_RE = re.compile(r"(?<![0-9])(20[0-9]{2})\s*年")
_TEMPLATE_YEAR_RE = re.compile(
    r"(?<![0-9])(20[0-9]{2})\s*年\s*(?:度)?\s*(?:"
    r"预算数为|(?:部门|单位)(?:预算|收支预算)|收支(?:总)?预算|一般公共预算(?:当年)?拨款(?:合计|情况)|"
    r"财政拨款收支总预算|所有收入和支出|收入预算|支出预算|财政拨款“三公”|“三公”经费预算)"
)
_COMPARISON_BEFORE = re.compile(r"(?:比|较|与|同|截至|截止|自|从|于|和|及|对比|相比|上年|即)\s*$")
_ASSET_DATE_RE = re.compile(r"截[至止]\s*(20[0-9]{2})\s*年\s*(?:底|末|12\s*月\s*31\s*日)")
_ANY_YEAR = re.compile(r"(?=([0-9]{4})\s*年)")

_CLASS_MARK_RE = re.compile(r"\s*[（(]\s*[类款项]\s*[）)]")

_LEVEL_RE = re.compile(r"(?<![业政算属级位门])(部门|单位)(?=\s*(?:\d{4}\s*年)?\s*(?:预算|决算|收支|收入|支出|整体))"
                       r"(?!\s*预算(?:支出)?经济分类)")  # 部门预算支出经济分类 is the classification's name

# an amount with two decimal points ("1,541.50.00万元") or digit groups of the wrong size
# ("1,5416.50万元", "12,34万元"); what follows is a unit, so that lists and dates are not read
_MALFORMED_NUMBER_RE = re.compile(
    r"(?<![\d.,，])\d[\d,，]*\.\d+\.\d+\s*(?:亿元|万元|千元|元|%|％)"
    r"|(?<![\d.,，])\d{1,3}(?:,\d{3})*,(?:\d{1,2}|\d{4,})(?![\d,])(?:\.\d+)?\s*(?:亿元|万元|千元|元)"
)


def _mark(i: int, kind: str, m: re.Match[str], **extra: object) -> TextMark:
    return TextMark(passage=i, kind=kind, start=m.start(), end=m.end(), text=m.group(0), **extra)


def _heading_marks(i: int, text: str) -> Iterator[TextMark]:
    for m in _YEAR_RE.finditer(text):
        before = text[:m.start()]
        quoted = before.count("“") > before.count("”") or before.count("《") > before.count("》")
        yield _mark(i, "heading_year", m, year=int(m.group(1)), quoted=quoted,
                    after_comparison=_COMPARISON_BEFORE.search(before) is not None)
    for m in _LEVEL_RE.finditer(text):
        yield _mark(i, "level", m, word=m.group(1))


def _body_marks(i: int, text: str) -> Iterator[TextMark]:
    for m in _EMPTY_REASON_RE.finditer(text):
        before = text[max(m.start() - 2, 0):m.start()]
        if "无" in before or "不" in before:  # "无变动原因" is a statement, not an empty reason
            continue
        yield _mark(i, "empty_reason", m)
    for m in _TEMPLATE_YEAR_RE.finditer(text):
        sentence_before = re.split(r"[。；;]", text[:m.start()])[-1]
        sentence_after = re.split(r"[。；;]", text[m.end():])[0]
        nearby = sorted({int(y) for y in _ANY_YEAR.findall(sentence_before + sentence_after)})
        yield _mark(i, "template_year", m, year=int(m.group(1)), years_nearby=nearby,
                    reason_before="原因" in sentence_before,
                    after_comparison=_COMPARISON_BEFORE.search(text[max(m.start() - 6, 0):m.start()]) is not None)
    for m in _ASSET_DATE_RE.finditer(text):
        yield _mark(i, "asset_date", m, year=int(m.group(1)))


def _superseded_marks(i: int, text: str) -> Iterator[TextMark]:
    for old, _new, _code, _since, needs_mark in SUPERSEDED_NAMES:
        for m in re.finditer(re.escape(old), text):
            if needs_mark and not _CLASS_MARK_RE.match(text, m.end()):
                continue
            yield _mark(i, "superseded", m, word=old)


def passage_marks(i: int, p: Passage) -> Iterator[TextMark]:
    """The marks of one passage, kind by kind in the order the rules report them."""
    text = p.text
    for m in _PLACEHOLDER_RE.finditer(text):
        if not set(m.group(0)) <= {"*", "＊"}:  # markdown emphasis is not a placeholder
            yield _mark(i, "placeholder", m)
    for m in _ALTERNATIVE_RE.finditer(text):
        yield _mark(i, "alternative", m)
    for m in _DOUBLE_PUNCT_RE.finditer(text):
        yield _mark(i, "double_punct", m)
    if p.kind in ("heading", "table"):
        yield from _heading_marks(i, text)
    if p.kind == "body":
        yield from _body_marks(i, text)
    if p.kind not in ("table", "preparer"):
        yield from _superseded_marks(i, text)
    if p.kind in ("body", "glossary"):
        for m in _MALFORMED_NUMBER_RE.finditer(text):
            yield _mark(i, "malformed_number", m)


def read_text_marks(doc: Document) -> None:
    doc.text_marks = [mark for i, p in enumerate(passages(doc)) for mark in passage_marks(i, p)]
