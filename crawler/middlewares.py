"""HTTP-layer verdicts: anti-bot challenge pages and soft-404s, flagged before any callback.

Portals answer errors in disguise (portals.md §3.2, §3.5): a 200 page saying 页面不存在, a 412/202
瑞数 page with ``$_ts``, a 521 加速乐 page setting ``__jsl_clearance``, a 网宿 ``wzws`` page. Vendors
rename their marks, so a challenge is also recognised by what it does: a tiny 200/202/412 body
whose script sets a cookie and reloads the page, with next to no text. Such a response must
never become a report capture; it is kept as evidence (kind ``error``) with a ``challenge``
event. These downloader middlewares sit after
``RetryMiddleware`` (they see the final response) and add a flag to it
(``nianbao:soft-404`` / ``nianbao:challenge``); the spider turns a flagged response into a
capture of kind ``soft-404``/``error`` plus an event. Stats: ``nianbao/middleware/soft-404``,
``nianbao/middleware/challenge``. Settings read: ``SOFT404_MAX_BYTES``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from scrapy.exceptions import DownloadCancelledError, IgnoreRequest, StopDownload
from scrapy.http import TextResponse

from crawler.drops import DroppedRequest
from parsers import sniff_body

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

    from crawler.items import EventKind

logger = logging.getLogger(__name__)

SOFT_404_FLAG = "nianbao:soft-404"
CHALLENGE_FLAG = "nianbao:challenge"

#: Error templates of Chinese CMSs served with status 200 (portals.md §3.2 session gates, §3.5).
_SOFT_404 = re.compile(
    r"页面不存在|页面已删除|已被删除|找不到(?:该|您要访问的)?页面|非法请求"
    r"|404\s*Not\s*Found|Error\s*404|404\s*错误|错误\s*404",
    re.IGNORECASE,
)
#: In a ``<title>`` a bare 404 is enough; in the text it is not (a report's table holds 404s).
_TITLE_404 = re.compile(r"(?<!\d)404(?!\d)")
#: Challenge fingerprints: 瑞数 ``$_ts``, 加速乐 ``__jsl_clearance``/``__jsluid``, 网宿 ``wzws``.
_CHALLENGE = re.compile(
    r"\$_ts|__jsl_clearance|__jsluid|wzws_cid|wzwschallenge|WZWS", re.ASCII
)
_CHALLENGE_STATUS = frozenset({202, 412, 521, 512})
#: Statuses a behaviour-only challenge answers with (a 200 too: some shells look like pages).
_BEHAVIOUR_STATUS = frozenset({200, 202, 403, 412, 503, 512, 521})
#: A challenge shell is small: its script is a few KiB (瑞数 bodies stay under ~10 KiB).
CHALLENGE_MAX_BYTES = 16384
#: ``document.cookie =`` or ``document["cookie"] =``: the script hands the browser a token.
_SETS_COOKIE = re.compile(
    r"document\s*(?:\.\s*cookie|\[\s*['\"]cookie['\"]\s*\])\s*=", re.IGNORECASE
)
#: ``location.reload()``, ``location.href = …``, ``location.replace(…)``, ``window.location = …``.
_RELOADS = re.compile(
    r"location\s*(?:\.\s*(?:reload|replace|assign)\s*\(|\.\s*href\s*=(?!=)|=(?!=))"
    r"|location\s*\[\s*['\"](?:reload|replace|href)['\"]\s*\]",
    re.IGNORECASE,
)
#: Visible text of a challenge shell ("请稍候…", "Loading"); a page with more is content.
_CHALLENGE_MAX_TEXT = 200
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
HTTP_OK = 200
HTTP_ERROR = 400
#: Error templates hold a few dozen characters of text; more than this is content.
_SOFT_404_MAX_TEXT = 400
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def is_binary(body: bytes) -> bool:
    """True when the first KiB holds NUL bytes: no HTML page does, every binary format does."""
    return b"\x00" in body[:1024]


def is_challenge(status: int, headers_text: str, body_text: str) -> bool:
    """True for an anti-bot challenge: a challenge status with a vendor's script or cookie."""
    if status not in _CHALLENGE_STATUS:
        return False
    return bool(_CHALLENGE.search(headers_text) or _CHALLENGE.search(body_text[:20000]))


def is_behaviour_challenge(status: int, body_text: str, size: int) -> bool:
    """True for a tiny page whose script sets a cookie and reloads, whatever the vendor.

    Real challenges (瑞数 202/412, 加速乐 521, self-made shells at 200) all do this: the first
    answer hands the browser a cookie and asks it to load the page again.

    >>> is_behaviour_challenge(202, "<script>document.cookie='a=1';location.reload()</script>", 60)
    True
    >>> is_behaviour_challenge(200, "<p>document.cookie= and location.reload() explained</p>", 60)
    False
    """
    if status not in _BEHAVIOUR_STATUS or size > CHALLENGE_MAX_BYTES:
        return False
    scripts = " ".join(_SCRIPT.findall(body_text))
    if not (_SETS_COOKIE.search(scripts) and _RELOADS.search(scripts)):
        return False
    text = "".join(re.sub(r"<[^>]+>", " ", _SCRIPT.sub(" ", body_text)).split())
    return len(text) < _CHALLENGE_MAX_TEXT


def is_soft_404(status: int, body_text: str, size: int, *, max_bytes: int) -> bool:
    """True for a small 200 page whose title or text is an error template (页面不存在 …).

    Only small pages qualify: a real report that mentions 404 in its text is long.
    """
    if status != HTTP_OK or size > max_bytes:
        return False
    title = _TITLE.search(body_text)
    if title is not None and (
        _SOFT_404.search(title[1]) or _TITLE_404.search(title[1])
    ):
        return True
    body = re.sub(
        r"<(script|style)\b.*?</\1>", " ", body_text, flags=re.IGNORECASE | re.DOTALL
    )
    text = "".join(re.sub(r"<[^>]+>", " ", body).split())
    return len(text) < _SOFT_404_MAX_TEXT and bool(_SOFT_404.search(text))


#: The ``<title>`` of a page, found in its bytes (the page is not decoded for it).
_TITLE_BYTES = re.compile(
    rb"<title[^>]*>(.{0,300}?)</title>", re.IGNORECASE | re.DOTALL
)
#: How far into a large page its ``<title>`` is looked for.
_HEAD_BYTES = 8192


def has_error_title(status: int, body: bytes) -> bool:
    """True for a status-200 page of any size whose ``<title>`` is an error template's.

    Many CMSs draw their error page inside the portal's whole template (navigation, news
    boxes, footer: tens of KiB), titled 页面不存在 or 404 Not Found; too large for
    ``is_soft_404``, it was archived as the report its link promised. Only the title's error
    phrases count here, not a bare 404 (a large page's title may cite a document number).
    """
    if status != HTTP_OK:
        return False
    found = _TITLE_BYTES.search(body[:_HEAD_BYTES])
    if found is None:
        return False
    for codec in ("utf-8", "gb18030"):
        try:
            return bool(_SOFT_404.search(found[1].decode(codec)))
        except UnicodeDecodeError:
            continue
    return False


class _FlagMiddleware:
    def __init__(self, stats: StatsCollector, max_bytes: int) -> None:
        self.stats = stats
        self.max_bytes = max_bytes

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> _FlagMiddleware:
        assert crawler.stats is not None  # noqa: S101 (Scrapy sets it before middlewares)
        return cls(crawler.stats, crawler.settings.getint("SOFT404_MAX_BYTES", 16384))


class ChallengeMiddleware(_FlagMiddleware):
    """Flag anti-bot challenge pages: by vendor mark, or by behaviour (cookie + reload)."""

    def process_response(self, request: Request, response: Response) -> Response:
        headers_text = " ".join(
            f"{k.decode('latin-1')}: {b', '.join(v).decode('latin-1')}"
            for k, v in response.headers.items()
        )
        body_text = response.body[:20000].decode("latin-1")
        if is_challenge(
            response.status, headers_text, body_text
        ) or is_behaviour_challenge(response.status, body_text, len(response.body)):
            self.stats.inc_value("nianbao/middleware/challenge")
            logger.warning(
                "anti-bot challenge (%d) at %s", response.status, response.url
            )
            return response.replace(flags=[*response.flags, CHALLENGE_FLAG])
        return response


#: What an error template can be: a page or plain text (``parsers.sniff_body``'s types).
_TEMPLATE_TYPES: Final = frozenset({"html", "text"})


class SoftNotFoundMiddleware(_FlagMiddleware):
    """Flag status-200 HTML error templates (soft-404s): small by text or title, large by title.

    Only a body whose bytes are markup or text is decoded: Scrapy makes a ``TextResponse`` of
    many a PDF or Word file (by its Content-Type or URL), and decoding one that declares no
    charset runs Scrapy's encoding detection over the whole binary body (``charset_normalizer``),
    the single largest cost of the crawl process on a portal of small attachments, to find no
    error template.
    """

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse) or CHALLENGE_FLAG in response.flags:
            return response
        if sniff_body(response.body) not in _TEMPLATE_TYPES:
            return response
        if self._is_error_page(response):
            self.stats.inc_value("nianbao/middleware/soft-404")
            logger.warning("soft-404 (status 200, error page) at %s", response.url)
            return response.replace(flags=[*response.flags, SOFT_404_FLAG])
        return response

    def _is_error_page(self, response: TextResponse) -> bool:
        if len(response.body) > self.max_bytes:
            return has_error_title(response.status, response.body)
        try:
            text = response.text
        except (UnicodeDecodeError, LookupError):
            return False
        return is_soft_404(
            response.status, text, len(response.body), max_bytes=self.max_bytes
        )


@dataclass(frozen=True, slots=True)
class Refusal:
    """How the spider records a response it must not use: capture kind, event kind, detail."""

    capture_kind: Literal["soft-404", "error"]
    event_kind: EventKind
    detail: str


def refusal_of(response: Response) -> Refusal | None:
    """The refusal for a flagged (soft-404, challenge) or failed (≥ 400) response, else None."""
    if SOFT_404_FLAG in response.flags:
        return Refusal("soft-404", "soft-404", "status 200 error page")
    if CHALLENGE_FLAG in response.flags:
        return Refusal("error", "challenge", f"anti-bot challenge ({response.status})")
    if response.status >= HTTP_ERROR:
        return Refusal("error", "http-error", f"HTTP {response.status}")
    return None


#: Scrapy's own drops, recognised by their messages: (text, event kind, detail prefix).
_IGNORED_BY_MESSAGE: tuple[tuple[str, EventKind, str], ...] = (
    ("robots.txt", "robots", ""),
    ("during decompression", "too-large", "decompression limit: "),
    ("max redirections", "redirect-loop", ""),
    ("Filtered offsite request", "offsite", "redirect: "),
)


def event_of_failure(exception: BaseException) -> tuple[EventKind, str] | None:
    """The event for a request that produced no response; None for a deliberate drop.

    Drops are recognised by their type or their message: robots (robotstxt.py "Forbidden by
    robots.txt"), the size cap (http11.py "larger than download max size", also while
    streaming a body without Content-Length: ``crawler.drops`` stops it), the decompression
    cap (httpcompression.py "exceeded DOWNLOAD_MAXSIZE … during decompression", a gzip bomb),
    redirects (``crawler.drops``: a loop, or a host outside the allowed domains; Scrapy's
    "max redirections reached" and "Filtered offsite request"). Deliberate skips (revisit
    policy, resumed jobs) stay silent.
    """
    message = str(exception)
    if isinstance(exception, DroppedRequest):
        return exception.kind, message
    if isinstance(exception, StopDownload) and "max size" in message:
        return "too-large", message
    if isinstance(exception, IgnoreRequest):
        return next(
            (
                (kind, f"{prefix}{message}")
                for needle, kind, prefix in _IGNORED_BY_MESSAGE
                if needle in message
            ),
            None,
        )
    if isinstance(exception, DownloadCancelledError) and "max size" in message:
        return "too-large", message
    return "download-error", f"{type(exception).__name__}: {message}"
