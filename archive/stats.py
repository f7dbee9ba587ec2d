"""``stats``: what the archive holds, per site and in total, for the operator.

Read-only over the index; WARC sizes come from the file system. The result is a plain dict so
the CLI can print it as JSON or as a table without knowing the schema.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive.verify import open_index_readonly
from archive.warc import list_warc_files

if TYPE_CHECKING:
    from sqlite_utils import Database


def stats(directory: str | Path) -> dict[str, Any]:
    """Counts per site and in total.

    Per site: last crawl and its status, captures, documents, logical reports by the status of
    their newest version, parsed documents (``reports``) by status, events by kind. Totals:
    crawls, captures (and revisits, duplicate, not-modified, report and attachment captures),
    documents, parsed documents (and by status), logical reports (and by status), their
    versions, renditions (documents filed) and how many changed (have a version 2), events (and
    by kind), WARC files and bytes.
    """
    root = Path(directory)
    db = open_index_readonly(root)
    try:
        sites: dict[str, dict[str, Any]] = {}
        for site_id in _site_ids(db):
            sites[site_id] = _site_stats(db, site_id)
        warc_files = list_warc_files(root / "warc")
        totals: dict[str, Any] = {
            table: db.table(table).count
            for table in ("crawls", "captures", "documents", "reports", "events")
        }
        totals["revisits"] = _scalar(
            db, "SELECT count(*) FROM captures WHERE warc_record_type = 'revisit'"
        )
        # same payload fetched again (another URL or a later crawl), as opposed to a 304
        totals["duplicate_captures"] = _scalar(
            db,
            "SELECT count(*) FROM captures"
            " WHERE warc_record_type = 'revisit' AND kind != 'not-modified'",
        )
        totals["report_captures"] = _scalar(
            db, "SELECT count(*) FROM captures WHERE kind = 'report'"
        )
        totals["attachment_captures"] = _scalar(
            db, "SELECT count(*) FROM captures WHERE kind = 'attachment'"
        )
        totals["reports_by_status"] = _grouped(
            db, "SELECT status, count(*) FROM reports GROUP BY status"
        )
        totals["events_by_kind"] = _grouped(
            db, "SELECT kind, count(*) FROM events GROUP BY kind"
        )
        totals.update(_version_counts(db))
        totals["not_modified"] = _scalar(
            db, "SELECT count(*) FROM captures WHERE kind = 'not-modified'"
        )
        totals["warc_files"] = len(warc_files)
        totals["warc_bytes"] = sum(
            (root / "warc" / n).stat().st_size for n in warc_files
        )
    finally:
        db.close()
    return {"sites": sites, "totals": totals}


def _site_ids(db: Database) -> list[str]:
    ids = {r[0] for r in db.execute("SELECT DISTINCT site_id FROM captures").fetchall()}
    ids |= {r[0] for r in db.execute("SELECT DISTINCT site_id FROM events").fetchall()}
    for (sites_json,) in db.execute("SELECT sites FROM crawls").fetchall():
        ids.update(json.loads(sites_json or "[]"))
    return sorted(i for i in ids if i is not None)


def _site_stats(db: Database, site_id: str) -> dict[str, Any]:
    # crawls.sites is a JSON list; json_each keeps the match exact (no substring hits)
    last = db.execute(
        "SELECT id, started, finished, status FROM crawls"
        " WHERE EXISTS (SELECT 1 FROM json_each(crawls.sites) WHERE value = ?)"
        " ORDER BY started DESC, id DESC LIMIT 1",
        [site_id],
    ).fetchone()
    return {
        "last_crawl": None
        if last is None
        else {
            "id": last[0],
            "started": last[1],
            "finished": last[2],
            "status": last[3],
        },
        "captures": _scalar(
            db, "SELECT count(*) FROM captures WHERE site_id = ?", site_id
        ),
        "documents": _scalar(
            db,
            "SELECT count(DISTINCT document_id) FROM captures WHERE site_id = ?",
            site_id,
        ),
        "logical_reports": _latest_by_status(db, site_id),
        "reports": _grouped(
            db,
            "SELECT status, count(*) FROM reports WHERE site_id = ? GROUP BY status",
            site_id,
        ),
        "events": _grouped(
            db,
            "SELECT kind, count(*) FROM events WHERE site_id = ? GROUP BY kind",
            site_id,
        ),
    }


def _version_counts(db: Database) -> dict[str, Any]:
    """Logical reports, versions (by content), documents filed, reports with two versions or more.

    Schema 2 and later; a page and its attachment are two documents of one version.
    """
    if "report_versions" not in db.table_names():
        return {}  # a schema-1 index, read-only: upgraded the next time it is opened to write
    return {
        "logical_reports": _scalar(
            db, "SELECT count(DISTINCT report_key) FROM report_versions"
        ),
        "report_versions": _scalar(
            db,
            "SELECT count(*) FROM (SELECT DISTINCT report_key, version FROM report_versions)",
        ),
        "report_documents": _scalar(db, "SELECT count(*) FROM report_versions"),
        "changed_reports": _scalar(
            db,
            "SELECT count(DISTINCT report_key) FROM report_versions WHERE version = 2",
        ),
        # what a reader counts: each logical report once, by its newest version's status
        "logical_reports_by_status": _latest_by_status(db),
    }


def _latest_by_status(db: Database, site_id: str | None = None) -> dict[str, int]:
    """Logical reports by the status of their newest version's best rendition ({} before views)."""
    views = {
        r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")
    }
    if "latest_reports" not in views:
        return {}
    where = "" if site_id is None else " WHERE site_id = ?"
    params = [] if site_id is None else [site_id]
    return _grouped(
        db,
        f"SELECT status, count(*) FROM latest_reports{where} GROUP BY status",
        *params,
    )


def _scalar(db: Database, sql: str, *params: object) -> int:
    return int(db.execute(sql, list(params)).fetchone()[0])


def _grouped(db: Database, sql: str, *params: object) -> dict[str, int]:
    return {str(k): int(n) for k, n in db.execute(sql, list(params)).fetchall()}
