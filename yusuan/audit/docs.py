"""docs/rules.md, generated from the registry: ``yusuan rules --markdown > docs/rules.md``.

tests/test_docs.py fails when the file is out of date with the registry, so the catalog a user
reads is the catalog that runs.
"""

from __future__ import annotations

import inspect

from yusuan.audit import all_rules
from yusuan.audit import tolerance as tolerance_module

FAMILY_NAMES = {
    "internal": "内部 internal",
    "arithmetic": "Y1xx 表内算术 arithmetic within a table",
    "cross_table": "Y2xx 表间勾稽 across tables",
    "narrative": "Y3xx 说明与表格 narrative against tables",
    "completeness": "Y4xx 完整性 completeness",
    "codes": "Y5xx 科目编码 classification codes",
    "performance": "Y6xx 绩效目标 performance targets",
    "profile": "Y7xx 部门概况 profile",
    "wording": "Y8xx 文字与模板遗留 wording",
}
SEVERITY_NAMES = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}

HEADER = """# 审核规则 Audit rules

<!-- Generated from the rule registry by `yusuan rules --markdown > docs/rules.md`. Do not edit by
hand: edit the rule's docstring and regenerate (tests/test_docs.py checks this file is current). -->

`yusuan check` runs every rule below on each document. `yusuan rules CODE` prints one rule.

## 级别 Severities

* **错误 error** — the numbers cannot both be true (beyond the rounding tolerance).
* **警告 warning** — likely wrong, or a requirement the template may not follow; check by hand.
* **提示 info** — for the record, e.g. a difference within rounding (category `rounding`).

Exit code: 0 without an `error` finding, 1 with one, 2 when an input could not be read
(`--exit-zero` always exits 0 unless an input was unreadable).

## 选择与配置 Selecting rules

`--select Y1,Y201` / `--ignore Y108` take codes or prefixes. The same in `[tool.yusuan]` of a
pyproject.toml, or at the top level of a `yusuan.toml`, found from the current directory upwards:

```toml
[tool.yusuan]
select = ["Y1", "Y2", "Y4"]
ignore = ["Y108"]

[tool.yusuan.severity]
Y101 = "warning"
```

## 覆盖情况 Coverage

Each report says which rules ran, which did not apply to the document (and why), and which could
not run because what they need was not read (`n 条规则因缺少数据未运行：…`). A clean report never
hides a check that could not run.

## 四舍五入 Rounding tolerance
"""


def _tolerance_text() -> str:
    return inspect.cleandoc(tolerance_module.__doc__ or "")


def rules_markdown() -> str:
    rules = all_rules()
    out = [HEADER, _tolerance_text(), "", "## 规则一览 Catalog", "",
           "| 代码 | 名称 | 级别 | 类别 | 依据 |", "|---|---|---|---|---|"]
    for code, r in rules.items():
        out.append(f"| [{code}](#{code.lower()}) | {r.title} | {SEVERITY_NAMES.get(r.severity, r.severity)} | "
                   f"{r.family} | {r.basis} |")
    families: dict[str, list[str]] = {}
    for code, r in rules.items():
        families.setdefault(r.family, []).append(code)
    order = list(FAMILY_NAMES) + sorted(set(families) - set(FAMILY_NAMES))
    for fam in order:
        if fam not in families:
            continue
        out += ["", f"## {FAMILY_NAMES.get(fam, fam)}"]
        for code in families[fam]:
            r = rules[code]
            out += ["", f"### {code}", "", f"**{r.title}** — 级别 {SEVERITY_NAMES.get(r.severity, r.severity)}；"
                    f"依据 {r.basis}" + (f"；需要 {', '.join(r.needs)}" if r.needs else ""), ""]
            out.append(r.doc or "_（无说明）_")
    return "\n".join(out).rstrip() + "\n"
