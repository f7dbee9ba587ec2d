"""Extracted documents kept beside the index, so a re-parse does not extract again.

A parser upgrade (``nianbao reparse`` after a new ``PARSER_VERSION``) re-reads every document,
but extraction is most of the cost (a PDF ~200 CPU-ms, an HTML page ~4 ms, against ~1 ms to
parse its text) and gives the same ``Document`` as long as the extraction code, its libraries
and the options are the same. This cache holds each document's extraction, compressed, keyed by
its sha256 and ``extraction_key`` (a digest of the extractors' source files, the versions of the
libraries they call and the ``ExtractionOptions``): any change to those is a miss, never a stale
hit, with no version number for anyone to forget to bump.

It lives in ``extracted.sqlite`` in the archive folder, never in ``index.sqlite`` (which stays
small), and it is also where the archive keeps each document's extracted text
(``archive.textstore``): an index ``texts`` row names its entry by ``extraction_key``, so
every parse writes its extraction here, whether or not it reused one. SQLite commits make every
write atomic under SIGKILL. All of it is derived from the WARCs: deleting the file (or a damaged
one, which is set aside and started afresh) costs the time to extract again, and until then
(``nianbao reparse --all``) the texts read as empty. Values are JSON (zlib), not pickles: an
archive may come from another machine (``nianbao merge`` copies the entries its texts use).
What is kept: documents, and the failures that depend on the bytes alone (``needs_ocr``,
``encrypted``, ``unsupported_format``, ``decode_failed``); never a time or memory limit, a
tool's failure or a crash, which another run may not meet.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import logging
import sqlite3
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Final

import parsers
from parsers.extract import libreoffice

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

logger = logging.getLogger(__name__)

#: The cache file, beside ``index.sqlite``.
FILENAME: Final = "extracted.sqlite"
#: ``ParseError.reason`` values that depend only on the bytes, so are worth keeping.
KEPT_ERRORS: Final = frozenset(
    {"needs_ocr", "encrypted", "unsupported_format", "decode_failed"}
)
#: Distributions whose version changes what extraction gives.
LIBRARIES: Final = (
    "pdfplumber",
    "pdfminer.six",
    "pypdfium2",
    "python-docx",
    "python-calamine",
    "openpyxl",
    "olefile",
    "lxml",
    "parsel",
    "charset-normalizer",
)
_SCHEMA: Final = (
    "CREATE TABLE IF NOT EXISTS extracted ("
    " sha256 TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL,"
    " PRIMARY KEY (sha256, key)) WITHOUT ROWID"
)

#: A cached extraction: the Document, or the error text ``"<reason>: <message>"``.
Cached = parsers.Document | str


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    package = Path(libreoffice.__file__).parent  # the parsers.extract package
    for path in sorted(
        [
            *package.glob("*.py"),
            Path(parsers.__file__).parent / "model.py",
            Path(__file__),  # this module's own encoding of a Document
        ]
    ):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version};".encode())
    return digest.hexdigest()


def extraction_key(options: parsers.ExtractionOptions) -> str:
    """What an extraction's result depends on besides the bytes, as a short digest."""
    soffice = options.libreoffice and libreoffice.soffice_path() is not None
    text = f"{_code_digest()}|{options!r}|soffice={soffice}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


#: How long opening the store waits for other processes opening or writing it at once.
OPEN_WAIT_S: Final = 10.0


def _while_locked(statement: Callable[[], object]) -> None:
    """Run ``statement``, again while another connection holds the lock, up to ``OPEN_WAIT_S``.

    Switching a new file to WAL (and creating its table) while other parse workers do the same
    can fail at once with "database is locked": SQLite does not call the busy handler for
    every lock those steps take. That is contention, not damage, and must never set the store
    aside (another worker's extractions would go with it).
    """
    deadline = time.monotonic() + OPEN_WAIT_S
    while True:
        try:
            statement()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
        else:
            return


class ExtractCache:
    """``extracted.sqlite`` of one archive: ``get`` many, ``put`` many, one commit per batch."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / FILENAME
        try:
            self._conn = self._open()
        except sqlite3.OperationalError:
            # locked past the wait, disk full, I/O: the store is fine, this open is not
            raise
        except sqlite3.DatabaseError as exc:  # not a database, or malformed
            aside = self.path.with_suffix(".damaged")
            logger.warning(
                "extraction store %s unreadable (%s); set aside as %s and started afresh:"
                " its texts read as empty until `nianbao reparse --all`",
                self.path,
                exc,
                aside.name,
            )
            self.path.replace(aside)
            self._conn = self._open()

    def _open(self) -> sqlite3.Connection:
        # several stream-mode parse workers may keep extractions at once (WAL, busy timeout)
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=OPEN_WAIT_S)
        try:
            _while_locked(lambda: conn.execute("PRAGMA journal_mode=WAL"))
            conn.execute(
                "PRAGMA synchronous=NORMAL"
            )  # a lost tail is a few misses, no harm
            _while_locked(lambda: conn.execute(_SCHEMA))
        except BaseException:
            conn.close()
            raise
        return conn

    def get_many(self, sha256s: list[str], key: str) -> dict[str, Cached]:
        """The cached extractions of ``sha256s`` under ``key`` (misses are absent)."""
        found: dict[str, Cached] = {}
        for sha256, value in self.get_encoded_many(sha256s, key).items():
            try:
                found[sha256] = decode(value)
            except ValueError as exc:
                logger.warning("cached extraction of %s unreadable: %s", sha256, exc)
        return found

    def get_encoded_many(self, sha256s: list[str], key: str) -> dict[str, bytes]:
        """``get_many`` as stored, for a process that decodes them itself (``decode``).

        A re-parse hands these to its pool workers: decoding there spares the one process
        that writes the index, and the bytes travel smaller than a pickled Document.
        """
        found: dict[str, bytes] = {}
        for start in range(0, len(sha256s), 500):
            chunk = sha256s[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = self._conn.execute(
                f"SELECT sha256, value FROM extracted WHERE key = ? AND sha256 IN ({marks})",
                [key, *chunk],
            )
            found.update((sha256, bytes(value)) for sha256, value in rows)
        return found

    def entries(self, sha256: str) -> list[tuple[str, bytes]]:
        """Every (key, value) the store holds for ``sha256``, whatever the extraction key."""
        return [
            (str(key), bytes(value))
            for key, value in self._conn.execute(
                "SELECT key, value FROM extracted WHERE sha256 = ? ORDER BY key",
                [sha256],
            )
        ]

    def put_many(
        self, items: Iterable[tuple[str, Cached]], key: str, *, strict: bool = False
    ) -> None:
        """Keep these extractions (one transaction); errors not in ``KEPT_ERRORS`` are skipped.

        A failed write is a warning (the parse it would speed up is done; the texts it holds
        read as empty until a re-parse), unless ``strict``: then ``sqlite3.Error`` is raised
        (the conversion of an older index, which must not drop texts it could not keep).
        """
        rows = [
            (sha256, key, _encode(value))
            for sha256, value in items
            if not isinstance(value, str) or value.split(":", 1)[0] in KEPT_ERRORS
        ]
        if not rows:
            return
        try:
            self._insert(rows)
        except sqlite3.Error as exc:
            if strict:
                raise
            logger.warning("extractions not kept in %s: %s", self.path, exc)

    def _insert(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        with self._conn:
            self._conn.execute("BEGIN")
            self._conn.executemany(
                "INSERT OR REPLACE INTO extracted (sha256, key, value) VALUES (?, ?, ?)",
                rows,
            )

    def copy_from(self, directory: Path, wanted: Iterable[tuple[str, str]]) -> int:
        """Copy the entries ``wanted`` (sha256, key) that the archive at ``directory`` holds.

        ``nianbao merge``: the texts rows it copies keep pointing at their extractions. Entries
        already here are left alone; the other archive's file is only read. Returns how many
        were copied.
        """
        source = directory / FILENAME
        pairs = sorted(set(wanted))
        if not source.exists() or not pairs:
            return 0
        have = {
            (sha, key)
            for sha, key in self._conn.execute("SELECT sha256, key FROM extracted")
        }
        todo = [p for p in pairs if p not in have]
        with contextlib.closing(
            sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10.0)
        ) as other:
            found = [
                (sha, key, row[0])
                for sha, key in todo
                if (
                    row := other.execute(
                        "SELECT value FROM extracted WHERE sha256 = ? AND key = ?",
                        [sha, key],
                    ).fetchone()
                )
                is not None
            ]
        self._insert(found)
        return len(found)

    def close(self) -> None:
        with contextlib.suppress(
            sqlite3.Error
        ):  # fold the WAL back (see Archive.close)
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.close()


def fold_log(directory: Path) -> None:
    """Fold the cache's write-ahead log back into its file, if the cache exists.

    Parse workers write the cache on their own connections and end without closing them; the
    archive's writer calls this when it closes, so no megabytes of ``-wal`` stay behind.
    """
    path = directory / FILENAME
    if not path.exists():
        return
    with (
        contextlib.suppress(sqlite3.Error),
        contextlib.closing(sqlite3.connect(path)) as conn,
    ):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _encode(value: Cached) -> bytes:
    if isinstance(value, str):
        data: object = {"error": value}
    else:
        data = {
            "text": value.text,
            "tables": [
                {"rows": t.rows, "covered": sorted(t.covered)} for t in value.tables
            ],
            "meta": value.meta,
            "media_type": value.media_type,
            "encoding": value.encoding,
            "extractor": value.extractor,
        }
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode(), 1)


def decode(value: bytes) -> Cached:
    """A stored extraction back; ``ValueError`` when the value is damaged."""
    try:
        return _decode(value)
    except (zlib.error, ValueError, KeyError, TypeError) as exc:
        msg = f"damaged stored extraction ({exc})"
        raise ValueError(msg) from exc


def _decode(value: bytes) -> Cached:
    data = json.loads(zlib.decompress(value))
    if "error" in data:
        return str(data["error"])
    return parsers.Document(
        text=data["text"],
        tables=tuple(
            parsers.Table(
                rows=tuple(tuple(row) for row in table["rows"]),
                covered=frozenset((r, c) for r, c in table["covered"]),
            )
            for table in data["tables"]
        ),
        meta=dict(data["meta"]),
        media_type=data["media_type"],
        encoding=data["encoding"],
        extractor=data["extractor"],
    )
