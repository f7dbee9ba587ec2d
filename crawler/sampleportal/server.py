"""Serve a built portal over HTTP on a loopback address (stdlib ``ThreadingHTTPServer``).

Routing is by path prefix, as on multi-site hosts: ``/trs/``, ``/hanweb/``, ``/gd/``,
``/platform/`` (the 政府信息公开 platform site, ``sites_platform``), plus the
cross-family routes: ``robots.txt``, the ``/offsite/`` stand-in for other domains, the old-URL
redirect, the page that fails once with 500, the politeness and safety cases of ``hostile``,
and the test-only counter ``/__portal__/hits?prefix=…`` and request log
``/__portal__/log?prefix=…`` (arrival time, method, path, form of every request). Every 200 carries ``ETag`` and ``Last-Modified`` and conditional
requests get 304. Responses are rendered on first request and kept in an LRU cache, so a
portal of thousands of reports starts instantly.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
import threading
import time
from collections import Counter
from email.utils import formatdate, parsedate_to_datetime
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from crawler.sampleportal import gkmlpt, hanweb, hostile, platform, trs
from crawler.sampleportal.response import PageResponse, not_found
from crawler.sampleportal.sites_platform import build_platform

if TYPE_CHECKING:
    from crawler.sampleportal.model import Portal

logger = logging.getLogger(__name__)

ROBOTS_TXT = b"User-agent: *\nDisallow: /trs/private/\n"
#: Requests under these prefixes are what a well-behaved crawler must never make.
COUNTED_PREFIXES = ("/offsite/", "/trs/private/")
#: Rendered list pages and other responses kept beside every article page and file
#: (``cache_size``; least recently used go first).
CACHE_SIZE = 2048
MAX_FORM_BYTES = 64 * 1024


def cache_size(portal: Portal) -> int:
    """Rendered responses to keep: room for every page of the portal, list pages included.

    The portal stands in for remote servers, whose CPU is not the crawler's. A cache smaller
    than what one crawl fetches makes every crawl render again what the last one evicted: at
    2,000 reports the portal spent about as much CPU as the crawl it served, on the same cores,
    which is what ``bench/crawl_bench.py`` would then measure.
    """
    return CACHE_SIZE + len(portal.pages) + len(portal.files)


class NonLoopbackHostError(ValueError):
    """The sample portal only ever binds a loopback address."""


def check_loopback(host: str) -> None:
    """Refuse anything but 127.0.0.0/8, ::1 or ``localhost``: the portal is a local fixture."""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise NonLoopbackHostError(
        f"refusing to bind non-loopback host {host!r}; use 127.0.0.1"
    )


class PortalServer(ThreadingHTTPServer):
    """One HTTP server for the three sites, with the per-process state of the failure modes."""

    daemon_threads = True

    def __init__(self, portal: Portal, host: str = "127.0.0.1", port: int = 0) -> None:
        check_loopback(host)
        self.host = host
        self.portal = portal
        self.platform = build_platform(seed=portal.seed)
        self.hits: Counter[str] = Counter()
        self.failed_once: set[str] = set()
        self.safety = hostile.SafetyState()
        self.request_log: list[dict[str, object]] = []
        self.lock = threading.Lock()
        self.render = lru_cache(maxsize=cache_size(portal))(self._render)
        super().__init__((host, port), PortalHandler)

    @property
    def url(self) -> str:
        """``http://HOST:PORT/`` on the loopback address bound (127.0.0.1 unless ``--host``)."""
        return f"http://{self.host}:{self.server_address[1]}/"

    def _render(self, path: str, query_string: str, host: str) -> PageResponse:
        query = dict(parse_qsl(query_string, keep_blank_values=True))
        port = int(host.rsplit(":", 1)[1]) if ":" in host else self.server_address[1]
        if path.startswith("/trs/"):
            return trs.render(self.portal, path, query, port)
        if path.startswith("/hanweb/"):
            full = f"{path}?{query_string}" if query_string else path
            return hanweb.render(
                self.portal, full if full in self.portal.files else path, query, port
            )
        if path.startswith("/gd/"):
            return gkmlpt.render(self.portal, path, query, host)
        if path.startswith("/platform/"):
            return platform.render(self.platform, path, port, host)
        return not_found()


class PortalHandler(BaseHTTPRequestHandler):
    server: PortalServer
    server_version = "Apache"
    protocol_version = "HTTP/1.1"  # keep-alive: benchmarks fetch thousands of pages
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("%s %s", self.address_string(), format % args)

    def do_HEAD(self) -> None:
        self._log({})
        self._answer(self._route(), head=True)

    def do_GET(self) -> None:
        self._log({})
        self._answer(self._route())

    def _log(self, form: dict[str, str]) -> None:
        entry = {
            "at": time.time(),
            "method": self.command,
            "path": self.path,
            "form": form,
        }
        with self.server.lock:
            self.server.request_log.append(entry)

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        length = min(int(self.headers.get("Content-Length") or 0), MAX_FORM_BYTES)
        form = (
            dict(parse_qsl(self.rfile.read(length).decode("utf-8", "replace")))
            if length
            else {}
        )
        self._log(form)
        if parts.path in hanweb.PROXY_PATHS:
            query = dict(parse_qsl(parts.query))
            self._answer(
                hanweb.dataproxy(self.server.portal, query, form, self._port()),
                conditional=False,
            )
        else:
            self._answer(self._route())

    def _port(self) -> int:
        host = self.headers.get("Host", "")
        return (
            int(host.rsplit(":", 1)[1])
            if ":" in host
            else self.server.server_address[1]
        )

    def _route(self) -> PageResponse:  # noqa: PLR0911 (one early answer per special route)
        parts = urlsplit(self.path)
        path, portal = parts.path, self.server.portal
        with self.server.lock:
            self.server.hits[path] += 1
        if path == "/__portal__/hits":
            prefix = dict(parse_qsl(parts.query)).get("prefix", "/")
            with self.server.lock:
                hits = sum(
                    n for p, n in self.server.hits.items() if p.startswith(prefix)
                )
            return PageResponse(
                200, json.dumps({"hits": hits}).encode(), "application/json"
            )
        if path == "/__portal__/log":
            prefix = dict(parse_qsl(parts.query)).get("prefix", "/")
            with self.server.lock:
                log = [
                    e
                    for e in self.server.request_log
                    if str(e["path"]).startswith(prefix)
                ]
            return PageResponse(200, json.dumps(log).encode(), "application/json")
        if path == "/robots.txt":
            return PageResponse(200, ROBOTS_TXT, "text/plain")
        if path.startswith("/offsite/"):
            body = "<html><head><meta charset='utf-8'><title>外部网站</title></head><body>外部网站</body></html>"
            return PageResponse(200, body.encode("utf-8"), "text/html; charset=UTF-8")
        if path == portal.special.redirect_from:
            target = f"http://{self.headers.get('Host', '127.0.0.1')}{portal.special.redirect_to}"
            return PageResponse(301, b"", "text/html", headers=(("Location", target),))
        if path == portal.special.flaky_500:
            with self.server.lock:
                first = path not in self.server.failed_once
                self.server.failed_once.add(path)
            if first:
                return PageResponse(
                    500,
                    b"<html><body>500 Internal Server Error</body></html>",
                    "text/html",
                )
        host = self.headers.get("Host", f"127.0.0.1:{self.server.server_address[1]}")
        special = hostile.answer(portal, self.server.safety, path, host)
        if special is not None:
            return special
        return self.server.render(path, parts.query, host)

    def _answer(
        self, response: PageResponse, *, head: bool = False, conditional: bool = True
    ) -> None:
        etag = (
            '"'
            + hashlib.sha1(response.body, usedforsecurity=False).hexdigest()[:20]
            + '"'
        )
        modified = formatdate(
            parsedate_to_datetime(
                f"{response.modified:%a, %d %b %Y} 00:00:00 GMT"
            ).timestamp(),
            usegmt=True,
        )
        status = response.status
        if status == 200 and conditional and self._not_modified(etag, response):  # noqa: PLR2004
            status = 304
        self.send_response(status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        for name, value in response.headers:
            self.send_header(name, value)
        body = b"" if status == 304 else response.body  # noqa: PLR2004
        if status == 200 and hostile.CHUNKED in response.headers:  # noqa: PLR2004
            self._stream(head=head)
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and body:
            self.wfile.write(body)

    def _stream(self, *, head: bool) -> None:
        """A body without Content-Length, in chunks; a client that hangs up ends it."""
        self.end_headers()
        if head:
            return
        try:
            for chunk in hostile.stream_chunks():
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _not_modified(self, etag: str, response: PageResponse) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            return (
                etag in [tag.strip() for tag in match.split(",")]
                or match.strip() == "*"
            )
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return parsedate_to_datetime(since).date() >= response.modified
            except (TypeError, ValueError):
                return False
        return False
