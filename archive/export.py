"""``export``: index tables, logical reports, long values or wide cells, as JSON Lines or CSV.

Column order is fixed here, not taken from the database, so a researcher's scripts keep working
when a column is added. The raw tables (``captures``, ``documents``, ``report_values``,
``events``) are written as stored. ``reports``, ``values`` and ``wide`` count *logical reports*
(``archive.export_rows``): one row per report version, one row per cell of the newest version,
one row per report with a column per cell, so a sum per organ and year never counts a page and
its attachment, or two versions, twice; every number keeps its provenance (DESIGN.md
"Promises"). JSON columns are decoded in JSON Lines and written as JSON text in CSV; ``excel``
writes CSV with a UTF-8 byte-order mark, which Excel needs to read Chinese text as UTF-8.
"""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING, Any, Literal

from archive.errors import ArchiveError
from archive.export_rows import (
    NESTED_COLUMNS,
    REPORT_COLUMNS,
    VALUE_COLUMNS,
    report_rows,
    require_views,
    value_rows,
    wide_columns,
    wide_rows,
)
from archive.verify import open_index_readonly

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path
    from typing import TextIO

    from sqlite_utils import Database

ExportTable = Literal[
    "captures", "documents", "reports", "values", "wide", "report_values", "events"
]
ExportFormat = Literal["jsonl", "csv"]

_QUERIES: dict[str, str] = {
    "captures": (
        "SELECT id, crawl_id, site_id, url, final_url, method, status, fetched_at, kind,"
        " media_type, sha256, size, warc_file, warc_offset, warc_length, warc_record_type, etag,"
        " last_modified, referrer, anchor_text, ip_address, request_headers, response_headers,"
        " software_version FROM captures ORDER BY id"
    ),
    "documents": (
        "SELECT sha256, size, media_type, first_seen, last_seen, capture_count, first_url"
        " FROM documents ORDER BY first_seen, sha256"
    ),
    "report_values": (
        "SELECT report_id, section, row_id, column_id, value, value_number, problem"
        " FROM report_values ORDER BY report_id, rowid"
    ),
    "events": (
        "SELECT id, crawl_id, site_id, url, kind, detail, referrer, at FROM events ORDER BY id"
    ),
}
#: The analysts' shapes, built in Python from the views (archive.export_rows).
_LOGICAL = ("reports", "values", "wide")

#: Columns of the raw tables holding JSON text, decoded in JSON Lines output.
_JSON_COLUMNS = {"request_headers", "response_headers"}
#: Excel reads a CSV as UTF-8 only when the file starts with a byte-order mark.
UTF8_BOM = "\ufeff"


def export(
    directory: str | Path,
    *,
    table: ExportTable,
    fmt: ExportFormat,
    out: TextIO,
    excel: bool = False,
    all_versions: bool = False,
) -> int:
    """Write ``table`` to ``out`` in ``fmt``; return the number of rows written.

    ``excel`` (CSV only) starts the output with a UTF-8 byte-order mark. ``all_versions``
    (``values`` only) writes the cells of every version, not only the newest.
    """
    if table not in _QUERIES and table not in _LOGICAL:
        choices = ", ".join([*_QUERIES, *_LOGICAL])
        msg = f"unknown export table {table!r}; choose one of {choices}"
        raise ArchiveError(msg)
    if fmt not in ("jsonl", "csv"):
        msg = f"unknown export format {fmt!r}; choose jsonl or csv"
        raise ArchiveError(msg)
    if excel and fmt != "csv":
        msg = "--excel writes CSV; use it with --format csv"
        raise ArchiveError(msg)
    db = open_index_readonly(directory)
    try:
        columns, rows = _rows(db, directory, table, all_versions=all_versions)
        if fmt == "csv":
            if excel:
                out.write(UTF8_BOM)
            return _write_csv(out, columns, rows)
        return _write_jsonl(out, rows)
    finally:
        db.close()


def _rows(
    db: Database, directory: object, table: str, *, all_versions: bool
) -> tuple[Sequence[str], Iterable[dict[str, Any]]]:
    if table in _QUERIES:
        cursor = db.execute(_QUERIES[table])
        columns = [d[0] for d in cursor.description]
        return columns, (_decode(dict(zip(columns, r, strict=True))) for r in cursor)
    require_views(db, directory)
    if table == "reports":
        return REPORT_COLUMNS, report_rows(db)
    if table == "values":
        return VALUE_COLUMNS, value_rows(db, all_versions=all_versions)
    return wide_columns(), wide_rows(db)


def _decode(item: dict[str, Any]) -> dict[str, Any]:
    for name in _JSON_COLUMNS.intersection(item):
        item[name] = json.loads(item[name]) if item[name] else None
    return item


def _write_csv(
    out: TextIO, columns: Sequence[str], rows: Iterable[dict[str, Any]]
) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for item in rows:
        writer.writerow([_csv_cell(name, item.get(name)) for name in columns])
        count += 1
    return count


def _csv_cell(name: str, value: Any) -> Any:
    if value is None:
        return ""
    if name in NESTED_COLUMNS or name in _JSON_COLUMNS:
        return (
            value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        )
    if isinstance(value, bool):
        return int(value)
    return value


def _write_jsonl(out: TextIO, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    for item in rows:
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
        count += 1
    return count
