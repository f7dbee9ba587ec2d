"""What a page linked as a report is (a list of reports, a stub that sends the browser on, the
report), and what a page linked as a list is (the report itself at a column-like URL)."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.spiders.portal import _is_stub, _reads_as_list, _reads_as_report

COLUMN = "http://h/zfxxgknb/2022/index.html"
ROWS = [
    ("t20230105_1.html", "示范区财政局2022年政府信息公开工作年度报告"),
    ("t20230105_2.html", "示范区教育局2022年政府信息公开工作年度报告"),
]


def test_an_index_page_listing_reports_is_a_list():
    assert _reads_as_list(ROWS, "<ul>…</ul>", COLUMN)


def test_a_report_is_not_a_list_whatever_it_links():
    # a report at an index page (Hunan's numeric tree) with other years in a side box
    assert not _reads_as_list(ROWS, "<h1>…</h1><p>一、总体情况</p>", COLUMN)
    # a report at a detail URL
    assert not _reads_as_list(
        ROWS, "<ul>…</ul>", "http://h/zfxxgknb/2022/t20230105_9.html"
    )
    # one other report linked (上一篇) is not a list
    assert not _reads_as_list(ROWS[:1], "<ul>…</ul>", COLUMN)


def test_a_page_that_only_redirects_is_a_stub_and_a_report_with_a_phone_redirect_is_not():
    assert _is_stub(
        '<html><script>window.location.href = "/nb/t1.html";</script></html>'
    )
    assert _is_stub(
        "<html><body><p>正在跳转，请稍候…</p><script>location.replace('/a')</script>"
    )
    report = (
        "<html><script>if (/iPhone/.test(navigator.userAgent)) { location.href = 't1_wap.html'; }"
        "</script><body><h1>示范区2023年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
        "<p>2023年，示范区人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。</p></body></html>"
    )
    assert not _is_stub(report)


def _page(url: str, body: str) -> HtmlResponse:
    return HtmlResponse(url, body=body.encode(), encoding="utf-8", request=Request(url))


def test_a_report_at_an_index_page_linked_by_its_yearless_title_is_a_report():
    url = "http://h/25074/25162/37354/index.htm"
    text = "示范县财政局政府信息公开工作年度报告"
    report = _page(url, f"<h1>{text}</h1><p>一、总体情况</p>")
    assert _reads_as_report(report, text)
    assert not _reads_as_report(report, "政务动态")  # not linked as a report
    assert not _reads_as_report(report, None)  # a start column
    column = _page(
        url, "<ul>" + "".join(f'<a href="{h}">{t}</a>' for h, t in ROWS) + "</ul>"
    )
    assert not _reads_as_report(column, text)  # no report text: the 年报 column
