"""A link under a scheme its host does not answer is asked once under the other scheme."""

from __future__ import annotations

import scrapy
from scrapy.core.downloader.handlers.http11 import TunnelError
from twisted.internet.error import ConnectionRefusedError, TimeoutError
from twisted.web._newclient import ResponseNeverReceived

from crawler.spiders.outputs import META_SCHEME_FALLBACK, _scheme_fallback


def test_https_refused_by_tls_is_asked_under_http_on_the_same_port():
    request = scrapy.Request("https://www.x.gov.cn:8443/nb/t1.html")
    error = ResponseNeverReceived("[('SSL routines', '', 'wrong version number')]")
    fallback = _scheme_fallback(request, error)
    assert fallback is not None
    assert fallback.url == "http://www.x.gov.cn:8443/nb/t1.html"
    assert fallback.meta[META_SCHEME_FALLBACK] == request.url
    # once only: the fallback's own failure is the event
    assert _scheme_fallback(fallback, error) is None


def test_http_refused_is_asked_under_https_and_a_timeout_is_not():
    request = scrapy.Request("http://www.x.gov.cn/nb/t1.html")
    fallback = _scheme_fallback(request, ConnectionRefusedError())
    assert fallback is not None
    assert fallback.url == "https://www.x.gov.cn/nb/t1.html"
    assert _scheme_fallback(request, TimeoutError()) is None
    assert _scheme_fallback(request, TunnelError("proxy said no")) is None
