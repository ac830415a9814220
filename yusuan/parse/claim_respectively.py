"""「分别」: one sentence stating a figure for each of several subjects, paired by position.

「基本支出、项目支出分别为 500.00 万元、300.00 万元」 says 基本支出 500.00 and 项目支出 300.00. Read as
it stands, the clause's subject is the whole list (an item named 「基本支出、项目支出分别」) and only
the first figure is read. ``pair_respectively`` writes such a clause out as one clause per subject
(「基本支出为500.00万元，项目支出为300.00万元」) before the claims are read; when the names and the
figures do not pair one to one, the figures are left out (no claim rather than a wrong one).
"""

from __future__ import annotations

import re

_NUM = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = r"亿元|万元|千元|元|[%％]"
_FIGURE = rf"(?:{_NUM})\s*(?:{_UNIT})?"
_RESPECTIVELY_RE = re.compile(
    rf"(?P<names>[^，,。；;：:\d]{{2,80}}?)\s*分别(?P<verb>[^\d，,。；;：:]{{0,14}}?)\s*"
    rf"(?P<figures>{_FIGURE}(?:\s*[、和及与，,]\s*{_FIGURE})+)"
)
_ONE_FIGURE_RE = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>{_UNIT})?")
_AND_RE = re.compile(r"和|及|与")


def _names(text: str, wanted: int) -> list[str] | None:
    """The subjects of the list, as many as there are figures; None when they do not pair."""
    parts = [p.strip() for p in text.split("、") if p.strip()]
    if len(parts) == wanted - 1 and parts and len(_AND_RE.findall(parts[-1])) == 1:
        # 「人员经费和公用经费」: the last two joined by 和 (a name holding 和 itself, 「商品和服务支出」,
        # is split only when the count asks for it and it has one 和)
        head, tail = _AND_RE.split(parts[-1], maxsplit=1)
        parts = [*parts[:-1], head.strip(), tail.strip()]
    if len(parts) != wanted or any(len(p) < 2 for p in parts):
        return None
    return parts


def _figures(text: str) -> list[str]:
    """The figures of the list, each with its unit (a unit printed after the last only applies to all)."""
    found = [(m.group("num"), m.group("unit")) for m in _ONE_FIGURE_RE.finditer(text)]
    out: list[str] = []
    unit = ""
    for num, u in reversed(found):
        unit = u or unit
        out.append(f"{num}{unit}")
    return list(reversed(out))


def pair_respectively(text: str) -> str:
    """The sentence with each 「A、B分别…x、y」 clause written out per subject."""

    def one(m: re.Match[str]) -> str:
        figures = _figures(m.group("figures"))
        names = _names(m.group("names"), len(figures))
        verb = m.group("verb").strip()
        if names is None:
            return m.group("names")  # the pairing is unclear: no claim rather than a junk subject
        return "，".join(f"{n}{verb}{f}" for n, f in zip(names, figures, strict=True))

    return _RESPECTIVELY_RE.sub(one, text)
