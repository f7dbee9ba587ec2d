"""The sample portal as data: sites, columns, articles, attachments and the ground truth.

``build_portal`` (``build.py``) fills these records once from (seed, size); the server renders
pages from them on request. The records a test needs (``SiteTruth``, ``ExpectedReport``,
``SpecialPaths``) are the ground truth; ``Column``, ``Article`` and ``Attachment`` are what
the family renderers draw. Every path is relative to the server root, so nothing here depends
on the port.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping

    from crawler.sampleportal.reportgen import FormatName, ReportNumbers

Family = Literal["trs", "hanweb", "gkmlpt"]
#: How a report's body is drawn: reportgen HTML tables, a reportgen text layout, or a corpus text.
BodyLayout = Literal[
    "html",
    "corpus",
    "one_per_line",
    "tabs",
    "pipes",
    "dropped_blanks",
    "arabic_sections",
]
#: What a list entry leads to. Only ``report`` and ``article`` are real pages of the site.
Role = Literal[
    "report",
    "article",
    "soft404",  # 200 with a 页面不存在 page
    "broken",  # 404
    "non_html",  # binary bytes at a .html URL
    "malformed",  # unclosed tags, truncated mid-table
    "robots",  # under /trs/private/, disallowed by robots.txt
    "offsite",  # http://localhost:PORT/offsite/...
    "redirect",  # /trs/old/... answers 301 to the report
    "hostile",  # answered by crawler.sampleportal.hostile (see SafetyPaths)
]
#: The attachment formats the portal serves (``wps`` is Word 97 bytes under .wps, as WPS saves).
AttachmentKind = Literal["pdf", "doc", "docx", "wps", "xlsx", "ofd"]
#: Broken attachments, as hostile portals serve them: an HTML error page served at the file's URL,
#: or the report's PDF cut off half way.
Hostility = Literal["html_error", "truncated"]


@dataclass(frozen=True, slots=True)
class SiteTruth:
    site_id: str
    family: Family
    start_path: str
    name: str


@dataclass(frozen=True, slots=True)
class ExpectedReport:
    """A report a correct crawl must find, and what its page and attachments hold."""

    key: str
    site_id: str
    title: str
    year: int
    agency: str
    format: FormatName
    paths: tuple[str, ...]
    attachment_paths: tuple[str, ...]
    attachment_only: bool
    corrected_version_of: str | None
    corpus_file: str | None
    numbers: ReportNumbers | None
    layout: BodyLayout
    encoding: str


@dataclass(frozen=True, slots=True)
class SpecialPaths:
    """Failure modes, each linked from a list page under a report-like title (see the doc)."""

    soft404: str
    broken: str
    flaky_500: str
    redirect_from: str
    redirect_to: str
    trap_prefix: str
    offsite: tuple[str, ...]
    robots_disallowed: str
    non_html: str
    malformed: str
    oversized: str
    html_error_attachment: str  # a report's .pdf answered with an HTML error page
    truncated_attachment: str  # a report's PDF cut off half way


@dataclass(frozen=True, slots=True)
class SafetyPaths:
    """Politeness and safety cases (``crawler.sampleportal.hostile``) in the TRS district column.

    Each answers in a way a polite, bounded crawler must notice and record.
    """

    rate_limited: str  # a report answered 429 + Retry-After once, then served
    retry_after: int  # seconds the 429 asks for
    challenge: str  # a tiny 202 whose script sets a cookie and reloads (no vendor mark)
    gzip_bomb: str  # a small gzip body that inflates past DOWNLOAD_MAXSIZE
    redirect_loop: tuple[str, str]  # A -> B -> A
    offsite_redirect: str  # 302 to http://localhost:PORT/offsite/…
    streamed_large: str  # a .pdf sent without Content-Length, STREAMED_BYTES long
    flood_column: str  # a list page with FLOOD_LINKS report-like links (all dead)
    flood_links: int


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file linked from a report page; its bytes are built from the report's numbers."""

    path: str
    name: str
    kind: AttachmentKind
    report_key: str | None
    oversized: bool = False
    hostile: Hostility | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One detail page (or the target of one list link, for the failure roles)."""

    site_id: str
    docid: int
    title: str
    published: datetime.date
    agency: str
    column_name: str
    paths: tuple[str, ...]
    role: Role
    report: ExpectedReport | None = None
    attachments: tuple[Attachment, ...] = ()
    inline_attachment: bool = False  # TRS file_appendix script instead of a plain link


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of a list page: the link as written in that column, and what it leads to."""

    href: str
    article: Article
    offsite: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    """A list of entries, newest first, served by the family's list pages."""

    site_id: str
    key: str
    name: str
    path: str  # the column's first page, e.g. /trs/zfxxgk/zfxxgknb/index.html
    entries: tuple[Entry, ...]
    children: tuple[str, ...] = ()  # keys of sub-columns linked from this column's page
    #: Hanweb only: how the page sets up its jpage list (``crawler.sampleportal.hanweb.SETUPS``)
    #: and its records per page × pages per group.
    setup: str = "inline"
    paging: tuple[int, int] = (15, 3)


@dataclass(frozen=True, slots=True)
class Portal:
    """Everything ``build_portal`` decided, plus lookups the server uses to route requests."""

    seed: int
    size: int
    sites: tuple[SiteTruth, ...]
    reports: tuple[ExpectedReport, ...]
    articles: tuple[str, ...]
    special: SpecialPaths
    columns: Mapping[str, Column]
    pages: Mapping[str, Article]
    files: Mapping[str, Attachment]
    safety: SafetyPaths | None = None

    def report_by_key(self, key: str) -> ExpectedReport:
        return next(report for report in self.reports if report.key == key)
