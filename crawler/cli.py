"""The ``nianbao`` command line: one thin verb per public function.

Data goes to stdout, progress and logs to stderr. Exit codes: 0 success, 1 a failure or a
finding (``verify`` found damage), 2 a usage error (click's own). Errors of the packages are
printed as one ``Error: …`` line; ``--verbose`` shows the traceback too.

This module is the group and the console-script entry point (``nianbao = "crawler.cli:main"``);
the commands live in ``crawler.cli_crawl`` (demo, crawl, sites) and ``crawler.cli_archive``
(parse, reparse, history, verify, export, stats), their shared options in ``crawler.cli_options``.
"""

from __future__ import annotations

from importlib.metadata import version

import click

from crawler.cli_archive import export, history, parse, reparse, stats, verify
from crawler.cli_crawl import crawl, demo, sites
from crawler.cli_options import DEFAULT_ARCHIVE, DEMO_ARCHIVE, archive_option

__all__ = ["DEFAULT_ARCHIVE", "DEMO_ARCHIVE", "archive_option", "cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version("nianbao"), prog_name="nianbao")
@click.option("--verbose", is_flag=True, help="Show tracebacks on errors.")
def cli(verbose: bool) -> None:
    """Crawl, archive and parse government information-disclosure annual reports."""


for _command in (demo, crawl, parse, reparse, history, verify, export, stats, sites):
    cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    cli()


if __name__ == "__main__":
    main()
