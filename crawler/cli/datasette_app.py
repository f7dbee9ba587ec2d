"""The Datasette that ``nianbao browse`` serves, with SQL functions for the compressed texts.

It serves the index with its metadata and pages; imported only when the command runs with the
optional extra ``browse`` installed. The index keeps each document's extracted text and grids
zlib-compressed (``texts.content``); this module is a Datasette plugin (a module with a
``prepare_connection`` hook, registered in this process) that gives every connection
``nianbao_text(content)`` and ``nianbao_tables(content)``, so the texts read as text in
Datasette's SQL, as they do through the archive's own API.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datasette import hookimpl  # type: ignore[import-untyped]
from datasette.app import Datasette  # type: ignore[import-untyped]
from datasette.plugins import pm  # type: ignore[import-untyped]

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
    """Datasette over the archive's index with its metadata, pages and text functions."""
    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(sys.modules[__name__], name=PLUGIN_NAME)
    return Datasette(
        [str(Path(archive_dir) / "index.sqlite")],
        metadata=metadata,
        template_dir=str(templates),
    )
