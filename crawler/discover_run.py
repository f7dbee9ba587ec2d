"""Run discovery alone for one site: what ``nianbao sites discover ID`` calls.

The portal spider runs with ``PORTAL_DISCOVER_ONLY``: it follows the home, platform and
sub-site pages within ``PORTAL_DISCOVERY_BUDGET``, fetches each 年报 column it finds once to
confirm it, and reads no column further and no report. Its captures go to a temporary archive
that is removed afterwards (the operator asked for a finding, not an archive); the findings are
the spider's ``nianbao/discovery`` stat (``crawler.spiders.discovering``): column URLs, CMS
guess, sister hosts, requests spent. One site per process, like every Scrapy crawl here.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import tomli_w
from scrapy.crawler import CrawlerProcess

from crawler.cli.run import project_settings
from crawler.sites import get_site

if TYPE_CHECKING:
    from collections.abc import Mapping


def discover_site(
    site_id: str,
    *,
    registry: Path | None = None,
    base_url: str | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The discovery findings for ``site_id`` (``nianbao/discovery`` stat plus the close reason)."""
    from crawler.spiders.discovering import DISCOVERY_STAT  # noqa: PLC0415 (Scrapy start-up)
    from crawler.spiders.portal import PortalSpider  # noqa: PLC0415

    site = get_site(site_id, registry)  # fail fast on an unknown id
    kwargs = {"site": site_id}
    if registry is not None:
        kwargs["registry"] = str(registry)
    if site.local and base_url is not None:
        kwargs["base_url"] = base_url
    with tempfile.TemporaryDirectory(prefix="nianbao-discover-") as scratch:
        settings = project_settings(
            archive_dir=Path(scratch),
            overrides={**(overrides or {}), "PORTAL_DISCOVER_ONLY": True},
        )
        process = CrawlerProcess(settings)
        crawler = process.create_crawler(PortalSpider)
        process.crawl(crawler, **kwargs)
        process.start()
        stats = crawler.stats.get_stats() if crawler.stats else {}
    found = stats.get(DISCOVERY_STAT)
    result: dict[str, Any] = dict(found) if isinstance(found, dict) else {}
    result["finish_reason"] = str(stats.get("finish_reason", "not started"))
    return result


def pin_toml(found: dict[str, Any], *, local: bool) -> str:
    """The registry fields that pin what discovery found, as TOML lines for the site's entry.

    ``report_columns``, ``cms`` (when guessed) and ``sister_hosts`` (when some were seen); a
    local entry's columns as paths, since its host is the base URL's.
    """
    columns = [str(url) for url in found.get("columns", [])]
    if local:
        columns = [
            urlsplit(u).path + (f"?{urlsplit(u).query}" if urlsplit(u).query else "")
            for u in columns
        ]
    pinned: dict[str, Any] = {"report_columns": columns}
    if found.get("cms"):
        pinned["cms"] = found["cms"]
    if found.get("sister_hosts"):
        pinned["sister_hosts"] = list(found["sister_hosts"])
    return tomli_w.dumps(pinned)
