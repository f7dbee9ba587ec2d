"""``OfflineCookiesMiddleware``: Scrapy's cookie handling without fetching the Public Suffix List.

Scrapy's ``CookiesMiddleware`` asks ``tldextract`` whether a cookie's domain is a public suffix
(so ``Domain=gov.cn`` cannot set a cookie for every portal). Its default extractor downloads the
Public Suffix List from publicsuffix.org (DNS and HTTPS to outside hosts) on the first
``Set-Cookie`` and caches it under ``~/.cache``, even when the crawl targets 127.0.0.1. A crawl
must contact nothing but its targets, so this subclass gives the middleware an extractor that
reads the snapshot bundled with the ``tldextract`` package: no fetch, no cache directory.
The snapshot is as fresh as the installed ``tldextract``; cookie scoping needs no newer list.

Settings read: ``COOKIES_ENABLED``, ``COOKIES_DEBUG`` (Scrapy's). Installed in place of Scrapy's
middleware in ``crawler.settings.DOWNLOADER_MIDDLEWARES``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares import cookies as scrapy_cookies
from scrapy.downloadermiddlewares.cookies import CookiesMiddleware
from tldextract import TLDExtract

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

#: The bundled Public Suffix List snapshot: no URL to fetch, no cache to write.
BUNDLED_SUFFIXES = TLDExtract(
    cache_dir=None,
    suffix_list_urls=(),
    fallback_to_snapshot=True,
    include_psl_private_domains=True,  # as Scrapy's own extractor
)


class OfflineCookiesMiddleware(CookiesMiddleware):
    """Scrapy's ``CookiesMiddleware`` judging public suffixes from the bundled snapshot."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OfflineCookiesMiddleware:
        # Scrapy keeps its extractor in a module global that ``_is_public_domain`` reads; it
        # offers no setting for it, so the global is replaced before the first cookie is seen.
        scrapy_cookies._split_domain = BUNDLED_SUFFIXES
        middleware: OfflineCookiesMiddleware = super().from_crawler(crawler)
        return middleware
