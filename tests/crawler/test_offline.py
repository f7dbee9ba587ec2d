"""Nothing leaves the host and nothing listens: a crawl contacts only its target.

The crawl runs in a subprocess under an audit hook (``tests.crawler.audited``) against a loopback
server that sets cookies, the case where Scrapy's cookie handling used to fetch the Public Suffix
List from the internet. ``XDG_CACHE_HOME`` points into the test's directory, so a fetch or a
cache write by ``tldextract`` would show there too.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crawler.cookies import BUNDLED_SUFFIXES, OfflineCookiesMiddleware

INET_FAMILIES = {int(socket.AF_INET), int(socket.AF_INET6)}


class _CookieSetter(BaseHTTPRequestHandler):
    """Every path: a small HTML page with a host cookie and a cookie for a foreign domain."""

    def do_GET(self) -> None:
        body = b"<html><body><p>no reports here</p><a href='/next.html'>next</a></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Set-Cookie", "sid=1; Path=/")
        self.send_header("Set-Cookie", "lang=zh; Domain=example.gov.cn; Path=/")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def cookie_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CookieSetter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _audited_crawl(tmp_path, port: int, *extra: str) -> list[dict]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    events = tmp_path / "events.jsonl"
    cache = tmp_path / "xdg-cache"
    cache.mkdir()
    completed = subprocess.run(
        [sys.executable, "-m", "tests.crawler.audited", str(events), "crawl",
         "--site", "demo-trs", "--base-url", f"http://127.0.0.1:{port}/",
         "--archive", str(tmp_path / "archive"), *extra],
        capture_output=True, text=True, timeout=120, check=False,
        env={**_clean_env(), "XDG_CACHE_HOME": str(cache)},
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert not any(cache.rglob("*")), "tldextract wrote a cache (or fetched a list)"
    return [json.loads(line) for line in events.read_text().splitlines()]


def _clean_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("TLDEXTRACT")}


def _is_ip_literal(text: str) -> bool:
    try:
        ipaddress.ip_address(text.strip("'\""))
    except ValueError:
        return False
    return True


@pytest.mark.e2e
def test_a_cookie_setting_site_is_crawled_without_contacting_anything_else(
    tmp_path, cookie_server
):
    events = _audited_crawl(tmp_path, cookie_server)
    connected = {
        e["args"][1]
        for e in events
        if e["event"] == "socket.connect" and e["args"][0] in INET_FAMILIES
    }
    # the hook saw the crawl's own connections, and nothing else
    assert connected == {f"('127.0.0.1', {cookie_server})"}
    resolved = [
        e["args"][0]
        for e in events
        if e["event"] in {"socket.getaddrinfo", "socket.gethostbyname"}
    ]
    assert all(_is_ip_literal(host) for host in resolved), resolved
    assert not [e for e in events if e["event"] == "urllib.Request"]


@pytest.mark.e2e
def test_a_crawl_opens_no_listening_socket_unless_remote_control_is_asked_for(
    tmp_path, cookie_server
):
    quiet = _audited_crawl(tmp_path / "default", cookie_server)
    listening = [e for e in quiet if e["event"] == "socket.listen"]
    assert [e for e in listening if e["args"][0] in INET_FAMILIES] == []
    # the hook does see a listener when one is opened: Scrapy's RemoteControl, switched on
    asked = _audited_crawl(
        tmp_path / "remote", cookie_server, "-s", "REMOTE_CONTROL_ENABLED=True"
    )
    assert [
        e
        for e in asked
        if e["event"] == "socket.listen" and e["args"][0] in INET_FAMILIES
    ]


def test_the_cookie_middleware_judges_suffixes_from_the_bundled_list():
    from scrapy.downloadermiddlewares import cookies as scrapy_cookies
    from scrapy.utils.test import get_crawler

    assert BUNDLED_SUFFIXES.suffix_list_urls == ()
    OfflineCookiesMiddleware.from_crawler(get_crawler())
    assert scrapy_cookies._split_domain is BUNDLED_SUFFIXES
    assert scrapy_cookies._is_public_domain("gov.cn")
    assert not scrapy_cookies._is_public_domain("www.example.gov.cn")
