"""A report's metadata in one pass: title, year, organ, region code, publication date, sources.

Each field records where it was read (``Metadata.sources``: field -> source name, the
vocabulary of docs/report-schema.md), so a user can weigh a year read from the title against
one read from the statistics period, or an organ read from the signature. The readers live
beside this module: ``title.py`` (and crawler dumps' header blocks), ``dates.py``,
``agency.py``; the region code comes from the organ's place names through ``parsers.gazetteer``
(``organ_name``), never guessed: a name several divisions share gives no code and a
``region_ambiguous`` problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from parsers.gazetteer import match_places
from parsers.model import OCR_EXTRACTOR, Problem
from parsers.report import labels, metalabels
from parsers.report.agency import (
    AgencyFinding,
    byline,
    compiled_by,
    detect_agency,
    first_sentence_organ,
    is_same_organ,
    signature,
    title_agency,
)
from parsers.report.dates import detect_year, read_date, title_year
from parsers.report.title import detect_title, read_header_block

if TYPE_CHECKING:
    from parsers.model import Document

#: Lines at the top of the body skipped to reach the first sentence (title, headings).
MAX_LEADING_LINES: Final = 12
#: Prose searched for 本报告由…编制: the sentence opens the report, never deep in its tables.
MAX_PROSE_CHARS: Final = 5_000
#: Different lines of a scan that must name its organ alike for the name to be kept.
OCR_READINGS: Final = 2


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    year: int | None = None
    agency: str | None = None
    agency_printed: str | None = None
    region_code: str | None = None
    published: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


def _prose(body: str) -> str:
    """The body from its first sentence on: title lines and headings above it skipped."""
    rest = body.lstrip()
    start = 0  # where the line looked at starts (the body is not cut into lines: it is long)
    for _ in range(MAX_LEADING_LINES):
        end = rest.find("\n", start)
        if metalabels.SENTENCE_MARK.search(rest, start, len(rest) if end < 0 else end):
            return rest[start:]
        if end < 0:
            break
        start = end + 1
    return body


def _compiled_by(opening: str) -> str | None:
    """本报告由…编制 in the opening prose, read with its white space taken out.

    Only a window around each 报告…由 is folded: folding the whole opening cost more than the
    rest of the organ's detection.
    """
    for hint in metalabels.COMPILED_BY_HINT.finditer(opening):
        window = opening[max(0, hint.start() - _BEFORE_HINT) : hint.end() + _AFTER_HINT]
        organ = compiled_by("".join(window.split()))
        if organ:
            return organ
    return None


#: Characters of prose read before 报告由 (本年度 and white space) and after it (the organ,
#: up to 40 characters, then 编制, with white space between any of them).
_BEFORE_HINT: Final = 24
_AFTER_HINT: Final = 240


def _title_date(title: str | None) -> str | None:
    """The date a title line starts with (a dump's ``发布日期：2024-01-20 ××县…年度报告``)."""
    if not title:
        return None
    folded = "".join(labels.fold_width(title).split())
    match = labels.LEADING_DATE.match(metalabels.DATE_LABEL.sub("", folded, count=1))
    return match.group(0) if match else None


def _published(
    header: dict[str, str],
    meta: dict[str, str],
    signed: str | None,
    dated: str | None,
    title: str | None,
) -> tuple[str | None, str | None]:
    for source, raw in (
        ("header_block", header.get("published")),
        ("meta", meta.get("published")),
        ("signature", signed),
        ("below_title", dated),
        ("title", _title_date(title)),
    ):
        date = read_date(raw) if raw else None
        if date:
            return date, source
    return None, None


def _names_another_report(
    meta_title: str, body: str, own: tuple[str | None, ...]
) -> bool:
    """Whether a page's meta title names another report than the body's.

    Sites reuse one ArticleTitle for several articles: another organ's report of the year
    (the signature or the 编制 sentence names the body's organ) or last year's report (the
    statistics period names the body's year). Taken as the title, it gave the report that
    organ or that year.
    """
    organ = title_agency(meta_title)
    if organ and any(name and not is_same_organ(organ, name) for name in own):
        return True
    period = detect_year(None, body)
    printed = title_year(meta_title)
    return (
        period.source == "statistics_period"
        and printed is not None
        and printed != period.year
    )


def region_problems(agency: str) -> tuple[str | None, list[Problem]]:
    """The region code an organ's place names give; None, with a problem when it is ambiguous."""
    match = match_places(agency)
    if match.code is not None:
        return match.code, []
    if match.candidates:
        detail = (
            f"{''.join(match.places)} names {len(match.candidates)} divisions "
            f"({', '.join(match.candidates)}); no code chosen"
        )
        return None, [Problem("region_code", "region_ambiguous", detail)]
    # no place name at all (a central organ, a street office named without its city): the null
    # code says it; a problem would flag every such report
    return None, []


def _read_twice(
    agency: AgencyFinding, text: str, problems: list[Problem]
) -> tuple[AgencyFinding, list[Problem]]:
    """A scan's organ, kept only where two different lines of its text read it alike.

    Tesseract misreads a character of a name as readily as a digit (北岭县 read as 杞怜县 or
    北岭崔县: tests/accuracy/render_scan.py), and a made-up name looks as plausible as the
    real one. A report names its organ in its title and again in its prose (本报告由…编制,
    现公布…, the signature): two lines read alike are the name printed. A line repeated
    word for word counts once: a running header repeats one rendering on every page, and
    OCR misreads it alike each time (闻怜县 on two pages for 北岭县).
    """
    names = [name for name in (agency.printed, agency.agency) if name]
    lines = {"".join(line.split()) for line in text.splitlines()}
    if any(sum(name in line for line in lines) >= OCR_READINGS for name in names):
        return agency, problems
    problem = Problem(
        "agency",
        "agency_not_found",
        f"read by OCR as {names[0]!r} on one line only (the title, or lines repeated word"
        " for word): a misread is not ruled out",
    )
    return AgencyFinding(None, None, None), [*problems, problem]


def detect_metadata(document: Document) -> Metadata:
    """Title, year, organ, region code and publication date of ``document``, with sources."""
    text = document.text if isinstance(document.text, str) else ""
    meta = document.meta if isinstance(document.meta, dict) else {}
    header, body_start = read_header_block(text)
    body = text[body_start:]
    title = detect_title(document, header, body)
    signed_by, signed_on = signature(body)
    prose = _prose(body)
    if title.source == "meta_title" and _names_another_report(
        title.title or "", body, (signed_by, _compiled_by(prose[:MAX_PROSE_CHARS]))
    ):
        title = detect_title(document, header, body, meta_title=False)
    year = detect_year(title.title, body)
    bylined_by, bylined_on = byline(title.below)
    agency = detect_agency(
        title.title,
        body,
        {
            # the report's own words first: the page's 发布机构 and Author often name the
            # site's owner (the county government publishing its departments' reports)
            "compiled_by": lambda: _compiled_by(prose[:MAX_PROSE_CHARS]),
            "signature": lambda: signed_by,
            "below_title": lambda: bylined_by,
            "header_block": lambda: header.get("publisher"),
            "meta_publisher": lambda: meta.get("publisher"),
            "meta_author": lambda: meta.get("author"),
            "first_sentence": lambda: first_sentence_organ(prose),
            "meta_source": lambda: meta.get("source") or header.get("source"),
        },
    )
    problems = list(year.problems)
    if document.extractor == OCR_EXTRACTOR and agency.agency is not None:
        agency, problems = _read_twice(agency, text, problems)
    published, published_source = _published(
        header, meta, signed_on, bylined_on, title.title
    )
    sources = {
        key: value
        for key, value in (
            ("title", title.source),
            ("year", year.source),
            ("agency", agency.source),
            ("published", published_source),
        )
        if value is not None
    }
    region_code = None
    if agency.agency is None:
        if not any(p.where == "agency" for p in problems):
            problems.append(
                Problem(
                    "agency",
                    "agency_not_found",
                    "no title, header, signature or meta names an organ",
                )
            )
    else:
        region_code, region = region_problems(agency.agency)
        problems += region
        if region_code is not None:
            sources["region_code"] = "organ_name"
    return Metadata(
        title=title.title,
        year=year.year,
        agency=agency.agency,
        agency_printed=agency.printed,
        region_code=region_code,
        published=published,
        sources=sources,
        problems=tuple(problems),
    )
