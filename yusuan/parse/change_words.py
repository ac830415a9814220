"""The words a 说明 sets a figure against another one's with: which way it moved, or that it did not.

Direction words are data: a 决算 that says 「比2023年度决算数降低4.59%」 states a decrease as
plainly as one that says 「减少」, and 「与2023年度决算数一致」 states no change. Readers of such
sentences take their word lists from here, so a new word is added once for every phrasing.
"""

from __future__ import annotations

from typing import Literal

Direction = Literal["increase", "decrease", "flat"]

# a change word before a figure: "增长0.39%", "降低了4.59%", "下降为15.16%"
CHANGE_WORDS: dict[str, Direction] = {
    "增长": "increase", "增加": "increase", "上升": "increase", "提高": "increase", "增幅": "increase",
    "下降": "decrease", "减少": "decrease", "降低": "decrease", "减幅": "decrease", "降幅": "decrease",
}  # fmt: skip
# longest first, so that an alternation never stops at a shorter word
CHANGE_WORD_RE = "|".join(sorted(CHANGE_WORDS, key=len, reverse=True))
# no change, stated as a word after the figure it is set against: "与2023年度决算数一致",
# "同上年持平", "与上年相同", "与上年决算数相比无变化"
FLAT_WORD_RE = r"(?:相比)?\s*(?:基本)?(?:持平|一致|相同|相等|无变化|没有变化|未发生变化|保持不变)"
