"""``crawl_status``: the status a crawl's row and exit code get from Scrapy's reason and the stats."""

from __future__ import annotations

from crawler.crawlrow import crawl_status
from crawler.diskfull import DISK_FULL_STAT
from crawler.errors import DISK_FULL

STORED = {"nianbao/archive/captures/report": 3}


def test_a_crawl_that_ended_normally_is_finished():
    assert crawl_status(STORED, "finished") == "finished"


def test_a_disk_that_filled_as_the_crawl_closed_makes_it_disk_full():
    # Scrapy's reason was already `finished` when a group commit or a parse worker's write
    # found the disk full: the job must go on once space is freed, and the exit code say so
    stats = {**STORED, DISK_FULL_STAT: "database or disk is full"}
    assert crawl_status(stats, "finished") == DISK_FULL
    assert crawl_status(stats, DISK_FULL) == DISK_FULL


def test_a_stop_signal_still_wins_over_a_full_disk():
    stats = {**STORED, DISK_FULL_STAT: "No space left on device"}
    assert crawl_status(stats, "shutdown") == "interrupted"


def test_a_crawl_that_stored_nothing_while_downloads_failed_is_failed():
    assert crawl_status({"downloader/exception_count": 4}, "finished") == "failed"
