"""Column lists loaded from a JSON API a page names (``crawler.pagination.jsonlist``).

A list page that leads nowhere by its links (an empty container the script fills) is asked for
the GET calls its script or container names, as a browser would make them; ``parse_json`` reads
an answer's rows as the page's links (relative URLs against the page, as the script resolves
them) and asks for its further pages when the call carries a page number (``page=1``,
``pageNo=1``, ``pageIndex=1``, ``curPage=1``) and the answer a total. A list that cannot be read
further (no page number, a POST call, an answer without rows) is a ``list-incomplete`` event.
Stats: ``nianbao/links/json-api`` (API pages asked for).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from scrapy.http import TextResponse

from crawler.links import link_target
from crawler.pagination import jsonlist
from crawler.spiders.outputs import META_LIST_PAGE, usable_only
from crawler.spiders.routing import LinkRouting

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy.http import Response

    from crawler.spiders.outputs import Output


class JsonLists(LinkRouting):
    """The JSON list requests of a list page and their callback."""

    def _json_list_requests(
        self, html: str, page_url: str, anchor: str | None
    ) -> Iterator[Output]:
        """Requests for the GET list APIs a page names; a POST-only list is an event."""
        asked = 0
        for url in jsonlist.find_list_apis(html, page_url):
            if isinstance(link_target(url, page_url, self.site), str):
                continue  # another host's script (counters, widgets): not the column's list
            request = self._list_request(
                url,
                self.parse_json,
                referrer=page_url,
                anchor=anchor,
                page_url=page_url,
            )
            if request is not None:
                asked += 1
                self.crawler.stats.inc_value("nianbao/links/json-api")
                yield request
        posts = jsonlist.post_calls(html, page_url)
        if not asked and posts:
            detail = f"list loaded by a POST call ({posts[0][:120]}); not read"
            yield self._event("list-incomplete", page_url, detail)

    @usable_only
    def parse_json(
        self,
        response: Response,
        *,
        referrer: str | None,
        anchor: str | None,
        page_url: str,
        number: int = 1,
    ) -> Iterator[Output]:
        """One page of a JSON list: its capture, its rows routed as links, its further pages."""
        yield self._capture(response, "list", referrer, anchor)
        answer = (
            jsonlist.parse_json_list(response.text)
            if isinstance(response, TextResponse)
            else None
        )
        if answer is None:
            detail = "list API answer holds no rows the crawler can read"
            yield self._event("list-incomplete", response.url, detail, referrer)
            return
        yield from self._route_links(answer.rows, page_url, chain=None)
        if number != 1 or answer.total is None or answer.total <= len(answer.rows):
            return
        pages = min(math.ceil(answer.total / len(answer.rows)), self.max_list_pages)
        if jsonlist.page_url(response.url, 2) is None:
            detail = (
                f"list API: {len(answer.rows)} of {answer.total} rows read;"
                " its further pages are asked by a script"
            )
            yield self._event("list-incomplete", response.url, detail, referrer)
            return
        for later in range(2, pages + 1):
            url = jsonlist.page_url(response.url, later)
            assert url is not None  # noqa: S101 (page 2 was)
            request = self._request(
                url, self.parse_json, referrer=referrer, anchor=anchor,
                page_url=page_url, number=later,
            )  # fmt: skip
            request.meta[META_LIST_PAGE] = later
            yield request
