"""``Archive``: the one writer of an archive directory (WARC files + SQLite index).

Layout: ``<dir>/index.sqlite`` (WAL mode), ``<dir>/warc/*.warc.gz``, ``<dir>/lock`` (an advisory
``flock`` held while open, so a second writer gets a clear ``ArchiveError`` instead of interleaved
records). ``store`` writes and fsyncs the WARC records first and commits the index rows after, in
one transaction (DESIGN.md "Promises"); ``store_many`` does the same for a group of captures with
one fsync and one commit (the crawler's group commit); ``open`` repairs what a crash between the
two can leave.

``Archive`` keeps that order and the object's life cycle; the work behind its methods lives in
one module per job: ``archive.lock`` (writer lock, dead crawls), ``archive.crawls`` (crawls and
events rows), ``archive.lookup`` (read-only queries), ``archive.dedupe`` (response or revisit,
and the index rows), ``archive.payload`` and ``archive.parse``.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import replace
from http import HTTPStatus
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, Self, overload

from sqlite_utils import Database

import parsers
from archive import crawls, extract_cache, lookup, warc
from archive.api import ReadOnlyArchive
from archive.capture import StoredCapture
from archive.dedupe import CapturePlan, commit_capture_rows, plan_capture
from archive.errors import ArchiveError, ArchiveNotWritableError
from archive.lock import lock_archive, mark_dead_crawls
from archive.lookup import CaptureRow, JobCapture
from archive.migrate import compact_small_index
from archive.parse import ParseOutcome, parse_document, parse_documents
from archive.payload import StoredPayload, read_payload
from archive.schema import ensure_schema
from archive.verify import repair_tail

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence
    from types import TracebackType

    from archive.capture import Capture, Headers

__all__ = ["MAX_GROUP", "Archive", "CaptureRow", "JobCapture", "write_transaction"]

logger = logging.getLogger(__name__)

#: Seconds a write waits for another connection's transaction (``archive.ParseWriter``'s)
#: before "database is locked"; sqlite3's default of 5 s is shorter than a slow parse write.
BUSY_TIMEOUT_S = 60.0
#: Most captures ``store_many`` takes at once: a crash can leave this many captures' records
#: after the last indexed one, which the next ``open`` cuts off (``verify.repair_tail``).
MAX_GROUP = 64


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One transaction that holds the index's write lock from its first statement.

    ``BEGIN IMMEDIATE``, not sqlite-utils' deferred ``BEGIN``: a deferred transaction that
    reads first (planning a capture) and writes later fails at once with "database is
    locked" when another connection (``archive.ParseWriter``) committed in between, where an
    immediate one waits its turn. Nested in an open transaction, it is a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    try:
        db.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise


def keep_temporaries_in_memory(connection: sqlite3.Connection) -> None:
    """Statement journals and temporary tables of ``connection`` in memory, not in files.

    A multi-row ``UPDATE`` or ``DELETE`` inside a transaction keeps a statement journal, which
    SQLite spills to a file in the temporary directory past 64 KiB; the rows of one report
    (its cells spread over the whole ``report_cells`` table, its versions renumbered) go past
    that: in a size-500 sample-portal crawl the parse workers made ~270,000 writes to such files
    for 664 documents (``strace -f -y``), three quarters of all their writes. They are
    transient (the rollback of one statement), so memory changes nothing the archive keeps.

    Not for rewrites of the whole index: ``VACUUM`` builds its copy as a temporary database,
    which would then be held in memory (the size of the index). The schema conversion that
    vacuums runs before this is set, and ``Archive.close`` sets files back before it packs.
    """
    connection.execute("PRAGMA temp_store=MEMORY")


def keep_temporaries_in_files(connection: sqlite3.Connection) -> None:
    """SQLite's default for temporary files again (before a ``VACUUM``)."""
    connection.execute("PRAGMA temp_store=DEFAULT")


class Archive:
    """An open archive directory. Use ``Archive.open`` (a context manager)."""

    def __init__(
        self,
        directory: Path,
        db: Database,
        lock: IO[bytes],
        appender: warc.WarcAppender,
    ):
        self.directory = directory
        self._db = db
        self._lock = lock
        self._warc = appender
        self.software_version = appender.software_version
        # where parse_document keeps texts (archive.textstore); opened on first use, held
        # open: opening and closing a WAL database per document costs ~20 ms
        self._texts: extract_cache.ExtractCache | None = None

    @overload
    @classmethod
    def open(
        cls, directory: str | Path, *, readonly: Literal[True]
    ) -> ReadOnlyArchive: ...

    @overload
    @classmethod
    def open(
        cls,
        directory: str | Path,
        *,
        software_version: str,
        warc_max_bytes: int = 1_000_000_000,
        readonly: Literal[False] = False,
    ) -> Archive: ...

    @classmethod
    def open(
        cls,
        directory: str | Path,
        *,
        software_version: str = "",
        warc_max_bytes: int = 1_000_000_000,
        readonly: bool = False,
    ) -> Archive | ReadOnlyArchive:
        """Open (creating if needed) an archive for writing; repair what a crash left.

        Repairs the newest WARC file's tail (``verify.repair_tail``) and marks crawls still
        ``running`` as ``died``. With ``readonly=True``, the index is opened for reading only,
        beside a crawl that writes it (``archive.api.ReadOnlyArchive``): nothing is created,
        repaired or locked.

        Raises ``ArchiveNotWritableError`` when the directory cannot be created or written and
        ``ArchiveError`` when another process holds the archive open.
        """
        if readonly:
            return ReadOnlyArchive.open(directory)
        root = Path(directory)
        lock = lock_archive(root)
        db: Database | None = None
        try:
            db = Database(
                sqlite3.connect(root / "index.sqlite", timeout=BUSY_TIMEOUT_S)
            )
            db.enable_wal()
            ensure_schema(
                db
            )  # a conversion's rewrite (VACUUM) keeps its copy in a file
            keep_temporaries_in_memory(db.conn)
            repair_tail(db, root / "warc", max_group_records=2 * MAX_GROUP)
            mark_dead_crawls(db)
            appender = warc.WarcAppender(
                root / "warc",
                software_version=software_version,
                max_bytes=warc_max_bytes,
            )
        except BaseException as exc:
            if db is not None:
                db.close()
            lock.close()
            if isinstance(exc, sqlite3.Error | OSError):
                msg = f"cannot open the archive {root} for writing: {exc}"
                raise ArchiveNotWritableError(msg) from exc
            raise
        return cls(root, db, lock, appender)

    @property
    def db(self) -> Database:
        return self._db

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the WARC file and the index and release the lock. Safe to call twice.

        The index's write-ahead log is folded back into ``index.sqlite`` first: parse workers
        that wrote on their own connections end without closing them, which leaves a WAL of
        megabytes beside the file (safe, SQLite reads it, but a copy of ``index.sqlite``
        alone would miss it). A small index is rewritten with its pages packed first.
        """
        self._warc.close()
        with contextlib.suppress(
            sqlite3.Error
        ):  # (closed already, or a reader still open)
            keep_temporaries_in_files(self._db.conn)  # VACUUM's copy not in memory
            compact_small_index(self._db)  # pages packed (archive.migrate)
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.close()
        if self._texts is not None:
            self._texts.close()
            self._texts = None
        extract_cache.fold_log(self.directory)
        if not self._lock.closed:
            self._lock.close()

    # ------------------------------------------------------------------ crawls and events

    def start_crawl(
        self,
        *,
        sites: Sequence[str],
        settings_digest: str = "",
        software_version: str | None = None,
        worker: str | None = None,
    ) -> int:
        """Insert a ``crawls`` row with status ``running`` and return its id.

        ``worker`` names who ran it (a machine and shard); ``archive.merge`` keeps it.
        """
        with write_transaction(self._db):
            return crawls.start_crawl(
                self._db,
                sites=sites,
                settings_digest=settings_digest,
                software_version=software_version or self.software_version,
                worker=worker,
            )

    def finish_crawl(
        self, crawl_id: int, *, status: str, stats: Mapping[str, object]
    ) -> None:
        """Close a crawl with its final status (``finished``, ``failed`` …) and stats."""
        with write_transaction(self._db):
            crawls.finish_crawl(self._db, crawl_id, status=status, stats=stats)

    def record_event(
        self,
        *,
        crawl_id: int | None,
        site_id: str,
        url: str,
        kind: str,
        detail: str = "",
        referrer: str | None = None,
    ) -> None:
        """Record a URL the crawler did not or could not fetch (offsite, robots, trap …).

        Like every write of this connection, in a ``write_transaction``: sqlite-utils reads the
        table's schema before it inserts, and a read first makes a deferred transaction fail
        at once when a parse worker committed in between.
        """
        with write_transaction(self._db):
            crawls.record_event(
                self._db,
                crawl_id=crawl_id,
                site_id=site_id,
                url=url,
                kind=kind,
                detail=detail,
                referrer=referrer,
            )

    # ------------------------------------------------------------------ captures

    def last_capture(self, url: str) -> CaptureRow | None:
        """The newest 200/304 capture of ``url``, with its validators, or None."""
        return lookup.last_capture(self._db, url)

    def first_capture(self, url: str) -> CaptureRow | None:
        """The oldest 200 capture of ``url``: when the archive first had it (revisit policy)."""
        return lookup.first_capture(self._db, url)

    def report_published(self, url: str) -> str | None:
        """The publication date the newest report from ``url`` states; see ``archive.lookup``."""
        return lookup.report_published(self._db, url)

    def job_capture(self, url: str, crawl_ids: Sequence[int]) -> JobCapture | None:
        """The newest GET capture of ``url`` by one of ``crawl_ids``; see ``archive.lookup``."""
        return lookup.job_capture(self._db, url, crawl_ids)

    def report_version(self, sha256: str) -> int | None:
        """Which version of its logical report document ``sha256`` is (1 = the first), or None."""
        return lookup.report_version(self._db, sha256)

    def starts_new_version(self, sha256: str) -> bool:
        """Whether ``sha256`` starts a report version above 1; see ``archive.lookup``."""
        return lookup.starts_new_version(self._db, sha256)

    def payload(self, sha256: str) -> bytes:
        """The bytes of document ``sha256``, read back from its WARC ``response`` record.

        Raises ``UnknownDocumentError`` / ``IntegrityError`` (``archive.payload.read_payload``).
        """
        return read_payload(self._db, self.directory / "warc", sha256).body

    def stored_payload(self, sha256: str) -> StoredPayload:
        """The bytes of document ``sha256`` with its first capture's URL and response headers."""
        return read_payload(self._db, self.directory / "warc", sha256)

    def store(self, capture: Capture) -> StoredCapture:
        """Archive one capture: WARC records (flushed, fsynced), then the index rows.

        A payload already in ``documents`` becomes a ``revisit`` record (identical-payload-digest);
        a 304 becomes a ``revisit`` (server-not-modified) of the URL's previous 200 capture, pointing
        at the record that holds that payload.
        If the index commit fails, the records are cut off the WARC again and the error raised.

        A 304 is stored as kind ``not-modified`` with no body whatever the caller passed: HTTP
        gives a 304 no payload, and a crawler that hands its callbacks the archived body of
        the previous 200 (``crawler.incremental``) must not get those bytes counted again.
        """
        (result,) = self.store_many([capture])
        if isinstance(result, ArchiveError):
            raise result
        return result

    def store_many(
        self, captures: Sequence[Capture]
    ) -> list[StoredCapture | ArchiveError]:
        """Archive a group of captures with one WARC fsync and one index transaction.

        Each capture is planned, written and given its rows in turn (so a payload seen earlier
        in the group becomes a revisit of it), inside one transaction; the WARC file is fsynced
        once, then the transaction commits: a capture is in the index only after its records
        are on disk, and a crash before the commit leaves records the next ``open`` cuts off
        (``verify.repair_tail``). One capture whose rows cannot be written is that capture's
        ``ArchiveError`` in the result, its records taken back; a WARC write, fsync or commit
        that fails fails the whole group (``ArchiveNotWritableError`` / ``ArchiveError`` raised,
        every record of the group taken back). Results come in the order of ``captures``.
        """
        if len(captures) > MAX_GROUP:
            msg = f"a group holds at most {MAX_GROUP} captures, got {len(captures)}"
            raise ValueError(msg)
        warc_file, offset = self._warc.start_group()
        results: list[StoredCapture | ArchiveError] = []
        try:
            with write_transaction(self._db):
                for capture in captures:
                    try:
                        results.append(self._store_one(capture))
                    except ArchiveNotWritableError:
                        raise
                    except ArchiveError as exc:
                        results.append(exc)
                self._warc.sync()
        except Exception as exc:
            with contextlib.suppress(OSError):
                self._warc.truncate(warc_file, offset)
            if isinstance(exc, sqlite3.Error):
                msg = f"cannot commit the index rows of {len(captures)} captures: {exc}"
                raise ArchiveError(msg) from exc
            raise
        return results

    def _store_one(self, capture: Capture) -> StoredCapture:
        """One capture of a group: plan, append its records unsynced, insert its rows."""
        if capture.fetched_at.tzinfo is None:
            msg = f"Capture.fetched_at must be timezone-aware (UTC), got {capture.fetched_at!r}"
            raise ArchiveError(msg)
        if capture.status == HTTPStatus.NOT_MODIFIED:
            capture = replace(capture, kind="not-modified", body=b"")
        plan = self._plan(capture)
        main, request = warc.build_capture_records(
            self._warc.writer,
            capture,
            sha256=plan.sha256,
            profile=plan.profile,
            refers_to_uri=plan.refers_to_uri,
            refers_to_date=plan.refers_to_date,
            original=self._original(plan),
        )
        span = self._warc.append([main, request], sync=False, rotate=False)[0]
        try:
            capture_id = self._commit_capture_rows(capture, plan, span)
        except Exception as exc:
            self._warc.truncate(span.warc_file, span.offset)
            logger.warning(
                "index rows failed for %s; WARC records at %s @ %d taken back",
                capture.url,
                span.warc_file,
                span.offset,
            )
            if isinstance(exc, sqlite3.Error):
                msg = f"cannot write the index for {capture.url}: {exc}"
                raise ArchiveError(msg) from exc
            raise
        return StoredCapture(
            capture_id=capture_id,
            sha256=plan.sha256,
            is_new_document=plan.is_new_document,
            warc_file=span.warc_file,
            warc_offset=span.offset,
            warc_length=span.length,
        )

    def parse_document(
        self,
        sha256: str,
        *,
        options: parsers.ExtractionOptions = parsers.DEFAULT_OPTIONS,
    ) -> ParseOutcome:
        """Extract and parse one stored document; see ``archive.parse.parse_document``."""
        if self._texts is None:
            self._texts = extract_cache.ExtractCache(self.directory)
        return parse_document(
            self._db,
            self.directory / "warc",
            sha256,
            options=options,
            store=self._texts,
        )

    def parse_documents(
        self,
        sha256s: Iterable[str],
        *,
        workers: int | None = None,
        options: parsers.ExtractionOptions = parsers.DEFAULT_OPTIONS,
    ) -> list[ParseOutcome]:
        """Extract and parse many stored documents in a pool of processes, in input order.

        See ``archive.parse.parse_documents``: rows are written in this thread, one document
        whose payload cannot be read back is reported as that document's error.
        """
        return parse_documents(
            self._db, self.directory / "warc", sha256s, workers=workers, options=options
        )

    def _original(self, plan: CapturePlan) -> tuple[Headers, bytes] | None:
        """The headers and payload a server-not-modified revisit replays (None: others).

        An original that cannot be read back is logged and the revisit keeps the 304's own
        header block, as before (replay then shows an empty 304, the archive stays whole).
        """
        if plan.profile != warc.PROFILE_NOT_MODIFIED:
            return None
        self._warc.flush()  # the original may be in this group, not yet handed to the OS
        try:
            stored = read_payload(self._db, self.directory / "warc", plan.sha256)
        except ArchiveError as exc:
            logger.warning(
                "304 revisit of %s without its original: %s", plan.sha256, exc
            )
            return None
        return stored.response_headers, stored.body

    def _plan(self, capture: Capture) -> CapturePlan:
        return plan_capture(self._db, capture)

    def _commit_capture_rows(
        self, capture: Capture, plan: CapturePlan, span: warc.RecordSpan
    ) -> int:
        """Insert the ``captures`` row and insert/update the ``documents`` row, atomically.

        A method (not a direct call of ``archive.dedupe``) so tests can cut ``store`` short
        between the WARC fsync and the index commit.
        """
        return commit_capture_rows(
            self._db, capture, plan, span, software_version=self.software_version
        )
