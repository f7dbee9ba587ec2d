"""Scrapy settings of the nianbao project (``scrapy.cfg`` → ``crawler.settings``).

Scrapy's own settings first, then nianbao's (``ARCHIVE_*``, ``PORTAL_*``, ``NIANBAO_*``), grouped,
one comment each. Every custom setting is documented in ``docs/settings.md``. Defaults are for
real government portals (polite, portals.md §3.3: ≥ 1 s per host, ≤ 2 connections); the spider
lowers the delays itself when its ``base_url`` is a loopback address (the sample portal).
"""

from __future__ import annotations

# ---------------------------------------------------------------- project
BOT_NAME = "nianbao"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# ---------------------------------------------------------------- identity and politeness
# A descriptive agent with a contact page: some portals reset connections without a UA (§1.3).
# Operators should append a contact (URL or e-mail) with `-s USER_AGENT=…`.
USER_AGENT = (
    "nianbao/0.1 (archiver of government information-disclosure annual reports)"
)
# robots.txt is obeyed; a forbidden report link becomes a `robots` event
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16  # across all sites of one process
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # portals.md §3.3: ≤ 3 requests per host at a time
# Outputs of one callback processed at a time: Scrapy starts this many tasks for every response
# (100 by default), ~15 % of the crawl's CPU on a fast portal; a page yields one capture item
# and its links, which 8 take in turn as fast (the group commit holds an item ≤ ARCHIVE_GROUP_WAIT)
CONCURRENT_ITEMS = 8
# Scrapy checks each callback for a generator that returns a value (its source read back and
# parsed with `ast` whenever its cache, keyed by bound methods that die with their request, lost
# it: ~1 response in 9): ~2 % of a crawl's CPU. tests/crawler/test_spider_callbacks.py checks once.
WARN_ON_GENERATOR_RETURN_VALUE = False
DOWNLOAD_DELAY = 1.0  # seconds between requests to one host (randomised ×0.5–1.5)
AUTOTHROTTLE_ENABLED = True  # back off when a slow county server slows down
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60  # gov servers are slow, not that slow
# No control endpoint listens: Scrapy's Telnet console and its RemoteControl HTTP endpoint
# (code execution behind a token in a file, on by default since 2.19) are both off; turning
# them on for debugging is in docs/operations.md.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# ---------------------------------------------------------------- retries and limits
RETRY_ENABLED = True
RETRY_TIMES = 2  # 3 attempts in all
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# attachments above 200 MiB are cancelled (`too-large` event)
DOWNLOAD_MAXSIZE = 200 * 1024 * 1024
DOWNLOAD_WARNSIZE = 32 * 1024 * 1024
DEPTH_LIMIT = 12  # guard: start → sub-columns → pages → report → attachment is ≤ 6 deep
REDIRECT_MAX_TIMES = 10

# ---------------------------------------------------------------- Scrapy 2.19 defaults made explicit
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

# ---------------------------------------------------------------- components
# Pending requests in disk queues and seen fingerprints on disk, job or not: crawl memory stays
# flat as a portal grows (crawler.queues, crawler.seen)
SCHEDULER = "crawler.queues.DiskQueueScheduler"
DUPEFILTER_CLASS = "crawler.seen.DiskDupeFilter"
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's robots.txt middleware, with every request that waited for its host's robots.txt
    # checked too (Scrapy's let all waiters but the first through), and a last check right
    # before the download, whatever path a request took (crawler/robots.py).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.RobotsTxtMiddleware": 100,
    "crawler.robots.RobotsGuardMiddleware": 990,
    # After RetryMiddleware (550) on the way back, so they judge the final response.
    "crawler.middlewares.SoftNotFoundMiddleware": 530,
    "crawler.middlewares.ChallengeMiddleware": 540,
    # Before them on the way back: a GBK page under a charset=utf-8 header is read as GBK
    # when its <meta> says so (crawler/charsets.py).
    "crawler.charsets.DeclaredCharsetMiddleware": 545,
    # Conditional requests from the archive's last capture; answers 304s with the archived
    # body so list pages are still followed (docs/incremental.md).
    "crawler.incremental.ConditionalRequestMiddleware": 580,
    # Before RetryMiddleware on the way back: a 429/503 with Retry-After pauses its host.
    "crawler.politeness.RetryAfterMiddleware": 560,
    # Before RedirectMiddleware (600) on the way back: a loop or an offsite hop is an event.
    "crawler.drops.RedirectGuardMiddleware": 610,
    # Closest to the downloader of these: every redirect hop, retried answer and robots.txt
    # fetch is archived before RedirectMiddleware / RetryMiddleware consume it (replay).
    "crawler.exchanges.ExchangeRecorderMiddleware": 620,
    # Scrapy's cookie handling with the bundled Public Suffix List: nothing leaves the host.
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": None,
    "crawler.cookies.OfflineCookiesMiddleware": 700,
}
ITEM_PIPELINES = {"crawler.pipelines.ArchivePipeline": 300}
# `scrapy check portal -a site=… -a base_url=…`: @portal_url resolves against the given portal
SPIDER_CONTRACTS = {"crawler.contracts.PortalUrlContract": 10}
EXTENSIONS = {
    "crawler.extensions.CrawlProgressExtension": 500,
    # DOWNLOAD_MAXSIZE also for bodies without Content-Length: a `too-large` event
    "crawler.drops.BodySizeGuard": 510,
    # a (nearly) full disk stops the crawl with reason `disk-full` (crawler/diskfull.py)
    "crawler.diskfull.DiskFullGuard": 520,
}

# ---------------------------------------------------------------- nianbao: archive
ARCHIVE_DIR = ""  # where captures go; empty disables ArchivePipeline (NotConfigured)
ARCHIVE_WARC_MAX_BYTES = 1_000_000_000  # rotate WARC files at about 1 GB
# stop the crawl (`disk-full`) when the archive's disk has less free space than this (0: never)
ARCHIVE_MIN_FREE_MB = 50
ARCHIVE_FREE_CHECK_INTERVAL = 5.0  # seconds between free-space checks while crawling
# When new report/attachment documents are parsed: "stream" (in worker processes while the crawl
# goes on), "after" (when the spider closes), "inline" (as each is stored), "off" (later, with
# `nianbao reparse`).
ARCHIVE_PARSE = "stream"
ARCHIVE_PARSE_WORKERS = 0  # processes of the "stream" parse pool (0: one per CPU)
# group commit: captures archived together (one WARC fsync, one index commit) when this many
# wait or ARCHIVE_GROUP_WAIT seconds after the first; each is reported stored after its commit
ARCHIVE_GROUP_SIZE = 32
ARCHIVE_GROUP_WAIT = 0.2
# OCR scanned PDFs while parsing (needs Tesseract + chi_sim; ~3-4 s per page). Off: scans are
# recorded needs_ocr and read later with `nianbao reparse --ocr`.
NIANBAO_OCR = False
# DOC/WPS table grids through LibreOffice when `soffice` is installed (text only without it)
NIANBAO_LIBREOFFICE = True

# ---------------------------------------------------------------- nianbao: portal spider
# most pages read from one list (pager, dataproxy, API, 下一页 chain)
PORTAL_MAX_LIST_PAGES = 200
PORTAL_TRAP_PAGES = 3  # next pages in a row without a new detail link → `trap`
# home/platform pages read to find the 年报 columns, per site (`discovery-budget` past it)
PORTAL_DISCOVERY_BUDGET = 30
PORTAL_DISCOVER_ONLY = False  # find and confirm the columns, crawl nothing else
# links one page may queue (report, attachment, list); the rest → one `link-cap` event
PORTAL_MAX_LINKS_PER_PAGE = 500
# the longest Retry-After (seconds) waited for; a longer one is an `http-error` event
NIANBAO_RETRY_AFTER_MAX = 600.0
PORTAL_LOCAL_FAST = True  # loopback base_url: no delay, no AutoThrottle, 8 per domain
SOFT404_MAX_BYTES = 16384  # below: soft-404 by text or title; above: by title alone
NIANBAO_PROGRESS_INTERVAL = 30.0  # seconds between progress lines (0: only the summary)

# ---------------------------------------------------------------- nianbao: incremental crawls
# archived reports/attachments younger than this are re-checked (conditional GET), older skipped
REVISIT_DAYS = 30
# re-check every archived report and attachment (`nianbao crawl --refresh`)
NIANBAO_REFRESH = False
# a list whose start page answers 304 is not read further this crawl (newest-first CMS lists)
NIANBAO_SKIP_UNCHANGED_PAGES = True
# resumable job name (`nianbao crawl --job NAME`): JOBDIR = ARCHIVE_DIR/jobs/NAME/SITE
NIANBAO_JOB = ""
# who runs this crawl, on its crawls row (`--shard I/N` sets "HOST shard I/N"; empty: the host name)
NIANBAO_WORKER = ""

# ---------------------------------------------------------------- nianbao: shared frontier
# Redis URL of a frontier several workers share (`nianbao crawl --frontier`; docs/scale.md)
NIANBAO_FRONTIER = ""
# seconds a worker's lease on a host lasts unrenewed: a dead worker's hosts move on after it
NIANBAO_FRONTIER_LEASE = 30.0
# hosts one worker leases at once (0: no limit), so workers started together share the hosts
NIANBAO_FRONTIER_MAX_HOSTS = 8
