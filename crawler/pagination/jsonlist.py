"""Column lists a page's script loads from a JSON API (portals.md §1.4, §1.5, §3.7).

Besides the three families, many CMSs (Kaipuyun-built platforms, Wuxi's district API, home-made
ones) draw a column page with an empty list container and fill it from a JSON call: the API is
named in a ``data-url`` attribute of the container or in the script
(``$.getJSON("/api/list?columnId=72&page=1", …)``, ``$.ajax({url: "…", type: "get"})``,
``fetch("…")``). ``find_list_apis`` names the GET calls a browser would make; a call that
POSTs form data is only reported (``post_calls``): the crawler does not invent the form.
``parse_json_list`` reads an answer whatever its shape: the longest array of objects that each
carry a title and a URL, wherever it is nested, and the total the answer claims
(``total``, ``totalElements``, ``totalCount``, ``recordCount``, or ``totalPages`` × the page's
size), so a crawl can say how much of the list it did not read; ``page_url`` asks a call for its
later pages. No I/O, no Scrapy.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

#: ``data-url="…"`` (also ``data-api``, ``data-list-url``, ``data-source``) on an element.
_DATA_URL = re.compile(
    r"""\bdata-(?:url|api|list-?url|source|href)\s*=\s*(['"])(?P<url>[^'"]+)\1""",
    re.IGNORECASE,
)
#: ``$.getJSON("…"``, ``$.get("…"``, ``fetch("…"``, ``axios.get("…"``.
_GET_CALL = re.compile(
    r"""(?:\$|jQuery)\.(?:getJSON|get)\(\s*(['"])(?P<url>[^'"]+)\1"""
    r"""|\bfetch\(\s*(['"])(?P<f>[^'"]+)\3|axios\.get\(\s*(['"])(?P<x>[^'"]+)\5""",
)
#: ``$.ajax({ … url: "…" … })``: the call's text to its closing brace (one level of nested
#: braces: ``data: {…}``, ``success: function (d) {…}``).
_AJAX = re.compile(r"""\$\.ajax\(\s*\{(?P<body>(?:[^{}]|\{[^{}]*\})*)\}""", re.DOTALL)
_AJAX_URL = re.compile(r"""\burl\s*:\s*(['"])(?P<url>[^'"]+)\1""")
_POSTS = re.compile(r"""\b(?:type|method)\s*:\s*['"]post['"]""", re.IGNORECASE)
_POST_CALL = re.compile(r"""(?:\$|jQuery)\.post\(\s*(['"])(?P<url>[^'"]+)\1""")
#: Files a page loads that are not list answers.
_ASSET = frozenset(
    {".js", ".css", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".woff", ".ttf"}
)
_TITLE_KEYS = ("title", "doctitle", "name", "biaoti", "articletitle", "subject")
_URL_KEYS = ("url", "link", "href", "docurl", "path", "linkurl", "pageurl", "fileurl")
_TOTAL_KEYS = ("total", "totalelements", "totalcount", "recordcount", "totalrecord")
_PAGES_KEYS = ("totalpages", "pagecount", "totalpage", "pages")


@dataclass(frozen=True, slots=True)
class JsonList:
    """One API answer: its rows as (URL, title) and the total it claims (None: unsaid)."""

    rows: tuple[tuple[str, str], ...]
    total: int | None


def _is_api(url: str) -> bool:
    url = url.strip()
    if not url or url.startswith(("#", "javascript:", "{{", "${")):
        return False
    return posixpath.splitext(urlsplit(url).path.lower())[1] not in _ASSET


def find_list_apis(html: str, page_url: str) -> list[str]:
    """Absolute URLs of the GET calls a page's script or list container names, in page order."""
    found: list[str] = [m["url"] for m in _DATA_URL.finditer(html)]
    found += [m["url"] or m["f"] or m["x"] for m in _GET_CALL.finditer(html)]
    for call in _AJAX.finditer(html):
        target = _AJAX_URL.search(call["body"])
        if target is not None and not _POSTS.search(call["body"]):
            found.append(target["url"])
    urls: list[str] = []
    for url in found:
        absolute = urljoin(page_url, url.strip().replace("&amp;", "&"))
        if _is_api(url) and absolute not in urls:
            urls.append(absolute)
    return urls


def post_calls(html: str, page_url: str) -> list[str]:
    """Absolute URLs of the calls a page's script POSTs to (a list the crawler cannot ask for)."""
    found = [m["url"] for m in _POST_CALL.finditer(html)]
    for call in _AJAX.finditer(html):
        target = _AJAX_URL.search(call["body"])
        if target is not None and _POSTS.search(call["body"]):
            found.append(target["url"])
    return [urljoin(page_url, u) for u in found if _is_api(u)]


def _field(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for key in keys:
        value = lowered.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _rows(array: list[Any]) -> list[tuple[str, str]]:
    rows = []
    for item in array:
        if not isinstance(item, dict):
            return []
        url, title = _field(item, _URL_KEYS), _field(item, _TITLE_KEYS)
        if url is None or title is None:
            return []
        rows.append((url, re.sub(r"<[^>]+>", "", title)))
    return rows


def _walk(node: Any) -> list[Any]:
    """Every array and object inside an answer, the answer first."""
    found = [node]
    children = node.values() if isinstance(node, dict) else node
    if isinstance(node, dict | list):
        for child in children:
            if isinstance(child, dict | list):
                found += _walk(child)
    return found


def _number(node: dict[str, Any], keys: tuple[str, ...]) -> int | None:
    lowered = {str(k).lower(): v for k, v in node.items()}
    for key in keys:
        value = lowered.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.isdigit():
            return int(value)
    return None


def parse_json_list(text: str) -> JsonList | None:
    """The rows and claimed total of an API answer, or None when it holds no list of rows."""
    try:
        answer = json.loads(text)
    except ValueError:
        return None
    nodes = _walk(answer)
    best: list[tuple[str, str]] = []
    for node in nodes:
        if isinstance(node, list) and node:
            rows = _rows(node)
            if len(rows) > len(best):
                best = rows
    if not best:
        return None
    total = None
    for node in nodes:
        if isinstance(node, dict):
            total = _number(node, _TOTAL_KEYS)
            pages = _number(node, _PAGES_KEYS)
            if total is None and pages is not None:
                total = pages * len(best) if pages > 1 else len(best)
            if total is not None:
                break
    return JsonList(tuple(best), total)


#: Query parameters an API reads its page number from (1-based in every API seen).
_PAGE_PARAM = re.compile(
    r"^(?:page|pageno|pageindex|pagenum|curpage|cur_page|p)$", re.IGNORECASE
)


def page_url(url: str, number: int) -> str | None:
    """``url`` asking for page ``number`` instead of page 1, or None when it names no page.

    Only a call that asks for page 1 by one of the known parameters can be paged: another
    number, or two such parameters, leave which one counts unknown.
    """
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    names = [k for k, v in query if _PAGE_PARAM.match(k) and v == "1"]
    if len(names) != 1:
        return None
    query = [(k, str(number) if k == names[0] else v) for k, v in query]
    return urlunsplit(parts._replace(query=urlencode(query)))
