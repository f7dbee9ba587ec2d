"""What a family renderer answers: status, bytes, content type, a modification date.

The server adds the validators (``ETag``, ``Last-Modified``) and answers conditional requests
from these fields, so every family gets 304 handling the same way.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

#: Lists and shells change whenever an article is added; give them a fixed, plausible date.
SITE_UPDATED = datetime.date(2025, 3, 31)


@dataclass(frozen=True, slots=True)
class PageResponse:
    status: int
    body: bytes
    content_type: str
    modified: datetime.date = SITE_UPDATED
    headers: tuple[tuple[str, str], ...] = ()


def html_response(
    text: str,
    *,
    encoding: str,
    header_charset: bool,
    modified: datetime.date = SITE_UPDATED,
    status: int = 200,
) -> PageResponse:
    """Encode a page; TRS pages declare the charset only in ``<meta>`` (``header_charset=False``).

    Characters outside GBK (some corpus texts have them) become numeric references, as TRS
    does when it publishes a pasted document.
    """
    body = text.encode(encoding, errors="xmlcharrefreplace")
    content_type = (
        f"text/html; charset={encoding.upper()}" if header_charset else "text/html"
    )
    return PageResponse(status, body, content_type, modified)


def not_found() -> PageResponse:
    """A plain 404, as the front web server (not the CMS) answers it."""
    body = b"<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>"
    return PageResponse(404, body, "text/html; charset=UTF-8")
