"""Where a document's extracted text lives, and how readers get it back: ``extracted.sqlite``.

The text and table grids of a document are derived data (``nianbao reparse`` extracts them
again from the WARC) and were the largest thing in the index, one copy per parser version. They
now live in one place, the archive's extraction store ``extracted.sqlite``
(``archive.extract_cache``), once per document and *extraction key* (a digest of the extraction
code, its libraries and options): a re-parse with a new parser version but the same extractors
finds the same entry and adds no copy. The index's ``texts`` row (one per document and parser
version) keeps what queries filter by (extractor, error, meta) and ``extraction_key``, which
says which entry of ``extracted.sqlite`` holds its text.

Readers go through ``TextReader`` (exports, feeds, the Python API). SQL reaches the text by
attaching the store and decoding its value with the functions ``register_text_functions`` adds
(``nianbao_text(value)``, ``nianbao_tables(value)``), which the archive's own connections and
``nianbao browse`` register::

    ATTACH 'extracted.sqlite' AS extracted;
    SELECT d.sha256, nianbao_text(x.value) FROM texts t JOIN documents d ON d.id = t.document_id
    JOIN extracted.extracted x ON x.sha256 = d.sha256 AND x.key = t.extraction_key;

The functions also read the ``texts.content`` of index schema 5 (``{"text", "tables"}`` with
plain grids), which the conversion to schema 6 (``archive.migrate``) decodes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import zlib
from typing import TYPE_CHECKING, Any

from archive.extract_cache import FILENAME

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)

Grid = list[list[str]]

#: SQL name under which readers attach the store to an index connection.
ATTACHED = "extracted"


def unpack_text(value: bytes | None) -> tuple[str | None, Grid]:
    """Text and grids of a stored extraction; ``(None, [])`` for none or a kept failure.

    Reads both shapes: an ``extracted.sqlite`` value (grids as ``{"rows", "covered"}``) and a
    schema-5 ``texts.content`` (grids as lists of rows). A value that does not decompress is
    damaged: ``ValueError`` names it as such.
    """
    if value is None:
        return None, []
    try:
        payload: dict[str, Any] = json.loads(zlib.decompress(value))
    except (zlib.error, ValueError, TypeError) as exc:
        msg = f"stored text is not nianbao's compressed extraction ({exc})"
        raise ValueError(msg) from exc
    grids = [
        table["rows"] if isinstance(table, dict) else table
        for table in payload.get("tables") or []
    ]
    return payload.get("text"), grids


def _sql_text(value: bytes | None) -> str | None:
    return unpack_text(value)[0]


def _sql_tables(value: bytes | None) -> str | None:
    if value is None:
        return None
    return json.dumps(unpack_text(value)[1], ensure_ascii=False)


def register_text_functions(conn: sqlite3.Connection) -> None:
    """Add ``nianbao_text(value)`` and ``nianbao_tables(value)`` (JSON) to ``conn``."""
    conn.create_function("nianbao_text", 1, _sql_text, deterministic=True)
    conn.create_function("nianbao_tables", 1, _sql_tables, deterministic=True)


def attach_texts(conn: sqlite3.Connection, directory: Path) -> bool:
    """Attach the archive's store to ``conn`` read-only as ``extracted``; False if there is none.

    ``conn`` must have been opened with URI file names (``uri=True``), as the archive's
    read-only connections are. With the text functions, SQL on the index reads the texts.
    """
    path = directory / FILENAME
    if not path.exists():
        return False
    try:
        conn.execute(f"ATTACH DATABASE ? AS {ATTACHED}", [f"file:{path}?mode=ro"])
    except sqlite3.Error:
        return False
    return True


class TextReader:
    """Texts of one archive read from its ``extracted.sqlite``, opened read-only on first use.

    A missing store (deleted: it is derived data) or a missing entry reads as no text; ``nianbao
    reparse --all`` extracts the documents again and refills it. A store that cannot be read
    reads the same, with a warning.
    """

    def __init__(self, directory: Path) -> None:
        self.path = directory / FILENAME
        self._conn: sqlite3.Connection | None = None
        self._opened = False

    def _connect(self) -> sqlite3.Connection | None:
        if not self._opened:
            self._opened = True
            if self.path.exists():
                try:
                    self._conn = sqlite3.connect(
                        f"file:{self.path}?mode=ro", uri=True, timeout=10.0
                    )
                except sqlite3.Error as exc:
                    logger.warning("texts not readable from %s: %s", self.path, exc)
                    self._conn = None
        return self._conn

    def read(self, sha256: str, key: str | None) -> tuple[str | None, Grid]:
        """Text and grids of ``sha256`` under ``key``; ``(None, [])`` when not stored."""
        conn = self._connect()
        if conn is None or key is None:
            return None, []
        try:
            row = conn.execute(
                "SELECT value FROM extracted WHERE sha256 = ? AND key = ?",
                [sha256, key],
            ).fetchone()
        except sqlite3.Error as exc:
            logger.warning(
                "text of %s not readable from %s: %s", sha256, self.path, exc
            )
            return None, []
        return unpack_text(row[0]) if row else (None, [])

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
        self._conn = None
