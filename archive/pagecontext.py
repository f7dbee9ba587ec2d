"""The context a report page lends the attachments it links (title, year, organ, date, 索引号).

The link is the attachment capture's ``referrer`` (and its anchor text); the page is the
document captured at that URL. Its newest ``reports`` row gives title, year, organ, date and
region code; its ``texts.meta`` the 索引号 and, when the page's parse stored none, the title and
date. ``parsers.apply_page_context`` then fills only what the attachment's own file left empty.
Read-only; the caller writes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import parsers
from archive.documentids import DOCUMENT_ID

if TYPE_CHECKING:
    from sqlite_utils import Database

_LINKING_PAGE = (
    "SELECT d.sha256, a.anchor_text FROM captures a"
    # the redirect branch says final_url != url so that it can use idx_captures_redirected
    " JOIN captures p ON (p.url = a.referrer"
    " OR (p.final_url = a.referrer AND p.final_url != p.url))"
    " JOIN documents d ON d.id = p.document_id"
    f" WHERE a.document_id = {DOCUMENT_ID}"
    " AND a.referrer IS NOT NULL AND p.document_id != a.document_id"
    " AND p.status = 200"
    " ORDER BY p.fetched_at DESC, p.id DESC LIMIT 1"
)
_PAGE_REPORT = (
    "SELECT title, year, agency, published, region_code, region_source FROM reports"
    f" WHERE document_id = {DOCUMENT_ID} ORDER BY id DESC LIMIT 1"
)
_PAGE_META = (
    f"SELECT meta FROM texts WHERE document_id = {DOCUMENT_ID} AND meta IS NOT NULL"
    " ORDER BY id DESC LIMIT 1"
)


def _meta(db: Database, sha256: str) -> dict[str, Any]:
    row = db.execute(_PAGE_META, [sha256]).fetchone()
    if row is None:
        return {}
    try:
        meta = json.loads(row[0])
    except ValueError:
        return {}
    return meta if isinstance(meta, dict) else {}


def linking_page_context(db: Database, sha256: str) -> parsers.PageContext | None:
    """The context of the newest page that linked document ``sha256``, or None (no such page)."""
    link = db.execute(_LINKING_PAGE, [sha256]).fetchone()
    if link is None:
        return None
    page_sha256, anchor_text = link
    meta = _meta(db, page_sha256)
    row = db.execute(_PAGE_REPORT, [page_sha256]).fetchone()
    title, year, agency, published, region_code, region_source = row or (None,) * 6
    return parsers.PageContext(
        title=title or meta.get("title"),
        year=year,
        agency=agency,
        published=published or meta.get("published"),
        index_no=meta.get("index_no"),
        anchor_text=anchor_text,
        region_code=region_code,
        region_source=region_source
        if region_source in ("organ_name", "registry")
        else None,
    )
