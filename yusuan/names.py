"""Normalised keys of names already in the model (project names, row names, listed class names),
so that two printings of one name compare equal. Pure functions of a model string: they read no
sentence (reading text is yusuan.parse's business), and rules may use them."""

from __future__ import annotations

import re

_NAME_NOISE = re.compile(r"[\s\u3000（）()【】\[\]“”\"'‘’《》<>、，,。.：:；;\-—_·]")


def norm_name(name: str) -> str:
    """A name without spaces and punctuation: "（信息化）运维 项目" → "信息化运维项目"."""
    return _NAME_NOISE.sub("", name)


def class_key(name: str) -> str:
    """A 功能分类 class name as a key: no spaces, no "（类）" mark, no trailing 支出."""
    n = re.sub(r"[\s\u3000]", "", name)
    n = re.sub(r"[（(][类款项][）)]", "", n)
    return n.removesuffix("支出")


_NUMBERING_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十0-9]+[)）]|\d+[、.．]|其中[:：])\s*")


def without_numbering(name: str) -> str:
    """A row name without its outline numbering: "一、工资福利支出", "（1）基本工资", "其中：…" → the name."""
    return _NUMBERING_RE.sub("", name.strip().lstrip("-—－ ")).strip()


# A row "code" that is the integer part of a split amount (``155`` + ``.66``) or a budget unit's
# number (``123 某某局``) is not a classification code: the row's name gives it away.
_FRAGMENT_RE = re.compile(r"^[.,，．0-9%]")
_ORG_RE = re.compile(r"(?:局|委|委员会|办|办公室|院|中心|所|站|队|室|会|部|处|馆|校|学校|厅|署|总队|支队|大队)$")


def is_number_fragment(name: str) -> bool:
    """The "name" is the rest of a number split by the reader (".66", "0%"), not a name."""
    return bool(_FRAGMENT_RE.match(name))


def names_an_organisation(name: str) -> bool:
    """The name is an organisation's (某某局, 某某中心), not an expenditure item's."""
    return bool(_ORG_RE.search(name)) and not name.endswith("支出")
