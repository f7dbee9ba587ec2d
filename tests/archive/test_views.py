"""The analysts' views: created on open, idempotent, restored when stale, region level derived."""

from __future__ import annotations

import sqlite3

import parsers
from archive import Archive

from .test_export_logical import AGENCY, built  # noqa: F401 (the fixture)

VIEWS = {
    "report_renditions",
    "logical_reports",
    "latest_reports",
    "latest_values",
    "cross_year_findings",
    "coverage",
}


def _schema(archive_dir):
    con = sqlite3.connect(archive_dir / "index.sqlite")
    try:
        return dict(
            con.execute(
                "SELECT name, sql FROM sqlite_master WHERE type IN ('view', 'index')"
            ).fetchall()
        )
    finally:
        con.close()


def test_reopening_changes_no_view_and_refills_no_codebook(built):  # noqa: F811
    archive_dir, _ = built
    before = _schema(archive_dir)
    assert set(before) >= VIEWS
    with Archive.open(archive_dir, software_version="t") as arch:
        assert arch.db.execute("SELECT count(*) FROM codebook").fetchone()[0] == len(
            parsers.codebook_cells()
        )
    assert _schema(archive_dir) == before


def test_a_stale_view_is_replaced_on_the_next_open(built):  # noqa: F811
    archive_dir, _ = built
    con = sqlite3.connect(archive_dir / "index.sqlite")
    con.execute("DROP VIEW coverage")
    con.execute("CREATE VIEW coverage AS SELECT 1 AS stale")
    con.commit()
    con.close()
    Archive.open(archive_dir, software_version="t").close()
    con = sqlite3.connect(archive_dir / "index.sqlite")
    columns = [d[0] for d in con.execute("SELECT * FROM coverage").description]
    con.close()
    assert "stale" not in columns
    assert columns[:4] == ["site_id", "year", "reports", "coverage"]


def test_latest_reports_give_the_level_of_the_region_code(built):  # noqa: F811
    archive_dir, _ = built
    con = sqlite3.connect(archive_dir / "index.sqlite")
    con.execute("UPDATE reports SET region_code = '110105' WHERE agency = ?", [AGENCY])
    con.commit()
    rows = con.execute(
        "SELECT DISTINCT region_code, level FROM latest_reports WHERE organ = ?",
        [AGENCY],
    ).fetchall()
    con.close()
    assert rows == [("110105", "county")]


def test_one_cell_query_reads_the_covering_index(built):  # noqa: F811
    archive_dir, _ = built
    con = sqlite3.connect(archive_dir / "index.sqlite")
    plan = " ".join(
        row[-1]
        for row in con.execute(
            "EXPLAIN QUERY PLAN SELECT site_id, year, value_number FROM latest_values"
            " WHERE section = 'applications' AND row_id = 'new_requests'"
            " AND column_id = 'total'"
        ).fetchall()
    )
    con.close()
    # the cell's id from its unique key, then a range of report_cells' own key (no table scan)
    assert "SEARCH c USING COVERING INDEX sqlite_autoindex_cells_1" in plan
    assert "SEARCH x USING PRIMARY KEY (cell_id=?)" in plan
    assert "SCAN" not in plan


def test_every_cell_of_one_report_is_a_key_lookup_per_cell(built):  # noqa: F811
    archive_dir, _ = built
    con = sqlite3.connect(archive_dir / "index.sqlite")
    plan = " ".join(
        row[-1]
        for row in con.execute(
            "EXPLAIN QUERY PLAN SELECT section, row_id, column_id, value"
            " FROM report_values WHERE report_id = 1"
        ).fetchall()
    )
    con.close()
    assert "SEARCH x USING PRIMARY KEY (cell_id=? AND report_id=?)" in plan
    assert "SCAN x" not in plan
