"""What ``nianbao crawl`` would do, and why, without doing it (``--dry-run``).

An operator of a national registry needs to see the schedule before it runs: which sites are
due under ``--due`` (never finished a crawl in this archive, or their ``crawl_interval`` has
passed since the last finished one, the rule of ``archive.due_sites``), which are not and when
they will be, and where each crawl would start (pinned 年报 columns, or the start URLs that
discovery begins from). Only the registry and the archive index are read: nothing is fetched
and no host name is resolved. Reads no settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import archive

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime, timedelta
    from pathlib import Path

    from crawler.sites import Site


@dataclass(frozen=True, slots=True)
class PlannedCrawl:
    """One site of the plan: would it be crawled, why, and from where."""

    site_id: str
    due: bool
    reason: str
    start: tuple[str, ...]

    def line(self) -> str:
        """``ID<TAB>crawl|skip<TAB>reason<TAB>start URLs``."""
        verdict = "crawl" if self.due else "skip"
        return f"{self.site_id}\t{verdict}\t{self.reason}\t{' '.join(self.start)}"


def _start(site: Site) -> tuple[str, ...]:
    if (
        site.base_url is not None
    ):  # a local entry served at its own address: show full URLs
        site = site.resolve(None)
    if site.report_columns:
        return tuple(f"column:{url}" for url in site.report_columns)
    return tuple(f"start:{url}" for url in site.start_urls)


def _age(delta: timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    return f"{hours // 24}d{hours % 24}h"


def plan_requested(sites: Iterable[Site]) -> list[PlannedCrawl]:
    """The plan for ``--site``/``--all``: every site given is crawled, because it was asked for."""
    return [PlannedCrawl(s.id, True, "requested", _start(s)) for s in sites]


def plan_due(
    archive_dir: Path, sites: Iterable[Site], *, now: datetime
) -> list[PlannedCrawl]:
    """The plan for ``--due``: every site with whether it is due and the reason, in order."""
    chosen = list(sites)
    intervals = {s.id: s.crawl_interval for s in chosen}
    due = set(archive.due_sites(archive_dir, intervals, now=now))
    finished = archive.last_finished(archive_dir)
    plan = []
    for site in chosen:
        last = finished.get(site.id)
        if last is None:
            reason = "never finished a crawl in this archive"
        elif site.id in due:
            late = now - last - site.crawl_interval
            reason = (
                f"last finished {last:%Y-%m-%d %H:%M}Z; interval "
                f"{_age(site.crawl_interval)} passed {_age(late)} ago"
            )
        else:
            reason = (
                f"last finished {last:%Y-%m-%d %H:%M}Z; due "
                f"{last + site.crawl_interval:%Y-%m-%d %H:%M}Z"
            )
        plan.append(PlannedCrawl(site.id, site.id in due, reason, _start(site)))
    return plan
