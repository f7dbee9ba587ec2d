"""``export``: index tables, logical reports, long values or wide cells, as JSON Lines or CSV.

Column order is fixed here, not taken from the database, so a researcher's scripts keep working
when a column is added. The raw tables (``captures``, ``documents``, ``report_values``,
``events``) are written as stored. ``reports``, ``values`` and ``wide`` count *logical reports*
(``archive.export_rows``): one row per report version, one row per cell of the newest version,
one row per report with a column per cell, so a sum per organ and year never counts a page and
its attachment, or two versions, twice; every number keeps its provenance (DESIGN.md
"Promises"). JSON columns are decoded in JSON Lines and written as JSON text in CSV; ``excel``
writes CSV with a UTF-8 byte-order mark, which Excel needs to read Chinese text as UTF-8.

``texts`` gives downstream parsers each document's extracted text and table grids with the
provenance of its first and latest capture (``archive.feeds``). Every table takes a ``since``
cursor and ``export_feed`` returns the cursor to pass next time (``archive.feeds`` says which
change each table is filtered on).
"""

from __future__ import annotations

import csv
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from archive.capture_headers import record_headers
from archive.errors import ArchiveError, IntegrityError
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
from archive.feeds import (
    BY_CRAWL,
    STAMPS,
    TEXT_COLUMNS,
    TEXT_NESTED,
    after_crawls,
    changed_report_keys,
    crawl_cursor,
    newest_stamp,
    resolve_since,
    text_rows,
)
from archive.verify import open_index_readonly

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from typing import TextIO

    from sqlite_utils import Database

ExportTable = Literal[
    "captures",
    "documents",
    "reports",
    "values",
    "wide",
    "report_values",
    "events",
    "texts",
]
ExportFormat = Literal["jsonl", "csv"]

logger = logging.getLogger(__name__)

_QUERIES: dict[str, str] = {
    "captures": (
        # final_url NULL when no redirect (schema 7): exported as before, the url again
        "SELECT id, crawl_id, site_id, url, coalesce(final_url, url) AS final_url, method,"
        " status, fetched_at, kind, media_type,"
        # documents.id in the index (schema 8): exported as before, the sha256
        " (SELECT d.sha256 FROM documents d WHERE d.id = captures.document_id) AS sha256,"
        " size, warc_file, warc_offset,"
        " warc_length, warc_record_type, etag, last_modified, referrer, anchor_text,"
        " ip_address, NULL AS request_headers, response_headers, software_version"
        " FROM captures{since} ORDER BY id"
    ),
    "documents": (
        "SELECT sha256, size, media_type, first_seen, last_seen, capture_count, first_url"
        " FROM documents{since} ORDER BY first_seen, sha256"
    ),
    "report_values": (
        "SELECT report_id, section, row_id, column_id, value, value_number, problem"
        " FROM report_values{since} ORDER BY report_id, cell_id"
    ),
    "events": (
        "SELECT id, crawl_id, site_id, url, kind, detail, referrer, at FROM events{since}"
        " ORDER BY id"
    ),
}
#: The ``WHERE`` each raw query gets with a ``since`` cursor (its change stamp, archive.feeds).
_SINCE = {
    "captures": " WHERE " + after_crawls("fetched_at"),
    "documents": (
        " WHERE (SELECT c.crawl_id FROM captures c WHERE c.document_id = documents.id"
        " ORDER BY c.id LIMIT 1) IN (SELECT id FROM crawls"
        " WHERE finished IS NULL OR finished > :since)"
        " OR (first_seen > :since AND NOT EXISTS (SELECT 1 FROM captures c"
        " WHERE c.document_id = documents.id AND c.crawl_id IS NOT NULL))"
    ),
    "events": " WHERE " + after_crawls("at"),
    "report_values": (
        " WHERE report_id IN (SELECT id FROM reports WHERE created_at > :since)"
    ),
}
#: The analysts' shapes, built in Python from the views (archive.export_rows), and texts.
_LOGICAL = ("reports", "values", "wide", "texts")

#: Columns of the raw tables holding JSON text, decoded in JSON Lines output.
_JSON_COLUMNS = {"request_headers", "response_headers"}
#: Excel reads a CSV as UTF-8 only when the file starts with a byte-order mark.
UTF8_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class ExportResult:
    """Rows written, and the cursor to pass as ``since`` next time (None: the table is empty)."""

    rows: int
    cursor: str | None


def export(
    directory: str | Path,
    *,
    table: ExportTable,
    fmt: ExportFormat,
    out: TextIO,
    excel: bool = False,
    all_versions: bool = False,
    since: str | None = None,
) -> int:
    """Write ``table`` to ``out`` in ``fmt``; return the number of rows written.

    ``excel`` (CSV only) starts the output with a UTF-8 byte-order mark. ``all_versions``
    (``values`` only) writes the cells of every version, not only the newest. ``since`` (a
    crawl id or a timestamp) writes only what changed after it (``export_feed``).
    """
    return export_feed(
        directory,
        table=table,
        fmt=fmt,
        out=out,
        excel=excel,
        all_versions=all_versions,
        since=since,
    ).rows


def export_feed(
    directory: str | Path,
    *,
    table: ExportTable,
    fmt: ExportFormat,
    out: TextIO,
    excel: bool = False,
    all_versions: bool = False,
    since: str | None = None,
) -> ExportResult:
    """``export``, returning the next cursor too, read in the same snapshot as the rows."""
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
        db.execute("BEGIN")  # one snapshot for the rows and the next cursor
        after = resolve_since(db, since)
        if table in BY_CRAWL:
            cursor = crawl_cursor(db, after)
        else:
            cursor = newest_stamp(db, *STAMPS[table], after)
        columns, rows = _rows(
            db, directory, table, all_versions=all_versions, since=after
        )
        if fmt == "csv":
            if excel:
                out.write(UTF8_BOM)
            return ExportResult(_write_csv(out, columns, rows), cursor)
        return ExportResult(_write_jsonl(out, rows), cursor)
    finally:
        db.close()


def _rows(
    db: Database,
    directory: object,
    table: str,
    *,
    all_versions: bool,
    since: str | None,
) -> tuple[Sequence[str], Iterable[dict[str, Any]]]:
    if table in _QUERIES:
        sql = _QUERIES[table].format(since=_SINCE[table] if since else "")
        cursor = db.execute(sql, {"since": since} if since else [])
        columns = [d[0] for d in cursor.description]
        decoded = (_decode(dict(zip(columns, r, strict=True))) for r in cursor)
        if table == "captures":
            return columns, _with_headers(decoded, Path(str(directory)) / "warc")
        return columns, decoded
    if table == "texts":
        return TEXT_COLUMNS, text_rows(db, Path(str(directory)), since)
    require_views(db, directory)
    logical: tuple[Sequence[str], Iterable[dict[str, Any]]]
    if table == "reports":
        logical = REPORT_COLUMNS, report_rows(db)
    elif table == "values":
        logical = VALUE_COLUMNS, value_rows(db, all_versions=all_versions)
    else:
        logical = wide_columns(), wide_rows(db)
    if since is None:
        return logical
    return logical[0], _only_keys(logical[1], changed_report_keys(db, since))


def _only_keys(
    rows: Iterable[dict[str, Any]], keys: set[str]
) -> Iterator[dict[str, Any]]:
    return (row for row in rows if row["report_key"] in keys)


def _with_headers(
    rows: Iterable[dict[str, Any]], warc_dir: Path
) -> Iterator[dict[str, Any]]:
    """Each capture with the headers its WARC records hold and the index does not repeat."""
    for item in rows:
        try:
            sent, received = record_headers(
                warc_dir, item["warc_file"], item["warc_offset"], item["warc_length"]
            )
        except (IntegrityError, OSError) as exc:
            logger.warning("headers of capture %s not read: %s", item["id"], exc)
        else:
            item["request_headers"] = [list(h) for h in sent]
            if item["response_headers"] is None:
                item["response_headers"] = [list(h) for h in received]
        yield item


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
    if name in NESTED_COLUMNS or name in _JSON_COLUMNS or name in TEXT_NESTED:
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
