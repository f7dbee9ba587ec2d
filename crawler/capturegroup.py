"""Group commit for the crawl: captures wait a moment and are archived together.

Archiving one capture at a time cost two fsyncs each (the WARC record, then the index commit):
the largest share of what a crawl with archiving pays over a plain crawl. ``CaptureGroup``
collects the captures of one crawl and hands them to ``Archive.store_many`` (one WARC fsync,
one index transaction) when ``size`` captures or ``GROUP_BYTES`` of bodies are waiting, or
``wait`` seconds after the first one arrived, and when the spider closes. Each capture's
Deferred fires only after its group committed, so an item is reported stored (``item_scraped``)
only once its WARC record is on disk and its row committed; a crawl killed with a group
waiting loses only captures nobody was told were stored, and a resumed job fetches them
again (``crawler.resume``). A group that fills up commits at once but reports its captures
in the next reactor turn, all together and in the order they came: the capture that filled
it must not be reported before the ones that waited (an asyncio caller awaiting an already
fired Deferred goes on at once, the others only when the loop wakes them), because stream
parsing relies on that order: an attachment is parsed after the page that links it.
Settings read: none (``ArchivePipeline`` passes
``ARCHIVE_GROUP_SIZE`` and ``ARCHIVE_GROUP_WAIT``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Final, cast

from twisted.internet import defer

from archive import MAX_GROUP, ArchiveError, Capture, StoredCapture

if TYPE_CHECKING:
    from twisted.internet.base import DelayedCall
    from twisted.internet.interfaces import IReactorTime

    from archive import Archive

logger = logging.getLogger(__name__)

#: Bodies waiting in one group at most: Scrapy backs downloads off above 5 MB of items in
#: progress (``SCRAPER_SLOT_MAX_ACTIVE_SIZE``), which a waiting group must not reach.
GROUP_BYTES: Final = 2 * 1024 * 1024

StoreResult = StoredCapture | ArchiveError


class CaptureGroup:
    """Captures of one crawl waiting for their common commit."""

    def __init__(
        self,
        archive: Archive,
        *,
        size: int,
        wait: float,
        clock: IReactorTime | None = None,
    ) -> None:
        self.archive = archive
        self.clock = clock
        self.size = max(1, min(size, MAX_GROUP))
        self.wait = max(0.0, wait)
        self._waiting: list[tuple[Capture, defer.Deferred[StoreResult]]] = []
        self._bytes = 0
        self._timer: DelayedCall | None = None

    def add(self, capture: Capture) -> defer.Deferred[StoreResult]:
        """Queue ``capture``; the Deferred fires with its ``StoredCapture`` or ``ArchiveError``."""
        deferred: defer.Deferred[StoreResult] = defer.Deferred()
        self._waiting.append((capture, deferred))
        self._bytes += len(capture.body)
        if (
            len(self._waiting) >= self.size
            or self._bytes >= GROUP_BYTES
            or not self.wait
        ):
            self._commit(report_now=False)
        elif self._timer is None:
            # zope interfaces type their methods without self: call through Any
            clock: Any = self._clock()
            self._timer = clock.callLater(self.wait, self.flush)
        return deferred

    def flush(self) -> None:
        """Archive every waiting capture now and fire their Deferreds."""
        self._commit(report_now=True)

    def _commit(self, *, report_now: bool) -> None:
        """Archive every waiting capture; fire their Deferreds now or in the next turn."""
        if self._timer is not None and self._timer.active():
            self._timer.cancel()
        self._timer = None
        waiting, self._waiting, self._bytes = self._waiting, [], 0
        if not waiting:
            return
        results: list[StoreResult]
        try:
            results = self.archive.store_many([capture for capture, _ in waiting])
        except ArchiveError as exc:
            results = [exc] * len(waiting)
        deferreds = [deferred for _capture, deferred in waiting]
        if report_now:
            _report(deferreds, results)
        else:
            clock: Any = self._clock()
            clock.callLater(0, _report, deferreds, results)

    def _clock(self) -> IReactorTime:
        if self.clock is None:
            from twisted.internet import reactor  # noqa: PLC0415 (the installed reactor)

            self.clock = cast("IReactorTime", reactor)
        return self.clock

    def __len__(self) -> int:
        return len(self._waiting)


def _report(
    deferreds: list[defer.Deferred[StoreResult]], results: list[StoreResult]
) -> None:
    for deferred, result in zip(deferreds, results, strict=True):
        deferred.callback(result)
