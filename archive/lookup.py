"""Read-only queries on the index that the crawler asks an open ``Archive`` while it crawls.

Conditional requests and the revisit policy (``crawler.incremental``) read a URL's captures, a
resumed job (``crawler.resume``) finds what its earlier crawls fetched, and the crawl summary
asks about report versions. None of them writes; ``Archive`` exposes each as a method of the
same name, so callers hold one object for the crawl.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from archive.documentids import DOCUMENT_ID

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlite_utils import Database


@dataclass(frozen=True, slots=True)
class CaptureRow:
    """What the last capture of a URL said, for conditional requests (If-None-Match …)."""

    url: str
    status: int
    etag: str | None
    last_modified: str | None
    sha256: str
    fetched_at: str


@dataclass(frozen=True, slots=True)
class JobCapture:
    """A GET capture an earlier crawl of a resumed job made: replayed instead of refetched."""

    url: str
    final_url: str | None
    status: int
    kind: str
    sha256: str


def last_capture(db: Database, url: str) -> CaptureRow | None:
    """The newest 200/304 capture of ``url``, with its validators, or None."""
    row = db.execute(
        "SELECT c.url, c.status, c.etag, c.last_modified, d.sha256, c.fetched_at"
        " FROM captures c JOIN documents d ON d.id = c.document_id"
        # a soft-404 or challenge page is stored with status 200 but is no copy of the URL
        " WHERE c.url = ? AND c.status IN (200, 304) AND c.kind NOT IN ('soft-404', 'error')"
        " ORDER BY c.fetched_at DESC, c.id DESC LIMIT 1",
        [url],
    ).fetchone()
    return None if row is None else CaptureRow(*row)


def first_capture(db: Database, url: str) -> CaptureRow | None:
    """The oldest 200 capture of ``url``: when the archive first had it (revisit policy)."""
    row = db.execute(
        "SELECT c.url, c.status, c.etag, c.last_modified, d.sha256, c.fetched_at"
        " FROM captures c JOIN documents d ON d.id = c.document_id"
        " WHERE c.url = ? AND c.status = 200 AND c.kind NOT IN ('soft-404', 'error')"
        " ORDER BY c.fetched_at, c.id LIMIT 1",
        [url],
    ).fetchone()
    return None if row is None else CaptureRow(*row)


def report_published(db: Database, url: str) -> str | None:
    """The publication date the newest report parsed from ``url`` states, as written, or None.

    The revisit policy ages a report by it (a 2019 report first archived today is not new).
    """
    row = db.execute(
        "SELECT r.published FROM captures c JOIN reports r ON r.document_id = c.document_id"
        " WHERE c.url = ? AND r.published IS NOT NULL ORDER BY c.fetched_at DESC, r.id DESC"
        " LIMIT 1",
        [url],
    ).fetchone()
    return None if row is None else str(row[0])


def job_capture(db: Database, url: str, crawl_ids: Sequence[int]) -> JobCapture | None:
    """The newest GET capture of ``url`` made by one of ``crawl_ids``, or None.

    A resumed job (``crawler.resume``) answers such a URL from the archive, so a capture is
    made once per job however often the job is killed and resumed.
    """
    if not crawl_ids:
        return None
    marks = ", ".join("?" for _ in crawl_ids)
    row = db.execute(
        "SELECT c.url, coalesce(c.final_url, c.url), c.status, c.kind, d.sha256"
        " FROM captures c JOIN documents d ON d.id = c.document_id"
        f" WHERE c.url = ? AND c.method = 'GET' AND c.crawl_id IN ({marks})"
        " ORDER BY c.id DESC LIMIT 1",
        [url, *crawl_ids],
    ).fetchone()
    return None if row is None else JobCapture(*row)


def report_version(db: Database, sha256: str) -> int | None:
    """Which version of its logical report document ``sha256`` is (1 = the first), or None."""
    row = db.execute(
        f"SELECT max(version) FROM report_versions WHERE document_id = {DOCUMENT_ID}",
        [sha256],
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def starts_new_version(db: Database, sha256: str) -> bool:
    """Whether document ``sha256`` is the first document of a version above 1 of its report.

    What the crawl summary counts as a new version: a second rendition of the same version
    (the corrected page's PDF) is not another one.
    """
    row = db.execute(
        "SELECT v.version, (SELECT d.sha256 FROM report_versions w"
        "  JOIN documents d ON d.id = w.document_id"
        "  WHERE w.report_key = v.report_key AND w.version = v.version"
        "  ORDER BY w.first_seen, d.sha256 LIMIT 1)"
        " FROM report_versions v"
        f" WHERE v.document_id = {DOCUMENT_ID}",
        [sha256],
    ).fetchone()
    return row is not None and int(row[0]) > 1 and row[1] == sha256
