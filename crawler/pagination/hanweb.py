"""Hanweb JCMS ``jpage`` lists: the embedded first group and the ``dataproxy.jsp`` requests.

A Hanweb column page embeds its first group of records as XML inside
``<script type="text/xml"><datastore>…</datastore></script>`` and starts
``$('#U…').jpage({proxyUrl, perPage, totalRecord, groupSize, ajaxParam: {…}})``; the other
groups come from ``POST dataproxy.jsp?startrecord=&endrecord=&perpage=`` with the ``ajaxParam``
as form fields, answered by XML whose ``<record>`` CDATA each hold one ``<li><a …>`` row
(portals.md §1.2 "Pagination (jpage)"). Everything here is pure: it reads text and returns
request descriptions; the spider turns them into ``FormRequest``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin

_JPAGE = re.compile(r"\.jpage\(\s*\{(?P<body>.*?)\}\s*\)\s*;", re.DOTALL)
_NUMBER_OPTION = r"\b{name}\s*:\s*['\"]?(\d+)"
_PROXY = re.compile(r"\bproxyUrl\s*:\s*['\"]([^'\"]+)['\"]")
_AJAX = re.compile(r"\bajaxParam\s*:\s*\{(?P<body>[^}]*)\}", re.DOTALL)
_PAIR = re.compile(r"""(\w+)\s*:\s*(?:'([^']*)'|"([^"]*)"|([^,\s}]+))""")
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(?P<html>.*?)\]\]>\s*</record>", re.DOTALL)
_TOTAL = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>")
_DATASTORE = re.compile(r"<datastore\b[^>]*>.*?</datastore>|<datastore\s*/>", re.DOTALL)


class HanwebDecodeError(ValueError):
    """A jpage init or a dataproxy answer that cannot be read (the list is then incomplete)."""


@dataclass(frozen=True, slots=True)
class JpageConfig:
    """The options of one ``jpage`` call that decide which groups exist and how to ask for them."""

    proxy_url: str
    per_page: int
    total_record: int
    group_size: int
    ajax_params: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class DataproxyRequest:
    """One ``POST dataproxy.jsp?startrecord=…`` request (records are 1-based, inclusive)."""

    url: str
    formdata: tuple[tuple[str, str], ...]
    start_record: int
    end_record: int


def decode_jpage(html: str) -> JpageConfig | None:
    """The first ``jpage({...})`` initialisation of a column page, or None if there is none.

    Raises ``HanwebDecodeError`` when the call is there but lacks ``proxyUrl`` or ``perPage``.
    """
    match = _JPAGE.search(html)
    if match is None:
        return None
    body = match["body"]
    proxy = _PROXY.search(body)
    per_page = _number(body, "perPage")
    if proxy is None or per_page is None or per_page <= 0:
        msg = "jpage call without proxyUrl or a positive perPage"
        raise HanwebDecodeError(msg)
    ajax = _AJAX.search(body)
    pairs = (
        tuple(
            (m[1], next(g for g in m.groups()[1:] if g is not None))
            for m in _PAIR.finditer(ajax["body"])
        )
        if ajax
        else ()
    )
    return JpageConfig(
        proxy_url=proxy[1],
        per_page=per_page,
        total_record=_number(body, "totalRecord") or 0,
        group_size=_number(body, "groupSize") or 1,
        ajax_params=pairs,
    )


def embedded_records(html: str) -> list[str]:
    """The ``<li>`` HTML of each record embedded in the page's ``<datastore>`` (first group)."""
    return [
        m["html"]
        for store in _DATASTORE.finditer(html)
        for m in _RECORD.finditer(store[0])
    ]


def dataproxy_requests(
    config: JpageConfig, page_url: str, *, max_groups: int | None = None
) -> list[DataproxyRequest]:
    """The POST requests for every group after the embedded first one.

    One group is ``perPage × groupSize`` records (45 = 15 × 3 on most sites); the first group is
    embedded, so requests start at record ``group + 1`` and stop at ``totalRecord``.
    """
    group = config.per_page * config.group_size
    base = urljoin(page_url, config.proxy_url)
    requests: list[DataproxyRequest] = []
    for start in range(group + 1, config.total_record + 1, group):
        if max_groups is not None and len(requests) >= max_groups:
            break
        end = min(start + group - 1, config.total_record)
        query = urlencode(
            {"startrecord": start, "endrecord": end, "perpage": config.per_page}
        )
        requests.append(
            DataproxyRequest(
                url=f"{base}?{query}",
                formdata=config.ajax_params,
                start_record=start,
                end_record=end,
            )
        )
    return requests


def parse_dataproxy(xml: str) -> tuple[int | None, list[str]]:
    """``(totalrecord or None, record HTML list)`` of a dataproxy answer.

    An empty ``<datastore/>`` (what hardened sites answer to a GET or a request without
    ``columnid``) gives ``(None, [])``. Text that is not a datastore at all raises
    ``HanwebDecodeError``.
    """
    if "<datastore" not in xml:
        msg = "dataproxy answer holds no <datastore>"
        raise HanwebDecodeError(msg)
    total = _TOTAL.search(xml)
    return (int(total[1]) if total else None), [
        m["html"] for m in _RECORD.finditer(xml)
    ]


def _number(body: str, name: str) -> int | None:
    match = re.search(_NUMBER_OPTION.format(name=name), body)
    return int(match[1]) if match else None
