"""``export``: one index table (or the report cells with provenance) as JSON Lines or CSV.

Column order is fixed here, not taken from the database, so a researcher's scripts keep working
when a column is added. The ``reports`` export is one row per cell, joined back to its report,
document and first capture, so every number carries its provenance (DESIGN.md "Promises":
everything is traceable). JSON columns are decoded in JSON Lines and kept as text in CSV.
"""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING, Literal

from archive.errors import ArchiveError
from archive.verify import open_index_readonly

if TYPE_CHECKING:
    from pathlib import Path
    from typing import TextIO

ExportTable = Literal["captures", "documents", "reports", "report_values", "events"]
ExportFormat = Literal["jsonl", "csv"]

_PROVENANCE = """
SELECT r.id AS report_id, r.report_key, r.document_sha256, r.site_id, r.agency, r.year, r.format,
       r.status AS report_status, v.section, v.row_id, v.column_id, v.value, v.value_number,
       v.problem, r.parser_version, r.extractor, c.url AS capture_url, c.fetched_at, c.crawl_id,
       c.id AS capture_id, c.warc_file, c.warc_offset
FROM report_values v
JOIN reports r ON r.id = v.report_id
LEFT JOIN captures c ON c.id = (
    SELECT min(id) FROM captures
    WHERE sha256 = r.document_sha256 AND warc_record_type = 'response')
-- each document's newest parse only: older parser versions' rows are kept for history, but
-- exporting them too would count every cell once per parser version
WHERE r.id = (SELECT max(id) FROM reports WHERE document_sha256 = r.document_sha256)
ORDER BY r.id, v.rowid
"""

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
    "reports": _PROVENANCE,
    "report_values": (
        "SELECT report_id, section, row_id, column_id, value, value_number, problem"
        " FROM report_values ORDER BY report_id, rowid"
    ),
    "events": (
        "SELECT id, crawl_id, site_id, url, kind, detail, referrer, at FROM events ORDER BY id"
    ),
}

#: Columns holding JSON text, decoded in JSON Lines output.
_JSON_COLUMNS = {"request_headers", "response_headers"}


def export(
    directory: str | Path, *, table: ExportTable, fmt: ExportFormat, out: TextIO
) -> int:
    """Write ``table`` to ``out`` in ``fmt``; return the number of rows written."""
    if table not in _QUERIES:
        msg = f"unknown export table {table!r}; choose one of {', '.join(_QUERIES)}"
        raise ArchiveError(msg)
    if fmt not in ("jsonl", "csv"):
        msg = f"unknown export format {fmt!r}; choose jsonl or csv"
        raise ArchiveError(msg)
    db = open_index_readonly(directory)
    try:
        cursor = db.execute(_QUERIES[table])
        columns = [d[0] for d in cursor.description]
        count = 0
        if fmt == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(columns)
            for row in cursor:
                writer.writerow(["" if v is None else v for v in row])
                count += 1
        else:
            for row in cursor:
                item = dict(zip(columns, row, strict=True))
                for name in _JSON_COLUMNS.intersection(item):
                    item[name] = json.loads(item[name]) if item[name] else None
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
                count += 1
    finally:
        db.close()
    return count
