"""``PortalSpider``: one generic spider driven by one registry entry; it routes, never extracts.

``scrapy crawl portal -a site=ID [-a base_url=http://127.0.0.1:PORT/]``. List pages are
captured (kind ``list``, including dataproxy XML and API JSON), their pagination decoded by
``crawler.pagination`` (the site's CMS hint first, then every decoder), their links classified
by ``crawler.links.classify_link``: report pages are fetched and captured (kind ``report``),
their attachments (links and script-written) fetched (kind ``attachment``); other articles are
only counted; offsite links, robots refusals, traps, oversized and failed downloads become
events. Responses flagged by ``crawler.middlewares`` become captures of kind ``soft-404`` /
``error``. ``-a registry=FILE`` reads the entry from another registry file. Start pages that
are home or 政府信息公开 platform pages are discovered from (``crawler.spiders.discovering``).
Settings read: ``PORTAL_MAX_LIST_PAGES``, ``PORTAL_TRAP_PAGES``, ``PORTAL_DISCOVERY_BUDGET``,
``PORTAL_DISCOVER_ONLY``,
``PORTAL_MAX_LINKS_PER_PAGE``, ``PORTAL_LOCAL_FAST``,
``NIANBAO_SKIP_UNCHANGED_PAGES``, ``NIANBAO_REFRESH``, and ``NIANBAO_JOB`` / ``JOBDIR``
(``crawler.resume.configure_job``: a resumable job; captures replayed from the archive are
marked so ``ArchivePipeline`` does not store them twice), ``NIANBAO_FRONTIER`` (a shared Redis
frontier, ``crawler.frontier.configure_frontier``).

Unchanged lists are short-circuited, so a re-crawl fetches little: static CMS families (TRS, gkmlpt, Hanweb) list
newest first and regenerate every page when an item is added, so when the *start* page of a
paginated list answers 304 (``crawler.incremental`` flag ``nianbao:not-modified``) its further
pages are not requested this crawl; its own links are still followed from the archived body.
Further pages carry ``meta["nianbao_list_page"]``; skipped ones are counted as
``nianbao/incremental/pages-skipped``. Off with ``NIANBAO_SKIP_UNCHANGED_PAGES=False`` (a portal
that lists oldest first) and under ``NIANBAO_REFRESH``, which must reach every report again.

The class is assembled from one module per job: ``crawler.spiders.outputs`` (captures, events,
requests, the errback), ``crawler.spiders.list_requests`` (pagination requests per CMS family and
the unchanged-list short-circuit), ``crawler.spiders.jpage`` (Hanweb dataproxy groups) and ``crawler.spiders.routing`` (link routing and the next-link
trap guard). This module keeps the spider's construction, its settings and its callbacks.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import TextResponse

from crawler.frontier import configure_frontier
from crawler.incremental import NOT_MODIFIED_FLAG
from crawler.links import (
    classify_link,
    extract_anchors,
    extract_frames,
    find_script_attachments,
    is_attachment_url,
    is_column_anchor,
    is_column_path,
    is_listing_page,
    is_report_title,
    link_target,
    list_page_key,
    names_report,
    normalize_title,
    page_selector,
    query_in_page_encoding,
    script_anchors,
    script_redirect,
)
from crawler.middlewares import is_binary
from crawler.pagination import gkmlpt, hanweb, trs
from crawler.resume import configure_job
from crawler.seen import DiskSet
from crawler.sites import Site, get_site, is_loopback
from crawler.spiders.discovering import Discovering, DiscoveryState
from crawler.spiders.jsonlists import JsonLists
from crawler.spiders.list_requests import (
    META_LIST_PAGE,
    PAGES_SKIPPED,
    ListRequests,
    is_unchanged_start,
)
from crawler.spiders.outputs import Output, usable_only

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Generator, Iterator

    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from crawler.pagination.next_link import ChainState

__all__ = [
    "META_LIST_PAGE",
    "PAGES_SKIPPED",
    "Output",
    "PortalSpider",
    "is_unchanged_start",
]

logger = logging.getLogger(__name__)

#: Magic numbers of document formats served at an HTML URL (portals.md §3.5).
_DOCUMENT_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


class PortalSpider(Discovering, ListRequests, JsonLists):
    name = "portal"
    # Error answers reach the callbacks so they are captured (kind `error`) after retries.
    handle_httpstatus_list: ClassVar[list[int]] = [*range(400, 430), *range(500, 530)]

    def __init__(
        self,
        site: str | None = None,
        base_url: str | None = None,
        registry: str | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        if not site:
            msg = "give the site id: scrapy crawl portal -a site=ID"
            raise ValueError(msg)
        path = Path(registry) if registry else None
        self.site: Site = get_site(site, path).resolve(base_url)
        self.site_id = self.site.id
        self.base_url = base_url or self.site.base_url
        self.allowed_domains = list(self.site.hosts)
        # on disk: a 100,000-page portal's URLs would otherwise grow the crawl (crawler.seen)
        self._seen_details = DiskSet()
        self._seen_offsite = DiskSet()
        self._seen_lists = DiskSet()
        self._paged_columns: set[str] = set()
        self.discovery = DiscoveryState(budget=30)

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
            configure_frontier(settings, spider.site_id)
            configure_job(settings, spider.site_id)
        spider.max_list_pages = settings.getint("PORTAL_MAX_LIST_PAGES", 200)
        spider.trap_pages = settings.getint("PORTAL_TRAP_PAGES", 3)
        spider.max_links_per_page = settings.getint("PORTAL_MAX_LINKS_PER_PAGE", 500)
        spider.depth_limit = settings.getint("DEPTH_LIMIT", 0)
        spider.discovery.budget = settings.getint("PORTAL_DISCOVERY_BUDGET", 30)
        spider.discover_only = settings.getbool("PORTAL_DISCOVER_ONLY", False)
        spider.skip_unchanged_pages = settings.getbool(
            "NIANBAO_SKIP_UNCHANGED_PAGES", True
        ) and not settings.getbool("NIANBAO_REFRESH", False)
        return spider

    max_list_pages = 200
    trap_pages = 3
    max_links_per_page = 500
    depth_limit = 0
    skip_unchanged_pages = True
    discover_only = False

    async def start(self) -> AsyncIterator[Any]:
        # pinned report columns skip discovery; other start pages may be home or platform pages
        pinned = bool(self.site.report_columns)
        for url in self.site.report_columns or self.site.start_urls:
            request = self._list_request(
                url, self.parse_start, referrer=None, anchor=None, pinned=pinned
            )
            if request is not None:
                yield request

    # ------------------------------------------------------------------ callbacks

    @usable_only
    def parse_list(
        self,
        response: Response,
        *,
        referrer: str | None,
        anchor: str | None,
        chain: ChainState | None = None,
        root: bool = False,
    ) -> Iterator[Output]:
        """A list page: its capture, then its next pages and the report links on it.

        ``root`` marks a 年报 column itself (a start column, or one discovery found): when it
        leads nowhere (no report, sub-column, next page or list API), its list is drawn by a
        script or loaded from somewhere the crawler does not read, and a ``list-incomplete``
        event says so instead of a crawl that silently finds nothing. Links to the platform's
        other columns (its left navigation: 指南, 制度, 法定主动公开内容 …) lead nowhere in
        this sense (``_leads_into``): real column pages always carry them.

        @portal_url /trs/zfxxgk/zfxxgknb/index.html
        @cb_kwargs {"referrer": null, "anchor": null}
        @returns items 1 1
        @returns requests 1
        @scrapes url final_url status body kind site_id
        """
        if _reads_as_report(response, anchor):
            # a report at a column-like URL (…/39633/index.htm) titled without its year
            yield from self.parse_report(response, referrer=referrer, anchor=anchor)
            return
        leads = 0
        for output in self._list_outputs(response, referrer, anchor, chain):
            leads += isinstance(output, scrapy.Request) and _leads_into(
                output, response.url
            )
            yield output
        if not leads and isinstance(response, TextResponse):
            # an empty list its script fills from a JSON API: the rows are the API's
            for output in self._json_list_requests(response.text, response.url, anchor):
                leads += isinstance(output, scrapy.Request)
                yield output
        if not leads and isinstance(response, TextResponse):
            # a stub that sends the browser on by script: the list is where it goes
            target = script_redirect(response.text)
            if target is not None:
                moved = yield from self._follow_script_redirect(
                    target, response.url, anchor, root=root
                )
                if moved:
                    return
        if root and not leads:
            detail = (
                "column page leads to no report, sub-column or next page"
                " (a list drawn by a script or loaded from an API?)"
            )
            logger.warning("%s: %s", detail, response.url)
            yield self._event("list-incomplete", response.url, detail, referrer)

    def _follow_script_redirect(
        self, target: str, page_url: str, anchor: str | None, *, root: bool
    ) -> Generator[Output, None, bool]:
        """Follow a stub page's ``location.href = '…'`` as the list; True when it was handled."""
        found = link_target(target, page_url, self.site)
        url = urljoin(page_url, target)
        if found == "ignore" or url == page_url:
            return False
        if found == "offsite":
            yield from self._offsite(url, page_url)
            return True
        request = self._list_request(
            url, self.parse_list, referrer=page_url, anchor=anchor, root=root
        )
        if request is not None:
            yield request
        return True

    def _list_outputs(
        self,
        response: Response,
        referrer: str | None,
        anchor: str | None,
        chain: ChainState | None,
    ) -> Iterator[Output]:
        yield self._capture(response, "list", referrer, anchor)
        if not isinstance(response, TextResponse) or is_binary(response.body):
            return
        html = response.text
        unchanged = self.skip_unchanged_pages and is_unchanged_start(response)
        yield from self._decode_pagination(html, response.url, unchanged=unchanged)
        # parsed once for its anchors and, if need be, its frames
        page = page_selector(html)
        anchors = extract_anchors(page, response.url)
        anchors += [
            pair
            for record in hanweb.embedded_records(html)
            for pair in extract_anchors(record, response.url)
        ]
        anchors += script_anchors(html)
        anchors = [
            (query_in_page_encoding(h, response.encoding), t) for h, t in anchors
        ]
        depth = int(response.meta.get("depth", 0))
        yield from self._route_links(
            anchors, response.url, chain=chain, depth=depth, unchanged=unchanged
        )
        if not any(is_report_title(text) for _, text in anchors):
            # a frameset or an iframe shell: the list is the framed document
            frames = extract_frames(page, response.url)
            yield from self._route_frames(frames, response.url)

    @usable_only
    def parse_api(
        self,
        response: Response,
        *,
        referrer: str | None,
        anchor: str | None,
        category: int,
        page: int,
        sid: str,
        size: int | None = None,
    ) -> Iterator[Output]:
        yield self._capture(response, "list", referrer, anchor)
        try:
            api_page = gkmlpt.parse_api_page(response.text)
        except (gkmlpt.GkmlptDecodeError, AttributeError, UnicodeDecodeError) as exc:
            yield self._event(
                "download-error", response.url, f"gkmlpt API: {exc}", referrer
            )
            return
        missing = gkmlpt.missing_rows(api_page, page, size)
        if missing:
            detail = (
                f"API page {page}: {len(api_page.articles)} rows,"
                f" {missing} fewer than its total {api_page.total} promised"
            )
            yield self._event("list-incomplete", response.url, detail, referrer)
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
                size=size or len(api_page.articles),
            )  # fmt: skip
            request.meta[META_LIST_PAGE] = number
            yield request

    @usable_only
    def parse_report(
        self, response: Response, *, referrer: str | None, anchor: str | None
    ) -> Iterator[Output]:
        """A report page: its capture, then requests for its attachments.

        @portal_url $check_report
        @cb_kwargs {"referrer": null, "anchor": null}
        @returns items 1
        @scrapes url kind site_id
        """
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
        html = response.text
        target = script_redirect(html)
        if target is not None and _is_stub(html):
            # a TRS link document: the row's page only sends the browser to the report
            yield self._capture(response, "page", referrer, anchor)
            yield from self._follow_report_stub(target, response.url, anchor)
            return
        page = page_selector(html)  # parsed once for its anchors and its frames
        links = extract_anchors(page, response.url)
        if _reads_as_list(links, html, response.url):
            # a year column anchored like a report (2023年度…年度报告 → ./2023/index.html)
            yield from self.parse_list(response, referrer=referrer, anchor=anchor)
            return
        yield self._capture(response, "report", referrer, anchor)
        yield from self._report_parts(html, response.url, anchor)
        links += find_script_attachments(html, response.url)
        # a PDF shown in an <embed> or a viewer iframe is the report's file too
        links += [(url, "") for url in extract_frames(page, response.url)]
        for raw, text in links:
            href = query_in_page_encoding(raw, response.encoding)
            kind = classify_link(href, text, site=self.site, page_url=response.url)
            url = urljoin(response.url, href)
            if kind == "attachment":
                yield self._request(
                    url, self.parse_attachment, referrer=response.url, anchor=text
                )
            elif kind == "offsite":
                yield from self._offsite(url, response.url)

    def _follow_report_stub(
        self, target: str, page_url: str, anchor: str | None
    ) -> Iterator[Output]:
        """The report (or its file) a stub page's ``location.href = '…'`` sends the browser to."""
        found = link_target(target, page_url, self.site)
        if found == "ignore":
            return
        url = found if isinstance(found, str) else found.geturl()
        if found == "offsite":
            yield from self._offsite(urljoin(page_url, target), page_url)
            return
        if url == page_url or url in self._seen_details:
            return
        self._seen_details.add(url)
        callback = (
            self.parse_attachment if is_attachment_url(url) else self.parse_report
        )
        yield self._request(url, callback, referrer=page_url, anchor=anchor)

    def _report_parts(
        self, html: str, page_url: str, anchor: str | None
    ) -> Iterator[Output]:
        """The further pages of a report TRS split in parts (``t…_1.html``, ``t…_2.html``).

        Only a pager that pages this very document (its base name is the page's own) is
        followed: each part is a report capture, as the first part is (portals.md §1.1).
        """
        pager = trs.decode_trs_pagination(html, page_url)
        if pager is None or len(pager.page_urls) < 2:  # noqa: PLR2004 (one part: nothing to add)
            return
        stem, first = _stem(page_url), _stem(pager.page_urls[0])
        if stem != first and not re.fullmatch(re.escape(first) + r"_\d+", stem):
            return
        for url in pager.page_urls[1 : self.max_list_pages]:
            if url != page_url and url not in self._seen_details:
                self._seen_details.add(url)
                yield self._request(
                    url, self.parse_report, referrer=page_url, anchor=anchor
                )

    @usable_only
    def parse_attachment(
        self, response: Response, *, referrer: str | None, anchor: str | None
    ) -> Iterator[Output]:
        """An attachment: its capture, nothing to follow.

        @portal_url $check_attachment
        @cb_kwargs {"referrer": null, "anchor": null}
        @returns items 1 1
        @returns requests 0 0
        @scrapes url final_url status body kind site_id
        """
        yield self._capture(response, "attachment", referrer, anchor)


def _stem(url: str) -> str:
    """A URL's file name without its extension (``t20240205_1146048`` of ``…_1146048.html``)."""
    return posixpath.splitext(posixpath.basename(urlsplit(url).path))[0]


def _leads_into(request: scrapy.Request, page_url: str) -> bool:
    """True when a request from a column page goes into the column, not to its neighbours.

    Reports, files, API and proxy pages, pagination and framed documents go into it; so do
    sub-columns under the column's own directory or named as 年报 or year columns
    (``../nb2023/`` anchored 2023年). A link to another column of the platform, as every
    page's navigation has, does not: a page with only those lists nothing the crawler reads.
    """
    if request.callback is None or getattr(request.callback, "__name__", "") != (
        "parse_list"
    ):
        return True
    anchor = request.cb_kwargs.get("anchor")
    if anchor is None or request.meta.get(META_LIST_PAGE) or anchor == "下一页":
        return True
    path = urlsplit(request.url).path
    own = posixpath.dirname(urlsplit(page_url).path).rstrip("/") + "/"
    return (
        path.startswith(own)
        or is_column_anchor(anchor)
        or is_column_path(path)
        or bool(_YEAR_TEXT.match(normalize_title(anchor)))
    )


#: A sub-column named by its year (2023, 2023年, 2023年度).
_YEAR_TEXT = re.compile(r"^(?:19|20)\d{2}(?:年度?)?$")


def _reads_as_list(links: list[tuple[str, str]], html: str, page_url: str) -> bool:
    """True for a page linked as a report that is a list of reports (a year column).

    Only a list page's URL (a directory, an index page) qualifies, with links to two reports
    or more and no report text of its own (一、总体情况): a report at an index page whose side
    box links other years' reports stays a report.
    """
    if not is_listing_page(urlsplit(page_url).path) or "总体情况" in html:
        return False
    return len(_linked_reports(links, page_url)) >= _MIN_LISTED_REPORTS


def _linked_reports(links: list[tuple[str, str]], page_url: str) -> set[str]:
    """The other pages a page links under a report's title (with or without its year)."""
    own = list_page_key(page_url)
    return {
        list_page_key(urljoin(page_url, href))
        for href, text in links
        if names_report(text)
    } - {own}


#: Reports a page must link to read as a list rather than as a report.
_MIN_LISTED_REPORTS = 2


def _reads_as_report(response: Response, anchor: str | None) -> bool:
    """True for a page linked as a list by a report's year-less title that is the report.

    Hunan's numeric tree gives each report its own directory (``…/25162/37354/index.htm``):
    by its URL a column, by its anchor (示范县财政局政府信息公开工作年度报告) a 年报 column's
    name. A page that has report text (一、总体情况) and links to fewer than two reports is the
    report, not a list of them.
    """
    if not anchor or not names_report(anchor) or not isinstance(response, TextResponse):
        return False
    if is_binary(response.body):
        return False
    html = response.text
    if "总体情况" not in html:
        return False
    links = extract_anchors(html, response.url)
    return len(_linked_reports(links, response.url)) < _MIN_LISTED_REPORTS


_TAGS = re.compile(r"<[^>]+>")
_SCRIPTS = re.compile(r"<(script|style)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
#: Visible characters a redirect stub may show (请稍候…, 正在跳转); a report shows more.
_STUB_TEXT = 40


def _is_stub(html: str) -> bool:
    """True for a page that shows next to nothing: its script's redirect is its content.

    A report page that also carries a redirect script (to its ``_wap`` copy on phones) has
    its text, and stays the report.
    """
    text = "".join(_TAGS.sub(" ", _SCRIPTS.sub(" ", html)).split())
    return len(text) < _STUB_TEXT
