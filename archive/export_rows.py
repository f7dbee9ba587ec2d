"""The row shapes of the analysts' exports: logical reports, long values, and wide cells.

Each shape has a JSON Schema shipped in the package (``archive/schemas/*-row.schema.json``,
``row_schema(name)``); the tests validate every row written against it.

- ``reports``: one row per logical report *version* (its best rendition, ``archive.renditions``),
  unreadable ones included: ``status`` and ``problems`` say why, and ``renditions`` lists every
  document of the version with its status or extraction error. Cross-year findings
  (``archive.crossyear``) are appended to ``problems`` as kind ``cross_year``.
- ``values``: one row per cell of the newest version's best rendition (every version's with
  ``all_versions``), with the codebook's Chinese labels and the capture it came from.
- ``wide``: one row per logical report (newest version, best rendition), one column per cell id
  of the codebook (``section.row.column``), so a per-organ, per-year sum counts each report once.

Every identifier is derived from content (``report_key``, ``version``, ``document_sha256``),
never from insertion order, so exports from different days and parser runs can be joined.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

import parsers
from archive.crossyear import cross_year_problems
from archive.documentids import DOCUMENT_ID
from archive.errors import ArchiveError
from archive.migrate import require_compact
from archive.problemstore import problems_json

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlite_utils import Database

Row = dict[str, Any]

#: Columns of ``reports`` rows, in order (region_code and level are NULL until the index has them).
REPORT_COLUMNS = (
    "report_key",
    "site_id",
    "region_code",
    "level",
    "organ",
    "agency",
    "agency_printed",
    "year",
    "format",
    "status",
    "problems",
    "title",
    "published",
    "source_urls",
    "fetched_at",
    "version",
    "versions",
    "newest",
    "document_sha256",
    "renditions",
    "parser_version",
    "extractor",
)
VALUE_COLUMNS = (
    "report_key",
    "site_id",
    "region_code",
    "organ",
    "agency",
    "year",
    "format",
    "version",
    "newest",
    "report_status",
    "section",
    "row_id",
    "column_id",
    "section_label",
    "row_label",
    "column_label",
    "value",
    "value_number",
    "problem",
    "document_sha256",
    "capture_url",
    "fetched_at",
    "crawl_id",
    "warc_file",
    "warc_offset",
    "parser_version",
    "extractor",
)
WIDE_KEY_COLUMNS = (
    "report_key",
    "site_id",
    "region_code",
    "organ",
    "agency",
    "year",
    "format",
    "status",
    "version",
    "document_sha256",
)
#: Columns holding lists or objects: JSON in JSON Lines, JSON text in CSV.
NESTED_COLUMNS = frozenset({"problems", "source_urls", "renditions"})


def row_schema(shape: str) -> dict[str, Any]:
    """The JSON Schema of an export row shape: ``report``, ``value``, ``wide``, ``text``, ``manifest``."""
    text = resources.files("archive").joinpath(f"schemas/{shape}-row.schema.json")
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return schema


def require_views(db: Database, directory: object) -> None:
    """Refuse an index written before the analysts' views existed (read-only: cannot add them).

    One written before the compact layout is refused too (``IndexUpgradeRequiredError``).
    """
    require_compact(db, directory)
    names = {
        r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")
    }
    if "logical_reports" not in names:
        msg = (
            f"the index of {directory} predates logical-report exports; open it for"
            " writing once (any crawl, or `nianbao reparse`) to upgrade it"
        )
        raise ArchiveError(msg)


def report_rows(db: Database) -> Iterator[Row]:
    """One row per logical report version, oldest version first within a key."""
    findings = cross_year_problems(db)
    sql = """
SELECT lr.report_key, lr.site_id, lr.region_code, lr.level, lr.organ,
       lr.agency, lr.agency_printed, lr.year, lr.format, lr.status, lr.problems, lr.title, lr.published,
       lr.version,
       (SELECT max(version) FROM report_versions WHERE report_key = lr.report_key) AS versions,
       lr.is_newest AS newest, lr.document_sha256, lr.parser_version, lr.extractor
FROM logical_reports lr ORDER BY lr.report_key, lr.version"""
    cursor = db.execute(sql)
    names = [d[0] for d in cursor.description]
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        key, version = row["report_key"], row["version"]
        renditions = _renditions(db, key, version)
        row["title"], row["published"] = _page_context(
            db, key, version, row["title"], row["published"]
        )
        row["problems"] = json.loads(row["problems"] or "[]")
        if row["newest"]:
            row["problems"] += findings.get(key, [])
        row["newest"] = bool(row["newest"])
        row["source_urls"] = sorted({u for r in renditions for u in r.pop("urls")})
        row["fetched_at"] = _first_fetch(db, row["document_sha256"])
        if row["site_id"] is None:  # a file no parser read: its capture knows the site
            row["site_id"] = _capture_site(db, row["document_sha256"])
        row["renditions"] = renditions
        yield {name: row[name] for name in REPORT_COLUMNS}


def _renditions(db: Database, key: str, version: int) -> list[Row]:
    out: list[Row] = []
    for document_id, sha256, is_best, status, problems, media_type, error in db.execute(
        "SELECT v.document_id, d.sha256, v.is_best, r.status,"
        f" CASE WHEN r.id IS NOT NULL THEN {problems_json('r.id')} END, d.media_type,"
        " (SELECT t.error FROM texts t WHERE t.document_id = v.document_id"
        "  ORDER BY t.id DESC LIMIT 1)"
        " FROM report_versions v LEFT JOIN reports r ON r.id = v.report_id"
        " JOIN documents d ON d.id = v.document_id"
        " WHERE v.report_key = ? AND v.version = ?"
        " ORDER BY v.first_seen, d.sha256",
        [key, version],
    ).fetchall():
        urls = [
            r[0]
            for r in db.execute(
                "SELECT url FROM captures WHERE document_id = ? AND status = 200"
                " GROUP BY url ORDER BY min(fetched_at)",
                [document_id],
            ).fetchall()
        ]
        out.append(
            {
                "sha256": sha256,
                "best": bool(is_best),
                "status": status or "unreadable",
                "media_type": media_type,
                "error": error,
                "reason": _reason(status, problems, error),
                "urls": urls,
            }
        )
    return out


#: Problem kinds that say why cells are missing, most telling first; metadata problems
#: (region_ambiguous, year_mismatch …) come after them.
_CELL_PROBLEMS = (
    "table_not_found",
    "format_mismatch",
    "table_shape",
    "unreadable",
    "missing_cell",
    "rule_violated",
)


def _reason(status: str | None, problems: str | None, error: str | None) -> str | None:
    """Why a rendition is not ``ok``: its extraction error, else its most telling problem."""
    if error:
        return error
    if status == "ok":
        return None
    found = json.loads(problems or "[]")
    if not found:
        return None
    rank = {kind: i for i, kind in enumerate(_CELL_PROBLEMS)}
    first = min(found, key=lambda p: rank.get(p["kind"], len(rank)))
    return f"{first['kind']}: {first['detail']}"


def _page_context(
    db: Database, key: str, version: int, title: str | None, published: str | None
) -> tuple[str | None, str | None]:
    """Title and date of the best rendition, else of another rendition of the version.

    An attachment is often the best rendition and states neither; the page that links it
    does (DESIGN.md: the page lends the attachment its context).
    """
    for other_title, other_published in db.execute(
        "SELECT r.title, r.published FROM report_versions v JOIN reports r"
        " ON r.id = v.report_id JOIN documents d ON d.id = v.document_id"
        " WHERE v.report_key = ? AND v.version = ?"
        " ORDER BY v.is_best DESC, v.first_seen, d.sha256",
        [key, version],
    ).fetchall():
        title = title or other_title
        published = published or other_published
    return title, published


def _capture_site(db: Database, sha256: str) -> str | None:
    row = db.execute(
        "SELECT site_id FROM captures"
        f" WHERE document_id = {DOCUMENT_ID}"
        " ORDER BY id LIMIT 1",
        [sha256],
    ).fetchone()
    return None if row is None else row[0]


def _first_fetch(db: Database, sha256: str) -> str | None:
    row = db.execute(
        "SELECT min(fetched_at) FROM captures"
        f" WHERE document_id = {DOCUMENT_ID} AND status = 200",
        [sha256],
    ).fetchone()
    return None if row is None else row[0]


def value_rows(db: Database, *, all_versions: bool = False) -> Iterator[Row]:
    """One row per cell of the newest (or every) version's best rendition, with labels."""
    where = "" if all_versions else "WHERE lr.is_newest = 1"
    sql = f"""
SELECT lr.report_key, lr.site_id, lr.region_code,
       lr.organ, lr.agency, lr.year, lr.format, lr.version, lr.is_newest, lr.status,
       x.section, x.row_id, x.column_id, ls.label, lr_.label, lc.label,
       x.value, x.value_number, x.problem, lr.document_sha256, c.url, c.fetched_at,
       c.crawl_id, c.warc_file, c.warc_offset, lr.parser_version, lr.extractor
FROM logical_reports lr
JOIN report_values x ON x.report_id = lr.report_id
JOIN reports rd ON rd.id = lr.report_id
LEFT JOIN codebook_cells cb ON cb.format = lr.format AND cb.cell_id = x.cell_id
LEFT JOIN codebook_labels ls ON ls.id = cb.section_label
LEFT JOIN codebook_labels lr_ ON lr_.id = cb.row_label
LEFT JOIN codebook_labels lc ON lc.id = cb.column_label
LEFT JOIN captures c ON c.id = (SELECT min(id) FROM captures
    WHERE document_id = rd.document_id AND warc_record_type = 'response')
{where}
ORDER BY lr.report_key, lr.version, x.cell_id"""
    for row in db.execute(sql):
        item = dict(zip(VALUE_COLUMNS, row, strict=True))
        item["newest"] = bool(item["newest"])
        yield item


def wide_columns() -> list[str]:
    """Key columns, then every cell id of the codebook once (2019 cells first, table order)."""
    cells = list(dict.fromkeys(c.cell_id for c in parsers.codebook_cells()))
    return [*WIDE_KEY_COLUMNS, *cells]


def wide_rows(db: Database) -> Iterator[Row]:
    """One row per logical report: the newest version's best rendition, a column per cell."""
    cells = wide_columns()[len(WIDE_KEY_COLUMNS) :]
    sql = """
SELECT lr.report_key, lr.site_id, lr.region_code,
       lr.organ, lr.agency, lr.year, lr.format, lr.status, lr.version, lr.document_sha256,
       lr.report_id
FROM logical_reports lr WHERE lr.is_newest = 1 ORDER BY lr.report_key"""
    for row in db.execute(sql).fetchall():
        item: Row = dict(zip(WIDE_KEY_COLUMNS, row[:-1], strict=True))
        item.update(dict.fromkeys(cells))
        for section, row_id, column_id, number in db.execute(
            "SELECT section, row_id, column_id, value_number FROM report_values"
            " WHERE report_id = ?",
            [row[-1]],
        ):
            item[f"{section}.{row_id}.{column_id}"] = number
        yield item
