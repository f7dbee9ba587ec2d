"""What ``PortalSpider`` yields, built in one place: captures, events and requests.

Every callback of the portal spider ends in the same three kinds of output: a ``CaptureItem``
(response bytes plus provenance, marked when ``crawler.resume`` replayed it from the archive), an
``EventItem`` (offsite link, trap, failed download) or a ``scrapy.Request`` whose ``cb_kwargs``
carry the referrer and anchor text. ``SpiderOutputs`` keeps those builders, and the errback that
turns a failed download into an event, apart from the routing logic so the list, pagination and
link-routing modules share one way of making them. ``usable_only`` wraps every callback so a
flagged or failed response becomes evidence instead of data. ``_list_request`` asks for a list
page once per crawl, whether it is linked as a directory (``/zfxxgknb/``) or as its
``index.html``. Reads no settings.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import scrapy

from crawler.discovery import is_sister_host
from crawler.items import CaptureItem, EventItem, EventKind, capture_from_response
from crawler.jobstate import EXTRA_REPLAYED
from crawler.links import list_page_key, site_address
from crawler.middlewares import Refusal, event_of_failure, refusal_of
from crawler.resume import REPLAYED_FLAG

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from scrapy.http import Response
    from twisted.python.failure import Failure

    from archive import CaptureKind
    from crawler.seen import DiskSet
    from crawler.sites import Site

logger = logging.getLogger(__name__)

Output = CaptureItem | EventItem | scrapy.Request
#: Meta key on a list page reached through pagination (page 2 …); the start page has none.
META_LIST_PAGE = "nianbao_list_page"


#: Callbacks of what a link promised to be a document (a report page, a file).
_DOCUMENT_CALLBACKS = frozenset({"parse_report", "parse_attachment"})


def usable_only(
    callback: Callable[..., Iterator[Output]],
) -> Callable[..., Iterator[Output]]:
    """Send a flagged or failed response to a capture + event instead of ``callback``.

    Soft-404s, challenge pages and error statuses (``crawler.middlewares.refusal_of``) are kept
    as evidence (kind ``soft-404``/``error``) and never read as lists or reports; so is the
    home, error or login page a report or file link was redirected to (``redirect_gone``).
    """

    @functools.wraps(callback)
    def guarded(
        spider: SpiderOutputs, response: Response, **kwargs: Any
    ) -> Iterator[Output]:
        refusal = refusal_of(response)
        url = response.url
        gone = (
            redirect_gone(response)
            if refusal is None and callback.__name__ in _DOCUMENT_CALLBACKS
            else None
        )
        if gone is not None:
            refusal = Refusal("soft-404", "soft-404", gone)
            url = response.meta["redirect_urls"][0]
        if refusal is None:
            yield from callback(spider, response, **kwargs)
            return
        referrer = kwargs.get("referrer")
        yield spider._capture(
            response, refusal.capture_kind, referrer, kwargs.get("anchor")
        )
        yield spider._event(refusal.event_kind, url, refusal.detail, referrer)

    return guarded


#: Meta key of a request sent again under the other scheme; holds the URL the page linked.
META_SCHEME_FALLBACK = "nianbao_scheme_fallback"
#: Failures that say the scheme is wrong, not the page: TLS refused or broken (a legacy or
#: SM2 stack, an http-only server behind an https link), or nothing listening on the port.
_WRONG_SCHEME = re.compile(
    r"SSL|TLS|handshake|certificate|ConnectionRefused", re.IGNORECASE
)


def _scheme_fallback(
    request: scrapy.Request, error: BaseException | None
) -> scrapy.Request | None:
    """The request again under the other scheme when its own failed at the connection.

    Portals link the same page as ``http://`` and ``https://`` while their host answers only
    one (portals.md §3.4: http-only hosts, TLS stacks OpenSSL cannot talk to, https
    blackholed): a report linked under the dead scheme is lost unless the other is tried. Tried
    once per request, and only for a TLS or refused-connection failure; an explicit port stays.
    """
    if error is None or request.meta.get(META_SCHEME_FALLBACK):
        return None
    parts = urlsplit(request.url)
    wrong = f"{type(error).__name__}: {error}"
    if not _WRONG_SCHEME.search(wrong):
        return None
    if parts.scheme == "https":
        other = "http"
    elif parts.scheme == "http" and "ConnectionRefused" in wrong:
        other = "https"
    else:
        return None
    original = (request.meta.get("redirect_urls") or [request.url])[0]
    return request.replace(
        url=urlunsplit(parts._replace(scheme=other)),
        meta={**request.meta, META_SCHEME_FALLBACK: original},
    )


#: A site's root page: ``/``, ``/index.html``, ``/default.htm`` (a home page, never a report).
_ROOT_PAGE = re.compile(r"^/?(?:(?:index|default)\.s?html?)?$", re.IGNORECASE)
#: The page a server sends a missing or forbidden link to (``/404.html``, ``/error/``,
#: ``/sso/login.jsp?back=…``): its file name is a status or names an error or a login.
_ERROR_STEMS = frozenset({"403", "404", "500", "503"})
_ERROR_WORD = re.compile(r"error|notfound|nopage|login|signin", re.IGNORECASE)


def _is_error_page(path: str) -> bool:
    stem = path.rstrip("/").rsplit("/", 1)[-1].split(".")[0]
    return stem in _ERROR_STEMS or bool(_ERROR_WORD.search(stem))


def redirect_gone(response: Response) -> str | None:
    """Where a link was redirected when the page it promised is gone, else None.

    A portal that removed or moved a page answers its old link with a redirect to the home
    page (portals.md §3.5, site consolidation), to its error page (``error_page 404 =
    /404.html``) or to a login: what arrives is not the report or file the link promised.
    """
    chain = response.meta.get("redirect_urls") if response.request else None
    if not chain:
        return None
    first, last = urlsplit(chain[0]).path, urlsplit(response.url).path
    if _ROOT_PAGE.match(last) and not _ROOT_PAGE.match(first):
        return "redirected to the site's home page (the page is gone)"
    if _is_error_page(last) and not _is_error_page(first):
        return f"redirected to an error or login page ({last})"
    return None


class SpiderOutputs(scrapy.Spider):
    """Builders of the portal spider's outputs; ``PortalSpider`` sets the state they read."""

    site: Site
    site_id: str
    _seen_offsite: DiskSet
    _seen_lists: DiskSet

    def errback(self, failure: Failure) -> Iterator[Output]:
        request = failure.request  # type: ignore[attr-defined]
        found = event_of_failure(failure.value or Exception("unknown failure"))
        if found is None:
            self.crawler.stats.inc_value("nianbao/spider/ignored")
            return
        kind, detail = found
        fallback = _scheme_fallback(request, failure.value)
        if fallback is not None:
            # the link's scheme is one the host does not answer: ask the other once
            logger.info("%s failed (%s); trying %s", request.url, detail, fallback.url)
            self.crawler.stats.inc_value("nianbao/spider/scheme-fallback")
            yield fallback
            return
        if kind == "download-error":
            logger.warning("download failed: %s (%s)", request.url, detail)
        # the URL the page linked, not the hop of a redirect chain where it was dropped
        url = (
            request.meta.get(META_SCHEME_FALLBACK)
            or (request.meta.get("redirect_urls") or [request.url])[0]
        )
        yield self._event(kind, url, detail, request.cb_kwargs.get("referrer"))

    # ------------------------------------------------------------------ building blocks

    def _offsite(self, url: str, page_url: str) -> Iterator[EventItem]:
        """An offsite event; a host of the site's own city or county domain says so.

        A column whose records live on ``zwgk.x.gov.cn`` beside ``www.x.gov.cn`` loses them
        until the entry lists the host in ``sister_hosts``: the event names the host and the
        fix instead of reading like any link to another site.
        """
        if url not in self._seen_offsite:
            self._seen_offsite.add(url)
            host = (urlsplit(url).hostname or "").lower()
            detail = "host not in allowed_domains"
            if is_sister_host(host, self.site):
                detail = f"sister host {host} not in the entry's sister_hosts (add it to crawl it)"
            yield self._event("offsite", url, detail, page_url)

    def _capture(
        self,
        response: Response,
        kind: CaptureKind,
        referrer: str | None,
        anchor: str | None,
    ) -> CaptureItem:
        item = capture_from_response(
            response,
            kind=kind,
            site_id=self.site_id,
            referrer=referrer,
            anchor_text=anchor,
        )
        if REPLAYED_FLAG in response.flags:
            # an earlier crawl of this job stored it (crawler.resume)
            item = dataclasses.replace(item, extra={**item.extra, EXTRA_REPLAYED: "1"})
        return item

    def _event(
        self, kind: EventKind, url: str, detail: str, referrer: str | None = None
    ) -> EventItem:
        return EventItem(
            kind=kind, url=url, site_id=self.site_id, detail=detail, referrer=referrer
        )

    def _request(
        self,
        url: str,
        callback: Any,
        *,
        referrer: str | None,
        anchor: str | None,
        **extra: Any,
    ) -> scrapy.Request:
        return scrapy.Request(
            site_address(url, self.site),
            callback=callback,
            errback=self.errback,
            cb_kwargs={"referrer": referrer, "anchor": anchor, **extra},
        )

    def _list_request(
        self,
        url: str,
        callback: Any,
        *,
        referrer: str | None,
        anchor: str | None,
        **extra: Any,
    ) -> scrapy.Request | None:
        """A request for a list page not asked for yet this crawl, else None.

        ``/zfxxgknb/`` and ``/zfxxgknb/index.html`` are one page: Scrapy's duplicate filter
        would fetch both, and every list page re-announcing its siblings would flood it.
        """
        key = list_page_key(url)
        if key in self._seen_lists:
            return None
        self._seen_lists.add(key)
        return self._request(url, callback, referrer=referrer, anchor=anchor, **extra)
