"""``ARCHIVE_PARSE_WORKERS`` caps the ``after`` pass's pool as it caps the ``stream`` mode's."""

from __future__ import annotations

from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from archive.parse import ParseOutcome
from crawler.parsepass import parse_pending, parse_workers
from parsers import DEFAULT_OPTIONS


class _Archive:
    def __init__(self) -> None:
        self.workers: list[int | None] = []

    def parse_documents(self, sha256s, *, options, workers=None):
        self.workers.append(workers)
        return [ParseOutcome(sha256, None, None, "corrupt: test") for sha256 in sha256s]


def test_the_after_pass_runs_in_the_configured_number_of_processes():
    archive = _Archive()
    unparsed = ["a" * 64, "b" * 64]
    stats = MemoryStatsCollector(get_crawler())
    workers = parse_workers(Settings({"ARCHIVE_PARSE_WORKERS": 3}))
    parse_pending(stats, archive, unparsed, options=DEFAULT_OPTIONS, workers=workers)
    assert archive.workers == [3]
    assert unparsed == []
    assert stats.get_value("nianbao/parse/error") == 2
