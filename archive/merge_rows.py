"""The index rows a merge copies: crawls, documents, captures and events, keyed by content.

Ids are local to one archive (crawl 1 of shard 0 is not crawl 1 of shard 1), so every row is
matched by what it says, never by its id: a crawl by (started, worker, sites, software version,
settings digest), a capture by its crawl and (url, method, status, fetched_at, kind, sha256),
an event by its crawl and (site, url, kind, detail, time), a document by its sha256. A row
already in the output is skipped (merging again adds nothing); new rows are inserted in a
canonical order, by crawl start, then capture time, URL and sha256, so the ids an empty output
gets do not depend on the order the inputs were named in.

Columns are copied as the input has them (``SELECT *``), only ``id`` and the keys that point at
other rows (``crawl_id``, ``warc_file``) rewritten, so a column added to these tables later is
merged without a change here. ``canonical_dump`` is the comparison the tests make: every row
of an archive without its local ids, in a fixed order.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from archive.schema import inserted_id

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from sqlite_utils import Database

#: What makes a crawl the same crawl in two archives (ids differ).
CRAWL_KEY = ("started", "worker", "sites", "software_version", "settings_digest")
#: What makes a capture the same capture (with its crawl's key).
CAPTURE_KEY = ("url", "method", "status", "fetched_at", "kind", "sha256")
#: What makes an event the same event (with its crawl's key).
EVENT_KEY = ("site_id", "url", "kind", "detail", "at")

Row = dict[str, Any]
Key = tuple[Any, ...]


def rows(db: Database, table: str) -> Iterator[Row]:
    """Every row of ``table`` (or view) as a dict; none when there is no such table."""
    if table in db.view_names():
        return db.view(table).rows
    if not db.table(table).exists():
        return iter(())
    return db.table(table).rows


def _key(row: Mapping[str, Any], names: Iterable[str]) -> Key:
    return tuple("" if row.get(n) is None else str(row[n]) for n in names)


def crawl_keys(db: Database) -> dict[int, Key]:
    """Each crawl id of ``db`` with its content key."""
    return {int(row["id"]): _key(row, CRAWL_KEY) for row in rows(db, "crawls")}


def merge_crawls(out: Database, inputs: list[Database]) -> dict[Key, int]:
    """Insert the inputs' crawls the output lacks (by start time); return key -> output id."""
    known = {key: crawl_id for crawl_id, key in crawl_keys(out).items()}
    new: dict[Key, Row] = {}
    for db in inputs:
        for row in rows(db, "crawls"):
            key = _key(row, CRAWL_KEY)
            if key not in known:
                new.setdefault(key, {k: v for k, v in row.items() if k != "id"})
    for key in sorted(new):
        known[key] = inserted_id(
            out.table("crawls").insert(new[key], alter=True).last_pk
        )
    return known


def merge_documents(out: Database, inputs: list[Database]) -> set[str]:
    """Insert or widen the documents rows; return the sha256s whose row changed or is new.

    A document seen by several workers keeps the earliest ``first_seen`` (with that sighting's
    ``first_url``, size and media type) and the latest ``last_seen``; ``capture_count`` is
    recounted from the merged captures afterwards (``recount_captures``).
    """
    current = {str(row["sha256"]): row for row in rows(out, "documents")}
    merged: dict[str, Row] = {}
    for db in inputs:
        for row in rows(db, "documents"):
            sha256 = str(row["sha256"])
            best = merged.get(sha256) or current.get(sha256)
            merged[sha256] = _widen(best, row) if best is not None else dict(row)
    changed = {sha for sha, row in merged.items() if current.get(sha) != row}
    out.table("documents").upsert_all(
        (merged[sha] for sha in sorted(changed)), pk="sha256", alter=True
    )
    return changed


def _widen(old: Row, new: Row) -> Row:
    """One documents row for two sightings: first of the earliest, last of the latest."""
    first = min(old, new, key=lambda r: (str(r["first_seen"]), str(r["first_url"])))
    return {
        **first,
        "last_seen": max(str(old["last_seen"]), str(new["last_seen"])),
        "capture_count": old["capture_count"],
    }


def merge_captures(
    out: Database,
    sources: Sequence[tuple[Database, Mapping[str, str]]],
    crawl_ids: Mapping[Key, int],
) -> list[str]:
    """Insert the captures the output lacks, in canonical order; return their sha256s.

    ``sources`` pairs each input with the output names of its WARC files (the files are
    copied whole, so offsets and lengths stay as they are).
    """
    out_keys = crawl_keys(out)
    seen = {
        (out_keys.get(int(row["crawl_id"] or 0), ()), _key(row, CAPTURE_KEY))
        for row in rows(out, "captures")
    }
    new: dict[tuple[Key, Key], Row] = {}
    for db, names in sources:
        keys = crawl_keys(db)
        for row in rows(db, "captures"):
            crawl = keys.get(int(row["crawl_id"] or 0), ())
            key = (crawl, _key(row, CAPTURE_KEY))
            if key in seen or key in new:
                continue
            copy = {k: v for k, v in row.items() if k != "id"}
            copy["crawl_id"] = crawl_ids.get(crawl)
            copy["warc_file"] = names[str(row["warc_file"])]
            new[key] = copy
    order = sorted(new, key=lambda k: (k[1][3], k[1][0], k[1][5], k[1][4], k))
    out.table("captures").insert_all((new[k] for k in order), alter=True)
    return [str(new[k]["sha256"]) for k in order]


def merge_events(
    out: Database, inputs: list[Database], crawl_ids: Mapping[Key, int]
) -> int:
    """Insert the events (URLs not fetched) the output lacks; return how many."""
    out_keys = crawl_keys(out)
    seen = {
        (out_keys.get(int(row["crawl_id"] or 0), ()), _key(row, EVENT_KEY))
        for row in rows(out, "events")
    }
    new: dict[tuple[Key, Key], Row] = {}
    for db in inputs:
        keys = crawl_keys(db)
        for row in rows(db, "events"):
            crawl = keys.get(int(row["crawl_id"] or 0), ())
            key = (crawl, _key(row, EVENT_KEY))
            if key not in seen and key not in new:
                copy = {k: v for k, v in row.items() if k != "id"}
                copy["crawl_id"] = crawl_ids.get(crawl)
                new[key] = copy
    order = sorted(new, key=lambda k: (k[1][4], k[1][1], k))
    out.table("events").insert_all((new[k] for k in order), alter=True)
    return len(order)


def recount_captures(out: Database, sha256s: Iterable[str]) -> None:
    """``documents.capture_count`` = the captures of the merged archive holding that payload."""
    out.conn.executemany(
        "UPDATE documents SET capture_count ="
        " (SELECT count(*) FROM captures WHERE sha256 = ?) WHERE sha256 = ?",
        [(sha, sha) for sha in sha256s],
    )


#: Columns a dump leaves out: local ids, and when this archive's rows were written.
_LOCAL = frozenset({"id", "crawl_id", "report_id", "cell_id", "created_at"})


def canonical_dump(db: Database) -> list[str]:
    """Every row of the merged tables and of the parse results, without local ids, sorted.

    Two archives with the same dump hold the same crawls, captures (with their crawl, worker,
    time and WARC position), documents, events, texts, reports and cells. Rows that point at
    a crawl or a report carry that row's key instead of its id; timestamps of the rows' own
    writing (``created_at``) are left out, they say when a merge or a parse ran.
    """
    crawls = crawl_keys(db)
    report_keys = {
        int(row["id"]): (row["document_sha256"], row["parser_version"])
        for row in rows(db, "reports")
    }
    lines = []
    for table in (
        "crawls",
        "documents",
        "captures",
        "events",
        "texts",
        "reports",
        "report_values",
        "report_versions",
    ):
        for row in rows(db, table):
            kept = {k: _plain(v) for k, v in row.items() if k not in _LOCAL}
            if "crawl_id" in row:
                kept["crawl"] = crawls.get(int(row["crawl_id"] or 0))
            if "report_id" in row:
                kept["report"] = report_keys.get(int(row["report_id"] or 0))
            lines.append(table + " " + json.dumps(kept, sort_keys=True, default=str))
    return sorted(lines)


def _plain(value: object) -> object:
    return value.hex() if isinstance(value, bytes) else value
