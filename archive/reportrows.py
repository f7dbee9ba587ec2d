"""The ``reports`` row and ``report_cells`` rows of one parse, written by the index's one writer.

``archive.parse.write_computed`` calls these inside its transaction. They are kept cheap because
a re-parse of the whole archive runs them once per document in a single process: the cells
arrive as rows (``archive.cellrows``, built in the pool worker), the cell ids come from a
``CellIds`` that reads the ``cells`` table once per transaction instead of once per report, and
the rows go in by plain ``INSERT`` statements (no per-call table introspection).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from archive.cellstore import cell_ids, known_cell_ids
from archive.documentids import DOCUMENT_ID
from archive.problemstore import delete_problems, text_ids, write_problems
from archive.schema import utc_now
from archive.sourcesets import source_set_id
from archive.versions import report_key

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlite_utils import Database

    import parsers
    from archive.cellrows import CellRows
    from archive.cellstore import CellKey

_REPORT_COLUMNS = (
    "document_id",  # given as the sha256, looked up in documents (_INSERT_REPORT)
    "site_id",
    "agency",
    "year",
    "format",
    "title",
    "source_url",
    "published",
    "parser_version",
    "status",
    "created_at",
    "report_key",
    "extractor",
    "agency_printed",
    "region_code",
    "region_source",
    "index_no",
    "metadata_sources_id",  # the JSON's id in metadata_source_sets (schema 8)
    "cells_read",
    "cells_digest",
)
_INSERT_REPORT = (
    f"INSERT INTO reports ({', '.join(_REPORT_COLUMNS)})"
    f" VALUES ({DOCUMENT_ID},"
    f" {', '.join('?' for _ in _REPORT_COLUMNS[1:])})"
)
_INSERT_CELLS = (
    "INSERT INTO report_cells (cell_id, report_id, value_number) VALUES (?, ?, ?)"
)
_INSERT_NOTES = (
    "INSERT INTO report_cell_notes (cell_id, report_id, value, problem_id)"
    " VALUES (?, ?, ?, ?)"
)


class CellIds:
    """Cell ids for the writes of one transaction: ``cells`` read once, new keys added.

    Valid only inside the transaction it was made in: a rollback could take back the ids it
    gave to new keys.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._known: dict[CellKey, int] | None = None

    def known(self) -> dict[CellKey, int]:
        """Every cell key with an id so far (the ``cells`` table, read on first use)."""
        if self._known is None:
            self._known = known_cell_ids(self._db)
        return self._known

    def of(self, keys: Iterable[CellKey]) -> dict[CellKey, int]:
        """``known``, with an id given to each of ``keys`` it lacked (``cellstore.cell_ids``)."""
        known = self.known()
        missing = [k for k in keys if k not in known]
        if missing:
            known.update(cell_ids(self._db, missing))
        return known


def insert_report(
    db: Database,
    *,
    sha256: str,
    site_id: str | None,
    url: str,
    document: parsers.Document,
    report: parsers.Report,
    cells: CellRows,
    version: str,
    index_no: str | None,
    ids: CellIds,
) -> int:
    """Insert the ``reports`` row, its ``report_cells`` and problems; returns the report's id."""
    row = (
        sha256,
        site_id,
        report.agency,
        report.year,
        report.format,
        report.title or document.meta.get("title"),
        url,
        # as the page states it (the crawler compares it), else the date the parser read
        document.meta.get("published") or report.published,
        version,
        report.status,
        utc_now(),
        report_key(site_id=site_id, agency=report.agency, year=report.year, url=url),
        document.extractor,
        report.agency_printed,
        report.region_code,
        report.region_source,
        index_no,
        source_set_id(db, json.dumps(report.metadata_sources, ensure_ascii=False)),
        cells.read,
        cells.digest,
    )
    report_id = db.conn.execute(_INSERT_REPORT, row).lastrowid
    if report_id is None:  # pragma: no cover - sqlite3 sets it after an INSERT
        msg = f"inserting the report of {sha256} gave no row id"
        raise AssertionError(msg)
    try:
        rows = _cell_params(ids.known(), report_id, cells)
    except KeyError:  # a cell the archive has no id for yet
        rows = _cell_params(ids.of(key for key, *_ in cells.rows), report_id, cells)
    db.conn.executemany(_INSERT_CELLS, [row[:3] for row in rows])
    noted = [row for row in rows if row[3] is not None or row[4] is not None]
    # a cell's problem kind is an id of problem_texts (schema 8), as a report's problems are
    kinds = text_ids(db, (str(row[4]) for row in noted if row[4] is not None))
    db.conn.executemany(
        _INSERT_NOTES,
        [
            (c, r, value, None if problem is None else kinds[str(problem)])
            for c, r, _, value, problem in noted
        ],
    )
    write_problems(
        db,
        report_id,
        [(p.where, p.kind, p.detail) for p in report.problems],
        ids.known(),
    )
    return report_id


def _cell_params(
    known: dict[CellKey, int], report_id: int, cells: CellRows
) -> list[tuple[object, ...]]:
    return [
        (known[key], report_id, number, value, problem)
        for key, number, value, problem in cells.rows
    ]


def delete_reports(db: Database, sha256: str, version: str) -> None:
    """Delete the ``reports`` rows ``version`` wrote for ``sha256``, their cells and problems."""
    old = f"SELECT id FROM reports WHERE document_id = {DOCUMENT_ID} AND parser_version = ?"
    for (report_id,) in db.execute(old, [sha256, version]).fetchall():
        delete_problems(db, report_id)
        # the key leads with cell_id: one probe per cell id, not a scan of every cell
        for table in ("report_cells", "report_cell_notes"):
            db.execute(
                f"DELETE FROM {table} WHERE cell_id IN (SELECT id FROM cells)"
                " AND report_id = ?",
                [report_id],
            )
    db.execute(
        f"DELETE FROM reports WHERE document_id = {DOCUMENT_ID} AND parser_version = ?",
        [sha256, version],
    )
