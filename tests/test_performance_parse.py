"""Reading 绩效目标表 from inline text: grids (tab-separated) and scattered converter lines."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.model import Document
from yusuan.parse.performance import parse_performance, split_value, title_kind
from yusuan.parse.segment import segment
from yusuan.readers.text import read_text


def parse(tmp_path: Path, text: str, year: int | None = 2025) -> Document:
    p = tmp_path / "doc.txt"
    p.write_text(text.replace("→", "\t"), encoding="utf-8")
    raw = read_text(str(p))
    doc = Document(paths=[str(p)], format=raw.format, year=year)
    parse_performance(raw, segment(raw), doc)
    return doc


PROJECT = """\
项目支出绩效目标表

(2025 年)

预算单位→→某某局→→→
项目名称→→2025 年运转项目→→→项目负责人→张三→
项目资金(万元)→→年度预算总额→29.45→其中：财政拨款→0.00→其他资金→29.45→
项目总体目标→→本项目安排预算资金 29.45 万元，保障单位日常运转。→→→→→
一级指标→二级指标→三级指标→指标值→指标值设置依据→上年完成值→指标分值权重→指标赋分规则→佐证资料
产出 指标→数量 指标→保障单位日常运转期限→=12 个月→计划标准→→9→按照正常比例赋分→工作资料
→→日常维修维护期限→>=23.24 万人→计划标准→→9→按照正常比例赋分→工作资料
→时效 指标→→项目结束时间→2025 年 12 月→计划标准→→8→按评判等级赋分
效益 指标→社会 效益 指标→保障单位日常运转→有效保障→计划标准→→30→按评判等级赋分→说明材料

（五）其他需说明的事项
"""


def test_project_grid_fields_and_amounts(tmp_path: Path) -> None:
    doc = parse(tmp_path, PROJECT)
    assert len(doc.performance) == 1
    t = doc.performance[0]
    assert (t.kind, t.year, t.project, t.unit) == ("project", 2025, "2025 年运转项目", "某某局")
    assert {k: a.value for k, a in t.amounts.items()} == {
        "total": Decimal("29.45"), "fiscal": Decimal("0.00"), "other": Decimal("29.45")}
    assert t.amounts["total"].text == "29.45"
    assert t.goal and t.goal.startswith("本项目安排预算资金")
    assert [i.level3 for i in t.indicators] == ["保障单位日常运转期限", "日常维修维护期限", "项目结束时间", "保障单位日常运转"]


def test_levels_are_carried_down_and_values_split(tmp_path: Path) -> None:
    inds = parse(tmp_path, PROJECT).performance[0].indicators
    assert [(i.level1, i.level2) for i in inds] == [
        ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "时效指标"), ("效益指标", "社会效益指标")]
    second = inds[1]
    assert (second.operator, second.value, second.unit, second.value_text) == (">=", "23.24", "万人", ">=23.24 万人")
    assert second.weight == Decimal(9) and second.basis == "计划标准" and second.evidence == "工作资料"
    assert inds[3].value == "有效保障" and inds[3].operator is None


def test_row_shifted_right_is_realigned_and_says_so(tmp_path: Path) -> None:
    ind = parse(tmp_path, PROJECT).performance[0].indicators[2]
    assert (ind.level3, ind.value, ind.basis, ind.weight, ind.scoring) == (
        "项目结束时间", "2025 年 12 月", "计划标准", Decimal(8), "按评判等级赋分")
    assert ind.source.inferred and ind.source.note and "右移 1 列" in ind.source.note
    # rows that were not shifted carry no such note
    first = parse(tmp_path, PROJECT).performance[0].indicators[0]
    assert first.source.note is None and not first.source.inferred


OLD_TEMPLATE = """\
项目支出绩效目标表

(2021年)

预算单位→某某局→→→项目名称→业务项目→
项目资金(万元)→年度资金总额:→10.00→其中:财政拨款→10.00→其他资金→0
项目总体目标→目标 1: 维护办公大楼正常运转。→→→→→
一级指标→二级指标→三级指标→→指标值(包含数字及文字描述)→→
产出指标→数量指标→购置设备台数→→≥1 台→→
→成本指标→购置、维修设备成本→→≤6.3 万元→→
开展宣传活动成本→→≤1.5 万元→→→→
社会效益指标→促进工作顺利开展→→有效促进→→→
满意度指标→满意度指标→参保群众的满意度→→≥90%→→
"""


def test_rows_shifted_left_are_realigned(tmp_path: Path) -> None:
    t = parse(tmp_path, OLD_TEMPLATE).performance[0]
    assert t.amounts["total"].value == Decimal("10.00") and t.amounts["other"].value == Decimal(0)
    got = [(i.level1, i.level2, i.level3, i.operator, i.value, i.unit) for i in t.indicators]
    assert got == [
        ("产出指标", "数量指标", "购置设备台数", "≥", "1", "台"),
        ("产出指标", "成本指标", "购置、维修设备成本", "≤", "6.3", "万元"),
        ("产出指标", "成本指标", "开展宣传活动成本", "≤", "1.5", "万元"),
        # the level-1 cell of 效益 rows was lost; the level-2 name says which it is
        ("效益指标", "社会效益指标", "促进工作顺利开展", None, "有效促进", None),
        ("满意度指标", "满意度指标", "参保群众的满意度", "≥", "90", "%"),
    ]
    assert "左移 2 列" in (t.indicators[2].source.note or "")
    assert "推定" in (t.indicators[3].source.note or "")


WRAPPED = """\
项目支出绩效目标表
(2024 年)
预算单位→→某中心→→→→→→
项目名称→→某补助资金→→→→项目负责人→→
项目资金(万元)→→年度预算总额→100.00→其中：财政拨款→100.00→其他资金→0.00→
项目总体目标→→减轻负担。→→→→→→
一级指标→二级指标→三级指标→指标值→指标值设置依据→上年完成值→指标分值权重→指标赋分规则→佐证资料
产出指标→数量指标→门诊救助人次→> =4500 0 人次→计划标准→=5.4 万人→90→按照正常比例赋分→工作资料
效益→社会→减轻参保人就医经济负→成效→计划标准→完全→10→按评判等级赋分→说明材料

指标→效益 指标→担, 缓解社会矛盾→明显→→达到 预期→→→
"""


def test_row_wrapped_onto_next_printed_row_is_joined(tmp_path: Path) -> None:
    t = parse(tmp_path, WRAPPED, year=2024).performance[0]
    assert len(t.indicators) == 2
    first, joined = t.indicators
    assert (first.operator, first.value, first.unit) == (">=", "45000", "人次")
    assert "空格已去除" in (first.source.note or "")
    assert (joined.level1, joined.level2) == ("效益指标", "社会效益指标")
    assert joined.level3 == "减轻参保人就医经济负担, 缓解社会矛盾"
    assert joined.value == "成效明显" and joined.last_year == "完全达到预期"
    assert joined.weight == Decimal(10) and "合并" in (joined.source.note or "")


OVERALL = """\
部门整体绩效目标表
(2025 年)
部门名称（盖章）→→某某局→→→
部门联系人→→某人→联系电话→123→
年度绩效目标→→全力推进全覆盖。→→→
年度预算(万元)→→资金来源→→资金总额（万元）→
→→财政资金（万元）→上级安排→17.29→
→→→本级安排→1,088.16→
其他资金（万元）→其他→29.46→→→
一级指标→二级指标→三级指标→指标值→指标设定依据→分值权重
履职效能→数量指标→参保人数→>=23.24 万人→工作计划→50
→质量指标→基本医疗保险参保率→>=98%→工作计划→40
"""


def test_overall_table_sources_of_funds(tmp_path: Path) -> None:
    t = parse(tmp_path, OVERALL).performance[0]
    assert t.kind == "overall" and t.unit == "某某局" and t.goal == "全力推进全覆盖。"
    assert {k: a.value for k, a in t.amounts.items()} == {
        "upper": Decimal("17.29"), "local": Decimal("1088.16"), "other": Decimal("29.46")}
    assert "total" not in t.amounts  # the total cell is printed blank: nothing is invented
    assert [i.level1 for i in t.indicators] == ["履职效能", "履职效能"]
    assert [i.weight for i in t.indicators] == [Decimal(50), Decimal(40)]


def test_amounts_in_yuan_are_converted_exactly(tmp_path: Path) -> None:
    text = OLD_TEMPLATE.replace("项目资金(万元)→年度资金总额:→10.00", "项目资金(元)→年度资金总额:→100,000.50")
    t = parse(tmp_path, text).performance[0]
    assert t.amounts["total"].value == Decimal("10.000050") and t.amounts["total"].unit == "元"


def test_grid_without_indicator_header_is_diagnosed(tmp_path: Path) -> None:
    text = "项目支出绩效目标表\n预算单位→某某局\n项目名称→某项目\n年度预算总额→5.00\n"
    doc = parse(tmp_path, text)
    assert doc.performance[0].project == "某项目" and doc.performance[0].indicators == []
    assert [d.code for d in doc.diagnostics] == ["performance-no-indicators"]


SCATTERED = """\
（四）预算绩效情况
 项 目 支 出 绩 效 目 标 表

(2023 年)

预算单位 某某县医疗保障局

项目名称
2023 年参保补助

资金
项目负责人 某人

项目资金（万

元）
年度预算总额： 5.63

其中：财

政拨款
5.63

其他资

金：
0

项目总体目标

为保障日常工作的正常开展，现计划购买一批办公用品。

一级指

标

二级指

标
三级指标 指标值

指标值设

置依据

上年完

成值

指标分

值权重

指标赋分

规则
佐证资料

产出

指标

数量指

标

基本医疗保险参保人

数
>=3.92 万人

计划标

准
50

按照正常

比例赋分
工作资料

时效指

标

按时报送各项社会保

险基金季报数据及分

析

每季度结束

后 15 日内

计划标

准
20

按评判等

级赋分
工作资料

满意

度指

标

满意度

指标

基本医疗保险参保群

众满意度
>=80%

其他标

准
20

满意度赋

分
说明材料
 （五）其他需说明的事项
"""


def test_scattered_table_is_rebuilt_from_anchors(tmp_path: Path) -> None:
    doc = parse(tmp_path, SCATTERED, year=2023)
    assert doc.diagnostics == []
    t = doc.performance[0]
    assert (t.year, t.unit, t.project) == (2023, "某某县医疗保障局", "2023年参保补助资金")
    assert {k: a.value for k, a in t.amounts.items()} == {
        "total": Decimal("5.63"), "fiscal": Decimal("5.63"), "other": Decimal(0)}
    got = [(i.level1, i.level2, i.level3, i.value_text, i.basis, i.weight, i.scoring, i.evidence) for i in t.indicators]
    assert got == [
        ("产出指标", "数量指标", "基本医疗保险参保人数", ">=3.92 万人", "计划标准", Decimal(50), "按照正常比例赋分", "工作资料"),
        ("产出指标", "时效指标", "按时报送各项社会保险基金季报数据及分析", "每季度结束后15日内", "计划标准", Decimal(20),
         "按评判等级赋分", "工作资料"),
        ("满意度指标", "满意度指标", "基本医疗保险参保群众满意度", ">=80%", "其他标准", Decimal(20), "满意度赋分", "说明材料"),
    ]
    assert all(i.source.inferred for i in t.indicators)


def test_scattered_row_cut_by_a_page_break_is_joined(tmp_path: Path) -> None:
    text = SCATTERED.replace(
        "时效指\n\n标\n\n按时报送各项社会保\n\n险基金季报数据及分\n\n析\n\n每季度结束\n\n后 15 日内\n\n计划标\n\n准\n20\n\n按评判等\n\n级赋分\n工作资料\n",
        "时效指 项目完成 2023年 9月 计划标准 20 直接赋 工作资\n 标 时间 底前 分 料\n",
    )
    t = parse(tmp_path, text, year=2023).performance[0]
    ind = t.indicators[1]
    assert (ind.level2, ind.level3, ind.value, ind.weight, ind.scoring, ind.evidence) == (
        "时效指标", "项目完成时间", "2023年 9月底前", Decimal(20), "直接赋分", "工作资料")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (">=23.24 万人", (">=", "23.24", "万人")),
        ("> =95%", (">=", "95", "%")),
        ("≤3.57 元/方", ("≤", "3.57", "元/方")),
        ("180 元/人/年", (None, "180", "元/人/年")),
        ("2025 年 11 月 30 日前", (None, "2025 年 11 月 30 日前", None)),
        ("有效保障", (None, "有效保障", None)),
        ("=0 人", ("=", "0", "人")),
    ],
)
def test_split_value(text: str, expected: tuple[str | None, str | None, str | None]) -> None:
    assert split_value(text)[:3] == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("项目支出绩效目标表", "project"),
        ("## 部门整体绩效目标表", "overall"),
        (" 项 目 支 出 绩 效 目 标 表", "project"),
        ("2024年部门整体支出绩效目标表", "overall"),
        ("某某局2026年项目支出绩效目标表预算表（预算表11）", "project"),
        ("2026年市级一般性项目绩效目标表（一级项目）", "project"),
        ("具体情况见项目支出绩效目标表。", None),
        ("八、项目支出绩效目标表说明如下：", None),
    ],
)
def test_title_kind(text: str, kind: str | None) -> None:
    assert title_kind(text) == kind


WIDE = """\
预算表12项目支出绩效目标表
金额单位：万元
项目名称→项目总额→其中：→→绩效目标→一级指标→二级指标→三级指标→绩效指标性质→本年绩效指标值→绩效度量单位
→→财政资金→其他资金→→→→→→→
甲项目→17.398000→17.398000→→主要用于杂志印刷。→产出指标→数量指标→每期印刷数量→＝→900→册
→→→→→产出指标→质量指标→印刷质量相符性→＝→100→%
→→→→→效益指标→社会效益指标→促进交流→定性→优→
乙项目→10.000000→10.000000→→保障临时事项。→成本指标→经济成本指标→成本控制率→＝→100→%
"""


def test_wide_table_is_split_into_projects(tmp_path: Path) -> None:
    doc = parse(tmp_path, WIDE, year=2026)
    assert [(t.project, t.amounts["total"].value, t.amounts["fiscal"].value, len(t.indicators)) for t in doc.performance] == [
        ("甲项目", Decimal("17.398000"), Decimal("17.398000"), 3), ("乙项目", Decimal("10.000000"), Decimal("10.000000"), 1)]
    first = doc.performance[0]
    assert first.goal == "主要用于杂志印刷。" and "other" not in first.amounts
    ind = first.indicators[0]
    assert (ind.level1, ind.level2, ind.level3, ind.operator, ind.value, ind.unit, ind.value_text) == (
        "产出指标", "数量指标", "每期印刷数量", "＝", "900", "册", "＝900册")
    qualitative = first.indicators[2]
    assert (qualitative.operator, qualitative.value, qualitative.unit) == (None, "优", None)


CHANGSHA_LIKE = """\
2026年项目支出绩效目标表
部门名称：某某局
单位：万元
单位编码→单位（项目）名称→资金总额→绩效目标→绩效指标→→→→→
→→→→一级指标→二级指标→三级指标→指标值→度量单位→指标值类型
合计→→45.00→→→→→→→
126001→某某局→45.00→→→→→→→
126001→甲专项→35.00→调拨经费。→成本指标→经济成本指标→总成本→35→万元→≤
→→→→→社会成本指标→无→无→→定性
→→→→产出指标→数量指标→调拨经费单位数→10→个→≥
2026年项目支出绩效目标表
部门名称：某某局
单位：万元
单位编码→单位（项目）名称→资金总额→绩效目标→绩效指标→→→→→
→→→→一级指标→二级指标→三级指标→指标值→度量单位→指标值类型
126001→甲专项→35.00→调拨经费。→→→经费分档精准率→95→%→≥
"""


def test_page_repeats_are_joined_and_unit_rows_head_their_projects(tmp_path: Path) -> None:
    doc = parse(tmp_path, CHANGSHA_LIKE, year=2026)
    assert len(doc.performance) == 1
    t = doc.performance[0]
    assert (t.project, t.unit, t.amounts["total"].value) == ("甲专项", "某某局", Decimal("35.00"))
    got = [(i.level1, i.level2, i.level3, i.operator, i.value, i.unit) for i in t.indicators]
    assert got == [
        ("成本指标", "经济成本指标", "总成本", "≤", "35", "万元"),
        ("产出指标", "数量指标", "调拨经费单位数", "≥", "10", "个"),
        ("产出指标", "数量指标", "经费分档精准率", "≥", "95", "%"),  # levels carried over the page break
    ]
    assert "跨页" in (t.source.note or "")


TITLED = """\
1.项目支出绩效目标表
市行政中心保安服务项目绩效目标表
专项资金情况（万元）→资金总额：→4200.00→→
→财政拨款：→0.00→→
→其他资金：→4200.00→→
项目实施期目标→有效保障保安服务。→→→
绩效目标指标→一级指标→二级指标→三级指标→目标值
→产出指标→数量指标→保安服务覆盖率→≥90%
备注→→→→
部门整体支出绩效目标表
部门名称→某某办公室→部门预算编码→103→
年度预算安排（万元）→资金总额→8200.95→→
→项目支出→2285.57→→
→基本支出→5915.38→→
总体目标→保障政府高效运行。→→→
绩效目标指标→一级指标→二级指标→三级指标→目标值
→一般性支出情况→一般性支出情况→“三公”经费控制率→≤100%
"""


def test_project_named_by_title_and_spending_split(tmp_path: Path) -> None:
    doc = parse(tmp_path, TITLED, year=2026)
    assert [t.kind for t in doc.performance] == ["project", "overall"]  # the numbered heading is no table
    p, o = doc.performance
    assert p.project == "市行政中心保安服务项目" and p.goal == "有效保障保安服务。"
    assert [i.level3 for i in p.indicators] == ["保安服务覆盖率"]  # the 备注 row is no indicator
    assert {k: a.value for k, a in o.amounts.items()} == {
        "total": Decimal("8200.95"), "project_exp": Decimal("2285.57"), "basic": Decimal("5915.38")}


LABELS_ABOVE = """\
预算13表部门整体支出绩效目标表
部门名称→→某某局→→→→→→
总体资金情况（万元）→→预算支出总额→财政拨款→→→其他资金→→
→→→合计→基本支出→项目支出→合计→基本支出→项目支出
→→32,852.053832→32,801.936639→25,218.537585→7,583.399054→50.117193→→50.117193
整体绩效目标→整体绩效目标→坚持以人民为中心。→→→→→→
→活动→→绩效指标→→指标性质→指标值→→度量单位
→审计业务→→产出指标数量指标出具数据分析报告→→＝→4→→份
"""


def test_amounts_printed_under_their_labels_and_levels_in_one_cell(tmp_path: Path) -> None:
    t = parse(tmp_path, LABELS_ABOVE, year=2026).performance[0]
    assert {k: a.value for k, a in t.amounts.items()} == {
        "total": Decimal("32852.053832"), "fiscal": Decimal("32801.936639"), "other": Decimal("50.117193")}
    assert t.goal == "坚持以人民为中心。" and t.unit == "某某局"
    ind = t.indicators[0]
    assert (ind.level1, ind.level2, ind.level3, ind.operator, ind.value, ind.unit) == (
        "产出指标", "数量指标", "出具数据分析报告", "＝", "4", "份")


def test_project_cut_by_a_page_break_takes_its_name_from_the_next_page() -> None:
    from yusuan.blocks import Cell, Grid, RawDocument, TextLine

    def row(*texts: str, span: int = 1, page: int = 1) -> list[Cell]:
        return [Cell(x, page=page, rowspan=span if j < 3 and span > 1 else 1) for j, x in enumerate(texts)]

    header = ["项目名称", "项目总额", "绩效目标", "一级指标", "二级指标", "三级指标", "绩效指标性质", "本年绩效指标值", "绩效度量单位"]
    page1 = Grid(rows=[
        row(*header),
        row("甲项目", "10.00", "甲目标。", "成本指标", "经济成本指标", "甲成本", "≤", "10", "万元", span=2),
        row("", "", "", "产出指标", "数量指标", "甲数量", "≥", "1", "个"),
        # the next project's merged cells begin here; its name and amount are printed on page 2
        row("", "", "乙目标", "成本指标", "经济成本指标", "配时维护费", "≤", "16", "万元", span=2),
    ], page=1, source="ruled")
    page2 = Grid(rows=[
        row(*header, page=2),
        row("乙项目", "20.00", "（续）", "成本指标", "经济成本指标", "设计费", "≤", "4", "万元", span=2, page=2),
        row("", "", "", "产出指标", "数量指标", "乙数量", "≥", "2", "个", page=2),
    ], page=2, source="ruled")
    raw = RawDocument(path="x.pdf", format="pdf", blocks=[
        TextLine("预算表12项目支出绩效目标表", page=1), TextLine("金额单位：万元", page=1), page1,
        TextLine("乙项目", page=1), TextLine("预算表12项目支出绩效目标表", page=2), page2,
    ])
    doc = Document(paths=["x.pdf"], format="pdf", year=2026)
    parse_performance(raw, segment(raw), doc)
    got = [(t.project, t.amounts["total"].value, [i.level3 for i in t.indicators]) for t in doc.performance]
    assert got == [("甲项目", Decimal("10.00"), ["甲成本", "甲数量"]),
                   ("乙项目", Decimal("20.00"), ["配时维护费", "设计费", "乙数量"])]


def test_table_goes_on_under_a_repeated_header_with_other_columns() -> None:
    from yusuan.blocks import Cell, Grid, RawDocument, TextLine

    def grid(rows: list[list[str]], page: int) -> Grid:
        return Grid(rows=[[Cell(x, page=page) for x in r] for r in rows], page=page, source="ruled")

    first = grid([
        ["项目名称", "市商务发展专项", "", "主管部门", "", "某委员会", "", "", ""],
        ["当年预算", "46,794.00", "", "市级支出", "", "40,624.00", "", "", ""],
        ["绩效指标", "指标名称", "指标性质", "", "指标值", "", "计量单位", "指标权重(%)", "是否核心"],
        ["", "重要商品储备数量", "≥", "", "7500", "", "吨", "75", "是"],
    ], 26)
    second = grid([
        ["绩效指标", "指标名称", "指标性质", "指标值", "计量单位", "指标权重(%)", "是否核心"],
        ["", "年度预算执行率", "=", "100", "%", "25", "否"],
    ], 27)
    raw = RawDocument(path="x.pdf", format="pdf", blocks=[
        TextLine("2026年市级重点专项资金绩效目标表(一级项目)", page=26), TextLine("单位:万元", page=26), first,
        TextLine("—2 6—", page=26), second,
    ])
    doc = Document(paths=["x.pdf"], format="pdf", year=2026)
    parse_performance(raw, segment(raw), doc)
    t = doc.performance[0]
    assert (t.project, t.amounts["total"].value) == ("市商务发展专项", Decimal("46794.00"))
    assert [(i.level3, i.operator, i.value, i.unit, i.weight) for i in t.indicators] == [
        ("重要商品储备数量", "≥", "7500", "吨", Decimal(75)), ("年度预算执行率", "=", "100", "%", Decimal(25))]


def test_wide_table_with_a_budget_unit_column(tmp_path: Path) -> None:
    text = """\
某某局2026年项目支出绩效目标表预算表（预算表11）
单位名称→项目名称→年度资金总额(万元)→年度绩效目标→一级指标→二级指标→三级指标→指标解释→指标值→权重
105001某某局→信访专项经费→30.00→网络专线畅通。→产出指标→数量指标→专家评审→评审次数→>=2次→40
→→→→满意度指标→服务对象满意度指标→上访群众满意度→满意度→>=100百分比→10
→接待中心运行费→116.00→支付物业费。→成本指标→经济成本指标→办公用房使用维护成本→成本→<=116万元→20
"""
    doc = parse(tmp_path, text, year=2026)
    got = [(t.project, t.unit, t.amounts["total"].value, [i.weight for i in t.indicators]) for t in doc.performance]
    assert got == [("信访专项经费", "某某局", Decimal("30.00"), [Decimal(40), Decimal(10)]),
                   ("接待中心运行费", "某某局", Decimal("116.00"), [Decimal(20)])]


def test_list_of_project_goals_without_indicators(tmp_path: Path) -> None:
    text = """\
表11：2026年市级部门项目支出绩效表
部门名称：某某局
单位:万元
单位名称→项目名称→金额→绩效目标
**→**→**→**
某某局→执法办案→6,192.04→打击、整治各类违法犯罪活动。
某某局交通管理支队→日常保障运行→8,296.51→保障日常运转。
"""
    doc = parse(tmp_path, text, year=2026)
    assert doc.diagnostics == []
    got = [(t.kind, t.project, t.unit, t.amounts["total"].value, t.goal, t.indicators) for t in doc.performance]
    assert got == [("project", "执法办案", "某某局", Decimal("6192.04"), "打击、整治各类违法犯罪活动。", []),
                   ("project", "日常保障运行", "某某局交通管理支队", Decimal("8296.51"), "保障日常运转。", [])]
