"""SQL for analysts: views over logical reports, the codebook, and the indexes they filter by.

Called by ``schema.ensure_schema`` each time an archive is opened for writing, inside its
transaction, and idempotent: indexes are created ``if_not_exists``, the codebook's tables are
refilled from ``parsers.codebook_cells`` when it changed (so a new parser's labels reach the
index), and a view is (re)created only when its stored SQL differs from the one here. Views read the columns
``report_versions.report_id`` and ``is_best`` (``archive.versions``), so they cost no window
function and no correlated subquery per row: one cell across 100k reports stays an index range
(bench/index_bench.py).

Views (docs/data-model.md, "Views"):

- ``codebook``: one row per cell and format with its Chinese labels and kind (the table of
  earlier schemas, now spelled out from ``codebook_cells`` and ``codebook_labels``);
- ``report_problems``: every problem of every report, one row each (``archive.problemstore``);
- ``report_renditions``: every document of every logical report version, with its parse (its
  ``problems`` the JSON list, rebuilt from ``report_problems``);
- ``logical_reports``: one row per logical report version (its best rendition);
- ``latest_reports``: one row per logical report (newest version, best rendition);
- ``latest_values``: the cells of ``latest_reports`` with their Chinese labels;
- ``cross_year_findings``: where a report disagrees with the same organ's report of the year
  before (``archive.crossyear`` describes the checks);
- ``coverage``: site × year, ``ok`` / ``partial`` / ``unreadable``, and ``missing`` for a year
  with no report between two years that have one (every year, for a site crawled without any
  report).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import parsers
from archive.cellstore import (
    NOTE,
    NOTE_PROBLEM,
    REPORT_VALUES_VIEW,
    cell_ids,
    ensure_report_values_triggers,
)
from archive.problemstore import REPORT_PROBLEMS_VIEW, problems_json
from archive.versions import ensure_rendition_columns

if TYPE_CHECKING:
    from sqlite_utils import Database

#: What analysts filter by; ``report_versions(report_id)`` is the join from a cell to its version.
INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # one cell across every report needs no index: ``report_cells`` is keyed (cell_id,
    # report_id) and holds the value (archive.cellstore)
    ("reports", ("agency",)),
    ("reports", ("status",)),
    ("reports", ("format",)),
    ("reports", ("year",)),
    # covering: the join from a cell to its version reads no table row
    ("report_versions", ("report_id", "is_best", "is_newest", "report_key")),
    # an attachment's page is found by its referrer (archive.renditions)
    ("captures", ("referrer",)),
)

#: The codebook as stored: each distinct Chinese label once, and per (format, cell id) the ids
#: of its three labels and its kind (count, signed_count or money in 万元; the rules are in
#: ``nianbao codebook``). The ``codebook`` view spells it out as one row per cell and format:
#: as a table with the labels on every row it was the largest fixed part of a small archive.
_CODEBOOK_TABLES = (
    "CREATE TABLE IF NOT EXISTS codebook_labels (id INTEGER PRIMARY KEY, label TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS codebook_cells (
    format TEXT NOT NULL,
    cell_id INTEGER NOT NULL REFERENCES cells(id),
    section_label INTEGER NOT NULL REFERENCES codebook_labels(id),
    row_label INTEGER NOT NULL REFERENCES codebook_labels(id),
    column_label INTEGER NOT NULL REFERENCES codebook_labels(id),
    kind TEXT NOT NULL,
    PRIMARY KEY (format, cell_id)) WITHOUT ROWID""",
)

#: A label of a cell of a report's format (``{label}``: section_label, row_label, column_label).
_LABEL = """(SELECT l.label FROM codebook_cells e JOIN codebook_labels l ON l.id = e.{label}
        WHERE e.format = {format} AND e.cell_id = {cell})"""

#: The organ part of a ``site:year:organ`` key (NULL for ``url:`` keys): it is what a cross-year
#: check matches on, since an organ's name is compared with white space removed.
_ORGAN = (
    "CASE WHEN v.report_key LIKE 'url:%' THEN NULL"
    " ELSE substr(v.report_key, length(coalesce(r.site_id, '')) + 7) END"
)

#: A rendition no parser could read has no ``reports`` row: it is ``unreadable``, its problem
#: is its extraction error, its URL the document's first.
_FAILED_PROBLEMS = (
    "(SELECT json_array(json_object('where', 'document', 'kind', 'extraction_failed',"
    " 'detail', t.error)) FROM texts t WHERE t.document_id = v.document_id"
    " AND t.error IS NOT NULL ORDER BY t.id DESC LIMIT 1)"
)

#: A report's problems as the JSON list (braces doubled: the columns are a format string).
_PROBLEMS = problems_json("r.id").replace("{", "{{").replace("}", "}}")

_RENDITION_COLUMNS = f"""
    v.report_key, v.version, v.is_newest, v.is_best,
    (SELECT d.sha256 FROM documents d WHERE d.id = v.document_id) AS document_sha256,
    v.first_seen,
    r.id AS report_id, r.site_id, {{extra}} {_ORGAN} AS organ, r.agency, r.year, r.format,
    coalesce(r.status, 'unreadable') AS status,
    CASE WHEN r.id IS NULL THEN coalesce({_FAILED_PROBLEMS}, '[]')
        ELSE {_PROBLEMS} END AS problems, r.title,
    coalesce(r.source_url,
        (SELECT d.first_url FROM documents d WHERE d.id = v.document_id))
        AS source_url,
    r.published, r.parser_version, r.extractor
"""


def _views(extra: str) -> dict[str, str]:
    columns = _RENDITION_COLUMNS.format(extra=extra)
    return {
        "codebook": """SELECT e.format, c.section, c.row_id, c.column_id,
    s.label AS section_label, r.label AS row_label, k.label AS column_label, e.kind
FROM codebook_cells e JOIN cells c ON c.id = e.cell_id
JOIN codebook_labels s ON s.id = e.section_label
JOIN codebook_labels r ON r.id = e.row_label
JOIN codebook_labels k ON k.id = e.column_label""",
        "report_values": REPORT_VALUES_VIEW.split(" AS ", 1)[1],
        "report_problems": REPORT_PROBLEMS_VIEW,
        "report_renditions": f"""SELECT {columns}
FROM report_versions v LEFT JOIN reports r ON r.id = v.report_id""",
        # over report_renditions, not a copy of its columns: the schema is stored in the
        # index, and SQLite flattens the nested view (the same query plan)
        "logical_reports": "SELECT * FROM report_renditions WHERE is_best = 1",
        "latest_reports": """SELECT * FROM report_renditions
WHERE is_best = 1 AND is_newest = 1""",
        # labels as scalar subqueries: computed only when a query asks for them (a join
        # would look the codebook up for every row of every query)
        "latest_values": f"""SELECT lr.report_key, lr.site_id, lr.organ, lr.agency, lr.year,
    lr.format, lr.status, c.section, c.row_id, c.column_id,
    {_LABEL.format(label="row_label", format="lr.format", cell="x.cell_id")} AS row_label,
    {_LABEL.format(label="column_label", format="lr.format", cell="x.cell_id")}
        AS column_label,
    coalesce({NOTE.format(column="value")}, CAST(x.value_number AS TEXT)) AS value,
    x.value_number, {NOTE_PROBLEM} AS problem,
    lr.document_sha256, x.report_id
FROM cells c CROSS JOIN report_cells x ON x.cell_id = c.id
JOIN latest_reports lr ON lr.report_id = x.report_id""",
        "cross_year_findings": """SELECT cur.report_key, cur.site_id, cur.organ, cur.year,
    prev.report_key AS previous_key, 'carried_over' AS rule, a.column_id AS cell,
    a.value_number AS value, b.value_number AS expected
FROM latest_reports cur
JOIN latest_reports prev ON prev.site_id = cur.site_id AND prev.organ = cur.organ
    AND prev.year = cur.year - 1
JOIN report_values a ON a.report_id = cur.report_id AND a.section = 'applications'
    AND a.row_id = 'carried_over'
JOIN report_values b ON b.report_id = prev.report_id AND b.section = 'applications'
    AND b.row_id = 'carried_forward' AND b.column_id = a.column_id
WHERE a.value_number IS NOT NULL AND b.value_number IS NOT NULL
    AND a.value_number != b.value_number
UNION ALL
SELECT cur.report_key, cur.site_id, cur.organ, cur.year, prev.report_key, 'in_force',
    f.row_id, f.value_number, p.value_number + i.value_number - d.value_number
FROM latest_reports cur
JOIN latest_reports prev ON prev.site_id = cur.site_id AND prev.organ = cur.organ
    AND prev.year = cur.year - 1 AND prev.format = '2021' AND cur.format = '2021'
JOIN report_values f ON f.report_id = cur.report_id AND f.section = 'active_disclosure'
    AND f.column_id = 'in_force'
JOIN report_values i ON i.report_id = cur.report_id AND i.section = 'active_disclosure'
    AND i.row_id = f.row_id AND i.column_id = 'issued'
JOIN report_values d ON d.report_id = cur.report_id AND d.section = 'active_disclosure'
    AND d.row_id = f.row_id AND d.column_id = 'repealed'
JOIN report_values p ON p.report_id = prev.report_id AND p.section = 'active_disclosure'
    AND p.row_id = f.row_id AND p.column_id = 'in_force'
WHERE f.value_number IS NOT NULL AND i.value_number IS NOT NULL
    AND d.value_number IS NOT NULL AND p.value_number IS NOT NULL
    AND f.value_number != p.value_number + i.value_number - d.value_number""",
        # a site crawled without any report gets every year of the archive's span, missing
        "coverage": """WITH RECURSIVE
dated AS (SELECT * FROM latest_reports WHERE year IS NOT NULL AND site_id IS NOT NULL),
known(site_id) AS (
    SELECT site_id FROM captures WHERE site_id IS NOT NULL
    UNION SELECT j.value FROM crawls, json_each(crawls.sites) j),
span(site_id, year, last) AS (
    SELECT site_id, min(year), max(year) FROM dated GROUP BY site_id
    UNION ALL
    SELECT k.site_id, b.lo, b.hi FROM known k,
        (SELECT min(year) AS lo, max(year) AS hi FROM dated) b
    WHERE b.lo IS NOT NULL AND k.site_id NOT IN (SELECT site_id FROM dated)
    UNION ALL SELECT site_id, year + 1, last FROM span WHERE year < last),
cell AS (
    SELECT site_id, year, count(*) AS reports, sum(status = 'ok') AS ok,
        sum(status = 'unreadable') AS unreadable
    FROM latest_reports WHERE year IS NOT NULL GROUP BY site_id, year),
findings AS (
    SELECT site_id, year, count(*) AS n FROM cross_year_findings GROUP BY site_id, year)
SELECT s.site_id, s.year, coalesce(c.reports, 0) AS reports,
    CASE WHEN c.reports IS NULL THEN 'missing'
        WHEN c.ok = c.reports THEN 'ok'
        WHEN c.unreadable = c.reports THEN 'unreadable'
        ELSE 'partial' END AS coverage,
    coalesce(f.n, 0) AS cross_year_findings
FROM span s LEFT JOIN cell c USING (site_id, year) LEFT JOIN findings f USING (site_id, year)""",
    }


#: The division level of a GB/T 2260 code: ``xx0000`` a province, ``xxxx00`` a city, else a
#: county-level division (the level of the organ's region, not of the organ itself).
_LEVEL = (
    "CASE WHEN r.region_code IS NULL THEN NULL"
    " WHEN r.region_code LIKE '__0000' THEN 'province'"
    " WHEN r.region_code LIKE '____00' THEN 'city' ELSE 'county' END"
)


def optional_report_columns(db: Database) -> list[str]:
    """Metadata columns of ``reports`` that a newer schema adds and the views carry when present."""
    present = {row[1] for row in db.execute("PRAGMA table_info(reports)").fetchall()}
    return [c for c in ("region_code", "agency_printed") if c in present]


def _extra_columns(db: Database) -> str:
    """``region_code``, ``level`` and ``agency_printed`` for the views: NULL until the index has them."""
    present = optional_report_columns(db)
    region = (
        f"r.region_code, {_LEVEL} AS level"
        if "region_code" in present
        else "NULL AS region_code, NULL AS level"
    )
    printed = (
        "r.agency_printed" if "agency_printed" in present else "NULL AS agency_printed"
    )
    return f"{region}, {printed},"


def ensure_views(db: Database) -> None:
    """Rendition columns, indexes, the codebook table and the views; see the module docstring."""
    ensure_rendition_columns(db)
    # the narrower index of the first version of this module: the covering one replaces it
    db.execute("DROP INDEX IF EXISTS idx_report_versions_report_id")
    # schema 8: the primary key's index (report_key, document_id) finds a key's versions
    db.execute("DROP INDEX IF EXISTS idx_report_versions_report_key_version")
    for table, columns in INDEXES:
        db.table(table).create_index(list(columns), if_not_exists=True)
    _fill_codebook(db)
    extra = _extra_columns(db)
    existing = dict(
        db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'").fetchall()
    )
    views = _views(extra)
    # dependants first when dropping, in definition order when creating
    changed = [n for n, sql in views.items() if existing.get(n) != _create(n, sql)]
    if changed:
        for name in reversed(views):
            db.execute(f"DROP VIEW IF EXISTS {name}")
        for name, sql in views.items():
            db.execute(_create(name, sql))
    ensure_report_values_triggers(db)  # its write triggers, dropped with the view


def _create(name: str, sql: str) -> str:
    return f"CREATE VIEW {name} AS {sql}"


def _fill_codebook(db: Database) -> None:
    """``codebook_labels`` and ``codebook_cells`` from ``parsers.codebook_cells``, if changed."""
    if db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'codebook'"
    ).fetchone():
        # an older index's codebook table: the view replaces it (derived from the parser)
        db.execute("DROP TABLE codebook")
    for sql in _CODEBOOK_TABLES:
        db.execute(sql)
    entries = list(parsers.codebook_cells())
    labels = list(
        dict.fromkeys(
            label
            for c in entries
            for label in (c.section_label, c.row_label, c.column_label)
        )
    )
    label_ids = {label: n for n, label in enumerate(labels, 1)}
    ids = cell_ids(db, ((c.section, c.row_id, c.column_id) for c in entries))
    rows = sorted(
        {
            (
                c.format,
                ids[c.section, c.row_id, c.column_id],
                label_ids[c.section_label],
                label_ids[c.row_label],
                label_ids[c.column_label],
                c.kind,
            )
            for c in entries
        }
    )
    stored_labels = db.execute(
        "SELECT id, label FROM codebook_labels ORDER BY id"
    ).fetchall()
    stored = db.execute(
        "SELECT format, cell_id, section_label, row_label, column_label, kind"
        " FROM codebook_cells ORDER BY format, cell_id"
    ).fetchall()
    if [tuple(r) for r in stored_labels] == list(label_ids.items()) and [
        tuple(r) for r in stored
    ] == rows:
        return
    db.execute("DELETE FROM codebook_cells")
    db.execute("DELETE FROM codebook_labels")
    db.conn.executemany(
        "INSERT INTO codebook_labels (id, label) VALUES (?, ?)",
        [(n, label) for label, n in label_ids.items()],
    )
    db.conn.executemany(
        "INSERT INTO codebook_cells (format, cell_id, section_label, row_label,"
        " column_label, kind) VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
