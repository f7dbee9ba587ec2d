"""The ``nianbao`` command line: one thin verb per public function.

Data goes to stdout, progress and logs to stderr. Exit codes: 0 success, 1 a failure or a
finding (``verify`` found damage), 2 a usage error (click's own). Errors of the packages are
printed as one ``Error: …`` line; ``--verbose`` shows the traceback too.
"""

from __future__ import annotations

import functools
import json
import sys
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

import archive
import parsers
from crawler.sites import SiteError, load_sites
from crawler.summary import format_counts

if TYPE_CHECKING:
    from collections.abc import Callable

F = TypeVar("F", bound="Callable[..., Any]")

DEFAULT_ARCHIVE = "archive-data"
DEMO_ARCHIVE = "nianbao-demo"


def _fail_cleanly(func: F) -> F:
    """Turn the packages' typed errors into one ``Error:`` line and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (
            archive.ArchiveError,
            parsers.ParseError,
            parsers.ToolMissingError,
            SiteError,
            OSError,
        ) as exc:
            if click.get_current_context().find_root().params.get("verbose"):
                raise
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


_OCR_OPTION = click.option(
    "--ocr",
    is_flag=True,
    help="Read scanned PDFs by OCR (needs tesseract-ocr and tesseract-ocr-chi-sim; slow).",
)

archive_option = click.option(
    "--archive",
    "archive_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_ARCHIVE,
    envvar="NIANBAO_ARCHIVE",
    show_default=True,
    help="Archive directory (WARC files + index.sqlite). Env: NIANBAO_ARCHIVE.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version("nianbao"), prog_name="nianbao")
@click.option("--verbose", is_flag=True, help="Show tracebacks on errors.")
def cli(verbose: bool) -> None:
    """Crawl, archive and parse government information-disclosure annual reports."""


@cli.command()
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
@_fail_cleanly
def demo(archive_dir: Path, seed: int, size: int) -> None:
    """Crawl the bundled sample portal on 127.0.0.1 end to end and print a summary.

    Example: nianbao demo --dir /tmp/nianbao-demo
    """
    from crawler.demo import run_demo  # noqa: PLC0415 (Scrapy start-up only when crawling)

    summary = run_demo(archive_dir=archive_dir, seed=seed, size=size)
    click.echo(summary)


@cli.command()
@click.option(
    "--site", "site_ids", multiple=True, help="Site id from the registry (repeatable)."
)
@click.option(
    "--all", "all_sites", is_flag=True, help="Every non-local site in the registry."
)
@click.option(
    "--due",
    is_flag=True,
    help="Every non-local site whose crawl_interval passed since its last finished crawl.",
)
@click.option(
    "--refresh", is_flag=True, help="Re-check every archived report and attachment."
)
@click.option("--base-url", help="Base URL of a local (sample-portal) site.")
@click.option(
    "--job",
    metavar="NAME",
    help="Resumable job: state in ARCHIVE/jobs/NAME/SITE; rerun with the same NAME to resume.",
)
@click.option(
    "-s",
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy setting (repeatable).",
)
@archive_option
@_fail_cleanly
def crawl(
    *,
    site_ids: tuple[str, ...],
    all_sites: bool,
    due: bool,
    refresh: bool,
    base_url: str | None,
    job: str | None,
    overrides: tuple[str, ...],
    archive_dir: Path,
) -> None:
    """Crawl sites of the registry into the archive.

    Example: nianbao crawl --site demo-trs --base-url http://127.0.0.1:8000/
    """
    from crawler.run import run_crawls  # noqa: PLC0415

    if [bool(site_ids), all_sites, due].count(True) != 1:
        raise click.UsageError(
            "give exactly one of --site ID (repeatable), --all, --due"
        )
    registry = [site for site in load_sites().values() if not site.local]
    ids = list(site_ids) or [site.id for site in registry]
    if due:
        intervals = {site.id: site.crawl_interval for site in registry}
        ids = archive.due_sites(archive_dir, intervals, now=datetime.now(UTC))
        if not ids:
            click.echo("no site is due", err=True)
            return
    settings: dict[str, object] = dict(_split_setting(item) for item in overrides)
    if refresh:
        settings["NIANBAO_REFRESH"] = True
    if job is not None:
        settings["NIANBAO_JOB"] = job
    summaries: dict[str, str] = {}
    reasons = run_crawls(
        ids,
        archive_dir=archive_dir,
        base_url=base_url,
        overrides=settings,
        summaries=summaries,
    )
    for site_id, reason in reasons.items():
        click.echo(f"{site_id}: {reason}", err=True)
        if site_id in summaries:
            click.echo(f"{site_id}: {summaries[site_id]}", err=True)
    if any(reason != "finished" for reason in reasons.values()):
        sys.exit(1)


def _split_setting(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep or not name:
        raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="-s")
    return name, value


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print the nianbao.report/1 JSON."
)
@_OCR_OPTION
@_fail_cleanly
def parse(file: Path, as_json: bool, ocr: bool) -> None:
    """Parse one report file (HTML, text, PDF, DOC/WPS, DOCX, XLS/XLSX, OFD) and print it.

    The type is read from the bytes, not the file name. Example: nianbao parse report.pdf --json
    """
    media_type = {".html": "text/html", ".htm": "text/html", ".shtml": "text/html"}.get(
        file.suffix.lower()
    )
    source = parsers.Source(
        body=file.read_bytes(), url=file.resolve().as_uri(), media_type=media_type
    )
    options = parsers.ExtractionOptions(ocr=ocr)
    report = parsers.parse_report(parsers.extract(source, options=options))
    data = parsers.report_to_json(report)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{data['year']} {data['agency']} format={data['format']} status={data['status']}"
    )
    for problem in data["problems"]:
        click.echo(f"  {problem['kind']}: {problem['where']} {problem['detail']}")


@cli.command()
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Re-parse every document, not only outdated ones.",
)
@_OCR_OPTION
@archive_option
@_fail_cleanly
def reparse(everything: bool, ocr: bool, archive_dir: Path) -> None:
    """Re-extract and re-parse archived documents with the current parser.

    With --ocr, scans recorded as needs_ocr are read by OCR too.
    Example: nianbao reparse --ocr --archive archive-data
    """
    summary = archive.reparse(archive_dir, only_outdated=not everything, ocr=ocr)
    click.echo(str(summary))


@cli.command()
@click.argument("report")
@archive_option
@_fail_cleanly
def history(report: str, archive_dir: Path) -> None:
    """Show the versions of one report (its key or a URL) and the cells each version changed.

    Example: nianbao history 'demo-trs:2022:示范区人民政府'
    """
    for version_ in archive.report_history(archive_dir, report):
        newest = " (newest)" if version_.is_newest else ""
        click.echo(
            f"v{version_.number}{newest}  {version_.first_seen}  {version_.status}  "
            f"{version_.sha256[:12]}  {' '.join(version_.capture_urls)}"
        )
        for change in version_.changes:
            click.echo(
                f"    {change.section}.{change.row}.{change.column}: "
                f"{change.old} -> {change.new}"
            )


@cli.command()
@archive_option
@_fail_cleanly
def verify(archive_dir: Path) -> None:
    """Re-read every WARC record and check it against the index and its digest.

    Exit status 1 when anything is wrong. Example: nianbao verify --archive archive-data
    """
    result = archive.verify(archive_dir)
    for problem in result.problems:
        click.echo(problem)
    click.echo(
        f"{result.records_checked} records checked, {len(result.problems)} problems",
        err=True,
    )
    if not result.ok:
        sys.exit(1)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
)
@click.option(
    "--table",
    type=click.Choice(["captures", "documents", "reports", "report_values", "events"]),
    default="reports",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Output file (default stdout).",
)
@archive_option
@_fail_cleanly
def export(fmt: str, table: str, output: Any, archive_dir: Path) -> None:
    """Export a table of the archive as JSON Lines or CSV.

    Example: nianbao export --table report_values --format csv -o values.csv
    """
    rows = archive.export(archive_dir, table=table, fmt=fmt, out=output)  # type: ignore[arg-type]
    click.echo(f"{rows} rows", err=True)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@archive_option
@_fail_cleanly
def stats(as_json: bool, archive_dir: Path) -> None:
    """Show per-site crawl status and counts of the archive.

    Example: nianbao stats --archive archive-data
    """
    data = archive.stats(archive_dir)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    click.echo("site\tlast crawl\tstatus\tcaptures\tdocuments\treports\tevents")
    for site_id, site in sorted(data["sites"].items()):
        last = site.get("last_crawl") or {}
        click.echo(
            "\t".join(
                [
                    site_id,
                    str(last.get("finished") or last.get("started") or "-"),
                    str(last.get("status", "never")),
                    str(site["captures"]),
                    str(site["documents"]),
                    format_counts(site["reports"]),
                    format_counts(site["events"]),
                ]
            )
        )
    totals = data["totals"]
    click.echo(
        f"total: {totals['crawls']} crawls, {totals['captures']} captures, "
        f"{totals['documents']} documents, {totals['reports']} reports"
    )


@cli.command()
@_fail_cleanly
def sites() -> None:
    """List the sites of the registry.

    Example: nianbao sites
    """
    for site in load_sites().values():
        marker = " (local sample portal)" if site.local else ""
        click.echo(f"{site.id}\t{site.region_code}\t{site.name}{marker}")


def main() -> None:
    """Console-script entry point."""
    cli()


if __name__ == "__main__":
    main()
