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
