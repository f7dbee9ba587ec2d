"""``nianbao demo``: serve the sample portal on 127.0.0.1, crawl it, summarise the archive.

The portal runs in a child process (its own HTTP server thread pool must not compete with the
crawl's reactor) on a free loopback port; it is stopped however the crawl ends. Scrapy and the
portal are imported inside ``run_demo``, so ``nianbao --help`` does not load them.

Settings read: none; the crawl uses ``crawler.settings`` (``crawler.cli.run``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from crawler.cli.checks import require_writable_dir
from crawler.cli.console import console_progress, log_options, log_settings
from crawler.cli.errors import exit_if_interrupted, raise_if_disk_full
from crawler.cli.options import DEMO_ARCHIVE
from crawler.sites import load_sites

if TYPE_CHECKING:
    from collections.abc import Mapping

logger = logging.getLogger(__name__)

#: Seconds between progress lines during the demo.
DEMO_PROGRESS_INTERVAL = 10.0


@click.command()
@click.option(
    "--dir",
    "archive_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEMO_ARCHIVE,
    show_default=True,
    help="Where the demo archive is written.",
)
@click.option(
    "--seed", type=int, default=7, show_default=True, help="Sample portal seed."
)
@click.option(
    "--size", type=int, default=30, show_default=True, help="About how many reports."
)
@log_options
def demo(
    archive_dir: Path, seed: int, size: int, show_log: bool, log_file: Path | None
) -> None:
    """Crawl the bundled sample portal on 127.0.0.1 end to end and print a summary.

    Example: nianbao demo --dir /tmp/nianbao-demo
    """
    require_writable_dir(archive_dir, "--dir")
    overrides = log_settings(show_log=show_log, log_file=log_file)
    with console_progress(show_log=show_log):
        summary, reasons = run_demo(
            archive_dir=archive_dir, seed=seed, size=size, overrides=overrides
        )
    click.echo(summary)
    exit_if_interrupted()
    raise_if_disk_full(reasons, archive_dir)


def demo_site_ids() -> list[str]:
    """The registry's local sample-portal sites, in registry order."""
    return [site.id for site in load_sites().values() if site.local]


def run_demo(
    *,
    archive_dir: Path,
    seed: int,
    size: int,
    overrides: Mapping[str, object] | None = None,
) -> tuple[str, dict[str, str]]:
    """Crawl the sample portal into ``archive_dir``; a printable summary and the close reasons.

    Progress lines every ``DEMO_PROGRESS_INTERVAL`` seconds (the demo takes about a minute).
    """
    # Scrapy start-up and the portal's generator only when the demo runs.
    from crawler.cli.run import run_crawls  # noqa: PLC0415
    from crawler.cli.summary import format_summary  # noqa: PLC0415
    from crawler.sampleportal.process import running_portal  # noqa: PLC0415

    settings = {
        "NIANBAO_PROGRESS_INTERVAL": DEMO_PROGRESS_INTERVAL,
        **(overrides or {}),
    }
    run_stats: dict[str, dict[str, Any]] = {}
    with running_portal(seed=seed, size=size) as base_url:
        logger.info("sample portal serving at %s", base_url)
        reasons = run_crawls(
            demo_site_ids(),
            archive_dir=archive_dir,
            base_url=base_url,
            overrides=settings,
            run_stats=run_stats,
        )
    return format_summary(archive_dir, reasons, run_stats), reasons
