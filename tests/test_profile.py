"""部门概况 on inline text: functions, internal units as listed, budget units, staff counts."""

from __future__ import annotations

from narrative_helpers import inline_raw

from yusuan.model import Document
from yusuan.parse.profile import cn_number, parse_profile, split_units
from yusuan.parse.segment import segment


def profile_of(text: str) -> Document:
    r = inline_raw(text)
    doc = Document(paths=["inline.txt"], format="text")
    parse_profile(r, segment(r), doc)
    return doc


RAW = """
第一部分 某某局部门概况
一、主要职能
（一）贯彻执行国家医疗保险、生育保险
等医疗保障制度和标准。
（二）完成市委、政府交办的其他任务。
二、机构设置及人员情况
某某局部门无下属预算单位，下设
8 个股室，分别是：办公室、基金财务股、复核股、
经办服务管理股、经办服务管理股。
某某局编制数 24，实有人数 24
人，其中：在职 22人，增加 1人；退休 2人，减少 1 人；离休 0 人，增加 0人。
第二部分 2023 年部门预算公开表
"""


def test_functions_one_per_numbered_item_joined_across_lines() -> None:
    p = profile_of(RAW).profile
    assert p.functions == [
        "贯彻执行国家医疗保险、生育保险等医疗保障制度和标准。",
        "完成市委、政府交办的其他任务。",
    ]


def test_internal_units_as_printed_with_duplicates() -> None:
    p = profile_of(RAW).profile
    assert p.declared_internal_units == 8
    assert p.internal_units == ["办公室", "基金财务股", "复核股", "经办服务管理股", "经办服务管理股"]
    assert p.declared_budget_units == 0


def test_staff_counts_and_changes() -> None:
    staff = profile_of(RAW).profile.staff
    assert {k: (v.count, v.change) for k, v in staff.items()} == {
        "编制数": (24, None),
        "实有人数": (24, None),
        "在职": (22, 1),
        "退休": (2, -1),
        "离休": (0, 0),
    }
    assert staff["退休"].text == "退休 2人，减少 1 人"


def test_numbered_unit_list_with_descriptions() -> None:
    units = split_units("1、办公室(党建办公室)。负责承办机关公务活动事项；2、业务室。负责基金财务相关业务。")
    assert units == ["办公室(党建办公室)", "业务室"]


def test_budget_units_declared() -> None:
    doc = profile_of(
        """
第一部分 某某局部门概况
一、机构设置及人员情况
某某局的预算包括：本级预算及下属 3 家预算单位在内的汇总预算。某某局本级下设十二个处室，分别是：甲处、乙处。
第二部分 部门预算公开表
"""
    )
    assert doc.profile.declared_budget_units == 3
    assert doc.profile.declared_internal_units == 12


def test_chinese_numbers() -> None:
    assert [cn_number(t) for t in ("8", "十", "十二", "二十", "两", "x")] == [8, 10, 12, 20, 2, None]


def test_other_ways_to_declare_internal_units() -> None:
    doc = profile_of(
        """
第一部分 某委概况
一、部门机构设置
委本级内设处室3个，分别是办公室、规划处、人事处。另设机关党办。
二、部门预算构成
本部门只有本级，没有其他二级预算单位。
第二部分 部门预算表
"""
    )
    assert doc.profile.declared_internal_units == 3
    assert doc.profile.internal_units == ["办公室", "规划处", "人事处"]
    assert doc.profile.declared_budget_units == 0


def test_profile_under_a_numbered_part_heading() -> None:
    doc = profile_of(
        """
一、部门概况
（一）主要职能
1.起草公安领域有关地方性法规。
2.掌握影响社会稳定的情况。
（二）机构设置情况
本部门共设置3个内设机构，分别是：办公室、政治部、指挥中心。
二、2026年某局部门预算安排情况说明
（一）收支预算情况的总体说明
收支总预算 100 万元。
"""
    )
    p = doc.profile
    assert p.functions == ["起草公安领域有关地方性法规。", "掌握影响社会稳定的情况。"]
    assert p.declared_internal_units == 3 and p.internal_units == ["办公室", "政治部", "指挥中心"]


def test_unit_list_stops_at_units_outside_the_count() -> None:
    assert split_units("办公室、财务处、人事处，另设机关党委、工会。") == ["办公室", "财务处", "人事处"]
    assert split_units("办公室、人事处、机关党委（不纳入内设机构数）。") == ["办公室", "人事处"]
    # the budget units declared after the list are another list
    assert split_units("办公室、人事处，下设二级预算单位2个，分别是：某中心、某学校。") == ["办公室", "人事处"]


def test_units_listed_after_yici_wei_and_budget_units_kept_apart() -> None:
    doc = profile_of(
        "第一部分 某某委员会部门概况\n二、机构设置\n"
        "部门本级内设3个,各机构规范简称依次为:办公室、综合处、人事处。下设财政拨款二级预算单位2个,分别是:"
        "某某中心、某某学院。\n第二部分 2026 年部门预算公开表\n"
    )
    assert doc.profile.declared_internal_units == 3
    assert doc.profile.internal_units == ["办公室", "综合处", "人事处"]
    assert doc.profile.declared_budget_units == 2


def test_unit_added_to_the_count_phrase_is_listed_but_not_counted() -> None:
    doc = profile_of(
        "第一部分 某某局部门概况\n二、机构设置\n"
        "局本级内设3个处室及机关党委，分别是办公室、综合处、人事处、机关党委；此外，纳入本级预算的还有某组。\n"
        "第二部分 2026 年部门预算公开表\n"
    )
    assert doc.profile.declared_internal_units == 3
    assert doc.profile.internal_units == ["办公室", "综合处", "人事处"]



def test_budget_units_counted_with_gongji() -> None:
    doc = profile_of(
        "第一部分 某某局部门概况\n二、部门机构设置及预算单位构成情况\n"
        "从预算单位构成看，纳入本部门2026年部门汇总预算编制范围的预算单位共计3家，具体包括：某某局，某某中心，某某站。\n"
        "第二部分 2026 年部门预算公开表\n"
    )
    assert doc.profile.declared_budget_units == 3
