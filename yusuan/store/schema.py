"""The store's tables: one definition for DuckDB and PostgreSQL (docs/store.md documents them).

The column lists here are the contract researchers query against; add columns at the end, never
rename one. ``SCHEMA_VERSION`` is stored in ``store_meta`` so that a future change can migrate.
"""

from __future__ import annotations

SCHEMA_VERSION = "2"
# columns added since version 1 (ALTER TABLE … ADD COLUMN on a store of that version, see Store.create)
ADDED_COLUMNS: dict[str, list[str]] = {"claims": ["budget_initial", "budget_adjusted", "completion", "fund_scope"]}

# Amounts in 万元, exact: 元 ÷ 10000 of a figure printed to the 分 needs 6 decimal places.
AMOUNT = "DECIMAL(20,6)"

# table -> [(column, SQL type)]; types are spelled so that DuckDB and PostgreSQL both accept them.
TABLES: dict[str, list[tuple[str, str]]] = {
    "store_meta": [("key", "VARCHAR PRIMARY KEY"), ("value", "VARCHAR")],
    "documents": [
        ("doc_id", "VARCHAR PRIMARY KEY"),  # first 16 hex digits of sha256
        ("sha256", "VARCHAR NOT NULL"),  # of the file; of its files' hashes joined, for a multi-file document
        ("paths", "VARCHAR"),  # JSON list, as given when first ingested
        ("format", "VARCHAR"),
        ("department", "VARCHAR"),
        ("province", "VARCHAR"),
        ("city", "VARCHAR"),  # a municipality (直辖市) is its own city
        ("county", "VARCHAR"),
        ("gov_level", "VARCHAR"),  # 省级 / 市级 / 县级, read from the department name
        ("kind", "VARCHAR"),  # 预算 / 决算
        ("level", "VARCHAR"),  # 部门 / 单位
        ("year", "INTEGER"),
        ("unit", "VARCHAR"),  # the amount unit most tables print
        ("published", "VARCHAR"),
        ("pages", "INTEGER"),
        ("n_tables", "INTEGER"),
        ("n_generic_tables", "INTEGER"),  # tables whose kind was not recognised
        ("n_empty_tables", "INTEGER"),
        ("n_facts", "INTEGER"),
        ("n_unplaced", "INTEGER"),  # numbers whose column could not be decided (not in facts)
        ("n_claims", "INTEGER"),
        ("n_findings", "INTEGER"),
        ("n_errors", "INTEGER"),
        ("n_warnings", "INTEGER"),
        ("n_diagnostics", "INTEGER"),
        ("table_ids", "VARCHAR"),  # canonical ids of the tables read, comma separated, in order
        ("rules_ran", "INTEGER"),
        ("rules_not_run", "INTEGER"),
        ("yusuan_version", "VARCHAR"),
        ("ingested_at", "VARCHAR"),  # ISO 8601 UTC
    ],
    "document_paths": [("doc_id", "VARCHAR NOT NULL"), ("path", "VARCHAR NOT NULL"),
                       ("file_sha256", "VARCHAR")],  # of this file (a document may be read from several)
    "tables": [
        ("doc_id", "VARCHAR NOT NULL"),
        ("table_seq", "INTEGER NOT NULL"),  # position in the document, 0-based
        ("table_id", "VARCHAR"),  # canonical id (docs/tables.md)
        ("title", "VARCHAR"),
        ("number", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("preparer", "VARCHAR"),
        ("empty", "BOOLEAN"),
        ("empty_note", "VARCHAR"),
        ("page", "INTEGER"),
        ("n_rows", "INTEGER"),
        ("n_values", "INTEGER"),
        ("columns", "VARCHAR"),  # JSON [{"id", "header"}]
        ("notes", "VARCHAR"),  # JSON list of parse notes
    ],
    "facts": [
        ("doc_id", "VARCHAR NOT NULL"),
        ("table_seq", "INTEGER NOT NULL"),
        ("table_id", "VARCHAR"),
        ("row_seq", "INTEGER NOT NULL"),  # position of the row in its table, 0-based
        ("parent_seq", "INTEGER"),  # row_seq of the row this one is part of (NULL: top level)
        ("depth", "INTEGER"),  # 0 total, 1 unit or 类, 2 款, 3 项 …
        ("is_total", "BOOLEAN"),
        ("is_leaf", "BOOLEAN"),  # no row of the table has this row as parent: sum leaves, never double count
        ("side", "VARCHAR"),
        ("code", "VARCHAR"),
        ("name", "VARCHAR"),
        ("project", "VARCHAR"),
        ("unit_name", "VARCHAR"),  # the budget unit the row belongs to
        ("column_id", "VARCHAR"),
        ("value", AMOUNT),
        ("text", "VARCHAR"),
        ("printed_unit", "VARCHAR"),
        ("inferred", "BOOLEAN"),
        ("page", "INTEGER"),
        ("line", "INTEGER"),
        ("file", "VARCHAR"),
    ],
    "claims": [
        ("doc_id", "VARCHAR NOT NULL"),
        ("claim_seq", "INTEGER NOT NULL"),
        ("subject", "VARCHAR"),
        ("subject_text", "VARCHAR"),
        ("amount", AMOUNT),
        ("amount_text", "VARCHAR"),
        ("printed_unit", "VARCHAR"),
        ("share", AMOUNT),
        ("direction", "VARCHAR"),
        ("change", AMOUNT),
        ("change_percent", AMOUNT),
        ("compared_to", "VARCHAR"),
        ("section", "VARCHAR"),
        ("sentence", "VARCHAR"),
        ("page", "INTEGER"),
        # a 决算 说明 sets its 决算数 (amount) against the budget: 年初预算 / 全年·调整预算, 完成 Z%
        ("budget_initial", AMOUNT),
        ("budget_adjusted", AMOUNT),
        ("completion", AMOUNT),
        ("fund_scope", "VARCHAR"),  # the money its section states it for: 一般公共预算, 政府性基金 …
    ],
    "findings": [
        ("doc_id", "VARCHAR"),  # NULL for a finding across documents that concerns none alone
        ("finding_seq", "INTEGER NOT NULL"),
        ("scope", "VARCHAR"),  # "document" (yusuan check) or "corpus" (yusuan check --db)
        ("rule", "VARCHAR"),
        ("severity", "VARCHAR"),
        ("category", "VARCHAR"),
        ("message", "VARCHAR"),
        ("table_id", "VARCHAR"),
        ("row_code", "VARCHAR"),
        ("column_id", "VARCHAR"),
        ("page", "INTEGER"),
        ("expected", "VARCHAR"),
        ("actual", "VARCHAR"),
        ("source", "VARCHAR"),
        ("finding", "VARCHAR"),  # the whole finding as `yusuan check --format json` prints it
    ],
    "indicators": [
        ("doc_id", "VARCHAR NOT NULL"),
        ("indicator", "VARCHAR NOT NULL"),
        ("value", AMOUNT),  # 万元; staff_* in persons
        ("unit", "VARCHAR"),
        ("table_id", "VARCHAR"),  # canonical table id, "narrative" or "profile"
        ("table_seq", "INTEGER"),
        ("row_seq", "INTEGER"),
        ("row_code", "VARCHAR"),
        ("column_id", "VARCHAR"),
        ("text", "VARCHAR"),
        ("printed_unit", "VARCHAR"),
        ("page", "INTEGER"),
        ("method", "VARCHAR"),  # table / empty_table / narrative / profile
    ],
    "failures": [
        ("sha256", "VARCHAR NOT NULL"),
        ("paths", "VARCHAR"),  # JSON list
        ("reason", "VARCHAR"),
        ("reason_en", "VARCHAR"),
        ("failed_at", "VARCHAR"),
    ],
}

# tables that hold rows of one document (deleted and rewritten together)
DOCUMENT_TABLES = ("documents", "document_paths", "tables", "facts", "claims", "indicators")

INDEXES = [
    ("document_paths", "path"),
    ("tables", "doc_id"),
    ("facts", "doc_id"),
    ("claims", "doc_id"),
    ("findings", "doc_id"),
    ("indicators", "doc_id"),
    ("indicators", "indicator"),
]


def create_statements() -> list[str]:
    out = []
    for name, cols in TABLES.items():
        body = ", ".join(f'"{c}" {t}' for c, t in cols)
        out.append(f'CREATE TABLE IF NOT EXISTS "{name}" ({body})')
    for table, col in INDEXES:
        out.append(f'CREATE INDEX IF NOT EXISTS "ix_{table}_{col}" ON "{table}" ("{col}")')
    return out


def migrate_statements(found: str) -> list[str]:
    """What brings a store of schema version ``found`` to this one (empty: nothing known to do)."""
    if found != "1":
        return []
    types = {t: dict(cols) for t, cols in TABLES.items()}
    out = []
    for t, cols in ADDED_COLUMNS.items():
        # DuckDB alters no table an index depends on: the index is dropped and made again
        out += [f'DROP INDEX IF EXISTS "ix_{t}_{c}"' for tt, c in INDEXES if tt == t]
        out += [f'ALTER TABLE "{t}" ADD COLUMN IF NOT EXISTS "{c}" {types[t][c]}' for c in cols]
        out += [f'CREATE INDEX IF NOT EXISTS "ix_{t}_{c}" ON "{t}" ("{c}")' for tt, c in INDEXES if tt == t]
    return out


def columns(table: str) -> list[str]:
    return [c for c, _ in TABLES[table]]
