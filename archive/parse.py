"""The one code path from a stored document to ``texts``, ``reports`` and ``report_values`` rows.

Used at store time (``Archive.parse_document``), by the crawl's ``after`` pass and by ``reparse``
(``parse_documents``: many documents, computed in a process pool), so re-parsing the archive
gives exactly what parsing at crawl time gives for the same parser version. Each parse is a
compute step (``archive.parse_compute``: bytes -> Document -> Report, no I/O, poolable) and a
write step (``write_computed``, in the caller's thread: SQLite has one writer). Bodies are read back
from the WARC (the index never holds them). An attachment's report takes what its file does
not state (title, year, organ, date, 索引号) from the page that links it
(``archive.pagecontext``). Only ``ParseError`` is caught: it is data about the
document (stored, logged once); anything else, including ``NotImplementedError`` from a parser
stage not written yet, is a bug and surfaces.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import parsers
from archive.cellstore import cell_ids, stored_value
from archive.pagecontext import linking_page_context
from archive.parse_compute import (
    MIN_POOLED,
    Computed,
    ParseJob,
    compute,
    compute_all,
    default_workers,
)
from archive.parse_feed import BATCH, BATCH_S, JobFeed, payload_job
from archive.schema import inserted_id, utc_now
from archive.textstore import pack_text
from archive.versions import record_version, report_key

if TYPE_CHECKING:
    from collections.abc import Iterable
    from decimal import Decimal
    from pathlib import Path

    from sqlite_utils import Database

logger = logging.getLogger(__name__)

#: The sections of ``Report`` that hold cells, in ``nianbao.report/1`` order.
SECTIONS = ("active_disclosure", "applications", "review_litigation")


@dataclass(frozen=True, slots=True)
class ParseOutcome:
    """What parsing one document gave: the report row (if any), its status, or the error."""

    sha256: str
    report_id: int | None
    status: str | None
    error: str | None


def parse_document(
    db: Database,
    warc_dir: Path,
    sha256: str,
    *,
    options: parsers.ExtractionOptions = parsers.DEFAULT_OPTIONS,
) -> ParseOutcome:
    """Extract and parse the document ``sha256``; replace this parser version's earlier rows.

    Raises ``UnknownDocumentError`` for an unknown sha256 and ``IntegrityError`` when its WARC
    record cannot be read back.
    """
    return write_computed(db, compute(_job(db, warc_dir, sha256, options)))


def parse_documents(
    db: Database,
    warc_dir: Path,
    sha256s: Iterable[str],
    *,
    workers: int | None = None,
    options: parsers.ExtractionOptions = parsers.DEFAULT_OPTIONS,
    reuse_extraction: bool = True,
) -> list[ParseOutcome]:
    """``parse_document`` for each of ``sha256s``, computing in a pool of ``workers`` processes.

    Payloads are read and rows written here, in the caller's thread (one SQLite writer); only
    extraction and parsing run in the pool (``archive.parse_compute``), ``workers`` defaulting
    to one per CPU; under ``MIN_POOLED`` documents no pool is started. A document listed twice
    is parsed once. Rows are written ``BATCH`` documents or ``BATCH_S`` seconds per transaction,
    whichever comes first (a kill loses at most the batch being written, which stays unparsed
    for the next pass). With
    ``reuse_extraction``, a document whose extraction the archive's cache holds for the
    current extractors is not extracted again (``archive.extract_cache``), and fresh
    extractions are kept there. Outcomes come back in the order of ``sha256s``; the rows are
    the same as ``parse_document`` one by one would write.
    """
    todo = list(sha256s)
    unique = list(dict.fromkeys(todo))
    count = default_workers() if workers is None else workers
    if len(unique) < MIN_POOLED:
        count = 1  # a pool would cost more to start than it saves
    feed = JobFeed(db, warc_dir, options=options, reuse_extraction=reuse_extraction)
    written: dict[str, ParseOutcome] = {}
    batch: list[Computed] = []
    started = time.monotonic()

    def flush() -> None:
        with db.atomic():  # write_computed's own blocks become savepoints
            for computed in batch:
                written[computed.sha256] = write_computed(db, computed)
        feed.keep(batch)
        batch.clear()

    try:
        for computed in compute_all(feed.jobs(unique), workers=count):
            if not batch:
                started = time.monotonic()
            batch.append(computed)
            if len(batch) >= BATCH or time.monotonic() - started >= BATCH_S:
                flush()
        flush()
    finally:
        feed.close()
    return [
        written.get(sha256) or ParseOutcome(sha256, None, None, feed.unreadable[sha256])
        for sha256 in todo
    ]


def _job(
    db: Database, warc_dir: Path, sha256: str, options: parsers.ExtractionOptions
) -> ParseJob:
    return payload_job(db, warc_dir, sha256, options)


def write_computed(db: Database, computed: Computed) -> ParseOutcome:
    """The write step: ``texts``, ``reports`` and ``report_values`` rows for ``computed``."""
    sha256, url, document = computed.sha256, computed.url, computed.document
    version = parsers.PARSER_VERSION
    if computed.error is not None:
        logger.warning(
            "%s failed for %s (%s): %s", computed.stage, sha256, url, computed.error
        )
        with db.atomic():
            # an extraction failure stores the error; a parse failure stores the text
            _replace_text(
                db, sha256, version, document, None if document else computed.error
            )
            _delete_reports(db, sha256, version)
            record_version(db, sha256)
        return ParseOutcome(sha256, None, None, computed.error)
    report = computed.report
    if document is None or report is None:  # compute() sets both when there is no error
        msg = f"computed parse of {sha256} has neither an error nor a report"
        raise AssertionError(msg)
    with db.atomic():
        _replace_text(db, sha256, version, document, None)
        _delete_reports(db, sha256, version)
        context = linking_page_context(db, sha256)
        if context is not None:
            report = parsers.apply_page_context(report, context)
        report_id = _insert_report(
            db,
            sha256=sha256,
            site_id=computed.site_id,
            url=url,
            document=document,
            report=report,
            version=version,
            index_no=document.meta.get("index_no")
            or (context.index_no if context else None),
        )
        record_version(db, sha256)
    return ParseOutcome(sha256, report_id, report.status, None)


def _replace_text(
    db: Database,
    sha256: str,
    version: str,
    document: parsers.Document | None,
    error: str | None,
) -> None:
    db.execute(
        "DELETE FROM texts WHERE document_sha256 = ? AND extractor_version = ?",
        [sha256, version],
    )
    db.table("texts").insert(
        {
            "document_sha256": sha256,
            "extractor": document.extractor if document else None,
            "extractor_version": version,
            "content": pack_text(document.text, [t.rows for t in document.tables])
            if document
            else None,
            "meta": json.dumps(document.meta, ensure_ascii=False) if document else None,
            "encoding": document.encoding if document else None,
            "error": error,
            "created_at": utc_now(),
        }
    )
    if document is not None:
        db.execute(
            "UPDATE documents SET media_type = ? WHERE sha256 = ?",
            [document.media_type, sha256],
        )


def _delete_reports(db: Database, sha256: str, version: str) -> None:
    old = "SELECT id FROM reports WHERE document_sha256 = ? AND parser_version = ?"
    for (report_id,) in db.execute(old, [sha256, version]).fetchall():
        # the key leads with cell_id: one probe per cell id, not a scan of every cell
        db.execute(
            "DELETE FROM report_cells WHERE cell_id IN (SELECT id FROM cells)"
            " AND report_id = ?",
            [report_id],
        )
    db.execute(
        "DELETE FROM reports WHERE document_sha256 = ? AND parser_version = ?",
        [sha256, version],
    )


def _insert_report(
    db: Database,
    *,
    sha256: str,
    site_id: str | None,
    url: str,
    document: parsers.Document,
    report: parsers.Report,
    version: str,
    index_no: str | None,
) -> int:
    problems = [
        {"where": p.where, "kind": p.kind, "detail": p.detail} for p in report.problems
    ]
    report_id = inserted_id(
        db.table("reports")
        .insert(
            {
                "document_sha256": sha256,
                "site_id": site_id,
                "agency": report.agency,
                "year": report.year,
                "format": report.format,
                "title": report.title or document.meta.get("title"),
                "source_url": url,
                # as the page states it (the crawler compares it), else the date the parser read
                "published": document.meta.get("published") or report.published,
                "parser_version": version,
                "status": report.status,
                "problems": json.dumps(problems, ensure_ascii=False),
                "created_at": utc_now(),
                "report_key": report_key(
                    site_id=site_id, agency=report.agency, year=report.year, url=url
                ),
                "extractor": document.extractor,
                "agency_printed": report.agency_printed,
                "region_code": report.region_code,
                "region_source": report.region_source,
                "index_no": index_no,
                "metadata_sources": json.dumps(
                    report.metadata_sources, ensure_ascii=False
                ),
            }
        )
        .last_pk
    )
    kinds = {p.where: p.kind for p in report.problems}
    cells = [
        ((section, row_id, column_id), value)
        for section in SECTIONS
        for row_id, columns in getattr(report, section).items()
        for column_id, value in columns.items()
    ]
    ids = cell_ids(db, (key for key, _ in cells))
    db.conn.executemany(
        "INSERT INTO report_cells (cell_id, report_id, value_number, value, problem)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (
                ids[key],
                report_id,
                None if value is None else _number(value),
                stored_value(value),
                kinds.get(".".join(key)),
            )
            for key, value in cells
        ],
    )
    return report_id


def _number(value: int | Decimal) -> int | float:
    """The numeric column: counts stay exact integers; money (Decimal) becomes a float."""
    return value if isinstance(value, int) else float(value)
