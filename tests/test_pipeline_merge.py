"""Several files of one disclosure: every position is attributed to its own file."""

from __future__ import annotations

from pathlib import Path

from yusuan.pipeline import load

NARRATIVE = """第三部分 2024 年部门预算情况说明
一、关于某某局 2024 年收支预算情况的总体说明
某某局 2024 年收支总预算 10.00 万元。
"""

TABLES = """表 3
部门支出总体情况表
编制部门：某某局
单位：万元
科目\t\t\t\t支出预算
功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出
类\t款\t项
\t\t\t总计\t10.00\t4.00\t6.00
201\t\t\t一般公共服务支出\t10.00\t4.00\t6.00
201\t01\t\t人大事务\t10.00\t4.00\t6.00
201\t01\t01\t行政运行\t10.00\t4.00\t6.00
"""


def test_positions_of_the_second_file_point_into_it(tmp_path: Path) -> None:
    a = tmp_path / "a_narrative.txt"
    b = tmp_path / "b_tables.txt"
    a.write_text(NARRATIVE, encoding="utf-8")
    b.write_text(TABLES, encoding="utf-8")
    doc = load([str(a), str(b)])
    table = doc.table("expense")
    assert table is not None
    row = next(r for r in table.rows if r.code == "2010101")
    amount = row.values["total"]
    assert amount.source.file == str(b)
    # line numbers are the second file's own: 行政运行 is on its line 11
    assert amount.source.line == 11
    claim = next(c for c in doc.claims if c.subject == "total")
    assert claim.source.file == str(a)
    assert claim.source.line == 3


def test_the_table_itself_is_located_in_the_second_file(tmp_path: Path) -> None:
    # the parser writes the merged document's path (the first file's) into a table's source:
    # its title line is the tables file's line 2, not line 2 + the narrative's lines of file 1
    a = tmp_path / "a_narrative.txt"
    b = tmp_path / "b_tables.txt"
    a.write_text(NARRATIVE, encoding="utf-8")
    b.write_text(TABLES, encoding="utf-8")
    table = load([str(a), str(b)]).table("expense")
    assert table is not None
    assert (table.source.file, table.source.line) == (str(b), 2)
