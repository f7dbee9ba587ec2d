"""The TRS site's columns and how each kind of page enters them (``demo-trs``).

Owns the site's identity (id, district organ, directory, GBK encoding), the ``tYYYYMMDD_docid``
detail paths with the ``./`` hrefs a TRS list writes, and ``TrsSite``: one method per kind of
row (a synthetic report, a corpus text, a failing link, an ordinary article). Kept apart from
``sites_trs`` (which columns exist and how full they are) and ``sites_trs_special`` (which
failure modes are planted), so both can add rows without knowing how a row is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crawler.sampleportal.builder import fmt_for_year
from crawler.sampleportal.corpus import CORPUS
from crawler.sampleportal.model import Article, Attachment, AttachmentKind, Entry, Role
from crawler.sampleportal.reportgen import correct_one_number

if TYPE_CHECKING:
    import datetime

    from crawler.sampleportal.builder import Builder
    from crawler.sampleportal.model import BodyLayout, ExpectedReport, Hostility

SITE = "demo-trs"
DISTRICT = "示范区人民政府"
DISTRICT_DIR = "/trs/zfxxgk/zfxxgknb/"
ENCODING = "gbk"


def detail_path(col_dir: str, day: datetime.date, docid: int) -> str:
    return f"{col_dir}{day:%Y%m}/t{day:%Y%m%d}_{docid}.html"


def rel(col_dir: str, path: str) -> str:
    """The href a TRS list page writes: ``./202101/t20210121_1234567.html``."""
    return "./" + path.removeprefix(col_dir)


@dataclass(slots=True)
class TrsColumn:
    key: str
    name: str
    directory: str
    organ: str  # who publishes the column's ordinary articles
    entries: list[Entry] = field(default_factory=list)


@dataclass(slots=True)
class TrsSite:
    b: Builder
    columns: dict[str, TrsColumn] = field(default_factory=dict)
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
