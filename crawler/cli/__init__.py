"""The ``nianbao`` command line: one click group, one module per command family.

Where a new command goes: write it as a ``@click.command()`` in the module of its family
(``crawl.py``: crawl; ``demo.py``: demo; ``archive.py``: the verbs that read an archive or a
file; ``sites.py``: the registry), or in a new module beside them for a new family, and add it
to ``COMMANDS`` below, the one list of commands. Give it a docstring with one example and a thin
body that calls one public function. Raise the packages' typed errors and let them be: the group
(``crawler.cli.errors.CommandGroup``) prints them as one ``Error:`` line and exits 1, in one
place. Shared options (``--archive``, ``--ocr``) are in ``crawler.cli.options``. Import Scrapy
inside the command body, never at module level, so ``nianbao --help`` and the archive verbs
start fast. Every command must be in ``docs/cli.md`` (``tests/test_docs.py`` checks).

Data goes to stdout, progress and logs to stderr. Exit codes: 0 success, 1 a failure or a
finding (``verify`` found damage), 2 a usage error (click's own); ``--verbose`` shows the
traceback of an error. The console script is ``nianbao = "crawler.cli:main"``.
"""

from __future__ import annotations

from importlib.metadata import version

import click

from crawler.cli.analysis import browse, codebook, coverage
from crawler.cli.archive import history, parse, reparse, stats, verify
from crawler.cli.crawl import crawl
from crawler.cli.demo import demo
from crawler.cli.errors import CommandGroup
from crawler.cli.feeds import cat, export
from crawler.cli.merge import merge
from crawler.cli.options import DEFAULT_ARCHIVE, DEMO_ARCHIVE, archive_option
from crawler.cli.sites import sites

__all__ = [
    "COMMANDS",
    "DEFAULT_ARCHIVE",
    "DEMO_ARCHIVE",
    "archive_option",
    "cli",
    "main",
]

#: Every ``nianbao`` command (``--help`` lists them alphabetically).
COMMANDS: list[click.Command] = [
    demo,
    crawl,
    parse,
    reparse,
    history,
    verify,
    merge,
    export,
    cat,
    stats,
    coverage,
    codebook,
    browse,
    sites,
]


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version("nianbao"), prog_name="nianbao")
@click.option("--verbose", is_flag=True, help="Show tracebacks on errors.")
def cli(verbose: bool) -> None:
    """Crawl, archive and parse government information-disclosure annual reports."""


for _command in COMMANDS:
    cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    cli()
