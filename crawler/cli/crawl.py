"""``nianbao crawl``: crawl sites of the registry into the archive.

A thin body over ``crawler.cli.run.run_crawls``; Scrapy is imported only when the command
crawls, so ``nianbao --help`` and the archive commands start fast. ``--registry FILE`` crawls
entries of another registry file; ``--dry-run`` prints the plan (``crawler.crawl_plan``: what
would be crawled and why) and fetches nothing. ``--shard I/N`` keeps the sites whose host
hashes to shard I of N (``crawler.sharding``), so N workers split ``--all``/``--due`` between
them, each into its own archive, and records the shard as the crawl's worker. The terminal shows progress and the summary;
``-v`` or ``--log-file`` shows Scrapy's log (``crawler.cli.console``).

Settings read: none here; ``crawl -s NAME=VALUE`` overrides are passed on to Scrapy's settings.
"""

from __future__ import annotations

import os
import socket
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import click

import archive
from crawler.cli.checks import (
    checked_base_url,
    checked_job_name,
    require_base_url,
    require_writable_dir,
)
from crawler.cli.console import console_progress, log_options, log_settings
from crawler.cli.errors import (
    exit_if_interrupted,
    raise_if_archive_refused,
    raise_if_disk_full,
)
from crawler.cli.options import archive_option, registry_option, split_setting
from crawler.crawl_plan import plan_due, plan_requested
from crawler.frontier import FrontierError, check_frontier_url, require_frontier
from crawler.sharding import Shard, ShardError, parse_shard, select_shard
from crawler.sites import get_site, load_sites

if TYPE_CHECKING:
    from pathlib import Path

    from crawler.sites import Site


def checked_shard(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> Shard | None:
    """``--shard``: ``I/N`` with 0 <= I < N (a usage error, exit 2, otherwise)."""
    if value is None:
        return None
    try:
        return parse_shard(value)
    except ShardError as exc:
        raise click.BadParameter(str(exc)) from exc


def _entries(
    registry: Path | None, shard: Shard | None, site_ids: tuple[str, ...]
) -> list[Site]:
    """The sites ``--all``/``--due`` choose from: those that say where they are served, of the shard."""
    if shard is not None and site_ids:
        raise click.UsageError("--shard splits --all or --due, not --site")
    return select_shard(
        [site for site in load_sites(registry).values() if site.is_crawlable_alone],
        shard,
    )


def checked_frontier(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    """``--frontier``: a Redis URL (a usage error, exit 2, otherwise)."""
    if value is None:
        return None
    try:
        return check_frontier_url(value)
    except FrontierError as exc:
        raise click.BadParameter(str(exc)) from exc


def frontier_settings(frontier: str | None, *, job: str | None) -> dict[str, object]:
    """``--frontier``'s settings; the worker named by host and pid (two may share a machine)."""
    if frontier is None:
        return {}
    if job is not None:
        raise click.UsageError(
            "a shared frontier resumes by itself: --frontier or --job"
        )
    require_frontier(frontier)
    worker = f"{socket.gethostname()} pid {os.getpid()}"
    return {"NIANBAO_FRONTIER": frontier, "NIANBAO_WORKER": worker}


@click.command()
@click.option(
    "--site", "site_ids", multiple=True, help="Site id from the registry (repeatable)."
)
@click.option(
    "--all",
    "all_sites",
    is_flag=True,
    help="Every site in the registry that says where it is served (not a bare local entry).",
)
@click.option(
    "--due",
    is_flag=True,
    help="Every site --all would crawl whose crawl_interval passed since its last finished crawl.",
)
@click.option(
    "--shard",
    metavar="I/N",
    callback=checked_shard,
    help="Only the sites whose host hashes to shard I of N (0-based), with --all or --due.",
)
@click.option(
    "--refresh", is_flag=True, help="Re-check every archived report and attachment."
)
@click.option(
    "--base-url",
    callback=checked_base_url,
    help="Base URL of a local (sample-portal) site.",
)
@click.option(
    "--job",
    metavar="NAME",
    callback=checked_job_name,
    help="Resumable job: state in ARCHIVE/jobs/NAME/SITE; rerun with the same NAME to resume.",
)
@click.option(
    "--frontier",
    metavar="REDIS_URL",
    callback=checked_frontier,
    help="Share each site's queue with other workers in Redis (redis://HOST:PORT/DB).",
)
@click.option(
    "-s",
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy setting (repeatable).",
)
@registry_option
@click.option(
    "--dry-run",
    is_flag=True,
    help="Print what would be crawled and why (one line per site); fetch nothing.",
)
@archive_option
@log_options
def crawl(
    *,
    site_ids: tuple[str, ...],
    all_sites: bool,
    due: bool,
    shard: Shard | None,
    refresh: bool,
    base_url: str | None,
    job: str | None,
    frontier: str | None,
    overrides: tuple[str, ...],
    registry: Path | None,
    dry_run: bool,
    archive_dir: Path,
    show_log: bool,
    log_file: Path | None,
) -> None:
    """Crawl sites of the registry into the archive.

    Example: nianbao crawl --site demo-trs --base-url http://127.0.0.1:8000/

    Example: nianbao crawl --due --shard 0/4 --archive shard-0
    """
    from crawler.cli.run import run_crawls  # noqa: PLC0415

    if [bool(site_ids), all_sites, due].count(True) != 1:
        raise click.UsageError(
            "give exactly one of --site ID (repeatable), --all, --due"
        )
    entries = _entries(registry, shard, site_ids)
    ids = list(site_ids) or [site.id for site in entries]
    if not ids and not dry_run:
        where = f" in shard {shard}" if shard is not None else ""
        click.echo(f"no site to crawl{where}", err=True)
        return
    if dry_run:
        plan = (
            plan_due(archive_dir, entries, now=datetime.now(UTC))
            if due
            else plan_requested([get_site(i, registry) for i in ids])
        )
        for line in plan:
            click.echo(line.line())
        return
    if due:
        intervals = {site.id: site.crawl_interval for site in entries}
        ids = archive.due_sites(archive_dir, intervals, now=datetime.now(UTC))
        if not ids:
            click.echo("no site is due", err=True)
            return
    settings: dict[str, object] = dict(split_setting(item) for item in overrides)
    if refresh:
        settings["NIANBAO_REFRESH"] = True
    if job is not None:
        settings["NIANBAO_JOB"] = job
    settings = {**frontier_settings(frontier, job=job), **settings}  # -s wins
    if shard is not None:
        settings.setdefault("NIANBAO_WORKER", f"{socket.gethostname()} shard {shard}")
    settings.update(log_settings(show_log=show_log, log_file=log_file))
    require_base_url(ids, base_url, registry)
    require_writable_dir(archive_dir, "--archive")
    summaries: dict[str, str] = {}
    run_stats: dict[str, dict[str, Any]] = {}
    with console_progress(show_log=show_log):
        reasons = run_crawls(
            ids,
            archive_dir=archive_dir,
            base_url=base_url,
            overrides=settings,
            summaries=summaries,
            registry=registry,
            run_stats=run_stats,
        )
    for site_id, reason in reasons.items():
        click.echo(f"{site_id}: {reason}", err=True)
        if site_id in summaries:
            click.echo(f"{site_id}: {summaries[site_id]}", err=True)
    exit_if_interrupted()
    raise_if_disk_full(reasons, archive_dir)
    raise_if_archive_refused(reasons, run_stats)
    if any(reason != "finished" for reason in reasons.values()):
        sys.exit(1)
