"""Render TRS WCM pages (``/trs/``): GBK column lists, detail pages, attachments, the trap.

Quirks reproduced from real TRS district sites (``../shared/reference/portals.md``): the charset
is only in ``<meta>``; page links exist only as a ``createPageHTML(...)`` script call (0-based
``index_N.html``, or the newer 1-based ``.shtml`` helper with no ``index_1.shtml``); the
national meta set and the 索引号/发布机构/发布日期 block in the label variants real sites print
(信息索引号, 索　引　号, 文件编号/发文字号/文号, 生成日期/公开日期, values inside template
comments, the ``—  —`` placeholder); attachments beside the article, or only
inside the ``file_appendix`` script.
"""

from __future__ import annotations

import random
import re
from html import escape
from math import ceil
from typing import TYPE_CHECKING

from crawler.sampleportal.bodies import article_body, malformed_body, report_body
from crawler.sampleportal.files import file_response
from crawler.sampleportal.reportgen import generate_numbers, render_html
from crawler.sampleportal.response import PageResponse, html_response, not_found

if TYPE_CHECKING:
    from crawler.sampleportal.model import Article, Column, Portal

PER_PAGE = 15
TITLE_CHARS = 24
ENCODING = "gbk"
SITE_NAME = "示范区人民政府"
_LIST_PAGE = re.compile(r"^(?P<dir>/trs/.+/)index(?:_(?P<n>\d+))?\.(?P<ext>s?html)$")
_TRAP_MAX = 10**6
#: Bytes that are not HTML at all (a PDF saved under a .html name by the CMS).
NON_HTML = b"\x00\x01\x02\x03%PDF-1.4\n\xff\xfe\xfd binary \x00" * 64


def render(portal: Portal, path: str, query: dict[str, str], port: int) -> PageResponse:
    """Answer one GET under ``/trs/``."""
    served = file_response(portal, path)
    if served is not None:
        return served
    article = portal.pages.get(path)
    if article is not None:
        return _detail(article)
    if path == portal.special.trap_prefix:
        return _trap(portal, query.get("page", ""))
    if path.endswith("/") and (column := _column_by_dir(portal, path)) is not None:
        # a column linked as a directory: the server answers its index document
        ext = "shtml" if column.path.endswith(".shtml") else "html"
        return _list_page(portal, column, None, ext, port)
    match = _LIST_PAGE.match(path)
    if match:
        column = _column_by_dir(portal, match["dir"])
        if column is not None:
            return _list_page(portal, column, match["n"], match["ext"], port)
    return not_found()


def _column_by_dir(portal: Portal, directory: str) -> Column | None:
    for column in portal.columns.values():
        if (
            column.site_id == "demo-trs"
            and column.path.rsplit("/", 1)[0] + "/" == directory
        ):
            return column
    return None


def _page(title: str, body: str, metas: str = "") -> str:
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        "<html><head>\n"
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
        f"<title>{escape(title)}</title>\n{metas}</head>\n<body>\n"
        f'<div class="header"><a href="/trs/zfxxgk/zfxxgknb/index.html">政府信息公开</a></div>\n'
        f"{body}\n</body></html>\n"
    )


def _list_page(
    portal: Portal, column: Column, number: str | None, ext: str, port: int
) -> PageResponse:
    shtml = ext == "shtml"
    if shtml != column.path.endswith(".shtml"):
        return not_found()
    pages = max(1, ceil(len(column.entries) / PER_PAGE))
    # 0-based helper: index.html, index_1.html …; 1-based helper: index.shtml, index_2.shtml …
    index = 0 if number is None else int(number) - (1 if shtml else 0)
    if (number is not None and shtml and int(number) < 2) or not 0 <= index < pages:  # noqa: PLR2004
        return not_found()
    rows = []
    for entry in column.entries[index * PER_PAGE : (index + 1) * PER_PAGE]:
        title = entry.article.title
        short = title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS] + "…"
        href = f"http://localhost:{port}{entry.href}" if entry.offsite else entry.href
        rows.append(
            f'<li><a href="{escape(href)}" title="{escape(title)}" target="_blank">{escape(short)}</a>'
            f"<span>{entry.article.published:%Y-%m-%d}</span></li>"
        )
    parts = [f'<div class="column-title">{escape(column.name)}</div>']
    if column.children:
        base = column.path.rsplit("/", 1)[0] + "/"
        links: list[str] = []
        for key in column.children:
            child = portal.columns[key]
            href = _relative(base, child.path)
            if href.startswith("./") and portal.seed % 2 == len(links) % 2:
                href = (
                    href.rsplit("/", 1)[0] + "/"
                )  # linked as a directory (``./xzjd/jd01/``)
            label = "部门年报" if child.path.endswith(".shtml") else child.name
            links.append(f'<li><a href="{href}">{escape(label)}</a></li>')
        if (
            portal.safety is not None
        ):  # the flood of links (``hostile.py``), as a directory
            flood = portal.safety.flood_column.rsplit("/", 1)[0] + "/"
            links.append(f'<li><a href="{_relative(base, flood)}">年报汇总</a></li>')
        parts.append('<ul class="sub-columns">' + "".join(links) + "</ul>")
        parts.append('<div class="calendar"><a href="rl?page=1">日历</a></div>')
    parts.append('<ul class="list">\n' + "\n".join(rows) + "\n</ul>")
    if shtml:
        call = f"createPageHTML('page_div', {pages}, {index + 1}, 'index', 'shtml', {len(column.entries)});"
        parts.append(f'<div id="page_div"></div><script>{call}</script>')
    else:
        parts.append(
            f'<div class="page"><script>createPageHTML({pages}, {index}, "index", "html");</script></div>'
        )
    return html_response(
        _page(column.name, "\n".join(parts)), encoding=ENCODING, header_charset=False
    )


def _relative(base: str, path: str) -> str:
    """``./xzjd/jd01/index.html`` for a child directory, ``../bmnb/index.shtml`` for a sibling."""
    if path.startswith(base):
        return "./" + path.removeprefix(base)
    parent = base.rstrip("/").rsplit("/", 1)[0] + "/"
    return "../" + path.removeprefix(parent)


def _metas(article: Article) -> str:
    pairs = (
        ("SiteName", SITE_NAME),
        ("ColumnName", article.column_name),
        ("ArticleTitle", article.title),
        ("PubDate", f"{article.published:%Y-%m-%d} 09:30"),
        ("ContentSource", article.agency),
    )
    return "".join(
        f'<meta name="{name}" content="{escape(value)}">\n' for name, value in pairs
    )


def _detail(article: Article) -> PageResponse:
    if article.role == "non_html":
        return PageResponse(200, NON_HTML, "text/html", article.published)
    if article.role == "soft404":
        # The CMS answers 200 with its error template (页面不存在), not a 404.
        text = _page(
            "页面不存在",
            '<div class="error"><h2>对不起，您访问的页面不存在或已被删除！</h2></div>',
        )
        return html_response(text, encoding=ENCODING, header_charset=False)
    meta_block = _meta_block(article)
    appendix = ""
    if article.role == "malformed":
        numbers = generate_numbers(random.Random(article.docid), "2021")
        body = malformed_body(
            article, render_html(article.title, article.agency, 2024, numbers)
        )
        text = _page(
            article.title,
            f'<h1>{escape(article.title)}</h1>{meta_block}<div class="TRS_Editor">{body}',
            _metas(article),
        )
        return html_response(
            text.removesuffix("\n</body></html>\n"),
            encoding=ENCODING,
            header_charset=False,
        )
    if article.report is not None and article.inline_attachment:
        body = ""
    elif article.report is not None:
        body = report_body(article.report)
    else:
        body = article_body(article)
    for attachment in article.attachments:
        href = "./" + attachment.path.rsplit("/", 1)[1]
        link = f'<a href="{href}">附件：{escape(attachment.name)}</a>'
        if article.inline_attachment:
            appendix += (
                f"<script>var file_appendix='{link}';"
                'if(file_appendix!=""){document.write(file_appendix);}</script>'
            )
        else:
            appendix += f'<p class="appendix">{link}</p>'
    text = _page(
        article.title,
        f'<h1>{escape(article.title)}</h1>\n{meta_block}\n<div class="TRS_Editor">{body}</div>\n{appendix}',
        _metas(article),
    )
    return html_response(
        text, encoding=ENCODING, header_charset=False, modified=article.published
    )


#: Label sets of the 信息公开 block as real sites print them: (索引号, 文号, 日期) labels, whether
#: values sit inside template comments, and whether the 文号 is the ``—  —`` placeholder.
_META_LABELS = (
    ("索引号", "文号", "发布日期", False, True),
    ("信息索引号", "文件编号", "生成日期", True, False),
    ("索\u3000引\u3000号", "发文字号", "公开日期", False, True),
    ("索 引 号", "文\u3000\u3000号", "发布日期", True, False),
)


def _meta_block(article: Article) -> str:
    """The 信息公开 table above a detail page, in one of the label variants (by docid)."""
    index_label, number_label, date_label, commented, placeholder = _META_LABELS[
        article.docid % len(_META_LABELS)
    ]

    def cell(name: str, value: str) -> str:
        if commented:  # the CMS leaves its template markers around every value
            return f"<!--<$[{name}]>begin-->{value}<!--<$[{name}]>end-->"
        return value

    index_no = (
        f"11440300MB2C{article.docid % 1000:03d}/{article.published:%Y}-{article.docid}"
    )
    number = (
        "—  —"
        if placeholder
        else f"示区办发〔{article.published:%Y}〕{article.docid % 97 + 1}号"
    )
    return (
        '<table class="xxgk-meta">'
        f"<tr><td>{index_label}：</td><td>{cell('索引号', index_no)}</td>"
        f"<td>发布机构：</td><td>{cell('发布机构', escape(article.agency))}</td></tr>"
        f"<tr><td>{number_label}：</td><td>{cell('文号', number)}</td>"
        f"<td>{date_label}：</td><td>{cell('日期', f'{article.published:%Y-%m-%d}')}</td></tr>"
        "<tr><td>主题分类：</td><td>政府信息公开年报</td></tr>"
        "</table>"
    )


def _trap(portal: Portal, page: str) -> PageResponse:
    """``rl?page=N``: a calendar that always has a next page (and only non-report items)."""
    if not page.isdigit() or not 1 <= int(page) <= _TRAP_MAX:
        return not_found()
    n = int(page)
    district = portal.columns["trs:zfxxgknb"]
    items = [e for e in district.entries if e.article.role == "article"][:5]
    rows = "".join(
        f'<li><a href="{e.href}">{e.article.published:%Y-%m-%d} 值班安排：{escape(e.article.title)}</a></li>'
        for e in items
    )
    body = f'<div class="calendar">第{n}页</div><ul class="list">{rows}</ul><a href="rl?page={n + 1}">下一页</a>'
    return html_response(_page("日历", body), encoding=ENCODING, header_charset=False)
