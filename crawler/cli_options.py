"""What every ``nianbao`` command shares: the typed-error handler and the common options.

Like sqlite-utils' ``output_options``: one decorator per shared option, so the commands of
``crawler.cli_crawl`` and ``crawler.cli_archive`` spell them the same way. Kept apart from
``crawler.cli`` so those modules can use them without importing the group that imports them.
The typed errors of the packages become one ``Error: …`` line and exit status 1;
``nianbao --verbose`` shows the traceback instead.

Settings read: none; the environment variable ``NIANBAO_ARCHIVE`` is the ``--archive`` default.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

import archive
import parsers
from crawler.errors import InvalidSettingError
from crawler.sites import SiteError

if TYPE_CHECKING:
    from collections.abc import Callable

F = TypeVar("F", bound="Callable[..., Any]")

DEFAULT_ARCHIVE = "archive-data"
DEMO_ARCHIVE = "nianbao-demo"


def fail_cleanly(func: F) -> F:
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
            InvalidSettingError,
            OSError,
        ) as exc:
            if click.get_current_context().find_root().params.get("verbose"):
                raise
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


ocr_option = click.option(
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
