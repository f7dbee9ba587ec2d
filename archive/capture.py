"""The archive's input and output types for one HTTP fetch.

``Capture`` is what any fetcher (the Scrapy pipeline, a test, an import script) hands to
``Archive.store``; the archive never sees a Scrapy object. ``StoredCapture`` tells the caller
where the bytes went and whether the payload was new.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from datetime import datetime

#: What a capture is, as decided by the crawler. Only ``report`` and ``attachment`` captures are
#: parsed; the others are archived for provenance and replay.
CaptureKind = Literal[
    "list",  # a column / list page or list API response
    "report",  # a page whose title says it is an annual report
    "attachment",  # a file linked from a report page
    "page",  # another page kept for provenance (not a report)
    "not-modified",  # a 304 answer to a conditional request
    "soft-404",  # status 200 but an error page (页面不存在)
    "error",  # 4xx / 5xx kept as a record of the failure
    # HTTP exchanges recorded for replay, as Heritrix records them; never reports:
    "redirect",  # a 3xx hop of a redirect chain (crawler.exchanges)
    "retry",  # an answer that was retried (a 500 before the retry that succeeded)
    "robots",  # a robots.txt fetch
]

Headers = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Capture:
    """One HTTP exchange with its provenance, ready to archive.

    ``body`` is the entity as received after transfer decoding; ``response_headers`` must then not
    claim a ``Content-Encoding`` (the WARC writer drops it and records the original under
    ``X-Nianbao-Original-Content-Encoding``).
    """

    url: str
    status: int
    fetched_at: datetime
    body: bytes
    kind: CaptureKind
    site_id: str
    crawl_id: int | None = None
    final_url: str | None = None
    method: str = "GET"
    request_headers: Headers = ()
    request_body: bytes = b""
    response_headers: Headers = ()
    referrer: str | None = None
    anchor_text: str | None = None
    ip_address: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        """First response header ``name`` (case-insensitive), or None."""
        lname = name.lower()
        return next((v for k, v in self.response_headers if k.lower() == lname), None)


@dataclass(frozen=True, slots=True)
class StoredCapture:
    """Where ``Archive.store`` put a capture."""

    capture_id: int
    sha256: str
    is_new_document: bool
    warc_file: str
    warc_offset: int
    warc_length: int
