"""Pure discovery rules: where a home page or a 政府信息公开 platform page leads to the 年报 column.

A registry entry may give only a portal's home page or its 政府信息公开 platform page
(real-world.md, "Portals": starting from a platform page found nothing, from the home page only
by crawling every column). ``classify_discovery_link`` says what each anchor of such a page is:

- ``column``: a 年报 column, by a year-less anchor (政府信息公开年报, 信息公开年报, 年度报告, 年报,
  部门年报) or by its directory name (``/zfxxgknb/``, ``gknb``, ``xxgknb``, Chongqing's
  ``zfxxgknb_73584``), whether linked as a file or as a directory (``../xxgkgd/``);
- ``platform``: the 政府信息公开 (or 政务公开) section, by anchor or path (``zfxxgk``, ``xxgk``,
  ``zwgk``, ``gongkai``), and its entries listing the departments' and townships' own sites
  (部门信息公开, 乡镇（街道）信息公开); the platform's other standard entries (指南, 制度, 法定主动公开内容,
  依申请公开) are deliberately not followed: they are the unrelated columns;
- ``subsite``: a department or township sub-site (an anchor naming an organ: …局, …委员会,
  …街道, …镇), followed only from a platform page, where each has its own 年报 column;
- ``report`` (a dated report title), ``offsite`` or ``ignore``.

``page_role`` decides whether a fetched page is itself a report column (read as a list) or a
page to discover from; ``guess_cms`` names the CMS family from its fingerprints (portals.md §1).
No I/O, no Scrapy.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from crawler.hosts import is_loopback, parent_domain
from crawler.links import (
    extract_anchors,
    is_column_anchor,
    is_column_path,
    is_report_title,
    link_target,
    names_report,
    normalize_title,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from crawler.sites import CmsHint, Site

DiscoveryKind = Literal["report", "column", "platform", "subsite", "offsite", "ignore"]
PageRole = Literal["column", "discovery"]

#: The 政府信息公开 section (and the portal-wide 政务公开 that holds it), not its sub-entries.
_PLATFORM_ANCHOR = re.compile(
    r"^(?:政府)?(?:信息公开|政务公开)(?:平台|专栏|目录|网|门户)?$|^政府信息公开(?:专栏|平台|目录)$"
)
#: The platform's entry listing its departments' or townships' own disclosure sites (部门信息公开,
#: 乡镇（街道）信息公开, 县直部门信息公开目录): followed like the platform, where each organ it
#: lists is a sub-site with its own 年报 column (portals.md §2.2).
_UNIT_PLATFORM_ANCHOR = re.compile(
    r"^(?:[县区市]直|政府)?(?:部门|单位|乡镇|街道|镇街|街镇|乡镇[（(]?街道[)）]?|镇[（(]?街道[)）]?)"
    r"(?:政府)?(?:信息公开|政务公开)(?:目录|平台|专栏)?$"
)
_PLATFORM_DIR = re.compile(
    r"/(?:zfxxgk|xxgk|zwgk|gongkai|zfxxgkzl|zfxxgkpt|xxgkml)(?:_\d+)?/"
)
#: The platform's standard left navigation (portals.md §2.2): two of these make a platform page.
_PLATFORM_NAV = re.compile(
    r"政府信息公开指南|信息公开指南|政府信息公开制度|信息公开制度|法定主动公开内容|依申请公开"
)
#: An organ's name: what a department or township sub-site link says.
_ORGAN = re.compile(
    r"^[\u4e00-\u9fff（）()]{1,18}?(?:局|委员会|委|办公室|中心|街道办事处|街道|镇人民政府|乡人民政府|镇|乡|"
    r"管委会|管理委员会|人民政府|厅|署)$"
)
#: Fingerprints of the three CMS families (portals.md §1.1–§1.3), strongest first.
_CMS_MARKS: tuple[tuple[CmsHint, re.Pattern[str]], ...] = (
    ("gkmlpt", re.compile(r"/gkmlpt/|window\._CONFIG")),
    ("hanweb", re.compile(r"大汉|hanweb|jpage\(|/col/col\d+/|/module/web/jpage/")),
    (
        "trs",
        re.compile(
            r"TRS_(?:Editor|UEDITOR|AUTOADD)|createPageHTML|countPage|/t\d{8}_\d+\."
        ),
    ),
)
#: A start page with this many dated report links is a column whatever its navigation says.
MIN_REPORT_LINKS = 3
#: A site's root page (``/``, ``/index.html``, ``/default.htm``): a home page, never a column.
_ROOT_PAGE = re.compile(r"^/?(?:(?:index|default)\.s?html?)?$", re.IGNORECASE)


def is_platform_link(anchor_text: str, path: str) -> bool:
    """True for the 政府信息公开 section's link, by its anchor or its directory."""
    text = normalize_title(anchor_text)
    if _PLATFORM_NAV.search(text):
        return False  # 指南, 制度, 法定主动公开内容, 依申请公开: not where reports are listed
    return bool(_PLATFORM_ANCHOR.match(text) or _UNIT_PLATFORM_ANCHOR.match(text)) or (
        not text and bool(_PLATFORM_DIR.search(path.lower()))
    )


def is_organ_anchor(anchor_text: str) -> bool:
    """True for a link naming an organ (示范区教育局, 东城街道): a sub-site on a platform page."""
    return bool(_ORGAN.match(normalize_title(anchor_text)))


def has_platform_nav(anchors: Iterable[tuple[str, str]]) -> bool:
    """True for a page with the platform's left navigation (two of 指南/制度/法定/依申请)."""
    found = {m.group(0) for _, text in anchors for m in _PLATFORM_NAV.finditer(text)}
    return len(found) >= 2  # noqa: PLR2004 (one match could be a stray link)


def classify_discovery_link(  # noqa: PLR0911 (ordered rules read best as early returns)
    url: str, anchor_text: str, *, site: Site, page_url: str, on_platform: bool
) -> DiscoveryKind:
    """What the link is, seen from a page being discovered (home, platform or sub-site page).

    Organ links count as sub-sites only ``on_platform``: on a home page they are the 部门网站
    and 新闻 boxes of every portal, not the disclosure tree.
    """
    target = link_target(url, page_url, site)
    if isinstance(target, str):
        return target
    absolute, parts = target.geturl(), target
    text = normalize_title(anchor_text)
    if parts.path.endswith("/") and names_report(text):
        return "column"  # a year column anchored like a report (2023年度…年度报告 → ./2023/)
    if is_report_title(text):
        return "report"
    if absolute.split("#")[0] == page_url:
        return "ignore"
    if is_column_anchor(text) or is_column_path(parts.path):
        return "column"
    if is_platform_link(text, parts.path):
        return "platform"
    if on_platform and is_organ_anchor(text):
        return "subsite"
    return "ignore"


def page_role(
    html: str, url: str, *, site: Site, on_platform: bool = False
) -> PageRole:
    """Whether a fetched page is a report column (read as a list) or a page to discover from.

    A 年报 directory, or dated report links in number, make a column; a page that links a
    年报 column or the 政府信息公开 platform (or has its navigation) and lists fewer reports is
    a page to discover from, and so is a site's root page with such links whatever it lists
    (a 最新公开 box of reports on a home page must not make the whole site one column); any
    other page stays a column, as start pages always were. A page reached from a platform
    (``on_platform``) that lists organs' sub-sites is a page to discover from too (the
    platform's 部门信息公开 entry).
    """
    path = urlsplit(url).path
    if is_column_path(path):
        return "column"
    anchors = extract_anchors(html)
    reports = sum(1 for _, text in anchors if is_report_title(text))
    if reports >= MIN_REPORT_LINKS and not _ROOT_PAGE.match(path):
        return "column"
    leads = sum(
        1
        for href, text in anchors
        if classify_discovery_link(
            href, text, site=site, page_url=url, on_platform=on_platform
        )
        in ("column", "platform", "subsite")
    )
    return "discovery" if leads or has_platform_nav(anchors) else "column"


def guess_cms(html: str) -> CmsHint | None:
    """The CMS family whose fingerprints the page carries, or None (portals.md §1)."""
    for family, mark in _CMS_MARKS:
        if mark.search(html):
            return family
    return None


def column_scope(url: str) -> str:
    """The path prefix of a discovered column: its own directory (year and unit sub-columns).

    Unlike a start column's scope (its parent), a discovered column's siblings are the
    platform's other entries (指南, 法定主动公开内容 …), which must not be crawled.
    """
    path = urlsplit(url).path
    return path if path.endswith("/") else posixpath.dirname(path) + "/"


def is_sister_host(host: str, site: Site) -> bool:
    """True for a host of the same city or county domain that the entry does not allow yet.

    ``zwgk.x.gov.cn`` beside ``www.x.gov.cn`` (real-world.md, "sister hosts"); for a local
    site any other loopback name of this machine.
    """
    host = host.lower()
    if not host or host in site.hosts:
        return False
    if site.local:
        return is_loopback(f"http://{host}/")
    parents = {parent_domain(h) for h in site.allowed_domains}
    return parent_domain(host) in parents
