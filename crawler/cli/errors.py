"""The one place where an error becomes a single ``Error: …`` line on stderr.

``CommandGroup`` is the ``nianbao`` group's class: every command runs inside its ``invoke``, so
a command raises the packages' typed errors and never formats them itself (sqlite-utils turns
its errors into ``ClickException`` the same way, once). Exit status 1 for these; click's own
usage errors keep status 2. ``nianbao --verbose`` re-raises, so the traceback shows.

A crawl stopped by SIGINT or SIGTERM exits 130 or 143, as a shell reports a process the signal
ended (``exit_if_interrupted``). A closed stdout (``nianbao export | head``) ends quietly: the
rest of the output is sent to ``/dev/null`` so the interpreter's final flush cannot raise
again, as the Python documentation on SIGPIPE recommends.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import TYPE_CHECKING, Any

import click

import archive
import parsers
from crawler.errors import (
    ARCHIVE_ERROR,
    ARCHIVE_ERROR_STAT,
    ARCHIVE_NOT_WRITABLE,
    DISK_FULL,
    DiskFullError,
    InvalidSettingError,
)
from crawler.jobstate import JobNameError
from crawler.shutdown import exit_status
from crawler.sites import SiteError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

#: What a command may raise and the user can act on; anything else is a bug and shows its traceback.
TYPED_ERRORS: tuple[type[Exception], ...] = (
    archive.ArchiveError,
    parsers.ParseError,
    parsers.ToolMissingError,
    SiteError,
    InvalidSettingError,
    JobNameError,
    OSError,
)


class CommandGroup(click.Group):
    """A click group whose commands' typed errors become one ``Error:`` line, exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            silence_stdout()
            ctx.exit(1)
        except TYPED_ERRORS as exc:
            if ctx.params.get("verbose"):
                raise
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)


def exit_if_interrupted() -> None:
    """After a crawl a stop signal ended: say how to go on, exit 128 + signal (130, 143)."""
    status = exit_status()
    if status is None:
        return
    click.echo(
        f"interrupted by {signal.Signals(status - 128).name}: the captures are kept; "
        "run the same command again to finish (it parses what this run stored)",
        err=True,
    )
    sys.exit(status)


def raise_if_disk_full(reasons: Mapping[str, str], archive_dir: Path) -> None:
    """``DiskFullError`` (one ``Error:`` line, exit 1) when a full disk stopped a crawl."""
    stopped = [site for site, reason in reasons.items() if reason == DISK_FULL]
    if stopped:
        msg = (
            f"the disk of {archive_dir} is full: stopped {', '.join(stopped)}; the captures "
            "so far are kept. Free space, then run the same command again (with --job NAME "
            "it resumes where it stopped)"
        )
        raise DiskFullError(msg)


def raise_if_archive_refused(
    reasons: Mapping[str, str], run_stats: Mapping[str, Mapping[str, Any]]
) -> None:
    """``ArchiveError`` saying why, when a crawl stopped because its archive would not open.

    The crawl's own log has the reason; without this, a crawl run without ``--log-file`` or
    ``--show-log`` printed only its close reason (``archive_error``) and the user could not
    tell a newer index from a damaged WARC tail or a read-only directory.
    """
    for site, reason in reasons.items():
        if reason in (ARCHIVE_ERROR, ARCHIVE_NOT_WRITABLE):
            why = run_stats.get(site, {}).get(ARCHIVE_ERROR_STAT, reason)
            msg = f"{site}: cannot open the archive: {why}"
            raise archive.ArchiveError(msg)


def silence_stdout() -> None:
    """Point stdout at ``/dev/null`` after its reader went away, so no flush raises again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (click's test runner)
        pass
    finally:
        os.close(devnull)
