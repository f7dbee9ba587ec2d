"""The sample portal over real HTTP: encodings, pagination schemes, APIs and failure routes.

Read-only checks use the session ``portal`` (a child process, as the crawl tests use it).
Checks that change server state (the 500-once page, the hit counters) run against a private
in-process server so they never disturb the shared one.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest

from crawler.sampleportal import build_portal
from crawler.sampleportal.files import OVERSIZED_BYTES
from crawler.sampleportal.server import CACHE_SIZE, NonLoopbackHostError, PortalServer


@dataclass(frozen=True)
class Fetched:
    status: int
    headers: dict[str, str]
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(
    url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None
) -> Fetched:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=10) as response:
            return Fetched(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Fetched(error.code, dict(error.headers), error.read())


@pytest.fixture
def private_server():
    """A fresh in-process server: its 500-once and hit-counter state is ours alone."""
    server = PortalServer(build_portal(seed=7, size=30), "127.0.0.1", 0)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


# ---------------------------------------------------------------- TRS


def _settled(portal):
    """Reports whose first URL does not answer 500 once (that state belongs to the crawl tests)."""
    return [
        r for r in portal.truth.reports if portal.truth.special.flaky_500 not in r.paths
    ]


def test_trs_pages_are_gbk_with_the_charset_only_in_meta_and_contain_the_titles(portal):
    for report in [r for r in _settled(portal) if r.site_id == "demo-trs"]:
        page = fetch(portal.at(report.paths[0]))
        assert page.status == 200
        assert page.headers["Content-Type"] == "text/html"
        text = page.body.decode("gb18030")
        assert 'content="text/html; charset=gb2312"' in text
        assert f'<meta name="ArticleTitle" content="{report.title}">' in text
        with pytest.raises(UnicodeDecodeError):
            page.body.decode("utf-8")


def test_create_page_html_count_matches_the_pages_of_every_trs_column(portal):
    for column in [c for c in portal.truth.columns.values() if c.site_id == "demo-trs"]:
        first = fetch(portal.at(column.path)).body.decode("gb18030")
        directory = column.path.rsplit("/", 1)[0] + "/"
        hrefs = re.findall(r'<li><a href="([^"]+)" title=', first)
        if column.path.endswith(".shtml"):
            count, current, records = map(
                int,
                re.search(
                    r"createPageHTML\('page_div', (\d+), (\d+), 'index', 'shtml', (\d+)\)",
                    first,
                ).groups(),
            )
            assert (current, records) == (1, len(column.entries))
            names = ["index.shtml"] + [f"index_{n}.shtml" for n in range(2, count + 1)]
            assert fetch(portal.at(directory + "index_1.shtml")).status == 404
            beyond = f"index_{count + 1}.shtml"
        else:
            count, current = map(
                int,
                re.search(
                    r'createPageHTML\((\d+), (\d+), "index", "html"\)', first
                ).groups(),
            )
            assert current == 0
            names = ["index.html"] + [f"index_{n}.html" for n in range(1, count)]
            beyond = f"index_{count}.html"
        for name in names[1:]:
            page = fetch(portal.at(directory + name))
            assert page.status == 200, name
            hrefs += re.findall(
                r'<li><a href="([^"]+)" title=', page.body.decode("gb18030")
            )
        assert fetch(portal.at(directory + beyond)).status == 404
        assert len(hrefs) == len(column.entries)


def test_district_column_links_sub_columns_department_column_and_calendar(portal):
    text = fetch(portal.at("/trs/zfxxgk/zfxxgknb/index.html")).body.decode("gb18030")
    sub = re.search(r'<ul class="sub-columns">(.*?)</ul>', text).group(1)
    assert './xzjd/jd01/index.html"' in sub
    assert '<a href="../bmnb/index.shtml">部门年报</a>' in sub
    assert '<a href="rl?page=1">日历</a>' in text


def test_attachment_only_report_writes_its_link_only_in_the_file_appendix_script(
    portal,
):
    (report,) = [
        r
        for r in portal.truth.reports
        if r.attachment_only and r.attachment_paths[0].endswith(".docx")
    ]
    text = fetch(portal.at(report.paths[0])).body.decode("gb18030")
    assert '<div class="TRS_Editor"></div>' in text
    name = report.attachment_paths[0].rsplit("/", 1)[1]
    assert f'var file_appendix=\'<a href="./{name}">' in text
    docx = fetch(portal.at(report.attachment_paths[0]))
    assert docx.status == 200
    assert docx.body.startswith(b"PK")


def test_duplicate_urls_serve_identical_bytes_and_the_correction_differs(portal):
    (double,) = [r for r in portal.truth.reports if len(r.paths) == 2]
    first, second = (fetch(portal.at(p)).body for p in double.paths)
    assert first == second
    (corrected,) = [r for r in portal.truth.reports if r.corrected_version_of]
    original = portal.truth.report_by_key(corrected.corrected_version_of)
    assert (
        fetch(portal.at(original.paths[0])).body
        != fetch(portal.at(corrected.paths[0])).body
    )


def test_calendar_trap_always_links_the_next_page(portal):
    page = fetch(portal.at(portal.truth.special.trap_prefix + "?page=4321"))
    assert page.status == 200
    assert '<a href="rl?page=4322">下一页</a>' in page.body.decode("gb18030")
    assert fetch(portal.at(portal.truth.special.trap_prefix + "?page=x")).status == 404


# ---------------------------------------------------------------- Hanweb


def _records(xml: str) -> list[str]:
    return re.findall(r'<record><!\[CDATA\[<li><a href="([^"]+)"', xml)


def test_hanweb_column_embeds_45_records_and_dataproxy_post_returns_the_rest(portal):
    column = portal.truth.columns["hanweb:1001"]
    page = fetch(portal.at(column.path))
    assert page.headers["Content-Type"] == "text/html; charset=UTF-8"
    text = page.body.decode("utf-8")
    embedded = _records(text)
    assert len(embedded) == 45
    assert f"totalRecord: {len(column.entries)}" in text
    form = b"col=1&appid=1&webid=1&path=/&columnid=1001&sourceContentType=1&unitid=U1001&permissiontype=0"
    proxy = fetch(
        portal.at(
            "/hanweb/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15"
        ),
        data=form,
    )
    assert proxy.headers["Content-Type"] == "text/xml; charset=UTF-8"
    xml = proxy.body.decode("utf-8")
    assert f"<totalrecord>{len(column.entries)}</totalrecord>" in xml
    rest = _records(xml)
    port = portal.url.rsplit(":", 1)[1].rstrip("/")
    expected = [
        f"http://localhost:{port}{e.href}" if e.offsite else e.href
        for e in column.entries
    ]
    assert embedded + rest == expected
    window = fetch(
        portal.at(
            "/hanweb/module/web/jpage/dataproxy.jsp?startrecord=2&endrecord=3&perpage=15"
        ),
        data=form,
    )
    assert _records(window.body.decode("utf-8")) == expected[1:3]


def test_hanweb_dataproxy_get_or_missing_columnid_answers_an_empty_datastore(portal):
    url = portal.at(
        "/hanweb/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"
    )
    assert fetch(url).body.endswith(b"<datastore/>")
    assert fetch(url, data=b"col=1&webid=1").body.endswith(b"<datastore/>")


def test_hanweb_detail_has_zoom_markers_and_a_maketime_unlike_pubdate(portal):
    report = next(
        r
        for r in portal.truth.reports
        if r.site_id == "demo-hanweb" and r.attachment_paths
    )
    assert re.fullmatch(
        r"/hanweb/art/\d{4}/[1-9]\d?/[1-9]\d?/art_\d+_\d+\.html", report.paths[0]
    )
    text = fetch(portal.at(report.paths[0])).body.decode("utf-8")
    pub = re.search(r'<meta name="PubDate" content="([^"]+)"', text).group(1)
    made = re.search(r'<meta name="Maketime" content="([^"]+)"', text).group(1)
    assert pub[:10] != made[:10]
    assert '<div id="zoom"><meta name="ContentStart">' in text
    assert '<meta name="ContentEnd"></div>' in text
    attachment = fetch(portal.at(report.attachment_paths[0]))
    assert attachment.status == 200
    assert attachment.body.startswith(b"%PDF-")


# ---------------------------------------------------------------- gkmlpt


def test_gkmlpt_shell_holds_the_category_tree_as_json(portal):
    text = fetch(portal.at("/gd/gkmlpt/index")).body.decode("utf-8")
    config = json.loads(
        re.search(r"window\._CONFIG = (\{.*?\});</script>", text).group(1)
    )
    assert config["SID"] == "755031"
    counts = {node["id"]: node["post_count"] for node in config["TREE"]}
    assert counts[2001] == len(portal.truth.columns["gkmlpt:2001"].entries)


def test_gkmlpt_api_pages_twenty_articles_with_absolute_urls(portal):
    column = portal.truth.columns["gkmlpt:2002"]
    host = portal.url.removeprefix("http://").rstrip("/")
    seen = []
    for page in range(1, 10):
        data = json.loads(
            fetch(portal.at(f"/gd/gkmlpt/api/all/2002?page={page}&sid=755031")).body
        )
        assert data["total"] == data["classify"]["post_count"] == len(column.entries)
        if not data["articles"]:
            break
        assert len(data["articles"]) <= 20
        seen += [a["url"] for a in data["articles"]]
    assert seen == [f"http://{host}{e.href}" for e in column.entries]
    assert page == 3


def test_gkmlpt_api_attachments_have_the_served_size(portal):
    data = json.loads(
        fetch(portal.at("/gd/gkmlpt/api/all/2001?page=1&sid=755031")).body
    )
    attachment = next(a for article in data["articles"] for a in article["attachment"])
    body = fetch(attachment["url"]).body
    assert str(len(body)) == attachment["size"]


def test_gkmlpt_api_without_sid_answers_the_session_gate_error(portal):
    page = fetch(portal.at("/gd/gkmlpt/api/all/2001?page=1"))
    assert page.status == 200
    assert json.loads(page.body) == {"error": "非法请求 404！"}


# ---------------------------------------------------------------- failure routes


def test_soft_404_answers_200_with_an_error_page_and_broken_link_404(portal):
    soft = fetch(portal.at(portal.truth.special.soft404))
    assert soft.status == 200
    assert "页面不存在" in soft.body.decode("gb18030")
    assert fetch(portal.at(portal.truth.special.broken)).status == 404


def test_old_url_redirects_permanently_to_the_current_detail(portal):
    moved = fetch(portal.at(portal.truth.special.redirect_from))
    assert moved.status == 301
    assert moved.headers["Location"] == portal.at(portal.truth.special.redirect_to)


def test_conditional_requests_get_304(portal):
    url = portal.at(_settled(portal)[0].paths[0])
    first = fetch(url)
    assert first.headers["ETag"]
    assert first.headers["Last-Modified"]
    assert fetch(url, headers={"If-None-Match": first.headers["ETag"]}).status == 304
    assert fetch(url, headers={"If-None-Match": '"other"'}).status == 200
    assert (
        fetch(url, headers={"If-Modified-Since": first.headers["Last-Modified"]}).status
        == 304
    )
    assert (
        fetch(
            url, headers={"If-Modified-Since": "Mon, 01 Jan 2018 00:00:00 GMT"}
        ).status
        == 200
    )


def test_robots_txt_disallows_the_private_directory(portal):
    robots = fetch(portal.at("/robots.txt"))
    assert robots.status == 200
    assert b"Disallow: /trs/private/" in robots.body


def test_non_html_malformed_and_oversized_bodies(portal):
    special = portal.truth.special
    binary = fetch(portal.at(special.non_html))
    assert binary.headers["Content-Type"] == "text/html"
    assert b"\x00" in binary.body
    malformed = fetch(portal.at(special.malformed)).body.decode("gb18030")
    assert malformed.count("<table") > malformed.count(
        "</table>"
    )  # cut off inside a table
    assert "</html>" not in malformed
    assert len(fetch(portal.at(special.oversized)).body) >= OVERSIZED_BYTES


def test_page_fails_with_500_once_then_succeeds(private_server):
    url = private_server.url.rstrip("/") + private_server.portal.special.flaky_500
    assert fetch(url).status == 500
    assert fetch(url).status == 200


def test_hit_counter_counts_offsite_and_private_requests(private_server):
    base = private_server.url.rstrip("/")

    def hits(prefix: str) -> int:
        return json.loads(fetch(f"{base}/__portal__/hits?prefix={prefix}").body)["hits"]

    assert hits("/offsite/") == 0
    fetch(base + private_server.portal.special.offsite[0])
    fetch(base + private_server.portal.special.robots_disallowed)
    assert hits("/offsite/") == 1
    assert hits("/trs/private/") == 1


def test_server_refuses_a_non_loopback_host():
    with pytest.raises(NonLoopbackHostError):
        PortalServer(build_portal(seed=1, size=5), "0.0.0.0", 0)  # noqa: S104 (the refused case)


def test_command_line_refuses_a_non_loopback_host_with_exit_code_2():
    import subprocess
    import sys

    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "crawler.sampleportal",
            "--host",
            "0.0.0.0",  # noqa: S104 (the refused case)
            "--size",
            "5",
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "non-loopback" in completed.stderr


def test_command_line_prints_the_base_url_first(portal):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", portal.url)


def test_every_page_file_and_list_of_the_model_renders(private_server):
    portal = private_server.portal
    host = f"127.0.0.1:{private_server.server_address[1]}"
    statuses = {}
    for path in [
        *portal.pages,
        *portal.files,
        *(c.path for c in portal.columns.values()),
    ]:
        bare, _, query = path.partition("?")
        statuses[path] = private_server.render(bare, query, host).status
    assert {p: s for p, s in statuses.items() if s != 200} == {}


def test_a_large_portal_keeps_every_page_it_rendered():
    """One crawl of a 2,000-report portal fetches more than the minimum cache holds: a crawl
    must not make the portal render again what it evicted (its CPU would then be what a
    benchmark on the same cores measures)."""
    portal = build_portal(seed=7, size=2000)
    documents = len(portal.pages) + len(portal.files)
    assert documents > CACHE_SIZE
    server = PortalServer(portal)
    try:
        maxsize = server.render.cache_info().maxsize
    finally:
        server.server_close()
    assert maxsize is not None
    assert maxsize >= documents + CACHE_SIZE
