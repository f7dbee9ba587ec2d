"""Render the gkmlpt-like JSON platform (``/gd/``): HTML shell, list API, details, attachments.

The shell carries only the category tree in ``window._CONFIG``; lists come from
``/gd/gkmlpt/api/all/<category>?page=N&sid=…`` as JSON with absolute ``url`` fields (built from
the request's host, as the platform does). Without ``sid`` the API answers 200 with an error
object, like the real session gate.
"""

from __future__ import annotations

import calendar
import json
import re
from html import escape
from typing import TYPE_CHECKING

from crawler.sampleportal.bodies import detail_content
from crawler.sampleportal.files import attachment_bytes, file_response
from crawler.sampleportal.response import PageResponse, html_response, not_found
from crawler.sampleportal.sites_gkmlpt import CATEGORIES, PER_PAGE, SID

if TYPE_CHECKING:
    import datetime

    from crawler.sampleportal.model import Article, Portal

_API = re.compile(r"^/gd/gkmlpt/api/all/(?P<cid>\d+)$")
_JSON = "application/json; charset=UTF-8"
#: Beijing time: the platform's timestamps are midnight in UTC+8.
_UTC8 = 8 * 3600


def render(portal: Portal, path: str, query: dict[str, str], host: str) -> PageResponse:
    """Answer one GET under ``/gd/``; ``host`` is ``127.0.0.1:PORT`` from the request."""
    if path == "/gd/gkmlpt/index":
        return _shell(portal)
    match = _API.match(path)
    if match:
        return _api(portal, int(match["cid"]), query, host)
    served = file_response(portal, path)
    if served is not None:
        return served
    article = portal.pages.get(path)
    if article is not None:
        return _detail(article)
    return not_found()


def timestamp(day: datetime.date) -> int:
    """Unix time of midnight Beijing time on ``day`` (what the API's ``date`` holds)."""
    return calendar.timegm(day.timetuple()) - _UTC8


def _shell(portal: Portal) -> PageResponse:
    tree = [
        {
            "id": cid,
            "name": name,
            "post_count": len(portal.columns[f"gkmlpt:{cid}"].entries),
            "children": [],
        }
        for cid, name in CATEGORIES.items()
    ]
    config = json.dumps({"SID": SID, "TREE": tree}, ensure_ascii=False)
    text = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>政府信息公开目录</title></head>\n<body>\n'
        '<div id="app"></div>\n'
        f"<script>window._CONFIG = {config};</script>\n"
        '<script src="/gd/gkmlpt/static/app.js"></script>\n</body></html>\n'
    )
    return html_response(text, encoding="utf-8", header_charset=True)


def _api(portal: Portal, cid: int, query: dict[str, str], host: str) -> PageResponse:
    if query.get("sid") != SID:
        return _json({"error": "非法请求 404！"})
    column = portal.columns.get(f"gkmlpt:{cid}")
    if column is None:
        return _json({"error": "非法请求 404！"})
    page = int(query["page"]) if query.get("page", "").isdigit() else 1
    total = len(column.entries)
    chunk = column.entries[(page - 1) * PER_PAGE : page * PER_PAGE] if page >= 1 else ()
    articles = [
        {
            "id": e.article.docid,
            "title": e.article.title,
            "date": timestamp(e.article.published),
            "url": f"http://{host}{e.href}",
            "attachment": [
                {
                    "name": a.name,
                    "url": f"http://{host}{a.path}",
                    "size": str(len(attachment_bytes(a, e.article.report))),
                }
                for a in e.article.attachments
            ],
        }
        for e in chunk
    ]
    return _json(
        {"articles": articles, "classify": {"post_count": total}, "total": total}
    )


def _json(obj: object) -> PageResponse:
    return PageResponse(200, json.dumps(obj, ensure_ascii=False).encode("utf-8"), _JSON)


def _detail(article: Article) -> PageResponse:
    content = detail_content(article)
    links = "".join(
        f'<p><a href="{escape(a.path)}">{escape(a.name)}</a></p>'
        for a in article.attachments
    )
    text = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n'
        f"<title>{escape(article.title)}</title>\n"
        f'<meta name="ArticleTitle" content="{escape(article.title)}">\n'
        f'<meta name="PubDate" content="{article.published:%Y-%m-%d}">\n'
        f'<meta name="ContentSource" content="{escape(article.agency)}">\n'
        "</head>\n<body>\n"
        f'<div class="article-title">{escape(article.title)}</div>\n'
        f'<div class="article-content">{content}{links}</div>\n</body></html>\n'
    )
    return html_response(
        text, encoding="utf-8", header_charset=True, modified=article.published
    )
