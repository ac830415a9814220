"""An income table printed with its columns as rows, read as the one row other templates print.

江苏's 2019 公开表二 收入预算总表 prints 项目名称 | 金额: 收入总计, then each fund as a group label
(一般公共预算资金, 政府性基金, 财政专户管理资金, 其他资金, 上年结转和结余资金) beside its 小计 and
its parts (公共财政拨款(补助)资金, 专户管理教育收费, 事业收入 …). Read as rows, every 小计 is a row
named 小计 and the table has no column but 金额, so no rule could check it. Where the 收入总计 and at
least two more labelled rows name income-table columns (table_structure.toml [links]
rows_as_columns), the table becomes one 合计 row whose columns are those figures; a part the
catalog has no column for is kept in a note (not a row: it would be added up as one).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from yusuan.model import Column, Row, Table
from yusuan.tables import _data_text, norm

_SUBTOTAL_RE = re.compile(r"^(.+?)\s*(小计|合计)$")


@cache
def _patterns() -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    links = tomllib.loads(_data_text("table_structure.toml")).get("links", {})
    return {t: tuple((re.compile(p), c) for p, c in pairs) for t, pairs in links.get("rows_as_columns", {}).items()}


def _labels(rows: list[Row]) -> list[tuple[Row, str]]:
    """Each row with the label it stands for: a 小计 row its group's label."""
    out = []
    for r in rows:
        name = norm(r.name or "")
        if name in ("小计", "合计") and r.project:  # the group label read into the row's project column
            out.append((r, norm(r.project)))
            continue
        m = _SUBTOTAL_RE.match(name)
        out.append((r, m.group(1) if m else name))
    return out


def fold_rows_into_columns(table: Table) -> bool:
    """Fold a one-amount-column income table whose rows are its columns (see the module)."""
    pats = _patterns().get(table.id)
    amounts = [c for c in table.columns if any(c.id in r.values for r in table.rows)]
    if not pats or [c.id for c in amounts] != ["total"] or len(table.rows) < 4:
        return False
    named: dict[str, tuple[Row, str]] = {}
    rest: list[Row] = []
    for r, label in _labels(table.rows):
        cid = next((c for p, c in pats if p.search(label)), None)
        if cid is None or cid in named:
            rest.append(r)
            continue
        named[cid] = (r, label)
    filled = [cid for cid, (r, _) in named.items() if "total" in r.values]
    if "total" not in filled or len(named) < 3 or any(r.values for r in rest if _is_subtotal(r)):
        return False
    total_row = named["total"][0]
    total_row.code = "TOTAL"
    total_row.values = {cid: r.values["total"] for cid, (r, _) in named.items() if "total" in r.values}
    table.columns = [Column(id=cid, header=label) for cid, (_, label) in named.items()]
    table.rows = [total_row]
    for r in rest:  # a part the catalog has no column for: its figure kept in a note, not a row to add up
        for a in r.values.values():
            table.notes.append(f"「{r.name}」{a.text}（未列为列 not read as a column）")
    table.notes.append("表以行列示各收入来源（项目名称 | 金额），按列读为合计行 income sources printed as rows, read as columns")
    return True


def _is_subtotal(r: Row) -> bool:
    return bool(_SUBTOTAL_RE.match(norm(r.name or ""))) or norm(r.name or "") in ("小计", "合计")


_LEVEL_WORDS = {"类", "款", "项"}


def drop_code_level_labels(table: Table) -> None:
    """The 类 | 款 | 项 labels of a split code header printed in the 合计 row's cells (高校决算表,
    江苏 2019 公开表: 「类 | 款 | 项 | 合计 | 237,100.00 …」) are header words, not the row's texts;
    the unnamed columns they alone filled are no columns."""
    for r in table.rows:
        drop = [k for k, v in r.texts.items() if k.startswith("col") and v.strip() in _LEVEL_WORDS]
        for k in drop:
            del r.texts[k]
    # a name cell merged over two columns whose header spans another pair (江苏 2019 公开05表:
    # 功能科目代码 over two columns, the names one column to the right): an unnamed column that
    # holds only the names of rows printed without one is the name column
    unnamed = {c.id for c in table.columns if c.id.startswith("col") and not c.header.strip()}
    for cid in unnamed:
        holders = [r for r in table.rows if cid in r.texts]
        if holders and all(not r.name and cid not in r.values for r in holders):
            for r in holders:
                r.name = r.texts.pop(cid).strip()
    filled = {k for r in table.rows for k in (*r.values, *r.texts)}
    table.columns = [c for c in table.columns if not (c.id in unnamed and c.id not in filled)]
