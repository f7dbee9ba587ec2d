"""Link routing: each classified anchor of a list page becomes a request, an event or a count.

``LinkRouting._route_links`` classifies anchors with ``crawler.links.classify_link`` and sends
report pages to ``parse_report``, report attachments to ``parse_attachment``, sub-lists to
``parse_list`` and offsite links to an ``offsite`` event; every kind is counted as
``nianbao/links/<kind>``. A 下一页 that only runs a script naming no page
(``javascript:goPage(2)``) becomes a ``list-incomplete`` event. ``_route_frames`` reads the
documents a frameset or iframe shell shows as list pages (``nianbao/links/frame``; out of
scope: ``nianbao/links/frame-out-of-scope``). "Next page" links are followed as a chain judged by
``crawler.pagination.next_link.judge_next_page`` (a chain that stops bringing new detail links,
or passes ``max_list_pages``, ``trap_pages`` or ``DEPTH_LIMIT``, becomes a ``trap`` event), and
are skipped when the chain's start page answered 304. One page follows at most
``max_links_per_page`` links (a list page with ten thousand report-like links would otherwise
queue them all); the rest are counted and a ``link-cap`` event says how many were left.
Column pages are followed inside ``crawl_scopes()`` (start columns' parents and the columns
discovery found, ``crawler.spiders.discovering``). ``PortalSpider`` reads the settings
(``PORTAL_MAX_LIST_PAGES``, ``PORTAL_TRAP_PAGES``,
``PORTAL_MAX_LINKS_PER_PAGE``, ``DEPTH_LIMIT``) and sets the attributes.
"""

from __future__ import annotations

import logging
import posixpath
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from crawler.links import (
    classify_link,
    is_attachment_url,
    is_next_anchor,
    is_report_title,
    link_target,
)
from crawler.pagination.next_link import ChainState, judge_next_page
from crawler.spiders.list_requests import META_LIST_PAGE, PAGES_SKIPPED
from crawler.spiders.outputs import SpiderOutputs

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    import scrapy

    from crawler.seen import DiskSet
    from crawler.sites import Site
    from crawler.spiders.outputs import Output

logger = logging.getLogger(__name__)


class LinkRouting(SpiderOutputs):
    """Where each link of a list page goes; the callbacks it names live on ``PortalSpider``."""

    site: Site
    max_list_pages: int
    trap_pages: int
    depth_limit: int
    max_links_per_page: int
    _seen_details: DiskSet
    parse_list: Callable[..., Iterator[Output]]
    parse_report: Callable[..., Iterator[Output]]
    parse_attachment: Callable[..., Iterator[Output]]
    crawl_scopes: Callable[[], tuple[str, ...]]

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
        script_pagers: list[str] = []
        new_details = 0
        followed = left = 0
        for href, raw_text in anchors:
            text = " ".join(raw_text.split())
            kind = classify_link(
                href,
                text,
                site=self.site,
                page_url=page_url,
                scopes=self.crawl_scopes(),
            )
            url = urljoin(page_url, href.strip())
            stats.inc_value(f"nianbao/links/{kind}")
            if kind in ("report", "article") and url not in self._seen_details:
                self._seen_details.add(url)
                new_details += 1
            request = self._link_request(kind, url, text, page_url, report_page)
            if request is not None:
                if followed >= self.max_links_per_page:
                    left += 1
                    continue
                followed += 1
                yield request
            elif kind == "pagination":
                nexts.append(url)
            elif kind == "offsite":
                yield from self._offsite(url, page_url)
            elif kind == "ignore" and is_next_anchor(text) and _runs_script(href):
                script_pagers.append(href.strip())
        if script_pagers and not nexts:
            # 下一页 runs a script that names no page (javascript:goPage(2)): say so
            detail = (
                f"next page only through a script ({script_pagers[0][:80]}); not read"
            )
            logger.warning("%s at %s", detail, page_url)
            yield self._event("list-incomplete", page_url, detail)
        if left:
            stats.inc_value("nianbao/links/over-cap", left)
            detail = f"link cap: followed {followed} links, left {left}"
            logger.warning("%s at %s", detail, page_url)
            yield self._event("link-cap", page_url, detail)
        if nexts:
            yield from self._next_pages(
                nexts, page_url, chain, new_details, depth=depth, unchanged=unchanged
            )

    def _next_pages(
        self,
        nexts: list[str],
        page_url: str,
        chain: ChainState | None,
        new_details: int,
        *,
        depth: int,
        unchanged: bool,
    ) -> Iterator[Output]:
        """The next pages of a next-link chain, or the trap event that stops it."""
        if unchanged and chain is None:
            # A next-link chain's start page answered 304: the chain is as it was.
            self.crawler.stats.inc_value(PAGES_SKIPPED, len(nexts))
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

    def _route_frames(self, frames: Iterable[str], page_url: str) -> Iterator[Output]:
        """The documents a list page frames, read as list pages when they are in scope.

        A column page that is only a frameset or an iframe around its list shows the rows of
        the framed document; a frame outside the crawled columns is counted, not fetched.
        """
        stats = self.crawler.stats
        column_dir = posixpath.dirname(urlsplit(page_url).path).rstrip("/") + "/"
        for url in frames:
            target = link_target(url, page_url, self.site)
            if target == "offsite":
                yield from self._offsite(url, page_url)
                continue
            if target == "ignore" or is_attachment_url(url):
                continue
            scopes = (column_dir, *self.crawl_scopes())
            if not any(target.path.startswith(scope) for scope in scopes):
                stats.inc_value("nianbao/links/frame-out-of-scope")
                logger.info("framed page out of the column scope: %s", url)
                continue
            stats.inc_value("nianbao/links/frame")
            request = self._list_request(
                url, self.parse_list, referrer=page_url, anchor=None
            )
            if request is not None:
                yield request

    def _link_request(
        self, kind: str, url: str, text: str, page_url: str, report_page: bool
    ) -> scrapy.Request | None:
        """The request a classified link leads to, or None (not fetched, or fetched already)."""
        if kind == "report":
            return self._request(url, self.parse_report, referrer=page_url, anchor=text)
        if kind == "attachment" and (report_page or is_report_title(text)):
            return self._request(
                url, self.parse_attachment, referrer=page_url, anchor=text
            )
        if kind == "list":
            return self._list_request(
                url, self.parse_list, referrer=page_url, anchor=text
            )
        return None


def _runs_script(href: str) -> bool:
    """True for an href that only runs a script (``javascript:goPage(2)``, ``#``).

    A 下一页 or ``>`` that is an address the crawl does not follow (a calendar's next month)
    is not a pager the crawler failed to read.
    """
    return href.strip().lower().startswith(("javascript:", "#"))
