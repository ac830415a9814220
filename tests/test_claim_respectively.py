"""「分别」: each subject of 「A、B分别…x、y」 gets its own figure, or no claim when they do not pair."""

from __future__ import annotations

import pytest

from yusuan.parse.claim_respectively import pair_respectively
from yusuan.parse.claims import extract_claims


def _claims(sentence: str) -> list[tuple[str, str | None, str | None]]:
    found, _ = extract_claims(sentence, None, listing=True)
    return [(c.subject_text, c.amount and c.amount.text, c.change and c.change.text) for c in found]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("其中：人员经费、公用经费分别为612.00万元、88.50万元。",
     [("人员经费", "612.00", None), ("公用经费", "88.50", None)]),
    ("办公费、差旅费分别增加4.20万元、1.10万元，主要原因是业务量增加。",
     [("办公费", None, "4.20"), ("差旅费", None, "1.10")]),
    ("人员经费和公用经费分别为300.00万元和50.00万元。",
     [("人员经费", "300.00", None), ("公用经费", "50.00", None)]),
    ("其中：培训费和会议费分别为3、2万元。", [("培训费", "3", None), ("会议费", "2", None)]),
])
def test_each_subject_gets_its_own_figure(sentence: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _claims(sentence) == expected


def test_a_name_holding_he_is_not_split_when_the_count_does_not_ask() -> None:
    got = _claims("工资福利支出、商品和服务支出、对个人和家庭的补助分别为100.00万元、50.00万元、30.00万元。")
    assert [t for t, _, _ in got] == ["工资福利支出", "商品和服务支出", "对个人和家庭的补助"]
    assert [a for _, a, _ in got] == ["100.00", "50.00", "30.00"]


def test_no_subject_is_the_whole_list() -> None:
    for sentence in ("其中：基本支出、项目支出分别为500.00万元、300.00万元、20.00万元。",
                     "因公出国（境）费、公务接待费分别为0万元、1.20万元。"):
        assert not [t for t, _, _ in _claims(sentence) if "分别" in t or "、" in t]


def test_unpaired_figures_are_left_out() -> None:
    assert pair_respectively("甲、乙分别为1.00万元、2.00万元、3.00万元") == "甲、乙"
    assert pair_respectively("甲单位、乙单位分别为1.00万元、2.00万元") == "甲单位为1.00万元，乙单位为2.00万元"
    assert pair_respectively("收入为5.00万元") == "收入为5.00万元"
