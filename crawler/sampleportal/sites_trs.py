"""Assemble the TRS WCM site (``demo-trs``): district column, street sub-columns, 部门年报.

Nearly every failure mode lives here, because TRS district sites are where they were met: the
same report listed in the district column and in a street's column, a corrected republication,
the ``file_appendix``-only report, soft-404s, broken links, a 500, an old-URL redirect, links off
the site, a robots-disallowed directory, a calendar trap, binary and malformed pages, and an
oversized attachment (docs/sample-portal.md, section D).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import ceil
from typing import TYPE_CHECKING

from crawler.sampleportal.build import LOOK_ALIKES, YEARS, fmt_for_year
from crawler.sampleportal.corpus import CORPUS
from crawler.sampleportal.model import (
    Article,
    Attachment,
    AttachmentKind,
    Entry,
    Role,
    SiteTruth,
)
from crawler.sampleportal.reportgen import correct_one_number

if TYPE_CHECKING:
    import datetime

    from crawler.sampleportal.build import Builder
    from crawler.sampleportal.model import BodyLayout, ExpectedReport, Hostility

SITE = "demo-trs"
DISTRICT = "示范区人民政府"
DISTRICT_DIR = "/trs/zfxxgk/zfxxgknb/"
DEPT_DIR = "/trs/zfxxgk/bmnb/"
STREETS = (
    "东城街道办事处",
    "西城街道办事处",
    "南湖街道办事处",
    "北苑街道办事处",
    "城关镇人民政府",
    "新华乡人民政府",
)
DEPARTMENTS = (
    "教育局",
    "民政局",
    "财政局",
    "卫生健康局",
    "交通运输局",
    "市场监督管理局",
)
#: Column sizes that guarantee pagination at every portal size (15 rows per page).
MIN_DISTRICT_ROWS = 31
MIN_DEPT_ROWS = 16
MIN_STREET_ROWS = 3
#: A quarter of the ordinary reports link a PDF copy.
PDF_SHARE = 0.25
ENCODING = "gbk"


def detail_path(col_dir: str, day: datetime.date, docid: int) -> str:
    return f"{col_dir}{day:%Y%m}/t{day:%Y%m%d}_{docid}.html"


def rel(col_dir: str, path: str) -> str:
    """The href a TRS list page writes: ``./202101/t20210121_1234567.html``."""
    return "./" + path.removeprefix(col_dir)


def _cycled(names: tuple[str, ...], index: int) -> str:
    base = names[index % len(names)]
    return base if index < len(names) else f"第{index // len(names) + 1}{base}"


@dataclass(slots=True)
class _Column:
    key: str
    name: str
    directory: str
    organ: str  # who publishes the column's ordinary articles
    entries: list[Entry] = field(default_factory=list)


@dataclass(slots=True)
class _TrsSite:
    b: Builder
    columns: dict[str, _Column] = field(default_factory=dict)
    organs: list[tuple[str, str]] = field(default_factory=list)

    def report(
        self,
        col: str,
        agency: str,
        year: int,
        *,
        extra_cols: tuple[str, ...] = (),
        attach: AttachmentKind | None = None,
        inline: bool = False,
        layout: BodyLayout | None = None,
        oversized: bool = False,
        hostile: Hostility | None = None,
        corrects: ExpectedReport | None = None,
        listed: bool = True,
    ) -> Article:
        """Add a synthetic report (listed in ``col`` and ``extra_cols`` unless ``listed=False``)."""
        b, home = self.b, self.columns[col]
        day, docid = b.report_date(year), b.new_id(7)
        cols = [self.columns[c] for c in (col, *extra_cols)]
        paths = [detail_path(c.directory, day, docid) for c in cols]
        attachments: tuple[Attachment, ...] = ()
        if attach:
            name = f"P0{day:%Y%m%d}{b.rng.randrange(10**14, 10**15)}.{attach}"
            apath = f"{home.directory}{day:%Y%m}/{name}"
            label = f"{agency}{year}年政府信息公开工作年度报告.{attach}"
            attachments = (
                Attachment(apath, label, attach, f"{SITE}:{docid}", oversized, hostile),
            )
        if corrects is not None and corrects.numbers is not None:
            fmt, numbers = corrects.format, correct_one_number(corrects.numbers, b.rng)
        else:
            fmt = fmt_for_year(year)
            numbers = b.numbers(fmt)
        expected = b.add_report(
            site_id=SITE,
            docid=docid,
            title=corrects.title if corrects else b.report_title(agency, year),
            year=year,
            agency=agency,
            fmt=fmt,
            paths=paths,
            numbers=numbers,
            layout=layout or b.next_layout(),
            encoding=ENCODING,
            attachments=[a.path for a in attachments],
            attachment_only=inline,
            corrected_version_of=corrects.key if corrects else None,
        )
        article = b.add_page(
            Article(
                SITE,
                docid,
                expected.title,
                day,
                agency,
                home.name,
                tuple(paths),
                "report",
                expected,
                attachments,
                inline,
            )
        )
        if listed:
            for column, path in zip(cols, paths, strict=True):
                column.entries.append(Entry(rel(column.directory, path), article))
        return article

    def corpus_report(self, col: str, index: int) -> None:
        corpus, column, b = CORPUS[index], self.columns[col], self.b
        day, docid = b.report_date(corpus.year), b.new_id(7)
        path = detail_path(column.directory, day, docid)
        expected = b.add_report(
            site_id=SITE,
            docid=docid,
            title=corpus.title,
            year=corpus.year,
            agency=corpus.agency,
            fmt=fmt_for_year(corpus.year),
            paths=[path],
            numbers=None,
            layout="corpus",
            encoding=ENCODING,
            corpus_file=corpus.file,
        )
        article = Article(
            SITE,
            docid,
            corpus.title,
            day,
            corpus.agency,
            column.name,
            (path,),
            "report",
            expected,
        )
        column.entries.append(Entry(rel(column.directory, path), b.add_page(article)))

    def failure(
        self, role: Role, year: int, agency: str, path: str | None = None
    ) -> str:
        """A report-like link in the district column whose target fails in the way ``role`` says."""
        b, district = self.b, self.columns["zfxxgknb"]
        day, docid = b.report_date(year), b.new_id(7)
        path = path or detail_path(DISTRICT_DIR, day, docid)
        article = Article(
            SITE,
            docid,
            b.report_title(agency, year),
            day,
            agency,
            district.name,
            (path,),
            role,
        )
        if role not in ("broken", "offsite"):
            b.pages[path] = article
        href = rel(DISTRICT_DIR, path) if path.startswith(DISTRICT_DIR) else path
        district.entries.append(Entry(href, article, offsite=role == "offsite"))
        return path

    def article(self, col: str, title: str | None = None) -> None:
        b, column = self.b, self.columns[col]
        day, docid = b.article_date(), b.new_id(7)
        path = detail_path(column.directory, day, docid)
        title = title or b.article_title(column.organ)
        article = Article(
            SITE, docid, title, day, column.organ, column.name, (path,), "article"
        )
        column.entries.append(Entry(rel(column.directory, path), b.add_page(article)))


def add_trs(b: Builder, count: int) -> SiteTruth:
    """Add the TRS site with ``count`` ordinary reports plus every special case."""
    site = _TrsSite(b)
    organs_needed = ceil(count / len(YEARS)) + 1
    n_streets = max(2, organs_needed * 2 // 3)
    n_depts = max(2, organs_needed - n_streets)
    site.columns["zfxxgknb"] = _Column(
        "zfxxgknb", "政府信息公开年报", DISTRICT_DIR, DISTRICT
    )
    site.organs.append(("zfxxgknb", DISTRICT))
    for i in range(n_streets):
        key, organ = f"jd{i + 1:02d}", f"示范区{_cycled(STREETS, i)}"
        site.columns[key] = _Column(key, organ, f"{DISTRICT_DIR}xzjd/{key}/", organ)
        site.organs.append((key, organ))
    site.columns["bmnb"] = _Column("bmnb", "部门年报", DEPT_DIR, "示范区财政局")
    site.organs += [
        ("bmnb", f"示范区{_cycled(DEPARTMENTS, i)}") for i in range(n_depts)
    ]

    for i in range(count):
        col, agency = site.organs[i % len(site.organs)]
        year = YEARS[(i // len(site.organs)) % len(YEARS)]
        site.report(
            col, agency, year, attach="pdf" if b.rng.random() < PDF_SHARE else None
        )
    _add_special_cases(site)
    for shape in LOOK_ALIKES:  # the hard negatives
        site.article("zfxxgknb", shape.format(org="示范区", year=b.rng.choice(YEARS)))
    minimum = {"zfxxgknb": MIN_DISTRICT_ROWS, "bmnb": MIN_DEPT_ROWS}
    for key, column in site.columns.items():
        target = max(minimum.get(key, MIN_STREET_ROWS), len(column.entries) * 3)
        while len(column.entries) < target:
            site.article(key)
    children = tuple(f"trs:{key}" for key in site.columns if key != "zfxxgknb")
    for key, column in site.columns.items():
        b.add_column(
            site_id=SITE,
            key=f"trs:{key}",
            name=column.name,
            path=column.directory + ("index.shtml" if key == "bmnb" else "index.html"),
            entries=column.entries,
            children=children if key == "zfxxgknb" else (),
        )
    return SiteTruth(SITE, "trs", DISTRICT_DIR + "index.html", "示范区人民政府门户网站")


def _add_special_cases(site: _TrsSite) -> None:
    """docs/sample-portal.md, section D: one of each, all reachable from the district column."""
    b, special = site.b, site.b.special
    (street0, agency0), (street1, agency1) = site.organs[1], site.organs[2]
    site.report(
        street0, agency0, 2021, extra_cols=("zfxxgknb",), layout="html"
    )  # two URLs, same bytes
    original = site.report("zfxxgknb", DISTRICT, 2022, layout="html")
    assert original.report is not None  # noqa: S101 (report() always sets it)
    site.report("zfxxgknb", DISTRICT, 2022, layout="html", corrects=original.report)
    site.report(street1, agency1, 2023, attach="docx", inline=True, layout="tabs")
    special["flaky_500"] = site.report("zfxxgknb", DISTRICT, 2023, layout="html").paths[
        0
    ]
    moved = site.report("zfxxgknb", DISTRICT, 2020, layout="html", listed=False)
    old_url = f"/trs/old/zfxxgknb/{moved.docid}.html"
    special["redirect_from"], special["redirect_to"] = old_url, moved.paths[0]
    site.columns["zfxxgknb"].entries.append(Entry(old_url, moved))
    big = site.report(
        "zfxxgknb", DISTRICT, 2021, attach="pdf", oversized=True, layout="html"
    )
    special["oversized"] = big.attachments[0].path
    site.corpus_report("zfxxgknb", 0)
    site.corpus_report(street0, 1)
    special["soft404"] = site.failure("soft404", 2021, site.organs[-1][1])
    special["broken"] = site.failure("broken", 2022, agency0)
    special["non_html"] = site.failure("non_html", 2020, agency1)
    special["malformed"] = site.failure("malformed", 2024, DISTRICT)
    private = f"/trs/private/zfxxgknb/t{b.new_id(7)}.html"
    special["robots_disallowed"] = site.failure("robots", 2021, "示范区保密局", private)
    offsite = f"/offsite/zfxxgknb/t{b.new_id(7)}.html"
    special["offsite"] = (site.failure("offsite", 2021, "示范市人民政府", offsite),)
    special["trap_prefix"] = f"{DISTRICT_DIR}rl"
    # issue 5: attachment-only PDF and DOC reports, and two broken PDFs beside readable pages
    site.report(
        "zfxxgknb", "示范区审计局", 2024, attach="pdf", inline=True, layout="html"
    )
    site.report(street0, "示范区档案馆", 2022, attach="doc", inline=True, layout="html")
    for hostile in ("html_error", "truncated"):
        broken = site.report("zfxxgknb", DISTRICT, 2024, attach="pdf", hostile=hostile)
        special[f"{hostile}_attachment"] = broken.attachments[0].path
