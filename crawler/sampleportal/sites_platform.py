"""Assemble the 政府信息公开 platform site (``demo-platform``): home page, platform, sub-sites.

Real portals are often registered by their home page only (real-world.md, "Portals"). This site
has the shape such an entry leads to, under ``/platform/``:

- a home page whose navigation leads to news, notices, services (unrelated columns, linked as
  ``index.html`` so a crawler that follows every column fetches them) and to the 政府信息公开
  platform (linked as a directory, ``/platform/zfxxgk/``), with a 部门网站 box of organ links;
- the platform page with the standard left navigation (指南 / 制度 / 法定主动公开内容 /
  政府信息公开年报 / 依申请公开) and a list of department and township sub-sites;
- each sub-site with its own 年报 column, linked the ways real sub-sites link it (variants by
  seed): ``政府信息公开年报`` → ``./zfxxgknb/``, ``年度报告`` → ``../xxgkgd/`` (a sub-site whose
  page sits one level down), ``年报`` → an absolute path to a non-standard directory,
  ``信息公开年报`` → ``./zfxxgknb/index.html``; one sub-site's column is linked on the sister
  host (``localhost`` beside ``127.0.0.1``, as ``zwgk.`` beside ``www.``).

The ground truth (``Platform``) is independent of the portal's size: the same handful of
organs and reports for every size, chosen by the seed. ``crawler.sampleportal.platform``
renders it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from crawler.sampleportal.builder import YEARS, Builder, fmt_for_year
from crawler.sampleportal.model import Article, Entry, ExpectedReport

if TYPE_CHECKING:
    from collections.abc import Mapping

SITE = "demo-platform"
PREFIX = "/platform/"
HOME = "/platform/"
PLATFORM = "/platform/zfxxgk/"
DISTRICT = "示范新区管理委员会"
MAIN_COLUMN = "/platform/zfxxgk/zfxxgknb/"
#: Columns a crawler looking for reports must never fetch (their list pages and articles).
UNRELATED = (
    "/platform/xwdt/",
    "/platform/tzgg/",
    "/platform/bsfw/",
    "/platform/zfxxgk/zfxxgkzn/",
    "/platform/zfxxgk/zfxxgkzd/",
    "/platform/zfxxgk/fdzdgknr/",
    "/platform/zfxxgk/ysqgk/",
)
DEPARTMENTS = (
    ("jyj", "示范新区教育局"),
    ("wjw", "示范新区卫生健康委员会"),
    ("czj", "示范新区财政局"),
)
TOWNSHIPS = (
    ("dcjd", "示范新区东城街道"),
    ("xhz", "示范新区新华镇"),
    ("hkx", "示范新区河口乡"),
)
#: How a sub-site links its 年报 column: (anchor, where the sub-site page is, column, href).
LinkStyle = Literal["named", "parent-dir", "absolute", "index", "sister"]
STYLES: tuple[LinkStyle, ...] = ("named", "parent-dir", "absolute", "index", "sister")
#: The main column lists this many rows per page, so it has a second page (下一页).
PER_PAGE = 6


@dataclass(frozen=True, slots=True)
class SubSite:
    """A department or township sub-site: its page, and how it links its own 年报 column."""

    organ: str
    page: str  # the path the platform links (the sub-site's 信息公开 page)
    column: str  # the 年报 column's directory
    anchor: str  # the column link's text
    href: str  # the column link as written (relative, absolute, or on the sister host)
    style: LinkStyle


@dataclass(frozen=True, slots=True)
class PlatformColumn:
    name: str
    path: str  # directory; page 1 is served at the directory and at index.html
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Platform:
    """The platform site and its ground truth."""

    reports: tuple[ExpectedReport, ...]
    subsites: tuple[SubSite, ...]
    columns: Mapping[str, PlatformColumn]
    pages: Mapping[str, Article]

    def report_columns(self) -> tuple[str, ...]:
        """Every 年报 column a discovery must find: the platform's and each sub-site's."""
        return (MAIN_COLUMN, *(s.column for s in self.subsites))


def _subsite(kind: str, code: str, organ: str, style: LinkStyle) -> SubSite:
    base = f"{PREFIX}{kind}/{code}/"
    if style == "parent-dir":
        # the sub-site's page is one level down; its column is a sibling directory
        return SubSite(
            organ, base + "xxgk/", base + "xxgkgd/", "年度报告", "../xxgkgd/", style
        )
    if style == "absolute":
        return SubSite(organ, base, base + "nb/", "年报", base + "nb/", style)
    if style == "index":
        column = base + "zfxxgknb/"
        return SubSite(
            organ, base, column, "信息公开年报", "./zfxxgknb/index.html", style
        )
    if style == "sister":
        column = base + "zfxxgknb/"
        return SubSite(
            organ, base, column, "政府信息公开年报", "{sister}" + column, style
        )
    return SubSite(
        organ, base, base + "zfxxgknb/", "政府信息公开年报", "./zfxxgknb/", style
    )


def _column(
    b: Builder, path: str, name: str, organ: str, years: tuple[int, ...]
) -> PlatformColumn:
    entries = []
    for year in years:
        docid = b.new_id(7)
        day = b.report_date(year)
        page = f"{path}{day:%Y%m}/t{day:%Y%m%d}_{docid}.html"
        title = b.report_title(organ, year)
        fmt = fmt_for_year(year)
        report = b.add_report(
            site_id=SITE, docid=docid, title=title, year=year, agency=organ, fmt=fmt,
            paths=(page,), numbers=b.numbers(fmt), layout="html", encoding="utf-8",
        )  # fmt: skip
        article = Article(
            SITE, docid, title, day, organ, name, (page,), "report", report=report
        )
        entries.append(Entry(f"./{page.removeprefix(path)}", b.add_page(article)))
    # a notice of the same column that is not a report (portals.md §2.3 look-alikes)
    docid = b.new_id(7)
    day = b.article_date()
    page = f"{path}{day:%Y%m}/t{day:%Y%m%d}_{docid}.html"
    notice = Article(
        SITE, docid, "关于做好政府信息公开工作年度报告有关事项的通知", day, organ, name,
        (page,), "article",
    )  # fmt: skip
    entries.append(Entry(f"./{page.removeprefix(path)}", b.add_page(notice)))
    entries.sort(key=lambda e: (e.article.published, e.article.docid), reverse=True)
    return PlatformColumn(name, path, tuple(entries))


def build_platform(*, seed: int) -> Platform:
    """The platform site for ``seed``: same seed, same site (independent of portal size)."""
    b = Builder(seed * 7919 + 2260, 0)
    offset = b.rng.randrange(len(STYLES))
    organs = [("bm", code, name) for code, name in DEPARTMENTS]
    organs += [("xz", code, name) for code, name in TOWNSHIPS]
    subsites = tuple(
        _subsite(kind, code, organ, STYLES[(i + offset) % len(STYLES)])
        for i, (kind, code, organ) in enumerate(organs)
    )
    columns = {
        MAIN_COLUMN: _column(b, MAIN_COLUMN, "政府信息公开年报", DISTRICT, YEARS)
    }
    for site in subsites:
        years = tuple(sorted(b.rng.sample(YEARS, 2)))
        columns[site.column] = _column(b, site.column, site.anchor, site.organ, years)
    return Platform(tuple(b.reports), subsites, columns, b.pages)
