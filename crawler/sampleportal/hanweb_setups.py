"""The jpage set-ups a Hanweb column page uses, and the dataproxy answers each one gets.

Real Hanweb sites wire the same list plugin in several ways (``../shared/reference``, Portals):

* ``inline``: ``jpage({proxyUrl, perPage, totalRecord, groupSize, ajaxParam: {…}})``;
* ``variable``: ``ajaxParam: param_NNNN`` naming ``var param_NNNN = {…}`` in an earlier script;
* ``default-proxy``: an init call with neither ``proxyUrl`` nor ``ajaxParam``: the plugin posts
  to ``/module/web/jpage/dataproxy.jsp`` with the parameters of the datastore's ``<nextgroup>``
  link, whose ``webname`` is percent-encoded twice;
* ``datastore-only``: no init call at all, only the datastore with its ``<nextgroup>`` link and
  no total;
* ``legacy``: the old plugin under ``/module/jslib/jquery/jpage/``, whose answers are not
  well-formed XML (a ``<table>`` left open outside the CDATA) and hold ``<tr>`` rows;
* ``short``: an inline set-up whose ``totalRecord`` claims more rows than the server has, so
  the last group comes back short (a list that shrank between page build and crawl).

Every set-up answers only a POST that names the column (``columnid``); a GET or an empty form
gets the empty ``<datastore/>`` hardened sites send.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from collections.abc import Callable

    from crawler.sampleportal.model import Column, Entry

SETUPS = ("inline", "variable", "default-proxy", "datastore-only", "legacy", "short")
PROXY = "/hanweb/module/web/jpage/dataproxy.jsp"
DEFAULT_PROXY = "/module/web/jpage/dataproxy.jsp"
LEGACY_PROXY = "/hanweb/module/jslib/jquery/jpage/dataproxy.jsp"
#: Every path a column's later groups may be posted to.
PROXY_PATHS = (PROXY, DEFAULT_PROXY, LEGACY_PROXY)
WEBNAME = "示范县"
#: How many more rows a ``short`` column's ``totalRecord`` claims than it has.
SHORT_BY = 4


def proxy_of(setup: str) -> str:
    """Where a set-up's later groups are posted."""
    return {"default-proxy": DEFAULT_PROXY, "legacy": LEGACY_PROXY}.get(setup, PROXY)


def claimed_total(column: Column) -> int:
    """The ``totalRecord`` the page states (more than it has for ``short``)."""
    return len(column.entries) + (SHORT_BY if column.setup == "short" else 0)


def column_list(column: Column, record: Callable[[Entry], str]) -> str:
    """The datastore and the init script of a column page, in the column's set-up."""
    cid = column.key.split(":", 1)[1]
    unit = f"U{cid}"
    per_page, group_size = column.paging
    group = column.entries[: per_page * group_size]
    setup = column.setup
    webname = (
        quote(quote(WEBNAME))
        if setup in ("default-proxy", "datastore-only")
        else quote(WEBNAME)
    )
    nextgroup = (
        f'<a href="{proxy_of(setup)}?page=1&amp;webid=1&amp;path=/&amp;columnid={cid}'
        f'&amp;unitid={unit}&amp;webname={webname}&amp;permissiontype=0"></a>'
    )
    rows = "".join(record(e) for e in group)
    datastore = (
        f'<div id="{unit}"><script type="text/xml"><datastore>'
        f"<nextgroup><![CDATA[{nextgroup}]]></nextgroup>"
        f"<recordset>{rows}</recordset></datastore></script></div>"
    )
    ajax = (
        f"{{col: 1, appid: 1, webid: 1, path: '/', columnid: {cid}, sourceContentType: 1, "
        f"unitid: '{unit}', webname: '{WEBNAME}', permissiontype: 0}}"
    )
    options = (
        f"dataStore: $('#{unit} script[type=\"text/xml\"]'), perPage: {per_page}, "
        f"totalRecord: {claimed_total(column)}, groupSize: {group_size}"
    )
    if setup == "datastore-only":
        return datastore
    if setup == "default-proxy":
        return f"{datastore}\n<script>$('#{unit}').jpage({{{options}}});</script>"
    if setup == "variable":
        name = f"param_{cid}"
        declared = f"<script>var {name} = {ajax};</script>"
        init = f"$('#{unit}').jpage({{{options}, proxyUrl: '{PROXY}', ajaxParam: {name}}});"
        return f"{declared}\n{datastore}\n<script>{init}</script>"
    init = f"$('#{unit}').jpage({{{options}, proxyUrl: '{proxy_of(setup)}', ajaxParam: {ajax}}});"
    return f"{datastore}\n<script>{init}</script>"


def answer(column: Column, start: int, end: int, record: Callable[[Entry], str]) -> str:
    """The dataproxy XML for records ``start`` … ``end`` (1-based, inclusive) of a column."""
    chosen = column.entries[start - 1 : end]
    if column.setup == "legacy":
        rows = "".join(_legacy_record(e, record(e)) for e in chosen)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n'
            f"<totalrecord>{claimed_total(column)}</totalrecord>\n"
            f'<table width="100%" class="list">\n<recordset>{rows}</recordset>\n</datastore>'
        )
    rows = "".join(record(e) for e in chosen)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><datastore>'
        f"<totalrecord>{claimed_total(column)}</totalrecord>"
        f"<recordset>{rows}</recordset></datastore>"
    )


def _legacy_record(entry: Entry, li_record: str) -> str:
    """The legacy plugin's row: ``<tr><td><a …></td><td>date</td></tr>`` inside the CDATA."""
    start = li_record.index("<a ")
    link = li_record[start : li_record.index("</a>") + 4]
    return (
        f"<record><![CDATA[<tr><td>{link}</td>"
        f"<td>{entry.article.published:%Y-%m-%d}</td></tr>]]></record>"
    )
