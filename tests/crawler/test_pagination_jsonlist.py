"""JSON list APIs a column page names, and their answers whatever their shape."""

from __future__ import annotations

from crawler.pagination.jsonlist import (
    find_list_apis,
    page_url,
    parse_json_list,
    post_calls,
)

PAGE = "http://127.0.0.1:8000/zfxxgk/zfxxgknb/index.html"


def test_get_calls_and_list_containers_are_named_and_posts_and_assets_are_not():
    html = (
        '<div class="list" data-url="../api/list?columnId=72&amp;page=1"></div>'
        '<img data-src="/img/banner.png"><script src="/js/list.js"></script><script>'
        '$.getJSON("/api/a?page=1", function (d) {});'
        "$.ajax({url: '/api/b', type: 'get', data: {pageNo: 1}, success: function (d) {}});"
        "$.ajax({url: '/api/c', type: 'POST', data: {pageIndex: 1}});"
        '$.post("/api/d", {p: 1});'
        'fetch("/api/e?pageIndex=1").then(function (r) { return r.json(); });'
        '$.getScript("/js/other.js");'
        "</script>"
    )
    base = "http://127.0.0.1:8000"
    assert find_list_apis(html, PAGE) == [
        f"{base}/zfxxgk/api/list?columnId=72&page=1",
        f"{base}/api/a?page=1",
        f"{base}/api/e?pageIndex=1",
        f"{base}/api/b",
    ]
    assert post_calls(html, PAGE) == [f"{base}/api/d", f"{base}/api/c"]


def test_rows_are_found_wherever_the_answer_nests_them():
    answer = parse_json_list(
        '{"code": 0, "data": {"totalElements": 31, "page": 1, "data": ['
        '{"title": "<em>示范区</em>2023年政府信息公开工作年度报告", "url": "/a/1.html"},'
        '{"title": "示范区2022年政府信息公开工作年度报告", "url": "/a/2.html"}],'
        ' "links": [{"name": "首页", "href": "/"}]}}'
    )
    assert answer is not None
    assert answer.rows == (
        ("/a/1.html", "示范区2023年政府信息公开工作年度报告"),
        ("/a/2.html", "示范区2022年政府信息公开工作年度报告"),
    )
    assert answer.total == 31


def test_a_total_in_pages_and_answers_without_rows():
    answer = parse_json_list(
        '{"pageCount": "3", "rows": [{"docTitle": "t", "docUrl": "/1"}, {"docTitle": "u", "docUrl": "/2"}]}'
    )
    assert answer is not None
    assert answer.total == 6  # three pages of two
    assert parse_json_list('{"error": "非法请求 404！"}') is None
    assert parse_json_list("<html>404</html>") is None
    assert parse_json_list('[{"title": "t"}]') is None  # rows without a URL


def test_an_api_is_paged_only_by_a_page_number_it_names():
    assert page_url("http://h/api?columnId=7&pageNo=1&size=15", 3) == (
        "http://h/api?columnId=7&pageNo=3&size=15"
    )
    assert page_url("http://h/api?columnId=7", 2) is None
    assert page_url("http://h/api?page=2", 3) is None
