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

import contextlib
import json
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import parsers
from archive.documentids import DOCUMENT_ID
from archive.errors import UnknownDocumentError
from archive.extract_cache import ExtractCache, extraction_key
from archive.pagecontext import linking_page_context
from archive.parse_compute import (
    DAMAGED_STORED,
    MIN_POOLED,
    Computed,
    ParseJob,
    compute,
    compute_all,
    default_workers,
)
from archive.parse_feed import BATCH, BATCH_S, JobFeed, keep_extractions, payload_job
from archive.reportrows import CellIds, delete_reports, insert_report
from archive.schema import utc_now
from archive.versions import record_version

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from sqlite_utils import Database

logger = logging.getLogger(__name__)


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
    store: ExtractCache | None = None,
) -> ParseOutcome:
    """Extract and parse the document ``sha256``; replace this parser version's earlier rows.

    Raises ``UnknownDocumentError`` for an unknown sha256 and ``IntegrityError`` when its WARC
    record cannot be read back. The extraction goes to the archive's extraction store first
    (``store``, held open by a caller parsing many; else opened for this one), where its
    ``texts`` row finds the text (``archive.textstore``).
    """
    computed = compute(_job(db, warc_dir, sha256, options))
    key = extraction_key(options)
    if store is not None:
        keep_extractions(store, [computed], key)
    else:
        with contextlib.closing(ExtractCache(warc_dir.parent)) as own:
            keep_extractions(own, [computed], key)
    return write_computed(db, computed, text_key=key)


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
        feed.keep(batch)  # the texts first: a texts row never names a missing entry
        with db.atomic():  # write_computed's own blocks become savepoints
            ids = CellIds(db)  # one read of the cell ids for the whole batch
            for computed in batch:
                written[computed.sha256] = write_computed(
                    db, computed, ids=ids, text_key=feed.key
                )
        batch.clear()

    try:
        for each in compute_all(feed.jobs(unique), workers=count):
            computed = feed.redo(each) if each.stage == DAMAGED_STORED else each
            if computed is None:  # its payload is unreadable too (feed.unreadable)
                continue
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


def write_computed(
    db: Database,
    computed: Computed,
    *,
    ids: CellIds | None = None,
    text_key: str | None = None,
) -> ParseOutcome:
    """The write step: ``texts``, ``reports`` and ``report_values`` rows for ``computed``.

    ``ids``: the cell ids of the caller's transaction, when it writes many documents in one.
    ``text_key``: the extraction key under which the caller keeps ``computed``'s extraction
    in the archive's extraction store (``texts.extraction_key``; None: the text is not kept).
    """
    sha256, url, document = computed.sha256, computed.url, computed.document
    version = parsers.PARSER_VERSION
    if computed.error is not None:
        logger.warning(
            "%s failed for %s (%s): %s", computed.stage, sha256, url, computed.error
        )
        with db.atomic():
            # an extraction failure stores the error; a parse failure stores the text
            _replace_text(
                db,
                sha256,
                version,
                document,
                None if document else computed.error,
                text_key=text_key,
            )
            delete_reports(db, sha256, version)
            record_version(db, sha256)
        return ParseOutcome(sha256, None, None, computed.error)
    report, cells = computed.report, computed.cells
    # compute() sets all three when there is no error
    if document is None or report is None or cells is None:
        msg = f"computed parse of {sha256} has neither an error nor a report"
        raise AssertionError(msg)
    with db.atomic():
        _replace_text(db, sha256, version, document, None, text_key=text_key)
        delete_reports(db, sha256, version)
        context = linking_page_context(db, sha256)
        if context is not None:
            report = parsers.apply_page_context(report, context)
        report_id = insert_report(
            db,
            sha256=sha256,
            site_id=computed.site_id,
            url=url,
            document=document,
            report=report,
            cells=cells,
            version=version,
            index_no=document.meta.get("index_no")
            or (context.index_no if context else None),
            ids=ids or CellIds(db),
        )
        record_version(db, sha256)
    return ParseOutcome(sha256, report_id, report.status, None)


def _replace_text(
    db: Database,
    sha256: str,
    version: str,
    document: parsers.Document | None,
    error: str | None,
    *,
    text_key: str | None,
) -> None:
    """This version's ``texts`` row: what the extraction gave, its text left in the store."""
    db.execute(
        f"DELETE FROM texts WHERE document_id = {DOCUMENT_ID} AND extractor_version = ?",
        [sha256, version],
    )
    document_id = db.execute(
        "SELECT id FROM documents WHERE sha256 = ?", [sha256]
    ).fetchone()
    if document_id is None:
        raise UnknownDocumentError(sha256)
    db.table("texts").insert(
        {
            "document_id": document_id[0],
            "extractor": document.extractor if document else None,
            "extractor_version": version,
            "extraction_key": text_key if document else None,
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
