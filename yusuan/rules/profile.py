"""Y7xx — the 部门概况: the counts it declares against what it lists.

Input: ``doc.profile`` (declared and listed internal units, declared budget units, staff counts,
and the sentences they were read from), ``doc.budget_units`` (the budget units listed). All the
reading — including a second reading of the unit list when the first disagrees with its count —
is the profile parser's (``yusuan/parse/profile.py``); these rules only compare.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.audit import CannotRun, Location, NotApplicable, Problem, rule
from yusuan.model import Document

BASIS = "财预〔2016〕143号《地方预决算公开操作规程》"


def _location(doc: Document, key: str) -> tuple[Location, str | None]:
    """Where the sentence behind ``key`` stands (the 概况 when none was quoted), and its text."""
    q = doc.profile.quotes.get(key)
    if q is None:
        src = doc.profile.source
        return Location(section="部门概况", file=src.file, page=src.page, line=src.line), None
    return Location(section=q.section or "部门概况", file=q.source.file, page=q.source.page,
                    line=q.source.line), q.text


def _norm(name: str) -> str:
    return "".join(ch for ch in name if ch not in " \t\u3000（）()“”\"")


@rule("Y701", "内设机构个数与列举不符", family="profile", severity="warning", basis=BASIS)
def internal_unit_count(doc: Document) -> Iterator[Problem]:
    """概况所称内设机构个数（下设 n 个处室/科室/股室）与列举的个数不符。

    查什么：概况说下设 n 个内设机构（处室 / 科室 / 股室），列出的个数却不同。
    What: The 概况 declares n internal units (下设 n 个处室/科室/股室) but lists a different number.

    为什么：个数和名单是分开写的，增设、合并或更名机构时就会对不上。
    Why: the count and the list are written separately and drift apart when a unit is added,
    merged or renamed.

    示例：“下设 3 个处室，分别是：经办 1 科、经办 2 科、经办 3 科、行政办”列了四个。名单中同一机构出现两次归 Y702（名单长度可能与个数相符，不同的机构却不够）。
    Example: "下设 3 个处室，分别是：经办 1 科、经办 2 科、经办 3 科、行政办" lists
    four. A list that names one unit twice is rule Y702's (its length may match the count while the
    distinct units do not).

    容差：无——个数须准确。
    Tolerance: none — counts are exact.
    """
    declared, listed = doc.profile.declared_internal_units, doc.profile.internal_units
    if declared is None:
        raise NotApplicable("概况未声明内设机构个数")
    if not listed:
        raise CannotRun("未读取到内设机构名单")
    if len(listed) != declared:
        loc, sentence = _location(doc, "internal_units")
        yield Problem(
            f"概况称下设 {declared} 个内设机构，实际列出 {len(listed)} 个：{'、'.join(listed)}",
            location=loc, expected=str(declared), actual=str(len(listed)), source=sentence)


@rule("Y702", "内设机构名单重复", family="profile", severity="warning", basis=BASIS)
def internal_unit_duplicates(doc: Document) -> Iterator[Problem]:
    """内设机构名单中同一机构出现不止一次。

    查什么：内设机构名单中同一机构出现不止一次。
    What: The list of internal units names the same unit more than once.

    为什么：重复出现的机构，通常意味着名单漏了一个（复制粘贴顶替了本该在那里的机构）。
    Why: a unit named twice is usually a unit missing from the list (a copy-paste in place of the
    one that should be there).

    示例：“下设 8 个股室，分别是：办公室、基金财务股、…、经办服务管理股、…、经办服务管理股”——八个名称、七个机构：名单不能印证“8 个”。
    Example: "下设 8 个股室，分别是：办公室、基金财务股、…、经办服务管理股、…、经办服务管理股" —
    eight names, seven units: the count of 8 is not borne out by the list.

    容差：比较名称时忽略空格和括号。
    Tolerance: names are compared with spaces and brackets ignored.
    """
    declared, listed = doc.profile.declared_internal_units, doc.profile.internal_units
    if not listed:
        raise NotApplicable("概况未列出内设机构")
    seen: dict[str, int] = {}
    for name in listed:
        seen[_norm(name)] = seen.get(_norm(name), 0) + 1
    dups = [n for n in listed if seen.get(_norm(n), 0) > 1]
    if dups:
        names = "、".join(dict.fromkeys(dups))
        distinct = len(seen)
        tail = f"，不同名称只有 {distinct} 个" + (f"（声明 {declared} 个）" if declared is not None else "")
        loc, sentence = _location(doc, "internal_units")
        yield Problem(f"内设机构名单中「{names}」重复出现{tail}", location=loc,
                      expected=str(declared) if declared is not None else None,
                      actual=str(distinct), source=sentence)


_STAFF_KEYS = {
    "actual": ("实有人数", "实有", "actual"),
    "serving": ("在职", "在职人数", "在职人员", "serving"),
    "retired": ("退休", "退休人数", "退休人员", "retired"),
    "lixiu": ("离休", "离休人数", "离休人员", "lixiu"),
}


def _staff(doc: Document, key: str) -> int | None:
    for k in _STAFF_KEYS[key]:
        if k in doc.profile.staff:
            return doc.profile.staff[k].count
    return None


@rule("Y703", "实有人数与在职、退休、离休人数之和不符", family="profile", severity="warning", basis=BASIS,
      needs=("profile",))
def staff_total(doc: Document) -> Iterator[Problem]:
    """实有人数既不等于 在职 + 退休 + 离休，也不等于在职人数。

    查什么：实有人数既不等于在职 + 退休 + 离休，也不等于在职人数。
    What: 实有人数 is neither 在职 + 退休 + 离休 nor 在职 alone.

    为什么：人数是人员经费的依据；人数互相矛盾，人员经费就无法核对。
    Why: staff counts are the basis of 人员经费; counts that contradict each other make it
    uncheckable.

    示例：“实有人数 110 人，其中：在职 107 人；退休 5 人；离休 0 人”（合计 112）。
    Example: "实有人数 110 人，其中：在职 107 人；退休 5 人；离休 0 人" (112).

    Most templates print "实有人数 112 人，其中：在职 107 人…；退休 5 人…；离休 0 人…", so the three
    add up to 实有. Some templates count 实有 as the serving staff only (在职), which is a template
    difference, not an error, and is accepted. Anything else means one of the counts is wrong.

    容差：无——人数须准确。未印出的人数（没写离休）按零计。
    Tolerance: none — counts are exact. A count not printed (离休 omitted) is taken as zero.
    """
    actual, serving = _staff(doc, "actual"), _staff(doc, "serving")
    retired, lixiu = _staff(doc, "retired"), _staff(doc, "lixiu")
    if actual is None or serving is None or (retired is None and lixiu is None):
        raise NotApplicable("概况未同时列出实有人数与在职、退休（离休）人数")
    total = serving + (retired or 0) + (lixiu or 0)
    if actual in (total, serving):
        return
    loc, sentence = _location(doc, "staff")
    yield Problem(
        f"实有人数 {actual} 人，而在职 {serving} + 退休 {retired or 0} + 离休 {lixiu or 0} = {total} 人"
        f"（也不等于在职人数）", location=loc, expected=str(total), actual=str(actual), source=sentence)


@rule("Y704", "预算单位个数与列举不符", family="profile", severity="warning", basis=BASIS)
def budget_unit_count(doc: Document) -> Iterator[Problem]:
    """概况所称预算单位个数与列举的预算单位不符。

    查什么：概况所称预算单位个数与列出的预算单位不符。
    What: The number of budget units the 概况 declares differs from the units it lists.

    为什么：部门预算汇总的就是这些预算单位；个数与名单不符，每张表的范围都成了疑问。
    Why: the budget units are what the 部门预算 sums; a count that disagrees with the list leaves
    the scope of every table in doubt.

    示例：“下属预算单位共 2 个”，却列了四个单位。
    Example: "下属预算单位共 2 个" with four units listed.

    A 部门预算 that is a 汇总预算 says how many budget units it covers ("本级预算及下属 1 家预算单位")
    and lists them (often with the 本级 first). The list may count the 本级 or not, so a list one
    longer than the declared number of 下属 units is accepted; "无下属预算单位" with a list of
    several units is not.

    容差：无——个数须准确。
    Tolerance: none — counts are exact.
    """
    declared = doc.profile.declared_budget_units
    listed = [u for u in doc.budget_units if u.strip()]
    if declared is None:
        raise NotApplicable("概况未声明预算单位个数")
    if not listed:
        raise NotApplicable("概况未列出预算单位名单")
    if len(listed) <= 1 < declared:
        raise CannotRun("预算单位名单可能未读全（只读到 1 个）")
    if len(listed) in (declared, declared + 1):
        return
    loc, sentence = _location(doc, "budget_units")
    yield Problem(f"概况称下属预算单位 {declared} 个，列出 {len(listed)} 个：{'、'.join(listed)}",
                  location=loc, expected=str(declared), actual=str(len(listed)), source=sentence)
