"""Which sites are due for a crawl: ``due_sites`` and the interval strings of the registry.

Each registry entry has an interval, and ``nianbao crawl --due`` crawls the sites
whose interval has passed since their last *finished* crawl, so one cron line or systemd timer
runs the whole archive. The state is the archive's ``crawls`` table (nothing else to keep in
sync): a crawl that failed, was shut down or died does not count, so the site stays due and the
next run retries it. The clock is an argument, never read here, so tests control it.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from archive.errors import InvalidIntervalError
from archive.schema import TIMESTAMP_FORMAT
from archive.verify import open_index_readonly

if TYPE_CHECKING:
    from collections.abc import Mapping

#: ``crawls.status`` of a crawl that ran to its end (Scrapy's close reason ``finished``).
FINISHED = "finished"

_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
_PART = re.compile(r"(\d+)([wdhms])")
_WHOLE = re.compile(r"(?:\d+[wdhms])+")


def parse_interval(text: str) -> timedelta:
    """A positive interval from ``7d``, ``12h``, ``30m``, ``1w``, ``90s`` or a sum (``1d12h``).

    Raises ``InvalidIntervalError`` (an ``ArchiveError`` and a ``ValueError``) for anything else,
    including zero: a zero interval would crawl a portal on every timer tick.

    >>> parse_interval("1d12h")
    datetime.timedelta(days=1, seconds=43200)
    """
    compact = "".join(text.split()).lower()
    if not _WHOLE.fullmatch(compact):
        msg = f"bad interval {text!r}: use a number and a unit w/d/h/m/s, like 7d, 12h or 30m"
        raise InvalidIntervalError(msg)
    total = timedelta()
    for amount, unit in _PART.findall(compact):
        total += timedelta(**{_UNITS[unit]: int(amount)})
    if total <= timedelta():
        msg = f"bad interval {text!r}: it must be longer than zero"
        raise InvalidIntervalError(msg)
    return total


def last_finished(directory: str | Path) -> dict[str, datetime]:
    """When each site's newest finished crawl finished (sites never finished are absent).

    An archive directory without an index yet has no crawls: the result is empty.
    """
    if not (Path(directory) / "index.sqlite").is_file():
        return {}
    db = open_index_readonly(directory)
    try:
        if "crawls" not in db.table_names():
            return {}
        rows = db.execute(
            "SELECT sites, finished FROM crawls WHERE status = ? AND finished IS NOT NULL",
            [FINISHED],
        ).fetchall()
    finally:
        db.close()
    latest: dict[str, datetime] = {}
    for sites_json, finished in rows:
        when = datetime.strptime(finished, TIMESTAMP_FORMAT).replace(tzinfo=UTC)
        for site_id in json.loads(sites_json or "[]"):
            if site_id not in latest or when > latest[site_id]:
                latest[site_id] = when
    return latest


def due_sites(
    directory: str | Path, intervals: Mapping[str, timedelta], *, now: datetime
) -> list[str]:
    """The sites of ``intervals`` to crawl ``now``, in the mapping's order.

    A site is due when it never finished a crawl in this archive, or when its last finished
    crawl finished at least its interval before ``now``. Sites not in ``intervals`` are never
    due (the registry decides what is crawled). ``now`` must carry a timezone.
    """
    if now.tzinfo is None:
        msg = f"now must be timezone-aware, got {now!r}"
        raise ValueError(msg)
    for site_id, interval in intervals.items():
        if interval <= timedelta():
            msg = (
                f"interval of site {site_id!r} must be longer than zero, got {interval}"
            )
            raise InvalidIntervalError(msg)
    finished = last_finished(directory)
    return [
        site_id
        for site_id, interval in intervals.items()
        if site_id not in finished or now - finished[site_id] >= interval
    ]
