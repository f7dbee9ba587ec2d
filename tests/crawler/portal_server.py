"""A made-up portal served on 127.0.0.1 for the portal-shape e2e tests, and its registry entry.

``test_portal_variants_e2e`` (list-page shapes) and ``test_portal_links_e2e`` (links and answers)
each build columns of pages in the shapes real portals use and crawl them as one registry
entry. Both serve them here: static pages by path, answers computed per request (a session id
that changes on every fetch, a 429 the first time), the host and port a page names filled in
from the request, as a real site writes its own absolute links.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

SITE = "variants"
HOST = "{HOST}"  # replaced by the request's Host header when served
PORT = "{PORT}"  # replaced by the server's port when served

#: A static page: content type (``type|Content-Disposition`` to send one too) and body.
Page = tuple[str, bytes]
#: An answer computed per request: (path with query, request headers) → (status, headers, body).
Answer = tuple[int, dict[str, str], bytes]


def title(year: int, organ: str = "示范区") -> str:
    return f"{organ}{year}年政府信息公开工作年度报告"


def row(href: str, text: str, attrs: str = "") -> str:
    return f'<li><a href="{href}" {attrs}>{text}</a><span>2024-01-05</span></li>'


def serve(
    pages: Mapping[str, Page],
    dynamic: Mapping[str, Callable[[str, dict[str, str]], Answer]] | None = None,
    canonical: Callable[[str], str] = lambda path: path,
) -> tuple[ThreadingHTTPServer, list[str]]:
    """A server of ``pages`` and ``dynamic`` answers, and the list of paths it was asked for.

    A request is looked up by its path with the query, then without it, after ``canonical``
    (which may drop what names no other page, as a session id in the URL). GET and POST answer
    alike (a Hanweb proxy's form is read and ignored); anything else is a 404.
    """
    answers = dynamic or {}
    requested: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requested.append(self.path)
            served = canonical(self.path)
            path = urlsplit(served).path
            answer = answers.get(served) or answers.get(path)
            if answer is not None:
                status, extra, body = answer(self.path, dict(self.headers.items()))
            elif (found := pages.get(served) or pages.get(path)) is not None:
                ctype, _, disposition = found[0].partition("|")
                status, extra, body = 200, {"Content-Type": ctype}, found[1]
                if disposition:
                    extra["Content-Disposition"] = disposition
            else:
                status, extra, body = 404, {}, b""
            body = body.replace(HOST.encode(), self.headers["Host"].encode())
            port = self.headers["Host"].rpartition(":")[2]
            body = body.replace(PORT.encode(), port.encode())
            self.send_response(status)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.do_GET()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, requested


def registry(path: Path, starts: list[str]) -> Path:
    """A registry file of one local entry whose start URLs are the columns ``starts``."""
    listed = ", ".join(f'"{start}"' for start in starts)
    path.write_text(
        f'[[site]]\nid = "{SITE}"\nname = "示范区（门户变体）"\nregion_code = "440305"\n'
        f'level = "district"\nstart_urls = [{listed}]\ncrawl_interval = "7d"\nlocal = true\n',
        encoding="utf-8",
    )
    return path
