from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from parsel import Selector

from crawler.links import (
    anchor_title,
    classify_link,
    extract_anchors,
    extract_frames,
    find_script_attachments,
    is_attachment_link,
    is_report_title,
    link_target,
    page_selector,
    query_in_page_encoding,
    site_address,
    strip_session_id,
)
from crawler.sites import Site, get_site

PAGES = Path(__file__).parent / "pages"
BASE = "http://127.0.0.1:8000/"
TRS = get_site("demo-trs").resolve(BASE)
HANWEB = get_site("demo-hanweb").resolve(BASE)
TRS_PAGE = BASE + "trs/zfxxgk/zfxxgknb/index.html"


@pytest.mark.parametrize(
    "title",
    [
        "鄂尔多斯市2019年政府信息公开工作年度报告",
        "鄂尔多斯市2018年政府信息公开年度报告",
        "东街街道2023年度政府信息公开工作年度报告",
        "西咸新区底张街道办事处2023年度政府\n信息公开工作年度报告",
        "2022年度螅镇政府信息公开工作年度报告",
        "示范区2021年政府信息公开年报",
        "示范市人民政府关于2021年政府信息公开工作年度报告",
    ],
)
def test_report_titles_are_recognised(title):
    assert is_report_title(title)


@pytest.mark.parametrize(
    "title",
    [
        "2021年度政府网站年度工作报表",
        "示范区2021年法治政府建设年度报告",
        "2023年政府工作报告",
        "关于做好2022年政府信息公开工作年度报告有关事项的通知",
        "示范区人民政府2024年财政预算公开说明",
        "政府信息公开工作年度报告",  # no year
        "示范区2020年部门决算政府信息公开工作年度报告",
    ],
)
def test_look_alike_titles_are_not_reports(title):
    assert not is_report_title(title)


@pytest.mark.parametrize(
    ("href", "anchor", "expected"),
    [
        (
            "./202101/t20210121_1234567.html",
            "示范区2020年政府信息公开工作年度报告",
            "report",
        ),
        ("./202101/t20210121_1234567.html", "示范区召开常务会议", "article"),
        ("./xzjd/jd01/index.html", "东城街道办事处", "list"),
        ("../bmnb/index.shtml", "部门年报", "list"),
        ("rl?page=1", "日历", "list"),
        ("rl?page=2", "下一页", "pagination"),
        (
            "http://localhost:8000/offsite/a.html",
            "示范市2021年政府信息公开工作年度报告",
            "offsite",
        ),
        ("./202101/P020210121123456789012345.pdf", "附件", "attachment"),
        (
            "/hanweb/module/download/downfile.jsp?classid=0&filename=ab.pdf",
            "下载",
            "attachment",
        ),
        ("javascript:void(0)", "打印", "ignore"),
        ("mailto:a@b.cn", "联系我们", "ignore"),
        ("#top", "顶部", "ignore"),
        ("/other/section/page.html", "其他栏目", "ignore"),
    ],
)
def test_classify_link_on_a_trs_column_page(href, anchor, expected):
    assert classify_link(href, anchor, site=TRS, page_url=TRS_PAGE) == expected


def test_hanweb_sibling_column_is_a_list_and_art_page_an_article():
    page = BASE + "hanweb/col/col1001/index.html"
    assert (
        classify_link(
            "/hanweb/col/col1002/index.html", "城关镇", site=HANWEB, page_url=page
        )
        == "list"
    )
    assert (
        classify_link(
            "/hanweb/art/2024/1/2/art_1001_5.html",
            "工作动态",
            site=HANWEB,
            page_url=page,
        )
        == "article"
    )


def test_every_attachment_extension_is_an_attachment():
    for ext in ("pdf", "doc", "docx", "wps", "xls", "xlsx", "ofd", "zip", "rar", "et"):
        assert (
            classify_link(f"./P0.{ext}", "附件", site=TRS, page_url=TRS_PAGE)
            == "attachment"
        )


def test_saved_trs_list_page_yields_reports_and_lookalikes_apart():
    html = (PAGES / "trs_column_index.html").read_bytes().decode("gb18030")
    kinds: dict[str, list[str]] = {}
    for a in Selector(text=html).css("ul.list a"):
        title = a.attrib["title"]
        kinds.setdefault(
            classify_link(a.attrib["href"], title, site=TRS, page_url=TRS_PAGE), []
        ).append(title)
    assert all(is_report_title(t) for t in kinds["report"])
    assert "关于做好政府信息公开工作年度报告有关事项的通知" in kinds["article"]
    assert len(kinds["report"]) == 5
    assert len(kinds["article"]) == 10


def test_script_only_attachment_is_found():
    html = (PAGES / "trs_attachment_only.html").read_bytes().decode("gb18030")
    page = BASE + "trs/zfxxgk/zfxxgknb/xzjd/jd02/202403/t20240315_3427846.html"
    found = find_script_attachments(html, page)
    assert found == [
        (
            BASE
            + "trs/zfxxgk/zfxxgknb/xzjd/jd02/202403/P020240315399935387782579.docx",
            "附件：示范区西城街道办事处2023年政府信息公开工作年度报告.docx",
        )
    ]


def test_other_trs_script_patterns_are_found():
    html = """<script>var rel_appendix = '<a href="./P0a.doc">下载文字版</a>|<a href="./P0b.pdf">PDF</a>';
    if("附件1.pdf" != ""){document.write('<a href="./P0c.xlsx">附件1</a>')}
    var other = '<a href="./news.html">not a file</a>';</script>"""
    urls = [u for u, _ in find_script_attachments(html, "http://h/a/t.html")]
    assert urls == ["http://h/a/P0a.doc", "http://h/a/P0b.pdf", "http://h/a/P0c.xlsx"]


@pytest.mark.parametrize(
    "title",
    [
        "示范市2010年政府信息公开年度工作报告",
        "示范县2008年政府信息公开工作报告",
        "示范区人民政府2022年度信息公开工作年度报告",
        "示范区2023年度政务公开工作年度报告",
        "示范区财政局政府信息公开工作年度报告（2023）",
        "二〇二三年示范镇政府信息公开工作年度报告",
    ],
)
def test_older_and_department_wordings_are_report_titles(title):
    assert is_report_title(title)


@pytest.mark.parametrize(
    "title",
    ["2023年政务公开工作要点", "2023年政府工作报告", "示范区政府信息公开工作年度报告"],
)
def test_wordings_without_the_report_or_the_year_are_not(title):
    assert not is_report_title(title)


def test_script_opened_links_give_the_url_inside_the_script():
    html = (
        "<a href=\"javascript:window.open('./a/t1.html')\">x</a>"
        "<a href='javascript:void(0)' onclick=\"window.open('/b/t2.html','_blank')\">y</a>"
        "<a href='#' onclick=\"location.href='t3.shtml';return false;\">z</a>"
        "<a href='javascript:;' onclick=\"show('123')\">w</a>"
    )
    hrefs = [h for h, _ in extract_anchors(html, "http://h/c/index.html")]
    assert hrefs == [
        "http://h/c/a/t1.html",
        "http://h/b/t2.html",
        "http://h/c/t3.shtml",
        "javascript:;",
    ]


def test_relative_links_resolve_against_base_href():
    html = '<base href="/site/"><a href="nb/t1.html">x</a><iframe src="list.html"></iframe>'
    assert extract_anchors(html, "http://h/site/nb/index.html") == [
        ("http://h/site/nb/t1.html", "x")
    ]
    assert extract_frames(html, "http://h/site/nb/index.html") == [
        "http://h/site/list.html"
    ]


@pytest.mark.parametrize(
    ("url", "text", "expected"),
    [
        ("http://h/attach/download?fileId=1", "附件1", True),
        ("http://h/common/getFile.do?id=2", "统计表", True),
        ("http://h/file?id=3", "示范区2023年报.pdf", True),
        ("http://h/download/index.html", "下载中心", False),
        ("http://h/a/t20240105_1.html", "示范区2023年政府信息公开工作年度报告", False),
    ],
)
def test_download_scripts_and_anchors_naming_a_file_are_attachments(
    url, text, expected
):
    assert is_attachment_link(url, text) is expected


def test_the_fuller_of_title_attribute_and_text_is_the_anchor():
    full = "示范区2023年政府信息公开工作年度报告"
    assert anchor_title(full, ["示范区2023年政府信息…"]) == full
    assert anchor_title("在新窗口打开", [full]) == full
    assert anchor_title("", ["年报"]) == "年报"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("下一页>>", True), ("【下一页】", True), ("下一页 ›", True), ("下一页面", False)],
)
def test_decorated_next_anchors(text, expected):
    from crawler.links import is_next_anchor

    assert is_next_anchor(text) is expected


def test_action_links_take_their_rows_title_and_image_links_their_alt():
    html = (
        "<table><tr><td>示范区2023年政府信息公开工作年度报告</td>"
        "<td><a href='t1.html'>查看</a></td></tr>"
        "<tr><td><a href='a.html'>首页</a><a href='b.html'>查看</a></td></tr></table>"
        "<a href='list.jsp?page=2'><img src='n.gif' alt='下一页'></a>"
    )
    texts = [" ".join(t.split()) for _, t in extract_anchors(html)]
    assert is_report_title(texts[0])
    assert texts[1:] == ["首页", "查看", "下一页"]


def test_year_directories_in_scope_are_lists():
    page = BASE + "yrs/zfxxgk/zfxxgknb/index.html"
    assert (
        classify_link(
            "../nb2023/", "2023年", site=TRS, page_url=page, scopes=("/yrs/zfxxgk/",)
        )
        == "list"
    )
    assert (
        classify_link(
            "../zfxxgkzn/",
            "政府信息公开指南",
            site=TRS,
            page_url=page,
            scopes=("/yrs/zfxxgk/",),
        )
        == "ignore"
    )


def test_script_written_rows_and_script_redirects():
    from crawler.links import script_anchors, script_redirect

    html = (
        '<li><script>var s = "示范区2023年政府信息公开工作年度报告"; s = s.substring(0, 9);'
        "document.write('<a href=\"./2024/t1.html\">' + s + '</a>');</script></li>"
        '<script type="text/xml"><datastore><![CDATA[<a href="/x.html">x</a>]]></datastore></script>'
    )
    assert script_anchors(html) == [
        ("./2024/t1.html", "示范区2023年政府信息公开工作年度报告")
    ]
    assert (
        script_redirect("<script>location.replace('/nb/list.html')</script>")
        == "/nb/list.html"
    )
    assert script_redirect("<p>location.href = '/no.html'</p>") is None


def test_numbered_links_to_the_same_script_are_pagination():
    page = BASE + "num/list.jsp?cid=9&page=1"
    kind = classify_link("list.jsp?cid=9&page=2", "2", site=TRS, page_url=page)
    assert kind == "pagination"
    other = classify_link("other.jsp?page=2", "2", site=TRS, page_url=page)
    assert other != "pagination"


def test_a_page_parsed_once_gives_the_same_anchors_and_frames_as_its_text():
    html = (
        '<base href="/zfxxgk/nb/"><a href="t1.html" title="在新窗口打开">'
        "××区2023年政府信息公开工作年度报告</a>"
        '<iframe src="/pdfjs/web/viewer.html?file=/files/nb.pdf"></iframe>'
        '<embed src="nb2.pdf">'
    )
    page = page_selector(html)
    assert extract_anchors(page, BASE) == extract_anchors(html, BASE)
    assert extract_anchors(page, BASE) == [
        (
            "http://127.0.0.1:8000/zfxxgk/nb/t1.html",
            "××区2023年政府信息公开工作年度报告",
        )
    ]
    assert extract_frames(page, BASE) == extract_frames(html, BASE)
    assert extract_frames(page, BASE) == [
        "http://127.0.0.1:8000/files/nb.pdf",
        "http://127.0.0.1:8000/zfxxgk/nb/nb2.pdf",
    ]


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("/nb/t1.html;jsessionid=8F3A9C0D", "/nb/t1.html"),
        ("/nb/2023/index.html;JSESSIONID=8F3A?page=2", "/nb/2023/index.html?page=2"),
        ("show.php?id=3&PHPSESSID=ab12cd", "show.php?id=3"),
        ("show.asp?ASPSESSIONIDQQ=ABC&id=3#top", "show.asp?id=3#top"),
        ("list.php?PHPSESSID=ab12", "list.php"),
        # a site id is not a session: gkmlpt's API needs it
        ("/gkmlpt/api/all/72?page=3&sid=4402", "/gkmlpt/api/all/72?page=3&sid=4402"),
    ],
)
def test_session_ids_are_stripped_from_links(url, clean):
    assert strip_session_id(url) == clean


def test_anchors_come_without_the_session_id_their_server_wrote():
    html = '<a href="2023/index.html;jsessionid=0A1B2C">2023年</a>'
    page = BASE + "trs/zfxxgk/zfxxgknb/index.html"
    assert extract_anchors(html, page) == [
        (BASE + "trs/zfxxgk/zfxxgknb/2023/index.html", "2023年")
    ]
    assert (
        classify_link(
            extract_anchors(html, page)[0][0], "2023年", site=TRS, page_url=page
        )
        == "list"
    )


def test_jump_menu_options_are_links_and_form_values_are_not():
    html = (
        '<select onchange="window.open(this.value)"><option value="">部门选择</option>'
        '<option value="/bm/czj/zfxxgk/index.html">示范区财政局</option>'
        '<option value="../nb2022/">2022年</option></select>'
        '<select name="year"><option value="2023">2023</option>'
        '<option value="czj">财政局</option></select>'
    )
    assert extract_anchors(html, TRS_PAGE) == [
        (BASE + "bm/czj/zfxxgk/index.html", "示范区财政局"),
        (BASE + "trs/zfxxgk/nb2022/", "2022年"),
    ]


@pytest.mark.parametrize(
    ("href", "encoding", "sent"),
    [
        ("/d.jsp?f=年报.pdf", "gbk", "/d.jsp?f=%C4%EA%B1%A8.pdf"),
        ("/d.jsp?f=年报.pdf", "gb18030", "/d.jsp?f=%C4%EA%B1%A8.pdf"),
        ("/d.jsp?f=年报.pdf#p2", "gbk", "/d.jsp?f=%C4%EA%B1%A8.pdf#p2"),
        # the path is sent as UTF-8 by browsers and Scrapy alike
        ("/files/年报.pdf?v=1", "gbk", "/files/年报.pdf?v=1"),
        ("/d.jsp?f=年报.pdf", "utf-8", "/d.jsp?f=年报.pdf"),
        ("/d.jsp?f=2023.pdf", "gbk", "/d.jsp?f=2023.pdf"),
    ],
)
def test_a_query_is_sent_in_the_encoding_of_its_page(href, encoding, sent):
    assert query_in_page_encoding(href, encoding) == sent


def test_a_calendar_widget_is_not_a_pager():
    page = TRS_PAGE + "?date=2024-01-05"
    for href, text in (
        ("index.html?date=2024-01-06", "6"),
        ("index.html?date=2024-02", ">"),
        ("index.html?day=20240107", "下一页"),
        ("/trs/zfxxgk/zfxxgknb/index.html?date=2024/01/08", "8"),
    ):
        assert classify_link(href, text, site=TRS, page_url=page) == "ignore"
    # a list filtered by its year, and paged, is still paged
    assert (
        classify_link("index.html?year=2023&page=2", "2", site=TRS, page_url=page)
        == "pagination"
    )


@pytest.mark.parametrize(
    ("href", "kind"),
    [
        ("/info/1050/64208.htm", "report"),
        ("/nw12344/20230331/4a03b5fa47ae4c73b7ec42801de6be66.html", "report"),
        ("/zfxxgknb/2022/gzj/63d48a80f8fd1c4c213ab9ff.html", "report"),
        ("/zyjd/1749603841671188482.html", "report"),
        ("/n2588035/n2588320/c13587052/content.html", "report"),
        ("/nb/content.jsp?id=8", "report"),
        # list pages named like a report are the department's 年报 column
        ("/bm/czj/zfxxgknb/", "list"),
        ("/bm/czj/nb/index.html", "list"),
        ("/bm/czj/info/iList.jsp?cat_id=15971", "list"),
        ("/bm/col/col1234/index.html", "list"),
    ],
)
def test_a_yearless_report_title_at_a_document_url_is_a_report(href, kind):
    text = "示范区财政局政府信息公开工作年度报告"
    assert classify_link(href, text, site=TRS, page_url=TRS_PAGE) == kind


def _portal(*hosts: str) -> Site:
    """A real portal's entry (not local): its hosts are names, not this machine."""
    return Site(
        id="x",
        name="示范市",
        region_code="440305",
        level="city",
        start_urls=(f"http://{hosts[0]}/zwgk/zfxxgknb/",),
        allowed_domains=hosts,
        crawl_interval=timedelta(days=7),
    )


def test_the_bare_name_of_a_www_host_and_a_default_port_are_the_site_host():
    site = _portal("www.x.gov.cn")
    page = "http://www.x.gov.cn/zwgk/zfxxgknb/index.html"
    for href in (
        "http://x.gov.cn/zwgk/zfxxgknb/202401/t20240105_1.html",
        "http://X.GOV.CN:80/zwgk/zfxxgknb/202401/t20240105_1.html",
        "http://www.x.gov.cn:80/zwgk/zfxxgknb/202401/t20240105_1.html",
    ):
        target = link_target(href, page, site)
        assert not isinstance(target, str)
        assert (
            target.geturl()
            == "http://www.x.gov.cn/zwgk/zfxxgknb/202401/t20240105_1.html"
        )
        assert (
            classify_link(
                href, "示范市2023年政府信息公开工作年度报告", site=site, page_url=page
            )
            == "report"
        )
    assert (
        site_address("https://www.x.gov.cn:443/a.html", site)
        == "https://www.x.gov.cn/a.html"
    )
    assert (
        site_address("http://www.x.gov.cn:8080/a.html", site)
        == "http://www.x.gov.cn:8080/a.html"
    )
    # a sister host stays offsite until the entry names it
    assert link_target("http://zwgk.x.gov.cn/a.html", page, site) == "offsite"
    assert (
        link_target(
            "http://zwgk.x.gov.cn/a.html",
            page,
            _portal("www.x.gov.cn", "zwgk.x.gov.cn"),
        )
        != "offsite"
    )


def test_a_directory_anchored_like_a_report_is_a_year_column():
    text = "2023年度政府信息公开工作年度报告"
    assert classify_link("./2023/", text, site=TRS, page_url=TRS_PAGE) == "list"
    assert (
        classify_link("./2023/t1.html", text, site=TRS, page_url=TRS_PAGE) == "report"
    )
