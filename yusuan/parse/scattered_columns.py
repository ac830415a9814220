"""The columns of a table rebuilt from scattered raw text, found by the words of its header.

The header of a scattered table is printed vertically, a character or two per line, and a two-row
header (财政拨款（补助） over 小计 / 一般公共预算 / …) loses its geometry. So the header text is only
used to learn WHICH columns the table has; their left-to-right order is the table's printed order
in the catalog (``order`` in yusuan/data/table_structure.toml, ``TableSpec.order``), and so are
the words. Words are matched on the header text with spaces removed and brackets made full-width;
the longest word wins where two overlap (上级一般公共预算安排的转移支付 contains 一般公共预算).
The sums between the columns are the catalog's too (``yusuan.tables.column_relations``).
"""

from __future__ import annotations

import re

from yusuan.tables import catalog

_SPACE_RE = re.compile(r"\s+")


def normalize_header(text: str) -> str:
    return _SPACE_RE.sub("", text).replace("(", "（").replace(")", "）")


def match_columns(table_id: str, header_text: str) -> list[tuple[str, str]]:
    """The expected columns found in a header, in canonical order, with the text that matched.

    The header's own words are consumed longest-first, so 上级一般公共预算安排的转移支付 is not also
    read as 一般公共预算."""
    table = catalog().by_id.get(table_id)
    spec = [(c.id, c.words) for c in table.order] if table else []
    if not spec:
        return []
    text = normalize_header(header_text)
    patterns = sorted(((p, cid) for cid, ps in spec for p in ps), key=lambda x: -len(x[0]))
    found: dict[str, str] = {}
    used = [False] * len(text)
    for pat, cid in patterns:
        start = 0
        while True:
            i = text.find(pat, start)
            if i < 0:
                break
            start = i + 1
            if any(used[i : i + len(pat)]):
                continue
            for j in range(i, i + len(pat)):
                used[j] = True
            found.setdefault(cid, pat)
    for group, parts in table.groups if table else ():
        if group in found and any(p in found for p in parts):
            del found[group]
    # 基本支出 over 人员经费 / 公用经费 is a column (basic) only where the group prints its 小计
    if "basic" in found and ("personnel" in found or "public" in found) and "小计" not in text:
        del found["basic"]
    if "fiscal_group" in found:  # 财政拨款 with nothing under it: the column itself
        found.setdefault("fiscal_subtotal", found.pop("fiscal_group"))
    return [(cid, found[cid]) for cid, _ in spec if cid in found]
