"""The Datasette that ``nianbao browse`` serves, with SQL functions for the compressed texts.

It serves the index with its metadata and pages, and beside it the archive's extraction store
``extracted.sqlite``, where each document's extracted text and grids are kept zlib-compressed
(``archive.textstore``); imported only when the command runs with the optional extra
``browse`` installed. This module is a Datasette plugin (a module with a
``prepare_connection`` hook, registered in this process) that gives every connection
``nianbao_text(value)`` and ``nianbao_tables(value)``, so the texts read as text in
Datasette's SQL, as they do through the archive's own API.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datasette import hookimpl  # type: ignore[import-untyped]
from datasette.app import Datasette  # type: ignore[import-untyped]
from datasette.plugins import pm  # type: ignore[import-untyped]

from archive.extract_cache import FILENAME
from archive.textstore import register_text_functions

if TYPE_CHECKING:
    import sqlite3

#: The name this module is registered under in Datasette's plugin manager.
PLUGIN_NAME = "nianbao-texts"


@hookimpl  # type: ignore[untyped-decorator]
def prepare_connection(conn: sqlite3.Connection) -> None:
    """Datasette hook: the text functions on every connection it opens."""
    register_text_functions(conn)


def make_datasette(
    archive_dir: str | Path, metadata: dict[str, Any], templates: Path
) -> Datasette:
    """Datasette over the archive's index and texts with its metadata, pages, text functions."""
    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(sys.modules[__name__], name=PLUGIN_NAME)
    files = [Path(archive_dir) / "index.sqlite", Path(archive_dir) / FILENAME]
    return Datasette(
        [str(path) for path in files if path.exists()],
        metadata=metadata,
        template_dir=str(templates),
    )
