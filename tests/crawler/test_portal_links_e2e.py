"""End to end: links and answers of real portals that lose reports after the list was read.

The companion of ``test_portal_variants_e2e`` (list-page shapes): here the list is read, but the
link or the answer is what real portals get wrong (portals.md §3.4, §3.5, §2.2), served by an
in-test HTTP server on 127.0.0.1 whose pages may answer by request (a session id that changes
on every fetch, a 429 the first time, a query the server only understands in GBK). One crawl of
one registry entry whose start URLs are every variant's column; per variant, every report must
be archived once, no error page or stub may be archived as a report, and what no crawler can
reach must be an event. Each variant but the guards lost reports (or archived junk, or crawled a
calendar day by day) before its fix: session ids in links, jump menus, a column whose
navigation hid a script-loaded list, https links on an http host, a GBK query, links rotted to
the home or error page, a calendar, year-less titles at other CMSs' URLs and at index pages,
department lists behind a platform entry, year columns anchored like reports, script stubs,
and a JSON list API. The guards (protocol-relative links, meta refresh, a moved column,
Chinese file names, a 429 and a challenge mid-list, pages past the last) passed already.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote_to_bytes, urlsplit

import pytest
import sqlite_utils

from tests.crawler.portal_server import (
    HOST,
    PORT,
    SITE,
    Answer,
    registry,
    row,
    serve,
    title,
)
from tests.crawler.test_crawl_e2e import path_of, run_scrapy

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.e2e


@dataclass
class Variant:
    """One column: its start path, its pages (static or per request), what a crawl must keep."""

    name: str
    start: str
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    dynamic: dict[str, Callable[[str, dict[str, str]], Answer]] = field(
        default_factory=dict
    )
    expected: list[str] = field(default_factory=list)
    #: (event kind, path) a crawl must record for what it cannot reach
    recorded: list[tuple[str, str]] = field(default_factory=list)
    #: paths that must not be archived as a report or an attachment
    junk: list[str] = field(default_factory=list)

    def html(self, path: str, body: str, *, encoding: str = "utf-8") -> None:
        meta = (
            f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">'
        )
        page = f"<html><head>{meta}<title>列表</title></head><body>{body}</body></html>"
        self.pages[path] = (f"text/html; charset={encoding}", page.encode(encoding))

    def report(self, path: str, text: str, extra: str = "") -> None:
        body = (
            f"<h1>{text}</h1><div class='TRS_Editor'><p>一、总体情况</p>{extra}</div>"
        )
        self.html(path, body)
        self.expected.append(path)

    def file(self, path: str) -> None:
        self.pages[path] = ("application/pdf", b"%PDF-1.4\n% made up\n")
        self.expected.append(path)


def page(body: str, *, encoding: str = "utf-8") -> bytes:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">'
    return f"<html><head>{meta}</head><body>{body}</body></html>".encode(encoding)


NAV = (
    '<div class="left-nav"><a href="../zfxxgkzn/index.html">政府信息公开指南</a>'
    '<a href="../zfxxgkzd/index.html">政府信息公开制度</a>'
    '<a href="../fdzdgknr/index.html">法定主动公开内容</a>'
    '<a href="./index.html">政府信息公开年报</a>'
    '<a href="../ysqgk/index.html">依申请公开</a></div>'
)


def https_links_on_an_http_host() -> Variant:
    """Rows link their report as ``https://`` on a host that only answers http (§3.4)."""
    v = Variant("https-on-http", "/sch/zfxxgknb/index.html")
    rows = ""
    for i, year in enumerate((2023, 2022)):
        path = f"/sch/zfxxgknb/{year + 1}01/t{year + 1}0105_{3000 + i}.html"
        v.report(path, title(year))
        rows += row(f"https://{HOST}{path}", title(year))
    v.html(v.start, f"<ul>{rows}</ul>")
    return v


def protocol_relative_links() -> Variant:
    """Rows linked as ``//host/path`` (the page's scheme applies)."""
    v = Variant("protocol-relative", "/prl/zfxxgknb/index.html")
    path = "/prl/zfxxgknb/202401/t20240105_3101.html"
    v.report(path, title(2023))
    v.html(v.start, f"<ul>{row(f'//{HOST}{path}', title(2023))}</ul>")
    return v


def meta_refresh_stub() -> Variant:
    """The column's index only holds ``<meta http-equiv="refresh" content="0;url=…">``."""
    v = Variant("meta-refresh", "/mrf/zfxxgknb/index.html")
    v.pages[v.start] = (
        "text/html; charset=utf-8",
        (
            b'<html><head><meta http-equiv="refresh" content="0; url=list.html">'
            b"</head><body></body></html>"
        ),
    )
    v.html(
        "/mrf/zfxxgknb/list.html",
        f"<ul>{row('./202401/t20240105_3201.html', title(2023))}</ul>",
    )
    v.report("/mrf/zfxxgknb/202401/t20240105_3201.html", title(2023))
    return v


def moved_column() -> Variant:
    """The registry's old column answers 301 to the column's new path (集约化 moves, §3.5)."""
    v = Variant("moved-column", "/mov/zwgk/zfxxgknb/index.html")

    def moved(path: str, headers: dict[str, str]) -> Answer:
        return 301, {"Location": "/mov/xxgk/gknb/index.html"}, b""

    v.dynamic[v.start] = moved
    for k in range(2):
        name = "index.html" if k == 0 else f"index_{k}.html"
        detail = f"{2024 - k}01/t{2024 - k}0105_{3300 + k}.html"
        v.report(f"/mov/xxgk/gknb/{detail}", title(2023 - k))
        pager = f'<script>createPageHTML(2, {k}, "index", "html");</script>'
        v.html(
            f"/mov/xxgk/gknb/{name}",
            f"<ul>{row(detail, title(2023 - k))}</ul>{pager}",
        )
    return v


def api_list_beside_navigation() -> Variant:
    """A platform column page with its left navigation, whose rows a script loads (§3.7)."""
    v = Variant("api-list-nav", "/apn/zfxxgk/zfxxgknb/index.html")
    call = (
        '$.ajax({url: "/apn/api/article/list", type: "post",'
        " data: {channelId: 71, pageIndex: 1, pageSize: 15},"
        " success: function (d) { render(d); }});"
    )
    v.html(v.start, f'{NAV}<ul id="list"></ul><script>{call}</script>')
    for column in ("zfxxgkzn", "zfxxgkzd", "fdzdgknr", "ysqgk"):
        v.html(f"/apn/zfxxgk/{column}/index.html", "<p>示范区人民政府</p>")
    v.recorded.append(("list-incomplete", v.start))
    return v


def data_url_list_beside_navigation() -> Variant:
    """A list container naming its JSON API in ``data-url``, paged by ``page=N``; the page
    links its sibling columns."""
    v = Variant("data-url-nav", "/dun/zfxxgk/zfxxgknb/index.html")
    v.html(
        v.start,
        f'{NAV}<div class="list" data-url="/dun/api/list?columnId=72&amp;page=1"'
        ' data-page-size="2"></div><script src="/dun/js/list.js"></script>',
    )
    for column in ("zfxxgkzn", "zfxxgkzd", "fdzdgknr", "ysqgk"):
        v.html(f"/dun/zfxxgk/{column}/index.html", "<p>示范区人民政府</p>")
    posts = [
        (f"/dun/zfxxgknb/{y + 1}01/t{y + 1}0105_{3150 + y - 2020}.html", y)
        for y in (2023, 2022, 2021)
    ]
    for path, year in posts:
        v.report(path, title(year))
    for number in (1, 2):
        rows = ", ".join(
            f'{{"id": {i}, "docTitle": "{title(year)}", "docUrl": "{path}", "pubDate": "2024-01-05"}}'
            for i, (path, year) in enumerate(posts[(number - 1) * 2 : number * 2])
        )
        answer = f'{{"code": 0, "data": {{"totalElements": 3, "totalPages": 2, "list": [{rows}]}}}}'
        v.pages[f"/dun/api/list?columnId=72&page={number}"] = (
            "application/json",
            answer.encode(),
        )
    return v


_SESSIONS = itertools.count(1)


def session_ids_in_links() -> Variant:
    """Every fetch writes a new ``;jsessionid=`` into the links: one report, many URLs.

    The column lists its newest report and its year sub-columns; last year's report is only
    in its year's sub-column, the newest in both.
    """
    v = Variant("session-ids", "/sid/zfxxgknb/index.html")
    years = (2023, 2022)
    details = {
        year: f"/sid/zfxxgknb/{year}/t{year + 1}0105_{3400 + year - 2022}.html"
        for year in years
    }

    def listing(with_years: bool, shown: tuple[int, ...]) -> Callable[..., Answer]:
        def answer(path: str, headers: dict[str, str]) -> Answer:
            sid = f"{next(_SESSIONS):08X}A1B2C3D4E5F6"
            rows = "".join(
                row(f"{details[y]};jsessionid={sid}", title(y)) for y in shown
            )
            subs = "".join(
                f'<a href="/sid/zfxxgknb/{y}/index.html;jsessionid={sid}">{y}年</a>'
                for y in years
            )
            body = page(f"<ul>{rows}</ul>{subs if with_years else ''}")
            return 200, {"Content-Type": "text/html; charset=utf-8"}, body

        return answer

    v.dynamic[v.start] = listing(True, years[:1])
    for year in years:
        v.dynamic[f"/sid/zfxxgknb/{year}/index.html"] = listing(False, (year,))
        v.report(details[year], title(year))
    return v


def session_ids_in_queries() -> Variant:
    """A PHP list whose every page shows the newest report in a side box, ``PHPSESSID`` in every link."""
    v = Variant("php-sessions", "/php/zfxxgknb/list.php?page=1")
    details = [f"/php/zfxxgknb/show.php?id={3450 + k}" for k in range(1, 4)]
    for k, detail in enumerate(details, 1):
        v.report(detail, title(2024 - k))

    def listing(path: str, headers: dict[str, str]) -> Answer:
        number = int(path.rpartition("page=")[2].partition("&")[0])
        sid = f"PHPSESSID={next(_SESSIONS):08x}c0ffee"
        side = row(f"{details[0]}&{sid}", title(2023))
        own = row(f"{details[number - 1]}&{sid}", title(2024 - number))
        nxt = (
            f'<a href="list.php?page={number + 1}&amp;{sid}">下一页</a>'
            if number < 3
            else ""
        )
        body = page(f'<div class="side"><ul>{side}</ul></div><ul>{own}</ul>{nxt}')
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body

    v.dynamic["/php/zfxxgknb/list.php"] = listing
    return v


def gbk_query_strings() -> Variant:
    """A GBK page links its file as ``download.jsp?filename=…年报.pdf``; the server reads GBK."""
    v = Variant("gbk-query", "/gbq/zfxxgknb/index.html")
    detail = "/gbq/zfxxgknb/202401/t20240105_3501.html"
    name = "示范区2023年报.pdf"
    v.html(v.start, f"<ul>{row(detail, title(2023))}</ul>", encoding="gbk")
    v.html(
        detail,
        f"<h1>{title(2023)}</h1><p><a href='/gbq/download.jsp?filename={name}'>附件</a></p>",
        encoding="gbk",
    )
    v.expected.append(detail)
    wanted = f"/gbq/download.jsp?filename={quote(name, encoding='gbk')}"

    def download(path: str, headers: dict[str, str]) -> Answer:
        raw = unquote_to_bytes(urlsplit(path).query.partition("=")[2])
        try:
            good = raw.decode("gbk") == name
        except UnicodeDecodeError:
            good = False
        if not good:
            return 404, {"Content-Type": "text/html"}, b"<h1>404</h1>"
        return 200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n% made up\n"

    v.dynamic["/gbq/download.jsp"] = download
    v.expected.append(wanted)
    return v


def chinese_file_names() -> Variant:
    """Attachment names with Chinese characters and spaces, unencoded in the ``href``."""
    v = Variant("chinese-paths", "/cnp/zfxxgknb/index.html")
    detail = "/cnp/zfxxgknb/202401/t20240105_3601.html"
    name = "/cnp/files/示范区 2023年 年报.pdf"
    v.html(v.start, f"<ul>{row(detail, title(2023))}</ul>")
    v.report(detail, title(2023), f"<a href='{name}'>附件：{title(2023)}</a>")
    v.file(quote(name))
    return v


def _paged_list(
    v: Variant, prefix: str, pages: int, first_id: int
) -> dict[int, tuple[str, bytes]]:
    """A ``list.jsp?page=N`` column paged by 下一页, one report per page."""
    made = {}
    for k in range(1, pages + 1):
        detail = f"{prefix}content.jsp?id={first_id + k}"
        v.report(detail, title(2018 + k))
        nxt = f'<a href="list.jsp?page={k + 1}">下一页</a>' if k < pages else ""
        made[k] = (
            "text/html; charset=utf-8",
            page(f"<ul>{row(detail, title(2018 + k))}</ul>{nxt}"),
        )
    return made


def retry_after_in_the_middle() -> Variant:
    """Page 2 of a 下一页 chain answers 429 ``Retry-After: 1`` once."""
    v = Variant("retry-after", "/ra/zfxxgknb/list.jsp?page=1")
    made = _paged_list(v, "/ra/zfxxgknb/", 3, 3700)
    tried: set[str] = set()

    def listing(path: str, headers: dict[str, str]) -> Answer:
        number = int(path.rpartition("=")[2])
        if number == 2 and path not in tried:
            tried.add(path)
            return 429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"busy"
        ctype, body = made[number]
        return 200, {"Content-Type": ctype}, body

    v.dynamic["/ra/zfxxgknb/list.jsp"] = listing
    return v


def challenge_in_the_middle() -> Variant:
    """Page 2 of a 下一页 chain answers a 412 cookie challenge: it must be an event."""
    v = Variant("challenge", "/chl/zfxxgknb/list.jsp?page=1")
    made = _paged_list(v, "/chl/zfxxgknb/", 2, 3800)
    shell = (
        b"<html><head><script>document.cookie='ck_a=7f3e; path=/';"
        b"location.reload();</script></head><body></body></html>"
    )

    def listing(path: str, headers: dict[str, str]) -> Answer:
        number = int(path.rpartition("=")[2])
        if number == 2 and "ck_a=" not in headers.get("Cookie", ""):
            return 412, {"Content-Type": "text/html"}, shell
        ctype, body = made[number]
        return 200, {"Content-Type": ctype}, body

    v.dynamic["/chl/zfxxgknb/list.jsp"] = listing
    v.expected.remove("/chl/zfxxgknb/content.jsp?id=3802")
    v.recorded.append(("challenge", "/chl/zfxxgknb/list.jsp?page=2"))
    return v


def pages_past_the_last() -> Variant:
    """Any ``?page=N`` past the last answers the last page again, 下一页 included (a trap)."""
    v = Variant("endless-pages", "/end/zfxxgknb/list.jsp?page=1")
    made = _paged_list(v, "/end/zfxxgknb/", 3, 3900)
    last_with_next = page(
        f"<ul>{row('/end/zfxxgknb/content.jsp?id=3903', title(2021))}</ul>"
        '<a href="list.jsp?page=4">下一页</a>'
    )

    def listing(path: str, headers: dict[str, str]) -> Answer:
        number = int(path.rpartition("=")[2])
        if number >= 3:
            body = last_with_next.replace(b"page=4", f"page={number + 1}".encode())
            return 200, {"Content-Type": "text/html; charset=utf-8"}, body
        ctype, body = made[number]
        return 200, {"Content-Type": ctype}, body

    v.dynamic["/end/zfxxgknb/list.jsp"] = listing
    v.recorded.append(("trap", "/end/zfxxgknb/list.jsp?page=7"))
    return v


def department_selector() -> Variant:
    """A platform page whose departments are only in a ``<select>`` that opens their sub-sites."""
    v = Variant("department-select", "/dep/zfxxgk/index.html")
    organs = (("czj", "示范区财政局"), ("jyj", "示范区教育局"))
    options = "".join(
        f'<option value="/dep/bm/{code}/zfxxgk/index.html">{organ}</option>'
        for code, organ in organs
    )
    nav = (
        '<a href="/dep/zfxxgk/zfxxgkzn/index.html">政府信息公开指南</a>'
        '<a href="/dep/zfxxgk/zfxxgkzd/index.html">政府信息公开制度</a>'
        '<a href="/dep/zfxxgk/fdzdgknr/index.html">法定主动公开内容</a>'
        '<a href="/dep/zfxxgk/ysqgk/index.html">依申请公开</a>'
    )
    v.html(
        v.start,
        f'{nav}<select onchange="window.open(this.options[this.selectedIndex].value)">'
        f'<option value="">部门选择</option>{options}</select>',
    )
    for i, (code, organ) in enumerate(organs):
        home = f"/dep/bm/{code}/zfxxgk/index.html"
        v.html(
            home, f'{nav}<a href="/dep/bm/{code}/zfxxgk/gznb/index.html">工作年报</a>'
        )
        detail = f"/dep/bm/{code}/zfxxgk/gznb/202401/t20240105_{4000 + i}.html"
        v.html(
            f"/dep/bm/{code}/zfxxgk/gznb/index.html",
            f"<ul>{row(detail, title(2023, organ))}</ul>",
        )
        v.report(detail, title(2023, organ))
    return v


def department_list_behind_a_platform_entry() -> Variant:
    """A platform page whose departments and townships are listed on pages of their own,
    linked as 部门信息公开 and 乡镇（街道）信息公开; each organ's sub-site has its 年报 column."""
    v = Variant("department-entries", "/dpe/zfxxgk/index.html")
    nav = (
        '<a href="/dpe/zfxxgk/zfxxgkzn/index.html">政府信息公开指南</a>'
        '<a href="/dpe/zfxxgk/zfxxgkzd/index.html">政府信息公开制度</a>'
        '<a href="/dpe/zfxxgk/fdzdgknr/index.html">法定主动公开内容</a>'
        '<a href="/dpe/zfxxgk/ysqgk/index.html">依申请公开</a>'
    )
    entries = (
        ("bmxxgk", "部门信息公开", "示范区审计局"),
        ("xzjd", "乡镇（街道）信息公开", "东城街道"),
    )
    v.html(
        v.start,
        nav
        + "".join(
            f'<a href="/dpe/zfxxgk/{d}/index.html">{t}</a>' for d, t, _ in entries
        ),
    )
    for i, (directory, _, organ) in enumerate(entries):
        home = f"/dpe/{directory}/organ{i}/index.html"
        v.html(
            f"/dpe/zfxxgk/{directory}/index.html",
            f'<ul><li><a href="{home}">{organ}</a></li></ul>',
        )
        column = f"/dpe/{directory}/organ{i}/xxgknb/index.html"
        v.html(home, f'{nav}<a href="{column}">信息公开年报</a>')
        detail = f"/dpe/{directory}/organ{i}/xxgknb/202401/t20240105_{4400 + i}.html"
        v.html(column, f"<ul>{row(detail, title(2023, organ))}</ul>")
        v.report(detail, title(2023, organ))
    return v


def year_columns_titled_as_reports() -> Variant:
    """Year sub-columns anchored like a report (2023年度政府信息公开工作年度报告), linked as a
    directory or as its index page, each listing the departments' reports of that year."""
    v = Variant("year-columns-titled", "/ytc/zfxxgknb/index.html")
    links = ""
    for year, page_name in ((2023, ""), (2022, "index.html")):
        column = f"/ytc/zfxxgknb/{year}/{page_name}"
        links += f'<li><a href="{column}">{year}年度政府信息公开工作年度报告</a></li>'
        rows = ""
        for i, organ in enumerate(("示范区财政局", "示范区教育局")):
            detail = f"/ytc/zfxxgknb/{year}/t{year + 1}0105_{4500 + 10 * (year - 2022) + i}.html"
            rows += row(detail, title(year, organ))
            v.report(detail, title(year, organ))
        v.html(column, f"<ul>{rows}</ul>")
        v.junk.append(column)
    v.html(v.start, f"<ul>{links}</ul>")
    return v


def report_on_a_sister_host() -> Variant:
    """A row links its report on another name of the portal's machine (a sister host)."""
    v = Variant("sister-host", "/sis/zfxxgknb/index.html")
    path = "/sis/zfxxgknb/202401/t20240105_4601.html"
    v.html(path, f"<h1>{title(2023)}</h1>")
    v.html(v.start, f"<ul>{row(f'http://localhost:{PORT}{path}', title(2023))}</ul>")
    v.recorded.append(("offsite", path))
    return v


def report_stubs_moving_on_by_script() -> Variant:
    """TRS link documents: the row's page only runs ``location.href = '…'`` to the report."""
    v = Variant("report-stubs", "/stb/zfxxgknb/index.html")
    rows = ""
    targets = (
        "/stb/bm/czj/zfxxgknb/202401/t20240105_4701.html",
        "/stb/files/nb2022.pdf",
    )
    for i, target in enumerate(targets):
        stub = f"/stb/zfxxgknb/202{4 - i}01/t202{4 - i}0105_{4710 + i}.html"
        v.pages[stub] = (
            "text/html; charset=utf-8",
            f'<html><head><script>window.location.href = "{target}";</script></head>'
            "<body></body></html>".encode(),
        )
        rows += row(stub, title(2023 - i))
        v.junk.append(stub)
    v.report(targets[0], title(2023))
    v.file(targets[1])
    v.html(v.start, f"<ul>{rows}</ul>")
    return v


def reports_at_index_pages() -> Variant:
    """Hunan's numeric tree: one report is one ``…/39633/index.htm``, titled without a year."""
    v = Variant("index-reports", "/hn/25074/25162/index.htm")
    rows = ""
    for i, organ in enumerate(("示范县财政局", "示范县教育局")):
        detail = f"/hn/25074/25162/{37354 + i}/index.htm"
        text = f"{organ}政府信息公开工作年度报告"
        v.report(detail, text)
        rows += row(detail, text)
    v.html(v.start, f"<ul>{rows}</ul>")
    return v


def year_menu() -> Variant:
    """A 年报 column that lists this year and reaches the others only through a year menu."""
    v = Variant("year-menu", "/ymn/zfxxgk/zfxxgknb/index.html")
    options = "".join(
        f'<option value="../nb{year}/index.html">{year}年</option>'
        for year in (2022, 2021)
    )
    menu = f'<select onchange="location.href=this.value">{options}</select>'
    detail = "202401/t20240105_4101.html"
    v.html(v.start, f"{menu}<ul>{row(detail, title(2023))}</ul>")
    v.report(f"/ymn/zfxxgk/zfxxgknb/{detail}", title(2023))
    for year in (2022, 2021):
        detail = f"{year + 1}01/t{year + 1}0105_{4100 + year - 2020}.html"
        v.html(
            f"/ymn/zfxxgk/nb{year}/index.html", f"<ul>{row(detail, title(year))}</ul>"
        )
        v.report(f"/ymn/zfxxgk/nb{year}/{detail}", title(year))
    return v


def _home_page() -> bytes:
    """A portal home page as CMSs draw it: navigation, news boxes, footer (tens of KiB)."""
    nav = "".join(f'<a href="/col/col{i}/index.html">栏目{i}</a>' for i in range(60))
    news = "".join(
        f'<li><a href="/art/2024/1/{i % 28 + 1}/art_9_{i}.html">示范区召开第{i}次工作会议'
        f"部署有关事项</a><span>2024-01-{i % 28 + 1:02d}</span></li>"
        for i in range(300)
    )
    footer = "<p>主办：示范区人民政府办公室 地址：示范路1号 网站标识码：4403050001</p>"
    return page(f"<div>{nav}</div><ul>{news}</ul>{footer}")


def report_links_rotted_to_home() -> Variant:
    """Report links that answer 301 to the home page, 302 to ``/404.html``, or a full-template
    页面不存在 page: none is a report."""
    v = Variant("rotted-links", "/rot/zfxxgknb/index.html")
    gone = "/rot/zfxxgknb/202301/t20230105_4201.html"
    v.dynamic[gone] = lambda path, headers: (301, {"Location": "/"}, b"")
    v.pages["/"] = ("text/html; charset=utf-8", _home_page())
    missing = "/rot/zfxxgknb/202201/t20220105_4202.html"
    chrome = _home_page().decode()
    template = chrome.replace(
        "<body>", "<body><h2>抱歉，您访问的页面不存在或已被删除！</h2>"
    )
    template = template.replace("<head>", "<head><title>页面不存在</title>")
    v.pages[missing] = ("text/html; charset=utf-8", template.encode())
    # nginx's error_page 404 = /404.html: a 302 to the portal's templated error page
    sent = "/rot/zfxxgknb/202101/t20210105_4203.html"
    v.dynamic[sent] = lambda path, headers: (302, {"Location": "/rot/404.html"}, b"")
    v.pages["/rot/404.html"] = ("text/html; charset=utf-8", _home_page())
    kept = "/rot/zfxxgknb/202401/t20240105_4200.html"
    v.report(kept, title(2023))
    rows = row(kept, title(2023)) + row(gone, title(2022)) + row(missing, title(2021))
    rows += row(sent, title(2020))
    v.html(v.start, f"<ul>{rows}</ul>")
    v.recorded += [("soft-404", gone), ("soft-404", missing), ("soft-404", sent)]
    v.junk += [gone, missing, sent]
    return v


def calendar_on_the_column() -> Variant:
    """A 年报 column page with a date calendar whose days and months are ``?date=`` links."""
    v = Variant("calendar", "/cal/zfxxgknb/index.html")
    detail = "/cal/zfxxgknb/202401/t20240105_4301.html"
    v.report(detail, title(2023))

    def column(path: str, headers: dict[str, str]) -> Answer:
        query = urlsplit(path).query
        year, month = (int(x) for x in (query[5:12] or "2024-01").split("-"))
        days = "".join(
            f'<a href="index.html?date={year}-{month:02d}-{d:02d}">{d}</a>'
            for d in range(1, 29)
        )
        before = f"{year - (month == 1)}-{(month - 2) % 12 + 1:02d}"
        after = f"{year + (month == 12)}-{month % 12 + 1:02d}"
        months = (
            f'<a href="index.html?date={before}-01">&lt;</a>'
            f'<a href="index.html?date={after}-01">&gt;</a>'
        )
        body = page(
            f'<ul>{row(detail, title(2023))}</ul><div class="calendar">{months}{days}</div>'
        )
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body

    v.dynamic["/cal/zfxxgknb/index.html"] = column
    return v


def yearless_titles_on_other_dialects() -> Variant:
    """Department reports titled without a year, at the detail URLs of other CMSs (§1.5)."""
    v = Variant("yearless-dialects", "/dia/zfxxgknb/index.html")
    details = (
        "/dia/info/1050/64208.htm",  # VSB / 博达
        "/dia/nw12344/20230331/4a03b5fa47ae4c73b7ec42801de6be66.html",  # Shanghai
        "/dia/cols/2024/1/5/9b2f0c1d2e3f405162738495a6b7c8d9.shtml",  # Sichuan
        "/dia/zfxxgknb/2022/gzj/63d48a80f8fd1c4c213ab9ff.html",  # ObjectId
        "/dia/zyjd/1749603841671188482.html",  # snowflake id
        "/dia/doc/2024/01/08/4153378.shtml",  # Wuxi intertid
        "/dia/n2588035/n2588320/c13587052/content.html",  # ccontent
        "/dia/gongkai/show/0f1e2d3c4b5a69788796a5b4c3d2e1f0.html",  # Anju
    )
    organs = (
        "财政局",
        "教育局",
        "民政局",
        "司法局",
        "审计局",
        "商务局",
        "水务局",
        "城管局",
    )
    rows = ""
    for detail, organ in zip(details, organs, strict=True):
        text = f"示范区{organ}政府信息公开工作年度报告"
        v.report(detail, text)
        rows += row(detail, text)
    v.html(v.start, f"<ul>{rows}</ul>")
    return v


VARIANTS: tuple[Callable[[], Variant], ...] = (
    https_links_on_an_http_host,
    protocol_relative_links,
    meta_refresh_stub,
    moved_column,
    api_list_beside_navigation,
    data_url_list_beside_navigation,
    session_ids_in_links,
    session_ids_in_queries,
    gbk_query_strings,
    chinese_file_names,
    retry_after_in_the_middle,
    challenge_in_the_middle,
    pages_past_the_last,
    department_selector,
    year_menu,
    reports_at_index_pages,
    report_stubs_moving_on_by_script,
    report_on_a_sister_host,
    year_columns_titled_as_reports,
    department_list_behind_a_platform_entry,
    report_links_rotted_to_home,
    calendar_on_the_column,
    yearless_titles_on_other_dialects,
)


@dataclass
class Crawled:
    variants: dict[str, Variant]
    captures: Counter[tuple[str, str]]
    events: list[dict]
    requested: list[str]

    def archived(self, *kinds: str) -> set[str]:
        return {path for (kind, path) in self.captures if kind in kinds}


def _canonical(path: str) -> str:
    """The path without its session id (the report a ``;jsessionid=`` URL names)."""
    head, _, rest = path.partition(";jsessionid=")
    path = head + (rest[rest.index("?") :] if "?" in rest else "")
    return path.partition("&PHPSESSID=")[0]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Crawled:
    variants = [make() for make in VARIANTS]
    server, requested = serve(
        {p: page for v in variants for p, page in v.pages.items()},
        {p: answer for v in variants for p, answer in v.dynamic.items()},
        # as Tomcat and PHP do: a session id in the URL names no other page
        _canonical,
    )
    directory = tmp_path_factory.mktemp("links")
    try:
        port = server.server_address[1]
        done = run_scrapy(
            SITE,
            f"http://127.0.0.1:{port}/",
            directory,
            "-a",
            f"registry={registry(directory / 'registry.toml', [v.start for v in variants])}",
            "-s",
            "DOWNLOAD_TIMEOUT=10",
        )
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    db = sqlite_utils.Database(directory / "index.sqlite")
    captures: Counter[tuple[str, str]] = Counter(
        (c["kind"], _canonical(path_of(c["url"])))
        for c in db.query("select url, kind from captures")
    )
    return Crawled(
        {v.name: v for v in variants},
        captures,
        list(db.query("select * from events")),
        requested,
    )


@pytest.mark.parametrize("name", [make().name for make in VARIANTS])
def test_every_listed_report_is_archived(crawled, name):
    variant = crawled.variants[name]
    kept = crawled.archived("report", "attachment")
    missing = [p for p in variant.expected if p not in kept]
    assert not missing, (missing, crawled.events)


@pytest.mark.parametrize("name", [make().name for make in VARIANTS])
def test_every_report_is_archived_once(crawled, name):
    variant = crawled.variants[name]
    twice = {
        p: n
        for (kind, p), n in crawled.captures.items()
        if kind in ("report", "attachment") and p in variant.expected and n > 1
    }
    assert not twice


@pytest.mark.parametrize(
    "name", [v.name for v in (make() for make in VARIANTS) if v.recorded]
)
def test_what_cannot_be_reached_is_recorded(crawled, name):
    recorded = {(e["kind"], path_of(e["url"])) for e in crawled.events}
    assert set(crawled.variants[name].recorded) <= recorded, crawled.events


def test_endless_pages_stop_soon(crawled):
    pages = [p for p in crawled.requested if p.startswith("/end/zfxxgknb/list.jsp")]
    assert len(pages) <= 8


@pytest.mark.parametrize(
    "name", [v.name for v in (make() for make in VARIANTS) if v.junk]
)
def test_no_error_page_is_archived_as_a_report(crawled, name):
    kept = crawled.archived("report", "attachment")
    assert not [p for p in crawled.variants[name].junk if p in kept]


def test_a_calendar_is_not_crawled_day_by_day(crawled):
    pages = [p for p in crawled.requested if p.startswith("/cal/zfxxgknb/index.html")]
    assert len(pages) <= 8


def test_a_report_on_a_sister_host_names_the_host_and_the_fix(crawled):
    events = [
        e
        for e in crawled.events
        if e["kind"] == "offsite" and path_of(e["url"]).startswith("/sis/")
    ]
    assert events
    assert all("sister_hosts" in e["detail"] for e in events)
