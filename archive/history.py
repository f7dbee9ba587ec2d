"""``report_history``: the versions of one logical report, oldest first, with what changed.

Read-only over the index (``nianbao history REPORT``). One entry per document
filed under the key by ``archive.versions``, with its version number (renditions of one version,
such as a page and its attachment, share it); its cells are those of the document's newest
``reports`` row, and its changes are the cells whose exact value text differs from the previous
version's last document (a cell only one side has counts as a change from or to None).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from archive.documentids import DOCUMENT_ID
from archive.errors import ArchiveError, UnknownReportError
from archive.verify import open_index_readonly
from archive.versions import URL_KEY_PREFIX, canonical_url

if TYPE_CHECKING:
    from sqlite_utils import Database

logger = logging.getLogger(__name__)

Cell = tuple[str, str, str]  # (section, row_id, column_id)


@dataclass(frozen=True, slots=True)
class CellChange:
    """One cell that differs from the previous version (None: absent or not read)."""

    section: str
    row: str
    column: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class ReportVersion:
    """One version of a logical report: a distinct document and what it changed."""

    key: str
    number: int  # 1 = the oldest
    is_newest: bool
    is_best: (
        bool  # the rendition of this version that exports read (archive.renditions)
    )
    sha256: str
    first_seen: str
    capture_urls: tuple[
        str, ...
    ]  # every URL that served these bytes, first fetched first
    report_id: int | None  # None: a linked file no parser could read
    status: str
    agency: str | None
    year: int | None
    changes: tuple[CellChange, ...]  # versus the previous version; () for the first


def report_history(directory: str | Path, key_or_url: str) -> list[ReportVersion]:
    """The versions of a logical report, oldest first; the last one is the newest.

    ``key_or_url`` is a report key (``demo-trs:2021:示范区人民政府`` or ``url:…``) or a URL that
    served one of its documents; a URL whose documents were filed under several keys (the page
    was reused for another report) gives the key of the newest such document.

    Raises ``UnknownReportError`` when nothing matches, and ``ArchiveError`` for an index
    written before versions existed (schema 1: open it for writing once to upgrade it).
    """
    db = open_index_readonly(Path(directory))
    try:
        if "report_versions" not in db.table_names():
            msg = (
                f"the index of {directory} predates report versions (schema 1); open it for"
                " writing once (any crawl, or `nianbao reparse`) to upgrade it"
            )
            raise ArchiveError(msg)
        key = _resolve_key(db, key_or_url.strip())
        return _versions(db, key)
    finally:
        db.close()


def _resolve_key(db: Database, key_or_url: str) -> str:
    if not key_or_url.lower().startswith(("http://", "https://")):
        if _exists(db, key_or_url):
            return key_or_url
        msg = f"no report with key {key_or_url!r} in the archive"
        raise UnknownReportError(msg)
    by_capture = db.execute(
        "SELECT v.report_key FROM report_versions v"
        " JOIN captures c ON c.document_id = v.document_id"
        " JOIN documents d ON d.id = v.document_id"
        " WHERE c.url = ? OR c.final_url = ?"
        " ORDER BY v.first_seen DESC, d.sha256 DESC LIMIT 1",
        [key_or_url, key_or_url],
    ).fetchone()
    if by_capture is not None:
        return str(by_capture[0])
    url_key = URL_KEY_PREFIX + canonical_url(key_or_url)
    if _exists(db, url_key):
        return url_key
    msg = f"no report was captured at {key_or_url}"
    raise UnknownReportError(msg)


def _exists(db: Database, key: str) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM report_versions WHERE report_key = ? LIMIT 1", [key]
        ).fetchone()
        is not None
    )


def _versions(db: Database, key: str) -> list[ReportVersion]:
    best = (
        "v.is_best"
        if "is_best" in db.table("report_versions").columns_dict
        else "0"  # read-only on an index not upgraded yet
    )
    rows = db.execute(
        f"SELECT d.sha256, v.first_seen, v.version, v.is_newest, {best},"
        " (SELECT max(r.id) FROM reports r WHERE r.document_id = v.document_id)"
        " FROM report_versions v JOIN documents d ON d.id = v.document_id"
        " WHERE v.report_key = ? ORDER BY v.version, v.first_seen, d.sha256",
        [key],
    ).fetchall()
    out: list[ReportVersion] = []
    previous: dict[Cell, str | None] | None = (
        None  # the last document of the version before
    )
    current: dict[Cell, str | None] | None = None
    current_number = None
    for sha256, first_seen, number, is_newest, is_best, report_id in rows:
        status, agency, year = db.execute(
            "SELECT status, agency, year FROM reports WHERE id = ?", [report_id]
        ).fetchone() or ("unreadable", None, None)  # a file no parser could read
        cells = _cells(db, report_id) if report_id is not None else {}
        if number != current_number:
            previous, current_number = current, number
        if report_id is None:
            changes: tuple[CellChange, ...] = ()  # no cells read: nothing to compare
        else:
            changes = () if previous is None else _diff(previous, cells)
            current = cells
        out.append(
            ReportVersion(
                key=key,
                number=int(number),
                is_newest=bool(is_newest),
                is_best=bool(is_best),
                sha256=sha256,
                first_seen=first_seen,
                capture_urls=_capture_urls(db, sha256),
                report_id=None if report_id is None else int(report_id),
                status=status,
                agency=agency,
                year=year,
                changes=changes,
            )
        )
    return out


def _cells(db: Database, report_id: int) -> dict[Cell, str | None]:
    return {
        (section, row_id, column_id): value
        for section, row_id, column_id, value in db.execute(
            "SELECT section, row_id, column_id, value FROM report_values"
            " WHERE report_id = ?",
            [report_id],
        ).fetchall()
    }


def _diff(
    old: dict[Cell, str | None], new: dict[Cell, str | None]
) -> tuple[CellChange, ...]:
    """Cells whose value text differs, in (section, row, column) order."""
    return tuple(
        CellChange(cell[0], cell[1], cell[2], old.get(cell), new.get(cell))
        for cell in sorted(old.keys() | new.keys())
        if old.get(cell) != new.get(cell)
    )


def _capture_urls(db: Database, sha256: str) -> tuple[str, ...]:
    rows = db.execute(
        "SELECT url FROM captures"
        f" WHERE document_id = {DOCUMENT_ID}"
        " GROUP BY url ORDER BY min(fetched_at)",
        [sha256],
    ).fetchall()
    return tuple(r[0] for r in rows)
