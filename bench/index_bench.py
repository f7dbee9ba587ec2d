"""One cell across every report: the analysts' view on a generated 100k-report index.

Usage: ``python bench/index_bench.py [--reports N] [--cells C] [--rounds R] [--archive DIR]``.
Builds an index with the archive's own schema (``archive.schema.ensure_schema``: tables, views,
indexes) holding N logical reports of C cells each (one version, one rendition), then times in
interleaved rounds, wall clock:

- ``view``: ``latest_values`` filtered on one cell (``applications.new_requests.total``), the
  query ``docs/export.md`` shows, served by the covering ``report_values(section, row_id,
  column_id, …)`` index and the stored best-rendition flag;
- ``baseline``: the same answer asked the way the index allowed before the views (no cell index:
  ``NOT INDEXED``; each document's newest parse found by a correlated ``max(id)``).

Each is run twice: ``rows`` hands every row to Python (``fetchall``: at 100k rows, building the
tuples costs more than SQLite's work), ``in SQLite`` aggregates there (count and sum), which is
the cost of the query itself; ``view by year`` sums the cell per year. Prints the median of
each, the baseline/view ratios, rows returned, and the index's size per report. ``--archive DIR`` also prints that archive's index size against its WARC files. The
target is a view query under 100 ms at 100k reports; tests never assert times.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sqlite_utils import Database

from archive.schema import ensure_schema
from parsers.report.vocabulary import APPLICANTS

CELL = ("applications", "new_requests", "total")
_VIEW_WHERE = " FROM latest_values WHERE section = ? AND row_id = ? AND column_id = ?"
_BASELINE_FROM = (
    " FROM report_values x NOT INDEXED JOIN reports r ON r.id = x.report_id"
    " WHERE x.section = ? AND x.row_id = ? AND x.column_id = ?"
    " AND r.id = (SELECT max(id) FROM reports WHERE document_sha256 = r.document_sha256)"
)
#: name -> SQL; "rows" queries hand every row to Python, "in SQLite" ones aggregate there.
QUERIES = {
    "view rows": "SELECT site_id, organ, year, value_number" + _VIEW_WHERE,
    "view in SQLite": "SELECT count(*), sum(value_number)" + _VIEW_WHERE,
    "view by year": "SELECT year, sum(value_number)" + _VIEW_WHERE + " GROUP BY year",
    "baseline rows": "SELECT r.site_id, r.agency, r.year, x.value_number"
    + _BASELINE_FROM,
    "baseline in SQLite": "SELECT count(*), sum(x.value_number)" + _BASELINE_FROM,
}
ROWS = (
    "new_requests",
    "carried_over",
    "disclosed",
    "partially_disclosed",
    "total_handled",
)


def build(path: Path, *, reports: int, cells: int) -> None:
    """An index with ``reports`` logical reports of ``cells`` application cells each."""
    db = Database(path)
    ensure_schema(db)
    grid = [("applications", r, c) for r in ROWS for c in APPLICANTS]
    grid += [
        ("applications", f"extra_{i}", "total")
        for i in range(max(0, cells - len(grid)))
    ]
    grid = grid[:cells]
    conn = db.conn
    with conn:
        for start in range(0, reports, 10_000):
            batch = range(start, min(reports, start + 10_000))
            conn.executemany(
                "INSERT INTO reports (id, document_sha256, site_id, agency, year, format,"
                " status, problems, report_key, parser_version)"
                " VALUES (?, ?, ?, ?, ?, '2021', 'ok', '[]', ?, 'bench')",
                [
                    (
                        i + 1,
                        f"{i:064x}",
                        f"site{i % 500}",
                        f"organ{i // 500 % 20}",
                        2014 + i // 10_000 % 10,
                        _key(i),
                    )
                    for i in batch
                ],
            )
            conn.executemany(
                "INSERT INTO report_versions (report_key, document_sha256, first_seen,"
                " version, is_newest, report_id, is_best) VALUES (?, ?, '', 1, 1, ?, 1)",
                [(_key(i), f"{i:064x}", i + 1) for i in batch],
            )
            conn.executemany(
                "INSERT INTO report_values (report_id, section, row_id, column_id, value,"
                " value_number) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (i + 1, s, r, c, str((i + n) % 97), (i + n) % 97)
                    for i in batch
                    for n, (s, r, c) in enumerate(grid)
                ],
            )
    db.close()


def _key(i: int) -> str:
    return f"site{i % 500}:{2014 + i // 10_000 % 10}:organ{i // 500 % 20}"


def timed(db: Database, sql: str) -> tuple[float, int]:
    """Wall-clock seconds to run ``sql`` for ``CELL`` and fetch every row; the row count."""
    started = time.perf_counter()
    rows = db.execute(sql, list(CELL)).fetchall()
    return time.perf_counter() - started, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--cells", type=int, default=35, help="cells per report")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--archive", type=Path, help="also compare this archive's index and WARCs"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nianbao-index-bench-") as tmp:
        path = Path(tmp) / "index.sqlite"
        started = time.perf_counter()
        build(path, reports=args.reports, cells=args.cells)
        print(
            f"built {args.reports:,} reports x {args.cells} cells"
            f" in {time.perf_counter() - started:.1f} s;"
            f" index {path.stat().st_size / 1e6:.1f} MB"
            f" ({path.stat().st_size / args.reports:,.0f} bytes/report)"
        )
        db = Database(path)
        times: dict[str, list[float]] = {name: [] for name in QUERIES}
        counts: dict[str, int] = {}
        for _ in range(args.rounds):  # interleaved: each round runs every query once
            for name, sql in QUERIES.items():
                seconds, count = timed(db, sql)
                times[name].append(seconds)
                counts[name] = count
        db.close()
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, median in medians.items():
        print(
            f"{name:<20} median {median * 1000:8.1f} ms over {args.rounds} rounds,"
            f" {counts[name]:,} rows"
        )
    for kind in ("rows", "in SQLite"):
        ratio = medians[f"baseline {kind}"] / medians[f"view {kind}"]
        print(f"baseline/view ({kind}): {ratio:.1f}x")
    if args.archive:
        index = (args.archive / "index.sqlite").stat().st_size
        warcs = sum(p.stat().st_size for p in (args.archive / "warc").glob("*.warc.gz"))
        print(
            f"{args.archive}: index.sqlite {index / 1e6:.2f} MB, WARC {warcs / 1e6:.2f} MB,"
            f" index/WARC {index / warcs:.2f}"
        )


if __name__ == "__main__":
    main()
