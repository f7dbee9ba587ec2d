"""What ``ArchivePipeline`` records on a crawl's row besides the stats: settings digest, status.

The row itself is the archive's (``Archive.start_crawl``/``finish_crawl``); this module owns the
two values the crawler decides: the digest of the settings a crawl ran with (traceability), and
the final status, where a crawl that stored nothing while every download failed is ``failed``
rather than ``finished``, and one stopped by SIGINT/SIGTERM is ``interrupted``. Kept apart from
the pipeline so that policy reads on its own.

Settings read: none (the pipeline passes the crawl's settings and stats).
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import TYPE_CHECKING, Any

from crawler.diskfull import DISK_FULL_STAT
from crawler.errors import DISK_FULL
from crawler.shutdown import INTERRUPTED

if TYPE_CHECKING:
    from collections.abc import Mapping

logger = logging.getLogger(__name__)

#: Status of a crawl that finished without storing anything while every download failed.
CRAWL_FAILED = "failed"


def settings_digest(settings: dict[str, Any]) -> str:
    """sha256 of the crawl's settings (sorted JSON), stored on the crawl row for traceability."""
    text = json.dumps(settings, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def crawl_status(stats: Mapping[str, Any], reason: str) -> str:
    """``failed`` for a crawl that ended normally but stored nothing while downloads failed.

    ``interrupted`` for a crawl a signal stopped, while fetching (Scrapy's close reason
    ``shutdown``) or in its parse pass. ``disk-full`` for a crawl that found the disk full,
    also when that happened only as it closed. Captures of a resumed job replayed from the
    archive (``crawler.resume``) count as stored.

    A site that was down must not count as crawled: ``--due`` would skip it for a whole
    interval and ``nianbao crawl`` would exit 0.
    """
    # A resumed job replays what its killed crawl stored instead of storing it again: those
    # captures count, or a resume after a kill in the parse pass (everything replayed, the
    # sample portal's planted errors fetched again) would end ``failed`` every time.
    stored = _count(stats, "nianbao/job/replayed-capture") + sum(
        int(value)
        for key, value in stats.items()
        if key.startswith("nianbao/archive/captures/")
    )
    errors = int(stats.get("downloader/exception_count", 0)) + int(
        stats.get("nianbao/events/download-error", 0)
    )
    if reason == "shutdown" or stats.get("nianbao/parse/interrupted"):
        return (
            INTERRUPTED  # stopped by a signal (crawler.shutdown): the next run goes on
        )
    if reason != DISK_FULL and stats.get(DISK_FULL_STAT) is not None:
        # the disk filled after the last download was scheduled (a capture group's commit or
        # a parse worker's write while the crawl was closing): Scrapy's reason is already
        # ``finished``, but captures or parses were lost to the full disk, and the job must
        # go on after space is freed instead of starting afresh
        return DISK_FULL
    if reason == "finished" and stored == 0 and errors > 0:
        logger.error(
            "no page could be fetched (%d download errors): crawl failed", errors
        )
        return CRAWL_FAILED
    return reason


def _count(stats: Mapping[str, Any], key: str) -> int:
    value = stats.get(key, 0)
    return value if isinstance(value, int) else 0
