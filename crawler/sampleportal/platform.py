"""Render the 政府信息公开 platform site (``/platform/``, built by ``sites_platform``).

Every page carries the portal's header navigation (news, notices and services linked as
``index.html``, the platform as a directory). Column pages are served at their directory and at
``index.html``, later pages at ``index_N.html`` behind a 下一页 link; unknown directories under
``/platform/`` answer with an unrelated column (news items), so a crawler that wanders into
them is caught by the ground truth, not by a 404. UTF-8 with the charset in the header.
"""

from __future__ import annotations

import re
from html import escape
from math import ceil
from typing import TYPE_CHECKING

from crawler.sampleportal.bodies import article_body, report_body
from crawler.sampleportal.response import PageResponse, html_response, not_found
from crawler.sampleportal.sites_platform import (
    DEPARTMENTS,
    HOME,
    PER_PAGE,
    PLATFORM,
    PREFIX,
    SubSite,
)

if TYPE_CHECKING:
    from crawler.sampleportal.model import Article
    from crawler.sampleportal.sites_platform import Platform, PlatformColumn

ENCODING = "utf-8"
#: The other name of this machine, standing in for a ``zwgk.`` sister host.
SISTER_HOST = "localhost"
SITE_NAME = "示范新区门户网站"
_LIST_PAGE = re.compile(r"^(?P<dir>/platform/.*/)(?:index(?:_(?P<n>\d+))?\.html)?$")
_NAV = (
    ("首页", HOME),
    ("新闻动态", "/platform/xwdt/index.html"),
    ("通知公告", "/platform/tzgg/index.html"),
    ("办事服务", "/platform/bsfw/index.html"),
    ("政府信息公开", PLATFORM),
)
_PLATFORM_NAV = (
    ("政府信息公开指南", "zfxxgkzn/"),
    ("政府信息公开制度", "zfxxgkzd/"),
    ("法定主动公开内容", "fdzdgknr/"),
    ("政府信息公开年报", "zfxxgknb/"),
    ("依申请公开", "ysqgk/"),
)


def render(platform: Platform, path: str, port: int, host: str) -> PageResponse:  # noqa: PLR0911 (one return per kind of page)
    """Answer one GET under ``/platform/``; on the sister host only what lives there.

    The sister host (``localhost``) serves the sister sub-sites' 年报 columns and their reports;
    its pages link back to the main host for everything else, as a ``zwgk.`` host does.
    """
    if host.split(":", maxsplit=1)[0] == SISTER_HOST:
        return _sister(platform, path, port)
    article = platform.pages.get(path)
    if article is not None:
        return _html(article.title, _detail(article), article=article)
    if path in (HOME, HOME + "index.html"):
        return _html(SITE_NAME, _home())
    if path in (PLATFORM, PLATFORM + "index.html"):
        return _html("政府信息公开", _platform_page(platform))
    for site in platform.subsites:
        if path in (site.page, site.page + "index.html"):
            return _html(f"{site.organ}信息公开", _subsite_page(site, port))
    match = _LIST_PAGE.match(path)
    if match is None:
        return not_found()
    column = platform.columns.get(match["dir"])
    if column is not None:
        return _column_page(column, int(match["n"] or 0))
    return _html("新闻动态", _unrelated(match["dir"]))


def _sister(platform: Platform, path: str, port: int) -> PageResponse:
    homes = tuple(s.column for s in platform.subsites if s.style == "sister")
    if not path.startswith(homes):
        return not_found()
    article = platform.pages.get(path)
    if article is not None:
        return _html(article.title, _detail(article), article=article)
    match = _LIST_PAGE.match(path)
    column = platform.columns.get(match["dir"]) if match else None
    if match is None or column is None:
        return not_found()
    return _column_page(column, int(match["n"] or 0), main=f"http://127.0.0.1:{port}")


def _html(title: str, body: str, *, article: Article | None = None) -> PageResponse:
    nav = "".join(f'<li><a href="{h}">{escape(t)}</a></li>' for t, h in _NAV)
    text = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>\n<body>\n"
        f'<div class="header"><ul class="nav">{nav}</ul></div>\n{body}\n'
        '<div class="footer">网站标识码：4403050099 主办：示范新区管理委员会</div>\n'
        "</body></html>\n"
    )
    if article is not None:
        return html_response(
            text, encoding=ENCODING, header_charset=True, modified=article.published
        )
    return html_response(text, encoding=ENCODING, header_charset=True)


def _links(items: list[tuple[str, str]]) -> str:
    return "".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>' for t, h in items)


def _home() -> str:
    """News boxes and a 部门网站 box of organ links (not the disclosure tree)."""
    news = [
        (
            f"示范新区召开第{n}次常务会议",
            f"/platform/xwdt/20240{n}/t2024010{n}_10{n}.html",
        )
        for n in range(1, 6)
    ]
    departments = [(organ, f"{PREFIX}bm/{code}/") for code, organ in DEPARTMENTS]
    return (
        f'<div class="news"><h3>要闻动态</h3><ul>{_links(news)}</ul></div>\n'
        f'<div class="depts"><h3>部门网站</h3><ul>{_links(departments)}</ul></div>'
    )


def _left_nav(base: str) -> str:
    return (
        '<ul class="left-nav">'
        + _links([(t, base + h) for t, h in _PLATFORM_NAV])
        + "</ul>"
    )


def _platform_page(platform: Platform) -> str:
    depts = [
        (s.organ, s.page)
        for s in platform.subsites
        if s.page.startswith(PREFIX + "bm/")
    ]
    towns = [
        (s.organ, s.page)
        for s in platform.subsites
        if s.page.startswith(PREFIX + "xz/")
    ]
    return (
        f"{_left_nav('./')}\n"
        f'<div class="units"><h3>部门信息公开</h3><ul>{_links(depts)}</ul>'
        f"<h3>乡镇（街道）信息公开</h3><ul>{_links(towns)}</ul></div>"
    )


def _subsite_page(site: SubSite, port: int) -> str:
    href = site.href.replace("{sister}", f"http://localhost:{port}")
    items = [
        ("信息公开指南", "./zfxxgkzn/"),
        ("法定主动公开内容", "./fdzdgknr/"),
        (site.anchor, href),
        ("依申请公开", "./ysqgk/"),
    ]
    return f'<h2>{escape(site.organ)}</h2><ul class="left-nav">{_links(items)}</ul>'


def _column_page(column: PlatformColumn, index: int, *, main: str = "") -> PageResponse:
    pages = max(1, ceil(len(column.entries) / PER_PAGE))
    if not 0 <= index < pages:
        return not_found()
    rows = "".join(
        f'<li><a href="{escape(e.href)}" title="{escape(e.article.title)}">'
        f"{escape(e.article.title)}</a><span>{e.article.published:%Y-%m-%d}</span></li>"
        for e in column.entries[index * PER_PAGE : (index + 1) * PER_PAGE]
    )
    pager = ""
    if index + 1 < pages:
        pager = f'<a href="index_{index + 1}.html">下一页</a>'
    body = (
        f"{_left_nav(main + PLATFORM)}\n<h2>{escape(column.name)}</h2>\n"
        f'<ul class="list">{rows}</ul><div class="page">{pager}</div>'
    )
    return _html(column.name, body)


def _detail(article: Article) -> str:
    body = report_body(article.report) if article.report else article_body(article)
    return (
        f"<h1>{escape(article.title)}</h1>\n"
        f'<table class="xxgk-meta"><tr><td>发布机构：</td><td>{escape(article.agency)}</td>'
        f"<td>发布日期：</td><td>{article.published:%Y-%m-%d}</td></tr></table>\n"
        f'<div class="article-content">{body}</div>'
    )


def _unrelated(directory: str) -> str:
    """An unrelated column: news items only (never a report)."""
    rows = [
        (f"示范新区工作动态（{n}）", f"{directory}202401/t2024011{n}_20{n}.html")
        for n in range(5)
    ]
    return f'<h2>工作动态</h2><ul class="list">{_links(rows)}</ul>'
