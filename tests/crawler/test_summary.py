"""The operator summary of a crawl: figures, log line, crawls.stats, CLI."""

from __future__ import annotations

import json
import logging

import sqlite_utils
from click.testing import CliRunner
from scrapy.utils.test import get_crawler

from crawler.cli import cli, run
from crawler.extensions import SUMMARY_STAT, CrawlSummary
from crawler.items import EventItem
from crawler.pipelines import ArchivePipeline
from crawler.spiders.portal import PortalSpider

STATS = {
    "nianbao/archive/documents/new": 5,
    "nianbao/archive/versions/new": 2,
    "nianbao/archive/documents/duplicate": 9,  # 7 of them the 304s below
    "nianbao/incremental/not-modified": 7,
    "nianbao/incremental/skipped/report": 40,
    "nianbao/incremental/skipped/attachment": 3,
    "nianbao/incremental/pages-skipped": 11,
    "nianbao/events/download-error": 2,
    "nianbao/events/trap": 1,
    "nianbao/events/offsite": 30,
    "nianbao/events/robots": 4,
    "downloader/response_bytes": 123456,
}


def test_summary_counts_unchanged_as_304s_identical_payloads_and_skips():
    summary = CrawlSummary.from_stats(STATS)
    assert summary.new_documents == 5
    assert summary.new_versions == 2
    assert (summary.not_modified, summary.identical, summary.skipped) == (7, 2, 54)
    assert summary.unchanged == 63
    assert summary.bytes_downloaded == 123456


def test_offsite_and_robots_events_are_not_errors():
    summary = CrawlSummary.from_stats(STATS)
    assert summary.errors == (("download-error", 2), ("trap", 1))
    assert summary.as_dict()["errors"] == {"download-error": 2, "trap": 1}


def test_summary_line_names_every_figure():
    line = CrawlSummary.from_stats(STATS).line()
    assert line == (
        "new documents 5, new versions 2, unchanged 63 (304 7, identical 2, "
        "skipped 54), errors: download-error 2, trap 1, bytes 123456"
    )


def test_empty_stats_give_zeros_and_no_errors():
    summary = CrawlSummary.from_stats({})
    assert summary.as_dict() == {
        "new_documents": 0,
        "new_versions": 0,
        "unchanged": 0,
        "not_modified": 0,
        "identical": 0,
        "skipped": 0,
        "errors": {},
        "bytes": 0,
        "recovered": {"captures": 0, "parsed": 0},
    }
    assert "errors: none" in summary.line()
    assert "recovered" not in summary.line()


def test_a_resumed_job_says_what_it_recovered_from_the_interrupted_run():
    stats = {
        **STATS,
        "nianbao/job/replayed-capture": 40,
        "nianbao/job/recovered-unparsed": 9,
    }
    summary = CrawlSummary.from_stats(stats)
    assert summary.as_dict()["recovered"] == {"captures": 40, "parsed": 9}
    assert summary.line().endswith(
        "; recovered from the interrupted run: 40 captures replayed, 9 documents parsed"
    )


def test_pipeline_logs_the_summary_and_stores_it_in_crawls_stats(tmp_path, caplog):
    crawler = get_crawler(
        PortalSpider, settings_dict={"ARCHIVE_DIR": str(tmp_path / "a")}
    )
    crawler.spider = PortalSpider.from_crawler(
        crawler, site="demo-trs", base_url="http://portal.test/"
    )
    crawler.stats.open_spider()
    pipeline = ArchivePipeline.from_crawler(crawler)
    pipeline.open_spider()
    pipeline.process_item(
        EventItem(kind="download-error", url="http://portal.test/x", site_id="demo-trs")
    )
    crawler.stats.set_value("downloader/response_bytes", 777)
    with caplog.at_level(logging.INFO, logger="crawler.pipelines"):
        pipeline.spider_closed(crawler.spider, "finished")

    # Nothing stored and a download failed: the crawl is `failed`, not `finished`.
    [line] = [r.getMessage() for r in caplog.records if "crawl summary" in r.message]
    assert line.startswith("crawl summary demo-trs (failed): new documents 0")
    assert "errors: download-error 1" in line
    db = sqlite_utils.Database(tmp_path / "a" / "index.sqlite")
    [row] = list(db.query("select status, stats from crawls"))
    db.close()
    assert row["status"] == "failed"
    stored = json.loads(row["stats"])[SUMMARY_STAT]
    assert stored["errors"] == {"download-error": 1}
    assert stored["bytes"] == 777


def test_cli_crawl_prints_each_site_summary_after_its_close_reason(
    tmp_path, monkeypatch
):
    seen: dict[str, object] = {}

    def fake_run_crawls(site_ids, *, summaries, overrides, **_kwargs):
        seen.update(overrides)
        for site_id in site_ids:
            summaries[site_id] = "new documents 1, new versions 0"
        return dict.fromkeys(site_ids, "finished")

    monkeypatch.setattr(run, "run_crawls", fake_run_crawls)
    result = CliRunner().invoke(
        cli,
        [
            "crawl",
            "--site",
            "demo-trs",
            "--base-url",
            "http://127.0.0.1:9/",
            "--job",
            "weekly",
            "--archive",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "demo-trs: finished",
        "demo-trs: new documents 1, new versions 0",
    ]
    assert seen["NIANBAO_JOB"] == "weekly"
