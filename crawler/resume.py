"""Resumable crawls: a job survives SIGKILL without losing or doubling captures.

``nianbao crawl --job NAME`` (setting ``NIANBAO_JOB``) gives each site the Scrapy ``JOBDIR``
``ARCHIVE_DIR/jobs/NAME/SITE`` with Scrapy 2.19's crash-safe SQLite disk queues
(``configure_job``, called by the portal spider, sets them). A SQLite queue survives the kill, but the requests that
were in flight are gone (Scrapy #7978: a popped request is not leased), and Scrapy's on-disk
dupefilter would then refuse to ask for them again. So nianbao resumes from the *archive*:

* the job remembers its crawls in ``JOBDIR/nianbao-job.json`` (written by ``ArchivePipeline``
  when a crawl starts, emptied when one finishes, so a finished job starts afresh next time);
* the spider re-seeds from its start URLs, with an in-memory dupefilter (``JobDupeFilter``);
* ``JobResumeMiddleware`` answers a GET whose URL an earlier crawl of the job already captured
  from the archive (no network; the response is flagged ``nianbao:replayed``), so the spider
  walks the same pages to what is still missing, and ``ArchivePipeline`` does not store replayed
  captures again; a request already sent by this process (the disk queue and the re-seed can
  both hold it) is dropped, unless it is a retry or ``dont_filter``.

POST requests (Hanweb dataproxy) are not replayed: the index keys captures by URL, not by form
body, so a resumed Hanweb crawl fetches its dataproxy pages again (new ``list`` captures).
Stats: ``nianbao/job/replayed``, ``nianbao/job/duplicate-request``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from archive import ArchiveError
from crawler.incremental import NOT_MODIFIED_FLAG
from crawler.jobstate import job_crawls, job_dir, set_aside_broken_state
from crawler.pipelines import _acquire, _release
from crawler.seen import DiskDupeFilter, DiskSet

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.settings import Settings

    from archive import Archive, StoredPayload

logger = logging.getLogger(__name__)

REPLAYED_FLAG = "nianbao:replayed"
#: Captures that are not the URL's answer: a retried answer (the 500 before the retry that
#: worked) replayed would fail the request again on every resume, and the report behind it
#: would never be fetched. Such a URL is fetched again instead.
NOT_REPLAYED_KINDS = frozenset({"retry"})
SQLITE_DISK_QUEUE = "scrapy.squeues.PickleLifoSQLiteQueue"
SQLITE_START_DISK_QUEUE = "scrapy.squeues.PickleFifoSQLiteQueue"
_HTTP_NOT_MODIFIED = 304
_WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def configure_job(settings: Settings, site_id: str) -> None:
    """``NIANBAO_JOB`` → ``JOBDIR`` per site; with a ``JOBDIR``, the resume machinery.

    SQLite disk queues survive SIGKILL (anchors §5); ``crawler.resume`` explains the rest.
    Settings given on the command line win (``set`` at spider priority does not override them).
    """
    job = settings.get("NIANBAO_JOB")
    archive_dir = settings.get("ARCHIVE_DIR")
    if job and archive_dir and not settings.get("JOBDIR"):
        settings.set("JOBDIR", str(job_dir(archive_dir, job, site_id)), "spider")
    if not settings.get("JOBDIR"):
        return
    settings.set("SCHEDULER_DISK_QUEUE", SQLITE_DISK_QUEUE, "spider")
    settings.set("SCHEDULER_START_DISK_QUEUE", SQLITE_START_DISK_QUEUE, "spider")
    settings.set("DUPEFILTER_CLASS", "crawler.resume.JobDupeFilter", "spider")
    # a full disk stops the job instead of looping on queue errors (crawler.diskfull)
    settings.set("SCHEDULER", "crawler.diskfull.JobScheduler", "spider")
    set_aside_broken_state(settings["JOBDIR"])
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    middlewares.setdefault("crawler.resume.JobResumeMiddleware", 570)
    priority = settings.getpriority("DOWNLOADER_MIDDLEWARES") or 0
    settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority)


class JobDupeFilter(DiskDupeFilter):
    """Scrapy's dupefilter, fresh in every process even with ``JOBDIR`` (no ``requests.seen``).

    A resumed job re-seeds; the fingerprints of requests lost in flight must not stop it from
    asking for them again.
    """


class JobResumeMiddleware:
    """Replay what earlier crawls of this job captured; drop requests this process already sent."""

    def __init__(self, crawler: Crawler, archive_dir: Path, jobdir: Path) -> None:
        self.crawler = crawler
        self.archive_dir = archive_dir
        self.jobdir = jobdir
        self._sent = DiskSet()  # on disk: flat memory however many pages (crawler.seen)
        self._earlier: tuple[int, ...] | None = None
        self._archive: Archive | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JobResumeMiddleware:
        settings = crawler.settings
        if not settings.get("JOBDIR") or not settings.get("ARCHIVE_DIR"):
            msg = "no JOBDIR or no ARCHIVE_DIR: nothing to resume"
            raise NotConfigured(msg)
        from scrapy import signals  # noqa: PLC0415 (kept next to its only use)

        middleware = cls(
            crawler, Path(settings["ARCHIVE_DIR"]), Path(settings["JOBDIR"])
        )
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

    def earlier_crawls(self) -> tuple[int, ...]:
        """This job's crawls before the current one (read once, after the pipeline opened)."""
        if self._earlier is None:
            current = (
                self.crawler.stats.get_value("nianbao/archive/crawl_id")
                if self.crawler.stats
                else None
            )
            self._earlier = tuple(c for c in job_crawls(self.jobdir) if c != current)
            if self._earlier:
                logger.info(
                    "resuming job %s after crawls %s", self.jobdir, self._earlier
                )
        return self._earlier

    def process_request(self, request: Request) -> Response | None:
        if not request.dont_filter and "retry_times" not in request.meta:
            fingerprint = self.crawler.request_fingerprinter.fingerprint(request)
            if not self._sent.add(fingerprint):
                self._inc("nianbao/job/duplicate-request")
                msg = "already requested by this crawl"
                raise IgnoreRequest(msg)
        if request.method != "GET" or not self.earlier_crawls():
            return None
        return self._replay(request)

    def _replay(self, request: Request) -> Response | None:
        try:
            if self._archive is None:
                max_bytes = self.crawler.settings.getint(
                    "ARCHIVE_WARC_MAX_BYTES", 1_000_000_000
                )
                self._archive = _acquire(self.archive_dir, max_bytes)
            found = self._archive.job_capture(request.url, self.earlier_crawls())
            if found is None or found.kind in NOT_REPLAYED_KINDS:
                return None
            stored = self._archive.stored_payload(found.sha256)
        except ArchiveError as exc:
            logger.warning("cannot replay %s from the archive (%s)", request.url, exc)
            return None
        self._inc("nianbao/job/replayed")
        return replayed_response(
            request, found.final_url or request.url, found.status, stored
        )

    def spider_closed(self, spider: Spider) -> None:
        if self._archive is not None:
            self._archive = None
            _release(self.archive_dir)


def replayed_response(
    request: Request, url: str, status: int, stored: StoredPayload
) -> Response:
    """The archived answer to ``request``: a 304 capture replays as 200 + not-modified flag."""
    headers = Headers()
    for name, value in stored.response_headers:
        if name.lower() not in _WIRE_HEADERS:
            headers.appendlist(name, value)
    flags = [REPLAYED_FLAG]
    if status == _HTTP_NOT_MODIFIED:
        status = 200
        flags.append(NOT_MODIFIED_FLAG)
    cls = responsetypes.from_args(headers=headers, url=url, body=stored.body)
    return cls(
        url=url,
        status=status,
        headers=headers,
        body=stored.body,
        flags=flags,
        request=request,
    )
