"""Report cells stored small: integer cell ids, one B-tree keyed for "one cell across all reports".

Owns the ``cells`` table (one row per canonical ``section.row.column``, an integer id each), the
``report_cells`` table that holds every read cell as ``(cell_id, report_id, value_number)``,
``report_cell_notes`` that holds the few cells' exact text and problem kind (the kind an id of
``problem_texts``, ``archive.problemstore``, since schema 8), and the
``report_values`` *view* that shows them as before (section, row and column as text, ``value``
and ``problem``). Why this shape:

- a cell's three text ids repeated on every row, plus a rowid, plus two indexes (one by report,
  one covering the one-cell query) made the values ~60 % of the index; integers and a single
  ``WITHOUT ROWID`` B-tree keyed ``(cell_id, report_id)`` hold the same facts in ~13 bytes a cell;
- that key *is* the covering index of "one cell across every report" (a range of the B-tree),
  and "every cell of one report" is one key lookup per cell id (the view joins ``cells`` first,
  ``CROSS JOIN`` telling SQLite's planner to, so it probes ``(cell_id, report_id)`` for each
  of the few hundred ids), never a scan;
- ``value`` keeps the exact text only when it is not the integer's own spelling (money such as
  ``3.50``): the view spells integers back, so ``report_values.value`` reads as it always did;
- that text and the cell's problem kind are NULL for almost every cell, yet two NULL columns
  cost two bytes on each row (~15 % of a row); since schema 7 they live in
  ``report_cell_notes``, one row per cell that has either, under the same key, and a query
  that reads neither never touches that table (the views read them by scalar subqueries).

Cell ids are local to one archive (seeded in codebook order, then given on first sight), so a
program copying rows between archives maps them by ``(section, row_id, column_id)``; inserting
into and deleting from the ``report_values`` view does that (``INSTEAD OF`` triggers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import parsers

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlite_utils import Database

CellKey = tuple[str, str, str]  # (section, row_id, column_id)

#: A cell's exact text and problem kind, only for the cells that have either (schema 7); the
#: kind is an id of ``problem_texts`` (schema 8: the same few kinds were spelled on every row).
NOTES_TABLE = """CREATE TABLE IF NOT EXISTS report_cell_notes (
    cell_id INTEGER NOT NULL REFERENCES cells(id),
    report_id INTEGER NOT NULL REFERENCES reports(id),
    value TEXT,
    problem_id INTEGER REFERENCES problem_texts(id),
    PRIMARY KEY (cell_id, report_id)) WITHOUT ROWID"""

_TABLES = (
    """CREATE TABLE IF NOT EXISTS cells (
    id INTEGER PRIMARY KEY,
    section TEXT NOT NULL,
    row_id TEXT NOT NULL,
    column_id TEXT NOT NULL,
    UNIQUE (section, row_id, column_id))""",
    """CREATE TABLE IF NOT EXISTS report_cells (
    cell_id INTEGER NOT NULL REFERENCES cells(id),
    report_id INTEGER NOT NULL REFERENCES reports(id),
    value_number INTEGER,
    PRIMARY KEY (cell_id, report_id)) WITHOUT ROWID""",
    NOTES_TABLE,
)

#: A column of the cell ``x``'s notes: a scalar subquery, run only when a query reads it (a
#: ``LEFT JOIN`` was probed for every row of ``count(*)`` and ``GROUP BY`` queries too).
NOTE = (
    "(SELECT n.{column} FROM report_cell_notes n"
    " WHERE n.cell_id = x.cell_id AND n.report_id = x.report_id)"
)
#: The problem kind of the cell ``x``, spelled out (``report_cell_notes.problem_id``).
NOTE_PROBLEM = (
    "(SELECT t.text FROM report_cell_notes n JOIN problem_texts t ON t.id = n.problem_id"
    " WHERE n.cell_id = x.cell_id AND n.report_id = x.report_id)"
)

#: The cells as the tables of earlier schemas held them (``cell_id`` orders a report's cells).
REPORT_VALUES_VIEW = f"""CREATE VIEW report_values AS SELECT x.report_id, c.section, c.row_id,
    c.column_id, coalesce({NOTE.format(column="value")}, CAST(x.value_number AS TEXT))
        AS value, x.value_number, {NOTE_PROBLEM} AS problem, x.cell_id
FROM cells c CROSS JOIN report_cells x ON x.cell_id = c.id"""

#: Writes through the view, for SQL written against the table ``report_values`` used to be.
_TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS report_values_insert INSTEAD OF INSERT ON report_values
BEGIN
    INSERT OR IGNORE INTO cells (section, row_id, column_id)
        VALUES (NEW.section, NEW.row_id, NEW.column_id);
    INSERT OR REPLACE INTO report_cells (cell_id, report_id, value_number)
        SELECT c.id, NEW.report_id, NEW.value_number
        FROM cells c WHERE c.section = NEW.section AND c.row_id = NEW.row_id
            AND c.column_id = NEW.column_id;
    DELETE FROM report_cell_notes WHERE report_id = NEW.report_id AND cell_id = (
        SELECT c.id FROM cells c WHERE c.section = NEW.section AND c.row_id = NEW.row_id
            AND c.column_id = NEW.column_id);
    INSERT OR IGNORE INTO problem_texts (text) SELECT NEW.problem
        WHERE NEW.problem IS NOT NULL;
    INSERT INTO report_cell_notes (cell_id, report_id, value, problem_id)
        SELECT c.id, NEW.report_id,
            CASE WHEN NEW.value = CAST(NEW.value_number AS TEXT) THEN NULL ELSE NEW.value END,
            (SELECT t.id FROM problem_texts t WHERE t.text = NEW.problem)
        FROM cells c WHERE c.section = NEW.section AND c.row_id = NEW.row_id
            AND c.column_id = NEW.column_id
            AND (NEW.problem IS NOT NULL OR (NEW.value IS NOT NULL
                AND NEW.value IS NOT CAST(NEW.value_number AS TEXT)));
END""",
    """CREATE TRIGGER IF NOT EXISTS report_values_delete INSTEAD OF DELETE ON report_values
BEGIN
    DELETE FROM report_cells WHERE cell_id = OLD.cell_id AND report_id = OLD.report_id;
    DELETE FROM report_cell_notes WHERE cell_id = OLD.cell_id AND report_id = OLD.report_id;
END""",
)


def ensure_cell_tables(db: Database) -> None:
    """Create ``cells`` and ``report_cells`` (idempotent) and seed ``cells`` from the codebook."""
    for sql in _TABLES:
        db.execute(sql)
    cell_ids(db, ((c.section, c.row_id, c.column_id) for c in parsers.codebook_cells()))


def ensure_report_values_triggers(db: Database) -> None:
    """The write triggers of the ``report_values`` view (dropped whenever the view is)."""
    for sql in _TRIGGERS:
        db.execute(sql)


def cell_ids(db: Database, keys: Iterable[CellKey]) -> dict[CellKey, int]:
    """The id of each cell key, given new ids (in the order met) to keys not seen before."""
    wanted = list(dict.fromkeys(keys))
    known = dict(_known(db))
    missing = [k for k in wanted if k not in known]
    if missing:
        db.conn.executemany(
            "INSERT OR IGNORE INTO cells (section, row_id, column_id) VALUES (?, ?, ?)",
            missing,
        )
        known = dict(_known(db))
    return {k: known[k] for k in wanted}


def known_cell_ids(db: Database) -> dict[CellKey, int]:
    """Every cell key the archive has given an id, with its id."""
    return dict(_known(db))


def _known(db: Database) -> Iterable[tuple[CellKey, int]]:
    for cell_id, section, row_id, column_id in db.execute(
        "SELECT id, section, row_id, column_id FROM cells"
    ).fetchall():
        yield (section, row_id, column_id), cell_id


def stored_value(value: object) -> str | None:
    """The ``report_cells.value`` of a cell: NULL when the number's own spelling says it all.

    >>> stored_value(12), stored_value(None)
    (None, None)
    >>> from decimal import Decimal
    >>> stored_value(Decimal("3.50"))
    '3.50'
    """
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return None
    return str(value)
