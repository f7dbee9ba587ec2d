from __future__ import annotations

from pathlib import Path

from scrapy import Request
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.test import get_crawler

from crawler.middlewares import (
    CHALLENGE_FLAG,
    SOFT_404_FLAG,
    ChallengeMiddleware,
    SoftNotFoundMiddleware,
    event_of_failure,
    is_challenge,
    is_soft_404,
    refusal_of,
)

PAGES = Path(__file__).parent / "pages"
URL = "http://h/trs/zfxxgk/zfxxgknb/202203/t20220322_1195404.html"


def html_response(body: bytes, status: int = 200, headers=None) -> HtmlResponse:
    return HtmlResponse(
        URL,
        status=status,
        body=body,
        headers=headers or {"Content-Type": "text/html"},
        request=Request(URL),
    )


def build(cls):
    crawler = get_crawler(settings_dict={"SOFT404_MAX_BYTES": 16384})
    crawler.stats.open_spider()
    return crawler, cls.from_crawler(crawler)


def test_saved_gbk_soft_404_page_is_flagged_and_counted():
    crawler, mw = build(SoftNotFoundMiddleware)
    response = mw.process_response(
        Request(URL), html_response((PAGES / "trs_soft404.html").read_bytes())
    )
    assert SOFT_404_FLAG in response.flags
    assert crawler.stats.get_value("nianbao/middleware/soft-404") == 1
    assert refusal_of(response).capture_kind == "soft-404"


def test_a_small_binary_attachment_is_not_decoded_to_look_for_an_error_template(
    monkeypatch,
):
    """A PDF that Scrapy made a TextResponse (no charset declared) is never decoded: its
    encoding would be guessed over the whole body for nothing. An error page served under
    the same Content-Type still is."""
    crawler, mw = build(SoftNotFoundMiddleware)
    decoded: list[str] = []
    text = TextResponse.text

    def counting(self: TextResponse) -> str:
        decoded.append(self.url)
        return text.fget(self)  # type: ignore[attr-defined,no-any-return]

    monkeypatch.setattr(TextResponse, "text", property(counting))
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" + bytes(range(256)) * 8
    headers = {"Content-Type": "application/pdf"}
    for body in (pdf, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)):
        response = TextResponse(URL, body=body, headers=headers, request=Request(URL))
        assert mw.process_response(Request(URL), response) is response
    assert decoded == []

    page = (PAGES / "trs_soft404.html").read_bytes()
    response = TextResponse(URL, body=page, headers=headers, request=Request(URL))
    assert SOFT_404_FLAG in mw.process_response(Request(URL), response).flags
    assert decoded == [URL]
    assert crawler.stats.get_value("nianbao/middleware/soft-404") == 1


def test_real_report_page_is_not_a_soft_404():
    _, mw = build(SoftNotFoundMiddleware)
    response = mw.process_response(
        Request(URL), html_response((PAGES / "trs_attachment_only.html").read_bytes())
    )
    assert SOFT_404_FLAG not in response.flags
    assert refusal_of(response) is None


def test_large_page_mentioning_not_found_is_not_a_soft_404():
    body = (
        "<html><title>报告</title><body>"
        + "<p>本年度共收到申请，其中页面不存在的链接已修复。</p>" * 2000
        + "</body></html>"
    )
    assert not is_soft_404(200, body, len(body.encode()), max_bytes=16384)


def test_error_page_with_status_404_is_not_flagged_as_soft():
    assert not is_soft_404(404, "<title>页面不存在</title>", 30, max_bytes=16384)


def test_ruishu_412_challenge_is_flagged():
    crawler, mw = build(ChallengeMiddleware)
    body = b"<html><head><meta id='x' content='abc'><script>$_ts=window['$_ts'];</script></head></html>"
    response = mw.process_response(Request(URL), html_response(body, status=412))
    assert CHALLENGE_FLAG in response.flags
    assert crawler.stats.get_value("nianbao/middleware/challenge") == 1
    refusal = refusal_of(response)
    assert (refusal.capture_kind, refusal.event_kind) == ("error", "challenge")


def test_jiasule_521_cookie_challenge_is_detected_from_headers():
    assert is_challenge(
        521, "Set-Cookie: __jsluid_h=abc", "<script>document.cookie=...</script>"
    )
    assert is_challenge(202, "", "请开启JavaScript并刷新该页 wzws_cid")


def test_plain_412_without_vendor_marks_is_not_a_challenge():
    assert not is_challenge(412, "Server: nginx", "Precondition Failed")
    assert not is_challenge(200, "", "$_ts")


def test_http_errors_become_error_captures():
    refusal = refusal_of(Response(URL, status=404))
    assert refusal is not None
    assert (refusal.capture_kind, refusal.event_kind, refusal.detail) == (
        "error",
        "http-error",
        "HTTP 404",
    )
    assert refusal_of(Response(URL, status=200)) is None


def test_failures_map_to_events():
    assert event_of_failure(IgnoreRequest("Forbidden by robots.txt"))[0] == "robots"
    too_large = DownloadCancelledError(
        "Expected to receive 3145917 bytes which is larger than download max size (1048576)"
    )
    assert event_of_failure(too_large)[0] == "too-large"
    assert event_of_failure(IgnoreRequest("filtered")) is None
    kind, detail = event_of_failure(ConnectionRefusedError("refused"))
    assert kind == "download-error"
    assert "ConnectionRefusedError" in detail


def test_report_table_holding_the_number_404_is_not_a_soft_404():
    body = (
        "<html><head><title>示范区2019年政府信息公开工作年度报告</title></head><body>"
        "<p>其他对外管理服务事项&#9;278&#9;0&#9;404</p><p>行政许可&#9;12&#9;3&#9;9</p></body></html>"
    )
    assert not is_soft_404(200, body, len(body.encode()), max_bytes=16384)


def test_title_with_a_bare_404_is_a_soft_404():
    assert is_soft_404(
        200, "<html><title>404</title><body>返回首页</body></html>", 60, max_bytes=16384
    )


def _templated(title: str, heading: str) -> bytes:
    """A page inside a portal's whole template: navigation and news boxes, tens of KiB."""
    chrome = "".join(
        f'<li><a href="/art/{i}.html">示范区工作动态第{i}期</a></li>'
        for i in range(800)
    )
    page = f"<html><head><title>{title}</title></head><body><ul>{chrome}</ul><h2>{heading}</h2></body></html>"
    return page.encode("utf-8")


def test_an_error_page_inside_the_portal_template_is_a_soft_404_whatever_its_size():
    crawler, mw = build(SoftNotFoundMiddleware)
    for encoding in ("utf-8", "gbk"):
        body = _templated("页面不存在", "抱歉，您访问的页面不存在或已被删除！").decode()
        response = html_response(body.encode(encoding))
        assert len(response.body) > 16384
        assert SOFT_404_FLAG in mw.process_response(Request(URL), response).flags
    assert crawler.stats.get_value("nianbao/middleware/soft-404") == 2


def test_a_large_page_whose_title_cites_a_number_404_is_not_a_soft_404():
    _, mw = build(SoftNotFoundMiddleware)
    for title in ("示政发〔2024〕404号", "示范区2023年政府信息公开工作年度报告"):
        response = html_response(_templated(title, "一、总体情况"))
        assert SOFT_404_FLAG not in mw.process_response(Request(URL), response).flags
