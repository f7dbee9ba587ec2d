"""The crawl log: one ``crawls`` row per crawl and one ``events`` row per URL not fetched.

The crawler writes both through ``Archive`` (``crawler.pipelines.ArchivePipeline``), so the
archive alone tells what each crawl did and what it skipped; ``archive.schedule`` and
``archive.stats`` read them back. A crawl still ``running`` when the next writer opens the
archive is marked ``died`` by ``archive.lock.mark_dead_crawls``. ``crawls.worker`` says which
worker ran the crawl (``nianbao crawl --shard`` records the machine and the shard), so captures
keep it when several workers' archives are merged (``archive.merge``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from archive.errors import ArchiveError
from archive.schema import inserted_id, utc_now

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from sqlite_utils import Database


def start_crawl(
    db: Database,
    *,
    sites: Sequence[str],
    settings_digest: str,
    software_version: str,
    worker: str | None = None,
) -> int:
    """Insert a ``crawls`` row with status ``running`` and return its id."""
    row = {
        "worker": worker,
        "started": utc_now(),
        "status": "running",
        "sites": json.dumps(list(sites)),
        "software_version": software_version,
        "settings_digest": settings_digest,
        "stats": "{}",
    }
    with db.atomic():
        return inserted_id(db.table("crawls").insert(row).last_pk)


def finish_crawl(
    db: Database, crawl_id: int, *, status: str, stats: Mapping[str, object]
) -> None:
    """Close a crawl with its final status (``finished``, ``failed`` …) and stats.

    Raises ``ArchiveError`` when no crawl has id ``crawl_id``.
    """
    stats_json = json.dumps(
        dict(stats), ensure_ascii=False, sort_keys=True, default=str
    )
    with db.atomic():
        updated = db.execute(
            "UPDATE crawls SET finished = ?, status = ?, stats = ? WHERE id = ?",
            [utc_now(), status, stats_json, crawl_id],
        ).rowcount
    if updated != 1:
        msg = f"no crawl with id {crawl_id}"
        raise ArchiveError(msg)


def record_event(
    db: Database,
    *,
    crawl_id: int | None,
    site_id: str,
    url: str,
    kind: str,
    detail: str,
    referrer: str | None,
) -> None:
    """Record a URL the crawler did not or could not fetch (offsite, robots, trap …)."""
    row = {
        "crawl_id": crawl_id,
        "site_id": site_id,
        "url": url,
        "kind": kind,
        "detail": detail,
        "referrer": referrer,
        "at": utc_now(),
    }
    with db.atomic():
        db.table("events").insert(row)
