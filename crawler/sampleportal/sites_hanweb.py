"""Assemble the Hanweb JCMS site (``demo-hanweb``): a county column and its organs' columns.

Column ids start at 1001 (the county); each column's list is served through the jpage
``dataproxy.jsp`` scheme, in one of the jpage set-ups real sites use (``hanweb_setups``): the
county column in a set-up drawn by the seed, and one sub-column per other set-up whose only
report is its oldest row, so it is found only if every group is asked for. The county column
always holds more than one embedded group (45 records) so the POST path is exercised, the 2022 report still drawn with 2019 headers, two
corpus texts and an offsite link.
"""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING

from crawler.sampleportal.builder import LOOK_ALIKES, YEARS, fmt_for_year
from crawler.sampleportal.corpus import CORPUS
from crawler.sampleportal.hanweb_setups import SETUPS
from crawler.sampleportal.model import Article, Attachment, Entry, SiteTruth

if TYPE_CHECKING:
    import datetime

    from crawler.sampleportal.builder import Builder
    from crawler.sampleportal.model import AttachmentKind, BodyLayout
    from crawler.sampleportal.reportgen import FormatName

SITE = "demo-hanweb"
COUNTY = "示范县人民政府"
TOWNS = ("城关镇", "河口镇", "青山乡", "白水镇", "石桥乡", "新庄镇")
#: More than perPage × groupSize (45) rows, so the second group comes from dataproxy.jsp.
MIN_COUNTY_ROWS = 50
MIN_ROWS = 4
ENCODING = "utf-8"
FIRST_COLUMN = 1001
#: Columns drawn in the other jpage set-ups: 5 per page × 2 pages per group, 27 rows, so the
#: embedded group holds 10 and two more groups are POSTed (the last one short).
VARIANT_COLUMN = 2001
VARIANT_PAGING = (5, 2)
VARIANT_ROWS = 27
VARIANT_ORGANS = ("档案馆", "统计局", "审计局", "水务局", "林业局", "商务局")


def detail_path(column_id: int, day: datetime.date, artid: int) -> str:
    """``/hanweb/art/2021/1/21/art_1001_567890.html`` (month and day are not zero-padded)."""
    return f"/hanweb/art/{day.year}/{day.month}/{day.day}/art_{column_id}_{artid}.html"


def add_hanweb(b: Builder, count: int) -> SiteTruth:
    """Add the Hanweb site with ``count`` ordinary reports plus its special cases."""
    n_organs = max(3, ceil(count / len(YEARS)) + 1)
    organs = [(FIRST_COLUMN, COUNTY)]
    for i in range(1, n_organs):
        town = TOWNS[(i - 1) % len(TOWNS)]
        suffix = "" if i <= len(TOWNS) else str(i)
        organs.append((FIRST_COLUMN + i, f"示范县{town}{suffix}人民政府"))
    entries: dict[int, list[Entry]] = {cid: [] for cid, _ in organs}
    names = dict(organs)

    def report(
        cid: int,
        agency: str,
        year: int,
        *,
        fmt: FormatName | None = None,
        layout: BodyLayout | None = None,
        corpus_file: str | None = None,
        title: str | None = None,
        attach: AttachmentKind | None = None,
        only: bool = False,
    ) -> None:
        day = b.report_date(year)
        artid = b.new_id(6)
        path = detail_path(cid, day, artid)
        key = f"{SITE}:{artid}"
        attachments: tuple[Attachment, ...] = ()
        if attach is None and corpus_file is None and b.rng.random() < 0.25:  # noqa: PLR2004 (a quarter carry a PDF)
            attach = "pdf"
        if attach is not None:
            name = f"{b.rng.getrandbits(128):032x}.{attach}"
            apath = f"/hanweb/module/download/downfile.jsp?classid=0&filename={name}"
            label = f"{agency}{year}年年报.{attach}"
            attachments = (Attachment(apath, label, attach, key),)
        fmt = fmt or fmt_for_year(year)
        expected = b.add_report(
            site_id=SITE,
            docid=artid,
            title=title or b.report_title(agency, year),
            year=year,
            agency=agency,
            fmt=fmt,
            paths=[path],
            numbers=None if corpus_file else b.numbers(fmt),
            layout="corpus" if corpus_file else (layout or b.next_layout()),
            encoding=ENCODING,
            attachments=[a.path for a in attachments],
            attachment_only=only,
            corpus_file=corpus_file,
        )
        art = Article(
            SITE,
            artid,
            expected.title,
            day,
            agency,
            names[cid],
            (path,),
            "report",
            expected,
            attachments,
        )
        entries[cid].append(Entry(path, b.add_page(art)))

    for i in range(count):
        cid, agency = organs[i % len(organs)]
        report(cid, agency, YEARS[(i // len(organs)) % len(YEARS)])
    # a 2022 report that still uses the 2019 table headers (seen on county sites in 2023)
    report(FIRST_COLUMN, COUNTY, 2022, fmt="2019", layout="html")
    for corpus, (cid, _) in zip(CORPUS[2:4], organs[1:3], strict=True):
        report(
            cid, corpus.agency, corpus.year, corpus_file=corpus.file, title=corpus.title
        )

    # attachment-only reports: a WPS file and an XLSX workbook behind downfile.jsp,
    # served as application/octet-stream like every Hanweb download, with an empty article body
    report(organs[1][0], organs[1][1], 2023, layout="html", attach="wps", only=True)
    report(organs[2][0], organs[2][1], 2024, layout="html", attach="xlsx", only=True)

    # an offsite link with a report-like title (the provincial platform's copy)
    day = b.report_date(2021)
    offsite_id = b.new_id(6)
    offsite_path = f"/offsite/hanweb/art_{offsite_id}.html"
    offsite = Article(
        SITE,
        offsite_id,
        "示范市2021年政府信息公开工作年度报告",
        day,
        "示范市人民政府",
        COUNTY,
        (offsite_path,),
        "offsite",
    )
    entries[FIRST_COLUMN].append(Entry(offsite_path, offsite, offsite=True))
    b.special["offsite"] = (*b.special.get("offsite", ()), offsite_path)

    for shape in LOOK_ALIKES[:2]:
        _article(
            b,
            entries,
            names,
            FIRST_COLUMN,
            shape.format(org="示范县", year=b.rng.choice(YEARS)),
        )
    for cid, rows in entries.items():
        target = max(
            MIN_COUNTY_ROWS if cid == FIRST_COLUMN else MIN_ROWS, len(rows) * 3
        )
        while len(rows) < target:
            _article(b, entries, names, cid, b.article_title(names[cid]))
    county_setup, variants = _setups(b)
    variant_ids = [VARIANT_COLUMN + i for i in range(len(variants))]
    for cid in variant_ids:
        names[cid] = f"示范县{VARIANT_ORGANS[cid % len(VARIANT_ORGANS)]}"
        entries[cid] = []
        # the report is the oldest row, so it arrives in the last POSTed group
        report(cid, names[cid], 2019)
        _fill(b, entries, names, cid)
    for cid, rows in entries.items():
        children = (
            tuple(f"hanweb:{c}" for c, _ in organs[1:])
            + tuple(f"hanweb:{c}" for c in variant_ids)
            if cid == FIRST_COLUMN
            else ()
        )
        variant = dict(zip(variant_ids, variants, strict=True)).get(cid)
        b.add_column(
            site_id=SITE,
            key=f"hanweb:{cid}",
            name=names[cid],
            path=f"/hanweb/col/col{cid}/index.html",
            entries=rows,
            children=children,
            setup=variant or (county_setup if cid == FIRST_COLUMN else "inline"),
            paging=VARIANT_PAGING if variant else (15, 3),
        )
    return SiteTruth(
        SITE, "hanweb", f"/hanweb/col/col{FIRST_COLUMN}/index.html", "示范县人民政府网"
    )


def _fill(
    b: Builder, entries: dict[int, list[Entry]], names: dict[int, str], cid: int
) -> None:
    """Fill a set-up column with articles newer than its report, up to ``VARIANT_ROWS``."""
    while len(entries[cid]) < VARIANT_ROWS:
        _article(b, entries, names, cid, b.article_title(names[cid]), recent=True)


def _setups(b: Builder) -> tuple[str, tuple[str, ...]]:
    """The county column's set-up (drawn by the seed) and one column for each other set-up.

    The county column keeps a set-up whose proxy sits under ``/hanweb/``; the order of the
    variant columns is drawn too, so different seeds list them differently.
    """
    county = b.rng.choice(("inline", "variable", "default-proxy"))
    others = [s for s in SETUPS if s != county]
    b.rng.shuffle(others)
    return county, tuple(others)


def _article(
    b: Builder,
    entries: dict[int, list[Entry]],
    names: dict[int, str],
    cid: int,
    title: str,
    *,
    recent: bool = False,
) -> None:
    day = b.article_date()
    if recent:  # newer than any report of the column, so the report is listed last
        day = day.replace(year=max(day.year, 2025))
    artid = b.new_id(6)
    path = detail_path(cid, day, artid)
    art = b.add_page(
        Article(SITE, artid, title, day, names[cid], names[cid], (path,), "article")
    )
    entries[cid].append(Entry(path, art))
