"""Incremental feeds: the ``--since`` cursor, what changed after it, and the ``texts`` rows.

A downstream job keeps one cursor: a timestamp in the index's format. Each export reads the rows
whose *change stamp* is later than the cursor and returns the next cursor: the newest change
stamp of that table in the same read snapshot, so pulling twice with the same cursor gives the
same rows (idempotent) and nothing recorded between two pulls is skipped. The change stamps:

- ``texts``: ``texts.created_at``, written when a document is extracted (in a crawl or by
  ``reparse``), so a new document, a new version of a report and a re-parse by a new parser are
  delivered; a ``reparse`` with nothing outdated writes nothing and delivers nothing.
- ``reports``, ``values``, ``wide``: the logical reports with a ``reports`` row written after the
  cursor (every version of such a report, since ``newest`` moves when a version arrives).
- files (``archive.files_out``): report documents first extracted after the cursor; a re-parse
  leaves the bytes, so it delivers no file again.
- ``captures``, ``events``, ``documents`` (by their first capture) and WACZ packages: the rows
  of every crawl that finished after the cursor or is still running (a crawl's rows are all
  written before its ``finished``); the next cursor is the newest ``finished``, so the rows of a
  crawl running during a pull come again in the next pull (repeated, never lost). Rows of no
  crawl are compared by their own time.

Stamps are written by the one writer of an archive (``archive.lock``), in commit order, so a
snapshot never holds a row stamped later than one still to be committed. A crawl id as cursor
means "after that crawl finished".
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from archive.errors import ArchiveError
from archive.migrate import require_compact
from archive.schema import TIMESTAMP_FORMAT
from archive.textstore import TextReader

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sqlite_utils import Database

Row = dict[str, Any]


class InvalidCursorError(ArchiveError):
    """A ``--since`` value that is neither a finished crawl's id nor a timestamp."""


#: The column the next cursor is the maximum of, for the tables not filtered by crawl.
STAMPS: dict[str, tuple[str, str]] = {
    "report_values": ("reports", "created_at"),
    "reports": ("reports", "created_at"),
    "values": ("reports", "created_at"),
    "wide": ("reports", "created_at"),
    "texts": ("texts", "created_at"),
}
#: Tables filtered by their crawl (``after_crawls``), with the column of their own time.
BY_CRAWL = {"captures": "fetched_at", "events": "at", "documents": "first_seen"}

#: Columns of ``texts`` rows, in order.
TEXT_COLUMNS = (
    "document_sha256",
    "report_key",
    "media_type",
    "extractor",
    "extractor_version",
    "parsed_at",
    "error",
    "text",
    "tables",
    "first_capture",
    "latest_capture",
)
#: ``texts`` columns holding lists or objects (JSON text in CSV).
TEXT_NESTED = frozenset({"tables", "first_capture", "latest_capture"})


def resolve_since(db: Database, since: str | None) -> str | None:
    """The cursor as an index timestamp: a crawl id becomes the time that crawl finished.

    Raises ``InvalidCursorError`` for an unknown or unfinished crawl and for text that is no
    ISO-8601 time; a time without a zone is read as UTC.
    """
    if since is None or since == "":
        return None
    text = since.strip()
    if text.isdigit():
        row = db.execute(
            "SELECT finished FROM crawls WHERE id = ?", [int(text)]
        ).fetchone()
        if row is None:
            msg = f"--since {text}: no crawl with this id"
            raise InvalidCursorError(msg)
        if not row[0]:
            msg = f"--since {text}: crawl {text} has not finished"
            raise InvalidCursorError(msg)
        return str(row[0])
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        msg = f"--since {text!r} is neither a crawl id nor an ISO-8601 time"
        raise InvalidCursorError(msg) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(TIMESTAMP_FORMAT)


def newest_stamp(
    db: Database, table: str, column: str, since: str | None
) -> str | None:
    """The next cursor: the newest stamp of ``table``, never older than ``since``."""
    row = db.execute(f"SELECT max({column}) FROM {table}").fetchone()
    stamps = [s for s in (row[0] if row else None, since) if s]
    return max(stamps) if stamps else None


def after_crawls(time_column: str) -> str:
    """SQL: the row's crawl finished after ``:since`` or is running (no crawl: its own time)."""
    return (
        f"((crawl_id IS NULL AND {time_column} > :since) OR crawl_id IN"
        " (SELECT id FROM crawls WHERE finished IS NULL OR finished > :since))"
    )


def crawl_cursor(db: Database, since: str | None) -> str | None:
    """The next cursor of the tables filtered by crawl: the newest finished crawl."""
    row = db.execute(
        "SELECT max(finished) FROM crawls WHERE finished IS NOT NULL"
    ).fetchone()
    loose = db.execute(
        "SELECT max(fetched_at) FROM captures WHERE crawl_id IS NULL"
    ).fetchone()
    stamps = [s for s in (row[0], loose[0], since) if s]
    return max(stamps) if stamps else None


def changed_report_keys(db: Database, since: str) -> set[str]:
    """Logical reports with a ``reports`` row written after ``since``."""
    return {
        r[0]
        for r in db.execute(
            "SELECT DISTINCT report_key FROM reports WHERE created_at > ?"
            " AND report_key IS NOT NULL",
            [since],
        )
    }


#: The newest ``texts`` row of each document (with ``since``: written after it).
_TEXT_ROWS = """
SELECT t.document_id, d.sha256, t.extractor, t.extractor_version, t.created_at, t.error,
       t.extraction_key, d.media_type,
       (SELECT min(v.report_key) FROM report_versions v
        WHERE v.document_id = t.document_id) AS report_key
FROM texts t JOIN documents d ON d.id = t.document_id
WHERE t.id = (SELECT t2.id FROM texts t2 WHERE t2.document_id = t.document_id
              ORDER BY t2.created_at DESC, t2.id DESC LIMIT 1)
  AND (? IS NULL OR t.created_at > ?)
ORDER BY t.created_at, d.sha256"""


def text_rows(db: Database, directory: Path, since: str | None = None) -> Iterator[Row]:
    """One row per extracted document: its newest ``texts`` row, with capture provenance.

    The text and grids are read from the archive's extraction store at ``directory``
    (``archive.textstore``): empty when it no longer holds them. With ``since``, only documents
    whose newest extraction was written after it. An index older than the current layout is
    refused (``IndexUpgradeRequiredError``).
    """
    require_compact(db, "this archive")
    reader = TextReader(directory)
    try:
        yield from _text_rows(db, reader, since)
    finally:
        reader.close()


def _text_rows(db: Database, reader: TextReader, since: str | None) -> Iterator[Row]:
    for (
        document_id,
        sha256,
        extractor,
        version,
        created,
        error,
        text_key,
        media,
        key,
    ) in db.execute(_TEXT_ROWS, [since, since]):  # streamed: texts can outgrow memory
        first, latest = capture_provenance(db, document_id)
        text, tables = reader.read(sha256, text_key)
        yield {
            "document_sha256": sha256,
            "report_key": key,
            "media_type": media,
            "extractor": extractor,
            "extractor_version": version,
            "parsed_at": created,
            "error": error,
            "text": text,
            "tables": tables,
            "first_capture": first,
            "latest_capture": latest,
        }


#: Fields of ``first_capture`` and ``latest_capture``.
PROVENANCE_FIELDS = (
    "url",
    "status",
    "fetched_at",
    "crawl_id",
    "site_id",
    "warc_file",
    "warc_offset",
    "warc_record_type",
)


def capture_provenance(db: Database, document_id: int) -> tuple[Row | None, Row | None]:
    """Where the document was first and last fetched: URL, time, crawl and WARC record.

    ``document_id`` is its ``documents.id`` (the callers' queries read it with the sha256).

    The latest capture may be a ``revisit`` (a 304 or a duplicate body) that confirmed it;
    the other exchanges of a crawl (redirect hops, answers that were retried) are not
    provenance of a document.
    """
    found: list[Row | None] = []
    for order in ("ASC", "DESC"):
        row = db.execute(
            f"SELECT {', '.join(PROVENANCE_FIELDS)} FROM captures WHERE document_id = ?"
            " AND status IN (200, 304)"  # not a redirect hop or a retried answer's body
            f" ORDER BY fetched_at {order}, id {order} LIMIT 1",
            [document_id],
        ).fetchone()
        found.append(
            None if row is None else dict(zip(PROVENANCE_FIELDS, row, strict=True))
        )
    return found[0], found[1]
