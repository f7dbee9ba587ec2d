"""Pure link classification: report, list page, pagination, attachment, offsite or other.

The spider routes every ``<a>`` (and every record of a list API) through ``classify_link``; it
never decides by itself. Report titles follow the real titles in portals.md §2.3 (政府信息公开 +
(工作)年度报告/年报 + a year, year first, 年度…年度, line breaks) and reject the look-alikes of
the same section (政府网站年度工作报表, 法治政府建设年度报告, 政府工作报告, the 关于…的通知 format
notices, 预算/决算). Attachments are recognised by extension, by Hanweb's ``downfile.jsp``, by
other download scripts' names and by anchors naming a file (``is_attachment_link``);
``find_script_attachments`` digs out the links TRS only writes from inline scripts
(``var file_appendix='<a href=…>'``, portals.md §1.1). No I/O, no Scrapy.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Literal
from urllib.parse import SplitResult, parse_qsl, quote, urljoin, urlsplit, urlunsplit

from parsel import Selector

if TYPE_CHECKING:
    from crawler.sites import Site

LinkKind = Literal[
    "report",  # a page (or file) whose title says it is an annual report: fetched
    "attachment",  # a document file (.pdf, .doc …, downfile.jsp): fetched from report pages
    "list",  # a column page or sub-column inside the site's column scope: fetched
    "pagination",  # a 下一页 / next link: fetched under the trap guard
    "article",  # another detail page (news, notices): counted, never fetched
    "offsite",  # a host outside the site's allowed domains: recorded, never fetched
    "ignore",  # javascript:, mailto:, anchors, navigation outside the column scope
]

ATTACHMENT_EXTENSIONS = frozenset(
    {".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ofd", ".zip", ".rar"}
)

_SPACE = re.compile(r"\s+")
#: The report's name as organs print it: 政府信息公开(工作)年度报告/年报, the older
#: 政府信息公开年度工作报告 and 政府信息公开工作报告, 政务公开工作年度报告, and 信息公开工作年度报告
#: after the organ's name (××区人民政府2022年度信息公开工作年度报告).
_REPORT = re.compile(
    r"政府信息公开(?:工作)?(?:年度报告|年报|年度工作报告)|政府信息公开工作报告"
    r"|(?:政务|信息)公开工作年度报告"
)
#: The year: 2023年, ２０２３年 (normalised), 二〇二三年, or bracketed after the name (（2023）).
_YEAR = re.compile(
    r"(?:19|20)\d{2}\s*年|[〇零一二][〇零一二三四五六七八九]{3}年"
    r"|[（(【\[]\s*(?:19|20)\d{2}\s*(?:年度?)?\s*[)）】\]]"
)
#: Titles of the same column that are not reports: format notices (关于做好…年度报告有关事项的通知),
#: budget documents, the 政府网站年度工作报表 and 法治政府建设 reports (portals.md §2.3).
_LOOKALIKE = re.compile(r"通知|有关事项|的函|印发|预算|决算|工作报表|法治政府建设")
#: A 年报 column's name as anchors print it: no year, optional unit prefix (部门, 乡镇, 街道 …).
_COLUMN_ANCHOR = re.compile(
    r"^[\u4e00-\u9fff（）()]{0,10}?(?:政府)?(?:信息公开|政务公开)?(?:工作)?(?:年度报告|年报)(?:专栏|栏目)?$"
)
#: Year-less names that are not the disclosure report: enterprise and statistical annual
#: reports, the 法治政府建设 and website reports (portals.md §2.3 look-alikes).
_NOT_COLUMN = re.compile(r"企业|工商|统计|财务|法治|决算|预算|社保|网站|报表|审计|年检")
#: Directory names of 年报 columns (portals.md §2.2), with Chongqing's numeric suffix.
_COLUMN_DIR = re.compile(
    r"/(?:common_)?(?:zfxxgknb|xxgknb|gknb|zwgknb|zfxxgkndbg|ndbg)(?:_\d+)?"
    r"(?:/(?:index(?:_\d+)?\.s?html?)?|\.s?html?)?$"
)
#: 下一页 as pagers print it, bare or decorated (下一页>>, 下一页 >, 【下一页】, [下页]), or an arrow.
_NEXT = re.compile(
    r"^[\[【<«(（]?\s*(?:下一页|下页|后一页|next(?:\s*page)?)\s*(?:>+|»|›|\]|】|\)|）)?$"
    r"|^(?:>|»|›)$",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"^[\[【]?\d{1,4}[\]】]?$")
#: A sub-column named by its year alone (2023, 2023年, 2023年度), as 年报 columns split by year.
_YEAR_ANCHOR = re.compile(r"^(?:19|20)\d{2}\s*(?:年度?)?$")
#: Link texts that say what to do, not what the row is: the title is elsewhere in the row.
_GENERIC_TEXT_MAX = 4
#: Column pages: TRS ``index.html``/``index_3.shtml``, Hanweb ``/col/col1234/index.html``,
#: gkmlpt ``/gkmlpt/index`` (portals.md §0).
_COLUMN_PAGE = re.compile(r"/(?:index(?:_\d+)?\.s?html?|gkmlpt/index)$")
#: Detail pages of the three families plus the common ``content_<id>`` dialect (portals.md §0, §1.5).
_DETAIL_PAGE = re.compile(
    r"/(?:t\d{8}_\d+(?:_\d+)?(?:_wap)?\.s?html?"
    r"|art_\d+_\d+\.html|art_[0-9a-f]{32}\.html|post_\d+\.html|content_\d+\.s?html?)$"
)
#: TRS script-written attachment strings: ``var file_appendix='…'``, ``link_appendix``,
#: ``rel_appendix``, ``var att = '…'`` and ``if("a.pdf" != ""){document.write('<a …>')}``.
_SCRIPT_STRING = re.compile(
    r"""(?:var\s+\w*(?:appendix|att)\w*\s*=\s*|document\.write\s*\(\s*)(['"])(?P<html>.*?)\1""",
    re.IGNORECASE | re.DOTALL,
)
#: The last path segment of a download script (``download``, ``downFile.do``, ``getfile``, ``attach``).
_DOWNLOAD_ENDPOINT = re.compile(r"down|attach|getfile")
#: Query parameters a document viewer reads its file from.
_VIEWER_PARAMS = frozenset({"file", "fileurl", "filepath", "url", "src"})
_PAGE_EXTENSIONS = frozenset({".html", ".htm", ".shtml", ".jhtml"})
#: A page URL inside ``javascript:window.open('…')``, ``onclick="location.href='…'"`` and the like.
_SCRIPT_URL = re.compile(
    r"""['"](?P<url>(?:https?://|\.{0,2}/)[^'"\s]+"""
    r"""|[^'"\s(),;]+\.(?:s?html?|jhtml|jsp|do|aspx?|pdf|docx?|wps|xlsx?|ofd|zip|rar)"""
    r"""(?:\?[^'"\s]*)?)['"]""",
    re.IGNORECASE,
)
_HREF = re.compile(r"""href\s*=\s*(['"]?)(?P<url>[^'"\s>]+)\1""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def normalize_title(text: str) -> str:
    """A title with all whitespace (line breaks inside titles, full-width spaces) removed."""
    return _SPACE.sub("", text.replace("\u3000", ""))


def is_report_title(title: str) -> bool:
    """True for an annual report's title, False for the look-alikes of the same column.

    >>> is_report_title("东街街道2023年度政府信息公开工作年度报告")
    True
    >>> is_report_title("关于做好2023年政府信息公开工作年度报告有关事项的通知")
    False
    """
    text = normalize_title(title)
    return bool(
        _REPORT.search(text) and _YEAR.search(text) and not _LOOKALIKE.search(text)
    )


def names_report(title: str) -> bool:
    """True when a title names the annual report (with or without its year), not a look-alike.

    >>> names_report("示范区财政局政府信息公开工作年度报告"), names_report("2023年政府工作报告")
    (True, False)
    """
    text = normalize_title(title)
    return bool(_REPORT.search(text)) and not _LOOKALIKE.search(text)


def is_column_anchor(anchor_text: str) -> bool:
    """True for the year-less name of a 年报 column (政府信息公开年报, 年度报告, 部门年报 …).

    >>> is_column_anchor("政府信息公开年报"), is_column_anchor("企业年报公示")
    (True, False)
    """
    text = normalize_title(anchor_text)
    return bool(_COLUMN_ANCHOR.match(text)) and not _NOT_COLUMN.search(text)


#: Pages that list: a directory, an index/default/list/more page (``iList.jsp``, ``list_2.html``),
#: a Hanweb column.
_LISTING_PAGE = re.compile(
    r"(?:/|/[^/]*(?:index|default|list|more|column)[^/]*|/col/col\d+/[^/]*)$",
    re.IGNORECASE,
)


def is_listing_page(path: str) -> bool:
    """True for a URL that names a list: a directory, an index or list page, a Hanweb column."""
    return bool(_LISTING_PAGE.search(path))


def is_document_page(path: str) -> bool:
    """True for the URL of one document rather than of a list (a column, its index, a 年报 dir).

    The detail pages of the three families (``t20240105_1.html``, ``art_1_2.html``,
    ``post_3.html``) and of every other dialect (VSB ``/info/1050/64208.htm``, Shanghai's and
    Sichuan's hex ids, ObjectIds, snowflake ids, Wuxi ``/doc/…/4153378.shtml``, ccontent
    ``/c13587052/content.html``, ``content.jsp?id=``): what is not a list page is one.
    A report titled without its year at such a URL is a report, not a 年报 column.
    """
    if _DETAIL_PAGE.search(path):
        return True
    return not (_LISTING_PAGE.search(path) or is_column_path(path))


def is_column_path(path: str) -> bool:
    """True for a 年报 column's own page (``/zfxxgknb/``, ``…/zfxxgknb_73584/index_1.html``).

    Articles inside the column (``/zfxxgknb/202401/t….html``) are not the column.
    """
    return bool(_COLUMN_DIR.search(path.lower()))


def is_next_anchor(anchor_text: str) -> bool:
    """True for the anchor of a "next page" link (下一页, 下页, next, >)."""
    return bool(_NEXT.match(anchor_text.strip()))


def _is_page_number(anchor_text: str, target: SplitResult, page_url: str) -> bool:
    """A numbered pager link (2, [3]) to the same script with another query (``list.jsp?page=3``).

    Lists served by a script and paged only by numbers would otherwise stop at their first
    page; the links are followed under the next-page trap guard.
    """
    if not _PAGE_NUMBER.match(normalize_title(anchor_text)):
        return False
    page = urlsplit(page_url)
    return (
        target.path == page.path and bool(target.query) and target.query != page.query
    )


#: A date as a query value: 2024-01-05, 2024-1, 2024/01/05, 20240105 (a year alone is not).
_DATE_VALUE = re.compile(r"^(?:19|20)\d{2}(?:[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\d{4})$")


def is_calendar_link(target: SplitResult, page_url: str) -> bool:
    """True for a calendar widget's link: a query naming another date than the page's.

    Column pages carry a calendar (日历) whose days (anchored 1 … 31) and months (< >) are
    ``?date=2024-01-05`` links: read as numbered pages or 下一页 they were crawled day by day
    and month by month (some four hundred pages for a column of one report). No list of
    reports is paged by a date.
    """
    page = dict(parse_qsl(urlsplit(page_url).query))
    return any(
        _DATE_VALUE.match(value) and page.get(name) != value
        for name, value in parse_qsl(target.query)
    )


def is_attachment_url(url: str) -> bool:
    """True for a document file by extension, or Hanweb's ``downfile.jsp`` download script."""
    parts = urlsplit(url)
    path = parts.path.lower()
    if path.endswith("/downfile.jsp"):
        return True
    if posixpath.splitext(path)[1] in ATTACHMENT_EXTENSIONS:
        return True
    # Hanweb names the file in the query: downfile.jsp?…&filename=<32hex>.pdf
    return posixpath.splitext(parts.query.lower())[1] in ATTACHMENT_EXTENSIONS


def unwrap_viewer(url: str) -> str:
    """The document a viewer page shows (``/pdfjs/web/viewer.html?file=/a/nb.pdf``), else ``url``.

    Report pages embed their PDF through pdf.js or a vendor viewer (portals.md §1.1); the
    viewer's own page is HTML, the report is the file named in its ``file=`` parameter.
    """
    parts = urlsplit(url)
    path = parts.path.lower()
    if (
        path.endswith("/downfile.jsp")
        or posixpath.splitext(path)[1] in ATTACHMENT_EXTENSIONS
    ):
        return url
    for name, value in parse_qsl(parts.query):
        inner = urljoin(url, value.strip())
        if name.lower() in _VIEWER_PARAMS and is_attachment_url(inner):
            return inner
    return url


def is_attachment_link(url: str, anchor_text: str) -> bool:
    """True for a document by its URL, or by a download endpoint or an anchor naming a file.

    Many CMSs serve files from a script whose URL says nothing of the format
    (``/attach/download?fileId=8021``, ``getFile.do?id=…``); the file name then travels in
    ``Content-Disposition`` and the anchor reads ``附件1`` or ``….pdf``.
    """
    if is_attachment_url(url):
        return True
    name = normalize_title(anchor_text).lower()
    if posixpath.splitext(name)[1] in ATTACHMENT_EXTENSIONS:
        return True
    segment = posixpath.basename(urlsplit(url).path.lower())
    return bool(_DOWNLOAD_ENDPOINT.search(segment)) and (
        posixpath.splitext(segment)[1] not in _PAGE_EXTENSIONS
    )


def is_allowed_host(url: str, allowed_domains: tuple[str, ...]) -> bool:
    """True when the URL's host is an allowed domain or a subdomain of one (Scrapy's rule)."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in allowed_domains)


def start_scope(url: str) -> str:
    """The path prefix inside which a start column's pages are followed: its parent directory.

    ``/trs/zfxxgk/zfxxgknb/index.html`` gives ``/trs/zfxxgk/``, so the sibling 部门年报 column
    ``/trs/zfxxgk/bmnb/`` is in scope; ``/hanweb/col/col1001/index.html`` gives ``/hanweb/col/``.
    """
    directory = posixpath.dirname(urlsplit(url).path)
    parent = posixpath.dirname(directory.rstrip("/")) or "/"
    return parent.rstrip("/") + "/"


def column_scopes(site: Site) -> tuple[str, ...]:
    """The ``start_scope`` of each start URL (the default scopes of ``classify_link``)."""
    return tuple(start_scope(url) for url in site.start_urls)


_DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(url: str, site: Site) -> str:
    """``url`` as the entry names its host: no default port, the ``www.`` host for its bare name.

    Pages link the same page as ``http://www.x.gov.cn/…``, ``http://www.x.gov.cn:80/…`` and
    ``http://x.gov.cn/…`` (portals.md §3.4, §3.6): the bare name of an allowed ``www.`` host is
    that host (it was offsite, its reports lost), and a default port written out made a second
    URL of one page (fetched and archived twice).
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        return url
    if not host:
        return url
    if f"www.{host}" in site.hosts and host not in site.hosts:
        host = f"www.{host}"
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and _DEFAULT_PORTS.get(parts.scheme) != port:
        netloc += f":{port}"
    if "@" in parts.netloc:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    return url if netloc == parts.netloc else urlunsplit(parts._replace(netloc=netloc))


def link_target(
    url: str, page_url: str, site: Site
) -> SplitResult | Literal["ignore", "offsite"]:
    """The absolute http(s) URL a link leads to on the site's hosts, else how to dismiss it.

    Empty links, fragments, ``javascript:``, ``mailto:`` and ``tel:`` are ``ignore``; a host
    outside the allowed domains and sister hosts is ``offsite``.
    """
    url = url.strip()
    if not url or url.startswith("#"):
        return "ignore"
    absolute = urljoin(page_url, url)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https"):
        return "ignore"
    absolute = site_address(absolute, site)
    parts = urlsplit(absolute)
    if not is_allowed_host(absolute, site.hosts):
        return "offsite"
    return parts


def classify_link(  # noqa: PLR0911 (ordered rules read best as early returns)
    url: str,
    anchor_text: str,
    *,
    site: Site,
    page_url: str,
    scopes: tuple[str, ...] | None = None,
) -> LinkKind:
    """What the link ``url`` (absolute, or relative to ``page_url``) is, seen from a list page.

    Order matters: off-domain first (never fetched, whatever the title says; the entry's sister
    hosts are on-domain), then attachments, then report titles, next links, other 年报 columns
    (a year-less 年报 anchor or a 年报 directory, wherever it is), column pages in scope, other
    detail pages; anything else in the current column's directory is a list (the calendar of
    portals.md §4.1), the rest is ignored. ``scopes`` are the path prefixes of the columns
    being crawled (default: ``column_scopes(site)``, the start columns' parents).
    """
    target = link_target(url, page_url, site)
    if isinstance(target, str):
        return target
    absolute, parts = target.geturl(), target
    if is_attachment_link(absolute, anchor_text):
        return "attachment"
    path = parts.path
    if path.endswith("/") and names_report(anchor_text):
        # a directory is a column, even anchored like a report: the year sub-column
        # (2023年度政府信息公开工作年度报告 → ./2023/) listing the departments' reports
        return "list"
    if is_report_title(anchor_text) or (
        names_report(anchor_text) and is_document_page(path)
    ):
        # a detail page titled as a report with its year only in the date column is a
        # report, not the year-less 年报 column its title would otherwise read as
        return "report"
    if is_calendar_link(parts, page_url):
        return "ignore"
    if is_next_anchor(anchor_text) or _is_page_number(anchor_text, parts, page_url):
        return "pagination"
    if is_column_anchor(anchor_text) or is_column_path(path):
        return "list"
    in_scope = column_scopes(site) if scopes is None else scopes
    column_page = _COLUMN_PAGE.search(path) or (
        path.endswith("/") and _YEAR_ANCHOR.match(normalize_title(anchor_text))
    )
    if column_page and any(path.startswith(s) for s in in_scope):
        return "list"
    if _DETAIL_PAGE.search(path):
        return "article"
    column_dir = posixpath.dirname(urlsplit(page_url).path).rstrip("/") + "/"
    if path.startswith(column_dir) and posixpath.splitext(path)[1] in (
        "",
        ".html",
        ".shtml",
    ):
        return "list"
    return "ignore"


#: A session id a Java, PHP or ASP server writes into the links it serves (URL rewriting):
#: ``/a/t1.html;jsessionid=8F3A…``, ``?PHPSESSID=…``, ``?ASPSESSIONIDQQ=…``.
_PATH_SESSION = re.compile(
    r";(?:jsessionid|phpsessid|sessionid)=[^?#/]*", re.IGNORECASE
)
_QUERY_SESSION = re.compile(
    r"^(?:jsessionid|phpsessid|sessionid|aspsessionid[a-z]*)=", re.IGNORECASE
)


def strip_session_id(url: str) -> str:
    """The URL without the session id its server rewrote into it (the same page for everyone).

    A server that writes ``;jsessionid=…`` into every link writes a new one on every fetch:
    the same report under a new URL on every list page (archived once per list that shows it),
    and a column page whose name no longer ends in ``index.html``. The server answers the
    URL without it (the session travels in the cookie); other parameters are kept as written.

    >>> strip_session_id("/nb/2023/index.html;jsessionid=8F3A9C?page=2&PHPSESSID=ab12")
    '/nb/2023/index.html?page=2'
    """
    if ";" not in url and "sess" not in url.lower():
        return url
    head, hash_mark, fragment = url.partition("#")
    path, question, query = _PATH_SESSION.sub("", head).partition("?")
    if question:
        kept = [p for p in query.split("&") if not _QUERY_SESSION.match(p)]
        path += "?" + "&".join(kept) if kept else ""
    return path + hash_mark + fragment


def page_selector(html: str | Selector) -> Selector:
    """The page parsed once: a callback that reads both its anchors and its frames passes this."""
    return html if isinstance(html, Selector) else Selector(text=html)


def extract_anchors(
    html: str | Selector, page_url: str | None = None
) -> list[tuple[str, str]]:
    """(href, title attribute or text) of every ``<a href>`` of an HTML page or fragment.

    The fuller of the title attribute and the text is kept (``anchor_title``): list rows cut
    their text (…) but keep the full title in ``title=`` (portals.md §1.1 "List markup"). A link that only opens its page from a script
    (``href="javascript:window.open('./…')"``, ``href="#" onclick="location.href='…'"``) gives
    the URL inside the script. With ``page_url`` relative hrefs come back absolute, resolved
    against the page's ``<base href>`` when it has one (the page's own URL is then wrong).
    """
    selector = page_selector(html)
    base = page_base(selector, page_url) if page_url else None
    found: list[tuple[str, str]] = []
    for a in selector.css("a[href], a[onclick]"):
        href = a.attrib.get("href", "").strip()
        if _is_script_href(href):
            href = script_target(f"{href} {a.attrib.get('onclick', '')}") or href
        if base and not _is_script_href(href):
            href = unwrap_viewer(urljoin(base, href))
        href = strip_session_id(href)
        texts = a.css("::text").getall() or a.css("img::attr(alt)").getall()
        found.append(
            (href, _row_title(a, anchor_title(a.attrib.get("title", ""), texts)))
        )
    found += _option_links(selector, base)
    return found


#: An ``<option value>`` that is a page's address, not a form value (``2023``, ``czj``).
_OPTION_URL = re.compile(
    r"^(?:https?://|\.{0,2}/|[^\s/?]+\.(?:s?html?|jsp|do|aspx?|php)\b)"
)


def _option_links(selector: Selector, base: str | None) -> list[tuple[str, str]]:
    """(href, text) of the options of a jump menu: a ``<select>`` whose values are addresses.

    Platform pages list their departments (部门选择, 乡镇街道) and 年报 columns their years only
    in a menu that opens the chosen value (``onchange="window.open(this.value)"``): no
    ``<a>`` names the department's sub-site or the year's column.
    """
    found: list[tuple[str, str]] = []
    for option in selector.css("select option[value]"):
        value = option.attrib["value"].strip()
        if not _OPTION_URL.match(value):
            continue
        href = strip_session_id(urljoin(base, value) if base else value)
        found.append((href, " ".join(option.css("::text").getall()).strip()))
    return found


def _row_title(anchor: Selector, text: str) -> str:
    """The text of the anchor's row when the anchor only says 查看/下载 and is the row's one link.

    Table lists print the title in one cell and ``<a>查看</a>`` or ``<a>下载</a>`` in another.
    """
    if len(normalize_title(text)) > _GENERIC_TEXT_MAX or is_next_anchor(text):
        return text
    rows = anchor.xpath("ancestor::*[self::li or self::tr][1]")
    if not rows or len(rows[0].css("a")) != 1:
        return text
    return " ".join(rows[0].css("::text").getall()) or text


def anchor_title(title: str, texts: list[str]) -> str:
    """The fuller of a link's ``title=`` and its text.

    List rows cut their text (…) and keep the whole title in ``title=``; others put a generic
    ``title="在新窗口打开"`` on every row and the whole title in the text.
    """
    text = " ".join(texts)
    if len(normalize_title(text).rstrip("…").rstrip(".")) > len(normalize_title(title)):
        return text
    return title or text


def extract_frames(html: str | Selector, page_url: str) -> list[str]:
    """Absolute URLs of the documents a page shows inside itself (frames, iframes, embeds).

    Some column pages are only a frameset or an iframe around the list page (portals.md §1.1
    "JS iframes"): the rows are in the framed document, never in the page itself. Report pages
    show their PDF in an ``<embed>``, an ``<object>`` or a viewer iframe (``unwrap_viewer``).
    """
    selector = page_selector(html)
    base = page_base(selector, page_url)
    sources = selector.css(
        "iframe::attr(src), frame::attr(src), embed::attr(src), object::attr(data)"
    ).getall()
    return [
        strip_session_id(unwrap_viewer(urljoin(base, src.strip())))
        for src in sources
        if src.strip() and not _is_script_href(src.strip())
    ]


def page_base(selector: Selector, page_url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` if the page has one."""
    declared = selector.css("base::attr(href)").get()
    return urljoin(page_url, declared.strip()) if declared else page_url


def script_target(script: str) -> str | None:
    """The page or file URL a ``javascript:`` href or an ``onclick`` opens, if it names one."""
    match = _SCRIPT_URL.search(script)
    return match["url"] if match else None


def _is_script_href(href: str) -> bool:
    return not href or href.startswith("#") or href.lower().startswith("javascript:")


def find_script_attachments(html: str, page_url: str) -> list[tuple[str, str]]:
    """Attachment links written only by inline scripts, as (absolute URL, anchor text) pairs.

    TRS pages often have an empty body and ``var file_appendix='<a href="./P0….docx">附件</a>';
    document.write(file_appendix)``: an HTML parser sees no link at all (portals.md §1.1).
    """
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for match in _SCRIPT_STRING.finditer(html):
        fragment = match["html"]
        for href in _HREF.finditer(fragment):
            absolute = strip_session_id(urljoin(page_url, href["url"]))
            if is_attachment_url(absolute) and absolute not in seen:
                seen.add(absolute)
                found.append((absolute, normalize_title(_TAG.sub("", fragment))))
    return found


#: Inline scripts (not Hanweb's ``type="text/xml"`` datastores, read by ``crawler.pagination``).
_SCRIPT_BLOCK = re.compile(
    r"<script(?![^>]*text/xml)[^>]*>(?P<code>.*?)</script>", re.IGNORECASE | re.DOTALL
)
_SCRIPT_A = re.compile(
    r"""<a\s[^<>]*?href\s*=\s*\\?['"](?P<href>[^'"\\\s+]+)\\?['"](?P<rest>[^<>]*)""",
    re.IGNORECASE,
)
_SCRIPT_TITLE = re.compile(r"""title\s*=\s*\\?['"](?P<title>[^'"\\+]+)\\?['"]""")
_LITERAL = re.compile(r""""([^"<>]*)"|'([^'<>]*)'""")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: ``location.href = '…'``, ``window.location = "…"``, ``location.replace('…')``.
_SCRIPT_REDIRECT = re.compile(
    r"""location(?:\.href)?\s*=\s*['"](?P<a>[^'"]+)['"]"""
    r"""|location\.replace\(\s*['"](?P<b>[^'"]+)['"]""",
)


def script_anchors(html: str) -> list[tuple[str, str]]:
    """(href, title) of the links inline scripts write (``document.write('<a href=…>' + t)``).

    TRS list templates often write each row from a script that shortens the title first
    (``var str_1 = "…"; … document.write('<a href="./2024…/t….html" title="…">' + str_1)``):
    the page's HTML holds no ``<a>`` at all. The title is the tag's ``title=``, else the
    longest Chinese string literal of the same script.
    """
    found: list[tuple[str, str]] = []
    for block in _SCRIPT_BLOCK.finditer(html):
        code = block["code"]
        links = list(_SCRIPT_A.finditer(code))
        if not links:
            continue
        literals = [a or b for a, b in _LITERAL.findall(code)]
        chinese = sorted((t for t in literals if _CJK.search(t)), key=len, reverse=True)
        for link in links:
            title = _SCRIPT_TITLE.search(link["rest"])
            text = title["title"] if title else (chinese[0] if chinese else "")
            found.append((strip_session_id(link["href"]), text))
    return found


def script_redirect(html: str) -> str | None:
    """Where a page's script sends the browser (``location.href = '…'``), if anywhere."""
    for block in _SCRIPT_BLOCK.finditer(html):
        match = _SCRIPT_REDIRECT.search(block["code"])
        if match:
            return match["a"] or match["b"]
    return None


#: The default documents a web server answers for a directory URL.
_INDEX_DOCUMENT = re.compile(r"/(?:index|default)\.(?:s?html?|jhtml)$", re.IGNORECASE)


def list_page_key(url: str) -> str:
    """One key for a directory URL and its index document, so the page is fetched once.

    >>> list_page_key("http://h/zfxxgknb/index.html") == list_page_key("http://h/zfxxgknb/")
    True
    """
    parts = urlsplit(url)
    path = _INDEX_DOCUMENT.sub("/", parts.path or "/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme}://{parts.netloc.lower()}{path}{query}"


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_UTF8 = frozenset({"utf-8", "utf8", "utf_8"})


def query_in_page_encoding(href: str, encoding: str) -> str:
    """``href`` with the non-ASCII characters of its query percent-encoded as a browser does.

    A browser sends a link's path as UTF-8 but its query in the encoding of the page that holds
    the link: a GBK page's ``download.jsp?filename=年报.pdf`` asks for the GBK bytes, which is
    all its server understands (a UTF-8 query finds no such file). The path is left to the
    request (UTF-8, as browsers send it).

    >>> query_in_page_encoding("d.jsp?f=年报.pdf", "gbk")
    'd.jsp?f=%C4%EA%B1%A8.pdf'
    """
    head, question, query = href.partition("?")
    if not question or encoding.lower() in _UTF8 or not _NON_ASCII.search(query):
        return href
    query, hash_mark, fragment = query.partition("#")

    def encoded(match: re.Match[str]) -> str:
        try:
            return quote(match[0], encoding=encoding)
        except (LookupError, UnicodeEncodeError):
            return match[0]  # the page's own codec cannot write it: left as UTF-8

    return f"{head}?{_NON_ASCII.sub(encoded, query)}{hash_mark}{fragment}"
