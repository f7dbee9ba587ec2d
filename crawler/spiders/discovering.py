"""Discovery inside the portal spider: from a home or platform page to the 年报 columns.

Every start page goes to ``parse_start``, which asks ``crawler.discovery.page_role`` whether it
is a report column (then it is read as a list, as start pages always were, and its parent is
the column scope) or a page to discover from. A discovery page is captured (kind ``list``) and
only its 年报 column links (read as lists, each scoped to its own directory so the platform's
other entries stay out), its 政府信息公开 platform links and, on a platform, its department and
township sub-site links are followed; sub-site and platform pages come back to ``parse_start``.
Dated report links found on the way are fetched as reports.

Discovery pages are bounded by ``PORTAL_DISCOVERY_BUDGET`` (default 30) per site: past it, links
are dropped and one ``discovery-budget`` event says how many. What was found (column URLs,
CMS guess, sister hosts, requests spent, and how many before the first column) is kept in the
``nianbao/discovery`` stat, which ``nianbao sites discover`` prints. With
``PORTAL_DISCOVER_ONLY`` the columns (a start page that is one included) are fetched once to
confirm them and not crawled further.
Settings are read by ``PortalSpider.from_crawler``.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from scrapy.http import TextResponse

from crawler.discovery import (
    classify_discovery_link,
    column_scope,
    guess_cms,
    has_platform_nav,
    is_sister_host,
    page_role,
)
from crawler.links import extract_anchors, is_report_title, start_scope
from crawler.middlewares import is_binary, refusal_of
from crawler.pagination import hanweb
from crawler.spiders.routing import LinkRouting

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy.http import Response

    from crawler.spiders.outputs import Output

logger = logging.getLogger(__name__)

DISCOVERY_STAT = "nianbao/discovery"
#: Meta key of a discovery request: how the page was reached (``platform`` or ``subsite``).
META_DISCOVERY = "nianbao_discovery"
#: Column requests go before the remaining discovery pages (Scrapy: higher runs first).
COLUMN_PRIORITY = 10


@dataclass(slots=True)
class DiscoveryState:
    """What discovery spent and found for one site during one crawl."""

    budget: int
    requests: int = (
        0  # discovery pages asked for (start pages that were not columns included)
    )
    pages: int = 0  # discovery pages read
    before_column: int | None = (
        None  # discovery pages read when the first column was found
    )
    dropped: int = 0  # discovery links past the budget
    columns: list[str] = field(default_factory=list)
    cms_votes: Counter[str] = field(default_factory=Counter)
    sister_hosts: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    scopes: list[str] = field(default_factory=list)

    def as_stat(self) -> dict[str, Any]:
        """The findings as a JSON-friendly dict (stored in ``crawls.stats``)."""
        cms = self.cms_votes.most_common(1)[0][0] if self.cms_votes else None
        return {
            "columns": list(self.columns),
            "cms": cms,
            "sister_hosts": list(self.sister_hosts),
            "requests": self.requests,
            "pages": self.pages,
            "before_first_column": self.before_column,
            "budget": self.budget,
            "dropped": self.dropped,
        }


class Discovering(LinkRouting):
    """``parse_start`` and the discovery callbacks; ``PortalSpider`` sets the state they read."""

    discovery: DiscoveryState
    discover_only: bool

    def crawl_scopes(self) -> tuple[str, ...]:
        """Path prefixes of the columns being crawled: start columns' parents, found columns."""
        return tuple(self.discovery.scopes)

    def parse_start(
        self,
        response: Response,
        *,
        referrer: str | None,
        anchor: str | None,
        pinned: bool = False,
    ) -> Iterator[Output]:
        """A start, platform or sub-site page: read it as a column, or discover from it."""
        readable = (
            refusal_of(response) is None
            and isinstance(response, TextResponse)
            and not is_binary(response.body)
        )
        role = response.meta.get(META_DISCOVERY)
        if readable:
            html = response.text
            self._vote(html)
            if (
                not pinned
                and page_role(
                    html, response.url, site=self.site, on_platform=role is not None
                )
                == "discovery"
            ):
                if role is None:
                    self.discovery.requests += 1  # a start page spent on discovery
                    self.discovery.seen.add(response.url)
                yield from self._discover(response, html, referrer, anchor, role=role)
                self._publish()
                return
            if role is None:
                # a start column: its parent is the scope, as start pages always had
                self._add_scope(start_scope(response.url))
                self.discovery.columns.append(response.url)
                self._publish()
            else:
                self._found_column(response.url)
            if self.discover_only:
                yield from self.parse_probe(response, referrer=referrer, anchor=anchor)
                return
        yield from self.parse_list(
            response, referrer=referrer, anchor=anchor, root=readable
        )

    def parse_probe(
        self, response: Response, *, referrer: str | None, anchor: str | None
    ) -> Iterator[Output]:
        """``PORTAL_DISCOVER_ONLY``: a column fetched once to confirm it, never crawled."""
        if isinstance(response, TextResponse) and not is_binary(response.body):
            html = response.text
            self._vote(html)
            anchors = extract_anchors(html, response.url)
            anchors += [
                p for r in hanweb.embedded_records(html) for p in extract_anchors(r)
            ]
            reports = sum(1 for _, text in anchors if is_report_title(text))
            self.crawler.stats.inc_value("nianbao/discovery/probe-reports", reports)
        self._publish()
        yield from ()

    # ------------------------------------------------------------------ helpers

    def _discover(
        self,
        response: Response,
        html: str,
        referrer: str | None,
        anchor: str | None,
        *,
        role: str | None,
    ) -> Iterator[Output]:
        state = self.discovery
        state.pages += 1
        self.crawler.stats.inc_value("nianbao/discovery/pages")
        yield self._capture(response, "list", referrer, anchor)
        page_url = response.url
        anchors = extract_anchors(html, page_url)
        on_platform = role is not None or has_platform_nav(anchors)
        leads: list[tuple[str, str, str]] = []
        for href, raw_text in anchors:
            text = " ".join(raw_text.split())
            kind = classify_discovery_link(
                href, text, site=self.site, page_url=page_url, on_platform=on_platform
            )
            url = urljoin(page_url, href.strip())
            self.crawler.stats.inc_value(f"nianbao/discovery/links/{kind}")
            if (
                kind == "report"
                and not self.discover_only
                and url not in self._seen_details
            ):
                self._seen_details.add(url)
                yield self._request(
                    url, self.parse_report, referrer=page_url, anchor=text
                )
            elif kind == "column":
                yield from self._enter_column(url, text, page_url)
            elif kind in ("platform", "subsite"):
                leads.append((url, text, kind))
            elif kind == "offsite":
                host = (urlsplit(url).hostname or "").lower()
                if is_sister_host(host, self.site) and host not in state.sister_hosts:
                    state.sister_hosts.append(host)
                yield from self._offsite(url, page_url)
        for url, text, lead in leads:
            yield from self._follow_lead(url, text, page_url, lead)

    def _enter_column(self, url: str, text: str, page_url: str) -> Iterator[Output]:
        """A 年报 column found: crawl it (or probe it), scoped to its own directory."""
        key = column_scope(url)
        if key in self.discovery.seen:
            return
        self.discovery.seen.add(key)
        self._found_column(url)
        if self.discover_only:
            request = self._request(
                url, self.parse_probe, referrer=page_url, anchor=text
            )
        else:
            request = self._request(
                url, self.parse_list, referrer=page_url, anchor=text, root=True
            )
        yield request.replace(priority=COLUMN_PRIORITY)

    def _found_column(self, url: str) -> None:
        state = self.discovery
        if state.before_column is None:
            state.before_column = state.pages
            self.crawler.stats.set_value(
                "nianbao/discovery/pages-before-first-column", state.pages
            )
        scope = column_scope(url)
        state.seen.add(scope)
        self._add_scope(scope)
        if not any(column_scope(c) == scope for c in state.columns):
            state.columns.append(url)
            logger.info("report column found: %s", url)
        self._publish()

    def _follow_lead(
        self, url: str, text: str, page_url: str, kind: str
    ) -> Iterator[Output]:
        """A platform or sub-site page, within the site's discovery budget."""
        state = self.discovery
        if url in state.seen:
            return
        state.seen.add(url)
        if state.requests >= state.budget:
            state.dropped += 1
            self.crawler.stats.inc_value("nianbao/discovery/over-budget")
            if state.dropped == 1:
                detail = f"discovery budget of {state.budget} requests spent"
                logger.warning("%s; not followed: %s", detail, url)
                yield self._event("discovery-budget", url, detail, page_url)
            return
        state.requests += 1
        self.crawler.stats.inc_value("nianbao/discovery/requests")
        request = self._request(url, self.parse_start, referrer=page_url, anchor=text)
        request.meta[META_DISCOVERY] = kind
        yield request

    def _vote(self, html: str) -> None:
        family = guess_cms(html)
        if family is not None:
            self.discovery.cms_votes[family] += 1

    def _add_scope(self, scope: str) -> None:
        if scope not in self.discovery.scopes:
            self.discovery.scopes.append(scope)

    def _publish(self) -> None:
        self.crawler.stats.set_value(DISCOVERY_STAT, self.discovery.as_stat())
