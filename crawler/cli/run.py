"""Run portal crawls in this process: what ``nianbao crawl`` and ``nianbao demo`` call.

Settings come from ``crawler.settings`` loaded explicitly (not from a ``scrapy.cfg`` found in
the working directory), so the command works from any folder. All requested sites run in one
Scrapy process, each as its own crawler: politeness is per domain, so sites do not slow each
other down, and they share the one archive writer of this process. SIGINT and SIGTERM stop the
crawls gracefully (``crawler.shutdown``): each ends ``interrupted``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.extensions import SUMMARY_STAT, CrawlSummary
from crawler.parsepass import parse_mode
from crawler.shutdown import handling_stop_signals
from crawler.sites import get_site, load_sites

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

logger = logging.getLogger(__name__)


def project_settings(
    *, archive_dir: Path, overrides: Mapping[str, Any] | None = None
) -> Settings:
    """Scrapy settings of the project with the archive directory and per-run overrides."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("ARCHIVE_DIR", str(archive_dir), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawls(
    site_ids: Sequence[str],
    *,
    archive_dir: Path,
    base_url: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    summaries: dict[str, str] | None = None,
    registry: Path | None = None,
    run_stats: dict[str, dict[str, Any]] | None = None,
) -> dict[str, str]:
    """Crawl the given sites into ``archive_dir``; return each site's close reason.

    The sites are entries of ``registry`` (default: the bundled ``crawler/sites.toml``).
    Unknown site ids raise ``UnknownSiteError`` before anything starts. A local (sample-portal)
    site needs ``base_url``; the spider raises a clear error without it. When ``summaries`` is
    given, each site's operator summary line (``crawler.extensions.CrawlSummary``) is put in it;
    when ``run_stats`` is given, each site's final Scrapy stats.
    """
    from crawler.spiders.portal import PortalSpider  # noqa: PLC0415 (imports Scrapy's reactor machinery)

    for site_id in site_ids:
        get_site(site_id, registry)  # fail fast: UnknownSiteError names the close ids
    sites = load_sites(registry)
    settings = project_settings(archive_dir=archive_dir, overrides=overrides)
    parse_mode(
        settings.get("ARCHIVE_PARSE")
    )  # fail fast: a typo must not crawl unarchived
    process = CrawlerProcess(settings)
    crawlers = []
    for site_id in site_ids:
        kwargs: dict[str, str] = {"site": site_id}
        if registry is not None:
            kwargs["registry"] = str(registry)
        if base_url is not None and sites[site_id].local:
            kwargs["base_url"] = base_url
        crawler = process.create_crawler(PortalSpider)
        crawlers.append((site_id, crawler))
        process.crawl(crawler, **kwargs)
    with handling_stop_signals(process):  # crawler.shutdown's handlers, not Scrapy's
        process.start(install_signal_handlers=False)
    reasons: dict[str, str] = {}
    for site_id, crawler in crawlers:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        reasons[site_id] = str(stats.get("finish_reason", "not started"))
        if summaries is not None and isinstance(stats.get(SUMMARY_STAT), dict):
            summaries[site_id] = CrawlSummary.from_stats(stats).line()
        if run_stats is not None:
            run_stats[site_id] = stats
    return reasons
