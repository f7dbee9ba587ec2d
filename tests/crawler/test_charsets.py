from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from crawler.charsets import DeclaredCharsetMiddleware, truer_encoding

GBK_PAGE = (
    '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
    "<a>示范区2023年政府信息公开工作年度报告</a>"
).encode("gbk")


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def answer(content_type: str, body: bytes) -> HtmlResponse:
    url = "http://127.0.0.1/nb/index.html"
    return HtmlResponse(
        url, body=body, headers={"Content-Type": content_type}, request=Request(url)
    )


def test_a_gbk_page_under_a_utf8_header_is_read_as_its_meta_says():
    stats = Stats()
    response = DeclaredCharsetMiddleware(stats).process_response(  # type: ignore[arg-type]
        Request("http://127.0.0.1/"), answer("text/html; charset=utf-8", GBK_PAGE)
    )
    assert "政府信息公开工作年度报告" in response.text
    assert response.body == GBK_PAGE  # the archived bytes are what was sent
    assert stats.values == {"nianbao/charset/meta-over-header": 1}


def test_a_header_that_decodes_the_page_is_kept():
    utf8 = GBK_PAGE.decode("gbk").encode("utf-8")
    assert truer_encoding("text/html; charset=utf-8", utf8) is None
    assert truer_encoding("text/html", GBK_PAGE) is None  # Scrapy reads the meta itself
    assert truer_encoding("text/html; charset=utf-8", b"\xff\xfe<p>") is None
