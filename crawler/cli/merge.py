"""``nianbao merge``: several workers' archives (one per host shard) as one archive.

A thin body over ``archive.merge.merge`` (content-addressed: documents by sha256, WARC files
copied once, rows matched by content, parse rows copied; idempotent and order-free). A
refused merge (an input open in a crawl, not an archive, of another index schema, damaged) is
an ``ArchiveError`` the group prints as one ``Error:`` line. Settings read: none.
"""

from __future__ import annotations

from pathlib import Path

import click

from archive.merge import merge as merge_archives
from crawler.archiving import software_version


@click.command()
@click.argument(
    "inputs",
    nargs=-1,
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
)
@click.option(
    "--into",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The merged archive (created if missing; merging into it again adds only what is new).",
)
def merge(inputs: tuple[Path, ...], into: Path) -> None:
    """Merge archives (one per shard or worker) into one, content-addressed.

    Example: nianbao merge shard-0 shard-1 --into archive-data
    """
    result = merge_archives(inputs, into, software_version=software_version())
    click.echo(result.line())
