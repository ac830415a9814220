"""The SPEC: the leaf figures a department enters, from which a whole disclosure is computed.

Only what cannot be derived is asked for: 项-level amounts by funding source and by 基本/项目,
the 经济分类 款 amounts of the 一般公共预算基本支出, the “三公” items, 机关运行经费, 政府采购,
the projects with their 绩效目标, and last year's figures for the comparisons. Every sum, share,
change and sentence is computed (yusuan.generate.compute).

The JSON Schema (``yusuan schema --spec``) is generated from these models; the Chinese ``title``
of every field is what a validation message names.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

# Funding sources of a 项, in the order the 收入 tables print them; ids are the column ids of
# yusuan/data/tables.toml.
SOURCES: tuple[str, ...] = ("gpb", "gov_fund", "soe", "fiscal_special", "business", "operating", "other")
SOURCE_NAMES: dict[str, str] = {
    "gpb": "一般公共预算",
    "gov_fund": "政府性基金预算",
    "soe": "国有资本经营预算",
    "fiscal_special": "财政专户管理资金",
    "business": "事业收入",
    "operating": "事业单位经营收入",
    "other": "其他收入",
}
FISCAL_SOURCES = ("gpb", "gov_fund", "soe")

Money = Decimal


class SpecError(Exception):
    """A spec that cannot be used: the CLI prints the message (file and reason) and exits 2."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _money(title: str, **kw: Any) -> Any:
    return Field(default=Decimal(0), ge=0, title=title, **kw)


class Sources(_Spec):
    """One amount per funding source (金额单位见 spec 的 unit)."""

    gpb: Money = _money("一般公共预算")
    gov_fund: Money = _money("政府性基金预算")
    soe: Money = _money("国有资本经营预算")
    fiscal_special: Money = _money("财政专户管理资金")
    business: Money = _money("事业收入")
    operating: Money = _money("事业单位经营收入")
    other: Money = _money("其他收入")

    def get(self, source: str) -> Decimal:
        return Decimal(getattr(self, source))

    def total(self) -> Decimal:
        return sum((self.get(s) for s in SOURCES), Decimal(0))


class ExpenseItem(_Spec):
    """One 支出功能分类 项 (7-digit code) and its amounts."""

    code: str = Field(title="功能分类科目编码（项，7 位）", pattern=r"^2\d{6}$")
    name: str | None = Field(default=None, title="科目名称（不填则取分类科目名称）")
    basic: Sources = Field(default_factory=Sources, title="基本支出（按资金来源）")
    project: Sources = Field(default_factory=Sources, title="项目支出（按资金来源）")
    last_year_gpb: Money | None = Field(default=None, ge=0, title="上年一般公共预算数")
    reason: str | None = Field(default=None, title="一般公共预算增减原因")
    use: str | None = Field(default=None, title="主要用途")


class EconItem(_Spec):
    """An amount of the 一般公共预算基本支出 by 部门预算支出经济分类 款 (5-digit code)."""

    code: str = Field(title="经济分类科目编码（款，5 位）", pattern=r"^3\d{4}$")
    name: str | None = Field(default=None, title="科目名称（不填则取分类科目名称）")
    amount: Money = _money("金额")


class ThreePublic(_Spec):
    overseas_travel: Money = _money("因公出国（境）费")
    vehicle_purchase: Money = _money("公务用车购置费")
    vehicle_operation: Money = _money("公务用车运行费")
    reception: Money = _money("公务接待费")


class Comparable(_Spec):
    """This year's amount and last year's, with the reason for the change."""

    amount: Money = _money("本年数")
    last_year: Money | None = Field(default=None, ge=0, title="上年数")
    reason: str | None = Field(default=None, title="增减原因")


class Procurement(_Spec):
    goods: Money = _money("货物")
    works: Money = _money("工程")
    services: Money = _money("服务")
    sme: Money | None = Field(default=None, ge=0, title="面向中小企业预留")


class Indicator(_Spec):
    level1: str = Field(title="一级指标")
    level2: str = Field(title="二级指标")
    name: str = Field(title="三级指标")
    value: str = Field(title="指标值（含符号与单位，如 ≥95%）")


class ProjectSpec(_Spec):
    name: str = Field(title="项目名称", min_length=2)
    code: str = Field(title="功能分类科目编码（项）", pattern=r"^2\d{6}$")
    amount: Money = _money("一般公共预算项目支出金额")
    basis: str | None = Field(default=None, title="设立的政策依据")
    goal: str = Field(title="项目总体目标（年度绩效目标）", min_length=2)
    indicators: list[Indicator] = Field(default_factory=list, title="绩效指标")


class StaffSpec(_Spec):
    authorized: int | None = Field(default=None, ge=0, title="编制数")
    in_service: int = Field(default=0, ge=0, title="在职人数")
    retired: int = Field(default=0, ge=0, title="退休人数")
    retired_early: int = Field(default=0, ge=0, title="离休人数")


class ProfileSpec(_Spec):
    functions: list[str] = Field(default_factory=list, title="主要职能")
    internal_units: list[str] = Field(default_factory=list, title="内设机构")
    budget_units: list[str] = Field(default_factory=list, title="纳入预算编制范围的预算单位")
    staff: StaffSpec = Field(default_factory=StaffSpec, title="人员情况")


class LastYear(_Spec):
    """Last year's figures the 情况说明 compares with (上年预算数)."""

    total: Money | None = Field(default=None, ge=0, title="上年收支总预算")
    sources: Sources | None = Field(default=None, title="上年收入（按资金来源）")
    basic: Money | None = Field(default=None, ge=0, title="上年基本支出")
    project: Money | None = Field(default=None, ge=0, title="上年项目支出")
    gpb_basic: Money | None = Field(default=None, ge=0, title="上年一般公共预算基本支出")
    gpb_project: Money | None = Field(default=None, ge=0, title="上年一般公共预算项目支出")
    three_public: ThreePublic | None = Field(default=None, title="上年“三公”经费")


class Assets(_Spec):
    vehicles: int = Field(default=0, ge=0, title="车辆（辆）")
    equipment: int = Field(default=0, ge=0, title="单位价值50万元以上大型设备（台套）")


class Spec(_Spec):
    """A disclosure's leaf figures (部门预算公开的基础数据)."""

    department: str = Field(title="部门（单位）名称", min_length=2)
    year: int = Field(title="预算年度", ge=2000, le=2100)
    level: Literal["部门", "单位"] = Field(default="部门", title="部门预算或单位预算")
    template: str | None = Field(default=None, title="模板名称（yusuan templates）")
    unit: Literal["万元", "元"] = Field(default="万元", title="本文件中金额的单位")
    published: str | None = Field(default=None, title="公开日期")
    profile: ProfileSpec = Field(default_factory=ProfileSpec, title="部门概况")
    expense: list[ExpenseItem] = Field(title="支出（按功能分类项）", min_length=1)
    econ_basic: list[EconItem] = Field(default_factory=list, title="一般公共预算基本支出（按经济分类款）")
    three_public: ThreePublic = Field(default_factory=ThreePublic, title="“三公”经费")
    admin_operation: Comparable | None = Field(default=None, title="机关运行经费")
    procurement: Procurement | None = Field(default=None, title="政府采购预算")
    projects: list[ProjectSpec] = Field(default_factory=list, title="项目及绩效目标")
    assets: Assets = Field(default_factory=Assets, title="国有资产占用情况（上年底）")
    last_year: LastYear = Field(default_factory=LastYear, title="上年数")
    reasons: dict[str, str] = Field(default_factory=dict, title="增减原因（键：total、basic、project、gpb_basic、gpb_project、three_public、sources.<来源>）")

    @field_validator("expense")
    @classmethod
    def _unique_codes(cls, v: list[ExpenseItem]) -> list[ExpenseItem]:
        seen: set[str] = set()
        for it in v:
            if it.code in seen:
                raise ValueError(f"功能分类科目 {it.code} 重复")
            seen.add(it.code)
        return v


# --------------------------------------------------------------------------------------------
# Reading a spec file, with Chinese messages that name the field


def _field_path(loc: tuple[int | str, ...]) -> str:
    """``('expense', 2, 'basic', 'gpb')`` → ``expense[2].basic.gpb（支出…第 3 项 / 基本支出 / 一般公共预算）``."""
    model: Any = Spec
    names: list[str] = []
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
            names.append(f"第 {part + 1} 项")
            continue
        path += f".{part}" if path else str(part)
        fields = getattr(model, "model_fields", {})
        f = fields.get(part)
        if f is None:
            names.append(str(part))
            model = None
            continue
        names.append(f.title or str(part))
        ann = f.annotation
        model = _model_in(ann)
    return f"{path}（{' / '.join(names)}）"


def _model_in(ann: Any) -> Any:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in getattr(ann, "__args__", ()) or ():
        m = _model_in(arg)
        if m is not None:
            return m
    return None


_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "不是规定的字段（拼写错误？）",
    "greater_than_equal": "不能为负数或小于下限",
    "less_than_equal": "超过上限",
    "string_pattern_mismatch": "格式不对",
    "decimal_parsing": "不是数字",
    "int_parsing": "不是整数",
    "too_short": "内容为空或过短",
    "string_too_short": "内容为空或过短",
    "missing_argument": "缺少必填项",
    "decimal_type": "不是数字",
    "int_type": "不是整数",
    "int_from_float": "不是整数",
    "literal_error": "取值不在允许范围内",
    "string_type": "应为文字",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
}


def explain(exc: ValidationError) -> list[str]:
    out = []
    for e in exc.errors():
        what = _MESSAGES.get(e["type"], e["msg"])
        if e["type"] == "value_error":
            what = str(e.get("ctx", {}).get("error", e["msg"]))
        elif e["type"] == "string_pattern_mismatch":
            what += f"（应匹配 {e.get('ctx', {}).get('pattern')}）"
        got = e.get("input")
        shown = "" if e["type"] == "missing" or isinstance(got, dict | list) else f"，实为 {got!r}"
        out.append(f"{_field_path(tuple(e['loc']))}：{what}{shown}")
    return out


def read_data(path: str) -> Any:
    """A YAML or JSON file as plain data; SpecError with a Chinese reason otherwise."""
    p = Path(path)
    if p.suffix.lower() == ".xlsx" and p.is_file():
        from yusuan.generate.spec_xlsx import read_spec_xlsx

        return read_spec_xlsx(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError(path, "文件不存在") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(path, f"无法读取（{exc.__class__.__name__}）") from None
    try:
        if p.suffix.lower() == ".json":
            return json.loads(text, parse_float=Decimal)
        return yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise SpecError(path, f"不是有效的 JSON/YAML：{str(exc).splitlines()[0]}") from None


def parse_spec(data: Any, path: str = "spec") -> Spec:
    if not isinstance(data, dict):
        raise SpecError(path, "spec 应为一个对象（键值对）")
    # YAML reads 12.30 as a float; take the number as written, never through binary floats
    data = _decimals(data)
    try:
        spec = Spec.model_validate(data)
    except ValidationError as exc:
        raise SpecError(path, "spec 不符合规定：\n  " + "\n  ".join(explain(exc))) from None
    problems = consistency(spec)
    if problems:
        raise SpecError(path, "spec 数字不一致：\n  " + "\n  ".join(problems))
    return spec


def _decimals(v: Any) -> Any:
    if isinstance(v, float):
        return Decimal(repr(v))
    if isinstance(v, dict):
        return {k: _decimals(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_decimals(x) for x in v]
    return v


def consistency(spec: Spec) -> list[str]:
    """Relations between leaf figures that a computed document cannot repair."""
    out: list[str] = []
    gpb_basic = sum((it.basic.gpb for it in spec.expense), Decimal(0))
    gpb_project = sum((it.project.gpb for it in spec.expense), Decimal(0))
    if spec.econ_basic:
        econ = sum((e.amount for e in spec.econ_basic), Decimal(0))
        if econ != gpb_basic:
            out.append(f"econ_basic（一般公共预算基本支出按经济分类）合计 {econ} 不等于 expense 各项 basic.gpb 之和 {gpb_basic}")
    elif gpb_basic:
        out.append("econ_basic（一般公共预算基本支出按经济分类）未填写，而一般公共预算基本支出为 "
                   f"{gpb_basic}：基本支出须细化到经济分类款")
    codes = {it.code for it in spec.expense}
    for i, pr in enumerate(spec.projects):
        if pr.code not in codes:
            out.append(f"projects[{i}].code（项目“{pr.name}”的功能分类科目）{pr.code} 不在 expense 中")
    by_code: dict[str, Decimal] = {}
    for pr in spec.projects:
        by_code[pr.code] = by_code.get(pr.code, Decimal(0)) + pr.amount
    if spec.projects:
        total = sum(by_code.values(), Decimal(0))
        if total != gpb_project:
            out.append(f"projects（项目）金额合计 {total} 不等于 expense 各项 project.gpb 之和 {gpb_project}")
    ly = spec.last_year
    for kind, name in (("basic", "基本支出"), ("project", "项目支出")):
        now_all = sum((getattr(it, kind).total() for it in spec.expense), Decimal(0))
        now_gpb = sum((getattr(it, kind).gpb for it in spec.expense), Decimal(0))
        a, b = getattr(ly, kind), getattr(ly, f"gpb_{kind}")
        if now_all == now_gpb and a is not None and b is not None and a != b:
            out.append(f"last_year.{kind} 与 last_year.gpb_{kind}（上年{name}）不同（{a} 与 {b}），而本年{name}全部为"
                       "一般公共预算：说明中同一上年数会前后不一")
    # the narrative states last year's figure of every 项 and of 基本/项目 as parts of the same
    # 一般公共预算 total: the two sets must add up alike (Y307)
    gpb_items = [it for it in spec.expense if it.basic.gpb or it.project.gpb]
    if gpb_items and all(it.last_year_gpb is not None for it in gpb_items) \
            and ly.gpb_basic is not None and ly.gpb_project is not None:
        items_last = sum((Decimal(it.last_year_gpb or 0) for it in gpb_items), Decimal(0))
        if items_last != ly.gpb_basic + ly.gpb_project:
            out.append(f"expense 各项 last_year_gpb（上年一般公共预算数）之和 {items_last} 不等于 last_year.gpb_basic + "
                       f"last_year.gpb_project = {ly.gpb_basic + ly.gpb_project}；说明中两组上年数会不一致。"
                       "若差额是本年不再安排的项，请删去 last_year.gpb_basic 与 last_year.gpb_project")
    if ly.sources is not None and ly.basic is not None and ly.project is not None \
            and ly.sources.total() != ly.basic + ly.project:
        out.append(f"last_year.sources（上年收入）合计 {ly.sources.total()} 不等于上年基本支出与项目支出之和 "
                   f"{ly.basic + ly.project}")
    tp = spec.three_public
    if tp.overseas_travel + tp.vehicle_purchase + tp.vehicle_operation + tp.reception > gpb_basic + gpb_project:
        out.append("three_public（“三公”经费）超过一般公共预算支出")
    names = [p.name for p in spec.projects]
    for n in {n for n in names if names.count(n) > 1}:
        out.append(f"projects：项目名称“{n}”重复")
    return out


def load_spec(path: str) -> Spec:
    return parse_spec(read_data(path), path)


def spec_schema() -> dict[str, Any]:
    return Spec.model_json_schema()
