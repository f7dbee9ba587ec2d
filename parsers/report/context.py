"""What the page that links an attachment lends the attachment's report.

A report published as an attachment is often silent about itself: a PDF without a title page,
a scan, a spreadsheet of the tables alone. The page that links it says what it is (its title,
year, organ, publication date, 索引号, the link's anchor text). ``apply_page_context`` fills the
fields the file left empty from that context, never overrides what the file states, and records
``linking_page`` as the source of each field it filled (``Report.metadata_sources``), so a
reader can tell a year the file printed from one its page gave.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from parsers.report import labels
from parsers.report.dates import read_date, title_year

if TYPE_CHECKING:
    from parsers.model import RegionSource, Report

#: The source name recorded for every field taken from the linking page.
LINKING_PAGE = "linking_page"
#: Problems that a field filled from the page answers.
_ANSWERED = {"year": "year_not_found", "agency": "agency_not_found"}


@dataclass(frozen=True, slots=True)
class PageContext:
    """What the linking page says (from its own report row and metadata) and the anchor text."""

    title: str | None = None
    year: int | None = None
    agency: str | None = None
    published: str | None = None
    index_no: str | None = None
    anchor_text: str | None = None
    region_code: str | None = None
    region_source: RegionSource | None = None


def _title(context: PageContext) -> str | None:
    """The page's title when it names a report, else an anchor text that does (年报/年度报告)."""
    for text in (context.title, context.anchor_text):
        if text and labels.REPORT_TITLE.search(text):
            return text.strip()
    return None


def apply_page_context(report: Report, context: PageContext) -> Report:
    """``report`` with the fields its file left empty taken from ``context``."""
    sources = dict(report.metadata_sources)
    filled: dict[str, object] = {}
    title = _title(context)
    if report.title is None and title:
        filled["title"] = title
    year = context.year or (title_year(title) if title else None)
    if report.year is None and year is not None:
        filled["year"] = year
    if report.agency is None and context.agency:
        filled["agency"] = context.agency
        if report.region_code is None and context.region_code:
            filled["region_code"] = context.region_code
            filled["region_source"] = context.region_source or "organ_name"
    published = read_date(context.published) if context.published else None
    if report.published is None and published:
        filled["published"] = published
    if not filled:
        return report
    for key in filled:
        if key != "region_source":
            sources[key] = LINKING_PAGE
    problems = tuple(
        p
        for p in report.problems
        if not any(
            p.where == k and p.kind == kind
            for k, kind in _ANSWERED.items()
            if k in filled
        )
    )
    return replace(report, **filled, metadata_sources=sources, problems=problems)  # type: ignore[arg-type]
