"""What else a claim's sentence and section say about it, read once after every claim is extracted.

The narrative rules (Y3xx) compare figures; whether a figure is the year's own, last year's, a
carried-over quantity, which money its section counts, which whole its share names, and which
direction words the sentence prints are questions of reading the text, answered here and kept on
the model (``Claim``: qualified … percent_word; ``Section``: about_one_fund, lists) so that no rule
reads a sentence again.

Run as the last stage of ``yusuan.parse.parse_document`` (claims come from the narrative and the
projects stages); a pure function of each claim and section, so it may run again on a merged
document with the same result.
"""

from __future__ import annotations

import re

from yusuan.blocks import RawDocument
from yusuan.model import Claim, Document, NameList, Section
from yusuan.parse.segment import Segments

# --------------------------------------------------------------------------------------------
# Qualifiers: words before the subject that make it another quantity

_QUALIFIER_RE = re.compile(
    r"(结转|结余|上年|去年|非财政)[^，,；;。]{0,6}$"
    r"|其中\s*[:：]?\s*(一般公共预算|政府性基金|国有资本(经营)?(预算)?|财政拨款|财政专户|单位资金)(拨款|资金|预算)?\s*$")
_FUND_WORD_RE = re.compile(r"(财政拨款|一般公共预算|政府性基金(预算)?|国有资本经营预算)\s*$")
# "其中一般公共预算拨款政府采购 5,499.84 万元：政府采购货物预算 …" — the list after it is that fund's
_FUND_SUBLIST_RE = re.compile(
    r"(一般公共预算|政府性基金|国有资本经营预算|财政拨款)(拨款)?[^，,；;。:：]{0,10}?[0-9][0-9,.]*\s*万?元\s*[:：]")


# "西安市社会科学院日常公用经费", "局机关日常公用经费", "某中心本级…": the quantity of one unit of
# the department (an organisation's name right before the subject), not the department's
_UNIT_OWNER_RE = re.compile(r"(?:[院局站所馆队校]|中心|委员会|办公室|机关|本级)(?:日常|的)?$")
# a year printed in the sentence before the subject, not one compared with ("比2021年", "较上年")
_YEAR_RE = re.compile(r"(?<![比较与同])(20[0-9]{2})\s*年")


def qualified(c: Claim, year: int | None = None, department: str | None = None) -> bool:
    """The subject is qualified by words before it that make it another quantity: "上年结转结余的
    一般公共预算收入" is carried-over money, not the year's 一般公共预算收入; "某院日常公用经费"
    is one unit's; "其中：2021年度…公用经费 65.56 万元" in a 2022 document is last year's."""
    if not c.sentence or not c.subject_text or c.subject.startswith(("carryover", "income.carryover",
                                                                     "income.fiscal_carryover")):
        return False
    k = _subject_position(c)
    if k <= 0:
        return False
    before = c.sentence[max(k - 12, 0):k]
    # "财政拨款收支总预算" read as "收支总预算": a whole named for one fund is that fund's
    if c.subject in ("total", "income.total", "expense.total") and _FUND_WORD_RE.search(before):
        return True
    if _owned_by_a_unit(_WS.sub("", c.sentence[:k]), department):
        return True
    if year is not None and _other_year_before(c.sentence[:k], year):
        return True
    return bool(_QUALIFIER_RE.search(before) or _FUND_SUBLIST_RE.search(c.sentence[:k]))


def _owned_by_a_unit(head: str, department: str | None) -> bool:
    """The subject is printed right after the name of one organisation, inside a list of parts
    ("其中：…，某研究院日常公用经费 65.56 万元") or after a change word ("减少某研究院日常公用经费"), and
    that organisation is not the document's department: one unit's figure, not the department's.
    "2026年，某职业技术学院收入预算" (the department naming itself, or by a short name) is none."""
    m = _UNIT_OWNER_RE.search(head)
    if m is None:
        return False
    clause = re.split(r"[，,；;。:：]", head)[-1]
    if _LIST_OPENER_RE.search(head) is None and not _CHANGE_WORD_RE.search(clause):
        return False
    owner = re.sub(r"(?:日常|的)$", "", clause[max(m.start() - (len(head) - len(clause)) - 4, 0):])
    name = _WS.sub("", department or "")
    return not any(owner[i:] in name for i in range(len(owner) - 1))


def _subject_position(c: Claim) -> int:
    """Where the claim's subject is printed in its sentence: the printing right before its amount
    ("公用经费增加 21.79 万元，减少某院日常公用经费 65.56 万元" names 公用经费 twice)."""
    assert c.sentence and c.subject_text
    k = c.sentence.find(c.subject_text)
    if k < 0 or c.amount is None:
        return k
    a = c.sentence.find(c.amount.text, k + len(c.subject_text))
    if a < 0:
        return k
    return c.sentence.rfind(c.subject_text, 0, a)


def _other_year_before(head: str, year: int) -> bool:
    """The last year printed before the subject in its sentence is not the document's year."""
    last = None
    for m in _YEAR_RE.finditer(head):
        last = m
    return last is not None and int(last.group(1)) != year


# words of a narrative section's title (a title wrapped by the PDF may be cut: "…财政拨款收支预")
_UNIT_SCOPE_WORDS = re.compile(r"预算|收入|支出|收支|拨款|财政|关于|经费|说明|情况|采购|资产|绩效|项目|概况|职能|机构|名词")


def top_section(section: str | None) -> str | None:
    """The numbered section a claim is in ("三、支出预算情况说明 / 基本支出" → its first part)."""
    if not section:
        return section
    return next((part for part in section.split(" / ") if part.strip()), section)


def unit_scoped(section: str | None) -> bool:
    """A section titled by a budget unit's name alone (一、某局本级) restates that unit's
    figures, not the department's."""
    top = top_section(section) or ""
    return bool(top.strip()) and not _UNIT_SCOPE_WORDS.search(top)


_WS = re.compile(r"[\s\u3000]+")


def amount_is_prior(c: Claim) -> bool:
    """The amount the claim carries is printed as last year's ("（去年预算数为0万元，无法计算增减
    比率）"): not this year's figure."""
    if c.amount is None or not c.sentence:
        return False
    num = re.escape(c.amount.text)
    return re.search(rf"(?:去年|上年)[^，,；;。]{{0,8}}?(?:为|是)\s*{num}\s*(?:亿元|万元|元)", c.sentence) is not None


def change_is_its_own(c: Claim) -> bool:
    """The change was read from a sentence that names the claim's subject. A change in a
    sentence that does not ("比 2025 年增加 2,734.52 万元，主要是基本支出增加…" after a list of
    classes) may belong to the whole, not to the last subject read."""
    if c.carried or not c.sentence or not c.subject_text or c.change is None:
        return True
    sentence = _WS.sub("", c.sentence)
    subject = sentence.find(_WS.sub("", c.subject_text))
    m = re.search(r"(?:增加|减少|增长|下降|上升|降低|减)了?" + re.escape(_WS.sub("", c.change.text)), sentence)
    if m is None:
        return True  # cannot tell
    if not 0 <= subject < m.start():
        return False
    return not _closes_a_list(sentence, subject, m.start())


# the words that open a list of a whole's parts: "收入 4,203.47 万元，其中：…", "包括：…"
_LIST_OPENER_RE = re.compile(r"其中|包括|分别为|分别是")
_LISTED_AMOUNT_RE = re.compile(r"[0-9][0-9,，.]*\s*(?:亿元|万元|元)")
_CHANGE_WORD_RE = re.compile(r"增加|减少|增长|下降|上升|降低|持平|减|增")


# the prior a part is compared with ("一般公共预算收入 19,828.57 万元比 2025 年初预算数 20,292.85 万元减少…")
_COMPARED_RE = re.compile(r"比|较|上年|同期|去年")


def _listed_parts(text: str) -> list[re.Match[str]]:
    """The amounts of ``text`` that are parts of a list: each begins a clause of its own (after a
    、，, or the start), not the prior of a comparison printed in the same clause."""
    out = []
    for m in _LISTED_AMOUNT_RE.finditer(text):
        clause = re.split(r"[、，,]", text[:m.start()])[-1]
        if not _COMPARED_RE.search(clause):
            out.append(m)
    return out


def _closes_a_list(sentence: str, subject: int, change: int) -> bool:
    """The change follows the last part of a list of a whole's parts, and is the whole's.

    "收入 4,203.47 万元，其中：一般公共预算拨款 4,005.29 万元、上年结余 98.18 万元、其他收入
    100.00 万元，较上年增加 142.30 万元，增长 3.50%" — the parts are enumerated (no part has a change
    of its own, none is closed by "；"), and the change after the last one is the whole's. A list
    whose parts each state their change ("其中：A 10 万元，比上年增加 1 万元；B …") is not this:
    a direction word or a "；" between the parts says each part is a clause of its own.
    """
    opener = None
    for o in _LIST_OPENER_RE.finditer(sentence, 0, subject):
        opener = o
    if opener is None or not _LISTED_AMOUNT_RE.search(sentence, 0, opener.start()):
        return False  # no whole printed before the list
    between = sentence[opener.end():change]
    if len(_listed_parts(between)) < 2:
        return False  # one part named alone: "其中：基本支出 X 万元，比上年增加 …" is that part's
    # "…分别比上年增加 100.00 万元、10.00 万元": one change a part, in the parts' order
    return "；" not in between and ";" not in between and "分别" not in between \
        and not _CHANGE_WORD_RE.search(between)


def fund_scope(c: Claim) -> str:
    """Which money a 类/款/项 or 经济分类 figure counts: the section says (all funds in the 支出
    section, 一般公共预算 in its own sections …); other subjects say it themselves."""
    if not c.subject.startswith(("func", "econ")):
        return ""
    if c.scope in ("一般公共预算", "政府性基金", "国有资本", "财政拨款"):  # "财政拨款支出主要内容如下：…"
        return c.scope
    sec = re.sub(r"\s+", "", c.section or "")
    # stems: a title wrapped by the PDF may be cut ("…2026年一般公共预")
    for stem, word in (("一般公共预", "一般公共预算"), ("政府性基", "政府性基金"), ("国有资本", "国有资本"),
                       ("财政拨款", "财政拨款"), ("三公", "三公")):
        if stem in sec:
            return word
    return "all"


# --------------------------------------------------------------------------------------------
# The whole a share is of

_EXPLICIT_BASES: list[tuple[re.Pattern[str], list[str]]] = [
    (re.compile(r"政府采购"), ["procurement.total"]),  # 授予中小企业合同金额 占政府采购支出总额的 x%
    (re.compile(r"基本支出"), ["gpb.basic", "expense.basic"]),
    (re.compile(r"三公"), ["three_public.total"]),
    (re.compile(r"政府性基金"), ["gov_fund.total"]),
    (re.compile(r"国有资本"), ["soe.total"]),
    (re.compile(r"一般公共预算"), ["gpb.total", "fiscal.total"]),
    (re.compile(r"财政拨款"), ["fiscal.total", "gpb.total"]),
    (re.compile(r"收入"), ["income.total", "total"]),
    (re.compile(r"支出|总预算|预算总|部门预算|单位预算"), ["expense.total", "total"]),
]
_SHARE_BASE_RE = re.compile(r"占\s*(?:本?(?:部门|单位))?([^0-9%％]{2,20}?)的?\s*[0-9]")
# 收入 / 支出 name the department's whole only as such ("占总支出的", "占本年收入预算的"), not inside
# another quantity's name ("占货物支出金额的", "占授予中小企业合同金额的")
_BARE_WHOLE_RE = re.compile(r"^(?:本年|全年|当年)?(?:总额|总计|合计|总数|总量|比重|比例|全部|整体)$")
_WHOLE_WORDS_RE = re.compile(r"^(?:本年|全年|当年)?(?:部门|单位)?(?:总|全部)?(?:预算)?(收入|支出)(?:预算)?"
                             r"(?:总额|总计|合计|总数|总量)?$")


def share_base(share_text: str | None) -> list[str] | None:
    """The whole a share names itself (占支出预算的 54.15%, 占基本支出经费的 17.46%), if any.

    A whole named by words that are none of the department's wholes ("占授予中小企业合同金额的 60.02%")
    is ``whole:<words>``: a share of that, which no table total is."""
    m = _SHARE_BASE_RE.search(share_text or "")
    if not m:
        return None
    words = m.group(1).strip()
    if _BARE_WHOLE_RE.match(words):
        return None  # "占总额的", "占比重": the whole of its list, named by nothing more
    for pat, bases in _EXPLICIT_BASES:
        if bases[-1] == "total" and not _WHOLE_WORDS_RE.match(words) \
                and not re.search(r"总预算|预算总|部门预算|单位预算", words):
            continue
        if pat.search(words):
            return list(bases)
    return [f"whole:{words}"]


def section_base(section: str | None) -> list[str] | None:
    """A 类/款/项 share in a section about one fund is a share of that fund's total."""
    if not section:
        return None
    if "政府性基" in section:
        return ["gov_fund.total"]
    if "国有资本" in section:
        return ["soe.total"]
    if "三公" in section:
        return ["three_public.total"]
    return None


# --------------------------------------------------------------------------------------------
# Direction words

_CHANGE_RE = re.compile(
    r"(增加|增长|上升|提高|上涨|减少|下降|降低|压减|增|减)了?\s*([0-9][0-9,，]*(?:\.[0-9]+)?)\s*(万元|元|亿元|[%％])"
)
WordPair = tuple[tuple[str, str] | None, tuple[str, str] | None]


def _word_pairs(sentence: str) -> list[WordPair]:
    """(amount change word, number), (percent change word, number) pairs in order of the text."""
    pairs: list[WordPair] = []
    for m in _CHANGE_RE.finditer(sentence):
        word, num, unit = m.group(1), m.group(2), m.group(3)
        if unit in ("%", "％"):
            if pairs and pairs[-1][1] is None:
                pairs[-1] = (pairs[-1][0], (word, num))
            else:
                pairs.append((None, (word, num)))
        else:
            pairs.append(((word, num), None))
    return pairs


_NUMBER_IN_TEXT = re.compile(r"[0-9][0-9,，]*(?:\.[0-9]+)?")


def _number_text(text: str | None) -> str | None:
    """The number in a printed text such as "下降 13.28 %" or "占 5.71%"."""
    if not text:
        return None
    m = _NUMBER_IN_TEXT.search(text)
    return m.group(0) if m else None


def _same_number(a: str | None, b: str | None) -> bool:
    from decimal import Decimal

    if a is None or b is None:
        return False
    try:
        return Decimal(a.replace(",", "").replace("，", "")) == Decimal(b.replace(",", "").replace("，", ""))
    except ArithmeticError:
        return False


# the reason of a change, whose own words ("主要原因是运转类经费统一压减10%") are not the change's direction
_REASON_START_RE = re.compile(r"(?:主要)?原因|主要是|主要用于")


def direction_words(c: Claim) -> tuple[str | None, str | None]:
    """The direction words the sentence uses for this claim's change amount and percentage (in
    the statement of the change, not in the reason given for it)."""
    if not c.sentence:
        return None, None
    statement = c.sentence
    if (m := _REASON_START_RE.search(statement)) is not None:
        statement = statement[: m.start()]
    for am, pc in _word_pairs(statement):
        ptext = _number_text(c.change_percent_text)
        if ptext is None:
            pc = None  # a percentage the claim does not state is no word of its change
        if am is not None and c.change is not None and _same_number(am[1], _number_text(c.change.text)) and (
                pc is None or ptext is None or _same_number(pc[1], ptext)):
            return am[0], pc[0] if pc else None
        if am is None and pc is not None and c.change is None and _same_number(pc[1], ptext):
            return None, pc[0]
    return None, None


# --------------------------------------------------------------------------------------------
# Sections: the fund a section is about, and the bare lists of sources and classes it names

_LIST_RE = re.compile(r"(收入|支出)(?:预算)?包括\s*[:：]\s*([^。；;]*)")

# income sources: the words a list uses → the kind of source (the income-table columns of each
# kind are the rule's business, Y315)
_SOURCE_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("一般公共预算", re.compile(r"一般公共预算|公共财政")),
    ("政府性基金", re.compile(r"政府性基金")),
    ("国有资本经营预算", re.compile(r"国有资本")),
    ("财政专户管理资金", re.compile(r"财政专户|教育收费")),
    ("上年结转结余", re.compile(r"结转|结余")),
    ("单位资金", re.compile(r"单位资金|事业收入|经营收入|其他收入|上级补助|附属单位|其他资金")),
]


def about_one_fund(title: str) -> bool:
    """A section about one fund's money (财政拨款, 一般公共预算 …), not about all of it."""
    title = re.sub(r"\s+", "", title)
    return any(w in title for w in ("财政拨款", "一般公共预", "政府性基", "国有资本", "三公"))


def name_lists(text: str) -> list[NameList]:
    """The bare lists "收入/支出预算包括：A、B、C。" (names, no amounts) a section's text prints."""
    out: list[NameList] = []
    for m in _LIST_RE.finditer(text):
        if re.search(r"[0-9]", m.group(2)):
            continue
        names = [n.strip(" 　“”\"") for n in re.split(r"[、，,]", m.group(2)) if n.strip(" 　“”\"")]
        if names:
            kinds = [label for label, pat in _SOURCE_WORDS if any(pat.search(n) for n in names)]
            out.append(NameList(kind=m.group(1), names=names, text=m.group(0), source_kinds=kinds))
    return out


def read_section_details(s: Section) -> None:
    s.about_one_fund = about_one_fund(s.title)
    s.lists = name_lists(s.text)


def read_claim_details(c: Claim, year: int | None = None, department: str | None = None) -> None:
    c.qualified = qualified(c, year, department)
    c.amount_is_prior = amount_is_prior(c)
    c.change_is_its_own = change_is_its_own(c)
    c.unit_scoped = unit_scoped(c.section)
    c.fund_scope = fund_scope(c)
    c.share_base = share_base(c.share_text)
    c.section_base = section_base(c.section)
    c.amount_word, c.percent_word = direction_words(c)


def read_details(doc: Document) -> None:
    """Fill the detail fields of every claim and section of ``doc`` (see the module docstring),
    and what the sections and the 目录 say they explain (yusuan.parse.section_details)."""
    from yusuan.parse.performance_details import read_performance_details
    from yusuan.parse.section_details import read_section_details as read_topics
    from yusuan.parse.wording_marks import read_text_marks

    read_topics(doc)
    read_performance_details(doc)
    for s in doc.sections:
        read_section_details(s)
    for c in doc.claims:
        read_claim_details(c, doc.year, doc.department)
    _changes_to_their_wholes(doc.claims)
    read_text_marks(doc)


def _list_whole(claims: list[Claim], c: Claim) -> Claim | None:
    """The whole whose list of parts the change of ``c`` closes: the claim of the same sentence
    printed last before the list opens, with an amount and no change of its own."""
    if c.change is None or c.change_is_its_own or c.carried or not c.sentence or not c.subject_text:
        return None
    sentence = _WS.sub("", c.sentence)
    subject = sentence.find(_WS.sub("", c.subject_text))
    opener = None
    for o in _LIST_OPENER_RE.finditer(sentence, 0, max(subject, 0)):
        opener = o
    if opener is None:
        return None
    whole = None
    for w in claims:
        if w is c or w.sentence != c.sentence or w.amount is None or not w.subject_text:
            continue
        at = sentence.find(_WS.sub("", w.subject_text))
        if 0 <= at < opener.start() and w.change is None and w.change_percent is None and w.direction is None:
            whole = w
    return whole


def _changes_to_their_wholes(claims: list[Claim]) -> None:
    """A change that closes a list of a whole's parts (``_closes_a_list``) is stated for the whole:
    "收入 4,203.47 万元，其中：…其他收入 100.00 万元，较上年增加 142.30 万元，增长 3.50%" — the
    whole is given the change, so that it is checked against the whole. Idempotent: a whole that
    has its change already is left alone."""
    for c in claims:
        w = _list_whole(claims, c)
        if w is None:
            continue
        w.change, w.direction, w.compared_to = c.change, c.direction, c.compared_to
        w.change_percent, w.change_percent_text = c.change_percent, c.change_percent_text
        w.change_is_its_own = change_is_its_own(w)
        w.amount_word, w.percent_word = direction_words(w)


def parse_claim_details(raw: RawDocument, segs: Segments, doc: Document) -> None:
    """The pipeline stage: details of every claim and section (needs only the Document)."""
    read_details(doc)
