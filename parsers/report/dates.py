"""Years and dates as reports print them: spaced (``2024 年 1 月``), full-width, Chinese numerals.

The report year comes from the title; the statistics period (统计期限自…, 统计周期为…) or, without
one, the year the body names most often is a cross-check: a disagreement is a ``year_mismatch``
problem, never a reason to follow the body. Without a title year: the statistics period, then a
body sentence naming the report (2020年度政府信息公开工作年度报告).

Chinese numerals are read by two small functions rather than ``cn2an``: a year is four digits
written one by one (二〇二三, 二○一二 with a white circle for 〇) and a month or day is at most
三十一, so a dependency would add nothing the tests here do not already pin down.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from parsers.model import Problem
from parsers.report import labels, metalabels

if TYPE_CHECKING:
    import re

MIN_YEAR: Final = 1990
MAX_YEAR: Final = 2100
#: Body text examined for years (the metadata is in the first pages).
MAX_BODY_CHARS: Final = 200_000
_TEN: Final = "十"
_MAX_DAY: Final = 31
_MAX_MONTH: Final = 12
#: Digits a year OCR'd with letters keeps at least (2O23 has three, Iolo none: no year).
_MIN_YEAR_DIGITS: Final = 2


def chinese_small_number(text: str) -> int | None:
    """1-99 written in Chinese numerals (十二, 二十, 三十一), or Arabic digits; None otherwise.

    >>> chinese_small_number("二十"), chinese_small_number("十一"), chinese_small_number("9")
    (20, 11, 9)
    """
    if text.isdigit():
        return int(text)
    digits = metalabels.CHINESE_DIGIT
    if _TEN not in text:
        return digits.get(text) if len(text) == 1 else None
    tens, _, units = text.partition(_TEN)
    if (tens and tens not in digits) or (units and units not in digits):
        return None
    return (digits[tens] if tens else 1) * 10 + (digits[units] if units else 0)


def read_year(text: str) -> int | None:
    """A four-digit year in Arabic (full-width too) or Chinese digits, within 1990-2100.

    >>> read_year("2024"), read_year("二○一二"), read_year("二〇二三"), read_year("1234")
    (2024, 2012, 2023, None)
    """
    if text.isdigit():
        year = int(text)
    elif all(c in metalabels.CHINESE_DIGIT for c in text):
        year = int("".join(str(metalabels.CHINESE_DIGIT[c]) for c in text))
    else:
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def read_date(text: str) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD`` (年月日 in any numerals, or 2018-01-23).

    >>> read_date("二○一二年二月二十日"), read_date("发布于 2024 年 3 月 5 日"), read_date("2018-01-23 08:51")
    ('2012-02-20', '2024-03-05', '2018-01-23')
    """
    for pattern in (metalabels.DATE, metalabels.NUMERIC_DATE):
        for match in pattern.finditer(text):
            year = read_year(match.group("y"))
            month = chinese_small_number(match.group("m"))
            day = chinese_small_number(match.group("d"))
            if year and month and day and month <= _MAX_MONTH and day <= _MAX_DAY:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def year_span(text: str) -> tuple[int, int] | None:
    """Two different years a text names as a span (2022-2023年, 2022年至2023年), or None.

    >>> year_span("某局2022—2023年度政府信息公开工作年度报告"), year_span("2024年1月1日至2024年")
    ((2022, 2023), None)
    """
    for match in metalabels.YEAR_SPAN.finditer(labels.fold_width(text)):
        first, last = read_year(match.group("a")), read_year(match.group("b"))
        if first is not None and last is not None and first != last:
            return first, last
    return None


def _unletter_year(match: re.Match[str]) -> str:
    """A year's letters as the digits they resemble, when two of its characters are digits."""
    printed = match.group(1)
    if sum(c.isdigit() for c in printed) < _MIN_YEAR_DIGITS:
        return printed
    return printed.translate(metalabels.YEAR_LETTERS)


def fold_title_year(title: str) -> str:
    """``title`` with a misprinted year made readable: 二o二三年 -> 二〇二三年, 2 0 2 3 年 -> 2023年.

    An OCR'd scan prints the zero of a Chinese-numeral year as a Latin o or a digit 0, and an
    Arabic digit as a letter (2O23年, l999年); a PDF's character spacing cuts an Arabic year
    into letter-spaced digits. Read as printed, the title had no year, and its organ was lost
    or ran on over the year (××县人民政府二0二二年).

    >>> fold_title_year("某县二o二三年度报告"), fold_title_year("某县 2 0 2 3 年度报告")
    ('某县二〇二三年度报告', '某县 2023 年度报告')
    >>> fold_title_year("某县2O23年度报告"), fold_title_year("Iolo年，2023年")
    ('某县2023年度报告', 'Iolo年，2023年')
    """
    if metalabels.SPACED_YEAR.search(title):
        title = metalabels.SPACED_YEAR.sub(r"\1\2\3\4", title)
    title = metalabels.LETTERED_YEAR.sub(_unletter_year, title)
    return metalabels.MIXED_CHINESE_YEAR.sub(
        lambda m: m.group(1).translate(metalabels.YEAR_ZEROS), title
    )


def title_year(title: str) -> int | None:
    """The year a title names (2024 年, 二〇二三年), or None (none, or a span of two)."""
    title = fold_title_year(title)
    if year_span(title) is not None:
        return None  # a report covering two years has no one year
    folded = labels.fold_width(title)
    for match in labels.YEAR_IN_TITLE.finditer(folded):
        if labels.MONTH_AFTER_YEAR.match(
            folded, match.end()
        ) or metalabels.PUBLISHED_AFTER_YEAR.match(folded, match.end()):
            continue  # a date's year (2024年1月20日, （2025年发布）), not the report's
        if (year := read_year(match.group(1))) is not None:
            return year
    chinese = metalabels.CHINESE_YEAR.search(folded)
    return read_year(chinese.group(1)) if chinese else None


@dataclass(frozen=True, slots=True)
class YearFinding:
    year: int | None
    source: str | None  # "title", "statistics_period" or "body"
    problems: tuple[Problem, ...] = ()


def _period_years(body: str) -> tuple[int | None, int | None]:
    """The years the statistics period starts and ends in (the end None when not printed)."""
    match = metalabels.STATISTICS_PERIOD.search(body)
    if match is None:
        return None, None
    end = metalabels.PERIOD_END.match(body, match.end())
    return read_year(match.group("y")), read_year(end.group("y")) if end else None


def _two_years(first: int, last: int, where: str) -> YearFinding:
    detail = (
        f"the {where} names two years ({first}-{last}): a report covering both has no "
        "one year"
    )
    return YearFinding(None, None, (Problem("year", "year_not_found", detail),))


def _cross_check(year: int, body: str, period: int | None) -> tuple[Problem, ...]:
    """A ``year_mismatch`` when the statistics period, or else the body's usual year, differs."""
    if period is not None:
        if period == year:
            return ()
        detail = f"title says {year}, statistics period says {period}"
        return (Problem("year", "year_mismatch", detail),)
    years = Counter(
        y
        for m in labels.BODY_YEAR.finditer(body)
        if (y := read_year(m.group(1))) is not None
    )
    if years:
        body_year, _ = years.most_common(1)[0]
        if body_year != year:
            detail = f"title says {year}, the body mostly says {body_year}"
            return (Problem("year", "year_mismatch", detail),)
    return ()


def _named_report_year(body: str) -> int | None:
    """The year of the first body sentence naming this report, not citing another one.

    Part 五 cites last year's report (针对2022年度政府信息公开工作年度报告中指出的问题) and
    plans next year's (将按时编制发布2024年度…年度报告); taken as this report's name either
    gave a report without a title year another year. The caller passes the text before part
    二, where a report names itself (现将…年度报告公布如下).
    """
    for match in metalabels.YEAR_OF_REPORT.finditer(body):
        before = body[max(0, match.start() - 16) : match.start()]
        after = body[match.end() : match.end() + 8]
        if metalabels.CITED_BEFORE.search(before) or metalabels.CITED_AFTER.match(
            after
        ):
            continue
        return read_year(match.group("y"))
    return None


def detect_year(title: str | None, text: str) -> YearFinding:
    """The report year and where it was read, with a problem when missing or contradicted."""
    body = text[:MAX_BODY_CHARS]
    period, period_end = _period_years(body)
    span = year_span(title) if title else None
    if span is not None:
        return _two_years(*span, "title")
    year = title_year(title) if title else None
    if year is not None:
        return YearFinding(year, "title", _cross_check(year, body, period))
    if period is not None and period_end is not None and period_end != period:
        return _two_years(period, period_end, "statistics period")
    if period is not None:
        return YearFinding(period, "statistics_period")
    part_two = metalabels.PART_TWO_HEADING.search(body)
    named_year = _named_report_year(body[: part_two.start()] if part_two else body)
    if named_year is not None:
        return YearFinding(named_year, "body")
    problem = Problem(
        "year", "year_not_found", "no year in the title, statistics period or body"
    )
    return YearFinding(None, None, (problem,))
