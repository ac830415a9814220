"""The region (省/市/县) and government level a document belongs to, read from its own text.

The names of provinces and prefecture-level divisions are package data
(``yusuan/data/regions.toml``); a county or district is the name ending in 县/区/旗/市 printed
right after a known province or city (``深圳市福田区教育局`` → 福田区), or at the start of the
department name (``某某县卫生健康委员会``). Only full names count (``深圳市``, not ``深圳``), so that a
university or a street named after a city is not taken for one. File names are never read.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

GovLevel = str  # "省级" | "市级" | "县级"


@dataclass(frozen=True)
class Region:
    province: str | None = None
    city: str | None = None  # for a municipality (直辖市), the municipality itself
    county: str | None = None
    gov_level: GovLevel | None = None  # the level of government the department belongs to

    @property
    def name(self) -> str | None:
        """The most specific name known, e.g. ``深圳市`` or ``上海市普陀区``."""
        parts = [p for p in (self.province, self.city, self.county) if p]
        if not parts:
            return None
        # a municipality's district reads with the municipality in front; a county alone is ambiguous
        return "".join(dict.fromkeys(parts))


def _level(province: str | None, city: str | None, county: str | None) -> GovLevel | None:
    if county:
        return "县级"
    if city and city != province:
        return "市级"
    return "省级" if province else None


def _region(province: str | None, city: str | None, county: str | None) -> Region:
    return Region(province, city, county, _level(province, city, county))


@dataclass(frozen=True)
class _Gazetteer:
    provinces: dict[str, str]  # printed name -> province
    shorts: dict[str, str]  # short name (上海, 内蒙古) -> province
    cities: dict[str, tuple[str, str]]  # printed name (or alias) -> (province, city)
    municipalities: frozenset[str]
    pattern: re.Pattern[str]  # any province or city name


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    text = resources.files("yusuan").joinpath("data/regions.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    provinces: dict[str, str] = {}
    shorts: dict[str, str] = {}
    cities: dict[str, tuple[str, str]] = {}
    municipalities = set()
    for p in data["province"]:
        provinces[p["name"]] = p["name"]
        shorts[p["short"]] = p["name"]
        if p.get("municipality"):
            municipalities.add(p["name"])
        for entry in p["cities"].split():
            names = entry.split("|")
            for n in names:
                cities[n] = (p["name"], names[0])
    names = sorted([*provinces, *cities], key=len, reverse=True)
    return _Gazetteer(provinces, shorts, cities, frozenset(municipalities), re.compile("|".join(map(re.escape, names))))


_COUNTY_RE = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:自治县|自治旗|林区|县|区|旗|市)")
_LEADING_COUNTY_RE = re.compile(r"^[\u4e00-\u9fff]{2,6}?(?:自治县|自治旗|县|区|旗|市)")
# words ending like a county that are not one (社区 a neighbourhood, 城市 a city in general …)
_NOT_COUNTY = ("社区", "小区", "园区", "景区", "市区", "片区", "街区", "校区", "营区", "库区", "辖区", "地区",
               "城市", "城区", "山区", "牧区", "矿区", "老区", "省市", "县市", "全市", "全区", "全县", "本市")


def _county_after(text: str) -> str | None:
    m = _COUNTY_RE.match(text)
    if not m or m.group(0).endswith(_NOT_COUNTY) or m.group(0) in gazetteer().cities:
        return None
    return m.group(0)


def region_in(text: str) -> Region | None:
    """The region a text names first: its province, city and county as far as printed."""
    g = gazetteer()
    m = g.pattern.search(text)
    if not m:
        return None
    name = m.group(0)
    rest = text[m.end():]
    if name in g.cities:
        province, city = g.cities[name]
        # a city may follow its province: 广东省深圳市
        nxt = g.pattern.match(rest)
        return _region(province, city, _county_after(rest) if not nxt else None)
    province = g.provinces[name]
    nxt = g.pattern.match(rest)
    if nxt and nxt.group(0) in g.cities and g.cities[nxt.group(0)][0] == province:
        city = g.cities[nxt.group(0)][1]
        return _region(province, city, _county_after(rest[nxt.end():]))
    county = _county_after(rest)
    if province in g.municipalities:
        return _region(province, province, county)
    # a county-level city or county directly after a province (江苏省江阴市) has no known 地级 parent
    return _region(province, None, county)


def leading_county(department: str) -> str | None:
    """``某某县卫生健康委员会`` → ``某某县``: a county named first, with no province or city before it."""
    m = _LEADING_COUNTY_RE.match(department)
    if not m or m.group(0).endswith(_NOT_COUNTY) or gazetteer().pattern.match(department):
        return None
    return m.group(0)


def find_region(department: str | None, texts: Iterable[str]) -> Region:
    """The document's region: from its department name first, then from its other texts in order.

    ``texts`` are what the document prints about itself (table preparers, budget units, 概况);
    the first of them that names a province or city completes what the department name lacks.
    """
    dept = (department or "").replace(" ", "")
    own = region_in(dept) if dept else None
    if own:  # a department named with its province only is of the province (江苏省人民检察院)
        return own
    county = leading_county(dept) if dept else None
    # The other texts say where the department is, not its level: a county seat's address in the
    # 概况 of a provincial unit does not make it a county unit. Only a leading county name does.
    for t in texts:
        found = region_in(t.replace(" ", ""))
        if found is not None:
            return Region(found.province, found.city, county, "县级" if county else None)
    # a name that starts with a province's short name (上海钻石交易所) is in that province; its
    # level is not said (a university or an exchange named so may belong to another level)
    g = gazetteer()
    short = next((p for n, p in g.shorts.items() if dept.startswith(n)), None)
    if short and not county:
        return Region(short, short if short in g.municipalities else None, None, None)
    return Region(None, None, county, "县级" if county else None)
