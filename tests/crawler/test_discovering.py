"""``PortalSpider``'s discovery callbacks fed hand-made responses (no network, no reactor)."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.items import EventItem
from crawler.spiders.discovering import COLUMN_PRIORITY, DISCOVERY_STAT, META_DISCOVERY
from crawler.spiders.portal import PortalSpider

BASE = (
    "http://portal.test/"  # responses are built by hand: nothing is resolved or fetched
)
PLATFORM = BASE + "platform/zfxxgk/"
ORGANS = ("示范新区教育局", "示范新区财政局", "东城街道", "新华镇", "河口乡")
PAGE = (
    "<html><body><ul>"
    '<li><a href="./zfxxgkzn/">政府信息公开指南</a></li>'
    '<li><a href="./fdzdgknr/">法定主动公开内容</a></li>'
    '<li><a href="./zfxxgknb/">政府信息公开年报</a></li>'
    '<li><a href="./ysqgk/">依申请公开</a></li></ul>'
    + "".join(f'<a href="/platform/u{i}/">{name}</a>' for i, name in enumerate(ORGANS))
    + '<a href="/platform/xwdt/index.html">新闻动态</a>'
    '<a href="./2024/t1_1.html">示范新区2023年政府信息公开工作年度报告</a>'
    '<a href="http://127.0.0.2/platform/zfxxgknb/">年报</a>'
    "</body></html>"
)


def make_spider(**settings):
    crawler = get_crawler(
        PortalSpider, settings_dict={"PORTAL_DISCOVERY_BUDGET": 3, **settings}
    )
    spider = PortalSpider.from_crawler(crawler, site="demo-platform", base_url=BASE)
    crawler.spider = spider
    crawler.stats.open_spider()
    return spider


def response(url, body, role=None):
    request = Request(url)
    if role is not None:
        request.meta[META_DISCOVERY] = role
    return HtmlResponse(
        url, body=body.encode("utf-8"), encoding="utf-8", request=request
    )


def by_callback(outputs, spider, name):
    return [
        o
        for o in outputs
        if isinstance(o, Request) and o.callback == getattr(spider, name)
    ]


def test_platform_page_spends_the_budget_on_sub_sites_and_says_when_it_is_spent():
    spider = make_spider()
    outputs = list(
        spider.parse_start(response(PLATFORM, PAGE), referrer=None, anchor=None)
    )
    (column,) = by_callback(outputs, spider, "parse_list")
    assert column.url == PLATFORM + "zfxxgknb/"
    assert column.priority == COLUMN_PRIORITY
    (report,) = by_callback(outputs, spider, "parse_report")
    assert report.url == PLATFORM + "2024/t1_1.html"
    leads = by_callback(outputs, spider, "parse_start")
    # the start page is the first of 3; two sub-sites fit, the other three are dropped
    assert [r.url for r in leads] == [BASE + "platform/u0/", BASE + "platform/u1/"]
    assert all(r.meta[META_DISCOVERY] == "subsite" for r in leads)
    events = [o for o in outputs if isinstance(o, EventItem)]
    assert [e.kind for e in events if e.kind == "discovery-budget"] == [
        "discovery-budget"
    ]
    found = spider.crawler.stats.get_value(DISCOVERY_STAT)
    assert (found["requests"], found["dropped"], found["before_first_column"]) == (
        3,
        3,
        1,
    )
    assert found["sister_hosts"] == ["127.0.0.2"]
    assert found["columns"] == [PLATFORM + "zfxxgknb/"]
    # the platform's other entries and the news column are not asked for
    asked = {o.url for o in outputs if isinstance(o, Request)}
    assert not {u for u in asked if "zfxxgkzn" in u or "fdzdgknr" in u or "xwdt" in u}


def test_links_seen_once_are_not_counted_again():
    spider = make_spider(PORTAL_DISCOVERY_BUDGET=30)
    first = list(
        spider.parse_start(response(PLATFORM, PAGE), referrer=None, anchor=None)
    )
    again = list(
        spider.parse_start(
            response(BASE + "platform/u0/", PAGE, role="subsite"),
            referrer=None,
            anchor=None,
        )
    )
    assert len(by_callback(first, spider, "parse_start")) == len(ORGANS)
    assert by_callback(again, spider, "parse_start") == []
    # its relative 年报 link is its own column; the others were asked for already
    assert [r.url for r in by_callback(again, spider, "parse_list")] == [
        BASE + "platform/u0/zfxxgknb/"
    ]
    assert spider.discovery.requests == 1 + len(ORGANS)


def test_discover_only_probes_columns_and_fetches_no_report():
    spider = make_spider(PORTAL_DISCOVER_ONLY=True)
    outputs = list(
        spider.parse_start(response(PLATFORM, PAGE), referrer=None, anchor=None)
    )
    assert by_callback(outputs, spider, "parse_report") == []
    assert by_callback(outputs, spider, "parse_list") == []
    (probe,) = by_callback(outputs, spider, "parse_probe")
    assert probe.url == PLATFORM + "zfxxgknb/"


@pytest.mark.parametrize("pinned", [True, False])
def test_a_start_column_is_read_as_a_list_with_its_parent_as_scope(pinned):
    spider = make_spider()
    column = BASE + "platform/zfxxgk/zfxxgknb/"
    body = PAGE.replace("</body>", '<a href="./index_1.html">下一页</a></body>')
    outputs = list(
        spider.parse_start(
            response(column, body), referrer=None, anchor=None, pinned=pinned
        )
    )
    assert spider.crawl_scopes() == ("/platform/zfxxgk/",)
    assert spider.discovery.requests == 0
    assert column + "index_1.html" in {o.url for o in outputs if isinstance(o, Request)}
