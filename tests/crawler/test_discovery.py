"""Discovery rules on hand-written pages in the shape of real home and platform pages."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crawler.discovery import (
    classify_discovery_link,
    column_scope,
    guess_cms,
    has_platform_nav,
    is_organ_anchor,
    is_platform_link,
    is_sister_host,
    page_role,
)
from crawler.links import classify_link, is_column_anchor, is_column_path
from crawler.sites import get_site

SITE = replace(get_site("gs-baiyin-baiyinqu"), sister_hosts=("zwgk.baiyinqu.gov.cn",))
HOME = "https://www.baiyinqu.gov.cn/"
PLATFORM = "https://www.baiyinqu.gov.cn/zfxxgk/"

HOME_PAGE = """<html><body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/xwdt/index.html">新闻动态</a></li>
<li><a href="/zfxxgk/">政府信息公开</a></li><li><a href="/bsfw/index.html">办事服务</a></li></ul>
<div class="depts"><a href="/jyj/">白银区教育局</a><a href="http://www.gov.cn/">中国政府网</a></div>
<ul><li><a href="/xwdt/202401/t20240101_1.html">白银区召开常务会议</a></li></ul>
</body></html>"""

PLATFORM_PAGE = """<html><body>
<ul class="left-nav"><li><a href="./zfxxgkzn/">政府信息公开指南</a></li>
<li><a href="./zfxxgkzd/">政府信息公开制度</a></li><li><a href="./fdzdgknr/">法定主动公开内容</a></li>
<li><a href="./zfxxgknb/">政府信息公开年报</a></li><li><a href="./ysqgk/">依申请公开</a></li></ul>
<h3>部门信息公开</h3><a href="/bm/jyj/">白银区教育局</a><a href="/xz/rml/">人民路街道</a>
</body></html>"""


@pytest.mark.parametrize(
    "text",
    ["政府信息公开年报", "信息公开年报", "年度报告", "年报", "部门年报", "政府信息公开工作年度报告",
     "乡镇（街道）年报", " 政府信息公开\u3000年报 "],
)  # fmt: skip
def test_year_less_report_column_anchors_are_columns(text):
    assert is_column_anchor(text)


@pytest.mark.parametrize(
    "text",
    ["企业年报公示", "统计年报", "法治政府建设年度报告", "政府网站年度工作报表", "2023年政府信息公开工作年度报告",
     "新闻动态", "财务年报"],
)  # fmt: skip
def test_look_alike_anchors_are_not_columns(text):
    assert not is_column_anchor(text)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/zfxxgk/zfxxgknb/", True),
        ("/zfxxgk/zfxxgknb", True),
        ("/zfxxgk/zfxxgknb/index.html", True),
        ("/zfxxgk/zfxxgknb/index_2.shtml", True),
        ("/bmjz/zwgk_73567/zfxxgknb_73584/index.html", True),
        ("/zfxxgk/common_zfxxgknb.shtml", True),
        ("/zfxxgk/gknb/", True),
        ("/zfxxgk/zfxxgknb/202401/t20240115_1.html", False),
        ("/zfxxgk/fdzdgknr/", False),
        ("/xwdt/index.html", False),
    ],
)
def test_column_paths(path, expected):
    assert is_column_path(path) is expected


def test_platform_links_by_anchor_or_directory_but_not_its_other_entries():
    assert is_platform_link("政府信息公开", "/x/")
    assert is_platform_link("政务公开", "/x/")
    assert is_platform_link("", "/zfxxgk/")
    assert not is_platform_link("政府信息公开指南", "/zfxxgk/zfxxgkzn/")
    assert not is_platform_link("法定主动公开内容", "/zfxxgk/fdzdgknr/")
    assert not is_platform_link("新闻动态", "/xwdt/")


def test_organ_anchors_name_departments_and_townships():
    for text in (
        "白银区教育局",
        "示范新区卫生健康委员会",
        "人民路街道",
        "新华镇",
        "河口乡",
    ):
        assert is_organ_anchor(text), text
    for text in ("新闻动态", "办事服务", "2023年政府信息公开工作年度报告"):
        assert not is_organ_anchor(text), text


def kinds(html, page_url, *, on_platform):
    from crawler.links import extract_anchors

    return {
        text: classify_discovery_link(
            href, text, site=SITE, page_url=page_url, on_platform=on_platform
        )
        for href, text in extract_anchors(html)
    }


def test_home_page_leads_to_the_platform_only():
    found = kinds(HOME_PAGE, HOME, on_platform=False)
    assert found["政府信息公开"] == "platform"
    assert found["新闻动态"] == found["办事服务"] == "ignore"
    # an organ on the home page is the 部门网站 box, not the disclosure tree
    assert found["白银区教育局"] == "ignore"
    assert found["中国政府网"] == "offsite"
    assert found["白银区召开常务会议"] == "ignore"


def test_platform_page_leads_to_its_column_and_its_sub_sites_only():
    found = kinds(PLATFORM_PAGE, PLATFORM, on_platform=True)
    assert found["政府信息公开年报"] == "column"
    assert found["白银区教育局"] == found["人民路街道"] == "subsite"
    for entry in (
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "依申请公开",
    ):
        assert found[entry] == "ignore", entry


def test_directory_form_column_links_resolve_against_the_page():
    kind = classify_discovery_link(
        "../xxgkgd/", "年度报告", site=SITE, page_url=PLATFORM + "jyj/xxgk/",
        on_platform=True,
    )  # fmt: skip
    assert kind == "column"
    assert column_scope(PLATFORM + "jyj/xxgkgd/") == "/zfxxgk/jyj/xxgkgd/"
    assert column_scope(PLATFORM + "zfxxgknb/index.html") == "/zfxxgk/zfxxgknb/"


def test_page_roles():
    assert page_role(HOME_PAGE, HOME, site=SITE) == "discovery"
    assert page_role(PLATFORM_PAGE, PLATFORM, site=SITE) == "discovery"
    column = "".join(
        f'<a href="./2024{i}/t1_{i}.html">示范区202{i}年政府信息公开工作年度报告</a>'
        for i in range(3)
    )
    # a list of reports is a column even with the platform navigation around it
    listed = PLATFORM_PAGE.replace("</body>", column + "</body>")
    assert page_role(listed, HOME + "col/col1/", site=SITE) == "column"
    # a home page with a box of reports is still a home page
    home = HOME_PAGE.replace("</body>", column + "</body>")
    assert page_role(home, HOME, site=SITE) == "discovery"
    assert page_role(home, HOME + "index.html", site=SITE) == "discovery"
    # a 年报 directory is a column whatever it lists
    assert page_role(PLATFORM_PAGE, PLATFORM + "zfxxgknb/", site=SITE) == "column"
    # a page with neither leads nor reports stays a column, as start pages always were
    assert page_role("<p>无</p>", HOME + "gkmlpt/index", site=SITE) == "column"


def test_platform_navigation_needs_two_entries():
    assert has_platform_nav([("", "政府信息公开指南"), ("", "依申请公开")])
    assert not has_platform_nav([("", "依申请公开")])


def test_cms_guess_from_fingerprints():
    assert guess_cms('<div class="TRS_Editor">') == "trs"
    assert guess_cms("<script>createPageHTML(3, 0, 'index', 'html');</script>") == "trs"
    assert guess_cms("$('#U1').jpage({dataStore: x})") == "hanweb"
    assert guess_cms('<a href="/col/col1229/index.html">') == "hanweb"
    assert guess_cms("<script>window._CONFIG = {}</script>") == "gkmlpt"
    assert guess_cms("<p>plain</p>") is None


def test_sister_hosts_share_the_county_domain():
    site = get_site("gs-baiyin-baiyinqu")
    assert is_sister_host("zwgk.baiyinqu.gov.cn", site)
    assert is_sister_host("xxgk.baiyinqu.gov.cn", site)
    assert not is_sister_host("www.baiyinqu.gov.cn", site)  # its own host
    assert not is_sister_host("www.baiyin.gov.cn", site)  # the city's portal
    assert not is_sister_host("luchovivas.com", site)  # a mirror
    local = get_site("demo-trs").resolve("http://127.0.0.1:8123/")
    assert is_sister_host("localhost", local)
    assert not is_sister_host("127.0.0.1", local)


def test_allowed_sister_host_is_on_domain_for_list_routing():
    page = HOME + "zfxxgk/zfxxgknb/"
    url = "http://zwgk.baiyinqu.gov.cn/art/2024/1/2/art_1_2.html"
    title = "白银区2023年政府信息公开工作年度报告"
    assert classify_link(url, title, site=SITE, page_url=page) == "report"
    plain = get_site("gs-baiyin-baiyinqu")
    assert classify_link(url, title, site=plain, page_url=page) == "offsite"


def test_discovered_scopes_keep_unrelated_index_pages_out():
    page = HOME + "zfxxgk/zfxxgknb/"
    # a home start page's parent scope ("/") would take every index.html
    assert (
        classify_link("/xwdt/index.html", "新闻动态", site=SITE, page_url=page)
        == "list"
    )
    scoped = classify_link(
        "/xwdt/index.html", "新闻动态", site=SITE, page_url=page,
        scopes=("/zfxxgk/zfxxgknb/",),
    )  # fmt: skip
    assert scoped == "ignore"
    # another 年报 column is followed wherever it is
    other = classify_link(
        "/bm/jyj/zfxxgknb/", "政府信息公开年报", site=SITE, page_url=page, scopes=()
    )
    assert other == "list"


@pytest.mark.parametrize(
    "text",
    ["部门信息公开", "乡镇（街道）信息公开", "县直部门信息公开目录", "镇街政务公开"],
)
def test_the_platform_entries_listing_organs_sites_are_followed(text):
    assert is_platform_link(text, "/zfxxgk/bmxxgk/index.html")
    kind = classify_discovery_link(
        "/zfxxgk/bmxxgk/index.html",
        text,
        site=SITE,
        page_url=PLATFORM,
        on_platform=True,
    )
    assert kind == "platform"


def test_a_page_of_organs_reached_from_a_platform_is_discovered_from():
    html = (
        '<ul><li><a href="/bm/sjj/index.html">示范区审计局</a></li>'
        '<li><a href="/xz/dcjd/index.html">东城街道</a></li></ul>'
    )
    url = PLATFORM + "bmxxgk/index.html"
    assert page_role(html, url, site=SITE, on_platform=True) == "discovery"
    # the same page as a start page stays a column: organ links on a home page are news boxes
    assert page_role(html, url, site=SITE) == "column"
