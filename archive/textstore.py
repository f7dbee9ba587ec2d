"""Extracted text kept compressed in the index: ``texts.content``, and the functions that read it.

A document's extracted text and table grids were the largest thing in the index after the
cells, and they can always be derived again from the WARC (``nianbao reparse``), so they are
kept as one zlib-compressed JSON object ``{"text": …, "tables": […]}`` per ``texts`` row (about
a third of the plain size on the sample portal's reports). Readers go through ``unpack_text``
(exports, feeds, the Python API); SQL reaches it through the functions ``register_text_functions``
adds to a connection (``nianbao_text(content)`` and ``nianbao_tables(content)``), which the
archive's own connections and ``nianbao browse`` register.
"""

from __future__ import annotations

import json
import zlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Sequence

Grid = list[list[str]]

#: zlib level: 6 (the default) gives within 1 % of 9 on report text, in half the time.
_LEVEL = 6


def pack_text(text: str | None, tables: Sequence[Sequence[Sequence[str]]]) -> bytes:
    """The ``texts.content`` of a text and its table grids."""
    payload = {"text": text, "tables": [[list(r) for r in t] for t in tables]}
    return zlib.compress(json.dumps(payload, ensure_ascii=False).encode(), _LEVEL)


def unpack_text(content: bytes | None) -> tuple[str | None, Grid]:
    """Text and grids of a ``texts.content`` value; ``(None, [])`` for a failed extraction.

    A value that does not decompress is a damaged index: ``ValueError`` names it as such.
    """
    if content is None:
        return None, []
    try:
        payload: dict[str, Any] = json.loads(zlib.decompress(content))
    except (zlib.error, ValueError, TypeError) as exc:
        msg = f"texts.content is not nianbao's compressed text ({exc})"
        raise ValueError(msg) from exc
    return payload.get("text"), payload.get("tables") or []


def _sql_text(content: bytes | None) -> str | None:
    return unpack_text(content)[0]


def _sql_tables(content: bytes | None) -> str | None:
    if content is None:
        return None
    return json.dumps(unpack_text(content)[1], ensure_ascii=False)


def register_text_functions(conn: sqlite3.Connection) -> None:
    """Add ``nianbao_text(content)`` and ``nianbao_tables(content)`` (JSON) to ``conn``."""
    conn.create_function("nianbao_text", 1, _sql_text, deterministic=True)
    conn.create_function("nianbao_tables", 1, _sql_tables, deterministic=True)
