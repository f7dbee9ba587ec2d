"""The SQLite index schema: the tables of DESIGN.md "Data model", created through sqlite-utils.

Owns table and index definitions and the schema version (``PRAGMA user_version``), so an archive
written by an older nianbao is recognised and one written by a newer nianbao is refused rather
than silently misread. Every column's meaning is documented in ``docs/data-model.md``; change both
together.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from archive.errors import ArchiveError
from archive.migrate import migrate_compact, set_page_size, vacuum_index
from archive.sourcesets import ensure_source_sets
from archive.textstore import register_text_functions
from archive.versions import backfill_versions
from archive.views import ensure_views

if TYPE_CHECKING:
    from sqlite_utils import Database

    from archive.capture import Capture

#: Every timestamp in the index (and WARC-Date): fixed width, so strings sort as times.
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

#: Bump when a table changes shape, and add the upgrade step to ``ensure_schema``.
#: 1: the tables of DESIGN.md. 2: ``reports.report_key`` and ``report_versions`` (report versions).
#: 3: ``reports.extractor``, so an OCR'd report says so wherever its cells are exported.
#: 4: report metadata: ``agency_printed``, ``region_code``, ``region_source``, ``index_no``,
#: ``metadata_sources`` (where each field was read, the linking page's context included).
#: 5: the compact layout (``archive.migrate``): cells under integer ids in ``report_cells``
#: (``report_values`` is a view), texts zlib-compressed in ``texts.content``.
#: 6: the index no bigger than its WARCs: texts in ``extracted.sqlite`` (``texts.extraction_key``
#: names the entry), no request headers in ``captures`` (the WARC request record holds them),
#: a smaller page size.
#: 7: the index no bigger than its WARCs, still: ``reports.problems`` as rows of
#: ``problem_rows`` (``archive.problemstore``; the views rebuild the JSON list),
#: ``captures.final_url`` NULL when it is ``url``, ``documents`` without a rowid.
#: 8: the index no bigger than its WARCs, by integer ids: ``documents.id``, which ``captures``,
#: ``texts``, ``reports`` and ``report_versions`` hold as ``document_id`` where each held the
#: 64-character sha256 (and indexed it); ``report_cell_notes.problem_id`` (``problem_texts``)
#: and ``reports.metadata_sources_id`` (``metadata_source_sets``) where each row spelled out
#: one of a few strings. The views still give ``document_sha256`` and the strings.
SCHEMA_VERSION = 8

_CRAWLS = {
    "id": int,
    "started": str,
    "finished": str,
    "status": str,
    "sites": str,  # JSON list of site ids
    "software_version": str,
    "settings_digest": str,
    "stats": str,  # JSON object
    "worker": str,  # who ran it (NIANBAO_WORKER; "HOST shard I/N" under --shard); added in 5
}

_CAPTURES = {
    "id": int,
    "crawl_id": int,
    "site_id": str,
    "url": str,
    "final_url": str,  # the URL that answered; NULL when it is url (no redirect); 7
    "method": str,
    "status": int,
    "fetched_at": str,
    "kind": str,
    "media_type": str,
    "document_id": int,  # documents.id of its payload (schema 8; the sha256 before)
    "size": int,
    "warc_file": str,
    "warc_offset": int,
    "warc_length": int,
    "warc_record_type": str,
    "etag": str,
    "last_modified": str,
    "referrer": str,
    "anchor_text": str,
    "ip_address": str,
    # request headers: read from the WARC request record (archive.capture_headers); schema 6
    "response_headers": str,  # JSON [[name, value]] as received; NULL: in the record (6)
    "software_version": str,
}

_DOCUMENTS = {
    "id": int,
    "sha256": str,
    "size": int,
    "media_type": str,
    "first_seen": str,
    "last_seen": str,
    "capture_count": int,
    "first_url": str,
}

#: Keyed by an integer id (schema 8), which the four tables that name a document hold: 8 bytes
#: or fewer per reference where the sha256 took 65, in the row and in the index on it. The
#: sha256 is stored once more, in the unique index that finds a document's id by its digest.
_DOCUMENTS_TABLE = (
    'CREATE TABLE IF NOT EXISTS "documents" (\n'
    + ",\n".join(
        f'   "{name}" {"TEXT" if kind is str else "INTEGER"}'
        + {"id": " PRIMARY KEY", "sha256": " NOT NULL UNIQUE"}.get(name, "")
        for name, kind in _DOCUMENTS.items()
    )
    + "\n)"
)

_TEXTS = {
    "id": int,
    "document_id": int,  # documents.id (schema 8)
    "extractor": str,
    "extractor_version": str,
    "extraction_key": str,  # its text's entry in extracted.sqlite (archive.textstore); 6
    "meta": str,  # JSON object
    "encoding": str,
    "error": str,
    "created_at": str,
}

_REPORTS = {
    "id": int,
    "document_id": int,  # documents.id (schema 8)
    "site_id": str,
    "agency": str,
    "year": int,
    "format": str,
    "title": str,
    "source_url": str,
    "published": str,
    "parser_version": str,
    "status": str,
    # problems: rows of problem_rows (archive.problemstore), the JSON list a view's; schema 7
    "created_at": str,
    "report_key": str,  # the logical report (archive.versions.report_key); schema 2
    "extractor": str,  # texts.extractor of the text it was read from ("tesseract" = OCR); 3
    "agency_printed": str,  # the organ as printed, when it differs from agency; 4
    "region_code": str,  # GB/T 2260, six digits; 4
    "region_source": str,  # organ_name | registry; 4
    "index_no": str,  # 索引号 of the document, else of the page that links it; 4
    # JSON {field: source} (docs/report-schema.md), 4; its id in metadata_source_sets since 8
    "metadata_sources_id": int,
    "cells_read": int,  # cells read with a value (archive.cellrows)
    "cells_digest": str,  # digest of those cells: equal digests, equal cells
}

_REPORT_VERSIONS = {
    "report_key": str,
    "document_id": int,  # documents.id (schema 8)
    "first_seen": str,  # documents.first_seen, copied: versions are ordered by it
    "version": int,  # 1 = the oldest document of the key
    "is_newest": int,  # 1 for the version first seen last
}

_EVENTS = {
    "id": int,
    "crawl_id": int,
    "site_id": str,
    "url": str,
    "kind": str,
    "detail": str,
    "referrer": str,
    "at": str,
}


def capture_row(capture: Capture, *, software_version: str) -> dict[str, object]:
    """The ``captures`` columns that come from the ``Capture`` itself (not from the WARC write).

    ``media_type`` is the declared Content-Type without parameters; extraction sniffs later.
    """
    declared = capture.header("Content-Type") or ""
    return {
        "crawl_id": capture.crawl_id,
        "site_id": capture.site_id,
        "url": capture.url,
        # NULL unless redirected (schema 7): readers take coalesce(final_url, url)
        "final_url": (
            capture.final_url
            if capture.final_url and capture.final_url != capture.url
            else None
        ),
        "method": capture.method,
        "status": capture.status,
        "fetched_at": capture.fetched_at.astimezone(UTC).strftime(TIMESTAMP_FORMAT),
        "kind": capture.kind,
        "media_type": declared.split(";")[0].strip().lower() or None,
        "size": len(capture.body),
        "referrer": capture.referrer,
        "anchor_text": capture.anchor_text,
        "ip_address": capture.ip_address,
        "response_headers": json.dumps(capture.response_headers, ensure_ascii=False),
        "software_version": software_version,
    }


def utc_now() -> str:
    """The index's timestamp format: ISO-8601 UTC with microseconds and a ``Z``."""
    return datetime.now(UTC).strftime(TIMESTAMP_FORMAT)


def inserted_id(last_pk: object) -> int:
    """The integer primary key sqlite-utils reports after an insert into a rowid table."""
    if not isinstance(last_pk, int):
        msg = f"insert returned no integer id ({last_pk!r})"
        raise ArchiveError(msg)
    return last_pk


def ensure_schema(db: Database) -> None:
    """Create missing tables and indexes, and refuse an index newer than this code.

    Idempotent (``if_not_exists``), so opening an existing archive is cheap. An index of schema
    1 is upgraded in the same transaction: ``reports.report_key`` is added and the versions of
    every parsed document are filed (``archive.versions.backfill_versions``); one of schema 7
    or older gets the compact cells of 5, the texts and captures of 6, the problem rows and
    final URLs of 7 and the document ids of 8 (``archive.migrate``), then the file is vacuumed
    once (outside the transaction) to give the freed pages back.
    """
    register_text_functions(db.conn)  # nianbao_text(value), for this connection's SQL
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        msg = (
            f"index schema version {version} is newer than this nianbao understands "
            f"({SCHEMA_VERSION}); upgrade nianbao"
        )
        raise ArchiveError(msg)
    if db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is None:
        set_page_size(
            db
        )  # a new index: before its first table (archive.migrate.PAGE_SIZE)
    with db.atomic():
        db.table("crawls").create(_CRAWLS, pk="id", if_not_exists=True)
        db.execute(_DOCUMENTS_TABLE)
        ensure_source_sets(db)
        if "id" in db.table("documents").columns_dict:
            _create_document_tables(db)
        # else an index older than 8, whose tables exist: converted by migrate_compact
        _upgrade_reports(db)
        if "worker" not in db.table("crawls").columns_dict:  # crawls made before it
            db.table("crawls").add_column("worker", str)
        # schemas 5 to 8: cells compacted, texts moved out, request headers dropped,
        # problems as rows, documents under integer ids
        converted = migrate_compact(db, version)
        db.table("report_versions").create(
            _REPORT_VERSIONS,
            pk=("report_key", "document_id"),
            foreign_keys=[("document_id", "documents", "id")],
            if_not_exists=True,
        )
        db.table("events").create(
            _EVENTS,
            pk="id",
            foreign_keys=[("crawl_id", "crawls", "id")],
            if_not_exists=True,
        )
        for table, columns in (
            ("captures", ["url"]),
            ("captures", ["document_id"]),
            ("captures", ["warc_file", "warc_offset"]),
            ("texts", ["document_id"]),
            ("reports", ["site_id", "year"]),
            ("reports", ["document_id"]),
            ("reports", ["report_key"]),
            ("report_versions", ["document_id"]),
            ("events", ["site_id", "kind"]),
        ):
            db.table(table).create_index(columns, if_not_exists=True)
        # The pages that linked a document are found by its captures' referrer, matched to a
        # page's url or, after a redirect, its final_url. Without an index on the latter every
        # parse scanned all captures (3.8 ms per lookup at 2,000 captures, growing with the
        # archive); only redirected captures are indexed (final_url is NULL otherwise).
        db.execute(
            "CREATE INDEX IF NOT EXISTS idx_captures_redirected ON captures (final_url)"
            " WHERE final_url IS NOT NULL"
        )
        ensure_views(db)  # analysts' views, indexes, codebook (archive/views.py)
        if version == 1:
            backfill_versions(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    if converted:  # the old cells' pages back to the file system, once
        vacuum_index(db)


def _create_document_tables(db: Database) -> None:
    """``captures``, ``texts`` and ``reports``, each naming its document by ``documents.id``.

    Only where ``documents`` has that id (a new index, or one of schema 8): sqlite-utils checks
    the references even of a table that exists, and an older index's tables are converted by
    ``archive.migrate`` instead.
    """
    db.table("captures").create(
        _CAPTURES,
        pk="id",
        foreign_keys=[
            ("crawl_id", "crawls", "id"),
            ("document_id", "documents", "id"),
        ],
        not_null={
            "url",
            "status",
            "fetched_at",
            "kind",
            "document_id",
            "warc_file",
        },
        if_not_exists=True,
    )
    db.table("texts").create(
        _TEXTS,
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
        if_not_exists=True,
    )
    db.table("reports").create(
        _REPORTS,
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
        if_not_exists=True,
    )


#: Columns schema 4 added to ``reports`` (its ``metadata_sources`` is an id since 8).
_METADATA_COLUMNS = (
    "agency_printed",
    "region_code",
    "region_source",
    "index_no",
)


def _upgrade_reports(db: Database) -> None:
    """Add the columns of later schemas to an older ``reports`` table.

    2: ``report_key`` (filled by ``backfill_versions`` afterwards). 3: ``extractor``, copied
    from the ``texts`` row the same parse wrote (same document and parser version). 4: the
    metadata columns, NULL until ``nianbao reparse`` reads them.
    """
    columns = db.table("reports").columns_dict
    for name in _METADATA_COLUMNS:  # 4: NULL in rows parsed before; reparse fills them
        if name not in columns:
            db.table("reports").add_column(name, str)
    if "metadata_sources_id" not in columns:  # 8; the JSON of 4, if any, moves to it
        db.table("reports").add_column("metadata_sources_id", int)
    # what the cells read, so versions are numbered without reading cells back
    # (archive.cellrows); NULL in rows parsed before, whose cells are read instead
    if "cells_read" not in columns:
        db.table("reports").add_column("cells_read", int)
    if "cells_digest" not in columns:
        db.table("reports").add_column("cells_digest", str)
    if "report_key" not in columns:
        db.table("reports").add_column("report_key", str)
    if "extractor" not in columns:
        db.table("reports").add_column("extractor", str)
        # the document column of an index older than 8, else its id
        ref = (
            "document_id"
            if "document_id" in db.table("texts").columns_dict
            else "document_sha256"
        )
        db.execute(
            "UPDATE reports SET extractor = (SELECT t.extractor FROM texts t"
            f" WHERE t.{ref} = reports.{ref}"
            " AND t.extractor_version = reports.parser_version)"
        )
