"""Schema 5: an index written by an older nianbao, rewritten in the compact layout.

Run by ``schema.ensure_schema`` inside its transaction whenever an archive is opened for
writing (any crawl, ``nianbao reparse``), so a failure leaves the old index untouched. A
read-only command (export, browse, the Python API) cannot convert and refuses an older index
with ``IndexUpgradeRequiredError``, which says how to convert it. Idempotent: each step looks at what is there (a ``report_values`` *table*, a
``texts.text`` column) and does nothing on an index already converted.

- ``report_values`` rows move to ``report_cells`` under integer cell ids (``archive.cellstore``);
  the table and its two indexes are dropped and ``report_values`` becomes a view.
- ``texts.text`` and ``texts.tables`` are compressed into ``texts.content``
  (``archive.textstore``) and the two columns dropped.

The pages freed stay in the file until it is vacuumed (``VACUUM`` cannot run inside a
transaction): ``ensure_schema`` does that once, after the conversion commits.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from archive.cellstore import cell_ids, ensure_cell_tables
from archive.errors import ArchiveError
from archive.textstore import pack_text

if TYPE_CHECKING:
    from sqlite_utils import Database

logger = logging.getLogger(__name__)

#: The first schema with the compact layout (``schema.SCHEMA_VERSION`` may be newer).
COMPACT_SCHEMA = 5


class IndexUpgradeRequiredError(ArchiveError):
    """A read-only command met an index written before the compact layout (schema 5)."""


def require_compact(db: Database, directory: object) -> None:
    """Refuse an older index where nothing may be written; say how to convert it.

    An index without tables (a writer is creating it) is left to the caller's own check.
    """
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if 0 < version < COMPACT_SCHEMA:
        msg = (
            f"the index of {directory} has schema {version}, written before the compact"
            f" layout ({COMPACT_SCHEMA}); open it for writing once (any crawl, or"
            " `nianbao reparse`) to convert it in place"
        )
        raise IndexUpgradeRequiredError(msg)


#: Rows converted per batch when compressing texts (bounded memory on a large index).
_BATCH = 500


def migrate_compact(db: Database) -> bool:
    """Convert an older index's cells and texts in place; True when anything was converted."""
    ensure_cell_tables(db)
    moved = _move_values(db)
    packed = _pack_texts(db)
    if moved or packed:
        logger.warning(
            "index converted to the compact layout: %d cell(s) moved, %d text(s) compressed",
            moved,
            packed,
        )
    return moved is not None or packed is not None


def _is_table(db: Database, name: str) -> bool:
    row = db.execute("SELECT type FROM sqlite_master WHERE name = ?", [name]).fetchone()
    return row is not None and row[0] == "table"


def _drop_views(db: Database) -> None:
    """Views name the old columns; ``archive.views.ensure_views`` creates them again."""
    for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'view'"
    ).fetchall():
        db.execute(f"DROP VIEW IF EXISTS [{name}]")


def _move_values(db: Database) -> int | None:
    if not _is_table(db, "report_values"):
        return None
    _drop_views(db)
    keys = db.execute(
        "SELECT DISTINCT section, row_id, column_id FROM report_values"
    ).fetchall()
    cell_ids(db, (tuple(k) for k in keys))
    # old rows of one (report, cell) pair: the last written wins, as the view shows one
    db.execute(
        """INSERT OR REPLACE INTO report_cells (cell_id, report_id, value_number, value, problem)
SELECT c.id, v.report_id, v.value_number,
    CASE WHEN v.value = CAST(v.value_number AS TEXT) THEN NULL ELSE v.value END, v.problem
FROM report_values v JOIN cells c ON c.section = v.section AND c.row_id = v.row_id
    AND c.column_id = v.column_id
WHERE v.report_id IS NOT NULL
ORDER BY v.rowid"""
    )
    moved = int(db.execute("SELECT changes()").fetchone()[0])
    db.execute("DROP TABLE report_values")
    return moved


def _pack_texts(db: Database) -> int | None:
    columns = {row[1] for row in db.execute("PRAGMA table_info(texts)").fetchall()}
    if "text" not in columns:
        return None
    _drop_views(db)
    if "content" not in columns:
        db.execute("ALTER TABLE texts ADD COLUMN content BLOB")
    packed = 0
    last = 0
    while True:
        rows = db.execute(
            "SELECT id, text, tables FROM texts WHERE id > ? ORDER BY id LIMIT ?",
            [last, _BATCH],
        ).fetchall()
        if not rows:
            break
        db.conn.executemany(
            "UPDATE texts SET content = ? WHERE id = ?",
            [
                (None if text is None and tables is None else _packed(text, tables), i)
                for i, text, tables in rows
            ],
        )
        packed += len(rows)
        last = rows[-1][0]
    db.execute("ALTER TABLE texts DROP COLUMN text")
    db.execute("ALTER TABLE texts DROP COLUMN tables")
    return packed


def _packed(text: str | None, tables: str | None) -> bytes:
    try:
        grids = json.loads(tables) if tables else []
    except ValueError:
        grids = []  # a damaged grid column: the text is kept, reparse writes the grids again
    return pack_text(text, grids)


def vacuum_index(db: Database) -> None:
    """Rewrite the file without its free pages (outside any transaction; takes a while)."""
    db.execute("VACUUM")
