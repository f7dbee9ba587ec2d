"""Further list pages: the requests a list page's pager asks for, one branch per CMS family.

``ListRequests._decode_pagination`` tries the ``crawler.pagination`` decoders (the site's CMS
hint first, then TRS, Hanweb, gkmlpt) and turns the first pager found into requests: TRS page
URLs for ``parse_list``, Hanweb dataproxy POSTs (``crawler.spiders.jpage``), gkmlpt category API
pages for ``parse_api``. A pager claiming more than ``max_list_pages`` pages becomes a ``trap``
event. A TRS column's page list is emitted once per column, by the first of its pages reached:
every page repeats the whole list, and re-emitting it from each page made Scrapy's duplicate
filter discard a request for every (page, page) pair of a large column. Unchanged lists are short-circuited here, so a re-crawl fetches little: when a list's start page answered 304
(``is_unchanged_start``) its further pages are dropped and counted under ``PAGES_SKIPPED``.
``PortalSpider`` reads the settings (``PORTAL_MAX_LIST_PAGES``) and sets the attributes.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import scrapy
from scrapy.http import FormRequest

from crawler.incremental import NOT_MODIFIED_FLAG
from crawler.links import list_page_key
from crawler.pagination import gkmlpt, hanweb, trs
from crawler.spiders.jpage import JpageLists
from crawler.spiders.outputs import META_LIST_PAGE

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from scrapy.http import Response

    from crawler.sites import Site
    from crawler.spiders.outputs import Output

logger = logging.getLogger(__name__)

__all__ = ["META_LIST_PAGE", "PAGES_SKIPPED", "ListRequests", "is_unchanged_start"]

PAGES_SKIPPED = "nianbao/incremental/pages-skipped"


def is_unchanged_start(response: Response) -> bool:
    """A list's start page answered 304: its further pages are unchanged too (newest first)."""
    return NOT_MODIFIED_FLAG in response.flags and not response.meta.get(META_LIST_PAGE)


class ListRequests(JpageLists):
    """Pagination requests of a list page; the callbacks they name live on ``PortalSpider``."""

    site: Site
    max_list_pages: int
    _paged_columns: set[str]
    parse_list: Callable[..., Iterator[Output]]
    parse_api: Callable[..., Iterator[Output]]

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
            column = list_page_key(pager.page_urls[0]) if pager.page_urls else page_url
            if column in self._paged_columns:
                return  # an earlier page of this column announced every page
            self._paged_columns.add(column)
            if pager.count > cap:
                yield self._event(
                    "trap", page_url, f"pager claims {pager.count} pages; read {cap}"
                )
            self._seen_lists.add(list_page_key(page_url))
            for number, url in enumerate(pager.page_urls[:cap], start=1):
                request = self._list_request(
                    url, self.parse_list, referrer=page_url, anchor=None
                )
                if request is None:
                    continue
                if number > 1:
                    request.meta[META_LIST_PAGE] = number
                yield request
        elif family == "hanweb" and (configs := hanweb.decode_jpages(html)):
            for config in configs:
                yield from self._jpage_requests(config, page_url)
        elif family == "gkmlpt" and (config_ := gkmlpt.decode_config(html)):
            # jump_url leaves show another page's list: routed like that page's links
            yield from self._route_links(config_.jumps, page_url, chain=None)
            for category in config_.categories:
                url = gkmlpt.api_page_url(page_url, category.id, 1, config_.sid)
                yield self._request(
                    url, self.parse_api, referrer=page_url, anchor=category.name,
                    category=category.id, page=1, sid=config_.sid,
                )  # fmt: skip
