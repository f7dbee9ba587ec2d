from __future__ import annotations

from pathlib import Path

import pytest

from crawler.pagination.gkmlpt import (
    ApiPage,
    Article,
    GkmlptDecodeError,
    api_page_url,
    decode_config,
    missing_rows,
    next_api_pages,
    parse_api_page,
)

PAGES = Path(__file__).parent / "pages"


def test_config_gives_sid_and_leaf_categories():
    config = decode_config((PAGES / "gkmlpt_index.html").read_text(encoding="utf-8"))
    assert config is not None
    assert config.sid == "755031"
    assert [(c.id, c.name) for c in config.categories][:1] == [
        (2001, "政府信息公开年报")
    ]
    assert len(config.categories) == 3


def test_nested_tree_yields_leaves_and_skips_jump_urls():
    html = (
        '<script>window._CONFIG = {"SID": 1, "TREE": [{"id": 1, "name": "a", "children": ['
        '{"id": 2, "name": "b", "children": []}, {"id": 3, "name": "c", "jump_url": "http://x"}]}]};</script>'
    )
    config = decode_config(html)
    assert config is not None
    assert [c.id for c in config.categories] == [2]
    # not read from the API, but kept: the spider routes them like any other link
    assert config.jumps == (("http://x", "c"),)


def test_broken_config_is_a_decode_error():
    with pytest.raises(GkmlptDecodeError):
        decode_config("<script>window._CONFIG = {SID: '1', TREE: []};</script>")


def test_api_page_url_is_relative_to_the_index_page():
    assert (
        api_page_url("http://h/gd/gkmlpt/index", 2001, 2, "755031")
        == "http://h/gd/gkmlpt/api/all/2001?page=2&sid=755031"
    )


def test_api_page_lists_articles_and_attachments():
    page = parse_api_page((PAGES / "gkmlpt_api_page1.json").read_text(encoding="utf-8"))
    assert page.total == 5
    assert len(page.articles) == 5
    with_files = [a for a in page.articles if a.attachments]
    assert with_files
    assert with_files[0].attachments[0].url.endswith(".pdf")


def test_session_gate_error_is_a_decode_error():
    with pytest.raises(GkmlptDecodeError, match="非法请求"):
        parse_api_page((PAGES / "gkmlpt_api_nosid.json").read_text(encoding="utf-8"))


def test_first_page_with_a_total_asks_for_every_other_page_at_once():
    page = parse_api_page((PAGES / "gkmlpt_api_page1.json").read_text(encoding="utf-8"))
    assert next_api_pages(page, 1, max_pages=50) == ([], False)  # 5 rows, total 5
    twenty = ApiPage(articles=page.articles * 4, total=498)
    pages, cut = next_api_pages(twenty, 1, max_pages=50)
    assert pages == list(range(2, 26))
    assert not cut
    assert next_api_pages(twenty, 7, max_pages=50) == ([], False)


def test_page_cap_is_reported_as_a_cut():
    twenty = ApiPage(
        articles=parse_api_page(
            (PAGES / "gkmlpt_api_page1.json").read_text(encoding="utf-8")
        ).articles
        * 4,
        total=498,
    )
    assert next_api_pages(twenty, 1, max_pages=5) == ([2, 3, 4, 5], True)


def test_api_without_total_is_read_until_an_empty_page():
    page = parse_api_page((PAGES / "gkmlpt_api_page1.json").read_text(encoding="utf-8"))
    assert next_api_pages(
        ApiPage(articles=page.articles, total=None), 9, max_pages=50
    ) == ([10], False)
    assert next_api_pages(ApiPage(articles=(), total=None), 10, max_pages=50) == (
        [],
        False,
    )
    assert next_api_pages(
        ApiPage(articles=page.articles, total=None), 50, max_pages=50
    ) == ([], True)


def test_rows_the_total_promised_but_a_page_did_not_send_are_counted():
    rows = tuple(Article(i, "t", f"http://h/post_{i}.html", ()) for i in range(5))
    full, short, empty = ApiPage(rows, 45), ApiPage(rows[:3], 45), ApiPage((), 45)
    assert missing_rows(full, 1, None) == 0
    assert missing_rows(empty, 1, None) == 45
    assert missing_rows(short, 2, 5) == 2
    assert missing_rows(empty, 9, 5) == 5  # rows 41-45
    assert missing_rows(empty, 10, 5) == 0  # past the total
    assert missing_rows(ApiPage((), None), 3, 5) == 0
