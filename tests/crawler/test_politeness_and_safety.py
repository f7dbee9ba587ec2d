"""Politeness and safety components on hand-made responses, and the spider's list requests."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.test import get_crawler

from crawler.drops import (
    BodySizeGuard,
    BodyTooLarge,
    DroppedRequest,
    RedirectGuardMiddleware,
)
from crawler.links import list_page_key
from crawler.middlewares import (
    CHALLENGE_FLAG,
    ChallengeMiddleware,
    event_of_failure,
    is_behaviour_challenge,
    refusal_of,
)
from crawler.pagination import hanweb
from crawler.politeness import RetryAfterMiddleware, retry_after_seconds
from crawler.spiders.jpage import JpageGroup
from crawler.spiders.portal import PortalSpider

PAGES = Path(__file__).parent / "pages"
BASE = "http://h/"
#: What HttpCompressionMiddleware raises when a body inflates past DOWNLOAD_MAXSIZE.
GZIP_BOMB_MESSAGE = (
    "Ignored response <200 http://h/> because its body (9 B compressed, 2 B "
    "decompressed so far) exceeded DOWNLOAD_MAXSIZE (1 B) during decompression."
)


def spider_for(site: str, **settings) -> PortalSpider:
    crawler = get_crawler(PortalSpider, settings_dict=settings)
    crawler.stats.open_spider()
    spider = PortalSpider.from_crawler(crawler, site=site, base_url=BASE)
    crawler.spider = spider
    return spider


# ---------------------------------------------------------------- challenges


@pytest.mark.parametrize(
    ("status", "script"),
    [
        (202, "var a='x';document.cookie='c='+a;location.reload();"),
        (412, "document['cookie']='k=1';window.location.href=window.location.href;"),
        (200, "document.cookie = 'z=' + t; location.replace(location.pathname);"),
    ],
)
def test_tiny_script_that_sets_a_cookie_and_reloads_is_a_challenge(status, script):
    body = f"<html><head><script>{script}</script></head><body></body></html>"
    assert is_behaviour_challenge(status, body, len(body))


@pytest.mark.parametrize(
    "body",
    [
        # sets a cookie but never reloads (a consent banner)
        "<script>document.cookie='ok=1'</script><p>正文</p>",
        # reloads without a cookie (an auto-refreshing page)
        "<script>setTimeout(function(){location.reload()},60000)</script>",
        # both, but with a real page around them
        "<script>document.cookie='a=1';location.reload()</script>"
        + "<p>一、总体情况</p>" * 80,
    ],
)
def test_pages_that_only_look_like_challenges_are_not(body):
    assert not is_behaviour_challenge(200, body, len(body.encode()))


def test_behaviour_challenge_is_flagged_and_refused_as_a_challenge_event():
    crawler = get_crawler(settings_dict={})
    crawler.stats.open_spider()
    mw = ChallengeMiddleware.from_crawler(crawler)
    body = b"<html><script>document.cookie='c=1';location.reload()</script></html>"
    url = "http://h/a.html"
    response = mw.process_response(
        Request(url), HtmlResponse(url, status=202, body=body, request=Request(url))
    )
    assert CHALLENGE_FLAG in response.flags
    refusal = refusal_of(response)
    assert (refusal.capture_kind, refusal.event_kind) == ("error", "challenge")


# ---------------------------------------------------------------- Retry-After


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after_seconds("120", now=0) == 120
    assert retry_after_seconds("Thu, 01 Jan 1970 00:00:30 GMT", now=10) == 20
    assert retry_after_seconds("Thu, 01 Jan 1970 00:00:30 GMT", now=100) == 0
    assert retry_after_seconds("later", now=0) is None


def test_a_429_with_retry_after_pauses_the_host_and_returns_the_retry():
    spider = spider_for("demo-trs")
    mw = RetryAfterMiddleware.from_crawler(spider.crawler)
    request = Request("http://h/a.html")
    answer = Response(
        request.url, status=429, headers={"Retry-After": "30"}, request=request
    )
    retry = mw.process_response(request, answer)
    assert isinstance(retry, Request)
    assert retry.url == request.url
    assert retry.dont_filter
    assert retry.meta["retry_times"] == 1
    # the host waits about 30 s; another host does not
    assert 29 < mw.paused_until["h"] - time.monotonic() <= 30
    assert "other" not in mw.paused_until


def test_a_retry_after_beyond_the_maximum_goes_to_the_spider():
    spider = spider_for("demo-trs", NIANBAO_RETRY_AFTER_MAX=60)
    mw = RetryAfterMiddleware.from_crawler(spider.crawler)
    request = Request("http://h/a.html")
    answer = Response(
        request.url, status=503, headers={"Retry-After": "3600"}, request=request
    )
    assert mw.process_response(request, answer) is answer
    assert not mw.paused_until


# ---------------------------------------------------------------- drops


def redirect(url: str, location: str, request: Request) -> Response:
    return Response(url, status=302, headers={"Location": location}, request=request)


def test_a_redirect_back_into_its_chain_is_a_redirect_loop():
    spider = spider_for("demo-trs")
    mw = RedirectGuardMiddleware.from_crawler(spider.crawler)
    request = Request("http://h/b.html", meta={"redirect_urls": ["http://h/a.html"]})
    with pytest.raises(DroppedRequest) as caught:
        mw.process_response(request, redirect(request.url, "/a.html", request))
    assert caught.value.kind == "redirect-loop"
    assert event_of_failure(caught.value)[0] == "redirect-loop"


def test_a_redirect_to_another_host_is_an_offsite_drop():
    spider = spider_for("demo-trs")
    mw = RedirectGuardMiddleware.from_crawler(spider.crawler)
    request = Request("http://h/a.html")
    with pytest.raises(DroppedRequest) as caught:
        mw.process_response(
            request, redirect(request.url, "http://elsewhere/x", request)
        )
    assert caught.value.kind == "offsite"
    ok = redirect(request.url, "/c.html", request)
    assert mw.process_response(request, ok) is ok


def test_a_body_without_length_is_stopped_at_the_size_limit():
    crawler = get_crawler(settings_dict={"DOWNLOAD_MAXSIZE": 100})
    crawler.stats.open_spider()
    guard = BodySizeGuard.from_crawler(crawler)
    request = Request("http://h/big.pdf")
    guard.headers_received(request=request)
    guard.bytes_received(b"x" * 60, request=request)
    with pytest.raises(BodyTooLarge) as caught:
        guard.bytes_received(b"x" * 60, request=request)
    assert event_of_failure(caught.value) == ("too-large", str(caught.value))
    # a retry of the same request starts again from zero
    guard.headers_received(request=request)
    guard.bytes_received(b"x" * 60, request=request)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        (GZIP_BOMB_MESSAGE, "too-large"),
        ("max redirections reached", "redirect-loop"),
        ("Filtered offsite request to 'x.example'", "offsite"),
        ("Forbidden by robots.txt", "robots"),
    ],
)  # fmt: skip
def test_scrapys_own_drops_become_events(message, kind):
    assert event_of_failure(IgnoreRequest(message))[0] == kind


def test_a_deliberate_skip_stays_silent():
    assert (
        event_of_failure(IgnoreRequest("revisit policy: archived 3 days ago")) is None
    )


# ---------------------------------------------------------------- list requests


def test_directory_and_index_document_are_one_list_page():
    assert list_page_key("http://h/a/") == list_page_key("http://h/a/index.html")
    assert list_page_key("http://h/a/index.shtml") == list_page_key("http://H/a/")
    assert list_page_key("http://h/a/index_2.html") != list_page_key("http://h/a/")
    spider = spider_for("demo-trs")
    assert spider._list_request("http://h/a/", None, referrer=None, anchor=None)
    assert (
        spider._list_request("http://h/a/index.html", None, referrer=None, anchor=None)
        is None
    )


def test_a_trs_column_announces_its_pages_once():
    spider = spider_for("demo-trs")
    first = (PAGES / "trs_column_index.html").read_bytes().decode("gbk")
    second = (PAGES / "trs_column_index_1.html").read_bytes().decode("gbk")
    base = "http://h/trs/zfxxgk/zfxxgknb/"
    from_first = list(spider._decode_pagination(first, f"{base}index.html"))
    urls = [r.url for r in from_first if isinstance(r, Request)]
    assert urls
    assert f"{base}index.html" not in urls  # the page itself
    assert list(spider._decode_pagination(second, f"{base}index_1.html")) == []


def test_later_jpage_groups_are_posts_even_with_an_empty_form():
    spider = spider_for("demo-hanweb")
    config = hanweb.JpageConfig(
        proxy_url="/p.jsp", per_page=5, group_size=2, total_record=25,
        ajax_params=(), params_from="inline", has_init=True, embedded=10,
    )  # fmt: skip
    requests = list(spider._jpage_requests(config, "http://h/col/index.html"))
    assert [r.method for r in requests] == ["POST", "POST"]
    with_form = hanweb.JpageConfig(
        proxy_url="/p.jsp", per_page=5, group_size=2, total_record=25,
        ajax_params=(("columnid", "7"),), params_from="inline", has_init=True, embedded=10,
    )  # fmt: skip
    (post, _) = spider._jpage_requests(with_form, "http://h/col/index.html")
    assert post.method == "POST"
    assert post.body == b"columnid=7"


def test_a_short_dataproxy_answer_is_a_list_incomplete_event():
    spider = spider_for("demo-hanweb")
    config = hanweb.JpageConfig(
        proxy_url="/p.jsp", per_page=5, group_size=2, total_record=25,
        ajax_params=(("columnid", "7"),), params_from="inline", has_init=True, embedded=10,
    )  # fmt: skip
    group = JpageGroup(config, 11, 20, 2, open_ended=False)
    rows = "".join(
        f"<record><![CDATA[<li><a href='/art/a{i}.html'>t</a></li>]]></record>"
        for i in range(6)
    )
    body = f"<datastore><totalrecord>25</totalrecord>{rows}</datastore>".encode()
    url = "http://h/p.jsp?startrecord=11"
    response = TextResponse(url, body=body, encoding="utf-8", request=Request(url))
    outputs = list(
        spider.parse_dataproxy(
            response, referrer="http://h/col/", anchor=None, jpage=group
        )
    )
    events = [o for o in outputs if getattr(o, "kind", None) == "list-incomplete"]
    assert [e.detail for e in events] == [
        "records 11-20: 6 of 10 arrived (totalRecord 25)"
    ]


def test_a_page_with_thousands_of_report_links_queues_only_the_cap():
    spider = spider_for("demo-trs", PORTAL_MAX_LINKS_PER_PAGE=25)
    anchors = [
        (
            f"./202401/t20240101_{n}.html",
            f"示范区第{n}街道2023年政府信息公开工作年度报告",
        )
        for n in range(3000)
    ]
    page = "http://h/trs/zfxxgk/zfxxgknb/index.html"
    outputs = list(spider._route_links(anchors, page, chain=None))
    requests = [o for o in outputs if isinstance(o, Request)]
    caps = [o for o in outputs if getattr(o, "kind", None) == "link-cap"]
    assert len(requests) == 25
    assert len(caps) == 1
    assert "left 2975" in caps[0].detail
