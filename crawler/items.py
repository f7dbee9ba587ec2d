"""The items the spider yields: ``CaptureItem`` (one HTTP exchange) and ``EventItem``.

They are plain dataclasses (Scrapy handles them through itemadapter) holding only built-in
types, so the pipeline is the one place that builds ``archive.Capture`` (STYLE.md §3). The
capture keeps the bytes exactly as received and the provenance DESIGN.md asks for: the first
requested URL and the final one after redirects, the request, the referrer page and anchor.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from scrapy.http import Response
    from scrapy.http.headers import Headers as ScrapyHeaders

    from archive import CaptureKind

Headers = tuple[tuple[str, str], ...]
HTTP_NOT_MODIFIED = 304
_REFUSED = frozenset({"soft-404", "error"})


def payload_summary(body: bytes) -> dict[str, object]:
    """What feed exporters write for a body: its sha256 and size, never the raw bytes.

    Scrapy's exporters call a field's ``serializer`` (item field metadata, "Declaring a
    serializer in the field" in Scrapy's exporter docs) before encoding; JSON cannot hold bytes,
    and the archive already keeps them, so ``-O out.jsonl`` gets what identifies the payload.

    >>> payload_summary(b"abc")["size"]
    3
    """
    return {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}


#: Field metadata for bytes fields: exported as ``payload_summary`` (the item keeps the bytes).
_BYTES_FIELD = {"serializer": payload_summary}

#: What the crawler decided not to fetch or could not fetch (docs/architecture.md "archive").
EventKind = Literal[
    "offsite",  # a link or a redirect to a host outside the allowed domains
    "robots",
    "trap",
    "too-large",  # DOWNLOAD_MAXSIZE, announced, streamed or reached while decompressing
    "http-error",
    "soft-404",
    "download-error",
    "challenge",  # an anti-bot challenge page (by vendor or by behaviour)
    "redirect-loop",  # a redirect back to a URL of the same chain, or too many redirects
    "list-incomplete",  # a list answered fewer records than it announced
    "link-cap",  # a page with more links than PORTAL_MAX_LINKS_PER_PAGE
    "discovery-budget",  # discovery links past PORTAL_DISCOVERY_BUDGET requests
]


@dataclass(frozen=True, slots=True)
class CaptureItem:
    """One response worth keeping, with its request and provenance."""

    url: str  # the URL first requested (before redirects)
    final_url: str  # the URL that answered
    status: int
    body: bytes = field(metadata=_BYTES_FIELD)
    kind: CaptureKind
    site_id: str
    fetched_at: datetime  # UTC, when the response arrived
    method: str = "GET"
    request_headers: Headers = ()
    request_body: bytes = field(default=b"", metadata=_BYTES_FIELD)
    response_headers: Headers = ()
    referrer: str | None = None
    anchor_text: str | None = None
    ip_address: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EventItem:
    """A decision or failure to record: a link not followed, a response refused."""

    kind: EventKind
    url: str
    site_id: str
    detail: str = ""
    referrer: str | None = None


def capture_from_response(
    response: Response,
    *,
    kind: CaptureKind,
    site_id: str,
    referrer: str | None = None,
    anchor_text: str | None = None,
) -> CaptureItem:
    """The ``CaptureItem`` of a Scrapy response: bytes untouched, provenance complete.

    ``url`` is the first URL requested (``redirect_urls[0]`` after a redirect), ``final_url`` the
    one that answered; headers are decoded as latin-1, which round-trips any header byte. A 304
    has an empty body (the body the spider saw is the archived one put back by
    ``ConditionalRequestMiddleware``, docs/incremental.md) and is kind ``not-modified``, unless
    the spider refused it again (``soft-404``/``error``, as the 200 was).
    """
    request = response.request
    redirects = request.meta.get("redirect_urls") if request is not None else None
    first_url = redirects[0] if redirects else response.url
    not_modified = response.status == HTTP_NOT_MODIFIED
    return CaptureItem(
        url=first_url,
        final_url=response.url,
        status=response.status,
        body=b"" if not_modified else response.body,
        kind="not-modified" if not_modified and kind not in _REFUSED else kind,
        site_id=site_id,
        fetched_at=datetime.now(UTC),
        method=request.method if request is not None else "GET",
        request_headers=_headers(request.headers) if request is not None else (),
        request_body=request.body if request is not None else b"",
        response_headers=_headers(response.headers),
        referrer=referrer,
        anchor_text=anchor_text,
        ip_address=str(response.ip_address) if response.ip_address else None,
    )


def _headers(headers: ScrapyHeaders) -> Headers:
    return tuple(
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    )
