"""A ``ParseFeed`` with no archive or pool behind it, and the stats it counts into."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from crawler.parsefeed import ParseFeed
from parsers import ExtractionOptions

if TYPE_CHECKING:
    from collections.abc import Callable


class Stats:
    """The one method of Scrapy's stats collector a feed uses."""

    def __init__(self) -> None:
        self.values: Counter[str] = Counter()

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] += count


def make_feed(
    *, workers: int = 1, on_disk_full: Callable[[BaseException], None] | None = None
) -> tuple[ParseFeed, Stats]:
    stats = Stats()
    archive = type("A", (), {"directory": Path("/nonexistent")})()
    feed = ParseFeed(
        archive,  # type: ignore[arg-type]
        stats,  # type: ignore[arg-type]
        options=ExtractionOptions(),
        workers=workers,
        on_disk_full=on_disk_full,
    )
    return feed, stats
