"""A report or file link redirected to the portal's home page is a soft-404, not a report."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.spiders.outputs import redirected_home

HOME = "http://www.x.gov.cn/"


def _after(chain: list[str], final: str) -> HtmlResponse:
    request = Request(final, meta={"redirect_urls": chain})
    return HtmlResponse(final, body=b"<html></html>", request=request)


def test_a_link_redirected_to_the_home_page_is_gone():
    link = "http://www.x.gov.cn/zfxxgknb/202301/t20230105_1.html"
    assert redirected_home(_after([link], HOME))
    assert redirected_home(_after([link], HOME + "index.html"))


def test_a_moved_page_and_the_home_page_itself_are_not():
    link = "http://www.x.gov.cn/zfxxgknb/202301/t20230105_1.html"
    assert not redirected_home(_after([link], HOME + "xxgk/nb/t20230105_1.html"))
    assert not redirected_home(_after([HOME + "index.htm"], HOME))
    assert not redirected_home(HtmlResponse(HOME, body=b"", request=Request(HOME)))
