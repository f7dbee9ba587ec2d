"""The Hanweb jpage decoders on every set-up, on pages saved from the sample portal."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.links import extract_anchors
from crawler.pagination.hanweb import (
    DEFAULT_PROXY,
    HanwebDecodeError,
    dataproxy_requests,
    decode_jpage,
    embedded_records,
    next_group_requests,
    parse_dataproxy,
)

PAGES = Path(__file__).parent / "pages"
PAGE_URL = "http://h/hanweb/col/col2002/index.html"


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_ajax_param_naming_a_variable_reads_the_variable():
    config = decode_jpage(page("hanweb_variable.html"))
    assert config is not None
    assert config.params_from == "variable"
    params = dict(config.ajax_params)
    assert (params["columnid"], params["unitid"], params["webname"]) == (
        "1001",
        "U1001",
        "示范县",
    )
    assert config.proxy_url == "/hanweb/module/web/jpage/dataproxy.jsp"


def test_init_without_proxy_url_posts_to_the_plugin_default_with_nextgroup_params():
    config = decode_jpage(page("hanweb_default_proxy.html"))
    assert config is not None
    assert config.has_init
    assert config.proxy_url == DEFAULT_PROXY
    assert config.params_from == "nextgroup"
    params = dict(config.ajax_params)
    # the nextgroup URL encodes webname twice; the form carries it once decoded
    assert params["webname"] == "示范县"
    assert params["columnid"] == "2003"
    assert "page" not in params
    (first, second) = dataproxy_requests(
        config, "http://h/hanweb/col/col2003/index.html"
    )
    assert (
        first.url
        == "http://h/module/web/jpage/dataproxy.jsp?startrecord=11&endrecord=20&perpage=5"
    )
    assert (second.start_record, second.end_record) == (21, 27)


def test_datastore_without_init_asks_for_the_next_group_until_the_total_is_known():
    config = decode_jpage(page("hanweb_datastore_only.html"))
    assert config is not None
    assert not config.has_init
    assert config.total_record is None
    assert config.group == config.embedded == 10
    assert dict(config.ajax_params)["unitid"] == "U2002"
    (only,) = dataproxy_requests(config, PAGE_URL)
    assert (only.start_record, only.end_record) == (11, 20)
    rest = next_group_requests(config, PAGE_URL, after=20, total=27, max_groups=None)
    assert [(r.start_record, r.end_record) for r in rest] == [(21, 27)]


def test_legacy_answer_with_a_stray_table_gives_its_tr_rows():
    config = decode_jpage(page("hanweb_legacy_column.html"))
    assert config is not None
    assert config.legacy
    answer = parse_dataproxy(page("hanweb_legacy_answer.xml"))
    assert answer.total == 27
    assert len(answer.records) == 10
    assert all(r.startswith("<tr>") for r in answer.records)
    anchors = [a for r in answer.records for a in extract_anchors(r)]
    assert len(anchors) == 10
    assert all("/hanweb/art/" in href for href, _ in anchors)


def test_records_outside_cdata_are_read_too():
    answer = parse_dataproxy(
        "<datastore><record><li><a href='/a.html'>A</a></li></record></datastore>"
    )
    assert answer.records == ("<li><a href='/a.html'>A</a></li>",)


def test_embedded_first_group_of_every_setup_is_found():
    for name in (
        "hanweb_variable.html",
        "hanweb_default_proxy.html",
        "hanweb_datastore_only.html",
        "hanweb_legacy_column.html",
    ):
        config = decode_jpage(page(name))
        assert config is not None
        assert len(embedded_records(page(name))) == config.embedded > 0


def test_a_nextgroup_without_columnid_is_a_decode_error():
    html = (
        "<script type='text/xml'><datastore><nextgroup><![CDATA[<a href='/x.jsp?page=1'>"
        "</a>]]></nextgroup></datastore></script>"
    )
    with pytest.raises(HanwebDecodeError):
        decode_jpage(html)


def test_a_page_with_records_but_no_nextgroup_or_init_has_nothing_to_ask():
    html = (
        "<script type='text/xml'><datastore><recordset><record><![CDATA[<li>x</li>]]>"
        "</record></recordset></datastore></script>"
    )
    assert decode_jpage(html) is None
