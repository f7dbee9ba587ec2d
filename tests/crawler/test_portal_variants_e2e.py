"""End to end: list-page shapes of real portals that the sample portal does not draw.

Each variant is a small column served by an in-test HTTP server on 127.0.0.1, generated here
(made-up organs and titles, the shapes of portals.md §1): one crawl of one registry entry whose
start URLs are every variant's column, then, per variant, every report the column lists must be
archived as a report or an attachment, and what no crawler can reach must be an event. Before
this file each variant lost its reports without a trace: the TRS helper called with variables,
a ``<base href>``, ``javascript:``/``onclick`` links, a gkmlpt ``jump_url`` leaf, iframe and
frameset shells, download scripts without a file extension, report titles in their older or
department wording, a generic ``title=`` on every row, a GBK page under a ``charset=utf-8``
header, PDFs shown through a viewer or an ``<embed>``, a second jpage list on a column page, a
gkmlpt ``total`` above the rows its pages give, a 下一页 that only runs a script, year
columns linked as sibling directories, 下一页>> and image next links, table rows whose link
only reads 查看/下载, a report split over ``_1``/``_2`` pages, rows written by ``document.write``, a
column stub that moves on by ``location.href``, report titles without their year (archived as
lists), a ``list.jsp?page=N`` column paged by numbers only, and, not readable but now events, a column whose rows a script loads from an API and a
Hanweb proxy that answers every group with the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest
import sqlite_utils

from tests.crawler.portal_server import SITE, registry, row, serve, title
from tests.crawler.test_crawl_e2e import path_of, run_scrapy

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.e2e


@dataclass
class Variant:
    """One column: its start path, the pages it serves, the paths a crawl must archive."""

    name: str
    start: str
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    expected: list[str] = field(default_factory=list)
    #: (event kind, path) a crawl must record for what it cannot reach
    recorded: list[tuple[str, str]] = field(default_factory=list)

    def html(self, path: str, body: str, *, encoding: str = "utf-8") -> None:
        meta = "" if encoding != "utf-8" else '<meta charset="utf-8">'
        page = f"<html><head>{meta}<title>列表</title></head><body>{body}</body></html>"
        ctype = "text/html" if encoding != "utf-8" else "text/html; charset=utf-8"
        self.pages[path] = (ctype, page.encode(encoding))

    def report(self, path: str, title: str, extra: str = "") -> None:
        body = (
            f"<h1>{title}</h1><div class='TRS_Editor'><p>一、总体情况</p>{extra}</div>"
        )
        self.html(path, body)
        self.expected.append(path)

    def file(self, path: str, *, disposition: str | None = None) -> None:
        ctype = "application/octet-stream" if disposition else "application/pdf"
        header = f"|{disposition}" if disposition else ""
        self.pages[path] = (ctype + header, b"%PDF-1.4\n% made up\n")
        self.expected.append(path)


def trs_helper_with_variables() -> Variant:
    """``var countPage = 3;`` then ``createPageHTML(countPage, currentPage, …)``."""
    v = Variant("trs-variables", "/trsvar/zfxxgknb/index.shtml")
    for k in range(3):
        name = "index.shtml" if k == 0 else f"index_{k}.shtml"
        detail = f"2024{k + 1:02d}/t2024{k + 1:02d}05_{700 + k}.shtml"
        v.report(f"/trsvar/zfxxgknb/{detail}", title(2021 + k))
        pager = (
            "<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName,"
            " _sPageExt){}</script>"
            f"<script>var currentPage = {k};\nvar countPage = 3;\n"
            'createPageHTML(countPage, currentPage, "index", "shtml");</script>'
        )
        v.html(
            f"/trsvar/zfxxgknb/{name}",
            f"<ul>{row(detail, title(2021 + k))}</ul>{pager}",
        )
    return v


def base_href() -> Variant:
    """Rows relative to ``<base href="/basehref/">``, not to the page's own directory."""
    v = Variant("base-href", "/basehref/zfxxgknb/index.html")
    v.report("/basehref/zfxxgknb/202401/t20240105_801.html", title(2023))
    rows = row("zfxxgknb/202401/t20240105_801.html", title(2023))
    v.html(v.start, f'<base href="/basehref/"><ul>{rows}</ul>')
    return v


def script_links() -> Variant:
    """Rows opened by scripts: ``javascript:window.open``, ``onclick`` with ``#``/``void``."""
    v = Variant("script-links", "/jslink/zfxxgknb/index.html")
    hrefs = [
        ('javascript:window.open("./202401/t20240105_901.html")', ""),
        (
            "javascript:void(0)",
            "onclick=\"window.open('./202301/t20230105_902.html')\"",
        ),
        ("#", "onclick=\"location.href='/jslink/zfxxgknb/202201/t20220105_903.html'\""),
    ]
    rows = []
    for i, (href, attrs) in enumerate(hrefs):
        path = ("202401/t20240105_901", "202301/t20230105_902", "202201/t20220105_903")[
            i
        ]
        v.report(f"/jslink/zfxxgknb/{path}.html", title(2023 - i))
        rows.append(f"<li><a href='{href}' {attrs}>{title(2023 - i)}</a></li>")
    v.html(v.start, "<ul>" + "".join(rows) + "</ul>")
    return v


def gkmlpt_jump_leaf() -> Variant:
    """The 年报 leaf of the category tree is a ``jump_url`` to the portal's own column."""
    v = Variant("gkmlpt-jump", "/jump/gkmlpt/index")
    tree = (
        '{"SID": "4401", "TREE": [{"id": 71, "name": "政府信息公开年报", "post_count": 1,'
        ' "children": [], "jump_url": "/jump/zwgk/zfxxgknb/"}]}'
    )
    v.html(v.start, f"<script>window._CONFIG = {tree};</script>")
    v.html(
        "/jump/zwgk/zfxxgknb/",
        f"<ul>{row('./202401/t20240105_1001.html', title(2023))}</ul>",
    )
    v.report("/jump/zwgk/zfxxgknb/202401/t20240105_1001.html", title(2023))
    return v


def iframe_shell() -> Variant:
    """The column page is a template around ``<iframe src="list.html">``."""
    v = Variant("iframe", "/ifr/zfxxgknb/index.html")
    v.html(v.start, '<a href="/ifr/">首页</a><iframe src="list.html"></iframe>')
    v.html(
        "/ifr/zfxxgknb/list.html",
        f"<ul>{row('./202401/t20240105_1101.html', title(2023))}</ul>",
    )
    v.report("/ifr/zfxxgknb/202401/t20240105_1101.html", title(2023))
    return v


def frameset_shell() -> Variant:
    """The column page is a frameset whose main frame is the list."""
    v = Variant("frameset", "/frm/zfxxgknb/index.html")
    v.pages[v.start] = (
        "text/html; charset=utf-8",
        (
            b'<html><frameset rows="90,*"><frame src="/frm/zfxxgknb/top.html">'
            b'<frame src="/frm/zfxxgknb/main.html"></frameset></html>'
        ),
    )
    v.html("/frm/zfxxgknb/top.html", "<p>示范区人民政府</p>")
    v.html(
        "/frm/zfxxgknb/main.html",
        f"<ul>{row('./202401/t20240105_1201.html', title(2023))}</ul>",
    )
    v.report("/frm/zfxxgknb/202401/t20240105_1201.html", title(2023))
    return v


def download_scripts() -> Variant:
    """Report files served by a download script, named only by ``Content-Disposition``."""
    v = Variant("download-script", "/dl/zfxxgknb/index.html")
    v.html(v.start, f"<ul>{row('./202401/t20240105_1301.html', title(2023))}</ul>")
    links = (
        f'<p><a href="/dl/attach/download?fileId=1301">{title(2023)}.pdf</a></p>'
        '<p><a href="/dl/common/getFile.do?id=1302">附件2</a></p>'
    )
    v.report("/dl/zfxxgknb/202401/t20240105_1301.html", title(2023), links)
    disposition = 'attachment; filename="nb2023.pdf"'
    v.file("/dl/attach/download?fileId=1301", disposition=disposition)
    v.file("/dl/common/getFile.do?id=1302", disposition=disposition)
    return v


def title_wordings() -> Variant:
    """Report titles as organs word them besides 政府信息公开工作年度报告."""
    v = Variant("titles", "/ttl/zfxxgknb/index.html")
    titles = (
        "示范市2010年政府信息公开年度工作报告",
        "示范县2008年政府信息公开工作报告",
        "示范区人民政府2022年度信息公开工作年度报告",
        "示范区2023年度政务公开工作年度报告",
        "示范区财政局政府信息公开工作年度报告（2023）",
    )
    rows = []
    for i, text in enumerate(titles):
        path = f"/ttl/zfxxgknb/2024{i + 1:02d}/t2024{i + 1:02d}05_{1400 + i}.html"
        v.report(path, text)
        rows.append(row(path, text[:8] + "…", f'title="{text}"'))
    v.html(v.start, "<ul>" + "".join(rows) + "</ul>")
    return v


def gbk_without_any_charset() -> Variant:
    """Guard: a GBK list with no charset in the header nor in the page."""
    v = Variant("gbk-undeclared", "/gbk/zfxxgknb/index.html")
    rows = ""
    for i in range(3):
        path = f"/gbk/zfxxgknb/2024{i + 1:02d}/t2024{i + 1:02d}05_{1500 + i}.html"
        v.report(path, title(2021 + i, "示范县农业农村局"))
        rows += row(path, title(2021 + i, "示范县农业农村局"))
    v.html(v.start, f"<ul>{rows}</ul>", encoding="gbk")
    return v


def generic_title_attribute() -> Variant:
    """Every row carries ``title="在新窗口打开"``; the report's title is only the link text."""
    v = Variant("generic-title", "/gen/zfxxgknb/index.html")
    v.report("/gen/zfxxgknb/202401/t20240105_1601.html", title(2023))
    attrs = 'title="在新窗口打开" target="_blank"'
    v.html(
        v.start, f"<ul>{row('./202401/t20240105_1601.html', title(2023), attrs)}</ul>"
    )
    return v


def charset_header_lies() -> Variant:
    """A GBK list under ``charset=utf-8``; only its ``<meta>`` says GBK."""
    v = Variant("charset-header-lies", "/lie/zfxxgknb/index.html")
    v.report("/lie/zfxxgknb/202401/t20240105_1701.html", title(2023))
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">'
        f"</head><body><ul>{row('./202401/t20240105_1701.html', title(2023))}</ul>"
        "</body></html>"
    )
    v.pages[v.start] = ("text/html; charset=utf-8", page.encode("gbk"))
    return v


def embedded_pdfs() -> Variant:
    """Report pages that show their PDF in a pdf.js iframe, an ``<embed>`` or a viewer link."""
    v = Variant("embedded-pdf", "/emb/zfxxgknb/index.html")
    shows = (
        '<iframe src="/emb/pdfjs/web/viewer.html?file=/emb/files/nb2023.pdf"></iframe>',
        '<embed src="/emb/files/nb2022.pdf" type="application/pdf">',
        '<a href="/emb/pdfjs/web/viewer.html?file=%2Femb%2Ffiles%2Fnb2021.pdf">在线阅读</a>',
    )
    rows = ""
    for i, show in enumerate(shows):
        path = f"/emb/zfxxgknb/2024{i + 1:02d}/t2024{i + 1:02d}05_{1800 + i}.html"
        rows += row(path, title(2023 - i))
        v.html(path, f"<h1>{title(2023 - i)}</h1>{show}")
        v.file(f"/emb/files/nb{2023 - i}.pdf")
    v.html("/emb/pdfjs/web/viewer.html", "<div id='viewer'></div>")
    v.html(v.start, f"<ul>{rows}</ul>")
    return v


def two_jpage_lists() -> Variant:
    """A Hanweb column page with a side box's jpage list before the column's own list."""
    v = Variant("two-jpage-lists", "/two/col/col6001/index.html")
    proxy = "/two/module/web/jpage/dataproxy.jsp"

    def unit(cid: int, total: int, rows: str) -> str:
        return (
            f'<div id="U{cid}"><script type="text/xml"><datastore><recordset>{rows}'
            "</recordset></datastore></script></div>"
            f"<script>$('#U{cid}').jpage({{dataStore: $('#U{cid} datastore'),"
            f" proxyUrl: '{proxy}', perPage: 5, totalRecord: {total}, groupSize: 1,"
            f" ajaxParam: {{col: 1, webid: 1, columnid: {cid}, unitid: 'U{cid}'}}}});</script>"
        )

    def record(cid: int, i: int) -> str:
        text = title(2019) if (cid, i) == (6001, 12) else f"工作动态{i}"
        href = f"/two/art/2024/1/5/art_{cid}_{i}.html"
        return f"<record><![CDATA[<li><a href='{href}' title='{text}'>{text}</a></li>]]></record>"

    side = "".join(record(9, i) for i in range(1, 6))
    own = "".join(record(6001, i) for i in range(1, 6))
    v.html(v.start, unit(9, 5, side) + unit(6001, 12, own))
    for start, end in ((6, 10), (11, 12)):
        rows = "".join(record(6001, i) for i in range(start, end + 1))
        answer = (
            f'<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>12'
            f"</totalrecord><recordset>{rows}</recordset></datastore>"
        )
        key = f"{proxy}?startrecord={start}&endrecord={end}&perpage=5"
        v.pages[key] = ("text/xml; charset=UTF-8", answer.encode())
    v.report("/two/art/2024/1/5/art_6001_12.html", title(2019))
    return v


def year_columns_as_sibling_directories() -> Variant:
    """The 年报 column lists its years as ``../nb2023/`` directories anchored 2023年."""
    v = Variant("year-directories", "/yrs/zfxxgk/zfxxgknb/index.html")
    links = ""
    for year in (2023, 2022):
        column = f"/yrs/zfxxgk/nb{year}/"
        links += f'<li><a href="../nb{year}/">{year}年</a></li>'
        detail = f"{year}01/t{year}0105_{year}.html"
        v.html(column, f"<ul>{row(detail, title(year))}</ul>")
        v.report(column + detail, title(year))
    v.html(v.start, f'<ul class="years">{links}</ul>')
    return v


def decorated_next_links() -> Variant:
    """A ``list.jsp?page=N`` column whose 下一页 reads 下一页>>, 【下一页】 or is an image."""
    v = Variant("decorated-next", "/nxt/zfxxgknb/list.jsp?page=1")
    nexts = ("下一页>>", "【下一页】", '<img src="/nxt/next.gif" alt="下一页">', "")
    for k, text in enumerate(nexts, 1):
        detail = f"/nxt/zfxxgknb/content.jsp?id={2000 + k}"
        v.report(detail, title(2019 + k))
        pager = f'<a href="list.jsp?page={k + 1}">{text}</a>' if text else ""
        v.html(
            f"/nxt/zfxxgknb/list.jsp?page={k}",
            f"<ul>{row(detail, title(2019 + k))}</ul>{pager}",
        )
    return v


def table_rows_with_action_links() -> Variant:
    """Table rows whose only link reads 查看 or 下载; the title is in another cell."""
    v = Variant("action-links", "/act/zfxxgknb/index.html")
    v.report("/act/zfxxgknb/202401/t20240105_2101.html", title(2023))
    v.file("/act/zfxxgknb/202301/P020230105123456789012345.pdf")
    rows = (
        f"<tr><td>{title(2023)}</td><td>2024-01-05</td>"
        '<td><a href="./202401/t20240105_2101.html">查看</a></td></tr>'
        f"<tr><td>{title(2022)}</td>"
        '<td><a href="./202301/P020230105123456789012345.pdf">下载</a></td></tr>'
    )
    v.html(v.start, f"<table>{rows}</table>")
    return v


def report_split_in_parts() -> Variant:
    """A long report TRS split over ``t….html``, ``t…_1.html``, ``t…_2.html`` by its own pager."""
    v = Variant("split-report", "/part/zfxxgknb/index.html")
    v.html(v.start, f"<ul>{row('./202401/t20240105_2201.html', title(2023))}</ul>")
    for k, name in enumerate(
        ("t20240105_2201", "t20240105_2201_1", "t20240105_2201_2")
    ):
        pager = f'<script>createPageHTML(3, {k}, "t20240105_2201", "html");</script>'
        v.report(
            f"/part/zfxxgknb/202401/{name}.html",
            title(2023),
            f"<p>第{k + 1}页</p>{pager}",
        )
    return v


def list_loaded_by_script() -> Variant:
    """The column's rows come from a JSON call the page's script POSTs: say it was not read."""
    v = Variant("script-list", "/ajax/zfxxgknb/index.html")
    call = '$.post("/ajax/api/list", {cid: 5, page: 1}, function (d) { render(d); });'
    v.html(v.start, f'<div id="list"></div><script>{call}</script>')
    v.recorded.append(("list-incomplete", v.start))
    return v


def rows_written_by_scripts() -> Variant:
    """TRS rows written by ``document.write`` after a script shortened the title."""
    v = Variant("script-rows", "/dw/zfxxgknb/index.html")
    rows = ""
    for i, year in enumerate((2023, 2022)):
        detail = f"./{year}01/t{year}0105_{2300 + i}.html"
        v.report(f"/dw/zfxxgknb/{detail[2:]}", title(year))
        rows += (
            f'<li><script>var str_1 = "{title(year)}"; if (str_1.length > 20) '
            '{ str_1 = str_1.substring(0, 20) + "..."; }'
            f'document.write(\'<a href="{detail}" title="{title(year)}">\' + str_1'
            " + '</a>');</script></li>"
        )
    v.report("/dw/zfxxgknb/202101/t20210105_2302.html", title(2021))
    rows += (
        f'<li><script>var t = "{title(2021)}";'
        'document.write("<a href=\'./202101/t20210105_2302.html\'>" + t + "</a>");'
        "</script></li>"
    )
    v.html(v.start, f"<ul>{rows}</ul>")
    return v


def column_stub_redirecting_by_script() -> Variant:
    """The column's index page only runs ``window.location.href = "list.html"``."""
    v = Variant("script-redirect", "/jsr/zfxxgknb/index.html")
    v.html(
        v.start, '<script>window.location.href = "/jsr/zfxxgknb/list.html";</script>'
    )
    v.html(
        "/jsr/zfxxgknb/list.html",
        f"<ul>{row('./202401/t20240105_2401.html', title(2023))}</ul>",
    )
    v.report("/jsr/zfxxgknb/202401/t20240105_2401.html", title(2023))
    return v


def titles_without_their_year() -> Variant:
    """Department reports titled without a year (the year only in the date column)."""
    v = Variant("yearless-titles", "/nyr/zfxxgknb/index.html")
    rows = ""
    for i, organ in enumerate(("示范区财政局", "示范区教育局")):
        detail = f"202401/t20240105_{2500 + i}.html"
        text = f"{organ}政府信息公开工作年度报告"
        v.report(f"/nyr/zfxxgknb/{detail}", text)
        rows += row(f"./{detail}", text)
    v.html(v.start, f"<ul>{rows}</ul>")
    return v


def proxy_repeating_the_first_group() -> Variant:
    """A Hanweb proxy that answers every later group with the first: say so."""
    v = Variant("repeating-proxy", "/rep/col/col7001/index.html")
    proxy = "/rep/module/web/jpage/dataproxy.jsp"
    records = "".join(
        f"<record><![CDATA[<li><a href='/rep/art/2024/1/5/art_7001_{i}.html'>"
        f"工作动态{i}</a></li>]]></record>"
        for i in range(1, 16)
    )
    v.html(
        v.start,
        f'<div id="U7001"><script type="text/xml"><datastore><recordset>{records}'
        "</recordset></datastore></script></div>"
        f"<script>$('#U7001').jpage({{proxyUrl: '{proxy}', perPage: 15, totalRecord: 30,"
        " groupSize: 1, ajaxParam: {columnid: 7001, unitid: 'U7001'}});</script>",
    )
    answer = f"<datastore><totalrecord>30</totalrecord><recordset>{records}</recordset></datastore>"
    url = f"{proxy}?startrecord=16&endrecord=30&perpage=15"
    v.pages[url] = ("text/xml; charset=UTF-8", answer.encode())
    v.recorded.append(("list-incomplete", url))
    return v


def numbered_pager_only() -> Variant:
    """A ``list.jsp?cid=9&page=N`` column paged by numbered links only, no 下一页."""
    v = Variant("numbered-pager", "/num/zfxxgknb/list.jsp?cid=9&page=1")
    for k in range(1, 4):
        detail = f"/num/zfxxgknb/content.jsp?id={2600 + k}"
        v.report(detail, title(2019 + k))
        numbers = " ".join(
            f'<a href="list.jsp?cid=9&amp;page={n}">{n}</a>'
            for n in range(1, 4)
            if n != k
        )
        v.html(
            f"/num/zfxxgknb/list.jsp?cid=9&page={k}",
            f'<ul>{row(detail, title(2019 + k))}</ul><div class="pager">{numbers}</div>',
        )
    return v


def gkmlpt_total_above_rows() -> Variant:
    """The API's ``total`` counts 45 posts; its pages list 40 (page 3 comes back empty)."""
    v = Variant("gkmlpt-short", "/short/gkmlpt/index")
    tree = '{"SID": "4402", "TREE": [{"id": 72, "name": "政府信息公开年报", "children": []}]}'
    v.html(v.start, f"<script>window._CONFIG = {tree};</script>")
    for number in (1, 2, 3):
        rows = []
        for i in range(20 if number < 3 else 0):
            post = f"/short/gkmlpt/content/0/72/post_{number * 100 + i}.html"
            text = title(2020 + number) if i == 0 else f"工作动态{number * 100 + i}"
            rows.append(
                f'{{"id": {number * 100 + i}, "title": "{text}", "url": "{post}"}}'
            )
            if i == 0:
                v.report(post, text)
        answer = f'{{"articles": [{", ".join(rows)}], "total": 45}}'
        path = f"/short/gkmlpt/api/all/72?page={number}&sid=4402"
        v.pages[path] = ("application/json", answer.encode())
    v.recorded.append(("list-incomplete", "/short/gkmlpt/api/all/72?page=3&sid=4402"))
    return v


def script_next_page() -> Variant:
    """下一页 is ``javascript:goPage(2)``: page 2 cannot be read, and the crawl must say so."""
    v = Variant("script-next-page", "/gopage/zfxxgknb/index.html")
    v.report("/gopage/zfxxgknb/202401/t20240105_1901.html", title(2023))
    rows = row("./202401/t20240105_1901.html", title(2023))
    v.html(v.start, f'<ul>{rows}</ul><a href="javascript:goPage(2)">下一页</a>')
    v.recorded.append(("list-incomplete", v.start))
    return v


VARIANTS: tuple[Callable[[], Variant], ...] = (
    trs_helper_with_variables,
    base_href,
    script_links,
    gkmlpt_jump_leaf,
    iframe_shell,
    frameset_shell,
    download_scripts,
    title_wordings,
    generic_title_attribute,
    charset_header_lies,
    embedded_pdfs,
    two_jpage_lists,
    year_columns_as_sibling_directories,
    decorated_next_links,
    table_rows_with_action_links,
    report_split_in_parts,
    list_loaded_by_script,
    rows_written_by_scripts,
    column_stub_redirecting_by_script,
    titles_without_their_year,
    proxy_repeating_the_first_group,
    numbered_pager_only,
    gkmlpt_total_above_rows,
    script_next_page,
    gbk_without_any_charset,
)


@dataclass
class Crawled:
    variants: dict[str, Variant]
    archived: dict[str, set[str]]
    events: list[dict]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Crawled:
    variants = [make() for make in VARIANTS]
    pages = {p: page for v in variants for p, page in v.pages.items()}
    server, _ = serve(pages)
    directory = tmp_path_factory.mktemp("variants")
    try:
        port = server.server_address[1]
        done = run_scrapy(
            SITE,
            f"http://127.0.0.1:{port}/",
            directory,
            "-a",
            f"registry={registry(directory / 'registry.toml', [v.start for v in variants])}",
        )
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    db = sqlite_utils.Database(directory / "index.sqlite")
    archived: dict[str, set[str]] = {}
    for capture in db.query("select url, kind from captures"):
        archived.setdefault(capture["kind"], set()).add(path_of(capture["url"]))
    return Crawled(
        {v.name: v for v in variants}, archived, list(db.query("select * from events"))
    )


@pytest.mark.parametrize("name", [make().name for make in VARIANTS])
def test_every_listed_report_is_archived(crawled, name):
    variant = crawled.variants[name]
    kept = crawled.archived.get("report", set()) | crawled.archived.get(
        "attachment", set()
    )
    missing = [p for p in variant.expected if p not in kept]
    assert not missing, (missing, crawled.events)


@pytest.mark.parametrize(
    "name", [v.name for v in (make() for make in VARIANTS) if v.recorded]
)
def test_what_cannot_be_reached_is_recorded(crawled, name):
    recorded = {(e["kind"], path_of(e["url"])) for e in crawled.events}
    assert set(crawled.variants[name].recorded) <= recorded


def test_files_behind_download_scripts_are_attachments_not_reports(crawled):
    attachments = crawled.archived.get("attachment", set())
    assert {
        "/dl/attach/download?fileId=1301",
        "/dl/common/getFile.do?id=1302",
    } <= attachments


def test_nothing_was_fetched_at_a_wrong_url(crawled):
    assert not [
        e for e in crawled.events if e["kind"] in ("http-error", "download-error")
    ]
    assert not crawled.archived.get("error")
    # a viewer page is not the report's file: the file it names is fetched instead
    fetched = {path for paths in crawled.archived.values() for path in paths}
    assert not [path for path in fetched if "viewer.html" in path]
