"""``Archive``: the one writer of an archive directory (WARC files + SQLite index).

Layout: ``<dir>/index.sqlite`` (WAL mode), ``<dir>/warc/*.warc.gz``, ``<dir>/lock`` (an advisory
``flock`` held while open, so a second writer gets a clear ``ArchiveError`` instead of interleaved
records). ``store`` writes and fsyncs the WARC records first and commits the index rows after, in
one transaction (DESIGN.md "Promises"); ``open`` repairs what a crash between the two can leave.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import sqlite3
from dataclasses import dataclass, replace
from http import HTTPStatus
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, Self

from sqlite_utils import Database

import parsers
from archive import warc
from archive.capture import StoredCapture
from archive.errors import ArchiveError, ArchiveNotWritableError
from archive.parse import ParseOutcome, parse_document, parse_documents
from archive.payload import StoredPayload, read_payload
from archive.schema import capture_row, ensure_schema, inserted_id, utc_now
from archive.verify import repair_tail

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from types import TracebackType

    from archive.capture import Capture

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CaptureRow:
    """What the last capture of a URL said, for conditional requests (If-None-Match …)."""

    url: str
    status: int
    etag: str | None
    last_modified: str | None
    sha256: str
    fetched_at: str


@dataclass(frozen=True, slots=True)
class JobCapture:
    """A GET capture an earlier crawl of a resumed job made: replayed instead of refetched."""

    url: str
    final_url: str | None
    status: int
    kind: str
    sha256: str


@dataclass(frozen=True, slots=True)
class _Plan:
    """How one capture is written: which record type, and what it points at."""

    sha256: str
    record_type: Literal["response", "revisit"]
    profile: str | None
    refers_to_uri: str | None
    refers_to_date: str | None
    etag: str | None
    last_modified: str | None
    is_new_document: bool


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

    @classmethod
    def open(
        cls,
        directory: str | Path,
        *,
        software_version: str,
        warc_max_bytes: int = 1_000_000_000,
    ) -> Archive:
        """Open (creating if needed) an archive for writing; repair what a crash left.

        Repairs the newest WARC file's tail (``verify.repair_tail``) and marks crawls still
        ``running`` as ``died``.

        Raises ``ArchiveNotWritableError`` when the directory cannot be created or written and
        ``ArchiveError`` when another process holds the archive open.
        """
        root = Path(directory)
        try:
            (root / "warc").mkdir(parents=True, exist_ok=True)
            lock = (root / "lock").open("a+b")
        except OSError as exc:
            msg = f"cannot create or write archive directory {root}: {exc.strerror or exc}"
            raise ArchiveNotWritableError(msg) from exc
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            lock.close()
            msg = (
                f"archive {root} is open in another writer (lock file {root / 'lock'})"
            )
            raise ArchiveError(msg) from exc
        db: Database | None = None
        try:
            db = Database(root / "index.sqlite")
            db.enable_wal()
            ensure_schema(db)
            repair_tail(db, root / "warc")
            _mark_dead_crawls(db)
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
        """Close the WARC file and the index and release the lock. Safe to call twice."""
        self._warc.close()
        self._db.close()
        if not self._lock.closed:
            self._lock.close()

    # ------------------------------------------------------------------ crawls and events

    def start_crawl(
        self,
        *,
        sites: Sequence[str],
        settings_digest: str = "",
        software_version: str | None = None,
    ) -> int:
        """Insert a ``crawls`` row with status ``running`` and return its id."""
        row = {
            "started": utc_now(),
            "status": "running",
            "sites": json.dumps(list(sites)),
            "software_version": software_version or self.software_version,
            "settings_digest": settings_digest,
            "stats": "{}",
        }
        with self._db.atomic():
            return inserted_id(self._db.table("crawls").insert(row).last_pk)

    def finish_crawl(
        self, crawl_id: int, *, status: str, stats: Mapping[str, object]
    ) -> None:
        """Close a crawl with its final status (``finished``, ``failed`` …) and stats."""
        stats_json = json.dumps(
            dict(stats), ensure_ascii=False, sort_keys=True, default=str
        )
        with self._db.atomic():
            updated = self._db.execute(
                "UPDATE crawls SET finished = ?, status = ?, stats = ? WHERE id = ?",
                [utc_now(), status, stats_json, crawl_id],
            ).rowcount
        if updated != 1:
            msg = f"no crawl with id {crawl_id}"
            raise ArchiveError(msg)

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
        """Record a URL the crawler did not or could not fetch (offsite, robots, trap …)."""
        row = {
            "crawl_id": crawl_id,
            "site_id": site_id,
            "url": url,
            "kind": kind,
            "detail": detail,
            "referrer": referrer,
            "at": utc_now(),
        }
        with self._db.atomic():
            self._db.table("events").insert(row)

    # ------------------------------------------------------------------ captures

    def last_capture(self, url: str) -> CaptureRow | None:
        """The newest 200/304 capture of ``url``, with its validators, or None."""
        row = self._db.execute(
            "SELECT url, status, etag, last_modified, sha256, fetched_at FROM captures"
            # a soft-404 or challenge page is stored with status 200 but is no copy of the URL
            " WHERE url = ? AND status IN (200, 304) AND kind NOT IN ('soft-404', 'error')"
            " ORDER BY fetched_at DESC, id DESC LIMIT 1",
            [url],
        ).fetchone()
        return None if row is None else CaptureRow(*row)

    def first_capture(self, url: str) -> CaptureRow | None:
        """The oldest 200 capture of ``url``: when the archive first had it (revisit policy)."""
        row = self._db.execute(
            "SELECT url, status, etag, last_modified, sha256, fetched_at FROM captures"
            " WHERE url = ? AND status = 200 AND kind NOT IN ('soft-404', 'error')"
            " ORDER BY fetched_at, id LIMIT 1",
            [url],
        ).fetchone()
        return None if row is None else CaptureRow(*row)

    def report_published(self, url: str) -> str | None:
        """The publication date the newest report parsed from ``url`` states, as written, or None.

        The revisit policy ages a report by it (a 2019 report first archived today is not new).
        """
        row = self._db.execute(
            "SELECT r.published FROM captures c JOIN reports r ON r.document_sha256 = c.sha256"
            " WHERE c.url = ? AND r.published IS NOT NULL ORDER BY c.fetched_at DESC, r.id DESC"
            " LIMIT 1",
            [url],
        ).fetchone()
        return None if row is None else str(row[0])

    def job_capture(self, url: str, crawl_ids: Sequence[int]) -> JobCapture | None:
        """The newest GET capture of ``url`` made by one of ``crawl_ids``, or None.

        A resumed job (``crawler.resume``) answers such a URL from the archive, so a capture is
        made once per job however often the job is killed and resumed.
        """
        if not crawl_ids:
            return None
        marks = ", ".join("?" for _ in crawl_ids)
        row = self._db.execute(
            "SELECT url, final_url, status, kind, sha256 FROM captures"
            f" WHERE url = ? AND method = 'GET' AND crawl_id IN ({marks})"
            " AND sha256 IS NOT NULL ORDER BY id DESC LIMIT 1",
            [url, *crawl_ids],
        ).fetchone()
        return None if row is None else JobCapture(*row)

    def report_version(self, sha256: str) -> int | None:
        """Which version of its logical report document ``sha256`` is (1 = the first), or None."""
        row = self._db.execute(
            "SELECT max(version) FROM report_versions WHERE document_sha256 = ?",
            [sha256],
        ).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def starts_new_version(self, sha256: str) -> bool:
        """Whether document ``sha256`` is the first document of a version above 1 of its report.

        What the crawl summary counts as a new version: a second rendition of the same version
        (the corrected page's PDF) is not another one.
        """
        row = self._db.execute(
            "SELECT v.version, (SELECT w.document_sha256 FROM report_versions w"
            "  WHERE w.report_key = v.report_key AND w.version = v.version"
            "  ORDER BY w.first_seen, w.document_sha256 LIMIT 1)"
            " FROM report_versions v WHERE v.document_sha256 = ?",
            [sha256],
        ).fetchone()
        return row is not None and int(row[0]) > 1 and row[1] == sha256

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
        )
        spans = self._warc.append([main, request])
        span = spans[0]
        try:
            capture_id = self._commit_capture_rows(capture, plan, span)
        except Exception as exc:
            self._warc.truncate(span.warc_file, span.offset)
            logger.warning(
                "index commit failed for %s; WARC records at %s @ %d taken back",
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
        return parse_document(
            self._db, self.directory / "warc", sha256, options=options
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

    def _plan(self, capture: Capture) -> _Plan:
        etag, last_modified = capture.header("ETag"), capture.header("Last-Modified")
        if capture.kind == "not-modified" or capture.status == HTTPStatus.NOT_MODIFIED:
            # Refer to the record that holds the payload (the document's first response), not
            # to the URL's last capture, which may itself be a revisit pywb cannot chain.
            previous = self._db.execute(
                "SELECT c.sha256, c.etag, c.last_modified, d.first_url, d.first_seen"
                " FROM captures c JOIN documents d ON d.sha256 = c.sha256"
                " WHERE c.url = ? AND c.status = 200 ORDER BY c.fetched_at DESC, c.id DESC LIMIT 1",
                [capture.url],
            ).fetchone()
            if previous is not None:
                return _Plan(
                    sha256=previous[0],
                    record_type="revisit",
                    profile=warc.PROFILE_NOT_MODIFIED,
                    refers_to_uri=previous[3],
                    refers_to_date=previous[4],
                    etag=etag or previous[1],
                    last_modified=last_modified or previous[2],
                    is_new_document=False,
                )
            logger.warning(
                "304 for %s with no earlier capture; stored as a response", capture.url
            )
        sha256 = hashlib.sha256(capture.body).hexdigest()
        first = self._db.execute(
            "SELECT first_url, first_seen FROM documents WHERE sha256 = ?", [sha256]
        ).fetchone()
        if first is None:
            return _Plan(
                sha256, "response", None, None, None, etag, last_modified, True
            )
        return _Plan(
            sha256,
            "revisit",
            warc.PROFILE_IDENTICAL,
            first[0],
            first[1],
            etag,
            last_modified,
            is_new_document=False,
        )

    def _commit_capture_rows(
        self, capture: Capture, plan: _Plan, span: warc.RecordSpan
    ) -> int:
        """Insert the ``captures`` row and insert/update the ``documents`` row, atomically."""
        row = {
            **capture_row(capture, software_version=self.software_version),
            "sha256": plan.sha256,
            "warc_file": span.warc_file,
            "warc_offset": span.offset,
            "warc_length": span.length,
            "warc_record_type": plan.record_type,
            # a 304 that does not repeat its validators keeps the previous capture's
            "etag": plan.etag,
            "last_modified": plan.last_modified,
        }
        fetched_at = row["fetched_at"]
        with self._db.atomic():
            if plan.is_new_document:
                self._db.table("documents").insert(
                    {
                        "sha256": plan.sha256,
                        "size": len(capture.body),
                        "media_type": row["media_type"],
                        "first_seen": fetched_at,
                        "last_seen": fetched_at,
                        "capture_count": 1,
                        "first_url": capture.url,
                    }
                )
            else:
                self._db.execute(
                    "UPDATE documents SET capture_count = capture_count + 1,"
                    " last_seen = max(last_seen, ?) WHERE sha256 = ?",
                    [fetched_at, plan.sha256],
                )
            return inserted_id(self._db.table("captures").insert(row).last_pk)


def _mark_dead_crawls(db: Database) -> None:
    """Mark ``running`` crawls as ``died``: holding the writer lock proves none is running.

    A crawl's process holds the archive open (and so the lock) from ``start_crawl`` to
    ``finish_crawl``; a ``running`` row seen by the next writer was left by a killed process
    (issue 4 item 4: crawls that died are marked as such).
    """
    with db.atomic():
        dead = db.execute(
            "UPDATE crawls SET status = 'died' WHERE status = 'running'"
        ).rowcount
    if dead:
        logger.warning(
            "marked %d crawl(s) left running by a dead process as died", dead
        )
