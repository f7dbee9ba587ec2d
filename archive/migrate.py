"""Older indexes rewritten in place: the compact layout (schema 5), the small one (6 to 8).

Run by ``schema.ensure_schema`` inside its transaction whenever an archive is opened for
writing (any crawl, ``nianbao reparse``), so a failure leaves the old index untouched. A
read-only command (export, browse, the Python API) cannot convert and refuses an older index
with ``IndexUpgradeRequiredError``, which says how to convert it. Idempotent: each step looks
at what is there (a ``report_values`` *table*, a ``texts.text`` or ``texts.content`` column,
``captures.request_headers``) and does nothing on an index already converted.

- 5: ``report_values`` rows move to ``report_cells`` under integer cell ids
  (``archive.cellstore``); the table and its two indexes are dropped and ``report_values``
  becomes a view. ``texts.text`` and ``texts.tables`` are compressed into ``texts.content``.
- 6: each ``texts.content`` moves to the extraction store ``extracted.sqlite`` beside the index
  (``archive.textstore``), written and committed *before* the column is dropped, under a key
  derived from the content (identical texts of two parser versions become one entry), which
  ``texts.extraction_key`` records; a text the store already holds (schema 5 cached
  extractions there too) is pointed at, not copied; ``captures.request_headers`` is dropped (the WARC request
  record beside each capture's main record holds them verbatim; ``archive.capture_headers``
  reads them). ``response_headers`` stays, and its rows are kept: new captures leave it NULL
  only where the record gives the block back exactly (``capture_headers.is_kept_in_record``).
- 7: each ``reports.problems`` JSON list moves to ``problem_rows`` (``archive.problemstore``;
  a list the rows could not give back exactly raises instead) and the column is dropped;
  ``report_cells.value`` and ``problem`` move to ``report_cell_notes`` (the cells that have
  either) and are dropped;
  ``captures.final_url`` becomes NULL where it equals ``url``. The final URLs are converted
  by the schema version (an index of 6 or older), the rest where the table's shape says so.
  (7 also rebuilt ``documents`` ``WITHOUT ROWID``; 8 rebuilds it again.)
- 8: ``reports.metadata_sources`` (JSON) becomes ``metadata_sources_id``, an id of
  ``metadata_source_sets`` (``archive.sourcesets``: each distinct text once);
  ``report_cell_notes.problem`` becomes ``problem_id``, an id of ``problem_texts`` (the
  table rebuilt where it has the old column; cells moved by 5 or 7 are written so directly);
  ``documents`` gets an integer ``id`` (a rowid table again, the sha256 unique), and
  ``captures``, ``texts``, ``reports`` and ``report_versions`` are rebuilt with ``document_id``
  where they held the sha256 (``captures.sha256``, ``document_sha256``): every row, same ids.
  Converted where ``documents`` has no ``id`` column.

The pages freed stay in the file until it is vacuumed (``VACUUM`` cannot run inside a
transaction): ``ensure_schema`` does that once, after the conversion commits, at the page size
of new indexes (``PAGE_SIZE``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import parsers
from archive.cellstore import (
    NOTES_TABLE,
    cell_ids,
    ensure_cell_tables,
    known_cell_ids,
)
from archive.errors import ArchiveError
from archive.extract_cache import ExtractCache
from archive.problemstore import ensure_problem_tables, parse_problems, write_problems
from archive.sourcesets import ensure_source_sets
from archive.textstore import unpack_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlite_utils import Database

logger = logging.getLogger(__name__)

#: The first schema readers accept: documents named by integer ids (``schema.SCHEMA_VERSION``
#: may be newer).
COMPACT_SCHEMA = 8
#: The schema of ``problem_rows`` and ``captures.final_url`` NULL when equal to ``url``.
SMALL_ROWS_SCHEMA = 7
#: Bytes per page of a new or converted index: small archives waste less of each table's and
#: index's last page than at SQLite's 4096 (the demo's index ~9 % smaller), and one cell across
#: 100k reports reads within a few per cent as fast (3-5 % more CPU; 1024 costs ~12 %: measured
#: once on bench/index_bench.py's index rewritten at each size).
PAGE_SIZE = 2048


class IndexUpgradeRequiredError(ArchiveError):
    """A read-only command met an index written before the current layout (schema 8)."""


def require_compact(db: Database, directory: object) -> None:
    """Refuse an older index where nothing may be written; say how to convert it.

    An index without tables (a writer is creating it) is left to the caller's own check.
    """
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if 0 < version < COMPACT_SCHEMA:
        msg = (
            f"the index of {directory} has schema {version}, written before the current"
            f" layout ({COMPACT_SCHEMA}); open it for writing once (any crawl, or"
            " `nianbao reparse`) to convert it in place"
        )
        raise IndexUpgradeRequiredError(msg)


#: Rows converted per batch when compressing texts (bounded memory on a large index).
_BATCH = 500


def migrate_compact(db: Database, version: int) -> bool:
    """Convert an older index (schema ``version``) in place; True when anything was."""
    ensure_cell_tables(db)
    ensure_problem_tables(db)
    moved = _move_values(db)
    packed = _pack_texts(db)
    stored = _store_texts(db)
    dropped = _drop_header_columns(db)
    problems = _move_problems(db)
    notes = _split_cell_notes(db)
    kinds = _cell_problems_as_ids(db)
    sources = _metadata_sources_as_ids(db)
    urls = _drop_same_final_urls(db) if 0 < version < SMALL_ROWS_SCHEMA else None
    rebuilt = _documents_by_id(db)
    if moved or packed or stored or dropped or rebuilt or urls or problems is not None:
        logger.warning(
            "index converted: %d cell(s) moved, %d text(s) moved to extracted.sqlite,"
            " request headers dropped: %s, %d problem(s) moved to problem_rows,"
            " %d final URL(s) equal to the URL left out, documents numbered: %s",
            moved or 0,
            stored or 0,
            "yes" if dropped else "no",
            problems or 0,
            urls or 0,
            "yes" if rebuilt else "no",
        )
    steps = (moved, packed, stored, problems, notes, kinds, sources, urls)
    return any(step is not None for step in steps) or dropped or rebuilt


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
        "CREATE TEMP TABLE moved_cells (cell_id INTEGER NOT NULL, report_id INTEGER NOT NULL,"
        " value_number INTEGER, value TEXT, problem TEXT,"
        " PRIMARY KEY (cell_id, report_id)) WITHOUT ROWID"
    )
    db.execute(
        """INSERT OR REPLACE INTO temp.moved_cells (cell_id, report_id, value_number, value,
    problem)
SELECT c.id, v.report_id, v.value_number,
    CASE WHEN v.value = CAST(v.value_number AS TEXT) THEN NULL ELSE v.value END, v.problem
FROM report_values v JOIN cells c ON c.section = v.section AND c.row_id = v.row_id
    AND c.column_id = v.column_id
WHERE v.report_id IS NOT NULL
ORDER BY v.rowid"""
    )
    moved = int(db.execute("SELECT changes()").fetchone()[0])
    db.execute(
        "INSERT INTO report_cells (cell_id, report_id, value_number)"
        " SELECT cell_id, report_id, value_number FROM temp.moved_cells"
    )
    _insert_notes(
        db,
        "SELECT cell_id, report_id, value, problem FROM temp.moved_cells"
        " WHERE value IS NOT NULL OR problem IS NOT NULL",
    )
    db.execute("DROP TABLE temp.moved_cells")
    db.execute("DROP TABLE report_values")
    return moved


def _split_cell_notes(db: Database) -> int | None:
    """Schema 7: ``report_cells.value`` and ``problem`` into ``report_cell_notes``.

    Only the cells with either get a row there; the two columns are then dropped from
    ``report_cells`` (two bytes of NULL markers on every other row).
    """
    if "problem" not in db.table("report_cells").columns_dict:
        return None
    _drop_views(db)
    noted = _insert_notes(
        db,
        "SELECT cell_id, report_id, value, problem FROM report_cells"
        " WHERE value IS NOT NULL OR problem IS NOT NULL",
        replace=True,
    )
    db.execute("ALTER TABLE report_cells DROP COLUMN value")
    db.execute("ALTER TABLE report_cells DROP COLUMN problem")
    return noted


def _insert_notes(db: Database, rows: str, *, replace: bool = False) -> int:
    """Insert ``rows`` (cell_id, report_id, value, problem) into ``report_cell_notes``.

    Each problem kind as its id of ``problem_texts`` (schema 8), given one on first sight;
    returns how many rows were written.
    """
    db.execute(
        "INSERT OR IGNORE INTO problem_texts (text)"
        f" SELECT DISTINCT problem FROM ({rows}) WHERE problem IS NOT NULL"
    )
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    db.execute(
        f"{verb} INTO report_cell_notes (cell_id, report_id, value, problem_id)"
        " SELECT n.cell_id, n.report_id, n.value,"
        " (SELECT t.id FROM problem_texts t WHERE t.text = n.problem)"
        f" FROM ({rows}) n"
    )
    return int(db.execute("SELECT changes()").fetchone()[0])


def _cell_problems_as_ids(db: Database) -> int | None:
    """Schema 8: ``report_cell_notes.problem`` as ``problem_id``, an id of ``problem_texts``.

    The few problem kinds a cell can have were spelled out on every noted cell; each is now a
    string of ``problem_texts``, as a report's problems are (``archive.problemstore``). The
    table is rebuilt (``WITHOUT ROWID``, same key) with every row; returns how many.
    """
    if "problem" not in db.table("report_cell_notes").columns_dict:
        return None
    _drop_views(db)
    db.execute("ALTER TABLE report_cell_notes RENAME TO report_cell_notes_old")
    db.execute(NOTES_TABLE)
    moved = _insert_notes(
        db, "SELECT cell_id, report_id, value, problem FROM report_cell_notes_old"
    )
    db.execute("DROP TABLE report_cell_notes_old")
    return moved


def _metadata_sources_as_ids(db: Database) -> int | None:
    """Schema 8: ``reports.metadata_sources`` (JSON) as ``metadata_sources_id``.

    Each distinct JSON text once in ``metadata_source_sets`` (``archive.sourcesets``), the
    reports pointing at it (``schema._upgrade_reports`` added the column), the old column
    dropped; returns how many reports had one.
    """
    if "metadata_sources" not in db.table("reports").columns_dict:
        return None
    _drop_views(db)
    ensure_source_sets(db)
    db.execute(
        "INSERT OR IGNORE INTO metadata_source_sets (sources) SELECT metadata_sources"
        " FROM reports WHERE metadata_sources IS NOT NULL ORDER BY id"
    )
    db.execute(
        "UPDATE reports SET metadata_sources_id = (SELECT s.id FROM metadata_source_sets s"
        " WHERE s.sources = reports.metadata_sources) WHERE metadata_sources IS NOT NULL"
    )
    moved = int(db.execute("SELECT changes()").fetchone()[0])
    db.execute("ALTER TABLE reports DROP COLUMN metadata_sources")
    return moved


def _batches(db: Database, sql: str) -> Iterator[list[Any]]:
    """The rows of ``sql``, ``_BATCH`` at a time, for a conversion in bounded memory.

    ``sql`` orders by the id its first column holds and takes two parameters: the last id
    read (rows after it) and the batch size. Each batch is read once the previous one has been
    handled, so rows it updated on the way are read as they now are.
    """
    last = 0
    while rows := db.execute(sql, [last, _BATCH]).fetchall():
        yield rows
        last = rows[-1][0]


def _pack_texts(db: Database) -> int | None:
    columns = db.table("texts").columns_dict
    if "text" not in columns:
        return None
    _drop_views(db)
    if "content" not in columns:
        db.execute("ALTER TABLE texts ADD COLUMN content BLOB")
    packed = 0
    for rows in _batches(
        db, "SELECT id, text, tables FROM texts WHERE id > ? ORDER BY id LIMIT ?"
    ):
        db.conn.executemany(
            "UPDATE texts SET content = ? WHERE id = ?",
            [
                (None if text is None and tables is None else _packed(text, tables), i)
                for i, text, tables in rows
            ],
        )
        packed += len(rows)
    db.execute("ALTER TABLE texts DROP COLUMN text")
    db.execute("ALTER TABLE texts DROP COLUMN tables")
    return packed


def _packed(text: str | None, tables: str | None) -> bytes:
    try:
        grids = json.loads(tables) if tables else []
    except ValueError:
        grids = []  # a damaged grid column: the text is kept, reparse writes the grids again
    payload = {"text": text, "tables": grids}
    return zlib.compress(json.dumps(payload, ensure_ascii=False).encode())


def index_directory(db: Database) -> Path:
    """The folder of ``db``'s file (the archive); ``ArchiveError`` for an in-memory index."""
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file).parent
    msg = "the index has no file, so no extraction store beside it"
    raise ArchiveError(msg)


def _store_texts(db: Database) -> int | None:
    """Schema 6: ``texts.content`` into ``extracted.sqlite``, then the column dropped."""
    columns = db.table("texts").columns_dict
    if "content" not in columns:
        return None
    _drop_views(db)
    if "extraction_key" not in columns:
        db.execute("ALTER TABLE texts ADD COLUMN extraction_key TEXT")
    store = ExtractCache(index_directory(db))
    moved = 0
    try:
        for rows in _batches(
            db,
            "SELECT t.id, t.document_sha256, t.extractor, t.content, t.meta,"
            " t.encoding, d.media_type FROM texts t"
            " LEFT JOIN documents d ON d.sha256 = t.document_sha256"
            " WHERE t.id > ? AND t.content IS NOT NULL ORDER BY t.id LIMIT ?",
        ):
            keys: list[tuple[str, int]] = []
            for row in rows:
                key = _same_entry(store, row[1], row[3])
                if key is None:
                    key = "schema5-" + hashlib.sha256(row[3]).hexdigest()[:24]
                    # committed before the column is dropped: a failure here raises, and
                    # the index's transaction (still holding every text) rolls back
                    store.put_many([(row[1], _document(*row[2:]))], key, strict=True)
                keys.append((key, row[0]))
            db.conn.executemany(
                "UPDATE texts SET extraction_key = ? WHERE id = ?", keys
            )
            moved += len(rows)
    finally:
        store.close()
    db.execute("ALTER TABLE texts DROP COLUMN content")
    return moved


def _same_entry(store: ExtractCache, sha256: str, content: bytes) -> str | None:
    """The key of an entry the store already holds with this text and these grids, if any.

    Schema 5 kept extractions in the store too (as a cache): the text a ``texts`` row holds is
    usually there already, and pointing at it keeps one copy instead of adding a second.
    """
    wanted = unpack_text(content)
    for key, value in store.entries(sha256):
        try:
            if unpack_text(value) == wanted:
                return key
        except ValueError:
            continue  # a damaged entry: not the one
    return None


def _document(
    extractor: str | None,
    content: bytes,
    meta: str | None,
    encoding: str | None,
    media_type: str | None,
) -> parsers.Document:
    text, grids = unpack_text(content)
    try:
        fields = json.loads(meta) if meta else {}
    except ValueError:
        fields = {}
    return parsers.Document(
        text=text or "",
        tables=tuple(
            parsers.Table(rows=tuple(tuple(r) for r in g), covered=frozenset())
            for g in grids
        ),
        meta=fields if isinstance(fields, dict) else {},
        media_type=media_type or "",
        encoding=encoding,
        extractor=extractor or "",
    )


def _drop_header_columns(db: Database) -> bool:
    """Schema 6: the request headers, which the WARC request records hold, out of ``captures``."""
    columns = db.table("captures").columns_dict
    if "request_headers" not in columns:
        return False
    db.execute("ALTER TABLE captures DROP COLUMN request_headers")
    return True


def _move_problems(db: Database) -> int | None:
    """Schema 7: each ``reports.problems`` list into ``problem_rows``, then the column dropped.

    Every entry is checked to come back exactly (``problemstore.parse_problems``): a list the
    rows could not hold raises, and the transaction keeps the old column.
    """
    if "problems" not in db.table("reports").columns_dict:
        return None
    _drop_views(db)
    cells = known_cell_ids(db)
    moved = 0
    for rows in _batches(
        db, "SELECT id, problems FROM reports WHERE id > ? ORDER BY id LIMIT ?"
    ):
        for report_id, text in rows:
            entries = parse_problems(text, report_id=report_id)
            write_problems(db, report_id, entries, cells)
            moved += len(entries)
    db.execute("ALTER TABLE reports DROP COLUMN problems")
    return moved


#: The tables that name a document, and the column that held its sha256 before schema 8.
DOCUMENT_REFERENCES = (
    ("captures", "sha256"),
    ("texts", "document_sha256"),
    ("reports", "document_sha256"),
    ("report_versions", "document_sha256"),
)


def _documents_by_id(db: Database) -> bool:
    """Schema 8: ``documents`` keyed by an integer ``id``, which the four tables hold instead.

    ``documents`` is rebuilt with ``id INTEGER PRIMARY KEY`` first (its rows numbered in the
    order they were first seen), then each table that named a document by its sha256 is rebuilt
    with ``document_id`` in that column's place (``_with_document_id``): every row kept, under
    the same id. A sha256 a row names that ``documents`` lacks gets a ``documents`` row of its
    own (only the digest), so no row is lost. Converted where ``documents`` has no ``id``.
    """
    if not _is_table(db, "documents") or "id" in db.table("documents").columns_dict:
        return False
    _drop_views(db)
    definitions = ", ".join(
        f'"{row[1]}" {row[2]}'
        for row in db.execute("PRAGMA table_info(documents)").fetchall()
        if row[1] != "sha256"
    )
    db.execute(
        'CREATE TABLE "documents_rebuilt" ("id" INTEGER PRIMARY KEY,'
        f' "sha256" TEXT NOT NULL UNIQUE, {definitions})'
    )
    names = ", ".join(f'"{name}"' for name in db.table("documents").columns_dict)
    db.execute(
        f"INSERT INTO documents_rebuilt ({names}) SELECT {names} FROM documents"
        " ORDER BY first_seen, sha256"
    )
    for table, column in DOCUMENT_REFERENCES:
        if _is_table(db, table):
            db.execute(
                f'INSERT OR IGNORE INTO documents_rebuilt (sha256) SELECT "{column}"'
                f' FROM "{table}" WHERE "{column}" IS NOT NULL ORDER BY rowid'
            )
    db.execute("DROP TABLE documents")
    db.execute("ALTER TABLE documents_rebuilt RENAME TO documents")
    for table, column in DOCUMENT_REFERENCES:
        if _is_table(db, table):
            _with_document_id(db, table, column)
    return True


def _with_document_id(db: Database, table: str, column: str) -> None:
    """Rebuild ``table`` with ``document_id`` (``documents.id``) where ``column`` held the sha256.

    The new table is written from the old one's columns, keys and references
    (``PRAGMA table_info`` and ``foreign_key_list``: whatever a later schema or a merge added),
    its rows copied in rowid order with their ids; the old table's other indexes are made again,
    those on ``column`` are left to ``schema.ensure_schema`` (on ``document_id``).
    """
    info = db.execute(f'PRAGMA table_info("{table}")').fetchall()
    references = {
        row[3]: (row[2], row[4])
        for row in db.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
    }
    keys = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]]
    single = len(keys) == 1
    definitions: list[str] = []
    for _cid, old_name, old_kind, not_null, default, key in info:
        name, kind = (
            ("document_id", "INTEGER") if old_name == column else (old_name, old_kind)
        )
        target = ("documents", "id") if old_name == column else references.get(name)
        definition = f'"{name}" {kind}'
        if key and single:
            definition += " PRIMARY KEY"
        if not_null:
            definition += " NOT NULL"
        if default is not None:
            definition += f" DEFAULT {default}"
        if target is not None:
            definition += f' REFERENCES "{target[0]}"("{target[1]}")'
        definitions.append(definition)
    if not single:
        spelled = ", ".join(f'"{"document_id" if k == column else k}"' for k in keys)
        definitions.append(f"PRIMARY KEY ({spelled})")
    indexes = [
        sql
        for name, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
            " AND sql IS NOT NULL",
            [table],
        ).fetchall()
        if column not in {row[2] for row in db.execute(f'PRAGMA index_info("{name}")')}
    ]
    db.execute(f'CREATE TABLE "{table}_rebuilt" ({", ".join(definitions)})')
    new = ", ".join(
        f'"{"document_id" if row[1] == column else row[1]}"' for row in info
    )
    old = ", ".join(
        f'(SELECT d.id FROM documents d WHERE d.sha256 = t."{column}")'
        if row[1] == column
        else f't."{row[1]}"'
        for row in info
    )
    db.execute(
        f'INSERT INTO "{table}_rebuilt" ({new}) SELECT {old} FROM "{table}" t'
        " ORDER BY t.rowid"
    )
    db.execute(f'DROP TABLE "{table}"')
    db.execute(f'ALTER TABLE "{table}_rebuilt" RENAME TO "{table}"')
    for sql in indexes:
        db.execute(sql)


def _drop_same_final_urls(db: Database) -> int:
    """Schema 7: ``captures.final_url`` NULL where it repeats ``url`` (no redirect)."""
    db.execute(
        "DROP INDEX IF EXISTS idx_captures_redirected"
    )  # made again on the new test
    db.execute("UPDATE captures SET final_url = NULL WHERE final_url = url")
    return int(db.execute("SELECT changes()").fetchone()[0])


def set_page_size(db: Database) -> None:
    """``PAGE_SIZE`` for ``db``, rewriting it (``VACUUM``, outside any transaction).

    WAL mode keeps a file's page size, so the journal goes back to rollback mode for the rewrite
    and returns to WAL afterwards (a new index is empty: instant). Another connection open on
    the file (a reader) makes the switch fail: the index then keeps its page size and its free
    pages, which is no error (a warning; the data is all there).
    """
    mode = str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    try:
        if mode == "wal":
            db.execute("PRAGMA journal_mode=DELETE")
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        db.execute("VACUUM")
    except sqlite3.Error as exc:
        logger.warning("index not rewritten at %d-byte pages: %s", PAGE_SIZE, exc)
    finally:
        if mode == "wal":
            db.execute("PRAGMA journal_mode=WAL")


#: Largest index ``compact_small_index`` rewrites when its writer closes (about a second).
COMPACT_MAX_BYTES = 64 * 1024 * 1024


def compact_small_index(db: Database) -> bool:
    """``VACUUM`` an index of at most ``COMPACT_MAX_BYTES``; True when it was rewritten.

    Rows written one parse at a time leave B-tree pages a third empty on average (a page split
    leaves two half-full pages); rewriting packs them, about a tenth of a small archive's index.
    A larger index is left as it is: the rewrite's time grows with the file. A reader holding
    a transaction makes the rewrite fail; that is no error, the next close tries again.
    """
    pages = int(db.execute("PRAGMA page_count").fetchone()[0])
    size = int(db.execute("PRAGMA page_size").fetchone()[0])
    if pages * size > COMPACT_MAX_BYTES:
        return False
    try:
        db.execute("VACUUM")
    except sqlite3.Error as exc:
        logger.info("index not compacted: %s", exc)
        return False
    return True


def vacuum_index(db: Database) -> None:
    """Rewrite the file without its free pages, at ``PAGE_SIZE`` (takes a while)."""
    set_page_size(db)
