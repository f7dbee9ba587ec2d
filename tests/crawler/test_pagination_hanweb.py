from __future__ import annotations

from pathlib import Path

import pytest

from crawler.pagination.hanweb import (
    HanwebDecodeError,
    dataproxy_requests,
    decode_jpage,
    decode_jpages,
    embedded_records,
    parse_dataproxy,
)

PAGES = Path(__file__).parent / "pages"
PAGE_URL = "http://h/hanweb/col/col1001/index.html"


def column_html():
    return (PAGES / "hanweb_col1001.html").read_text(encoding="utf-8")


def test_jpage_init_is_decoded_with_its_ajax_params():
    config = decode_jpage(column_html())
    assert config is not None
    assert (config.per_page, config.total_record, config.group_size) == (15, 50, 3)
    assert config.proxy_url == "/hanweb/module/web/jpage/dataproxy.jsp"
    params = dict(config.ajax_params)
    assert params["columnid"] == "1001"
    assert params["unitid"] == "U1001"
    assert params["webname"] == "示范县"
    assert params["path"] == "/"


def test_first_group_is_embedded_as_45_records():
    records = embedded_records(column_html())
    assert len(records) == 45
    assert all(r.startswith("<li><a href=") for r in records)
    assert sum("/hanweb/art/" in r for r in records) >= 44


def test_dataproxy_requests_start_after_the_embedded_group():
    config = decode_jpage(column_html())
    requests = dataproxy_requests(config, PAGE_URL)
    assert [(r.start_record, r.end_record) for r in requests] == [(46, 50)]
    assert (
        requests[0].url
        == "http://h/hanweb/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=50&perpage=15"
    )
    assert ("columnid", "1001") in requests[0].formdata


def test_large_column_gets_one_request_per_group_and_a_cap():
    html = column_html().replace("totalRecord: 50", "totalRecord: 4895")
    config = decode_jpage(html)
    requests = dataproxy_requests(config, PAGE_URL)
    assert len(requests) == 108  # ceil(4895 / 45) - 1 embedded
    assert (requests[1].start_record, requests[1].end_record) == (91, 135)
    assert requests[-1].end_record == 4895
    assert len(dataproxy_requests(config, PAGE_URL, max_groups=5)) == 5


def test_dataproxy_answer_gives_total_and_records():
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>50</totalrecord><recordset>'
        '<record><![CDATA[<li><a href="/hanweb/art/2019/5/25/art_1001_1.html" title="T">T</a></li>]]></record>'
        "</recordset></datastore>"
    )
    answer = parse_dataproxy(xml)
    assert answer.total == 50
    assert answer.records == (
        '<li><a href="/hanweb/art/2019/5/25/art_1001_1.html" title="T">T</a></li>',
    )


def test_empty_datastore_of_hardened_sites_is_empty_not_an_error():
    answer = parse_dataproxy("<datastore/>")
    assert (answer.total, answer.records) == (None, ())


def test_non_datastore_answer_is_a_decode_error():
    with pytest.raises(HanwebDecodeError):
        parse_dataproxy("<html>error</html>")


def test_jpage_naming_no_column_is_a_decode_error():
    with pytest.raises(HanwebDecodeError):
        decode_jpage("<script>$('#U1').jpage({perPage: 15, totalRecord: 9});</script>")


def test_jpage_naming_an_undeclared_variable_is_a_decode_error():
    with pytest.raises(HanwebDecodeError):
        decode_jpage(
            "<script>$('#U1').jpage({perPage: 15, ajaxParam: param_1});</script>"
        )


def test_page_without_jpage_gives_none():
    assert decode_jpage("<html><body>no list</body></html>") is None


def _unit(cid: int, total: int, records: int) -> str:
    rows = "".join(
        f"<record><![CDATA[<li><a href='/art/{cid}_{i}.html'>x</a></li>]]></record>"
        for i in range(records)
    )
    return (
        f'<div id="U{cid}"><script type="text/xml"><datastore><recordset>{rows}'
        "</recordset></datastore></script></div>"
        f"<script>$('#U{cid}').jpage({{perPage: 5, totalRecord: {total}, groupSize: 1,"
        f" ajaxParam: {{columnid: {cid}, unitid: 'U{cid}'}}}});</script>"
    )


def test_every_list_of_a_page_is_decoded_with_its_own_datastore():
    configs = decode_jpages(_unit(9, 5, 5) + _unit(6001, 12, 5))
    assert [dict(c.ajax_params)["columnid"] for c in configs] == ["9", "6001"]
    assert [(c.total_record, c.embedded) for c in configs] == [(5, 5), (12, 5)]
    assert decode_jpages(_unit(7, 3, 3)) == [decode_jpage(_unit(7, 3, 3))]
    assert decode_jpages("<p>no list</p>") == []
