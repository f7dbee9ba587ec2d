"""The index rows a merge copies: crawls, documents, captures and events, keyed by content.

Ids are local to one archive (crawl 1 of shard 0 is not crawl 1 of shard 1), so every row is
matched by what it says, never by its id: a crawl by (started, worker, sites, software version,
settings digest), a capture by its crawl and (url, method, status, fetched_at, kind, sha256),
an event by its crawl and (site, url, kind, detail, time), a document by its sha256. A row
already in the output is skipped (merging again adds nothing); new rows are inserted in a
canonical order, by crawl start, then capture time, URL and sha256, so the ids an empty output
gets do not depend on the order the inputs were named in.

Columns are copied as the input has them (``SELECT *``), only ``id`` and the keys that point at
other rows (``crawl_id``, ``warc_file``, ``document_id``) rewritten, so a column added to these
tables later is merged without a change here. A document's id is local too: an input row names
its document by the input's id, read with the document's sha256, and the copy gets the
output's id for that sha256 (``OutputDocuments``). ``canonical_dump`` is the comparison the tests make: every row
of an archive without its local ids, in a fixed order.
"""

from __future__ import annotations

import heapq
import itertools
import json
from typing import TYPE_CHECKING, Any

from archive.errors import ArchiveError
from archive.schema import inserted_id

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

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


#: The documents a merge added, widened or gave captures, kept on disk (a temporary table of
#: the output's connection) rather than in memory: their ``capture_count`` is recounted last.
TOUCHED = "merge_touched"


def start_touched(out: Database) -> None:
    """An empty ``TOUCHED`` table for this merge."""
    out.execute(f"CREATE TEMP TABLE IF NOT EXISTS {TOUCHED} (sha256 TEXT PRIMARY KEY)")
    out.execute(f"DELETE FROM {TOUCHED}")


def merge_documents(out: Database, inputs: list[Database]) -> int:
    """Insert or widen the documents rows; return how many changed or are new (``TOUCHED``).

    A document seen by several workers keeps the earliest ``first_seen`` (with that sighting's
    ``first_url``, size and media type) and the latest ``last_seen``; ``capture_count`` is
    recounted from the merged captures afterwards (``recount_captures``). The inputs are read
    in sha256 order and merged as streams, one document at a time.
    """
    streams = [
        _without_id(db.query("SELECT * FROM documents ORDER BY sha256"))
        for db in inputs
    ]
    changed = 0

    def widened() -> Iterator[Row]:
        nonlocal changed
        merged = heapq.merge(*streams, key=lambda row: str(row["sha256"]))
        for sha256, sightings in itertools.groupby(
            merged, key=lambda row: str(row["sha256"])
        ):
            current = next(
                _without_id(
                    out.query("SELECT * FROM documents WHERE sha256 = ?", [sha256])
                ),
                None,
            )
            best = current
            for row in sightings:
                best = _widen(best, row) if best is not None else dict(row)
            if best is not None and best != current:
                changed += 1
                out.execute(f"INSERT INTO {TOUCHED} (sha256) VALUES (?)", [sha256])
                yield best

    out.table("documents").upsert_all(widened(), pk="sha256", alter=True)
    return changed


def _without_id(found: Iterable[Row]) -> Iterator[Row]:
    """Documents rows without their ``id``, which is local to the archive that holds them."""
    for row in found:
        yield {k: v for k, v in row.items() if k != "id"}


class OutputDocuments:
    """The output's ``documents.id`` of a sha256: what a copied row's ``document_id`` becomes.

    Every document is in the output before any row naming one is copied
    (``merge_documents`` runs first); each id is one look-up in the unique index on sha256.
    """

    def __init__(self, out: Database) -> None:
        self._out = out

    def id_of(self, sha256: str) -> int:
        found = self._out.execute(
            "SELECT id FROM documents WHERE sha256 = ?", [sha256]
        ).fetchone()
        if found is None:
            msg = f"document {sha256} was not merged before the rows that name it"
            raise ArchiveError(msg)
        return int(found[0])

    def renamed(self, row: Row, sha_column: str) -> Row:
        """``row`` (read with its document's sha256 in ``sha_column``) with the output's id."""
        copy = {k: v for k, v in row.items() if k != sha_column}
        copy["document_id"] = self.id_of(str(row[sha_column]))
        return copy


#: An input's rows with the sha256 of the document each names (the id is the input's).
WITH_SHA256 = "SELECT t.*, d.sha256 AS {sha} FROM {table} t JOIN documents d ON d.id = t.document_id"


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
) -> int:
    """Insert the captures the output lacks, in canonical order; return how many.

    ``sources`` pairs each input with the output names of its WARC files (the files are
    copied whole, so offsets and lengths stay as they are). The inputs are read in time order
    and merged as streams (``_in_canonical_order``), so memory does not grow with the archives.
    """
    documents = OutputDocuments(out)
    select = WITH_SHA256.format(sha="sha256", table="captures")
    streams = [
        _with_warc_names(
            _keyed_rows(db, select + " ORDER BY t.fetched_at", CAPTURE_KEY, crawl_ids),
            names,
            documents,
        )
        for db, names in sources
    ]
    before = int(out.execute("SELECT coalesce(max(id), 0) FROM captures").fetchone()[0])
    count = _insert_new(
        out, "captures", CAPTURE_KEY, streams, order=_capture_order, lookup=_CAPTURES_AT
    )
    out.execute(
        f"INSERT OR IGNORE INTO {TOUCHED} (sha256)"
        " SELECT d.sha256 FROM captures c JOIN documents d ON d.id = c.document_id"
        " WHERE c.id > ?",
        [before],
    )
    return count


def merge_events(
    out: Database, inputs: list[Database], crawl_ids: Mapping[Key, int]
) -> int:
    """Insert the events (URLs not fetched) the output lacks; return how many.

    Streamed like the captures (``merge_captures``).
    """
    streams = [
        _keyed_rows(db, "SELECT * FROM events ORDER BY at", EVENT_KEY, crawl_ids)
        for db in inputs
        if db.table("events").exists()
    ]
    return _insert_new(
        out, "events", EVENT_KEY, streams, order=_event_order, lookup=_EVENTS_AT
    )


#: The output's rows that may equal a candidate (found through the tables' indexes), and the
#: candidate's columns they are looked up by.
_CAPTURES_AT = (
    WITH_SHA256.format(sha="sha256", table="captures")
    + " WHERE t.url IS ? AND t.fetched_at IS ?",
    ("url", "fetched_at"),
)
_EVENTS_AT = (
    "SELECT * FROM events WHERE site_id IS ? AND kind IS ? AND at IS ?",
    ("site_id", "kind", "at"),
)

Candidate = tuple[tuple[Key, Key], Row]


def _capture_order(key: tuple[Key, Key]) -> tuple[Any, ...]:
    """A capture's place in the canonical order: time, URL, payload, kind (time first)."""
    capture = key[1]
    return (capture[3], capture[0], capture[5], capture[4], key)


def _event_order(key: tuple[Key, Key]) -> tuple[Any, ...]:
    """An event's place in the canonical order: time, then URL (time first)."""
    event = key[1]
    return (event[4], event[1], key)


def _keyed_rows(
    db: Database, sql: str, names: Sequence[str], crawl_ids: Mapping[Key, int]
) -> Iterator[Candidate]:
    """``db``'s rows of ``sql``, each keyed by its crawl and ``names``, with its output crawl id."""
    keys = crawl_keys(db)
    for row in db.query(sql):
        crawl = keys.get(int(row["crawl_id"] or 0), ())
        copy = {k: v for k, v in row.items() if k != "id"}
        copy["crawl_id"] = crawl_ids.get(crawl)
        yield (crawl, _key(row, names)), copy


def _with_warc_names(
    candidates: Iterator[Candidate],
    names: Mapping[str, str],
    documents: OutputDocuments,
) -> Iterator[Candidate]:
    """Captures pointing at their WARC files' names and their documents' ids in the output."""
    for key, copy in candidates:
        copy["warc_file"] = names[str(copy["warc_file"])]
        yield key, documents.renamed(copy, "sha256")


def _insert_new(
    out: Database,
    table: str,
    names: Sequence[str],
    streams: Sequence[Iterator[Candidate]],
    *,
    order: Callable[[tuple[Key, Key]], tuple[Any, ...]],
    lookup: tuple[str, Sequence[str]],
) -> int:
    """Insert the candidates of ``streams`` that ``table`` lacks, in canonical order; how many.

    A candidate is held already when a row that ``lookup`` finds (by the candidate's values of
    its columns) has the same crawl and the same key (``names``).
    """
    out_keys = crawl_keys(out)
    same_at, at = lookup
    count = 0

    def new_rows() -> Iterator[Row]:
        nonlocal count
        for (crawl, key), copy in _in_canonical_order(streams, order):
            held = any(
                out_keys.get(int(row["crawl_id"] or 0), ()) == crawl
                and _key(row, names) == key
                for row in out.query(same_at, [copy[column] for column in at])
            )
            if not held:
                count += 1
                yield copy

    out.table(table).insert_all(new_rows(), alter=True)
    return count


def _in_canonical_order(
    streams: Sequence[Iterator[Candidate]],
    order: Callable[[tuple[Key, Key]], tuple[Any, ...]],
) -> Iterator[Candidate]:
    """One stream from time-ordered ``streams``: sorted by ``order``, each key once.

    Each stream comes sorted by its rows' time only (what SQLite can sort without a second
    key); rows of one instant, usually one or two, are gathered across the streams and sorted
    by the whole key, so the result is the canonical order whatever order the inputs came in.
    """
    merged = heapq.merge(*streams, key=lambda candidate: order(candidate[0])[0])
    for _instant, group in itertools.groupby(
        merged, key=lambda candidate: order(candidate[0])[0]
    ):
        last: tuple[Key, Key] | None = None
        for key, row in sorted(group, key=lambda candidate: order(candidate[0])):
            if key != last:
                yield key, row
            last = key


def recount_captures(out: Database) -> None:
    """``documents.capture_count`` of the ``TOUCHED`` documents = the merged captures of each."""
    out.execute(
        "UPDATE documents SET capture_count ="
        " (SELECT count(*) FROM captures WHERE captures.document_id = documents.id)"
        f" WHERE sha256 IN (SELECT sha256 FROM {TOUCHED})"
    )


#: Columns a dump leaves out: local ids, and when this archive's rows were written.
_LOCAL = frozenset(
    {
        "id",
        "crawl_id",
        "report_id",
        "cell_id",
        "document_id",
        "metadata_sources_id",
        "created_at",
    }
)


def canonical_dump(db: Database) -> list[str]:
    """Every row of the merged tables and of the parse results, without local ids, sorted.

    Two archives with the same dump hold the same crawls, captures (with their crawl, worker,
    time and WARC position), documents, events, texts, reports, their problems and cells. Rows
    that point at a crawl or a report carry that row's key instead of its id; timestamps of
    the rows' own writing (``created_at``) are left out, they say when a merge or a parse ran.
    """
    crawls = crawl_keys(db)
    documents = {int(row["id"]): row["sha256"] for row in rows(db, "documents")}
    sources = {
        int(row["id"]): row["sources"] for row in rows(db, "metadata_source_sets")
    }
    report_keys = {
        int(row["id"]): (
            documents.get(int(row["document_id"] or 0)),
            row["parser_version"],
        )
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
        "report_problems",
        "report_values",
        "report_versions",
    ):
        for row in rows(db, table):
            kept = {k: _plain(v) for k, v in row.items() if k not in _LOCAL}
            if "crawl_id" in row:
                kept["crawl"] = crawls.get(int(row["crawl_id"] or 0))
            if "report_id" in row:
                kept["report"] = report_keys.get(int(row["report_id"] or 0))
            if "document_id" in row:
                kept["document"] = documents.get(int(row["document_id"] or 0))
            if "metadata_sources_id" in row:
                kept["metadata_sources"] = sources.get(
                    int(row["metadata_sources_id"] or 0)
                )
            lines.append(table + " " + json.dumps(kept, sort_keys=True, default=str))
    return sorted(lines)


def _plain(value: object) -> object:
    return value.hex() if isinstance(value, bytes) else value
