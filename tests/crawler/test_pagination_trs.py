from __future__ import annotations

from pathlib import Path

from crawler.pagination.trs import decode_trs_pagination

PAGES = Path(__file__).parent / "pages"


def read(name):
    return (PAGES / name).read_bytes().decode("gb18030")


def test_old_helper_is_zero_based_and_page_k_is_index_k_html():
    pager = decode_trs_pagination(
        read("trs_column_index_1.html"), "http://h/trs/zfxxgk/zfxxgknb/index_1.html"
    )
    assert pager is not None
    assert pager.scheme == "old-helper"
    assert (pager.count, pager.current) == (4, 1)
    assert pager.page_urls == (
        "http://h/trs/zfxxgk/zfxxgknb/index.html",
        "http://h/trs/zfxxgk/zfxxgknb/index_1.html",
        "http://h/trs/zfxxgk/zfxxgknb/index_2.html",
        "http://h/trs/zfxxgk/zfxxgknb/index_3.html",
    )


def test_new_helper_is_one_based_shtml_without_index_1():
    pager = decode_trs_pagination(
        read("trs_bmnb_index.shtml"), "http://h/trs/zfxxgk/bmnb/index.shtml"
    )
    assert pager is not None
    assert pager.scheme == "new-helper"
    assert pager.page_urls == (
        "http://h/trs/zfxxgk/bmnb/index.shtml",
        "http://h/trs/zfxxgk/bmnb/index_2.shtml",
    )
    assert not any(u.endswith("index_1.shtml") for u in pager.page_urls)


def test_new_helper_with_other_base_name_hainan_style():
    html = "<script>createPageHTML('page_div',10, 1,'dezlist','shtml',149);</script>"
    pager = decode_trs_pagination(html, "http://h/col/dezlist.shtml")
    assert pager is not None
    assert len(pager.page_urls) == 10
    assert pager.page_urls[1] == "http://h/col/dezlist_2.shtml"
    assert pager.page_urls[-1] == "http://h/col/dezlist_10.shtml"


def test_count_page_variable_uses_the_page_own_name_zero_based():
    html = "var currentPage = 0;//所在页从0开始\nvar countPage = 3//共多少页\ndocument.write(...)"
    pager = decode_trs_pagination(html, "http://h/a/index.htm")
    assert pager is not None
    assert pager.scheme == "count-page"
    assert pager.page_urls == (
        "http://h/a/index.htm",
        "http://h/a/index_1.htm",
        "http://h/a/index_2.htm",
    )


def test_single_page_column_has_only_its_index():
    pager = decode_trs_pagination(
        'createPageHTML(1, 0, "index", "html");', "http://h/a/index.html"
    )
    assert pager is not None
    assert pager.page_urls == ("http://h/a/index.html",)


def test_max_pages_cuts_the_list_but_keeps_the_claimed_count():
    pager = decode_trs_pagination(
        'createPageHTML(500, 0, "index", "html");', "http://h/a/index.html", max_pages=3
    )
    assert pager is not None
    assert pager.count == 500
    assert len(pager.page_urls) == 3


def test_page_without_pager_gives_none():
    assert (
        decode_trs_pagination(read("trs_attachment_only.html"), "http://h/a/t.html")
        is None
    )


def test_helper_called_with_declared_variables_names_every_page():
    html = (
        "<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt)"
        "{ /* the helper itself */ }</script>"
        "<script>var currentPage = 1;\nvar countPage = 3;\n"
        'createPageHTML(countPage, currentPage, "index", "shtml");</script>'
    )
    pager = decode_trs_pagination(html, "http://h/a/index_1.shtml")
    assert pager is not None
    assert (pager.scheme, pager.count, pager.current) == ("old-helper", 3, 1)
    assert pager.page_urls == (
        "http://h/a/index.shtml",
        "http://h/a/index_1.shtml",
        "http://h/a/index_2.shtml",
    )


def test_new_helper_with_variables_and_a_call_naming_no_declared_count_is_no_pager():
    html = (
        "var pageCount = '4'; var cur = 1; var total = 60;"
        "createPageHTML('page_div', pageCount, cur, 'index', 'html', total);"
    )
    pager = decode_trs_pagination(html, "http://h/a/index.html")
    assert pager is not None
    assert pager.page_urls[-1] == "http://h/a/index_4.html"
    assert (
        decode_trs_pagination('createPageHTML(n, 0, "index", "html");', "http://h/a/")
        is None
    )
