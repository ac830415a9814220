"""``yusuan compare``: one indicator (or a ratio of two) aggregated by region, year, level …

``three_public_total --by city,year`` sums the indicator over the documents of each group;
``three_public_total/expense_total --by city`` gives, per group, the ratio of the sums (in
percent) over the documents that print both. Exact decimals throughout.
"""

from __future__ import annotations

import glob
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from yusuan.store.backend import Store
from yusuan.store.indicators import INDICATORS
from yusuan.store.report import shown_decimal


class CompareError(Exception):
    pass


# --by names -> document columns; region is where a document is, to the city
GROUPS: dict[str, tuple[str, ...]] = {
    "region": ("province", "city"),
    "province": ("province",),
    "city": ("city",),
    "county": ("county",),
    "gov_level": ("gov_level",),
    "year": ("year",),
    "kind": ("kind",),
    "level": ("level",),
    "department": ("department",),
    "format": ("format",),
}


def _group_columns(by: Sequence[str]) -> list[str]:
    cols: list[str] = []
    for b in by:
        if b not in GROUPS:
            raise CompareError(f"不能按 {b} 分组；可用：{', '.join(GROUPS)} (unknown --by)")
        cols.extend(c for c in GROUPS[b] if c not in cols)
    return cols


def _known(name: str) -> str:
    if name not in INDICATORS:
        raise CompareError(f"没有指标 {name}；可用：{', '.join(INDICATORS)}（见 docs/indicators.md）")
    return name


def compare_rows(store: Store, indicator: str, by: Sequence[str]) -> tuple[list[str], list[tuple[Any, ...]]]:
    group = _group_columns(by)
    sel = ", ".join(f'd."{c}"' for c in group)
    num, _, den = indicator.partition("/")
    _known(num)
    if den:
        _known(den)
        sql = (
            f"SELECT {sel + ', ' if sel else ''}count(*) AS documents, sum(a.value) AS {num}, sum(b.value) AS {den}, "
            f"CASE WHEN sum(b.value) = 0 THEN NULL "
            f"ELSE CAST(100 * sum(a.value) / sum(b.value) AS DECIMAL(20,2)) END AS percent "
            f"FROM documents d JOIN indicators a ON a.doc_id = d.doc_id AND a.indicator = ? "
            f"JOIN indicators b ON b.doc_id = d.doc_id AND b.indicator = ? "
        )
        params: list[Any] = [num, den]
        order = "percent DESC NULLS LAST"
    else:
        sql = (
            f"SELECT {sel + ', ' if sel else ''}count(*) AS documents, sum(a.value) AS total, "
            f"CAST(sum(a.value) / count(*) AS DECIMAL(20,2)) AS mean, min(a.value) AS min, max(a.value) AS max "
            f"FROM documents d JOIN indicators a ON a.doc_id = d.doc_id AND a.indicator = ? "
        )
        params = [num]
        order = "total DESC"
    if sel:
        sql += f"GROUP BY {sel} ORDER BY {order}, {sel}"
    return store.query(sql, params)


def _font(size: int) -> Any:
    from PIL import ImageFont

    for pattern in ("/usr/share/fonts/**/*CJK*", "/usr/share/fonts/**/wqy*", "/usr/share/fonts/**/*Hei*"):
        for path in sorted(glob.glob(pattern, recursive=True)):
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
    return ImageFont.load_default()


def draw_chart(cols: Sequence[str], rows: Sequence[Sequence[Any]], indicator: str, path: str, limit: int = 40) -> None:
    """A horizontal bar chart (PNG, drawn with Pillow) of the first ``limit`` groups."""
    from PIL import Image, ImageDraw

    measure = "percent" if "percent" in cols else "total"
    mi = list(cols).index(measure)
    label_cols = list(cols)[: list(cols).index("documents")]
    data = [(" ".join(str(r[i]) for i in range(len(label_cols)) if r[i] is not None) or "（未识别）", r[mi])
            for r in rows[:limit] if r[mi] is not None]
    if not data:
        raise CompareError("没有可画的数据 (nothing to chart)")
    font = _font(18)
    bar_h, label_w, width = 28, 360, 1200
    img = Image.new("RGB", (width, 70 + bar_h * len(data)), "white")
    draw = ImageDraw.Draw(img)
    draw.text((10, 10), f"{indicator}（{'%' if measure == 'percent' else '万元'}）", fill="black", font=font)
    top = max(Decimal(v) for _, v in data) or Decimal(1)
    for i, (label, v) in enumerate(data):
        y = 50 + i * bar_h
        draw.text((10, y + 4), label[:22], fill="black", font=font)
        w = int((width - label_w - 140) * (Decimal(v) / top)) if top > 0 else 0
        draw.rectangle((label_w, y + 4, label_w + max(w, 1), y + bar_h - 4), fill="#3b6ea5")
        draw.text((label_w + max(w, 1) + 8, y + 4), shown_decimal(Decimal(v)), fill="black", font=font)
    img.save(path)
