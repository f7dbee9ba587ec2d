"""Where a report's metadata was read, stored once per distinct answer (index schema 8).

``reports.metadata_sources`` held a JSON object per report (field → where it was read:
``{"title": "header_block", "year": "title", …}``, docs/report-schema.md); a portal's reports
give the same few objects again and again, so the text was ~3 % of the index. Each distinct
object is now one row of ``metadata_source_sets`` and a report holds its id,
``reports.metadata_sources_id``; ``sources_json`` is the SQL that gives the text back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archive.interning import string_ids

if TYPE_CHECKING:
    from sqlite_utils import Database

TABLE = (
    "CREATE TABLE IF NOT EXISTS metadata_source_sets"
    " (id INTEGER PRIMARY KEY, sources TEXT NOT NULL UNIQUE)"
)


def ensure_source_sets(db: Database) -> None:
    """Create ``metadata_source_sets`` (idempotent)."""
    db.execute(TABLE)


def source_set_id(db: Database, sources: str | None) -> int | None:
    """The id of the JSON text ``sources`` (given one on first sight); None for None."""
    if sources is None:
        return None
    return string_ids(db, "metadata_source_sets", "sources", [sources])[sources]


def sources_json(column: str) -> str:
    """SQL for the JSON text the id in ``column`` names (NULL for NULL)."""
    return f"(SELECT s.sources FROM metadata_source_sets s WHERE s.id = {column})"
