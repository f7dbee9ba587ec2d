from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlite_utils
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from archive import Capture
from crawler.errors import InvalidSettingError
from crawler.items import CaptureItem, EventItem
from crawler.pipelines import ArchivePipeline, extraction_options, to_capture
from crawler.spiders.portal import PortalSpider
from parsers.extract import ocr_tool


def item(url="http://h/a.html", body=b"<html>hello</html>", kind="list"):
    return CaptureItem(
        url=url,
        final_url=url,
        status=200,
        body=body,
        kind=kind,
        site_id="demo-trs",
        fetched_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        request_headers=(("User-Agent", "nianbao"),),
        response_headers=(("Content-Type", "text/html"),),
        referrer="http://h/",
        anchor_text="链接",
        ip_address="127.0.0.1",
    )


def open_pipeline(archive_dir):
    crawler = get_crawler(PortalSpider, settings_dict={"ARCHIVE_DIR": str(archive_dir)})
    crawler.spider = PortalSpider.from_crawler(
        crawler, site="demo-trs", base_url="http://portal.test/"
    )
    crawler.stats.open_spider()
    pipeline = ArchivePipeline.from_crawler(crawler)
    pipeline.open_spider()
    return crawler, pipeline


def test_without_archive_dir_the_pipeline_is_disabled():
    with pytest.raises(NotConfigured):
        ArchivePipeline.from_crawler(get_crawler(settings_dict={"ARCHIVE_DIR": ""}))


def test_a_typo_in_archive_parse_stops_the_crawl_instead_of_disabling_the_archive(
    tmp_path,
):
    # NotConfigured would switch the pipeline off and the spider would crawl unarchived
    crawler = get_crawler(
        settings_dict={"ARCHIVE_DIR": str(tmp_path), "ARCHIVE_PARSE": "aftr"}
    )
    with pytest.raises(InvalidSettingError, match="ARCHIVE_PARSE must be one of"):
        ArchivePipeline.from_crawler(crawler)


def test_to_capture_keeps_every_provenance_field():
    capture = to_capture(item(), crawl_id=7)
    assert isinstance(capture, Capture)
    assert capture.crawl_id == 7
    assert (capture.referrer, capture.anchor_text, capture.ip_address) == (
        "http://h/",
        "链接",
        "127.0.0.1",
    )
    assert capture.request_headers == (("User-Agent", "nianbao"),)
    assert capture.fetched_at.tzinfo is UTC


def test_same_bytes_twice_give_one_document_and_two_captures(tmp_path):
    crawler, pipeline = open_pipeline(tmp_path / "a")
    pipeline.process_item(item("http://h/one.html"))
    pipeline.process_item(item("http://h/two.html"))
    pipeline.process_item(
        EventItem(kind="offsite", url="http://x/", site_id="demo-trs", detail="d")
    )
    pipeline.spider_closed(crawler.spider, "finished")
    stats = crawler.stats.get_stats()
    assert stats["nianbao/archive/documents/new"] == 1
    assert stats["nianbao/archive/documents/duplicate"] == 1
    assert stats["nianbao/events/offsite"] == 1
    db = sqlite_utils.Database(tmp_path / "a" / "index.sqlite")
    assert db.execute("select count(*) from captures").fetchone()[0] == 2
    assert db.execute("select count(*) from documents").fetchone()[0] == 1
    crawl = next(db.query("select status, stats from crawls"))
    assert crawl["status"] == "finished"
    assert "nianbao/archive/documents/new" in crawl["stats"]
    assert next(db.query("select kind, url from events")) == {
        "kind": "offsite",
        "url": "http://x/",
    }


def test_new_report_document_is_parsed_and_counted(tmp_path):
    crawler, pipeline = open_pipeline(tmp_path / "a")
    body = "<html><body><div class='TRS_Editor'><p>示范区2021年政府信息公开工作年度报告</p></div></body></html>"
    pipeline.process_item(item(body=body.encode("utf-8"), kind="report"))
    pipeline.spider_closed(crawler.spider, "finished")
    parsed = {
        k: v
        for k, v in crawler.stats.get_stats().items()
        if k.startswith("nianbao/parse/")
    }
    assert sum(parsed.values()) == 1


def test_two_pipelines_of_one_process_share_the_archive(tmp_path):
    crawler_a, first = open_pipeline(tmp_path / "a")
    crawler_b, second = open_pipeline(tmp_path / "a")
    assert first.archive is second.archive
    first.spider_closed(crawler_a.spider, "finished")
    second.process_item(item())  # still open for the other crawler
    second.spider_closed(crawler_b.spider, "finished")
    db = sqlite_utils.Database(tmp_path / "a" / "index.sqlite")
    assert (
        db.execute("select count(*) from crawls where status = 'finished'").fetchone()[
            0
        ]
        == 2
    )


def test_unwritable_archive_dir_logs_one_error_and_stores_nothing(tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    crawler, pipeline = open_pipeline(blocker / "archive")
    assert pipeline.archive is None
    assert crawler.stats.get_value("nianbao/archive/error")
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1
    assert "cannot open the archive" in errors[0].getMessage()
    assert errors[0].exc_info is None
    assert (
        pipeline.process_item(item()) is not None
    )  # passed through while the spider closes


def test_progress_line_reads_the_pipeline_stats_and_leaves_offsite_out_of_errors():
    from crawler.extensions import Progress

    progress = Progress.from_stats(
        {
            "response_received_count": 40,
            "nianbao/archive/captures/report": 9,
            "nianbao/archive/captures/attachment": 2,
            "nianbao/archive/documents/new": 30,
            "nianbao/archive/documents/duplicate": 1,
            "nianbao/events/http-error": 2,
            "nianbao/events/soft-404": 1,
            "nianbao/events/offsite": 5,
            "nianbao/events/robots": 1,
        }
    )
    assert progress.line() == (
        "pages fetched 40, reports found 9 (+2 attachments), documents 30, duplicates 1, errors 3"
    )


def test_archive_parse_off_stores_reports_without_parsing(tmp_path):
    crawler = get_crawler(
        PortalSpider,
        settings_dict={"ARCHIVE_DIR": str(tmp_path / "a"), "ARCHIVE_PARSE": False},
    )
    crawler.spider = PortalSpider.from_crawler(
        crawler, site="demo-trs", base_url="http://portal.test/"
    )
    crawler.stats.open_spider()
    pipeline = ArchivePipeline.from_crawler(crawler)
    pipeline.open_spider()
    pipeline.process_item(
        item(body="<p>示范区2021年政府信息公开工作年度报告</p>".encode(), kind="report")
    )
    pipeline.spider_closed(crawler.spider, "finished")
    stats = crawler.stats.get_stats()
    assert stats["nianbao/archive/captures/report"] == 1
    assert not any(k.startswith("nianbao/parse/") for k in stats)


def test_a_304_is_captured_as_not_modified_without_a_body():
    from scrapy import Request
    from scrapy.http import HtmlResponse

    from crawler.items import capture_from_response

    url = "http://h/trs/zfxxgk/zfxxgknb/index.html"
    archived = "<html><body>旧的列表</body></html>".encode()
    response = HtmlResponse(
        url,
        status=304,
        body=archived,
        request=Request(url),
        flags=["nianbao:not-modified"],
    )
    capture = capture_from_response(response, kind="list", site_id="demo-trs")
    assert (capture.kind, capture.body, capture.status) == ("not-modified", b"", 304)
    plain = capture_from_response(
        HtmlResponse(url, status=200, body=archived, request=Request(url)),
        kind="list",
        site_id="demo-trs",
    )
    assert (plain.kind, plain.body) == ("list", archived)


def test_extraction_options_come_from_the_nianbao_settings():
    crawler = get_crawler(
        PortalSpider, {"NIANBAO_OCR": False, "NIANBAO_LIBREOFFICE": "False"}
    )
    options = extraction_options(crawler.settings)
    assert (options.ocr, options.libreoffice) == (False, False)
    assert extraction_options(get_crawler(PortalSpider).settings).libreoffice is True


def test_ocr_asked_for_without_tesseract_logs_one_error_and_crawls_on(
    monkeypatch, caplog
):
    monkeypatch.setattr(ocr_tool.shutil, "which", lambda _name: None)
    crawler = get_crawler(PortalSpider, {"NIANBAO_OCR": "1"})
    with caplog.at_level("ERROR", logger="crawler.pipelines"):
        options = extraction_options(crawler.settings)
    assert options.ocr is False
    (record,) = caplog.records
    assert "NIANBAO_OCR is on but OCR cannot run" in record.getMessage()
    assert "tesseract-ocr-chi-sim" in record.getMessage()
