"""``yusuan tables``: the table catalogue as the readers and the rules see it.

yusuan tables                         # every table id, its name and its sums (terminal)
yusuan tables --markdown              # the catalogue section of docs/tables.md
yusuan tables --write docs/tables.md  # regenerate that section in place
yusuan tables --check docs/tables.md  # exit 1 when the committed section is behind the data
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from yusuan.tables import Catalog, Sum, TableSpec, catalog

BEGIN = ("<!-- BEGIN catalogue: generated from yusuan/data/tables.toml and table_structure.toml by "
         "`yusuan tables --write docs/tables.md`; edit the data, not this section -->")
END = "<!-- END catalogue -->"


def _code(text: str) -> str:
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`"


def _sum_line(s: Sum) -> str:
    return _code(s.text)


def _column_ids(t: TableSpec) -> list[str]:
    ids = [c.id for c in t.order]
    for _, cid in t.columns:
        if cid not in ids:
            ids.append(cid)
    return ids


def _table_md(t: TableSpec) -> list[str]:
    out = [f"#### `{t.id}` {t.name}", ""]
    kind = [k for k, on in (("两栏 two-sided", t.two_sided), ("可转置 items may be columns", t.transpose),
                            ("行为科目编码 rows by code", t.by_code)) if on]
    if t.beside:
        kind.append(f"印在 `{t.beside}` 支出方旁 printed beside `{t.beside}`")
    if kind:
        out.append("- 类型 kind: " + "；".join(kind))
    if t.titles:
        out.append("- 标题 titles: " + " · ".join(_code(p.pattern) for p in t.titles))
    if t.not_titles:
        out.append("- 排除 not titles: " + " · ".join(_code(p.pattern) for p in t.not_titles))
    ids = _column_ids(t)
    if ids:
        words = {c.id: c.words for c in t.order}
        out.append("- 列 columns: " + ", ".join(
            f"`{c}`" + (f" {words[c][0]}" if words.get(c) else "") for c in ids))
    if t.rows:
        out.append("- 行 rows: " + ", ".join(dict.fromkeys(f"`{code}`" for _, code in t.rows)))
    if t.sums:
        out.append("- 列间关系 column sums: " + " · ".join(_sum_line(s) for s in t.sums))
    if t.row_sums:
        out.append("- 行间关系 row sums: " + " · ".join(_sum_line(s) for s in t.row_sums))
    return [*out, ""]


def catalogue_markdown(cat: Catalog | None = None) -> str:
    """The catalogue section of docs/tables.md, from the data alone."""
    cat = cat or catalog()
    out = [
        BEGIN,
        "",
        "## 表结构目录 The table catalogue (generated)",
        "",
        "Every canonical table as `yusuan/data/tables.toml` (titles, header patterns) and",
        "`yusuan/data/table_structure.toml` (printed column order, sums between columns and rows)",
        "define it. Sums read `parent = a + b | c + d`: `|` separates layouts, `?` marks a part a",
        "template may not print, `-` subtracts, `econ*` is every `econNNN` column; rows by code also",
        "sum 类 = Σ款 = Σ项 and 合计 = Σ类.",
        "",
    ]
    seen: set[str] = set()
    for t in cat.tables:
        if t.id in seen:
            continue
        seen.add(t.id)
        out.extend(_table_md(t))
    common = list(dict.fromkeys(cid for _, cid in cat.common))
    out += ["#### 通用列 Columns common to one-sided tables", "", ", ".join(f"`{c}`" for c in common), ""]
    out += [*_links_md(cat), END]
    return "\n".join(out) + "\n"


def _links_md(cat: Catalog) -> list[str]:
    """table_structure.toml's [headers] and [links]: what no single table's structure says."""
    out = ["#### 表头标记 Header marks (`[headers]`: a `Column` field set where the header matches)", ""]
    out += [f"- `{field}`: " + " · ".join(_code(p.pattern) for p in pats) for field, pats in cat.header_marks]
    out += ["", "#### 表间对应 Links between tables (`[links]`)", "",
            "- 资金 fiscal funds (收入表本级列, 转移支付列, 收支总表项目 own, transfer): " + " · ".join(
                f"`{fund}` → " + ", ".join(f"`{x}`" for x in cols) for fund, cols in cat.links.fiscal_funds)]
    out.append("- 收支总表项目 = 收入表列 summary item = income column (or its parts): " + " · ".join(
        f"`{item}` = `{col}`" + (" (" + " + ".join(f"`{x}`" for x in parts) + ")" if parts else "")
        for item, (col, parts) in cat.links.item_columns))
    out.append("- 情况说明收入 → 收入表列 narrative subject → income column: " + " · ".join(
        f"`{subject}` → " + ", ".join(f"`{x}`" for x in cols) for subject, cols in cat.links.subject_columns))
    return [*out, ""]


def _with_section(doc: str, section: str) -> str:
    if BEGIN in doc and END in doc:
        head, rest = doc.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        return head + section.rstrip("\n") + tail
    anchor = "\n## Goldens"
    if anchor in doc:
        head, tail = doc.split(anchor, 1)
        return head.rstrip("\n") + "\n\n" + section + anchor + tail
    return doc.rstrip("\n") + "\n\n" + section


@click.command("tables")
@click.option("--markdown", is_flag=True, help="输出 docs/tables.md 的目录部分 print the catalogue section")
@click.option("--write", "write", type=click.Path(dir_okay=False, path_type=Path),
              help="在该文件中重新生成目录部分 regenerate the section in this file")
@click.option("--check", "check", type=click.Path(dir_okay=False, path_type=Path),
              help="该文件的目录部分落后于数据时退出码 1 exit 1 when the file is behind the data")
def tables_command(markdown: bool, write: Path | None, check: Path | None) -> None:
    """表格目录：每张标准表的标题、列与勾稽关系 The table catalogue: titles, columns, sums."""
    section = catalogue_markdown()
    for path in (write, check):
        if path is not None and not path.exists():
            click.echo(f"{path}：文件不存在 file not found", err=True)
            sys.exit(2)
    if write is not None:
        write.write_text(_with_section(write.read_text(encoding="utf-8"), section), encoding="utf-8")
        click.echo(f"已更新 {write}")
        return
    if check is not None:
        text = check.read_text(encoding="utf-8")
        if _with_section(text, section) != text:
            click.echo(f"{check} 的表格目录落后于数据，请运行 yusuan tables --write {check} "
                       "(the catalogue section is behind the data)", err=True)
            sys.exit(1)
        click.echo(f"{check}：表格目录与数据一致 up to date")
        return
    if markdown:
        click.echo(section, nl=False)
        return
    for t in catalog().tables:
        if t.skip:
            continue
        sums = "；".join(s.text for s in (*t.sums, *t.row_sums))
        click.echo(f"{t.id:<26} {t.name}" + (f"\n{'':<26} {sums}" if sums else ""))


COMMANDS = [tables_command]
