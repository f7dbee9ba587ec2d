"""Hanweb jpage lists: every later group asked for as a POST, and the records counted.

``JpageLists._jpage_requests`` turns a decoded ``crawler.pagination.hanweb.JpageConfig`` (any
set-up: inline ``ajaxParam``, a named variable, ``<nextgroup>``, datastore only, legacy path)
into one ``POST dataproxy.jsp`` per group, always with its form data (``FormRequest`` with an
empty form would go out as a GET, which hardened sites answer with an empty datastore).
``parse_dataproxy`` counts the records each answer holds against what was asked for and
``totalRecord``: fewer records than expected becomes a ``list-incomplete`` event, and so does a
group past the embedded records whose rows were all listed already (a proxy that answers every
request with the first group). When the
column page gives no total, groups are asked for one after the other until an answer brings the
total or a short group. Groups beyond ``PORTAL_MAX_LIST_PAGES`` become a ``trap`` event.
Stats: ``nianbao/hanweb/records-expected``, ``nianbao/hanweb/records-received``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from scrapy.http import FormRequest

from crawler.links import extract_anchors
from crawler.pagination import hanweb
from crawler.spiders.outputs import META_LIST_PAGE, SpiderOutputs, usable_only

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from scrapy.http import Response

    from crawler.seen import DiskSet
    from crawler.spiders.outputs import Output

EXPECTED = "nianbao/hanweb/records-expected"
RECEIVED = "nianbao/hanweb/records-received"


@dataclass(frozen=True, slots=True)
class JpageGroup:
    """What one dataproxy request asked for (travels in ``cb_kwargs``; picklable for JOBDIR)."""

    config: hanweb.JpageConfig
    start: int
    end: int
    number: int  # 2 for the first requested group (the embedded one is 1)
    open_ended: bool  # no total was known when it was asked for


class JpageLists(SpiderOutputs):
    """Dataproxy requests and answers; ``_route_links`` lives on ``LinkRouting``."""

    max_list_pages: int
    _seen_details: DiskSet
    _route_links: Callable[..., Iterator[Output]]

    def _jpage_requests(
        self, config: hanweb.JpageConfig, page_url: str
    ) -> Iterator[Output]:
        """The POSTs for the groups after the embedded one, plus what is already missing."""
        total = config.total_record
        first = config.group if total is None else min(config.group, total)
        if total is not None and config.embedded < first:
            detail = f"page embeds {config.embedded} of the first {first} records (totalRecord {total})"
            yield self._event("list-incomplete", page_url, detail)
        cap = max(0, self.max_list_pages - 1)
        proxies = hanweb.dataproxy_requests(config, page_url, max_groups=cap)
        if total is not None:
            groups = -(-total // config.group)
            if groups - 1 > cap:
                detail = f"totalRecord {total} makes {groups} groups; read {cap + 1}"
                yield self._event("trap", page_url, detail)
        yield from self._group_posts(
            config, page_url, proxies, open_ended=total is None
        )

    def _group_posts(
        self,
        config: hanweb.JpageConfig,
        page_url: str,
        proxies: Iterable[hanweb.DataproxyRequest],
        *,
        open_ended: bool,
    ) -> Iterator[FormRequest]:
        for proxy in proxies:
            number = (proxy.start_record - 1) // config.group + 1
            group = JpageGroup(
                config, proxy.start_record, proxy.end_record, number, open_ended
            )
            yield FormRequest(
                proxy.url,
                method="POST",  # never a GET, even if the form were empty
                formdata=dict(proxy.formdata),
                callback=self.parse_dataproxy,
                errback=self.errback,
                cb_kwargs={"referrer": page_url, "anchor": None, "jpage": group},
                meta={META_LIST_PAGE: number},
            )

    @usable_only
    def parse_dataproxy(
        self,
        response: Response,
        *,
        referrer: str | None,
        anchor: str | None,
        jpage: JpageGroup | None = None,
    ) -> Iterator[Output]:
        yield self._capture(response, "list", referrer, anchor)
        try:
            answer = hanweb.parse_dataproxy(response.text)
        except (hanweb.HanwebDecodeError, AttributeError, UnicodeDecodeError) as exc:
            yield self._event(
                "list-incomplete", response.url, f"dataproxy: {exc}", referrer
            )
            return
        if jpage is not None:
            yield from self._count(jpage, answer, response.url, referrer)
        anchors = [
            pair for record in answer.records for pair in extract_anchors(record)
        ]
        if jpage is not None and self._repeats(
            jpage, anchors, referrer or response.url
        ):
            detail = (
                f"records {jpage.start}-{jpage.end}: the answer repeats rows already"
                " listed (the proxy ignored startrecord?); later records not read"
            )
            yield self._event("list-incomplete", response.url, detail, referrer)
        yield from self._route_links(anchors, referrer or response.url, chain=None)

    def _repeats(
        self, jpage: JpageGroup, anchors: list[tuple[str, str]], page_url: str
    ) -> bool:
        """True when a group past the embedded records brings only rows seen already.

        Some proxies answer every request with the first group: the counts then match what
        was asked for, and only the rows themselves show that nothing new arrived.
        """
        if not anchors or jpage.start <= jpage.config.embedded:
            return False
        return all(urljoin(page_url, href) in self._seen_details for href, _ in anchors)

    def _count(
        self,
        jpage: JpageGroup,
        answer: hanweb.DataproxyAnswer,
        url: str,
        referrer: str | None,
    ) -> Iterator[Output]:
        """Compare what arrived with what was asked for; continue an open-ended list."""
        total = answer.total if answer.total is not None else jpage.config.total_record
        end = jpage.end if total is None else min(jpage.end, total)
        expected = max(0, end - jpage.start + 1)
        received = len(answer.records)
        stats = self.crawler.stats
        stats.inc_value(EXPECTED, expected)
        stats.inc_value(RECEIVED, received)
        if received < expected:
            detail = (
                f"records {jpage.start}-{end}: {received} of {expected} arrived"
                f" (totalRecord {total if total is not None else 'unknown'})"
            )
            yield self._event("list-incomplete", url, detail, referrer)
        if not jpage.open_ended or referrer is None:
            return
        config, cap = jpage.config, self.max_list_pages - jpage.number
        if answer.total is not None:
            # The first requested group brought the total: ask for all the rest at once.
            rest = hanweb.next_group_requests(
                config, referrer, after=jpage.end, total=answer.total, max_groups=cap
            )
            yield from self._group_posts(config, referrer, rest, open_ended=False)
        elif received >= expected > 0 and cap > 0:
            following = hanweb.group_request(config, referrer, jpage.end + 1, None)
            yield from self._group_posts(config, referrer, [following], open_ended=True)
