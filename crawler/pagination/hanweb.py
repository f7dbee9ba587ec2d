"""Hanweb JCMS ``jpage`` lists: how a column asks for its later groups, in every set-up.

A Hanweb column page embeds its first group of records as XML inside
``<script type="text/xml"><datastore>…</datastore></script>``; the other groups come from
``POST dataproxy.jsp?startrecord=&endrecord=&perpage=`` with the column's parameters as form
fields, answered by XML whose ``<record>`` CDATA each hold one row (portals.md §1.2). Real
sites set this up in several ways, and each must give the same requests:

* an inline init ``$('#U…').jpage({proxyUrl, perPage, totalRecord, groupSize, ajaxParam: {…}})``;
* ``ajaxParam: param_4711`` naming a variable declared elsewhere (``var param_4711 = {…}``);
* an init without ``proxyUrl``: the plugin then posts to ``/module/web/jpage/dataproxy.jsp``;
* no init at all: only the datastore, whose ``<nextgroup>`` link names the proxy and carries
  ``columnid``, ``unitid``, ``webid``, ``webname`` (``webname`` often percent-encoded twice);
* the legacy plugin under ``/module/jslib/jquery/jpage/``, whose answers are not well-formed
  XML (a stray ``<table>`` outside the CDATA) and whose records are ``<tr>`` rows.

Everything here is pure: it reads text and returns request descriptions; the spider
(``crawler.spiders.jpage``) turns them into POST requests and counts what arrives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from typing import Literal
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit

#: The plugin's own default when the init call names no ``proxyUrl``.
DEFAULT_PROXY = "/module/web/jpage/dataproxy.jsp"
#: The legacy plugin's directory; its answers are read leniently.
LEGACY_DIR = "/module/jslib/jquery/jpage/"
#: Records per page and pages per group most Hanweb columns use (15 × 3 = 45 embedded).
DEFAULT_PER_PAGE = 15
#: Query fields of ``<nextgroup>`` that say where the group starts, not which column it is.
_POSITION_FIELDS = frozenset({"page", "startrecord", "endrecord", "perpage"})
#: ``webname=%25E7…``: decoded at most this many extra times.
_MAX_DECODES = 2

_JPAGE = re.compile(r"\.jpage\(\s*\{(?P<body>.*?)\}\s*\)\s*;?", re.DOTALL)
_NUMBER_OPTION = r"\b{name}\s*:\s*['\"]?(\d+)"
_PROXY = re.compile(r"\bproxyUrl\s*:\s*['\"]([^'\"]+)['\"]")
_AJAX_INLINE = re.compile(r"\bajaxParam\s*:\s*\{(?P<body>[^}]*)\}", re.DOTALL)
_AJAX_NAME = re.compile(r"\bajaxParam\s*:\s*(?P<name>[A-Za-z_$][\w$]*)")
_VAR = r"(?:\bvar\s+|\blet\s+|\bconst\s+|\b){name}\s*=\s*\{{(?P<body>[^}}]*)\}}"
_PAIR = re.compile(r"""(\w+)\s*:\s*(?:'([^']*)'|"([^"]*)"|([^,\s}]+))""")
_RECORD = re.compile(
    r"<record>\s*(?:<!\[CDATA\[(?P<cdata>.*?)\]\]>|(?P<raw>.*?))\s*</record>", re.DOTALL
)
_TOTAL = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.IGNORECASE)
_DATASTORE = re.compile(r"<datastore\b[^>]*>.*?</datastore>|<datastore\s*/>", re.DOTALL)
_NEXTGROUP = re.compile(
    r"<nextgroup>\s*(?:<!\[CDATA\[)?.*?href\s*=\s*['\"](?P<href>[^'\"]+)['\"]",
    re.DOTALL,
)
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")

ParamSource = Literal["inline", "variable", "nextgroup"]


class HanwebDecodeError(ValueError):
    """A jpage set-up or a dataproxy answer that cannot be read (the list is then incomplete)."""


@dataclass(frozen=True, slots=True)
class JpageConfig:
    """How a column's later groups are asked for, whichever set-up the page used."""

    proxy_url: str
    per_page: int
    group_size: int
    total_record: int | None  # None: the page does not say (datastore without a total)
    ajax_params: tuple[tuple[str, str], ...]
    params_from: ParamSource
    has_init: bool
    embedded: int  # records embedded in the page (the first group)

    @property
    def group(self) -> int:
        """Records per group: one dataproxy request asks for this many."""
        return self.per_page * self.group_size

    @property
    def legacy(self) -> bool:
        return LEGACY_DIR in self.proxy_url


@dataclass(frozen=True, slots=True)
class DataproxyRequest:
    """One ``POST dataproxy.jsp?startrecord=…`` request (records are 1-based, inclusive)."""

    url: str
    formdata: tuple[tuple[str, str], ...]
    start_record: int
    end_record: int

    @property
    def asked(self) -> int:
        return self.end_record - self.start_record + 1


@dataclass(frozen=True, slots=True)
class DataproxyAnswer:
    """What one dataproxy answer holds: the total it claims and each record's row HTML."""

    total: int | None
    records: tuple[str, ...]


def decode_jpage(html: str) -> JpageConfig | None:
    """The jpage set-up of a column page, or None when it has no later groups to ask for.

    A page without an init call and without a ``<nextgroup>`` link has nothing to request.
    Raises ``HanwebDecodeError`` when the page asks for later groups but names no column
    (an ``ajaxParam`` variable that is declared nowhere and no ``<nextgroup>`` to fall back on).
    """
    init = _JPAGE.search(html)
    return _decode_unit(html, init, _first_store(html))


def decode_jpages(html: str) -> list[JpageConfig]:
    """The set-up of every jpage list of a column page, in page order.

    A column page can hold more than one list (a side box of 最新信息 before the column's own
    list): each init call is read with the datastore written just before it (else just
    after it), so no list's
    later groups are left unasked. A page without an init call gives ``decode_jpage``'s one.
    """
    inits = list(_JPAGE.finditer(html))
    if len(inits) < 2:  # noqa: PLR2004 (one list: the page's first datastore is its own)
        single = decode_jpage(html)
        return [single] if single is not None else []
    stores = [m for m in _DATASTORE.finditer(html) if _has_rows(m[0])]
    configs: list[JpageConfig] = []
    for init in inits:
        before = [m[0] for m in stores if m.end() <= init.start()]
        after = [m[0] for m in stores if m.start() >= init.end()]
        store = before[-1] if before else (after[0] if after else "")
        found = _decode_unit(html, init, store)
        if found is not None:
            configs.append(found)
    return configs


def _decode_unit(
    html: str, init: re.Match[str] | None, store: str
) -> JpageConfig | None:
    """One list's set-up from its init call (if any) and its datastore."""
    nextgroup = _NEXTGROUP.search(store) if store else None
    if init is None and nextgroup is None:
        return None
    body = init["body"] if init else ""
    embedded = len(_RECORD.findall(store)) if store else 0
    next_url = unescape(nextgroup["href"]) if nextgroup else ""
    params, source = _params(html, body, next_url)
    if not any(name.lower() == "columnid" for name, _ in params):
        msg = "jpage set-up names no columnid (ajaxParam not found, no <nextgroup>)"
        raise HanwebDecodeError(msg)
    proxy = _PROXY.search(body)
    if proxy is not None:
        proxy_url = proxy[1]
    elif init is None and next_url:
        proxy_url = urlsplit(next_url).path or DEFAULT_PROXY
    else:
        proxy_url = DEFAULT_PROXY
    per_page = _number(body, "perPage")
    group_size = _number(body, "groupSize")
    if init is None and embedded and per_page is None:
        # No init: the embedded group is one group; keep the usual 15-per-page split if it fits.
        split = embedded % DEFAULT_PER_PAGE == 0
        per_page = DEFAULT_PER_PAGE if split else embedded
        group_size = embedded // DEFAULT_PER_PAGE if split else 1
    total = _number(body, "totalRecord")
    if total is None and store:
        found = _TOTAL.search(store)
        total = int(found[1]) if found else None
    return JpageConfig(
        proxy_url=proxy_url,
        per_page=per_page if per_page and per_page > 0 else DEFAULT_PER_PAGE,
        group_size=group_size if group_size and group_size > 0 else 1,
        total_record=total,
        ajax_params=params,
        params_from=source,
        has_init=init is not None,
        embedded=embedded,
    )


def embedded_records(html: str) -> list[str]:
    """The row HTML of each record embedded in the page's ``<datastore>`` (first group)."""
    return [
        _record_html(m)
        for store in _DATASTORE.finditer(html)
        for m in _RECORD.finditer(store[0])
    ]


def dataproxy_requests(
    config: JpageConfig, page_url: str, *, max_groups: int | None = None
) -> list[DataproxyRequest]:
    """The POST requests for every group after the embedded first one.

    One group is ``perPage × groupSize`` records; requests start at record ``group + 1`` and
    stop at ``totalRecord``. When the page gives no total, only the next group is asked for:
    its answer carries the total (``next_group_requests`` continues from there).
    """
    if config.total_record is None:
        return [group_request(config, page_url, config.group + 1, None)][:max_groups]
    return next_group_requests(
        config,
        page_url,
        after=config.group,
        total=config.total_record,
        max_groups=max_groups,
    )


def next_group_requests(
    config: JpageConfig,
    page_url: str,
    *,
    after: int,
    total: int,
    max_groups: int | None,
) -> list[DataproxyRequest]:
    """The group requests for records ``after + 1`` … ``total``, at most ``max_groups``."""
    starts = range(after + 1, total + 1, config.group)
    if max_groups is not None:
        starts = starts[: max(0, max_groups)]
    return [group_request(config, page_url, start, total) for start in starts]


def group_request(
    config: JpageConfig, page_url: str, start: int, total: int | None
) -> DataproxyRequest:
    """The request for the group starting at record ``start`` (ending at ``total`` at most)."""
    end = (
        start + config.group - 1
        if total is None
        else min(start + config.group - 1, total)
    )
    query = urlencode(
        {"startrecord": start, "endrecord": end, "perpage": config.per_page}
    )
    return DataproxyRequest(
        url=f"{urljoin(page_url, config.proxy_url)}?{query}",
        formdata=config.ajax_params,
        start_record=start,
        end_record=end,
    )


def parse_dataproxy(xml: str) -> DataproxyAnswer:
    """The total and the records of a dataproxy answer, well-formed or not.

    Read with patterns, not an XML parser: legacy answers carry a stray ``<table>`` outside
    the CDATA and would not parse. An empty ``<datastore/>`` (what hardened sites answer to a
    GET or a request without ``columnid``) holds no records. Text that is not a datastore at
    all raises ``HanwebDecodeError``.
    """
    if "<datastore" not in xml:
        msg = "dataproxy answer holds no <datastore>"
        raise HanwebDecodeError(msg)
    total = _TOTAL.search(xml)
    return DataproxyAnswer(
        int(total[1]) if total else None,
        tuple(_record_html(m) for m in _RECORD.finditer(xml)),
    )


# ---------------------------------------------------------------- helpers


def _first_store(html: str) -> str:
    """The first datastore that holds records or a ``<nextgroup>`` (skips empty ones)."""
    for store in _DATASTORE.finditer(html):
        if _has_rows(store[0]):
            return store[0]
    return ""


def _has_rows(store: str) -> bool:
    return "<record" in store or "<nextgroup" in store


def _params(
    html: str, body: str, next_url: str
) -> tuple[tuple[tuple[str, str], ...], ParamSource]:
    inline = _AJAX_INLINE.search(body)
    if inline is not None:
        return _pairs(inline["body"]), "inline"
    named = _AJAX_NAME.search(body)
    if named is not None:
        declared = re.search(_VAR.format(name=re.escape(named["name"])), html)
        if declared is not None:
            return _pairs(declared["body"]), "variable"
    query = urlsplit(next_url).query
    pairs = tuple(
        (name, _decode_twice(value))
        for name, value in parse_qsl(query, keep_blank_values=True)
        if name.lower() not in _POSITION_FIELDS
    )
    return pairs, "nextgroup"


def _pairs(body: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (m[1], next(g for g in m.groups()[1:] if g is not None))
        for m in _PAIR.finditer(body)
    )


def _decode_twice(value: str) -> str:
    """Undo percent-encoding applied more than once (``%25E7%25A4%25BA`` → ``示``).

    >>> _decode_twice("%25E7%25A4%25BA")
    '示'
    """
    for _ in range(_MAX_DECODES):
        if not _PERCENT.search(value):
            break
        value = unquote(value)
    return value


def _record_html(match: re.Match[str]) -> str:
    return match["cdata"] if match["cdata"] is not None else match["raw"]


def _number(body: str, name: str) -> int | None:
    match = re.search(_NUMBER_OPTION.format(name=name), body)
    return int(match[1]) if match else None
