"""Resumable jobs, unit level: job names, job state, settings a job turns on, the request guard."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from crawler.jobstate import JobNameError, job_crawls, job_dir, write_job_crawls
from crawler.resume import JobResumeMiddleware, configure_job
from crawler.spiders.portal import PortalSpider


@pytest.mark.parametrize("name", ["../up", "a/b", "", ".", "..", "x" * 65, "名字"])
def test_job_names_that_are_not_one_safe_path_component_are_refused(name):
    with pytest.raises(JobNameError):
        job_dir("/srv/archive", name, "demo-trs")


def test_job_dir_is_per_archive_job_and_site(tmp_path):
    assert job_dir(tmp_path, "weekly-2026.47", "demo-trs") == (
        tmp_path / "jobs" / "weekly-2026.47" / "demo-trs"
    )


def test_job_state_round_trips_and_a_missing_or_broken_file_is_a_new_job(tmp_path):
    assert job_crawls(tmp_path / "none") == ()
    write_job_crawls(tmp_path / "j", (3, 5))
    assert job_crawls(tmp_path / "j") == (3, 5)
    (tmp_path / "j" / "nianbao-job.json").write_text("{not json")
    assert job_crawls(tmp_path / "j") == ()


def test_a_job_sets_jobdir_sqlite_queues_memory_dupefilter_and_the_middleware(tmp_path):
    settings = Settings({"ARCHIVE_DIR": str(tmp_path), "NIANBAO_JOB": "w1"})
    configure_job(settings, "demo-trs")
    assert settings["JOBDIR"] == str(tmp_path / "jobs" / "w1" / "demo-trs")
    assert settings["SCHEDULER_DISK_QUEUE"] == "scrapy.squeues.PickleLifoSQLiteQueue"
    assert (
        settings["SCHEDULER_START_DISK_QUEUE"] == "scrapy.squeues.PickleFifoSQLiteQueue"
    )
    assert settings["DUPEFILTER_CLASS"] == "crawler.resume.JobDupeFilter"
    assert settings.getdict("DOWNLOADER_MIDDLEWARES") == {
        "crawler.resume.JobResumeMiddleware": 570
    }


def test_without_a_job_nothing_changes_and_command_line_settings_win(tmp_path):
    plain = Settings({"ARCHIVE_DIR": str(tmp_path)})
    configure_job(plain, "demo-trs")
    assert not plain.get("JOBDIR")
    assert plain["DUPEFILTER_CLASS"] == "scrapy.dupefilters.RFPDupeFilter"
    given = Settings({"ARCHIVE_DIR": str(tmp_path)})
    given.set("JOBDIR", "/elsewhere", "cmdline")
    given.set("SCHEDULER_DISK_QUEUE", "scrapy.squeues.PickleLifoDiskQueue", "cmdline")
    given.set("NIANBAO_JOB", "w1", "cmdline")
    configure_job(given, "demo-trs")
    assert given["JOBDIR"] == "/elsewhere"
    assert given["SCHEDULER_DISK_QUEUE"] == "scrapy.squeues.PickleLifoDiskQueue"


def test_a_request_already_sent_by_this_crawl_is_dropped_but_retries_pass(tmp_path):
    crawler = get_crawler(
        PortalSpider,
        settings_dict={"ARCHIVE_DIR": str(tmp_path), "JOBDIR": str(tmp_path / "j")},
    )
    crawler.stats.open_spider()
    middleware = JobResumeMiddleware.from_crawler(crawler)
    url = "http://portal.test/trs/index.html"
    assert (
        middleware.process_request(Request(url)) is None
    )  # new job: nothing to replay
    with pytest.raises(IgnoreRequest):
        middleware.process_request(Request(url))
    assert middleware.process_request(Request(url, meta={"retry_times": 1})) is None
    assert middleware.process_request(Request(url, dont_filter=True)) is None
    assert crawler.stats.get_value("nianbao/job/duplicate-request") == 1


def test_a_retried_answer_is_fetched_again_not_replayed(tmp_path):
    from archive.lookup import JobCapture

    crawler = get_crawler(
        PortalSpider,
        settings_dict={"ARCHIVE_DIR": str(tmp_path), "JOBDIR": str(tmp_path / "j")},
    )
    crawler.stats.open_spider()
    middleware = JobResumeMiddleware.from_crawler(crawler)
    url = "http://portal.test/trs/report.html"
    asked: list[str] = []

    class Archived:
        def job_capture(self, found_url, _crawls):
            asked.append(found_url)
            return JobCapture(found_url, None, 500, "retry", "0" * 64)

        def stored_payload(self, _sha256):
            raise AssertionError("a retried answer must not be replayed")

    middleware._earlier = (1,)
    middleware._archive = Archived()
    assert middleware.process_request(Request(url)) is None  # goes to the network
    assert asked == [url]
    assert crawler.stats.get_value("nianbao/job/replayed") is None
