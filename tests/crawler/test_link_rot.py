"""A report or file link redirected to the home, error or login page is a soft-404, not a report."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.spiders.outputs import redirect_gone

HOME = "http://www.x.gov.cn/"


def _after(chain: list[str], final: str) -> HtmlResponse:
    request = Request(final, meta={"redirect_urls": chain})
    return HtmlResponse(final, body=b"<html></html>", request=request)


def test_a_link_redirected_to_the_home_page_is_gone():
    link = "http://www.x.gov.cn/zfxxgknb/202301/t20230105_1.html"
    assert redirect_gone(_after([link], HOME))
    assert redirect_gone(_after([link], HOME + "index.html"))


def test_a_link_redirected_to_an_error_or_login_page_is_gone():
    link = "http://www.x.gov.cn/zfxxgknb/202301/t20230105_1.html"
    for final in ("404.html", "error/", "common/error.jsp", "sso/login.jsp?back=1"):
        assert redirect_gone(_after([link], HOME + final))


def test_a_moved_page_and_the_home_page_itself_are_not():
    link = "http://www.x.gov.cn/zfxxgknb/202301/t20230105_1.html"
    assert not redirect_gone(_after([link], HOME + "xxgk/nb/t20230105_1.html"))
    # a document whose id begins with a status code is no error page
    assert not redirect_gone(_after([link], HOME + "xxgk/nb/t20230105_4041234.html"))
    assert not redirect_gone(_after([link], HOME + "xxgk/nb/P020230105_404.pdf"))
    assert not redirect_gone(_after([HOME + "index.htm"], HOME))
    assert not redirect_gone(HtmlResponse(HOME, body=b"", request=Request(HOME)))
