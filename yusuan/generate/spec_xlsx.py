"""A spec as an XLSX workbook, in the layout a budget office keeps its figures.

Sheets (names as below; headers are matched by their Chinese text, so columns may be reordered):

* 基本信息 — two columns 项目 | 内容: 部门（单位）名称, 预算年度, 部门预算或单位预算, 模板名称, 金额单位,
  公开日期; and any other spec field by its dotted path (``admin_operation.amount``, ``reasons.basic``,
  ``profile.functions`` with items separated by "；").
* 支出 — one row per 功能分类 项: 科目编码 | 科目名称 | 基本支出/<资金来源> … | 项目支出/<资金来源> … |
  上年一般公共预算数 | 增减原因 | 主要用途 (资金来源: 一般公共预算, 政府性基金预算, 国有资本经营预算,
  财政专户管理资金, 事业收入, 事业单位经营收入, 其他收入).
* 经济分类 — 科目编码 | 科目名称 | 金额 (一般公共预算基本支出, by 款).
* 项目 — 项目名称 | 科目编码 | 金额 | 政策依据 | 绩效目标; 绩效指标 — 项目名称 | 一级指标 | 二级指标 |
  三级指标 | 指标值.

The workbook becomes the same plain data as a YAML spec and is validated the same way.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from openpyxl import load_workbook

from yusuan.generate.spec import SOURCE_NAMES, SpecError

_INFO_KEYS = {
    "部门（单位）名称": "department", "部门名称": "department", "单位名称": "department",
    "预算年度": "year", "部门预算或单位预算": "level", "级次": "level", "模板名称": "template", "模板": "template",
    "金额单位": "unit", "单位": "unit", "公开日期": "published",
}
_LIST_FIELDS = {"profile.functions", "profile.internal_units", "profile.budget_units"}


def _cell(v: Any) -> Any:
    if isinstance(v, float):
        return Decimal(repr(v))
    if isinstance(v, str):
        return v.strip()
    return v


def _rows(ws) -> list[dict[str, Any]]:
    rows = [[_cell(c) for c in r] for r in ws.iter_rows(values_only=True)]
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    if not rows:
        return []
    header = [str(h or "").replace(" ", "") for h in rows[0]]
    return [{h: c for h, c in zip(header, r, strict=False) if h and c not in (None, "")} for r in rows[1:]]


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    if path.startswith("reasons."):  # the keys of reasons hold dots themselves (sources.gpb)
        data.setdefault("reasons", {})[path[len("reasons."):]] = value
        return
    parts = path.split(".")
    d = data
    for p in parts[:-1]:
        d = d.setdefault(p, {})
    if path in _LIST_FIELDS and isinstance(value, str):
        value = [x.strip() for x in value.replace(";", "；").split("；") if x.strip()]
    d[parts[-1]] = value


def read_spec_xlsx(path: str) -> dict[str, Any]:
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise SpecError(path, f"不是有效的 XLSX 工作簿（{exc.__class__.__name__}）") from None
    names = set(wb.sheetnames)
    for need in ("基本信息", "支出"):
        if need not in names:
            raise SpecError(path, f"工作簿缺少工作表“{need}”（现有：{'、'.join(wb.sheetnames)}）")
    data: dict[str, Any] = {}
    for r in wb["基本信息"].iter_rows(values_only=True):
        if not r or r[0] in (None, "") or len(r) < 2 or r[1] in (None, ""):
            continue
        key = str(r[0]).strip()
        if key in ("项目", "字段"):
            continue
        _set(data, _INFO_KEYS.get(key, key), _cell(r[1]))
    source_by_name = {v: k for k, v in SOURCE_NAMES.items()}
    items = []
    for i, row in enumerate(_rows(wb["支出"])):
        item: dict[str, Any] = {"basic": {}, "project": {}}
        for h, v in row.items():
            if h == "科目编码":
                item["code"] = str(v)
            elif h == "科目名称":
                item["name"] = v
            elif h == "上年一般公共预算数":
                item["last_year_gpb"] = v
            elif h == "增减原因":
                item["reason"] = v
            elif h == "主要用途":
                item["use"] = v
            elif "/" in h and h.split("/", 1)[0] in ("基本支出", "项目支出"):
                kind, src = h.split("/", 1)
                if src not in source_by_name:
                    raise SpecError(path, f"工作表“支出”第 1 行列名“{h}”中的资金来源“{src}”不是规定的来源"
                                          f"（{'、'.join(SOURCE_NAMES.values())}）")
                item["basic" if kind == "基本支出" else "project"][source_by_name[src]] = v
            else:
                raise SpecError(path, f"工作表“支出”第 {i + 2} 行：列名“{h}”不是规定的列")
        items.append(item)
    data["expense"] = items
    if "经济分类" in names:
        data["econ_basic"] = [{"code": str(r.get("科目编码", "")), **({"name": r["科目名称"]} if "科目名称" in r else {}),
                               "amount": r.get("金额")} for r in _rows(wb["经济分类"])]
    if "项目" in names:
        projects: dict[Any, dict[str, Any]] = {}
        for r in _rows(wb["项目"]):
            projects[r.get("项目名称")] = {"name": r.get("项目名称"), "code": str(r.get("科目编码", "")),
                                        "amount": r.get("金额"), "basis": r.get("政策依据"),
                                        "goal": r.get("绩效目标"), "indicators": []}
        if "绩效指标" in names:
            for r in _rows(wb["绩效指标"]):
                p = projects.get(r.get("项目名称"))
                if p is None:
                    raise SpecError(path, f"工作表“绩效指标”中的项目“{r.get('项目名称')}”不在工作表“项目”中")
                p["indicators"].append({"level1": r.get("一级指标"), "level2": r.get("二级指标"),
                                        "name": r.get("三级指标"), "value": str(r.get("指标值", ""))})
        data["projects"] = [{k: v for k, v in p.items() if v is not None} for p in projects.values()]
    return data


def write_spec_xlsx(spec: Any, path: str) -> None:
    """A spec (``yusuan.generate.spec.Spec``) as a workbook of the layout above: a department's
    starting point, or a round-trip check of the reader."""
    from openpyxl import Workbook

    from yusuan.generate.spec import SOURCES

    wb = Workbook()
    ws = wb.active
    ws.title = "基本信息"
    ws.append(["项目", "内容"])
    ws.append(["部门（单位）名称", spec.department])
    ws.append(["预算年度", spec.year])
    ws.append(["部门预算或单位预算", spec.level])
    ws.append(["模板名称", spec.template or ""])
    ws.append(["金额单位", spec.unit])
    dumped = spec.model_dump(mode="json", exclude_none=True)
    for key in ("profile", "three_public", "admin_operation", "procurement", "assets", "last_year", "reasons"):
        for path_, value in _flat(dumped.get(key), key):
            ws.append([path_, value])
    ex = wb.create_sheet("支出")
    header = ["科目编码", "科目名称"] + [f"{k}/{SOURCE_NAMES[s]}" for k in ("基本支出", "项目支出") for s in SOURCES] \
        + ["上年一般公共预算数", "增减原因", "主要用途"]
    ex.append(header)
    for it in spec.expense:
        ex.append([it.code, it.name or ""] + [str(it.basic.get(s)) for s in SOURCES] + [str(it.project.get(s)) for s in SOURCES]
                  + ["" if it.last_year_gpb is None else str(it.last_year_gpb), it.reason or "", it.use or ""])
    ec = wb.create_sheet("经济分类")
    ec.append(["科目编码", "科目名称", "金额"])
    for e in spec.econ_basic:
        ec.append([e.code, e.name or "", str(e.amount)])
    if spec.projects:
        pr = wb.create_sheet("项目")
        pr.append(["项目名称", "科目编码", "金额", "政策依据", "绩效目标"])
        ind = wb.create_sheet("绩效指标")
        ind.append(["项目名称", "一级指标", "二级指标", "三级指标", "指标值"])
        for p in spec.projects:
            pr.append([p.name, p.code, str(p.amount), p.basis or "", p.goal])
            for i in p.indicators:
                ind.append([p.name, i.level1, i.level2, i.name, i.value])
    wb.save(path)


def _flat(v: Any, prefix: str) -> list[tuple[str, Any]]:
    if isinstance(v, dict):
        out: list[tuple[str, Any]] = []
        for k, x in v.items():
            out += _flat(x, f"{prefix}.{k}")
        return out
    if isinstance(v, list):
        return [(prefix, "；".join(str(x) for x in v))] if v else []
    return [] if v is None else [(prefix, v)]
