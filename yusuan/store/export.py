"""``yusuan export``: every table of the store as Parquet, CSV or one XLSX workbook, described by a
Fiscal Data Package ``datapackage.json`` (Frictionless Data Package with a fiscal ``model``).

Amounts stay exact: CSV and Parquet carry DECIMAL(20,6) values as printed by the database.
"""

from __future__ import annotations

import json
import os
from typing import Any

from yusuan.store.backend import Store
from yusuan.store.schema import TABLES, columns

EXPORTED = ("documents", "document_paths", "tables", "facts", "claims", "findings", "indicators", "failures")
XLSX_MAX_ROWS = 1_048_575  # a sheet's limit less its header

_TYPES = {"VARCHAR": "string", "INTEGER": "integer", "BOOLEAN": "boolean", "DECIMAL": "number"}

_DESCRIPTIONS = {
    "documents": "每份公开文件一行：部门、地区、年度、种类、读取情况 (one row per document)",
    "document_paths": "文件路径与文件的对应 (the files each document was read from)",
    "tables": "每张表一行 (one row per table of each document)",
    "facts": "每个表格数字一行，含行的上级 parent_seq 与 is_leaf，求和不重复计算 (one row per printed number)",
    "claims": "情况说明中的数字 (numbers stated by the narrative)",
    "findings": "审核发现 (audit findings, per document and across documents)",
    "indicators": "可比指标，万元 (comparable indicators in 10,000 CNY; docs/indicators.md)",
    "failures": "无法读取的文件及原因 (inputs that could not be read)",
}


def _field_type(sql_type: str) -> str:
    return next((v for k, v in _TYPES.items() if sql_type.startswith(k)), "string")


def _fields(table: str) -> list[dict[str, Any]]:
    out = []
    for name, sql_type in TABLES[table]:
        f: dict[str, Any] = {"name": name, "type": _field_type(sql_type)}
        if sql_type.startswith("DECIMAL"):
            f["decimalChar"] = "."
        out.append(f)
    return out


def datapackage(fmt: str) -> dict[str, Any]:
    ext = {"parquet": "parquet", "csv": "csv", "xlsx": "xlsx"}[fmt]
    resources = []
    for table in EXPORTED:
        r: dict[str, Any] = {
            "name": table,
            "path": f"{table}.{ext}" if fmt != "xlsx" else "corpus.xlsx",
            "format": ext,
            "description": _DESCRIPTIONS[table],
            "schema": {"fields": _fields(table)},
        }
        if fmt == "xlsx":
            r["sheet"] = table
        if fmt == "csv":
            r["encoding"] = "utf-8"
            r["mediatype"] = "text/csv"
        resources.append(r)
    money = {"currency": "CNY", "factor": 10000}  # values are 万元
    return {
        "name": "yusuan-corpus",
        "title": "预算公开文件语料库 (yusuan corpus of budget disclosures)",
        "profile": "fiscal-data-package",
        "licenses": [{"name": "other-pd", "title": "政府信息公开 (published government information)"}],
        "resources": resources,
        "model": {
            "measures": {
                "fact_value": {"source": "value", "resource": "facts", **money},
                "indicator_value": {"source": "value", "resource": "indicators", **money},
            },
            "dimensions": {
                "document": {"dimensionType": "entity", "primaryKey": ["doc_id"],
                             "attributes": {"doc_id": {"source": "doc_id"}, "department": {"source": "department"},
                                            "province": {"source": "province"}, "city": {"source": "city"},
                                            "county": {"source": "county"}}},
                "fiscal_year": {"dimensionType": "datetime", "primaryKey": ["year"],
                                "attributes": {"year": {"source": "year"}}},
                "phase": {"dimensionType": "other", "primaryKey": ["kind"],
                          "attributes": {"kind": {"source": "kind"}}},
                "classification": {"dimensionType": "classification", "primaryKey": ["code"],
                                   "attributes": {"code": {"source": "code", "resource": "facts"},
                                                  "name": {"source": "name", "resource": "facts"}}},
                "indicator": {"dimensionType": "classification", "primaryKey": ["indicator"],
                              "attributes": {"indicator": {"source": "indicator", "resource": "indicators"}}},
            },
        },
    }


def _duckdb_with(store: Store, table: str) -> Any:
    """A DuckDB connection holding ``table``: the store's own, or an in-memory copy of a PostgreSQL table."""
    import duckdb

    if not store.postgres:
        return store._conn
    con = duckdb.connect()
    body = ", ".join(f'"{c}" {t.replace(" PRIMARY KEY", "").replace(" NOT NULL", "")}' for c, t in TABLES[table])
    con.execute(f'CREATE TABLE "{table}" ({body})')
    _, rows = store.query(f'SELECT * FROM "{table}"')
    marks = "(" + ", ".join("?" * len(columns(table))) + ")"
    if rows:
        con.executemany(f'INSERT INTO "{table}" VALUES {marks}', [list(r) for r in rows])
    return con


def export_store(store: Store, fmt: str, out_dir: str) -> list[str]:
    """Write every table and datapackage.json into ``out_dir``; the paths written."""
    os.makedirs(out_dir, exist_ok=True)
    written: list[str] = []
    if fmt == "xlsx":
        written.append(_xlsx(store, os.path.join(out_dir, "corpus.xlsx")))
    else:
        for table in EXPORTED:
            path = os.path.join(out_dir, f"{table}.{fmt}")
            con = _duckdb_with(store, table)
            options = "FORMAT PARQUET" if fmt == "parquet" else "FORMAT CSV, HEADER"
            con.execute(f"COPY (SELECT * FROM \"{table}\") TO '{path.replace(chr(39), chr(39) * 2)}' ({options})")
            written.append(path)
    meta = os.path.join(out_dir, "datapackage.json")
    with open(meta, "w", encoding="utf-8") as fh:
        json.dump(datapackage(fmt), fh, ensure_ascii=False, indent=2)
    written.append(meta)
    return written


def _xlsx(store: Store, path: str) -> str:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for table in EXPORTED:
        ws = wb.create_sheet(table)
        cols, rows = store.query(f'SELECT * FROM "{table}"')
        ws.append(cols)
        if len(rows) > XLSX_MAX_ROWS:
            raise ValueError(f"表 {table} 有 {len(rows)} 行，超过 Excel 单表上限；请用 --format parquet 或 csv")
        for r in rows:
            ws.append(list(r))  # openpyxl writes a Decimal's digits as they are
    wb.save(path)
    return path
