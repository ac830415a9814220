"""Project descriptions of the 情况说明 on inline text: fields joined across cut lines."""

from __future__ import annotations

from decimal import Decimal

from yusuan.blocks import RawDocument, TextLine
from yusuan.model import Document
from yusuan.parse.projects import parse_projects
from yusuan.parse.segment import segment

RAW = """
第三部分 2023 年单位预算情况说明
七、某局 2023 年一般公共预算项目支出情况说明
（一）项目名称：2023 年自治区财政全民参保及医疗服务经费
补助资金
设立的政策依据：昌州财社[2022]85 号关于提前下达
2023 年补助资金预算的通知
预算安排规模：5.63 万元
项目承担单位：某局
资金分配情况：5.63 万元用于全民参保，
宣传资料发放份数 10000份。
资金执行时间：2023 年 1 月 1 日-2023 年 12 月 31 日
（二）项目名称：运转保障项目
预算安排规模：30,000 元
项目承担单位：某局
资金执行时间：2023 年 1月至
2023 年 12 月
八、关于某局 2023 年政府性基金预算拨款情况说明
某局 2023 年没有使用政府性基金预算拨款安排的支出。
"""


def parsed() -> Document:
    r = RawDocument(path="inline.txt", format="text")
    for n, ln in enumerate(RAW.strip("\n").splitlines(), start=1):
        r.blocks.append(TextLine(ln.strip(), line=n))
    doc = Document(paths=["inline.txt"], format="text")
    parse_projects(r, segment(r), doc)
    return doc


def test_fields_joined_across_lines() -> None:
    p = parsed().projects[0]
    assert p.name == "2023 年自治区财政全民参保及医疗服务经费补助资金"
    assert p.basis == "昌州财社[2022]85 号关于提前下达2023 年补助资金预算的通知"
    assert p.scale is not None and p.scale.value == Decimal("5.63") and p.scale.unit == "万元"
    assert p.units == "某局"
    assert p.allocation == "5.63 万元用于全民参保，宣传资料发放份数 10000份。"
    assert p.period == "2023 年 1 月 1 日-2023 年 12 月 31 日"
    assert p.source.line == 3


def test_scale_in_yuan_and_period_cut_by_a_line_and_the_next_heading_ends_it() -> None:
    projects = parsed().projects
    assert len(projects) == 2
    p = projects[1]
    assert (
        p.scale is not None
        and p.scale.value == Decimal("3")
        and p.scale.text == "30,000"
        and p.scale.unit == "元"
    )
    assert p.period == "2023 年 1月至2023 年 12 月"
    assert p.basis is None


def test_each_project_scale_is_a_claim() -> None:
    claims = parsed().claims
    assert [(c.subject, c.amount.value if c.amount else None) for c in claims] == [
        ("project:2023 年自治区财政全民参保及医疗服务经费补助资金", Decimal("5.63")),
        ("project:运转保障项目", Decimal("3")),
    ]
