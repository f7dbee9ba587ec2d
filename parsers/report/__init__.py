"""Document -> Report: the annual-report parser.

Reads a ``Document`` (text + table grids + meta) into a ``Report`` in the canonical ids of
DESIGN.md: metadata (``detect.py``), the document cut into a stream of cells (``layouts.py``),
parts 二/三/四 found by their labels (``sections.py``), typed, checked and, where the rules
determine them uniquely, recovered (``assemble.py``, ``rules.py``). Every ``None`` value has a
problem naming its dotted path. Anything unexpected surfaces as ``ReportParseError`` (a
``ParseError``), never as another exception.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from parsers.errors import ParseError
from parsers.model import (
    OCR_EXTRACTOR,
    POSITIONED_TABLES,
    Problem,
    Report,
    ReportStatus,
)
from parsers.report.active import caption_units, read_active
from parsers.report.assemble import Sections, assemble
from parsers.report.columns import (
    HeaderOrder,
    grid_header,
    reads_in_source_order,
    text_header,
)
from parsers.report.detect import detect_format
from parsers.report.invisible import without_invisible
from parsers.report.labels import BLANK_MARKERS, REPORT_TITLE
from parsers.report.layouts import cells_from_tables, cells_from_text
from parsers.report.metadata import detect_metadata
from parsers.report.sections import (
    TABLES_TWICE,
    application_layout,
    find_applications_start,
    find_review_start,
    read_applications,
    read_review,
    tables_printed_again,
    unread_tables,
)
from parsers.report.serialize import report_to_json
from parsers.report.title import title_years

if TYPE_CHECKING:
    from collections.abc import Sequence

    from parsers.model import Document
    from parsers.report.cells import Cell

__all__ = ["PARSER_VERSION", "ReportParseError", "parse_report", "report_to_json"]

PARSER_VERSION = "0.2.6"

#: The first report year written in a national format (国办公开办函〔2019〕60号).
FIRST_NATIONAL_FORMAT_YEAR = 2019

logger = logging.getLogger(__name__)

#: Blank markers that cannot be a number's sign (the hyphens can: ``147-2``).
_CERTAIN_BLANK_MARKS = BLANK_MARKERS - {"-", "－", "--"}


class ReportParseError(ParseError):
    """The report parser failed on a document in a way it did not foresee (a bug, logged)."""

    reason = "report_parse_failed"


def _locate(cells: Sequence[Cell]) -> tuple[int | None, int | None]:
    apps = find_applications_start(cells)
    review = find_review_start(cells, apps or 0)
    if review is None and apps is not None:
        review = find_review_start(cells)
    return apps, review


def _read(
    cells: Sequence[Cell],
    fmt: str,
    located: tuple[int | None, int | None],
    *,
    header: HeaderOrder,
    captions: frozenset[str] = frozenset(),
    ocr: bool = False,
) -> Sections:
    apps_start, review_start = located
    end = len(cells)
    apps_end = (
        review_start
        if review_start is not None
        and apps_start is not None
        and review_start > apps_start
        else end
    )
    active_end = min(i for i in (apps_start, review_start, end) if i is not None)
    active = read_active(cells, fmt, active_end, captions)
    layout = fmt
    applications = None
    if apps_start is not None:
        layout = application_layout(cells, fmt, apps_start, apps_end)
        applications = read_applications(
            cells, layout, apps_start, apps_end, header=header, ocr=ocr
        )
    review = read_review(cells, review_start) if review_start is not None else None
    if (
        apps_start is not None
        and review_start is not None
        and review_start > apps_start
        and tables_printed_again(cells, layout, (apps_start, review_start), header)
    ):
        active, applications, review = unread_tables(fmt, layout)
    # a blank marker (—, /, 无) printed in the tables shows empty cells are written, not left
    # out (a hyphen is no proof: 147-2 is 147 and a decrease of 2)
    first = active.first_item if active is not None else None
    tables_start = first if first is not None else apps_start
    blanks_marked = tables_start is not None and not _CERTAIN_BLANK_MARKS.isdisjoint(
        [cell.raw.strip() for cell in cells[tables_start:end] if cell.kind == "blank"]
    )
    return assemble(
        fmt,
        active,
        applications,
        review,
        layout=layout,
        blanks_marked=blanks_marked,
        ocr=ocr,
    )


def _truncation(document: Document) -> list[Problem]:
    """A problem when extraction read fewer pages than the file has (its page limit)."""
    meta = document.meta if isinstance(document.meta, dict) else {}
    pages, read = meta.get("pages", ""), meta.get("pages_read", "")
    if not (pages.isdigit() and read.isdigit()) or int(read) >= int(pages):
        return []
    detail = f"read {read} of {pages} pages (the extraction's page limit); the rest is not read"
    logger.warning("truncated extraction: %s", detail)
    return [Problem("document", "truncated_extraction", detail)]


def _status(sections: Sections) -> ReportStatus:
    found = [p for p in sections.problems if p.kind == "table_not_found"]
    if len(found) == 3:  # noqa: PLR2004 - the three parts 二, 三, 四
        return "unreadable"
    if sections.inconsistent:
        return "inconsistent"
    if found or any(
        p.kind
        in (
            "missing_cell",
            "unreadable",
            "table_shape",
            "ambiguous_row",
            "ambiguous_split",
        )
        for p in sections.problems
    ):
        return "partial"
    return "ok"


def _parse(document: Document) -> Report:
    document = without_invisible(document)
    text = document.text if isinstance(document.text, str) else ""
    metadata = detect_metadata(document)
    title, year = metadata.title, metadata.year
    problems = list(metadata.problems) + _truncation(document)
    cells = cells_from_tables(document.tables) if document.tables else []
    located = _locate(cells)
    header = grid_header(document.tables) if located != (None, None) else None
    if header is None:
        cells = cells_from_text(text)
        located = _locate(cells)
        header = text_header(
            text, source_order=reads_in_source_order(document.media_type)
        )
    fmt, format_problems = detect_format(cells, year)
    if (
        located == (None, None)
        and year is not None
        and year < FIRST_NATIONAL_FORMAT_YEAR
    ):
        # a pre-2019 statistics table names 政府集中采购 too; without parts 三 or 四 located
        # it is no national table (the format did not exist yet)
        fmt, format_problems = None, []
    problems += format_problems
    base = Report(
        year=year,
        agency=metadata.agency,
        format=None,
        status="unreadable",
        title=title,
        parser_version=PARSER_VERSION,
        agency_printed=metadata.agency_printed,
        region_code=metadata.region_code,
        region_source="organ_name" if metadata.region_code else None,
        published=metadata.published,
        metadata_sources=metadata.sources,
    )
    if fmt is None:
        annual = REPORT_TITLE.search(title or "") or REPORT_TITLE.search(text[:20_000])
        # Before the 2019 regulation reports were free prose; from the 2019 reports on the
        # national tables are mandatory, so their absence is a finding (tables in an
        # attachment, an image or a scan), not a free-form report.
        if annual and (year is None or year < FIRST_NATIONAL_FORMAT_YEAR):
            return replace(
                base, format="free-form", status="free-form", problems=tuple(problems)
            )
        detail = "no table of the national formats was located"
        if annual:
            detail += (
                f" in a {year} report (tables may be in an attachment or an image)"
            )
        problems.append(Problem("applications", "table_not_found", detail))
        if annual:
            logger.info("%s report without national tables (title %r)", year, title)
        else:
            logger.info(
                "not an annual report: no report title, no national table (%d chars)",
                len(text),
            )
        return replace(base, problems=tuple(problems))
    sections = _read(
        cells,
        fmt,
        located,
        header=header,
        captions=caption_units(text),
        ocr=document.extractor == OCR_EXTRACTOR,
    )
    if year is not None and any(p.detail == TABLES_TWICE for p in sections.problems):
        years = title_years(text)
        if len(years) > 1:
            # two reports in one document (a workbook's sheets, a page holding two years):
            # the first title's year is as likely the other report's
            listed = " and ".join(map(str, sorted(years)))
            problems.append(
                Problem(
                    "year",
                    "year_not_found",
                    f"the document holds the reports of {listed} (tables printed twice):"
                    " which is this report's is not certain",
                )
            )
            base = replace(base, year=None)
            year = None
    status = _status(sections)
    logger.debug(
        "parsed report: year=%s format=%s status=%s problems=%d",
        year,
        fmt,
        status,
        len(sections.problems) + len(problems),
    )
    if status == "unreadable":
        logger.info(
            "report in the %s format but no table was located (title %r)", fmt, title
        )
    return replace(
        base,
        format=fmt,
        status=status,
        active_disclosure=sections.active,
        applications=sections.applications,
        review_litigation=sections.review,
        problems=tuple(problems + sections.problems),
    )


def _parse_checked(document: Document) -> Report:
    """``_parse``, with tables read from positions given up when they break a rule.

    Grids a PDF's borderless tables gave (``Document.meta["tables"]``) stand on where the
    words were found, not on drawn cells: when the report they give breaks the format's
    arithmetic, the row or column may be the reader's mistake rather than the organ's, and a
    wrong number is worse than a null, so the document is read again from its text alone.
    """
    report = _parse(document)
    meta = document.meta if isinstance(document.meta, dict) else {}
    if report.status != "inconsistent" or meta.get("tables") != POSITIONED_TABLES:
        return report
    logger.info("tables read from positions break a rule: reading the text instead")
    text_only = {key: value for key, value in meta.items() if key != "tables"}
    return _parse(replace(document, tables=(), meta=text_only))


def parse_report(document: Document) -> Report:
    """Read a ``Document`` into a ``Report`` in canonical ids.

    Bad cells, missing tables and broken rules are data (``None`` values, problems, status);
    the only exception this raises is ``ReportParseError``, for a failure nobody foresaw.
    """
    try:
        return _parse_checked(document)
    except ParseError:
        raise
    except Exception as exc:
        logger.exception(
            "report parser failed on a document (%d chars)",
            len(getattr(document, "text", "") or ""),
        )
        raise ReportParseError(
            f"report parser failed: {type(exc).__name__}: {exc}"
        ) from exc
