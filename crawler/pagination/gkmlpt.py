"""Guangdong gkmlpt lists: the ``window._CONFIG`` category tree and the JSON API pages.

The list of a gkmlpt column is not in the HTML: ``/gkmlpt/index`` carries
``window._CONFIG = {SID, TREE: [{id, name, post_count, children}]}`` and the rows come from
``GET /gkmlpt/api/all/<cat>?page=N&sid=<SID>`` as JSON ``{articles: [...], total}``; without the
SID the API answers 200 with ``{"error": "非法请求 404！"}`` (portals.md §1.3, §3.2 "Session gates").
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urljoin

_CONFIG = re.compile(
    r"window\._CONFIG\s*=\s*(\{.*?\})\s*;\s*(?:</script>|$)", re.DOTALL
)


class GkmlptDecodeError(ValueError):
    """A ``_CONFIG`` or API answer that cannot be read; the message says which part."""


@dataclass(frozen=True, slots=True)
class Category:
    """A leaf of the category tree: one column of the platform."""

    id: int
    name: str
    post_count: int


@dataclass(frozen=True, slots=True)
class GkmlptConfig:
    """The platform's SID, its API categories, and the leaves that link elsewhere.

    ``jumps`` are (URL, name) of ``jump_url`` leaves: the platform shows that column's rows
    from another page (often the portal's own 年报 column), never from its API.
    """

    sid: str
    categories: tuple[Category, ...]
    jumps: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    title: str
    url: str
    attachments: tuple[Attachment, ...]


@dataclass(frozen=True, slots=True)
class ApiPage:
    """One API page: its articles and the total the API claims (may be below post_count)."""

    articles: tuple[Article, ...]
    total: int | None


def decode_config(html: str) -> GkmlptConfig | None:
    """The SID and the leaf categories of ``window._CONFIG``, or None if the page has none."""
    match = _CONFIG.search(html)
    if match is None:
        return None
    try:
        data = json.loads(match[1])
    except json.JSONDecodeError as exc:
        msg = f"window._CONFIG is not a JSON object literal: {exc}"
        raise GkmlptDecodeError(msg) from exc
    if not isinstance(data, dict) or not isinstance(data.get("SID"), str | int):
        msg = "window._CONFIG has no SID"
        raise GkmlptDecodeError(msg)
    tree = data.get("TREE")
    return GkmlptConfig(
        sid=str(data["SID"]),
        categories=tuple(_leaves(tree)),
        jumps=tuple(_jumps(tree)),
    )


def api_page_url(base_url: str, category_id: int, page: int, sid: str) -> str:
    """``…/gkmlpt/api/all/<cat>?page=<page>&sid=<sid>`` relative to the platform's index page."""
    query = urlencode({"page": page, "sid": sid})
    return urljoin(base_url, f"api/all/{category_id}?{query}")


def parse_api_page(text: str) -> ApiPage:
    """The articles of one API answer.

    Raises ``GkmlptDecodeError`` for the session-gate error object (``{"error": "非法请求 404！"}``) and for anything that is not the expected JSON.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"API answer is not JSON: {exc}"
        raise GkmlptDecodeError(msg) from exc
    if not isinstance(data, dict):
        msg = "API answer is not a JSON object"
        raise GkmlptDecodeError(msg)
    if "error" in data:
        msg = f"API refused the request: {data['error']}"
        raise GkmlptDecodeError(msg)
    rows = data.get("articles")
    if not isinstance(rows, list):
        msg = "API answer has no articles list"
        raise GkmlptDecodeError(msg)
    articles = tuple(a for a in (_article(row) for row in rows) if a is not None)
    total = data.get("total")
    return ApiPage(articles=articles, total=total if isinstance(total, int) else None)


def next_api_pages(
    page: ApiPage, page_number: int, *, max_pages: int
) -> tuple[list[int], bool]:
    """The API page numbers to request after ``page_number``, and whether ``max_pages`` cut them.

    With a ``total``, page 1 asks for every other page at once (its row count is the page size:
    20 on the sample portal, 100 on real platforms, portals.md §1.3), so the pages need not be
    chained one by one. Without a total the API is read one page at a time until an empty page.
    """
    if not page.articles:
        return [], False
    if page.total is not None:
        if page_number != 1:
            return [], False
        last = math.ceil(page.total / len(page.articles))
        wanted = list(range(2, last + 1))
    else:
        wanted = [page_number + 1]
    allowed = [n for n in wanted if n <= max_pages]
    return allowed, len(allowed) < len(wanted)


def missing_rows(page: ApiPage, page_number: int, page_size: int | None) -> int:
    """How many rows the API's ``total`` promised on this page that it did not send.

    ``page_size`` is page 1's row count (None when reading page 1 itself, whose size it sets):
    a platform whose ``total`` counts posts its pages no longer list leaves rows unreachable,
    and that must be said, as for Hanweb's ``totalRecord``.
    """
    if page.total is None:
        return 0
    if page_size is None:
        return page.total if page.total > 0 and not page.articles else 0
    expected = min(page_size, page.total - (page_number - 1) * page_size)
    return max(0, expected - len(page.articles))


def _leaves(tree: Any) -> list[Category]:
    found: list[Category] = []
    if not isinstance(tree, list):
        return found
    for node in tree:
        if not isinstance(node, dict) or not isinstance(node.get("id"), int):
            continue
        children = node.get("children") or []
        if children:
            found.extend(_leaves(children))
        elif not node.get(
            "jump_url"
        ):  # jump_url leaves link elsewhere (portals.md §1.3)
            count = node.get("post_count")
            found.append(
                Category(
                    node["id"],
                    str(node.get("name", "")),
                    count if isinstance(count, int) else 0,
                )
            )
    return found


def _jumps(tree: Any) -> list[tuple[str, str]]:
    """(jump_url, name) of every leaf that links elsewhere, in tree order."""
    found: list[tuple[str, str]] = []
    for node in tree if isinstance(tree, list) else []:
        if not isinstance(node, dict):
            continue
        children = node.get("children") or []
        if children:
            found.extend(_jumps(children))
        elif isinstance(node.get("jump_url"), str) and node["jump_url"].strip():
            found.append((node["jump_url"].strip(), str(node.get("name", ""))))
    return found


def _article(row: Any) -> Article | None:
    if not isinstance(row, dict) or not isinstance(row.get("url"), str):
        return None
    attachments = tuple(
        Attachment(str(a.get("name", "")), a["url"])
        for a in row.get("attachment") or []
        if isinstance(a, dict) and isinstance(a.get("url"), str)
    )
    return Article(
        id=row["id"] if isinstance(row.get("id"), int) else 0,
        title=str(row.get("title", "")),
        url=row["url"],
        attachments=attachments,
    )
