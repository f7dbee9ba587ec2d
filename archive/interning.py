"""Strings stored once in a table of their own, rows holding their integer id.

The index keeps a repeated string (a problem's kind and detail, a report's metadata sources
as JSON) in a two-column table, ``id INTEGER PRIMARY KEY`` and the string ``UNIQUE``, so each
distinct one costs its bytes once; ``string_ids`` gives the ids, adding a row the first time a
string is seen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlite_utils import Database

#: Strings looked up in one ``IN (…)``: under SQLite's bound-parameter limit.
_CHUNK = 500


def string_ids(
    db: Database, table: str, column: str, strings: Iterable[str | None]
) -> dict[str, int]:
    """The id of each string in ``table`` (None skipped), given one on first sight.

    ``table`` and ``column`` are the index's own names, never input.
    """
    wanted = list(dict.fromkeys(s for s in strings if s is not None))
    if not wanted:
        return {}
    db.conn.executemany(
        f"INSERT OR IGNORE INTO {table} ({column}) VALUES (?)", [(s,) for s in wanted]
    )
    found: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        found.update(
            (text, ident)
            for ident, text in db.execute(
                f"SELECT id, {column} FROM {table} WHERE {column} IN ({marks})", chunk
            ).fetchall()
        )
    return found
