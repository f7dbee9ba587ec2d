"""The ``nianbao`` commands that read a file or the archive and never crawl.

parse, reparse, history, verify and stats (``export`` and ``cat`` are in ``crawler.cli.feeds``): each is a thin body over one public
function of ``parsers`` or ``archive`` (warcio's ``cli.py`` calling ``checker.py``); none of
them imports Scrapy.

Settings read: none; the archive directory comes from ``--archive`` or ``NIANBAO_ARCHIVE``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

import archive
import parsers
from crawler.cli.options import archive_option, ocr_option, registry_option
from crawler.cli.summary import format_counts, format_table
from crawler.sites import load_sites


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print the nianbao.report/1 JSON."
)
@ocr_option
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


@click.command()
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Re-parse every document, not only outdated ones.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that extract and parse (default: one per CPU).",
)
@click.option(
    "--no-cache",
    "no_cache",
    is_flag=True,
    help="Extract every document again instead of reusing the archive's extractions.",
)
@ocr_option
@registry_option
@archive_option
def reparse(  # noqa: PLR0917 - one parameter per option (click)
    everything: bool,
    workers: int | None,
    no_cache: bool,
    ocr: bool,
    registry: Path | None,
    archive_dir: Path,
) -> None:
    """Re-extract and re-parse archived documents with the current parser.

    With --ocr, scans recorded as needs_ocr are read by OCR too. Reports whose organ's name
    gives no region code take the one their site's registry entry settles.
    Example: nianbao reparse --ocr --archive archive-data
    """
    summary = archive.reparse(
        archive_dir,
        only_outdated=not everything,
        workers=workers,
        reuse_extraction=not no_cache,
        ocr=ocr,
        site_regions={
            site.id: site.region_code for site in load_sites(registry).values()
        },
    )
    click.echo(summary.line())


@click.command()
@click.argument("report")
@archive_option
def history(report: str, archive_dir: Path) -> None:
    """Show the versions of one report (its key or a URL), their renditions, and what changed.

    Each version is one heading; under it, its renditions (the page, its attachments), the
    one exports read marked ``best``, and the cells that version changed.

    Example: nianbao history 'demo-trs:2022:示范区人民政府'
    """
    shown = None
    for version_ in archive.report_history(archive_dir, report):
        if version_.number != shown:  # one heading per version, then its renditions
            shown = version_.number
            newest = " (newest)" if version_.is_newest else ""
            click.echo(f"v{version_.number}{newest}")
        best = "best" if version_.is_best else "    "
        click.echo(
            f"  {best}  {version_.first_seen}  {version_.status}  "
            f"{version_.sha256[:12]}  {' '.join(version_.capture_urls)}"
        )
        for change in version_.changes:
            click.echo(
                f"    {change.section}.{change.row}.{change.column}: "
                f"{change.old} -> {change.new}"
            )


@click.command()
@archive_option
def verify(archive_dir: Path) -> None:
    """Re-read every WARC record and check it against the index and its digest.

    Exit status 1 when anything is wrong. Example: nianbao verify --archive archive-data
    """
    result = archive.verify(archive_dir)
    for problem in result.problems:
        click.echo(problem)
    count = len(result.problems)
    click.echo(
        f"{result.records_checked} records checked, "
        f"{count} problem{'' if count == 1 else 's'}",
        err=True,
    )
    if not result.ok:
        sys.exit(1)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@archive_option
def stats(as_json: bool, archive_dir: Path) -> None:
    """Show per-site crawl status and counts of the archive, as an aligned table.

    --json prints the same figures for monitoring (docs/operations.md).
    Example: nianbao stats --archive archive-data
    """
    data = archive.stats(archive_dir)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    rows = []
    for site_id, site in sorted(data["sites"].items()):
        last = site.get("last_crawl") or {}
        rows.append(
            [
                site_id,
                str(last.get("finished") or last.get("started") or "-"),
                str(last.get("status", "never")),
                str(site["captures"]),
                str(site["documents"]),
                format_counts(site.get("logical_reports", {})),
                format_counts(site["reports"]),
                format_counts(site["events"]),
            ]
        )
    header = ["site", "last crawl", "status", "captures", "documents", "reports"]
    header += ["parsed documents", "events"]
    click.echo(format_table(header, rows))
    totals = data["totals"]
    click.echo(
        f"total: {totals['crawls']} crawls, {totals['captures']} captures, "
        f"{totals['documents']} documents; {totals.get('logical_reports', 0)} reports"
        f" (by organ and year) in {totals.get('report_versions', 0)} versions and"
        f" {totals.get('report_documents', 0)} renditions; {totals['reports']} parsed documents"
    )
