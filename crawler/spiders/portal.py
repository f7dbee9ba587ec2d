"""``PortalSpider``: one generic spider driven by one registry entry; it routes, never extracts.

``scrapy crawl portal -a site=ID [-a base_url=http://127.0.0.1:PORT/]``. List pages are
captured (kind ``list``, including dataproxy XML and API JSON), their pagination decoded by
``crawler.pagination`` (the site's CMS hint first, then every decoder), their links classified
by ``crawler.links.classify_link``: report pages are fetched and captured (kind ``report``),
their attachments (links and script-written) fetched (kind ``attachment``); other articles are
only counted; offsite links, robots refusals, traps, oversized and failed downloads become
events. Responses flagged by ``crawler.middlewares`` become captures of kind ``soft-404`` /
``error``. Settings read: ``PORTAL_MAX_LIST_PAGES``, ``PORTAL_TRAP_PAGES``, ``PORTAL_LOCAL_FAST``,
``NIANBAO_SKIP_UNCHANGED_PAGES``, ``NIANBAO_REFRESH``, and ``NIANBAO_JOB`` / ``JOBDIR``
(``crawler.resume.configure_job``: a resumable job; captures replayed from the archive are
marked so ``ArchivePipeline`` does not store them twice).

Unchanged lists are short-circuited (issue 4): static CMS families (TRS, gkmlpt, Hanweb) list
newest first and regenerate every page when an item is added, so when the *start* page of a
paginated list answers 304 (``crawler.incremental`` flag ``nianbao:not-modified``) its further
pages are not requested this crawl; its own links are still followed from the archived body.
Further pages carry ``meta["nianbao_list_page"]``; skipped ones are counted as
``nianbao/incremental/pages-skipped``. Off with ``NIANBAO_SKIP_UNCHANGED_PAGES=False`` (a portal
that lists oldest first) and under ``NIANBAO_REFRESH``, which must reach every report again.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urljoin

import scrapy
from scrapy.http import FormRequest, TextResponse

from crawler.incremental import NOT_MODIFIED_FLAG
from crawler.items import CaptureItem, EventItem, EventKind, capture_from_response
from crawler.jobstate import EXTRA_REPLAYED
from crawler.links import (
    classify_link,
    extract_anchors,
    find_script_attachments,
    is_report_title,
)
from crawler.middlewares import event_of_failure, is_binary, refusal_of
from crawler.pagination import gkmlpt, hanweb, trs
from crawler.pagination.next_link import ChainState, judge_next_page
from crawler.resume import REPLAYED_FLAG, configure_job
from crawler.sites import Site, get_site, is_loopback

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterable, Iterator

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

    from archive import CaptureKind

logger = logging.getLogger(__name__)

Output = CaptureItem | EventItem | scrapy.Request
#: Magic numbers of document formats served at an HTML URL (portals.md §3.5).
_DOCUMENT_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
#: Meta key on a list page reached through pagination (page 2 …); the start page has none.
META_LIST_PAGE = "nianbao_list_page"
PAGES_SKIPPED = "nianbao/incremental/pages-skipped"


def is_unchanged_start(response: Response) -> bool:
    """A list's start page answered 304: its further pages are unchanged too (newest first)."""
    return NOT_MODIFIED_FLAG in response.flags and not response.meta.get(META_LIST_PAGE)


def _usable_only(
    callback: Callable[..., Iterator[Output]],
) -> Callable[..., Iterator[Output]]:
    """Send a flagged or failed response to a capture + event instead of ``callback``.

    Soft-404s, challenge pages and error statuses (``crawler.middlewares.refusal_of``) are kept
    as evidence (kind ``soft-404``/``error``) and never read as lists or reports.
    """

    @functools.wraps(callback)
    def guarded(
        spider: PortalSpider, response: Response, **kwargs: Any
    ) -> Iterator[Output]:
        refusal = refusal_of(response)
        if refusal is None:
            yield from callback(spider, response, **kwargs)
            return
        referrer = kwargs.get("referrer")
        yield spider._capture(
            response, refusal.capture_kind, referrer, kwargs.get("anchor")
        )
        yield spider._event(refusal.event_kind, response.url, refusal.detail, referrer)

    return guarded


class PortalSpider(scrapy.Spider):
    name = "portal"
    # Error answers reach the callbacks so they are captured (kind `error`) after retries.
    handle_httpstatus_list: ClassVar[list[int]] = [*range(400, 430), *range(500, 530)]

    def __init__(
        self, site: str | None = None, base_url: str | None = None, **kwargs: Any
    ):
        super().__init__(**kwargs)
        if not site:
            msg = "give the site id: scrapy crawl portal -a site=ID"
            raise ValueError(msg)
        self.site: Site = get_site(site).resolve(base_url)
        self.site_id = self.site.id
        self.base_url = base_url
        self.allowed_domains = list(self.site.allowed_domains)
        self._seen_details: set[str] = set()
        self._seen_offsite: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> PortalSpider:
        spider: PortalSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        if (
            spider.site.local
            and not settings.frozen
            and is_loopback(spider.base_url)
            and settings.getbool("PORTAL_LOCAL_FAST", True)
        ):
            # The sample portal on this machine: politeness delays would only slow the tests.
            for name, value in (
                ("DOWNLOAD_DELAY", 0),
                ("AUTOTHROTTLE_ENABLED", False),
                ("CONCURRENT_REQUESTS_PER_DOMAIN", 8),
            ):
                settings.set(name, value, priority="spider")
        if not settings.frozen:
            configure_job(settings, spider.site_id)
        spider.max_list_pages = settings.getint("PORTAL_MAX_LIST_PAGES", 200)
        spider.trap_pages = settings.getint("PORTAL_TRAP_PAGES", 3)
        spider.depth_limit = settings.getint("DEPTH_LIMIT", 0)
        spider.skip_unchanged_pages = settings.getbool(
            "NIANBAO_SKIP_UNCHANGED_PAGES", True
        ) and not settings.getbool("NIANBAO_REFRESH", False)
        return spider

    max_list_pages = 200
    trap_pages = 3
    depth_limit = 0
    skip_unchanged_pages = True

    async def start(self) -> AsyncIterator[Any]:
        for url in self.site.start_urls:
            yield self._request(url, self.parse_list, referrer=None, anchor=None)

    # ------------------------------------------------------------------ callbacks

    @_usable_only
    def parse_list(
        self,
        response: Response,
        *,
        referrer: str | None,
        anchor: str | None,
        chain: ChainState | None = None,
    ) -> Iterator[Output]:
        yield self._capture(response, "list", referrer, anchor)
        if not isinstance(response, TextResponse) or is_binary(response.body):
            return
        html = response.text
        unchanged = self.skip_unchanged_pages and is_unchanged_start(response)
        yield from self._decode_pagination(html, response.url, unchanged=unchanged)
        anchors = extract_anchors(response.text)
        anchors += [
            pair
            for record in hanweb.embedded_records(html)
            for pair in extract_anchors(record)
        ]
        depth = int(response.meta.get("depth", 0))
        yield from self._route_links(
            anchors, response.url, chain=chain, depth=depth, unchanged=unchanged
        )

    @_usable_only
    def parse_dataproxy(
        self, response: Response, *, referrer: str | None, anchor: str | None
    ) -> Iterator[Output]:
        yield self._capture(response, "list", referrer, anchor)
        try:
            _total, records = hanweb.parse_dataproxy(response.text)
        except (hanweb.HanwebDecodeError, AttributeError, UnicodeDecodeError) as exc:
            yield self._event(
                "download-error", response.url, f"dataproxy: {exc}", referrer
            )
            return
        anchors = [pair for record in records for pair in extract_anchors(record)]
        yield from self._route_links(anchors, referrer or response.url, chain=None)

    @_usable_only
    def parse_api(
        self,
        response: Response,
        *,
        referrer: str | None,
        anchor: str | None,
        category: int,
        page: int,
        sid: str,
    ) -> Iterator[Output]:
        yield self._capture(response, "list", referrer, anchor)
        try:
            api_page = gkmlpt.parse_api_page(response.text)
        except (gkmlpt.GkmlptDecodeError, AttributeError, UnicodeDecodeError) as exc:
            yield self._event(
                "download-error", response.url, f"gkmlpt API: {exc}", referrer
            )
            return
        for article in api_page.articles:
            anchors = [(article.url, article.title)]
            # A report's files are listed by the API too (portals.md §1.3 attachment[]).
            if is_report_title(article.title):
                anchors += [(a.url, article.title) for a in article.attachments]
            yield from self._route_links(
                anchors, response.url, chain=None, report_page=True
            )
        pages, cut = gkmlpt.next_api_pages(
            api_page, page, max_pages=self.max_list_pages
        )
        if (
            page == 1
            and self.skip_unchanged_pages
            and NOT_MODIFIED_FLAG in response.flags
        ):
            # Category page 1 unchanged: the API lists newest first, so are pages 2 … N.
            self.crawler.stats.inc_value(PAGES_SKIPPED, len(pages))
            return
        if cut:
            detail = f"API total {api_page.total}; read {self.max_list_pages} pages"
            yield self._event("trap", response.url, detail, referrer)
        for number in pages:
            url = gkmlpt.api_page_url(referrer or response.url, category, number, sid)
            request = self._request(
                url, self.parse_api, referrer=referrer, anchor=anchor,
                category=category, page=number, sid=sid,
            )  # fmt: skip
            request.meta[META_LIST_PAGE] = number
            yield request

    @_usable_only
    def parse_report(
        self, response: Response, *, referrer: str | None, anchor: str | None
    ) -> Iterator[Output]:
        body = response.body
        if not isinstance(response, TextResponse) or is_binary(body):
            if body.startswith(_DOCUMENT_MAGIC):
                yield self._capture(response, "attachment", referrer, anchor)
                return
            # Binary bytes at an HTML URL (portals.md §3.5): kept as evidence, never parsed.
            yield self._capture(response, "error", referrer, anchor)
            yield self._event(
                "download-error", response.url, "binary body at an HTML URL", referrer
            )
            return
        yield self._capture(response, "report", referrer, anchor)
        html = response.text
        links = extract_anchors(response.text)
        links += find_script_attachments(html, response.url)
        for href, text in links:
            kind = classify_link(href, text, site=self.site, page_url=response.url)
            url = urljoin(response.url, href)
            if kind == "attachment":
                yield self._request(
                    url, self.parse_attachment, referrer=response.url, anchor=text
                )
            elif kind == "offsite":
                yield from self._offsite(url, response.url)

    @_usable_only
    def parse_attachment(
        self, response: Response, *, referrer: str | None, anchor: str | None
    ) -> Iterator[Output]:
        yield self._capture(response, "attachment", referrer, anchor)

    def errback(self, failure: Failure) -> Iterator[Output]:
        request = failure.request  # type: ignore[attr-defined]
        found = event_of_failure(failure.value or Exception("unknown failure"))
        if found is None:
            self.crawler.stats.inc_value("nianbao/spider/ignored")
            return
        kind, detail = found
        if kind == "download-error":
            logger.warning("download failed: %s (%s)", request.url, detail)
        yield self._event(kind, request.url, detail, request.cb_kwargs.get("referrer"))

    # ------------------------------------------------------------------ routing

    def _decode_pagination(
        self, html: str, page_url: str, *, unchanged: bool = False
    ) -> Iterator[Output]:
        order = ["trs", "hanweb", "gkmlpt"]
        if self.site.cms is not None:
            order.remove(self.site.cms)
            order.insert(0, self.site.cms)
        for family in order:
            try:
                found = list(self._pages_of(family, html, page_url))
                if unchanged:
                    found = self._without_further_pages(found, page_url)
            except (hanweb.HanwebDecodeError, gkmlpt.GkmlptDecodeError) as exc:
                yield self._event("download-error", page_url, f"{family} pager: {exc}")
                continue
            if found:
                yield from found
                return

    def _without_further_pages(
        self, found: list[Output], page_url: str
    ) -> list[Output]:
        """Drop the further pages of an unchanged start page (TRS pages, Hanweb dataproxy).

        gkmlpt's category API page 1 is kept: it is the start page of each category's list
        and is itself re-checked conditionally (``parse_api`` short-circuits on its 304).
        """
        kept: list[Output] = []
        skipped = 0
        for output in found:
            further = isinstance(output, FormRequest) or (
                isinstance(output, scrapy.Request)
                and bool(output.meta.get(META_LIST_PAGE))
            )
            if further:
                skipped += 1
            else:
                kept.append(output)
        if skipped:
            self.crawler.stats.inc_value(PAGES_SKIPPED, skipped)
            logger.debug(
                "list unchanged, %d further pages skipped: %s", skipped, page_url
            )
        return kept

    def _pages_of(self, family: str, html: str, page_url: str) -> Iterator[Output]:
        cap = self.max_list_pages
        if family == "trs" and (pager := trs.decode_trs_pagination(html, page_url)):
            if pager.count > cap:
                yield self._event(
                    "trap", page_url, f"pager claims {pager.count} pages; read {cap}"
                )
            for number, url in enumerate(pager.page_urls[:cap], start=1):
                request = self._request(
                    url, self.parse_list, referrer=page_url, anchor=None
                )
                if number > 1:
                    request.meta[META_LIST_PAGE] = number
                yield request
        elif family == "hanweb" and (config := hanweb.decode_jpage(html)):
            for proxy in hanweb.dataproxy_requests(config, page_url, max_groups=cap):
                yield FormRequest(
                    proxy.url,
                    formdata=dict(proxy.formdata),
                    callback=self.parse_dataproxy,
                    errback=self.errback,
                    cb_kwargs={"referrer": page_url, "anchor": None},
                )
        elif family == "gkmlpt" and (config_ := gkmlpt.decode_config(html)):
            for category in config_.categories:
                url = gkmlpt.api_page_url(page_url, category.id, 1, config_.sid)
                yield self._request(
                    url, self.parse_api, referrer=page_url, anchor=category.name,
                    category=category.id, page=1, sid=config_.sid,
                )  # fmt: skip

    def _route_links(
        self,
        anchors: Iterable[tuple[str, str]],
        page_url: str,
        *,
        chain: ChainState | None,
        report_page: bool = False,
        depth: int = 0,
        unchanged: bool = False,
    ) -> Iterator[Output]:
        stats = self.crawler.stats
        nexts: list[str] = []
        new_details = 0
        for href, raw_text in anchors:
            text = " ".join(raw_text.split())
            kind = classify_link(href, text, site=self.site, page_url=page_url)
            url = urljoin(page_url, href.strip())
            stats.inc_value(f"nianbao/links/{kind}")
            if kind in ("report", "article") and url not in self._seen_details:
                self._seen_details.add(url)
                new_details += 1
            if kind == "report":
                yield self._request(
                    url, self.parse_report, referrer=page_url, anchor=text
                )
            elif kind == "attachment" and (report_page or is_report_title(text)):
                yield self._request(
                    url, self.parse_attachment, referrer=page_url, anchor=text
                )
            elif kind == "list":
                yield self._request(
                    url, self.parse_list, referrer=page_url, anchor=text
                )
            elif kind == "pagination":
                nexts.append(url)
            elif kind == "offsite":
                yield from self._offsite(url, page_url)
        if not nexts:
            return
        if unchanged and chain is None:
            # A next-link chain's start page answered 304: the chain is as it was.
            stats.inc_value(PAGES_SKIPPED, len(nexts))
            return
        verdict, state = judge_next_page(
            chain or ChainState(),
            new_detail_links=new_details,
            max_pages=self.max_list_pages,
            trap_pages=self.trap_pages,
        )
        if verdict == "follow" and 0 < self.depth_limit <= depth:
            # DepthMiddleware would drop the next page silently; say so instead.
            verdict = "trap-depth"
        if verdict != "follow":
            detail = f"{verdict}: next-page chain stopped after {state.depth - 1} pages"
            logger.warning("trap at %s (%s)", page_url, detail)
            yield self._event("trap", nexts[0], detail, page_url)
            return
        for url in nexts:
            request = self._request(
                url, self.parse_list, referrer=page_url, anchor="下一页", chain=state
            )
            request.meta[META_LIST_PAGE] = state.depth
            yield request

    # ------------------------------------------------------------------ building blocks

    def _offsite(self, url: str, page_url: str) -> Iterator[EventItem]:
        if url not in self._seen_offsite:
            self._seen_offsite.add(url)
            yield self._event("offsite", url, "host not in allowed_domains", page_url)

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
            url,
            callback=callback,
            errback=self.errback,
            cb_kwargs={"referrer": referrer, "anchor": anchor, **extra},
        )
