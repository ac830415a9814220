"""Region and level from a document's own text (yusuan/data/regions.toml), never from file names."""

from __future__ import annotations

import pytest

from yusuan.store.regions import Region, find_region, gazetteer


@pytest.mark.parametrize(("department", "texts", "expected"), [
    ("深圳市统计局（本级）", [], Region("广东省", "深圳市", None, "市级")),
    ("广东省深圳市福田区教育局", [], Region("广东省", "深圳市", "福田区", "县级")),
    ("新疆维吾尔自治区喀什地区喀什市医疗保障局", [], Region("新疆维吾尔自治区", "喀什地区", "喀什市", "县级")),
    ("江苏省人民检察院", ["地址：南京市鼓楼区"], Region("江苏省", None, None, "省级")),
    ("上海市财政局", [], Region("上海市", "上海市", None, "省级")),  # a municipality is provincial
    ("上海市普陀区社会福利院", [], Region("上海市", "上海市", "普陀区", "县级")),
    ("中共上海市普陀区委社会工作部", [], Region("上海市", "上海市", "普陀区", "县级")),
    ("深圳市城市管理和综合执法局", [], Region("广东省", "深圳市", None, "市级")),  # 城市 is no district
    ("长沙市市场监督管理局", [], Region("湖南省", "长沙市", None, "市级")),
    ("延边州财政局", [], Region("吉林省", "延边朝鲜族自治州", None, "市级")),  # a 自治州 shortened
    # a county named first: its province and city from the document's other texts
    ("吉木萨尔县医疗保障局", ["吉木萨尔县隶属昌吉回族自治州"], Region("新疆维吾尔自治区", "昌吉回族自治州", "吉木萨尔县", "县级")),
    # no place in the name: where it is, from the 概况, but not its level
    ("西南大学", ["学校位于重庆市北碚区"], Region("重庆市", "重庆市", None, None)),
    ("中山大学", [], Region(None, None, None, None)),  # a city's name without 市 is not the city
    ("上海钻石宝玉石交易联合管理办公室", [], Region("上海市", "上海市", None, None)),  # a province's short name
    (None, [], Region(None, None, None, None)),
])
def test_find_region(department: str | None, texts: list[str], expected: Region) -> None:
    assert find_region(department, texts) == expected


def test_the_gazetteer_has_every_province_and_the_prefecture_level_divisions() -> None:
    g = gazetteer()
    assert len(g.provinces) == 31
    assert len({city for _, city in g.cities.values()}) > 330
    assert all(p in g.provinces for p, _ in g.cities.values())
