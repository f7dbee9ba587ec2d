"""The options several ``nianbao`` commands share, spelled once.

Like sqlite-utils' ``output_options``: one decorator per shared option, so every command
spells ``--archive``, ``--ocr`` and ``--registry`` the same way. Kept apart from ``crawler.cli`` so the command
modules can use them without importing the group that imports them.

Settings read: none; the environment variable ``NIANBAO_ARCHIVE`` is the ``--archive`` default.
"""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_ARCHIVE = "archive-data"
DEMO_ARCHIVE = "nianbao-demo"

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

registry_option = click.option(
    "--registry",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Sites registry file (TOML, the format of crawler/sites.toml). Default: the bundled one.",
)


def split_setting(item: str, option: str = "-s") -> tuple[str, str]:
    """``NAME=VALUE`` as a pair; a usage error naming ``option`` otherwise."""
    name, sep, value = item.partition("=")
    if not sep or not name:
        raise click.BadParameter(
            f"expected NAME=VALUE, got {item!r}", param_hint=option
        )
    return name, value
