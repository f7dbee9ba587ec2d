"""The ``nianbao`` commands for analysts: coverage, codebook, browse.

Each is a thin body over one public function of ``archive`` (``coverage``, ``write_codebook``,
``browse_metadata``). ``browse`` runs Datasette, the optional extra ``browse``
(``pip install 'nianbao[browse]'``), in this process (imported in the command body) and bound
to 127.0.0.1 only: the index holds nothing secret, but a crawler's machine is no public web
server.

Settings read: none; the archive directory comes from ``--archive`` or ``NIANBAO_ARCHIVE``.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

import archive
from crawler.cli.options import archive_option


@click.command()
@click.option("--html", "html_file", type=click.File("w", encoding="utf-8"),
              help="Also write a self-contained HTML heat-map to this file.")  # fmt: skip
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV instead of the table.")
@archive_option
def coverage(html_file: Any, as_csv: bool, archive_dir: Path) -> None:
    """Show which years each site has reports for: ok, partial, unreadable, missing.

    A year missing between two published years is a gap (exit status stays 0: a gap is
    a finding about the portal, not a failure).

    Example: nianbao coverage --html coverage.html
    """
    table = archive.coverage(archive_dir)
    if as_csv:
        archive.coverage_csv(table, sys.stdout)
    else:
        archive.coverage_text(table, sys.stdout)
    if html_file is not None:
        html_file.write(archive.coverage_html(table))
        click.echo(f"heat-map written to {html_file.name}", err=True)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
)
def codebook(fmt: str) -> None:
    """Print every cell id with its Chinese labels, kind and rules.

    Example: nianbao codebook --format csv > codebook.csv
    """
    count = archive.write_codebook(sys.stdout, fmt=fmt)  # type: ignore[arg-type]
    click.echo(f"{count} cells", err=True)


@click.command()
@click.option("--port", type=int, default=8001, show_default=True)
@click.option(
    "--print-metadata",
    is_flag=True,
    help="Print the Datasette metadata as JSON and exit.",
)
@archive_option
def browse(port: int, print_metadata: bool, archive_dir: Path) -> None:
    """Browse the archive's index in Datasette on 127.0.0.1 (extra: nianbao[browse]).

    Facets, canned queries (applications per organ per year, reports breaking their
    format's rules, coverage gaps) and a coverage heat-map at /coverage.

    Example: nianbao browse --archive archive-data --port 8001
    """
    metadata = archive.browse_metadata(archive_dir)
    if print_metadata:
        click.echo(json.dumps(metadata, ensure_ascii=False, indent=2))
        return
    if importlib.util.find_spec("datasette") is None:
        msg = "nianbao browse needs Datasette: pip install 'nianbao[browse]'"
        raise click.ClickException(msg)
    # optional: imported only when the extra is installed and the command runs
    import uvicorn  # noqa: PLC0415 (Datasette's own server, installed with it)

    from crawler.cli.datasette_app import make_datasette  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="nianbao-browse-") as tmp:
        templates = Path(tmp) / "templates"
        archive.write_browse_files(archive_dir, templates)
        ds = make_datasette(archive_dir, metadata, templates)
        asyncio.run(ds.invoke_startup())
        click.echo(f"Datasette at http://127.0.0.1:{port}/ (Ctrl-C stops it)", err=True)
        # in this process, as `datasette serve` does: a signal that stops nianbao stops it
        uvicorn.run(ds.app(), host="127.0.0.1", port=port, log_level="warning")
