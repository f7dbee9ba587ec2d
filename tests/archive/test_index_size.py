"""The index stays small per cell: a generated index's cells measured with SQLite's ``dbstat``.

Schema 4 spent ~140 bytes a cell (text ids on every row, a rowid, an index by report and a
covering index by cell: bench/index_bench.py measures both layouts); the compact layout keeps a
cell in one ``WITHOUT ROWID`` B-tree. A new index on the cells or text ids back on every row
would show here first.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from archive.cellstore import cell_ids
from archive.schema import ensure_schema

REPORTS = 3000
ROWS = (
    "new_requests",
    "carried_over",
    "disclosed",
    "partially_disclosed",
    "total_handled",
)
COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_organization",
    "legal_service",
    "other_organization",
    "total",
)


def _generated(path):
    db = Database(path)
    ensure_schema(db)
    grid = [("applications", r, c) for r in ROWS for c in COLUMNS]
    with db.conn:
        ids = cell_ids(db, grid)
        db.conn.executemany(
            "INSERT INTO reports (id, document_id, year, format, status)"
            " VALUES (?, ?, 2021, '2021', 'ok')",
            [(i, i) for i in range(1, REPORTS + 1)],
        )
        for i in range(1, REPORTS + 1):  # one report at a time, as archive.parse writes
            db.conn.executemany(
                "INSERT INTO report_cells (cell_id, report_id, value_number)"
                " VALUES (?, ?, ?)",
                [(ids[key], i, (i * n) % 500) for n, key in enumerate(grid)],
            )
    db.close()
    return len(grid) * REPORTS


def _bytes(path, *names):
    con = sqlite3.connect(path)
    try:
        marks = ",".join("?" * len(names))
        return con.execute(
            f"SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN ({marks})",
            names,
        ).fetchone()[0]
    finally:
        con.close()


def test_a_cell_costs_under_twenty_bytes(tmp_path):
    path = tmp_path / "index.sqlite"
    cells = _generated(path)
    on_disk = _bytes(path, "report_cells")
    assert on_disk / cells < 20
    # and nothing else grows with the cells: no index on report_cells besides its key
    con = sqlite3.connect(path)
    indexes = con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'report_cells'"
    ).fetchall()
    con.close()
    assert indexes == []


def test_the_views_read_every_generated_cell(tmp_path):
    path = tmp_path / "index.sqlite"
    cells = _generated(path)
    con = sqlite3.connect(path)
    count = con.execute("SELECT count(*) FROM report_values").fetchone()[0]
    one = con.execute(
        "SELECT count(*) FROM report_values WHERE section = 'applications'"
        " AND row_id = 'new_requests' AND column_id = 'total'"
    ).fetchone()[0]
    con.close()
    assert (count, one) == (cells, REPORTS)
