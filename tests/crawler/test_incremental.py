from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import FormRequest, HtmlResponse, Response
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from archive import Capture
from archive.store import CaptureRow
from crawler.incremental import (
    META_PREVIOUS,
    NOT_MODIFIED_FLAG,
    ConditionalRequestMiddleware,
)
from crawler.items import CaptureItem
from crawler.pipelines import _OPEN, ArchivePipeline
from crawler.revisit import (
    RevisitPolicy,
    conditional_headers,
    published_date,
    request_role,
    revisit_decision,
)
from crawler.sampleportal.reportgen import generate_numbers, render_html
from crawler.spiders.portal import META_LIST_PAGE, PAGES_SKIPPED, PortalSpider

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
BASE = "http://portal.test/"
LIST_URL = BASE + "trs/zfxxgk/zfxxgknb/index.html"
REPORT_URL = BASE + "trs/zfxxgk/zfxxgknb/202201/t20220115_1.html"
REPORT_TITLE = "示范区人民政府2021年政府信息公开工作年度报告"
LIST_BODY = (
    f'<html><head><meta charset="gbk"><title>年报</title></head><body><ul><li>'
    f'<a href="./202201/t20220115_1.html" title="{REPORT_TITLE}">{REPORT_TITLE}</a>'
    f"</li></ul></body></html>"
).encode("gbk")
ETAG = '"list-v1"'
LAST_MODIFIED = "Sat, 21 Nov 2026 00:00:00 GMT"


def _open(tmp_path, **settings):
    crawler = get_crawler(
        PortalSpider, settings_dict={"ARCHIVE_DIR": str(tmp_path / "a"), **settings}
    )
    crawler.spider = PortalSpider.from_crawler(crawler, site="demo-trs", base_url=BASE)
    crawler.stats.open_spider()
    pipeline = ArchivePipeline.from_crawler(crawler)
    pipeline.open_spider()
    middleware = build_from_crawler(ConditionalRequestMiddleware, crawler)
    middleware.clock = lambda: NOW
    return crawler, pipeline, middleware


@pytest.fixture
def opened(tmp_path):
    crawler, pipeline, middleware = _open(tmp_path)
    yield crawler, pipeline, middleware
    middleware.spider_closed(crawler.spider)
    pipeline.spider_closed(crawler.spider, "finished")


def _seed(pipeline, url, body, *, at, kind="list", etag=ETAG):
    headers = [("Content-Type", "text/html; charset=GBK")]
    if etag:
        headers += [("ETag", etag), ("Last-Modified", LAST_MODIFIED)]
    return pipeline.archive.store(
        Capture(
            url=url,
            status=200,
            fetched_at=at,
            body=body,
            kind=kind,
            site_id="demo-trs",
            response_headers=tuple(headers),
        )
    )


def _list_request(spider, url=LIST_URL):
    return Request(
        url,
        callback=spider.parse_list,
        cb_kwargs={"referrer": None, "anchor": None},
    )


def test_first_visit_of_a_list_is_a_plain_get(opened):
    crawler, _, mw = opened
    request = _list_request(crawler.spider)
    assert mw.process_request(request) is None
    assert b"If-None-Match" not in request.headers
    assert META_PREVIOUS not in request.meta


def test_archived_list_is_requested_with_its_validators(opened):
    crawler, pipeline, mw = opened
    stored = _seed(pipeline, LIST_URL, LIST_BODY, at=NOW - timedelta(days=1))
    request = _list_request(crawler.spider)
    mw.process_request(request)
    assert request.headers[b"If-None-Match"] == ETAG.encode()
    assert request.headers[b"If-Modified-Since"] == LAST_MODIFIED.encode()
    assert request.meta[META_PREVIOUS] == stored.sha256
    allowed = request.meta["handle_httpstatus_list"]
    assert 304 in allowed
    assert set(crawler.spider.handle_httpstatus_list) <= set(allowed)
    assert crawler.stats.get_value("nianbao/incremental/conditional") == 1


def test_archive_without_validators_gives_a_plain_get(opened):
    crawler, pipeline, mw = opened
    _seed(pipeline, LIST_URL, LIST_BODY, at=NOW - timedelta(days=1), etag=None)
    request = _list_request(crawler.spider)
    mw.process_request(request)
    assert b"If-None-Match" not in request.headers
    assert b"If-Modified-Since" not in request.headers


def test_304_list_is_followed_from_the_archived_body_and_stored_without_bytes(opened):
    crawler, pipeline, mw = opened
    first = _seed(pipeline, LIST_URL, LIST_BODY, at=NOW - timedelta(days=1))
    request = _list_request(crawler.spider)
    mw.process_request(request)
    not_modified = Response(
        LIST_URL, status=304, headers={"ETag": ETAG}, body=b"", request=request
    )

    response = mw.process_response(request, not_modified)

    assert isinstance(response, HtmlResponse)
    assert response.status == 304
    assert NOT_MODIFIED_FLAG in response.flags
    assert response.body == LIST_BODY
    assert REPORT_TITLE in response.text  # decoded with the archived GBK charset
    assert crawler.stats.get_value("nianbao/incremental/not-modified") == 1
    assert crawler.stats.get_value("nianbao/incremental/bytes-from-archive") == len(
        LIST_BODY
    )

    outputs = list(crawler.spider.parse_list(response, referrer=None, anchor=None))
    captures = [o for o in outputs if isinstance(o, CaptureItem)]
    follows = [o.url for o in outputs if isinstance(o, Request)]
    assert follows == [REPORT_URL]
    [capture] = captures
    pipeline.process_item(capture)
    row = pipeline.archive.db.execute(
        "SELECT c.kind, c.status, c.size, d.sha256, c.warc_record_type FROM captures c"
        " JOIN documents d ON d.id = c.document_id ORDER BY c.id DESC LIMIT 1"
    ).fetchone()
    assert row == ("not-modified", 304, 0, first.sha256, "revisit")


def test_changed_list_200_passes_through_untouched(opened):
    crawler, pipeline, mw = opened
    _seed(pipeline, LIST_URL, LIST_BODY, at=NOW - timedelta(days=1))
    request = _list_request(crawler.spider)
    mw.process_request(request)
    fresh = HtmlResponse(
        LIST_URL, status=200, body=b"<html>new</html>", request=request
    )
    assert mw.process_response(request, fresh) is fresh


def test_304_with_unreadable_archive_body_is_refetched_in_full(opened):
    crawler, _, mw = opened
    request = _list_request(crawler.spider)
    request.headers["If-None-Match"] = ETAG
    request.meta[META_PREVIOUS] = "0" * 64  # a document the archive does not hold
    result = mw.process_response(request, Response(LIST_URL, status=304))
    assert isinstance(result, Request)
    assert result.dont_filter
    assert b"If-None-Match" not in result.headers
    assert mw.process_request(result) is None
    assert b"If-None-Match" not in result.headers  # not made conditional again
    assert crawler.stats.get_value("nianbao/incremental/payload-missing") == 1


def _report_request(spider, url=REPORT_URL):
    return Request(
        url,
        callback=spider.parse_report,
        cb_kwargs={"referrer": LIST_URL, "anchor": REPORT_TITLE},
    )


def test_report_archived_recently_is_rechecked_conditionally(opened):
    crawler, pipeline, mw = opened
    _seed(
        pipeline,
        REPORT_URL,
        b"<html>r</html>",
        at=NOW - timedelta(days=3),
        kind="report",
    )
    request = _report_request(crawler.spider)
    mw.process_request(request)
    assert request.headers[b"If-None-Match"] == ETAG.encode()


def test_report_archived_long_ago_is_skipped_and_counted(opened):
    crawler, pipeline, mw = opened
    _seed(
        pipeline,
        REPORT_URL,
        b"<html>r</html>",
        at=NOW - timedelta(days=40),
        kind="report",
    )
    # a later recheck does not make the report new again: age counts from the first capture
    _seed(
        pipeline,
        REPORT_URL,
        b"<html>r</html>",
        at=NOW - timedelta(days=1),
        kind="report",
    )
    with pytest.raises(IgnoreRequest, match="already archived"):
        mw.process_request(_report_request(crawler.spider))
    assert crawler.stats.get_value("nianbao/incremental/skipped/report") == 1


def test_refresh_rechecks_old_reports(tmp_path):
    crawler, pipeline, mw = _open(tmp_path, NIANBAO_REFRESH=True, REVISIT_DAYS=7)
    try:
        _seed(
            pipeline,
            REPORT_URL,
            b"<html>r</html>",
            at=NOW - timedelta(days=400),
            kind="report",
        )
        request = _report_request(crawler.spider)
        mw.process_request(request)
        assert request.headers[b"If-None-Match"] == ETAG.encode()
        assert mw.policy == RevisitPolicy(revisit_days=7, refresh=True)
    finally:
        mw.spider_closed(crawler.spider)
        pipeline.spider_closed(crawler.spider, "finished")


def test_post_requests_are_never_conditional(opened):
    crawler, pipeline, mw = opened
    _seed(pipeline, LIST_URL, LIST_BODY, at=NOW - timedelta(days=1))
    request = FormRequest(
        LIST_URL, formdata={"page": "2"}, callback=crawler.spider.parse_dataproxy
    )
    mw.process_request(request)
    assert b"If-None-Match" not in request.headers


def test_meta_role_overrides_the_callback(opened):
    crawler, pipeline, mw = opened
    _seed(
        pipeline,
        LIST_URL,
        b"<html>x</html>",
        at=NOW - timedelta(days=90),
        kind="report",
    )
    request = _list_request(crawler.spider)
    request.meta["nianbao_role"] = "report"
    assert request_role(request) == "report"
    with pytest.raises(IgnoreRequest):
        mw.process_request(request)


def test_middleware_shares_the_pipelines_archive_and_releases_it(tmp_path):
    crawler, pipeline, mw = _open(tmp_path)
    assert mw.archive() is pipeline.archive
    directory = (tmp_path / "a").resolve()
    assert _OPEN[directory].users == 2
    mw.spider_closed(crawler.spider)
    assert _OPEN[directory].users == 1
    pipeline.spider_closed(crawler.spider, "finished")
    assert directory not in _OPEN


def test_without_archive_dir_the_middleware_is_disabled():
    with pytest.raises(NotConfigured):
        ConditionalRequestMiddleware.from_crawler(
            get_crawler(settings_dict={"ARCHIVE_DIR": ""})
        )


@pytest.mark.parametrize(
    ("role", "age_days", "policy", "expected"),
    [
        ("list", 400, RevisitPolicy(), "recheck"),
        ("report", 29, RevisitPolicy(revisit_days=30), "recheck"),
        ("report", 30, RevisitPolicy(revisit_days=30), "skip"),
        ("attachment", 31, RevisitPolicy(revisit_days=30), "skip"),
        ("attachment", 31, RevisitPolicy(revisit_days=30, refresh=True), "recheck"),
        ("report", 1, RevisitPolicy(revisit_days=0), "skip"),
        ("other", 400, RevisitPolicy(), "recheck"),
    ],
)
def test_revisit_decision(role, age_days, policy, expected):
    first_seen = (NOW - timedelta(days=age_days)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert (
        revisit_decision(role, first_seen=first_seen, now=NOW, policy=policy)
        == expected
    )


def test_never_archived_is_fetched():
    assert (
        revisit_decision("report", first_seen=None, now=NOW, policy=RevisitPolicy())
        == "fetch"
    )


def test_conditional_headers_use_only_the_validators_present():
    row = CaptureRow("u", 200, None, LAST_MODIFIED, "s", "t")
    assert conditional_headers(row) == {"If-Modified-Since": LAST_MODIFIED}
    assert conditional_headers(None) == {}


def test_request_role_from_callback_name():
    spider_like = PortalSpider(site="demo-trs", base_url=BASE)
    assert request_role(Request(LIST_URL, callback=spider_like.parse_api)) == "list"
    assert (
        request_role(Request(LIST_URL, callback=spider_like.parse_attachment))
        == "attachment"
    )
    assert request_role(Request(LIST_URL)) == "other"


def test_an_archived_soft_404_is_no_copy_so_the_url_is_fetched_again_in_full(opened):
    # A 200 error page archived as kind soft-404 must not make the URL look archived: otherwise
    # the real report behind it would be skipped (or revalidated against the error page) forever.
    crawler, pipeline, mw = opened
    page = "<html><head><title>页面不存在</title></head><body>您访问的页面不存在</body></html>"
    _seed(
        pipeline,
        REPORT_URL,
        page.encode("gbk"),
        at=NOW
        - timedelta(days=40),  # older than REVISIT_DAYS: a real report would be skipped
        kind="soft-404",
    )
    request = _report_request(crawler.spider)
    assert (
        mw.process_request(request) is None
    )  # not skipped (that raises IgnoreRequest)
    assert b"If-None-Match" not in request.headers
    assert b"If-Modified-Since" not in request.headers


def _seed_parsed_report(pipeline, *, at, pubdate):
    numbers = generate_numbers(random.Random(4), "2021")  # noqa: S311 (seeded test data)
    body = (
        f'<html><head><meta charset="utf-8"><meta name="PubDate" content="{pubdate}">'
        f'<title>{REPORT_TITLE}</title></head><body><div class="TRS_Editor">'
        f"{render_html(REPORT_TITLE, '示范区人民政府', 2021, numbers)}</div></body></html>"
    ).encode()
    stored = _seed(pipeline, REPORT_URL, body, at=at, kind="report")
    pipeline.archive.parse_document(stored.sha256)


def test_report_published_long_ago_is_skipped_even_when_first_archived_recently(opened):
    crawler, pipeline, mw = opened
    _seed_parsed_report(
        pipeline, at=NOW - timedelta(days=1), pubdate="2022-01-15 09:30"
    )
    assert pipeline.archive.report_published(REPORT_URL) == "2022-01-15 09:30"
    with pytest.raises(IgnoreRequest):
        mw.process_request(_report_request(crawler.spider))


def test_report_published_recently_is_rechecked(opened):
    crawler, pipeline, mw = opened
    _seed_parsed_report(
        pipeline, at=NOW - timedelta(days=1), pubdate="2026-11-10 09:30"
    )
    request = _report_request(crawler.spider)
    mw.process_request(request)
    assert request.headers[b"If-None-Match"] == ETAG.encode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-01-22 09:30", datetime(2021, 1, 22, tzinfo=UTC)),
        ("2021/1/2", datetime(2021, 1, 2, tzinfo=UTC)),
        ("发布日期：2021年 1月22日", datetime(2021, 1, 22, tzinfo=UTC)),
        ("2021-02-30", None),
        ("", None),
        (None, None),
    ],
)
def test_published_date_reads_the_stated_date(text, expected):
    assert published_date(text) == expected


def test_unreadable_published_date_falls_back_to_first_seen():
    first_seen = (NOW - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    decision = revisit_decision(
        "report",
        first_seen=first_seen,
        now=NOW,
        policy=RevisitPolicy(),
        published="不详",
    )
    assert decision == "recheck"


# ---------------------------------------------------------------- unchanged list short-circuit

PAGES = Path(__file__).parent / "pages"
TRS_PAGE_URL = BASE + "trs/zfxxgk/zfxxgknb/index.html"
GKMLPT_API_URL = BASE + "gd/gkmlpt/api/all/2001?page=1&sid=755031"


def _list_response(url, body, *, not_modified, meta=None, callback=None, **cb_kwargs):
    request = Request(url, callback=callback, meta=meta or {}, cb_kwargs=cb_kwargs)
    flags = [NOT_MODIFIED_FLAG] if not_modified else []
    return HtmlResponse(
        url,
        status=304 if not_modified else 200,
        body=body,
        encoding="gb18030",
        request=request,
        flags=flags,
    )


def _trs_outputs(spider, *, not_modified, meta=None):
    body = (PAGES / "trs_column_index.html").read_bytes()
    response = _list_response(TRS_PAGE_URL, body, not_modified=not_modified, meta=meta)
    outputs = list(spider.parse_list(response, referrer=None, anchor=None))
    return [o for o in outputs if isinstance(o, Request)]


def test_changed_trs_start_page_requests_its_further_pages_marked_as_such(opened):
    crawler, _, _ = opened
    requests = _trs_outputs(crawler.spider, not_modified=False)
    further = [r for r in requests if r.meta.get(META_LIST_PAGE)]
    assert [r.url for r in further] == [
        BASE + "trs/zfxxgk/zfxxgknb/index_1.html",
        BASE + "trs/zfxxgk/zfxxgknb/index_2.html",
        BASE + "trs/zfxxgk/zfxxgknb/index_3.html",
    ]
    assert crawler.stats.get_value(PAGES_SKIPPED) is None


def test_unchanged_trs_start_page_skips_further_pages_but_follows_its_links(opened):
    crawler, _, _ = opened
    changed = _trs_outputs(crawler.spider, not_modified=False)
    # the second parse stands for the next crawl: nothing seen yet
    for seen in (
        crawler.spider._seen_details,
        crawler.spider._seen_lists,
        crawler.spider._paged_columns,
    ):
        seen.clear()
    requests = _trs_outputs(crawler.spider, not_modified=True)
    assert not [r for r in requests if r.meta.get(META_LIST_PAGE)]
    assert "index_1.html" not in " ".join(r.url for r in requests)
    # every report / list link of page 1 itself is still followed
    kept = {r.url for r in changed if not r.meta.get(META_LIST_PAGE)}
    assert {r.url for r in requests} == kept
    assert any(r.callback == crawler.spider.parse_report for r in requests)
    assert crawler.stats.get_value(PAGES_SKIPPED) == 3


def test_unchanged_further_page_is_not_a_start_page_and_keeps_its_pager(opened):
    crawler, _, _ = opened
    requests = _trs_outputs(crawler.spider, not_modified=True, meta={META_LIST_PAGE: 2})
    assert [r for r in requests if r.meta.get(META_LIST_PAGE)]
    assert crawler.stats.get_value(PAGES_SKIPPED) is None


def _api_response(spider, *, page, not_modified):
    data = json.loads((PAGES / "gkmlpt_api_page1.json").read_text(encoding="utf-8"))
    data["total"] = 3 * len(data["articles"])  # three API pages in all
    url = GKMLPT_API_URL.replace("page=1", f"page={page}")
    response = _list_response(
        url,
        json.dumps(data, ensure_ascii=False).encode("utf-8"),
        not_modified=not_modified,
        meta={META_LIST_PAGE: page} if page > 1 else None,
    )
    return list(
        spider.parse_api(
            response,
            referrer=BASE + "gd/gkmlpt/index",
            anchor="年报",
            category=2001,
            page=page,
            sid="755031",
        )
    )


def test_changed_gkmlpt_api_page_1_requests_pages_2_and_3(opened):
    crawler, _, _ = opened
    outputs = _api_response(crawler.spider, page=1, not_modified=False)
    pages = [o.meta[META_LIST_PAGE] for o in outputs if isinstance(o, Request)
             and o.meta.get(META_LIST_PAGE)]  # fmt: skip
    assert pages == [2, 3]


def test_unchanged_gkmlpt_api_page_1_skips_pages_2_and_3(opened):
    crawler, _, _ = opened
    changed = _api_response(crawler.spider, page=1, not_modified=False)
    crawler.spider._seen_details.clear()
    crawler.spider._seen_offsite.clear()
    outputs = _api_response(crawler.spider, page=1, not_modified=True)
    assert not [o for o in outputs if isinstance(o, Request) and "api/all" in o.url]
    # its articles are still routed as when it changed: only the further pages are gone
    assert len(outputs) == len(changed) - 2
    assert crawler.stats.get_value(PAGES_SKIPPED) == 2


def test_unchanged_hanweb_start_page_sends_no_dataproxy_post(opened):
    crawler, _, _ = opened
    body = (PAGES / "hanweb_col1001.html").read_bytes()
    url = BASE + "hanweb/col/col1001/index.html"
    changed = list(
        crawler.spider.parse_list(
            _list_response(url, body, not_modified=False), referrer=None, anchor=None
        )
    )
    posts = [o for o in changed if isinstance(o, FormRequest)]
    assert posts
    crawler.spider._seen_details.clear()
    unchanged = list(
        crawler.spider.parse_list(
            _list_response(url, body, not_modified=True), referrer=None, anchor=None
        )
    )
    assert not [o for o in unchanged if isinstance(o, FormRequest)]
    assert crawler.stats.get_value(PAGES_SKIPPED) == len(posts)


def test_unchanged_start_of_a_next_link_chain_does_not_follow_next(opened):
    crawler, _, _ = opened
    spider = crawler.spider
    anchors = [
        ("./index_1.html", "下一页"),
        ("./202201/t20220115_1.html", REPORT_TITLE),
    ]
    followed = list(spider._route_links(anchors, LIST_URL, chain=None))
    assert any("index_1" in r.url for r in followed)
    spider._seen_details.clear()
    skipped = list(spider._route_links(anchors, LIST_URL, chain=None, unchanged=True))
    assert [r.url for r in skipped] == [REPORT_URL]
    assert crawler.stats.get_value(PAGES_SKIPPED) == 1


def test_refresh_turns_the_short_circuit_off_so_every_report_is_reached(tmp_path):
    crawler, pipeline, middleware = _open(tmp_path, NIANBAO_REFRESH=True)
    try:
        requests = _trs_outputs(crawler.spider, not_modified=True)
        assert len([r for r in requests if r.meta.get(META_LIST_PAGE)]) == 3
        assert crawler.stats.get_value(PAGES_SKIPPED) is None
    finally:
        middleware.spider_closed(crawler.spider)
        pipeline.spider_closed(crawler.spider, "finished")
