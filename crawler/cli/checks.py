"""Usage checks of ``nianbao crawl``'s and ``nianbao demo``'s own options, before Scrapy starts.

A missing or malformed ``--base-url`` or ``--job`` used to surface inside the crawl as a
Twisted traceback suggesting Scrapy's ``-a base_url=``, and an archive directory that cannot
be written as a misleading message at the end; here each is a usage error (exit 2) that names
the option the user typed. Settings read: none.
"""

from __future__ import annotations

import tempfile
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import click

from crawler.jobstate import JobNameError, job_dir
from crawler.sites import get_site

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path


def checked_base_url(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    """``--base-url``: an absolute http(s) URL with a host (and a valid port, if any)."""
    if value is None:
        return None
    try:
        parts = urlsplit(value)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
        parts = urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        msg = f"expected an http(s) URL such as http://127.0.0.1:8000/, got {value!r}"
        raise click.BadParameter(msg)
    return value


def checked_job_name(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    """``--job``: one safe path component (``crawler.jobstate.job_dir`` decides)."""
    if value is None:
        return None
    try:
        job_dir(".", value, "site")
    except JobNameError as exc:
        raise click.BadParameter(str(exc)) from exc
    return value


def require_base_url(
    site_ids: Sequence[str], base_url: str | None, registry: Path | None = None
) -> None:
    """A usage error when a local (sample-portal) site is asked for without ``--base-url``."""
    if base_url is not None:
        return
    local = [i for i in site_ids if not get_site(i, registry).is_crawlable_alone]
    if local:
        msg = (
            f"the local site {', '.join(local)} needs --base-url "
            "(the sample portal's address, e.g. http://127.0.0.1:8000/)"
        )
        raise click.UsageError(msg)


def require_writable_dir(directory: Path, option: str) -> None:
    """A usage error naming ``option`` when ``directory`` cannot be created or written.

    Checked before anything starts (the demo's portal, Scrapy): otherwise the crawl opens,
    fails to archive and ends with a message about something else.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        msg = f"cannot create or write {directory} ({reason})"
        raise click.BadParameter(msg, param_hint=option) from exc
