"""Politeness and safety cases of the sample portal: answers a bounded crawler must survive.

``plant_safety_cases`` adds report-like rows to the TRS district column (and a flood column
below it); ``answer`` serves them, ahead of the family renderers:

* a report answered ``429 Too Many Requests`` with ``Retry-After`` the first time, then served;
* a behaviour-only challenge: a tiny 202 whose script sets a cookie and reloads, no vendor mark;
* a gzip bomb: a ~250 KB gzip body that inflates to 256 MiB (past Scrapy's default 200 MiB);
* a redirect loop (A → B → A) and a redirect to another host (``localhost``'s ``/offsite/``);
* a ``.pdf`` streamed without ``Content-Length`` (chunked), ``STREAMED_BYTES`` long;
* a column page with ``FLOOD_LINKS`` report-like links, all dead (a runaway list generator).

Which report the 429 hits and the challenge's script are drawn from the seed.
"""

from __future__ import annotations

import threading
import zlib
from functools import cache
from html import escape
from typing import TYPE_CHECKING

from crawler.sampleportal.model import SafetyPaths
from crawler.sampleportal.response import PageResponse, html_response

if TYPE_CHECKING:
    from collections.abc import Callable

    from crawler.sampleportal.model import Portal
    from crawler.sampleportal.sites_trs_columns import TrsSite

RETRY_AFTER = 1
BOMB_BYTES = 256 * 1024 * 1024
STREAMED_BYTES = 4 * 1024 * 1024
FLOOD_LINKS = 2000
CHUNKED = ("Transfer-Encoding", "chunked")
_CHALLENGES = (
    "var _$a='{t}';document.cookie='_wsc_c='+_$a+';path=/';location.reload();",
    (
        "(function(){{var k=['{t}'];document['cookie']='__tst_v='+k[0];"
        "window.location.href=window.location.href;}})();"
    ),
    (
        "var c='{t}'.split('').reverse().join('');document.cookie='zz_c='+c;"
        "location.replace(location.pathname+location.search);"
    ),
)


def plant_safety_cases(site: TrsSite, directory: str) -> None:
    """Add the cases to the district column; their paths go to ``site.b.safety``."""
    from crawler.sampleportal.sites_trs_columns import (  # noqa: PLC0415 (cycle)
        DISTRICT,
        detail_path,
    )

    b = site.b
    limited = site.report("zfxxgknb", DISTRICT, 2023, layout="html").paths[0]
    hostile = {
        name: site.failure("hostile", year, DISTRICT)
        for name, year in (
            ("challenge", 2022),
            ("bomb", 2021),
            ("loop", 2020),
            ("offsite", 2023),
        )
    }
    loop_b = detail_path(directory, b.report_date(2020), b.new_id(7))
    streamed = f"{directory}{b.report_date(2024):%Y%m}/P0{b.new_id(12)}.pdf"
    site.failure("hostile", 2024, DISTRICT, streamed)
    # linked from the district column's page like a sub-column (``trs._list_page``)
    flood = f"{directory}nbhz/index.html"
    b.safety = SafetyPaths(
        rate_limited=limited,
        retry_after=RETRY_AFTER,
        challenge=hostile["challenge"],
        gzip_bomb=hostile["bomb"],
        redirect_loop=(hostile["loop"], loop_b),
        offsite_redirect=hostile["offsite"],
        streamed_large=streamed,
        flood_column=flood,
        flood_links=FLOOD_LINKS,
    )


class SafetyState:
    """Per-server state: which rate-limited paths were already refused once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.throttled: set[str] = set()


def answer(
    portal: Portal, state: SafetyState, path: str, host: str
) -> PageResponse | None:
    """The special answer for ``path``, or None when it is an ordinary page."""
    safety = portal.safety
    if safety is None:
        return None
    if path == safety.rate_limited:
        with state.lock:
            first = path not in state.throttled
            state.throttled.add(path)
        headers = (("Retry-After", str(safety.retry_after)),)
        return (
            PageResponse(429, b"Too Many Requests", "text/plain", headers=headers)
            if first
            else None
        )
    port = host.rsplit(":", 1)[1] if ":" in host else "80"
    loop_a, loop_b = safety.redirect_loop
    script = _CHALLENGES[portal.seed % len(_CHALLENGES)].format(t=f"{portal.seed:08x}")
    answers: dict[str, Callable[[], PageResponse]] = {
        safety.challenge: lambda: PageResponse(
            202,
            f"<html><head><script>{script}</script></head><body></body></html>".encode(),
            "text/html",
        ),
        safety.gzip_bomb: lambda: PageResponse(
            200, _bomb(), "text/html", headers=(("Content-Encoding", "gzip"),)
        ),
        loop_a: lambda: _redirect(f"http://{host}{loop_b}"),
        loop_b: lambda: _redirect(f"http://{host}{loop_a}"),
        safety.offsite_redirect: lambda: _redirect(
            f"http://localhost:{port}/offsite/moved.html"
        ),
        safety.streamed_large: lambda: PageResponse(
            200, b"", "application/pdf", headers=(CHUNKED,)
        ),
        safety.flood_column: lambda: _flood(safety),
        # the column may be linked as its directory
        safety.flood_column.rsplit("/", 1)[0] + "/": lambda: _flood(safety),
    }
    make = answers.get(path)
    return make() if make is not None else None


def stream_chunks() -> list[bytes]:
    """The streamed file's chunks: a PDF header, then filler, ``STREAMED_BYTES`` in all."""
    head = b"%PDF-1.4\n% streamed without Content-Length\n"
    block = 64 * 1024
    rest = STREAMED_BYTES - len(head)
    return [head] + [b"0" * min(block, rest - i) for i in range(0, rest, block)]


def _redirect(location: str) -> PageResponse:
    return PageResponse(302, b"", "text/html", headers=(("Location", location),))


@cache
def _bomb() -> bytes:
    """The gzip of ``BOMB_BYTES`` zeros (about 250 KB), built once per process."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1024 * 1024)
    parts = [packer.compress(zeros) for _ in range(BOMB_BYTES // len(zeros))]
    return b"".join(parts) + packer.flush()


def _flood(safety: SafetyPaths) -> PageResponse:
    base = safety.flood_column.rsplit("/", 1)[0]
    rows = "".join(
        f'<li><a href="{base}/2024/t20240{1 + k % 3}{10 + k % 18}_{9_000_000 + k}.html">'
        f"示范区第{k}街道2023年政府信息公开工作年度报告</a></li>"
        for k in range(safety.flood_links)
    )
    text = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>年报汇总</title></head>"
        f"<body><div class='column-title'>{escape('年报汇总')}</div>"
        f"<ul class='list'>{rows}</ul></body></html>"
    )
    return html_response(text, encoding="utf-8", header_charset=True)
