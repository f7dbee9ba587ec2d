"""The ``nianbao`` commands that feed downstream programs: ``export`` and ``cat``.

``export`` writes a table as JSON Lines or CSV, the report documents as files (``--files``) or
a WACZ package (``--format wacz``); every form takes ``--since`` (a crawl id or a timestamp)
and reports the cursor to pass next time on stderr, or keeps it in ``--cursor-file`` (read
when ``--since`` is not given, rewritten after a successful export), so a scheduled job pulls
only what changed (``archive.feeds``). ``cat`` writes one document's exact bytes. Thin bodies
over ``archive.export``, ``archive.files_out`` and ``archive.wacz``; no Scrapy.

Settings read: none; the archive directory comes from ``--archive`` or ``NIANBAO_ARCHIVE``.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from archive.export import export_feed
from archive.files_out import document_bytes, write_files
from archive.outfiles import replacing
from archive.wacz import write_wacz
from crawler.cli.options import archive_option

if TYPE_CHECKING:
    from collections.abc import Iterator

TABLES = [
    "reports",
    "values",
    "wide",
    "texts",
    "captures",
    "documents",
    "report_values",
    "events",
]


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "wacz"]),
    default="jsonl",
    show_default=True,
    help="wacz: a WACZ package of the WARC records (needs -o FILE.wacz).",
)
@click.option(
    "--table",
    type=click.Choice(TABLES),
    default="reports",
    show_default=True,
    help="reports: one row per logical report version; values: one row per cell of the"
    " newest versions, with Chinese labels; wide: one row per report, a column per cell;"
    " texts: each document's extracted text and table grids, with provenance.",
)
@click.option("--wide", is_flag=True, help="Same as --table wide.")
@click.option(
    "--excel", is_flag=True, help="CSV with a UTF-8 byte-order mark, for Excel."
)
@click.option(
    "--all-versions",
    is_flag=True,
    help="--table values: every version's cells, not only the newest.",
)
@click.option(
    "--files",
    "files_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the report documents as files named by sha256, with manifest.jsonl.",
)
@click.option(
    "--since", default=None, help="Only what changed after this crawl id or time."
)
@click.option(
    "--cursor-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Read the cursor from this file (when --since is not given); write the next one.",
)
@click.option("--site", default=None, help="--format wacz: only this site's captures.")
@click.option(
    "-o",
    "--output",
    default="-",
    help="Output file (default stdout; a .wacz file for --format wacz).",
)
@archive_option
def export(
    *,
    fmt: str,
    table: str,
    wide: bool,
    excel: bool,
    all_versions: bool,
    files_dir: Path | None,
    since: str | None,
    cursor_file: Path | None,
    site: str | None,
    output: str,
    archive_dir: Path,
) -> None:
    """Export reports, cells, texts or a table as JSON Lines or CSV; files; or a WACZ package.

    Example: nianbao export --table texts --cursor-file texts.cursor -o new-texts.jsonl
    """
    if site is not None and fmt != "wacz":
        raise click.UsageError("--site goes with --format wacz")
    if since is None and cursor_file is not None and cursor_file.is_file():
        since = cursor_file.read_text(encoding="utf-8").strip() or None
    if files_dir is not None:
        done = write_files(archive_dir, files_dir, since=since)
        click.echo(
            f"{done.files} files ({done.written} written) in {files_dir}", err=True
        )
        cursor = done.cursor
    elif fmt == "wacz":
        if output == "-":
            raise click.UsageError("--format wacz needs -o FILE.wacz")
        packed = write_wacz(archive_dir, output, site=site, since=since)
        click.echo(
            f"{packed.records} records, {packed.pages} pages in {output}", err=True
        )
        cursor = packed.cursor
    else:
        with _output(output) as out:
            result = export_feed(
                archive_dir,
                table="wide" if wide else table,  # type: ignore[arg-type]
                fmt="csv" if excel else fmt,  # type: ignore[arg-type]
                out=out,
                excel=excel,
                all_versions=all_versions,
                since=since,
            )
        click.echo(f"{result.rows} rows", err=True)
        cursor = result.cursor
    _report_cursor(cursor, cursor_file)


def _report_cursor(cursor: str | None, cursor_file: Path | None) -> None:
    if cursor is None:
        return
    if cursor_file is None:
        click.echo(f"next cursor: {cursor}", err=True)
        return
    with replacing(cursor_file) as part:
        part.write_text(cursor + "\n", encoding="utf-8")


@contextlib.contextmanager
def _output(output: str) -> Iterator[TextIO]:
    """Standard output for ``-``; else the file, under its name only once it is whole.

    (click's ``open_file(atomic=True)`` renames its part over the file even when the export
    fails half-way, which is what must not happen.)
    """
    if output == "-":
        yield sys.stdout
        return
    with replacing(output) as part, part.open("w", encoding="utf-8") as out:
        yield out


@click.command()
@click.argument("sha256")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None
)
@archive_option
def cat(sha256: str, output: Path | None, archive_dir: Path) -> None:
    """Write a document's exact bytes, read from the WARC and checked against SHA256.

    Example: nianbao cat 9f86d081884c7d65… -o report.pdf
    """
    body = document_bytes(archive_dir, sha256)
    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        return
    with replacing(output) as part:
        part.write_bytes(body)
    click.echo(f"{len(body)} bytes to {output}", err=True)
