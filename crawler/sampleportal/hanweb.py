"""Render Hanweb JCMS pages (``/hanweb/``): jpage column pages, ``dataproxy.jsp``, details.

Each column is drawn in its jpage set-up (``hanweb_setups``: inline, named variable, default
proxy, datastore only, legacy, short); this module owns the pages around the list.

The column page embeds only the first group of records (perPage × groupSize) as XML inside a
``<script type="text/xml">``; the rest come from POSTing the jpage ``ajaxParam`` to
``dataproxy.jsp`` with ``startrecord``/``endrecord`` (1-based, inclusive). Hardened sites answer
a GET or a request without ``columnid`` with an empty ``<datastore/>`` and status 200.
"""

from __future__ import annotations

import datetime
import re
from html import escape
from typing import TYPE_CHECKING

from crawler.sampleportal.bodies import detail_content
from crawler.sampleportal.files import file_response
from crawler.sampleportal.hanweb_setups import PROXY_PATHS, answer, column_list

__all__ = ["PROXY_PATHS", "dataproxy", "render"]
from crawler.sampleportal.response import PageResponse, html_response, not_found

if TYPE_CHECKING:
    from crawler.sampleportal.model import Article, Column, Entry, Portal

PER_PAGE = 15
GROUP_SIZE = 3
DOWNLOAD = "/hanweb/module/download/downfile.jsp"
_COLUMN_PAGE = re.compile(r"^/hanweb/col/col(?P<id>\d+)/index\.html$")
_XML = "text/xml; charset=UTF-8"
EMPTY_DATASTORE = b'<?xml version="1.0" encoding="UTF-8"?><datastore/>'


def render(portal: Portal, path: str, query: dict[str, str], port: int) -> PageResponse:
    """Answer one GET under ``/hanweb/`` (``path`` includes the query for downfile.jsp)."""
    if path.startswith(DOWNLOAD):
        filename = query.get("filename", "file.pdf")
        served = file_response(
            portal,
            path,
            content_type="application/octet-stream",
            headers=(("Content-Disposition", f'attachment; filename="{filename}"'),),
        )
        return served if served is not None else not_found()
    if path in PROXY_PATHS:
        return PageResponse(200, EMPTY_DATASTORE, _XML)
    article = portal.pages.get(path)
    if article is not None:
        return _detail(article)
    match = _COLUMN_PAGE.match(path)
    column = portal.columns.get(f"hanweb:{match['id']}") if match else None
    if column is None:
        return not_found()
    return _column_page(portal, column, port)


def dataproxy(
    portal: Portal, query: dict[str, str], form: dict[str, str], port: int
) -> PageResponse:
    """Answer the jpage POST: records ``startrecord``…``endrecord`` of the column ``columnid``."""
    column = portal.columns.get(f"hanweb:{form.get('columnid', '')}")
    try:
        start = int(query.get("startrecord", "1"))
        end = int(query.get("endrecord", str(start + PER_PAGE * GROUP_SIZE - 1)))
    except ValueError:
        return PageResponse(200, EMPTY_DATASTORE, _XML)
    if column is None or start < 1 or end < start:
        return PageResponse(200, EMPTY_DATASTORE, _XML)
    body = answer(column, start, end, lambda entry: _record(entry, port))
    return PageResponse(200, body.encode("utf-8"), _XML)


def _record(entry: Entry, port: int) -> str:
    href = f"http://localhost:{port}{entry.href}" if entry.offsite else entry.href
    title = escape(entry.article.title)
    return (
        f'<record><![CDATA[<li><a href="{escape(href)}" title="{title}" target="_blank">{title}</a>'
        f"<span>{entry.article.published:%Y-%m-%d}</span></li>]]></record>"
    )


def _shell(title: str, body: str, metas: str = "") -> str:
    return (
        "<!DOCTYPE html>\n<html><head>\n"
        '<meta charset="utf-8">\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        f"<title>{escape(title)}</title>\n{metas}</head>\n<body>\n{body}\n</body></html>\n"
    )


def _column_page(portal: Portal, column: Column, port: int) -> PageResponse:
    children = ""
    if column.children:
        links = "".join(
            f'<li><a href="{portal.columns[k].path}">{escape(portal.columns[k].name)}</a></li>'
            for k in column.children
        )
        children = f'<ul class="sub-columns">{links}</ul>'
    listing = column_list(column, lambda entry: _record(entry, port))
    body = f'<div class="bt">{escape(column.name)}</div>\n{children}\n{listing}'
    return html_response(
        _shell(column.name, body), encoding="utf-8", header_charset=True
    )


def _detail(article: Article) -> PageResponse:
    made = datetime.datetime.combine(
        article.published, datetime.time(16, 20, 11)
    ) - datetime.timedelta(days=2)
    pairs = (
        ("SiteName", "示范县人民政府网"),
        ("ColumnName", article.column_name),
        ("ArticleTitle", article.title),
        ("PubDate", f"{article.published:%Y-%m-%d} 10:00"),
        ("ContentSource", article.agency),
        ("Maketime", f"{made:%Y-%m-%d %H:%M:%S}"),
    )
    metas = "".join(
        f'<meta name="{name}" content="{escape(value)}">\n' for name, value in pairs
    )
    content = detail_content(article)
    links = "".join(
        f'<p><a href="{escape(a.path)}" target="_blank">{escape(a.name)}</a></p>'
        for a in article.attachments
    )
    body = (
        f'<div class="title">{escape(article.title)}</div>\n'
        f'<div class="info">发布日期：{article.published:%Y-%m-%d} 信息来源：{escape(article.agency)}</div>\n'
        f'<div id="zoom"><meta name="ContentStart">{content}{links}<meta name="ContentEnd"></div>'
    )
    return html_response(
        _shell(article.title, body, metas),
        encoding="utf-8",
        header_charset=True,
        modified=article.published,
    )
