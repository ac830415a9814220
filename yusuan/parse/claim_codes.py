"""The classification codes a claim names: the code catalog's class names and a document's own rows.

A 类/款/项 the 情况说明 names ("卫生健康支出", "行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）",
"（3）行政事业单位养老支出（20805）") is resolved to its code from the rows of the document's tables, and
from the code catalog (yusuan/data/codes) when the tables do not list it — one source of truth for names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yusuan.codes import load_catalog
from yusuan.model import Document


# The 类 of the functional and economic classifications, by name, are the code catalog's
# (yusuan/data/codes): used to recognise a class named without "（类）" and to resolve it when the
# document's tables do not list it. The text names an economic class with or without 支出 and 的
# ("对个人和家庭的补助" / "对个人和家庭补助支出"): each catalog name stands for these spellings.
def _spellings(names: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, code in names.items():
        full = name if name.endswith("支出") else name + "支出"
        for n in (name, full, name.replace("的", ""), full.replace("的", "")):
            out.setdefault(n, code)
    return out


FUNC_CLASSES: dict[str, str] = load_catalog().class_names("func")
ECON_CLASSES: dict[str, str] = _spellings(load_catalog().class_names("econ"))


def norm_name(name: str) -> str:
    t = re.sub(r"\s+", "", name)
    t = t.replace("(", "（").replace(")", "）")
    t = re.sub(r"^(其中[:：]?|[-*·]|\d+[.、．])+", "", t)
    return t


def _same_name(a: str, b: str) -> bool:
    a, b = norm_name(a), norm_name(b)
    if a == b:
        return True
    # "一般公共服务（类）" names the class "一般公共服务支出"
    return a + "支出" == b or b + "支出" == a


@dataclass
class CodeIndex:
    """The classification rows of a document's tables: code → names."""

    names: dict[str, set[str]]

    @classmethod
    def from_doc(cls, doc: Document) -> CodeIndex:
        names: dict[str, set[str]] = {}
        for t in doc.tables:
            for r in t.rows:
                if r.code and r.code.isdigit() and r.name:
                    names.setdefault(r.code, set()).add(norm_name(r.name))
        return cls(names)

    def find(self, name: str, length: int, prefix: str = "") -> list[str]:
        return sorted(
            c
            for c, ns in self.names.items()
            if len(c) == length and c.startswith(prefix) and any(_same_name(name, n) for n in ns)
        )

    def resolve_partial(self, parts: list[str], levels: list[str]) -> str | None:
        """The code of a path that starts below the 类: "行政事业单位养老支出（款）行政单位离退休（项）"."""
        if levels[0] == "款":
            kuan = self.find(parts[0], 5)
            if len(kuan) != 1:
                return None
            if len(parts) == 1:
                return kuan[0]
            items = self.find(parts[1], 7, kuan[0])
            return items[0] if len(items) == 1 else None
        if levels[0] == "项" and len(parts) == 1:
            items = self.find(parts[0], 7)
            return items[0] if len(items) == 1 else None
        return None

    def resolve_func(self, parts: list[str]) -> str | None:
        """The code of a 类/款/项 path, or None when the tables do not decide it."""
        klass = self.find(parts[0], 3) or (
            [FUNC_CLASSES[norm_name(parts[0])]] if norm_name(parts[0]) in FUNC_CLASSES else []
        )
        if not klass and norm_name(parts[0]) + "支出" in FUNC_CLASSES:
            klass = [FUNC_CLASSES[norm_name(parts[0]) + "支出"]]
        if len(klass) != 1:
            return None
        code = klass[0]
        for level, length in ((1, 5), (2, 7)):
            if len(parts) <= level:
                return code
            found = self.find(parts[level], length, code)
            if len(found) != 1 and level == 1 and len(parts) == 3:
                # the 款 row may be missing: find the 项 under the class, checked against the 款 name
                items = self.find(parts[2], 7, code)
                items = [
                    c for c in items if any(_same_name(parts[1], n) for n in self.names.get(c[:5], set()))
                ] or items
                return items[0] if len(items) == 1 else None
            if len(found) != 1:
                return None
            code = found[0]
        return code

    def class_names(self) -> dict[str, str]:
        out = {n: c for n, c in FUNC_CLASSES.items()}
        for c, ns in self.names.items():
            if len(c) == 3 and c.startswith("2"):
                for n in ns:
                    out[n] = c
        return out

    def econ_names(self) -> dict[str, str]:
        out = dict(ECON_CLASSES)
        for c, ns in self.names.items():
            if len(c) == 3 and c.startswith(("3", "5")):
                for n in ns:
                    out[n] = c
        return out



# a classification item named with its code in brackets: "（3）行政事业单位养老支出（20805）705.90万元",
# "（1）培训支出（2050803）支出29.44万元", "（1）工资福利支出（301）2,981.28万元"
CODED_NAME_RE = re.compile(
    r"((?:[^（）()，,。；;：:\d\s]|[（(][^（）()\d]{1,6}[）)])+?)\s*[（(]\s*([235]\d\d(?:\d\d){0,2})\s*[）)]\s*"
    r"(?:\d{4}\s*年)?(?:预算)?(?:支出)?(?:预算)?(?:数)?(?:为|是)?\s*$")

# a classification item printed code first: "（三）2080502-事业单位离退休24.83万元", "2010301 行政运行
# 61.20万元", "301工资福利支出 2,981.28万元" (a list that prints the table's rows as prose)
_CODE_FIRST_RE = re.compile(
    r"\s*(?:其中[:：]?)?\s*(?:\d{1,2}\s*[.、．](?!\d)|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）])?\s*"
    r"(?P<code>[235]\d\d(?:\d\d){0,2})\s*(?:[-—－–‐_.．、:：]\s*|\s+|(?=[^\d\s]))"
    r"(?P<name>[^\d，,。；;：:%％]{2,30}?)\s*(?:\d{4}\s*年)?(?:预算)?(?:支出)?(?:预算)?(?:数)?(?:为|是)?\s*")


def code_first_item(region: str) -> tuple[str, str] | None:
    """The subject of a clause that names a 类/款/项 or 经济分类 code first (see _CODE_FIRST_RE)."""
    m = _CODE_FIRST_RE.fullmatch(region)
    if m is None or re.search(r"\d{4}\s*年|上年|去年|较|比|增加|减少|增长|下降|占", m.group("name")):
        return None
    code, name = m.group("code"), m.group("name").strip()
    prefix = "func" if code.startswith("2") else "econ_total"
    return f"{prefix}:{code}", f"{code}{name}"


# an economic item named with its code: "1.工资福利支出（301）13,650.59万元" — a list of the money by
# 经济分类, whose "具体为：人员经费…" splits the item; not read as a claim (the list may count the
# 基本支出 and the 项目支出 together, which no table prints)
_CODED_ECON_RE = re.compile(r"[^（(，,。；;：:\d\s]\s*[（(]\s*([35]\d\d(?:\d\d)?)\s*[）)]\s*\d")


def coded_econ_item(sentence: str) -> str | None:
    """The economic item a sentence names by its code (``econ:301``), if any."""
    m = _CODED_ECON_RE.search(sentence)
    return f"econ:{m.group(1)}" if m else None


def _func_names() -> dict[str, str | None]:
    """Every name of a functional 类/款/项 → its code (None for a name several codes share)."""
    out: dict[str, str | None] = {}
    for e in load_catalog().codes("func"):
        for n in {e.name, *e.names}:
            k = norm_name(n)
            out[k] = None if out.get(k, e.code) != e.code else e.code
    return out


_FUNC_NAMES = _func_names()


def named_item(region: str, start: int, codes: CodeIndex) -> tuple[str, str] | None:
    """"住房改革支出预算数为": a whole's phrase (支出预算) whose 支出 ends a classification item's
    name printed before it is that item's figure, not the whole's."""
    head = region[:start]
    for k in range(max(0, start - 24), start):
        name = norm_name(head[k:]) + "支出"
        if len(name) < 4 or name not in _FUNC_NAMES:
            continue
        code = _FUNC_NAMES[name]
        found = [c for length in (3, 5, 7) for c in codes.find(name, length)]
        if len(found) == 1:
            code = found[0]
        return (f"func:{code}" if code else f"func?:{name}"), name
    return None
