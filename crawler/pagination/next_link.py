"""Plain "下一页" pagination and the trap guard that stops endless next-page chains.

Sites without a script pager link the next page with an ``<a>`` reading 下一页 / 下页 / next.
Calendars and faceted lists do the same forever (``rl?page=N`` → ``N+1``), so every chain of
next pages passes ``judge_next_page``: it is cut when it goes beyond ``PORTAL_MAX_LIST_PAGES``
pages, or when ``PORTAL_TRAP_PAGES`` pages in a row brought no detail link not seen before
(crawl-archive-anchors.md §2; the calendar trap of the sample portal). A cut is a ``trap``
event, never a silent stop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

from crawler.links import is_next_anchor

#: ``trap-depth`` is the spider's own verdict when DEPTH_LIMIT would drop the next page.
NextVerdict = Literal["follow", "trap-cap", "trap-barren", "trap-depth"]


@dataclass(frozen=True, slots=True)
class ChainState:
    """Where a chain of next pages stands: pages read so far and the run of barren pages."""

    depth: int = 1
    barren_run: int = 0


def find_next_links(anchors: list[tuple[str, str]], page_url: str) -> list[str]:
    """Absolute URLs of the next-page links among (href, anchor text) pairs, in page order."""
    seen: list[str] = []
    for href, text in anchors:
        if href and is_next_anchor(text):
            url = urljoin(page_url, href.strip())
            if url != page_url and url not in seen:
                seen.append(url)
    return seen


def judge_next_page(
    state: ChainState, *, new_detail_links: int, max_pages: int, trap_pages: int
) -> tuple[NextVerdict, ChainState]:
    """Whether to follow the next link of the page just read, and the chain's next state.

    ``state`` describes the page just read (``depth`` = its position in the chain);
    ``new_detail_links`` is how many detail links on it were not seen before in this crawl.

    >>> judge_next_page(ChainState(3, 1), new_detail_links=0, max_pages=50, trap_pages=2)
    ('trap-barren', ChainState(depth=4, barren_run=2))
    """
    barren = state.barren_run + 1 if new_detail_links == 0 else 0
    following = ChainState(depth=state.depth + 1, barren_run=barren)
    if barren >= trap_pages:
        return "trap-barren", following
    if following.depth > max_pages:
        return "trap-cap", following
    return "follow", following
