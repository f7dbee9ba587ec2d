"""The ``Builder`` every site family draws from: one seeded random stream, ids, dates, titles.

``sites_trs``, ``sites_hanweb`` and ``sites_gkmlpt`` assemble their families through these
helpers, so ids, dates and titles are drawn the same way; ``build`` calls the families in a
fixed order. Kept apart from ``build`` so the families import it and ``build`` imports them,
one way.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crawler.sampleportal.model import (
    Article,
    Attachment,
    BodyLayout,
    Column,
    Entry,
    ExpectedReport,
    Portal,
    SafetyPaths,
    SiteTruth,
    SpecialPaths,
)
from crawler.sampleportal.reportgen import (
    TEXT_LAYOUTS,
    FormatName,
    ReportNumbers,
    generate_numbers,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

YEARS = (2019, 2020, 2021, 2022, 2023, 2024)
#: Every 3rd synthetic report is published as text paragraphs instead of HTML tables (so even
#: the size-30 portal has every text layout).
TEXT_EVERY = 3
#: Non-report articles per report: the reports sit among many other articles, as on real portals.
ARTICLES_PER_REPORT = 2
TITLE_SHAPES = (
    "{agency}{year}年政府信息公开工作年度报告",
    "{year}年{agency}政府信息公开工作年度报告",
    "{agency}{year}年度政府信息公开工作年度报告",
    "{agency}关于{year}年政府信息公开工作年度报告",
)
ARTICLE_TITLES = (
    "关于印发《{org}{year}年政务公开工作要点》的通知",
    "{org}召开{year}年第{n}次常务会议",
    "{org}开展安全生产大检查工作动态",
    "关于{year}年度第{n}批行政许可事项的公示",
    "{org}{year}年财政预算公开说明",
    "{org}{year}年重点民生实事项目进展情况",
    "关于公布{org}权责清单的公告",
)
LOOK_ALIKES = (
    "{org}{year}年度政府网站年度工作报表",
    "{org}{year}年法治政府建设年度报告",
    "关于做好政府信息公开工作年度报告有关事项的通知",
)


def fmt_for_year(year: int) -> FormatName:
    """≤2020 reports use the 2019 national format, later ones the 2021 format."""
    return "2019" if year <= 2020 else "2021"  # noqa: PLR2004 (the format changed for 2021 reports)


@dataclass(slots=True)
class Builder:
    """Mutable state while building: the random stream, used ids, and what has been added."""

    seed: int
    size: int
    rng: random.Random = field(init=False)
    used_ids: set[int] = field(default_factory=set)
    reports: list[ExpectedReport] = field(default_factory=list)
    article_paths: list[str] = field(default_factory=list)
    pages: dict[str, Article] = field(default_factory=dict)
    files: dict[str, Attachment] = field(default_factory=dict)
    columns: dict[str, Column] = field(default_factory=dict)
    special: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    safety: SafetyPaths | None = None
    hostile: bool = False  # plant the politeness and safety cases (``hostile.py``)
    synthetic_count: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    # ------------------------------------------------------------ draws

    def new_id(self, digits: int) -> int:
        low, high = 10 ** (digits - 1), 10**digits - 1
        while True:
            candidate = self.rng.randint(low, high)
            if candidate not in self.used_ids:
                self.used_ids.add(candidate)
                return candidate

    def report_date(self, year: int) -> datetime.date:
        """Reports come out in the first quarter of the next year (the 条例 deadline is 31 Jan)."""
        return datetime.date(year + 1, self.rng.randint(1, 3), self.rng.randint(1, 28))

    def article_date(self) -> datetime.date:
        return datetime.date(
            self.rng.choice(YEARS), self.rng.randint(1, 12), self.rng.randint(1, 28)
        )

    def report_title(self, agency: str, year: int) -> str:
        return self.rng.choice(TITLE_SHAPES).format(agency=agency, year=year)

    def article_title(self, org: str) -> str:
        shape = self.rng.choice(ARTICLE_TITLES)
        return shape.format(
            org=org, year=self.rng.choice(YEARS), n=self.rng.randint(1, 30)
        )

    def next_layout(self) -> BodyLayout:
        """Mostly HTML tables; every ``TEXT_EVERY``-th synthetic report in a text layout."""
        self.synthetic_count += 1
        if self.synthetic_count % TEXT_EVERY:
            return "html"
        return TEXT_LAYOUTS[
            (self.synthetic_count // TEXT_EVERY - 1) % len(TEXT_LAYOUTS)
        ]

    def numbers(self, fmt: FormatName) -> ReportNumbers:
        return generate_numbers(self.rng, fmt)

    # ------------------------------------------------------------ records

    def add_report(
        self,
        *,
        site_id: str,
        docid: int,
        title: str,
        year: int,
        agency: str,
        fmt: FormatName,
        paths: Sequence[str],
        numbers: ReportNumbers | None,
        layout: BodyLayout,
        encoding: str,
        attachments: Sequence[str] = (),
        attachment_only: bool = False,
        corrected_version_of: str | None = None,
        corpus_file: str | None = None,
    ) -> ExpectedReport:
        report = ExpectedReport(
            key=f"{site_id}:{docid}",
            site_id=site_id,
            title=title,
            year=year,
            agency=agency,
            format=fmt,
            paths=tuple(paths),
            attachment_paths=tuple(attachments),
            attachment_only=attachment_only,
            corrected_version_of=corrected_version_of,
            corpus_file=corpus_file,
            numbers=numbers,
            layout=layout,
            encoding=encoding,
        )
        self.reports.append(report)
        return report

    def add_page(self, article: Article) -> Article:
        for path in article.paths:
            self.pages[path] = article
        for attachment in article.attachments:
            self.files[attachment.path] = attachment
        if article.role == "article":
            self.article_paths.extend(article.paths)
        return article

    def add_column(
        self,
        *,
        site_id: str,
        key: str,
        name: str,
        path: str,
        entries: list[Entry],
        children: Sequence[str] = (),
        setup: str = "inline",
        paging: tuple[int, int] = (15, 3),
    ) -> None:
        """Store a column with its entries newest first (ties broken by id, so it is stable)."""
        ordered = sorted(
            entries, key=lambda e: (e.article.published, e.article.docid), reverse=True
        )
        self.columns[key] = Column(
            site_id, key, name, path, tuple(ordered), tuple(children), setup, paging
        )

    def finish(self, sites: tuple[SiteTruth, ...]) -> Portal:
        s = self.special
        return Portal(
            seed=self.seed,
            size=self.size,
            sites=sites,
            reports=tuple(self.reports),
            articles=tuple(self.article_paths),
            special=SpecialPaths(
                soft404=str(s["soft404"]),
                broken=str(s["broken"]),
                flaky_500=str(s["flaky_500"]),
                redirect_from=str(s["redirect_from"]),
                redirect_to=str(s["redirect_to"]),
                trap_prefix=str(s["trap_prefix"]),
                offsite=tuple(s["offsite"]),
                robots_disallowed=str(s["robots_disallowed"]),
                non_html=str(s["non_html"]),
                malformed=str(s["malformed"]),
                oversized=str(s["oversized"]),
                html_error_attachment=str(s["html_error_attachment"]),
                truncated_attachment=str(s["truncated_attachment"]),
            ),
            columns=self.columns,
            pages=self.pages,
            files=self.files,
            safety=self.safety,
        )
