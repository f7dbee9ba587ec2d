"""The registry family of ``nianbao`` commands: list, import, check and discover sites.

``nianbao sites`` lists the portals of a registry; ``sites import FILE.csv`` turns a list of
portals into validated entries (``crawler.registry_import``); ``sites check`` lints a registry
(``crawler.registry_check``, exit 1 on findings); ``sites discover ID`` finds a site's 年报
columns from its home or platform page (``crawler.discover_run``; Scrapy is imported only
there). Every command takes ``--registry FILE`` (default: the bundled ``crawler/sites.toml``).
Settings read: none here; ``discover -s NAME=VALUE`` overrides go to Scrapy's settings.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from crawler.cli.options import registry_option, split_setting
from crawler.registry_check import check_registry
from crawler.registry_import import HEADERS, entries_to_toml, import_portals
from crawler.sites import DEFAULT_REGISTRY, get_site, load_sites


@click.group(invoke_without_command=True)
@registry_option
@click.pass_context
def sites(ctx: click.Context, registry: Path | None) -> None:
    """List the sites of the registry, or import, check or discover sites.

    Example: nianbao sites --registry national.toml
    """
    if ctx.invoked_subcommand is None:
        _list(registry)


@sites.command("list")
@registry_option
def list_sites(registry: Path | None) -> None:
    """List the sites of the registry: id, region code, name.

    Example: nianbao sites list --registry national.toml
    """
    _list(registry)


def _list(registry: Path | None) -> None:
    for site in load_sites(registry).values():
        marker = " (local sample portal)" if site.local else ""
        click.echo(f"{site.id}\t{site.region_code}\t{site.name}{marker}")


@sites.command("import")
@click.argument(
    "csv_file", type=click.Path(dir_okay=False, exists=True, path_type=Path)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the entries here instead of stdout.",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=HEADER",
    help=f"Read FIELD from the column HEADER (fields: {', '.join(HEADERS)}).",
)
@click.option(
    "--encoding", default="utf-8-sig", show_default=True, help="The CSV's encoding."
)
@click.option("--interval", default="30d", show_default=True, help="crawl_interval.")
@registry_option
def import_(
    *,
    csv_file: Path,
    output: Path | None,
    columns: tuple[str, ...],
    encoding: str,
    interval: str,
    registry: Path | None,
) -> None:
    """Turn a CSV list of portals into registry entries (TOML); report rows left out.

    Rows whose host is already in --registry are left out too. Exit 1 when a row was left out.

    Example: nianbao sites import portals.csv -o national.toml
    """
    mapping = dict(split_setting(item, "--column") for item in columns)
    known = load_sites(registry).values() if registry is not None else ()
    result = import_portals(
        csv_file, encoding=encoding, columns=mapping, interval=interval, known=known
    )
    text = entries_to_toml(result.entries)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
    for finding in result.findings:
        click.echo(finding.line(), err=True)
    click.echo(
        f"{len(result.entries)} entries from {result.rows} rows; "
        f"{len(result.findings)} left out",
        err=True,
    )
    if result.findings:
        sys.exit(1)


@sites.command("check")
@registry_option
def check(registry: Path | None) -> None:
    """Lint a registry: bad fields, unknown region codes, duplicate ids and hosts.

    Prints one finding per line (ID, field, problem); exit 1 when there is any.

    Example: nianbao sites check --registry national.toml
    """
    findings = check_registry(registry or DEFAULT_REGISTRY)
    for finding in findings:
        click.echo(finding.line())
    if findings:
        click.echo(f"{len(findings)} findings", err=True)
        sys.exit(1)


@sites.command("discover")
@click.argument("site_id")
@registry_option
@click.option("--base-url", help="Base URL of a local (sample-portal) site.")
@click.option(
    "-s",
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy setting (e.g. PORTAL_DISCOVERY_BUDGET=50).",
)
@click.option(
    "--toml",
    "as_toml",
    is_flag=True,
    help="Print the registry fields to pin (report_columns, cms, sister_hosts) as TOML.",
)
def discover(
    site_id: str,
    registry: Path | None,
    base_url: str | None,
    overrides: tuple[str, ...],
    as_toml: bool,
) -> None:
    """Find a site's 年报 columns from its start page; print them to pin in the registry.

    Example: nianbao sites discover demo-platform --base-url http://127.0.0.1:8000/
    """
    from crawler.discover_run import discover_site, pin_toml  # noqa: PLC0415 (Scrapy start-up)

    settings = dict(split_setting(item, "-s") for item in overrides)
    found = discover_site(
        site_id, registry=registry, base_url=base_url, overrides=settings
    )
    if as_toml:
        local = get_site(site_id, registry).local
        click.echo(pin_toml(found, local=local), nl=False)
    else:
        for url in found.get("columns", []):
            click.echo(f"column\t{url}")
        click.echo(f"cms\t{found.get('cms') or 'unknown'}")
        for host in found.get("sister_hosts", []):
            click.echo(f"sister-host\t{host}")
    spent = (
        f"requests\t{found.get('requests', 0)} of {found.get('budget', '?')}"
        f" (pages before the first column: {found.get('before_first_column')})"
    )
    click.echo(spent, err=as_toml)
    if found.get("finish_reason") != "finished" or not found.get("columns"):
        click.echo(f"{site_id}: no report column found", err=True)
        sys.exit(1)
