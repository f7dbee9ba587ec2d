"""``nianbao demo``: serve the sample portal on 127.0.0.1, crawl it, summarise the archive.

The portal runs in a child process (its own HTTP server thread pool must not compete with the
crawl's reactor) on a free loopback port; it is stopped however the crawl ends.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from crawler.run import run_crawls
from crawler.sampleportal.process import running_portal
from crawler.sites import load_sites
from crawler.summary import format_summary

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)


def demo_site_ids() -> list[str]:
    """The registry's local sample-portal sites, in registry order."""
    return [site.id for site in load_sites().values() if site.local]


def run_demo(*, archive_dir: Path, seed: int, size: int) -> str:
    """Crawl the sample portal into ``archive_dir`` and return a printable summary."""
    with running_portal(seed=seed, size=size) as base_url:
        logger.info("sample portal serving at %s", base_url)
        reasons = run_crawls(
            demo_site_ids(), archive_dir=archive_dir, base_url=base_url
        )
    return format_summary(archive_dir, reasons)
