"""A page whose HTTP charset is wrong is read in the charset the page itself declares.

Portals serve GBK pages under ``Content-Type: text/html; charset=utf-8`` (a server default
that the CMS templates never matched; portals.md §3.1 "header says one charset, ``<meta>``
another"). Scrapy trusts the header, so such a page decodes to replacement characters: its
report titles are no longer titles and every report it lists is lost, without a trace.
``DeclaredCharsetMiddleware`` re-reads an HTML answer in its ``<meta>`` charset when the header's
charset cannot decode the bytes and the declared one can. The bytes are untouched (the archive
keeps what was sent). Stat: ``nianbao/charset/meta-over-header``.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

from scrapy.http import HtmlResponse
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    resolve_encoding,
)

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

STAT = "nianbao/charset/meta-over-header"


def truer_encoding(content_type: str, body: bytes) -> str | None:
    """The page's declared charset when the header's cannot decode the body and it can.

    >>> page = '<meta charset="gbk"><p>年报</p>'.encode("gbk")
    >>> truer_encoding("text/html; charset=utf-8", page)
    'gb18030'
    >>> truer_encoding("text/html; charset=utf-8", page.decode("gbk").encode()) is None
    True
    """
    header = http_content_type_encoding(content_type)
    declared = html_body_declared_encoding(body)
    if header is None or declared is None:
        return (
            None  # no header charset: Scrapy already reads the page's own declaration
        )
    declared = resolve_encoding(declared) or declared
    if _decodes(body, header) or not _decodes(body, declared):
        return None
    return declared


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
        body.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return False
    return True


class DeclaredCharsetMiddleware:
    """Downloader middleware: an HTML answer re-read in the charset its ``<meta>`` declares."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DeclaredCharsetMiddleware:
        assert crawler.stats is not None  # noqa: S101 (Scrapy sets it before middlewares)
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, HtmlResponse):
            return response
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        encoding = truer_encoding(content_type, response.body)
        if encoding is None:
            return response
        self.stats.inc_value(STAT)
        return response.replace(encoding=encoding)
