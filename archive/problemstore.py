"""A report's problems stored small: rows under integer ids, the JSON list rebuilt by SQL.

Owns ``problem_rows`` (one row per problem: ``report_id``, ``seq`` its place in the list, and
integer ids for its ``where``, ``kind`` and ``detail``), ``problem_texts`` (each distinct string
once) and the ``report_problems`` view that spells them out. Why this shape (index schema 7):
the JSON list ``reports.problems`` used to be the largest column of the index, because a report
that forces a table's cells to 0 or finds them missing lists one problem per cell, each with
the same few kinds and details repeated in full. Here a cell-level ``where``
(``section.row.column``) is the id the cell already has in ``cells``, any other ``where`` and
every kind and detail an id of ``problem_texts``: a problem costs ~15 bytes instead of ~170.

Nothing is lost and SQL still reads it: ``report_problems`` has one row per problem (``report_id,
seq, "where", kind, detail``) and ``problems_json`` gives the SQL expression that rebuilds a
report's list as the very JSON text of earlier schemas, which the rendition views show as
their ``problems`` column. ``seq`` leads nothing but
the key ``(report_id, seq)``, so a report's problems are read in list order.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from archive.errors import ArchiveError
from archive.interning import string_ids

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from sqlite_utils import Database

    from archive.cellstore import CellKey

#: One problem as written: ``(where, kind, detail)``; each a string (NULL kept as NULL).
ProblemEntry = tuple[str | None, str | None, str | None]

_KEYS = ("where", "kind", "detail")

_TABLES = (
    "CREATE TABLE IF NOT EXISTS problem_texts (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)",
    """CREATE TABLE IF NOT EXISTS problem_rows (
    report_id INTEGER NOT NULL REFERENCES reports(id),
    seq INTEGER NOT NULL,
    cell_id INTEGER REFERENCES cells(id),
    where_id INTEGER REFERENCES problem_texts(id),
    kind_id INTEGER REFERENCES problem_texts(id),
    detail_id INTEGER REFERENCES problem_texts(id),
    PRIMARY KEY (report_id, seq)) WITHOUT ROWID""",
)

_TEXT = "(SELECT t.text FROM problem_texts t WHERE t.id = p.{column})"

#: The problems spelled out, one row each (scalar subqueries: the rows stay in key order).
REPORT_PROBLEMS_VIEW = f"""SELECT p.report_id, p.seq,
    CASE WHEN p.cell_id IS NULL THEN {_TEXT.format(column="where_id")}
        ELSE (SELECT c.section || '.' || c.row_id || '.' || c.column_id FROM cells c
            WHERE c.id = p.cell_id) END AS "where",
    {_TEXT.format(column="kind_id")} AS kind,
    {_TEXT.format(column="detail_id")} AS detail
FROM problem_rows p"""


def problems_json(report_id: str) -> str:
    """SQL for the JSON list of the problems of report ``report_id`` (an SQL expression).

    The very text ``reports.problems`` held (Python's ``json.dumps(…, ensure_ascii=False)``,
    ``", "`` and ``": "`` between items): ``json_quote`` escapes a string as ``json.dumps``
    does, so a query comparing the text, or a program reading it, sees no change; ``[]`` for
    a report without problems. The rows are read by the key ``(report_id, seq)`` from one
    table, so ``group_concat`` meets them in list order.
    """
    entry = (
        """'{"where": ' || json_quote(q."where") || ', "kind": ' || json_quote(q.kind)"""
        """ || ', "detail": ' || json_quote(q.detail) || '}'"""
    )
    return (
        f"coalesce((SELECT '[' || group_concat({entry}, ', ') || ']'"
        f" FROM report_problems q WHERE q.report_id = {report_id}), '[]')"
    )


def ensure_problem_tables(db: Database) -> None:
    """Create ``problem_texts`` and ``problem_rows`` (idempotent)."""
    for sql in _TABLES:
        db.execute(sql)


def write_problems(
    db: Database,
    report_id: int,
    problems: Sequence[ProblemEntry],
    cells: Mapping[CellKey, int],
) -> None:
    """Store ``problems`` as the list of ``report_id`` (which has none yet), in this order.

    ``cells`` maps the cell keys the archive has ids for: a ``where`` naming one of them is
    stored as its cell id; any other ``where`` (a section, ``document``, an unknown cell) as
    text. Strings get an id in ``problem_texts`` on first sight.
    """
    if not problems:
        return
    ids = text_ids(
        db,
        (
            s
            for where, kind, detail in problems
            for s in ((where if _cell(where, cells) is None else None), kind, detail)
        ),
    )
    db.conn.executemany(
        "INSERT INTO problem_rows (report_id, seq, cell_id, where_id, kind_id, detail_id)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                report_id,
                seq,
                cell,
                None if cell is not None or where is None else ids[where],
                None if kind is None else ids[kind],
                None if detail is None else ids[detail],
            )
            for seq, (where, kind, detail) in enumerate(problems)
            for cell in (_cell(where, cells),)
        ],
    )


def _cell(where: str | None, cells: Mapping[CellKey, int]) -> int | None:
    if where is None:
        return None
    parts = where.split(".", 2)
    if len(parts) != 3:  # noqa: PLR2004 - section, row, column
        return None
    return cells.get((parts[0], parts[1], parts[2]))


def text_ids(db: Database, texts: Iterable[str | None]) -> dict[str, int]:
    """The ``problem_texts`` id of each string (None skipped), given one on first sight."""
    return string_ids(db, "problem_texts", "text", texts)


def delete_problems(db: Database, report_id: int) -> None:
    """Delete the problems of ``report_id`` (their strings stay: other reports share them)."""
    db.execute("DELETE FROM problem_rows WHERE report_id = ?", [report_id])


def read_problems(db: Database, report_id: int) -> list[dict[str, Any]]:
    """The problems of ``report_id`` as the list of dicts ``reports.problems`` held."""
    return [
        dict(zip(_KEYS, row, strict=True))
        for row in db.execute(
            'SELECT "where", kind, detail FROM report_problems WHERE report_id = ?'
            " ORDER BY seq",
            [report_id],
        ).fetchall()
    ]


def parse_problems(text: str | None, *, report_id: int) -> list[ProblemEntry]:
    """The entries of a stored JSON list (``reports.problems`` of schema 6 and older).

    Only what the new rows can hold back exactly is accepted: a list of objects with the keys
    ``where``, ``kind``, ``detail`` in that order and string (or null) values, which is all
    nianbao ever wrote. Anything else raises ``ArchiveError`` (the conversion then rolls
    back) rather than being stored differently.
    """
    try:
        found = json.loads(text) if text else []
    except ValueError as exc:
        msg = f"report {report_id}: problems are not JSON ({exc})"
        raise ArchiveError(msg) from exc
    if not isinstance(found, list):
        msg = f"report {report_id}: problems are not a JSON list"
        raise ArchiveError(msg)
    entries: list[ProblemEntry] = []
    for item in found:
        if (
            not isinstance(item, dict)
            or tuple(item) != _KEYS
            or not all(v is None or isinstance(v, str) for v in item.values())
        ):
            msg = f"report {report_id}: a problem is not {{where, kind, detail}}: {item!r}"
            raise ArchiveError(msg)
        entries.append((item["where"], item["kind"], item["detail"]))
    return entries
