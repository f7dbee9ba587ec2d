"""The read-only Python API for downstream programs: reports, documents with their bytes, texts.

``ReadOnlyArchive.open(path)`` opens the index with SQLite's ``mode=ro``: it takes no writer
lock and writes nothing, so a program can read while ``nianbao crawl`` writes the same archive
(the index is in WAL mode: a reader sees the last committed state and never blocks the writer).
Each iterator reads one consistent snapshot; rows are plain frozen dataclasses, so a caller
needs neither SQL nor sqlite-utils. The shapes follow the exports (``docs/export.md``) and are
documented with a worked example in ``docs/api.md``.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from archive.errors import ArchiveError
from archive.export_rows import require_views
from archive.feeds import newest_stamp, resolve_since, text_rows
from archive.payload import read_payload
from archive.textstore import attach_texts, register_text_functions
from archive.verify import open_index_readonly

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import TracebackType

    from sqlite_utils import Database


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """One version of a logical report (its best rendition), as ``export --table reports``."""

    report_key: str
    site_id: str | None
    organ: str | None
    agency: str | None
    year: int | None
    format: str | None
    status: str | None
    version: int
    newest: bool
    document_sha256: str
    title: str | None
    published: str | None
    parser_version: str | None


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """One stored document (a distinct body); read its bytes with ``read_bytes(sha256)``."""

    sha256: str
    size: int | None
    media_type: str | None
    first_seen: str
    last_seen: str
    first_url: str | None


@dataclass(frozen=True, slots=True)
class TextInfo:
    """A document's newest extraction, as ``export --table texts`` (tables: rows of cells)."""

    document_sha256: str
    report_key: str | None
    media_type: str | None
    extractor: str | None
    extractor_version: str | None
    parsed_at: str
    error: str | None
    text: str | None
    tables: list[list[list[str]]]
    first_capture: dict[str, Any] | None
    latest_capture: dict[str, Any] | None


class ReadOnlyArchive:
    """An archive opened for reading only. Use ``ReadOnlyArchive.open`` (a context manager)."""

    def __init__(self, directory: Path, db: Database):
        self.directory = directory
        self._db = db

    @classmethod
    def open(cls, directory: str | Path) -> ReadOnlyArchive:
        """Open ``directory``'s index read-only; ``ArchiveError`` if it is no archive (yet)."""
        root = Path(directory)
        db = open_index_readonly(root)
        # an index a writer has only just created has no tables yet (they come in one commit)
        if (
            db.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'documents'"
            ).fetchone()
            is None
        ):
            db.close()
            msg = f"{directory} has no archive tables yet"
            raise ArchiveError(msg)
        # nianbao_text(value) and the store attached as `extracted`, for query()
        register_text_functions(db.conn)
        attach_texts(db.conn, root)
        return cls(root, db)

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
        """Close the index. Safe to call twice."""
        self._db.close()

    def reports(
        self, *, site: str | None = None, newest_only: bool = True
    ) -> Iterator[ReportInfo]:
        """Logical reports (the newest version of each, or every version), by key."""
        require_views(self._db, self.directory)
        rows = self._db.execute(
            "SELECT report_key, site_id, organ, agency, year, format, status, version,"
            " is_newest, document_sha256, title, published, parser_version"
            " FROM logical_reports WHERE (? IS NULL OR site_id = ?)"
            " AND (? = 0 OR is_newest = 1) ORDER BY report_key, version",
            [site, site, int(newest_only)],
        ).fetchall()
        for row in rows:
            values = list(row)
            values[8] = bool(values[8])
            yield ReportInfo(*values)

    def documents(self, *, reports_only: bool = False) -> Iterator[DocumentInfo]:
        """Stored documents, oldest first; ``reports_only``: renditions of reports only."""
        where = (
            " WHERE id IN (SELECT document_id FROM report_versions)"
            if reports_only
            else ""
        )
        for row in self._db.execute(
            "SELECT sha256, size, media_type, first_seen, last_seen, first_url"
            f" FROM documents{where} ORDER BY first_seen, sha256"
        ).fetchall():
            yield DocumentInfo(*row)

    def read_bytes(self, sha256: str) -> bytes:
        """The exact bytes of a document, checked against ``sha256``.

        ``UnknownDocumentError`` when no capture holds it, ``IntegrityError`` when its WARC
        record is damaged or does not hash to ``sha256``.
        """
        return read_payload(self._db, self.directory / "warc", sha256).body

    def texts(self, *, since: str | None = None) -> Iterator[TextInfo]:
        """Each document's newest extraction, those written after ``since`` only if given.

        ``since``: a cursor, a crawl id or a time; ``texts_feed`` returns the next cursor too.
        Streamed from one snapshot, held until the iterator is exhausted or closed.
        """
        with self._snapshot():
            after = resolve_since(self._db, since)
            for row in text_rows(self._db, self.directory, after):
                yield TextInfo(**row)

    def texts_feed(self, since: str | None = None) -> tuple[list[TextInfo], str | None]:
        """The texts written after ``since`` and the cursor to pass next time.

        Both are read in one snapshot, so a text written meanwhile is neither lost nor
        delivered twice.
        """
        with self._snapshot():
            after = resolve_since(self._db, since)
            cursor = newest_stamp(self._db, "texts", "created_at", after)
            return [
                TextInfo(**row) for row in text_rows(self._db, self.directory, after)
            ], cursor

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        if (
            self._db.conn.in_transaction
        ):  # already inside one (a texts() being iterated)
            yield
            return
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("ROLLBACK")

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Any read-only SQL on the index (docs/data-model.md), rows as dicts.

        The extraction store is attached as ``extracted`` (when the archive has one), and
        ``nianbao_text(value)`` / ``nianbao_tables(value)`` decode its values.
        """
        cursor = self._db.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
