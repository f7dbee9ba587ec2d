"""A report's metadata: title, year, agency, and which national format its tables follow.

* Title: ``Document.meta["title"]`` when extraction found one, else the first short line that
  reads like a report title (年度报告/年报); 2020-changchun-nanguan-shuguang puts 附件1 above it.
* Year: the title's year wins. The statistics period (统计期限自YYYY年) or, without one, the
  year the body names most often is a cross-check: a disagreement is a ``year_mismatch``
  problem, never a reason to follow the body. Without a title year: the statistics period, then
  a body sentence naming the report (2020-fenyang: 2020年度政府信息公开工作年度报告).
* Agency: from the title; a fuller official form in the body that contains the title's name
  is preferred (title 南关区曙光街道, body 长春市南关区曙光街道办事处).
* Format: by the tables' labels (2021: 本年制发件数, 三(六) with three sub-rows; 2019:
  本年新制作数量, 其他对外管理服务事项, 政府集中采购), not by the year; both kinds present is a
  ``format_mismatch`` problem and the majority wins.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from parsers.model import Problem
from parsers.report import labels

if TYPE_CHECKING:
    from collections.abc import Sequence

    from parsers.model import Document, ReportFormat
    from parsers.report.cells import Cell

#: Lines examined for a title, and the longest line that can be one.
TITLE_LINES: Final = 60
MAX_TITLE_CHARS: Final = 80
#: Body text examined for years and names (the metadata is in the first pages).
MAX_BODY_CHARS: Final = 200_000
#: Occurrences of the title's agency examined in the body for a fuller name.
MAX_NAME_OCCURRENCES: Final = 50
#: The 2021 format was issued for the 2021 reports; used only when the tables do not say.
FIRST_2021_YEAR: Final = 2021
MIN_YEAR: Final = 1990
MAX_YEAR: Final = 2100


def detect_title(document: Document) -> str | None:
    """The report's title: the page's own metadata first, else its first title-like line."""
    meta_title = (
        document.meta.get("title", "").strip()
        if isinstance(document.meta, dict)
        else ""
    )
    if meta_title:
        return meta_title[:500]
    for count, line in enumerate(document.text[:MAX_BODY_CHARS].split("\n")):
        if count >= TITLE_LINES * 4:
            break
        text = line.strip()
        if text and len(text) <= MAX_TITLE_CHARS and labels.REPORT_TITLE.search(text):
            return text
    return None


def _year(match_text: str) -> int | None:
    year = int(match_text)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _title_year(title: str) -> int | None:
    folded = title.translate(labels.FULLWIDTH)
    match = labels.YEAR_IN_TITLE.search(folded)
    if match:
        return _year(match.group(1))
    chinese = labels.CHINESE_YEAR.search(folded)
    if chinese:
        return _year("".join(labels.CHINESE_DIGITS[c] for c in chinese.group(1)))
    return None


def detect_year(title: str | None, text: str) -> tuple[int | None, list[Problem]]:  # noqa: PLR0911
    """The report year, and a problem when it is missing or the body disagrees."""
    # no folding needed: ``\d`` matches full-width digits and ``int()`` reads them
    body = text[:MAX_BODY_CHARS]
    period_match = labels.STATISTICS_PERIOD.search(body)
    period = _year(period_match.group(1)) if period_match else None
    title_year = _title_year(title) if title else None
    if title_year is None:
        if period is not None:
            return period, []
        named = labels.YEAR_OF_REPORT.search(body)
        if named and _year(named.group(1)) is not None:
            return int(named.group(1)), []
        return None, [
            Problem(
                "year",
                "year_not_found",
                "no year in the title, statistics period or body",
            )
        ]
    if period is not None:
        if period != title_year:
            return title_year, [
                Problem(
                    "year",
                    "year_mismatch",
                    f"title says {title_year}, statistics period says {period}",
                )
            ]
        return title_year, []
    years = Counter(
        y
        for m in labels.BODY_YEAR.finditer(body)
        if (y := _year(m.group(1))) is not None
    )
    if years:
        body_year, _ = years.most_common(1)[0]
        if body_year != title_year:
            return title_year, [
                Problem(
                    "year",
                    "year_mismatch",
                    f"title says {title_year}, the body mostly says {body_year}",
                )
            ]
    return title_year, []


def _title_agency(title: str) -> str | None:
    folded = "".join(title.translate(labels.FULLWIDTH).split())
    before = labels.AGENCY_BEFORE_YEAR.match(folded)
    agency: str | None = None
    if before:
        agency = before.group("agency")
    elif after := labels.AGENCY_AFTER_YEAR.search(folded):
        agency = after.group("agency")
        if agency.endswith(labels.AGENCY_PEOPLES):
            agency = (
                agency[: -len(labels.AGENCY_PEOPLES)] + labels.AGENCY_PEOPLES_GOVERNMENT
            )
    if agency in labels.GENERIC_AGENCIES:
        return None  # 2021年政府信息公开工作年度报告: a title without an organ
    return agency


def _fuller_name(agency: str, body: str) -> str:
    """The longest official form of ``agency`` the body states (place prefix, organ suffix)."""
    best = agency
    start = body.find(agency)
    seen = 0
    while start != -1 and seen < MAX_NAME_OCCURRENCES:
        seen += 1
        end = start + len(agency)
        suffix = labels.AGENCY_SUFFIX.match(body[end : end + 4])
        name = agency + (
            suffix.group(0) if suffix and not agency.endswith(suffix.group(0)) else ""
        )
        left = labels.CJK_RUN_TAIL.search(body[max(0, start - 30) : start])
        prefix = left.group(0) if left else ""
        for i in range(len(prefix) - 1, -1, -1):
            if prefix[i] in labels.AGENCY_LEFT_BOUNDARY:
                prefix = prefix[i + 1 :]
                break
        if prefix and not labels.AGENCY_PLACE_PREFIX.fullmatch(prefix):
            prefix = ""
        candidate = prefix + name
        if len(candidate) > len(best):
            best = candidate
        start = body.find(agency, end)
    return best


def detect_agency(title: str | None, text: str) -> tuple[str | None, list[Problem]]:
    """The reporting organ, from the title, in its fullest official form the body states."""
    agency = _title_agency(title) if title else None
    if agency is None:
        return None, [Problem("agency", "agency_not_found", "the title names no organ")]
    body = "".join(text[:MAX_BODY_CHARS].split())
    return _fuller_name(agency, body), []


@lru_cache(maxsize=4096)
def _format_marker(label: str) -> str | None:
    if labels.FORMAT_2021_MARKERS.search(label):
        return "2021"
    if labels.FORMAT_2019_MARKERS.search(label):
        return "2019"
    if labels.NATIONAL_TABLE_MARKERS.search(label):
        return "national"
    return None


def detect_format(
    cells: Sequence[Cell], year: int | None
) -> tuple[ReportFormat | None, list[Problem]]:
    """``"2019"`` or ``"2021"`` by the tables' labels; None when no national table is present."""
    score_2019 = score_2021 = 0
    national = False
    for i, cell in enumerate(cells):
        if cell.kind != "text" or len(cell.label) > labels.MAX_LABEL_CHARS:
            continue
        marker = _format_marker(cell.label)
        if marker == "2021":
            score_2021 += 1
        elif marker == "2019":
            score_2019 += 1
        elif marker == "national":
            national = True
        # 三(六) 其他处理 followed by numbers is the 2019 single row; in 2021 sub-rows follow.
        if (
            cell.label == labels.OTHER_HANDLING
            and i + 1 < len(cells)
            and cells[i + 1].kind == "number"
        ):
            score_2019 += 1
    if not (score_2019 or score_2021):
        if not national:
            return None, []
        # the shared rows only: the tables do not say which format; the year decides
        return ("2021" if year is not None and year >= FIRST_2021_YEAR else "2019"), []
    fmt: ReportFormat = "2021" if score_2021 >= score_2019 else "2019"
    if score_2019 and score_2021:
        return fmt, [
            Problem(
                "format",
                "format_mismatch",
                f"{score_2019} labels of the 2019 format and {score_2021} of the 2021 format; read as {fmt}",
            )
        ]
    return fmt, []
