"""Y7xx: the 概况's declared counts against its lists."""

from __future__ import annotations

from yusuan.audit import Finding, audit
from yusuan.model import Document, Profile, Provenance, Section, StaffCount
from yusuan.parse.profile import cn_number as cn_int
from yusuan.parse.profile import settle_profile
from yusuan.testing import make_doc


def findings(doc: Document, code: str) -> list[Finding]:
    return [f for f in audit(doc, select=[code]).findings if f.rule == code]


PART = "第一部分 部门概况"


def profile_doc(text: str, **profile: object) -> Document:
    section = Section(part=PART, number="二", title="机构设置及人员情况", text=text, source=Provenance(line=48))
    doc = make_doc(sections=[section], profile=Profile(**profile))
    settle_profile(doc)  # the reading the profile parser does once the sections are built
    return doc


def test_cn_int() -> None:
    assert cn_int("8") == 8 and cn_int("八") == 8 and cn_int("十二") == 12 and cn_int("二十") == 20
    assert cn_int("若干") is None


def test_y701_declared_count_differs_from_list_read_from_text() -> None:
    doc = profile_doc("某局无下属预算单位，下设 3 个处室，分别是：经办 1 科、经办 2 科、经办 3 科、行政办。")
    assert doc.profile.internal_units == ["经办 1 科", "经办 2 科", "经办 3 科", "行政办"]
    got = findings(doc, "Y701")
    assert len(got) == 1 and got[0].expected == "3" and got[0].actual == "4"
    assert got[0].location.line == 48 and "行政办" in (got[0].source or "")
    ok = profile_doc("某局下设 4 个处室，分别是：经办 1 科、经办 2 科、经办 3 科、行政办。")
    assert findings(ok, "Y701") == []


def test_y701_uses_the_profile_parser_when_it_read_the_list() -> None:
    doc = profile_doc("", declared_internal_units=2, internal_units=["办公室", "业务室"])
    assert findings(doc, "Y701") == []
    doc = profile_doc("", declared_internal_units=6, internal_units=["办公室", "业务室"])
    assert len(findings(doc, "Y701")) == 1


def test_y702_duplicate_unit_names() -> None:
    text = ("某局下设8 个股室，分别是：办公室、基金财务股、基金监管（稽核股）、经办服务管理股、异地就医结算股、"
            "复核股、医疗待遇结算股、经办服务管理股。")
    doc = profile_doc(text)
    assert findings(doc, "Y701") == []  # eight names for eight units …
    got = findings(doc, "Y702")  # … but only seven distinct
    assert len(got) == 1 and "经办服务管理股" in got[0].message and got[0].actual == "7"
    assert findings(profile_doc(text.replace("、经办服务管理股。", "、信息股。")), "Y702") == []


def staff(**counts: int) -> dict[str, StaffCount]:
    return {k: StaffCount(count=v) for k, v in counts.items()}


def test_y703_actual_staff_is_the_sum_or_the_serving_count() -> None:
    text = "编制数 116，实有人数 110 人，其中：在职 107 人；退休 5 人；离休 0 人。"
    bad = profile_doc(text, staff=staff(实有人数=110, 在职=107, 退休=5, 离休=0))
    got = findings(bad, "Y703")
    assert len(got) == 1 and got[0].expected == "112" and "实有人数 110" in (got[0].source or "")
    assert findings(profile_doc(text, staff=staff(实有人数=112, 在职=107, 退休=5, 离休=0)), "Y703") == []
    # a template that counts 实有 as 在职 only
    assert findings(profile_doc(text, staff=staff(实有人数=107, 在职=107, 退休=5, 离休=0)), "Y703") == []


def test_y704_budget_units_declared_and_listed() -> None:
    text = "某局的预算包括本级预算及下属 1 家预算单位在内的汇总预算。"
    ok = profile_doc(text, declared_budget_units=1)
    ok.budget_units = ["某局", "某局事业发展中心"]  # the list counts the 本级
    assert findings(ok, "Y704") == []
    bad = profile_doc(text, declared_budget_units=1)
    bad.budget_units = ["某局", "甲中心", "乙中心", "丙中心"]
    assert len(findings(bad, "Y704")) == 1
    from_text = profile_doc("某局下属预算单位共 2 个。")
    from_text.budget_units = ["甲中心", "乙中心", "丙中心", "丁中心"]
    assert len(findings(from_text, "Y704")) == 1


def test_y701_units_outside_the_count_are_not_counted() -> None:
    text = ("某办公室内设机构12个，分别为：秘书处、来信办理处、网上信访办理处（投诉受理办公室）、来访接待处、对外联络协调处、"
            "综合调研处、排查调处办公室、督查处、复查复核处、人民建议征集办公室、宣传处（法规处）、人事处，另设机关党委、工会、"
            "离退休干部处。")
    assert findings(profile_doc(text), "Y701") == []
    text2 = "局本级内设机构3个，分别为办公室、财务处、人事处（产业人才处），机关党委（不纳入内设机构数）。"
    assert findings(profile_doc(text2), "Y701") == []
    # the profile parser's list ran past the count, this module's reading of the sentence did not
    doc = profile_doc(text2, declared_internal_units=3, internal_units=["办公室", "财务处", "人事处", "机关党委"])
    assert findings(doc, "Y701") == []


def test_y701_what_the_count_phrase_adds_is_not_counted() -> None:
    text = "局本级内设3个处室及机关党委，分别是办公室、财务处、人事处、机关党委；此外，纳入编制预算的还有驻局纪检组。"
    assert findings(profile_doc(text), "Y701") == []
    doc = profile_doc("", declared_internal_units=2, internal_units=["办公室", "人事处", "机关党委（不纳入内设机构数）"])
    assert findings(doc, "Y701") == []
