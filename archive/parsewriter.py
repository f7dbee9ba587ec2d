"""Parsing a stored document entirely inside a worker process: read back, compute, write.

A crawl that parses as it goes (the crawler's ``stream`` mode) must not do parsing's work in
its own process: the write step alone (``texts``, reports, cells, version numbering:
``archive.parse.write_computed``) takes milliseconds to tens of milliseconds per document, and
in the crawl's process it competes with the downloads for the interpreter. ``parse_stored``
runs in a pool worker and does the whole parse of one document there: the payload read back
from its WARC record, ``archive.parse_compute.compute`` (extraction and parsing), and the rows,
written on the worker's own SQLite connection (``ParseWriter``, one per process) in one short
transaction; the extraction is then kept in the archive's extraction cache, so a later
``nianbao reparse`` after a parser upgrade need not extract again. WAL mode lets the connections take turns: every write transaction takes the write
lock first (``BEGIN IMMEDIATE``) and waits up to ``BUSY_TIMEOUT_S`` for another's to end. The
archive's writer lock belongs to the crawl process, whose workers write under it; the crawl
waits for them before it closes. The rows are the ones ``parse_document`` writes.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from sqlite_utils import Database

from archive import lookup
from archive.errors import ArchiveError
from archive.extract_cache import ExtractCache, extraction_key
from archive.parse import ParseOutcome, write_computed
from archive.parse import _job as build_parse_job
from archive.parse_compute import Computed, compute
from archive.parse_feed import keep_extractions
from archive.reportrows import CellIds
from archive.store import (
    BUSY_TIMEOUT_S,
    keep_temporaries_in_memory,
    write_transaction,
)

if TYPE_CHECKING:
    from pathlib import Path

    import parsers

logger = logging.getLogger(__name__)

#: This process's writer per archive directory (pool workers are reused for many documents).
_WRITERS: dict[str, ParseWriter] = {}


class ParseWriter:
    """Parses stored documents of the archive at ``directory`` on a connection of its own."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._db: Database | None = None
        self._cache: ExtractCache | None = None
        # options -> extraction key: the same for every document of a crawl, and working it
        # out looks LibreOffice up on PATH and hashes, ~4 % of a worker's time per document
        self._keys: dict[parsers.ExtractionOptions, str] = {}

    def parse(
        self, sha256: str, options: parsers.ExtractionOptions
    ) -> tuple[ParseOutcome, bool]:
        """Parse one stored document and write its rows in one transaction (``parse_many``)."""
        return self.parse_many([sha256], options)[0]

    def parse_many(
        self, sha256s: list[str], options: parsers.ExtractionOptions
    ) -> list[tuple[ParseOutcome, bool]]:
        """Parse stored documents, in order, and write all their rows in one transaction.

        Returns each document's outcome and whether it starts a report version above 1
        (``Archive.starts_new_version``). A payload that cannot be read back is that
        document's error (as in ``parse_documents``), never an exception.

        One transaction for many documents, because a report's cells are spread over the
        whole ``report_cells`` table (clustered by cell, so that one cell across all reports
        is one range): each report touches about one leaf page per cell it has, and a commit
        writes every page it touched to the WAL. Written one document per transaction, the
        same pages went to the WAL again and again; written together, once per batch. The
        documents are extracted and parsed first, outside the transaction, so the write lock
        (which the crawl's captures also take) is held only for the inserts. A document whose
        rows cannot be written (a bug) costs only itself (``_write_all``).
        """
        db = self._connect()
        key = self._keys.get(options)
        if key is None:
            key = self._keys[options] = extraction_key(options)
        unreadable: dict[str, ParseOutcome] = {}
        computed: list[Computed] = []
        for sha256 in sha256s:
            try:
                job = build_parse_job(db, self.directory / "warc", sha256, options)
            except ArchiveError as exc:
                error = f"unreadable payload: {exc}"
                unreadable[sha256] = ParseOutcome(sha256, None, None, error)
                continue
            computed.append(compute(job))
        # the archive's texts, and kept for the re-parse after a parser upgrade
        # (archive.textstore, archive.extract_cache): stored before the rows that name them
        if self._cache is None:
            self._cache = ExtractCache(self.directory)
        keep_extractions(self._cache, computed, key)
        written = _write_all(db, computed, key)
        results: list[tuple[ParseOutcome, bool]] = []
        for sha256 in sha256s:
            outcome = unreadable.get(sha256) or written[sha256]
            new_version = outcome.report_id is not None and lookup.starts_new_version(
                db, sha256
            )
            results.append((outcome, new_version))
        return results

    def _connect(self) -> Database:
        if self._db is None:
            connection = sqlite3.connect(
                self.directory / "index.sqlite", timeout=BUSY_TIMEOUT_S
            )
            # Parse rows are derived data: a commit lost to a power cut (never to a killed
            # process, WAL keeps those) leaves its document unparsed, which the next crawl of
            # the site parses again (crawler.parsepass.recover_unparsed). So no fsync per
            # document; checkpoints still sync. Captures keep the archive's full sync.
            connection.execute("PRAGMA synchronous=NORMAL")
            keep_temporaries_in_memory(connection)
            self._db = Database(connection)
        return self._db


def _write_all(
    db: Database, computed: list[Computed], key: str
) -> dict[str, ParseOutcome]:
    """Write every parse in one transaction; if that fails, each in its own.

    A write that fails for one document (a bug met by its rows) would roll back the whole
    batch, and the same batch would fail again on the next crawl: written one at a time, the
    others go in and that document's outcome is its error, with the traceback in the log (it
    stays unparsed, for the next crawl or ``nianbao reparse``). ``sqlite3.OperationalError``
    (a full disk, a lock held too long) is the archive's trouble, not a document's: it is
    raised, so that the crawl can stop for it.
    """
    try:
        return _write_together(db, computed, key)
    except sqlite3.OperationalError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever one document's rows raise
        if len(computed) > 1:
            logger.warning(
                "writing %d parses in one transaction failed (%r); writing each alone",
                len(computed),
                exc,
            )
    written: dict[str, ParseOutcome] = {}
    for one in computed:
        try:
            written.update(_write_together(db, [one], key))
        except sqlite3.OperationalError:
            raise
        except Exception as exc:
            logger.exception("writing the parse of %s (%s) failed", one.sha256, one.url)
            written[one.sha256] = ParseOutcome(
                one.sha256, None, None, f"write failed: {exc!r}"
            )
    return written


def _write_together(
    db: Database, computed: list[Computed], key: str
) -> dict[str, ParseOutcome]:
    with write_transaction(db):
        ids = CellIds(db)
        return {
            one.sha256: write_computed(db, one, ids=ids, text_key=key)
            for one in computed
        }


def parse_stored(
    directory: Path, sha256: str, options: parsers.ExtractionOptions
) -> tuple[ParseOutcome, bool]:
    """``ParseWriter.parse`` with this process's writer for ``directory``."""
    return _writer(directory).parse(sha256, options)


def parse_stored_many(
    directory: Path, sha256s: list[str], options: parsers.ExtractionOptions
) -> list[tuple[ParseOutcome, bool]]:
    """``ParseWriter.parse_many`` with this process's writer for ``directory`` (a pool's task)."""
    return _writer(directory).parse_many(sha256s, options)


def _writer(directory: Path) -> ParseWriter:
    key = str(directory)
    writer = _WRITERS.get(key)
    if writer is None:
        writer = _WRITERS[key] = ParseWriter(directory)
    return writer
