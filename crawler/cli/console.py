"""What a crawl prints on the terminal: progress and the summary, Scrapy's log only on request.

A Scrapy crawl logs a few hundred lines (settings, middlewares, stats dumps) that an operator
reads only when something went wrong. By default ``nianbao crawl`` and ``nianbao demo`` turn
Scrapy's root handler off (``LOG_ENABLED=False``) and print, on stderr, the progress lines of
``crawler.extensions`` (one per site every ``NIANBAO_PROGRESS_INTERVAL`` seconds, and its final
figures) and the warnings of a stop (``crawler.shutdown``, ``crawler.diskfull``); the command
then prints its summary. ``-v`` shows Scrapy's whole log on stderr instead, and
``--log-file FILE`` writes it to FILE (Scrapy's ``LOG_FILE``) while the terminal stays quiet.
Settings written: ``LOG_ENABLED``, ``LOG_FILE``.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

#: Loggers whose records reach the terminal by default, with the lowest level shown.
CONSOLE_LOGGERS = {
    "crawler.extensions": logging.INFO,  # progress lines, final figures per site
    "crawler.shutdown": logging.WARNING,  # a stop signal
    "crawler.diskfull": logging.WARNING,  # a full disk
}


def log_options(func: Callable[..., object]) -> Callable[..., object]:
    """``-v/--verbose`` and ``--log-file`` for the commands that crawl."""
    func = click.option(
        "--log-file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write Scrapy's full log (INFO) to this file; the terminal stays quiet.",
    )(func)
    return click.option(
        "-v",
        "--verbose",
        "show_log",
        is_flag=True,
        help="Show Scrapy's full log on stderr (several hundred lines per crawl).",
    )(func)


def log_settings(*, show_log: bool, log_file: Path | None) -> dict[str, object]:
    """The Scrapy logging settings for ``-v`` / ``--log-file`` / neither."""
    if log_file is not None:
        return {"LOG_ENABLED": True, "LOG_FILE": str(log_file)}
    return {"LOG_ENABLED": show_log}


@contextlib.contextmanager
def console_progress(*, show_log: bool) -> Iterator[None]:
    """While the block runs, print ``CONSOLE_LOGGERS``' records on stderr (not with ``-v``)."""
    if show_log:
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(_is_for_the_console)
    top = logging.getLogger("crawler")
    level = top.level
    top.addHandler(handler)
    if top.getEffectiveLevel() > logging.INFO:
        top.setLevel(logging.INFO)
    try:
        yield
    finally:
        top.removeHandler(handler)
        top.setLevel(level)


def _is_for_the_console(record: logging.LogRecord) -> bool:
    lowest = CONSOLE_LOGGERS.get(record.name)
    return lowest is not None and record.levelno >= lowest
