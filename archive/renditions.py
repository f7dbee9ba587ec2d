"""Renditions of a report version: which one is best, and which unreadable files belong to it.

A version of a logical report is often several documents: the report page, its PDF or DOC
attachment, a scan. ``archive.versions`` numbers the versions; this module says which rendition
of a version exports and views read (``BEST_RENDITION_RULE``) and finds the attachments that
state no organ or year (or could not be read at all) but that a report page links, so they are
counted with that report (the page lends them its identity, DESIGN.md) instead of standing
alone as ``url:`` reports or vanishing.
Read-only queries over the index; the caller writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from archive.documentids import DOCUMENT_ID

if TYPE_CHECKING:
    from sqlite_utils import Database

#: How the best rendition of a version is chosen (docs/data-model.md quotes this). Every term
#: comes from the content or the archive, never from insertion order, so a reparse that reads
#: the same picks the same rendition.
BEST_RENDITION_RULE: Final = (
    "the rendition whose status is best (ok, inconsistent, partial, free-form, unreadable,"
    " then a file no parse could read), then the one that read the most cells, then the one"
    " first seen first, then the smallest sha256"
)
STATUS_RANK: Final = {
    "ok": 0,
    "inconsistent": 1,
    "partial": 2,
    "free-form": 3,
    "unreadable": 4,
}
#: A document with no report row at all (its extraction failed) ranks after every status.
_NO_REPORT: Final = len(STATUS_RANK)


def rendition_rank(
    status: str | None, *, cells_read: int, position: int
) -> tuple[int, ...]:
    """Sort key of a rendition under ``BEST_RENDITION_RULE``: lowest is best.

    ``status`` is the document's newest report's (None: no report row), ``position`` the
    document's place in its key's version order.
    """
    rank = _NO_REPORT if status is None else STATUS_RANK.get(status, _NO_REPORT)
    return (rank, -cells_read, position)


def referring_report_key(db: Database, sha256: str) -> str | None:
    """The key of the newest report page that linked document ``sha256``, if any.

    The link is the capture's ``referrer``; the page is whatever document was captured at
    that URL and filed under a key that names an organ and a year (not a ``url:`` key).
    """
    row = db.execute(
        "SELECT v.report_key FROM captures a"
        # final_url != url: the redirect branch uses idx_captures_redirected (no scan)
        " JOIN captures p ON p.url = a.referrer"
        " OR (p.final_url = a.referrer AND p.final_url != p.url)"
        " JOIN report_versions v ON v.document_id = p.document_id"
        " JOIN documents d ON d.id = v.document_id"
        f" WHERE a.document_id = {DOCUMENT_ID}"
        " AND a.referrer IS NOT NULL AND p.document_id != a.document_id"
        " AND v.report_key NOT LIKE 'url:%'"
        " ORDER BY v.first_seen DESC, d.sha256 DESC LIMIT 1",
        [sha256],
    ).fetchone()
    return None if row is None else str(row[0])


def unidentified_attachments(db: Database, page_sha256: str) -> list[str]:
    """Parsed documents linked from page ``page_sha256`` that state no organ and year.

    Those are the documents whose extraction failed (no report row) and those whose every
    report row has a ``url:`` key.
    """
    rows = db.execute(
        "SELECT DISTINCT d.sha256 FROM captures p"
        " JOIN captures a ON a.referrer = p.url OR a.referrer = p.final_url"
        " JOIN documents d ON d.id = a.document_id"
        f" WHERE p.document_id = {DOCUMENT_ID}"
        " AND a.document_id != p.document_id AND a.status = 200"
        # correlated (EXISTS), so each is one index probe: a NOT IN list would be built
        # from every report row of the archive, for every page parsed
        " AND EXISTS (SELECT 1 FROM texts t WHERE t.document_id = a.document_id)"
        " AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.document_id = a.document_id"
        " AND r.report_key NOT LIKE 'url:%')"
        " ORDER BY d.sha256",
        [page_sha256],
    ).fetchall()
    return [r[0] for r in rows]


def linking_documents(db: Database, sha256: str) -> list[str]:
    """The documents captured at the URLs that linked ``sha256`` (its captures' referrers)."""
    rows = db.execute(
        "SELECT DISTINCT d.sha256 FROM captures a"
        # final_url != url: the redirect branch uses idx_captures_redirected (no scan)
        " JOIN captures p ON p.url = a.referrer"
        " OR (p.final_url = a.referrer AND p.final_url != p.url)"
        " JOIN documents d ON d.id = p.document_id"
        f" WHERE a.document_id = {DOCUMENT_ID}"
        " AND a.referrer IS NOT NULL AND p.document_id != a.document_id"
        " AND p.status = 200 ORDER BY d.sha256",
        [sha256],
    ).fetchall()
    return [r[0] for r in rows]


def version_order(db: Database, key: str) -> list[str]:
    """The documents of ``key`` in the order their versions are numbered, oldest first.

    By the crawl that first captured each (a later crawl's find is newer), then by the
    publication date the document's report states, or else the one its linking page states
    (an attachment sorts beside its page), then ``first_seen`` and sha256. Within one crawl the
    order of discovery is the scheduler's, not the portal's: a correction fetched before the
    report it corrects must not become the older version because of it. Dates are the
    parser's ISO ``YYYY-MM-DD``; a document without one sorts first within its crawl.
    """
    rows = db.execute(
        "SELECT d.sha256, v.first_seen,"
        " (SELECT c.crawl_id FROM captures c WHERE c.document_id = v.document_id"
        "  ORDER BY c.id LIMIT 1),"
        " (SELECT r.published FROM reports r WHERE r.document_id = v.document_id"
        "  ORDER BY r.id DESC LIMIT 1)"
        " FROM report_versions v JOIN documents d ON d.id = v.document_id"
        " WHERE v.report_key = ?",
        [key],
    ).fetchall()
    keyed = []
    for sha256, first_seen, crawl_id, published in rows:
        date = published or _linking_page_date(db, sha256) or ""
        keyed.append(((crawl_id or 0, date, first_seen or "", sha256), sha256))
    return [sha256 for _, sha256 in sorted(keyed)]


def _linking_page_date(db: Database, sha256: str) -> str | None:
    pages = linking_documents(db, sha256)
    if not pages:
        return None
    marks = ", ".join("?" for _ in pages)
    row = db.execute(
        "SELECT max(r.published) FROM reports r JOIN documents d ON d.id = r.document_id"
        f" WHERE d.sha256 IN ({marks})",
        pages,
    ).fetchone()
    return None if row is None else row[0]


def unread_document_url(db: Database, sha256: str) -> str | None:
    """The first URL of a document whose extraction failed; None if it was read or never parsed."""
    row = db.execute(
        "SELECT d.first_url FROM documents d WHERE d.sha256 = ? AND EXISTS"
        " (SELECT 1 FROM texts t WHERE t.document_id = d.id AND t.error IS NOT NULL)",
        [sha256],
    ).fetchone()
    return None if row is None or not row[0] else str(row[0])
