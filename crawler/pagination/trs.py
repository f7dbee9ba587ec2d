"""TRS WCM list pagination: the page URLs that only exist inside an inline script.

TRS columns are static files ``index.html``, ``index_1.html`` … whose links are written by
JavaScript (portals.md §1.1 "Pagination"). Three spellings are decoded, each with its own
numbering, and the decoder never guesses between them:

* ``createPageHTML(COUNT, CURRENT, "index", "html")`` — old helper, CURRENT 0-based; page k > 0
  is ``index_k.html``.
* ``createPageHTML('page_div', COUNT, CURRENT, 'index', 'shtml', RECORDS)`` — newer helper,
  CURRENT 1-based; page k ≥ 2 is ``index_k.shtml`` and there is no ``index_1`` (Wuxi, Shanxi).
* ``var countPage = N//共多少页`` — the expanded classic pager, 0-based like the old helper; the
  base name and extension are those of the page itself.

Either helper may be called with variables instead of numbers
(``var countPage = 3; createPageHTML(countPage, currentPage, "index", "html");``): a name is
read from its ``var NAME = N`` declaration on the same page, and a call whose count names no
declared number (the helper's own ``function createPageHTML(_nPageCount, …)`` definition) is
skipped, never taken for a pager.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

TrsScheme = Literal["old-helper", "new-helper", "count-page"]

_ARG = r"""\s*['"]?([\w.-]*)['"]?\s*"""
#: A number, or the name of a variable holding one (``countPage``, ``currentPage``).
_NUM = r"\s*(\d+|[A-Za-z_$][\w$]*)\s*"
_OLD = re.compile(
    r"createPageHTML\(" + _NUM + "," + _NUM + "," + _ARG + "," + _ARG + r"\)"
)
_NEW = re.compile(
    r"createPageHTML\(\s*['\"]([\w-]+)['\"]\s*,"
    + _NUM
    + ","
    + _NUM
    + ","
    + _ARG
    + ","
    + _ARG
    + ","
    + _NUM
    + r"\)"
)
_COUNT = re.compile(r"var\s+countPage\s*=\s*(\d+)\s*;?\s*//\s*共多少页")
_CURRENT = re.compile(r"var\s+currentPage\s*=\s*(\d+)")


@dataclass(frozen=True, slots=True)
class TrsPagination:
    """A decoded TRS pager: the scheme, the page count, and every page's absolute URL."""

    scheme: TrsScheme
    count: int
    current: int
    page_urls: tuple[str, ...]


def decode_trs_pagination(
    html: str, page_url: str, *, max_pages: int | None = None
) -> TrsPagination | None:
    """Decode the TRS pager of a list page, or None when the page has none.

    ``page_urls`` lists page 1 … COUNT (the first is the column's ``index`` page), cut to
    ``max_pages`` when given. The 6-argument helper is tried first because the 4-argument
    pattern cannot match it (its first argument is a quoted element id).
    """
    found = _call(_NEW, html, count_group=2)
    if found is not None:
        new, count = found
        current = _value(new[3], html) or 0
        base, ext = new[4] or "index", new[5] or "shtml"
        names = [f"{base}.{ext}"] + [f"{base}_{k}.{ext}" for k in range(2, count + 1)]
        return _result(
            "new-helper",
            count=count,
            current=current,
            names=names,
            page_url=page_url,
            max_pages=max_pages,
        )
    found = _call(_OLD, html, count_group=1)
    if found is not None:
        old, count = found
        current = _value(old[2], html) or 0
        base, ext = old[3] or "index", old[4] or "html"
        names = [f"{base}.{ext}"] + [f"{base}_{k}.{ext}" for k in range(1, count)]
        return _result(
            "old-helper",
            count=count,
            current=current,
            names=names,
            page_url=page_url,
            max_pages=max_pages,
        )
    counted = _COUNT.search(html)
    if counted is not None:
        count = int(counted[1])
        current_match = _CURRENT.search(html)
        current = int(current_match[1]) if current_match else 0
        name = posixpath.basename(urlsplit(page_url).path) or "index.html"
        stem, ext = posixpath.splitext(name)
        base = re.sub(r"_\d+$", "", stem)
        names = [f"{base}{ext}"] + [f"{base}_{k}{ext}" for k in range(1, count)]
        return _result(
            "count-page",
            count=count,
            current=current,
            names=names,
            page_url=page_url,
            max_pages=max_pages,
        )
    return None


def _call(
    pattern: re.Pattern[str], html: str, *, count_group: int
) -> tuple[re.Match[str], int] | None:
    """The first helper call whose page count is a number or a declared numeric variable."""
    for match in pattern.finditer(html):
        count = _value(match[count_group], html)
        if count is not None:
            return match, count
    return None


def _value(token: str, html: str) -> int | None:
    """A call argument's number: a literal, or ``var NAME = N`` declared on the page."""
    if token.isdigit():
        return int(token)
    declared = re.search(r"\bvar\s+" + re.escape(token) + r"\s*=\s*['\"]?(\d+)", html)
    return int(declared[1]) if declared else None


def _result(
    scheme: TrsScheme,
    *,
    count: int,
    current: int,
    names: list[str],
    page_url: str,
    max_pages: int | None,
) -> TrsPagination:
    if max_pages is not None:
        names = names[:max_pages]
    return TrsPagination(
        scheme=scheme,
        count=count,
        current=current,
        page_urls=tuple(urljoin(page_url, name) for name in names),
    )
