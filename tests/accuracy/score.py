"""Parse every case of the suite and count, per class: cells right, wrong, null; metadata right.

A cell is *right* when the parser's value equals the truth, *null* when the parser left it None
(with a reason: never counted as wrong), *wrong* otherwise, including a value for a cell the
document does not print (``Case.unprinted``). ``ok_with_wrong`` counts reports whose status is
``ok`` although a cell is wrong: the worst outcome, a confident wrong number. Metadata (year,
organ, region code, publication date) is counted the same way: right, or *wrong* when the parser
gives a value other than the truth (a null is missing, never wrong); a wrong year or organ
corrupts every count made from the report.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from parsers import Document, Source, extract, parse_report

if TYPE_CHECKING:
    from collections.abc import Iterable

    from parsers.model import Report
    from tests.accuracy.truth import Case

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("active_disclosure", "applications", "review_litigation")


@dataclass(slots=True)
class ClassScore:
    """Totals of one class of the suite."""

    cases: int = 0
    right: int = 0
    wrong: int = 0
    null: int = 0
    #: glued dumps: cells whose split is unique under the rules, and how many of them are right
    unique_cells: int = 0
    ambiguous_right: int = 0
    year: int = 0
    format: int = 0
    agency: int = 0
    agency_checked: int = 0
    region: int = 0
    region_checked: int = 0
    published: int = 0
    published_checked: int = 0
    #: metadata given with another value than the truth (a null is not counted here)
    year_wrong: int = 0
    agency_wrong: int = 0
    region_wrong: int = 0
    published_wrong: int = 0
    ok_with_wrong: int = 0
    wrong_cells: list[str] = field(default_factory=list)

    @property
    def cells(self) -> int:
        """Cells scored (right + wrong + null)."""
        return self.right + self.wrong + self.null

    def share_right(self) -> float:
        """Cells right as a share of the cells scored."""
        return self.right / self.cells if self.cells else 1.0

    def share_unique_right(self) -> float:
        """Glued dumps: cells right as a share of the cells a unique split can recover."""
        return self.ambiguous_right / self.unique_cells if self.unique_cells else 1.0

    def metadata_wrong(self) -> int:
        """Years, organs, region codes and dates given with another value than the truth."""
        return (
            self.year_wrong
            + self.agency_wrong
            + self.region_wrong
            + self.published_wrong
        )

    def as_dict(self) -> dict[str, object]:
        """The figures, for JSON and the floors."""
        return {
            "cases": self.cases,
            "cells": self.cells,
            "right": self.right,
            "wrong": self.wrong,
            "null": self.null,
            "share_right": round(self.share_right(), 4),
            "unique_split_cells": self.unique_cells,
            "unique_split_right": self.ambiguous_right,
            "year_right": self.year,
            "format_right": self.format,
            "agency_right": self.agency,
            "agency_checked": self.agency_checked,
            "region_right": self.region,
            "region_checked": self.region_checked,
            "published_right": self.published,
            "published_checked": self.published_checked,
            "metadata_wrong": self.metadata_wrong(),
            "ok_with_wrong": self.ok_with_wrong,
        }


def flatten(report: Report) -> dict[str, object]:
    """Every value of the report under its dotted path."""
    out: dict[str, object] = {}
    for section in SECTIONS:
        for row, cols in getattr(report, section).items():
            for col, value in cols.items():
                out[f"{section}.{row}.{col}"] = value
    return out


def parse_case(case: Case) -> Report:
    """The report the parser makes of a case (through extraction when it carries bytes)."""
    if case.source is not None:
        body, media_type = case.source
        document: Document = extract(Source(body=body, media_type=media_type))
    else:
        assert case.document is not None
        document = case.document
    return parse_report(document)


def _same(got: object, want: object) -> bool:
    if isinstance(got, bool) or got is None:
        return False
    if isinstance(got, (int, Decimal)) and isinstance(want, (int, Decimal)):
        return Decimal(got) == Decimal(want)
    return got == want


def score_case(case: Case, report: Report, into: ClassScore) -> None:
    """Add one case's counts to its class."""
    values = flatten(report)
    wrong_here = 0
    ambiguous = getattr(case, "ambiguous", frozenset())
    into.cases += 1
    for path, want in case.truth.values.items():
        if path in case.unprinted:
            continue
        got = values.get(path)
        if ambiguous and path not in ambiguous:
            into.unique_cells += 1
        if got is None:
            into.null += 1
        elif _same(got, want):
            into.right += 1
            if ambiguous and path not in ambiguous:
                into.ambiguous_right += 1
        else:
            into.wrong += 1
            wrong_here += 1
            into.wrong_cells.append(f"{case.name}: {path} = {got!r}, truth {want!r}")
    for path in case.unprinted:
        got = values.get(path)
        if got is not None:
            into.wrong += 1
            wrong_here += 1
            into.wrong_cells.append(f"{case.name}: {path} = {got!r}, not printed")
    _score_metadata(case, report, into)
    if wrong_here and report.status == "ok":
        into.ok_with_wrong += 1


#: (check, Report attribute, Truth attribute, ClassScore counter) of the metadata fields
_METADATA = (
    ("year", "year", "year", "year_wrong"),
    ("agency", "agency", "agency", "agency_wrong"),
    ("region", "region_code", "region_code", "region_wrong"),
    ("published", "published", "published", "published_wrong"),
)


def _score_metadata(case: Case, report: Report, into: ClassScore) -> None:
    """Count the checked metadata right, and each field given with another value than the truth."""
    into.year += "year" not in case.checks or report.year == case.truth.year
    into.format += "format" not in case.checks or report.format == case.truth.fmt
    if "agency" in case.checks:
        into.agency_checked += 1
        into.agency += report.agency == case.truth.agency
    if "region" in case.checks:
        into.region_checked += 1
        into.region += report.region_code == case.truth.region_code
    if "published" in case.checks:
        into.published_checked += 1
        into.published += report.published == case.truth.published
    for check, got_name, want_name, counter in _METADATA:
        got, want = getattr(report, got_name), getattr(case.truth, want_name)
        if check in case.checks and got is not None and got != want:
            setattr(into, counter, getattr(into, counter) + 1)
            into.wrong_cells.append(
                f"{case.name}: {got_name} = {got!r}, truth {want!r}"
            )


def score(cases: Iterable[Case]) -> dict[str, ClassScore]:
    """Per-class scores, plus an ``overall`` entry."""
    by_class: dict[str, ClassScore] = defaultdict(ClassScore)
    for case in cases:
        score_case(case, parse_case(case), by_class[case.cls])
    overall = ClassScore()
    for result in by_class.values():
        for name in ClassScore.__slots__:  # type: ignore[attr-defined]
            if name == "wrong_cells":
                overall.wrong_cells.extend(result.wrong_cells)
            else:
                setattr(overall, name, getattr(overall, name) + getattr(result, name))
    return {**dict(sorted(by_class.items())), "overall": overall}


def table(scores: dict[str, ClassScore]) -> str:
    """The scores as an aligned text table."""
    head = f"{'class':<34} {'cases':>5} {'cells':>6} {'right':>6} {'wrong':>5} {'null':>5} {'%right':>7} {'year':>5} {'fmt':>5} {'agency':>7} {'region':>7} {'date':>7} {'mwrong':>6}"
    lines = [head, "-" * len(head)]
    for name, s in scores.items():
        if s.unique_cells:
            name = f"{name} (unique {100 * s.share_unique_right():.0f}%)"  # noqa: PLW2901
        lines.append(
            f"{name:<34} {s.cases:>5} {s.cells:>6} {s.right:>6} {s.wrong:>5} {s.null:>5} "
            f"{100 * s.share_right():>6.1f}% {s.year:>2}/{s.cases:<2} {s.format:>2}/{s.cases:<2} "
            f"{s.agency:>3}/{s.agency_checked:<3} {s.region:>3}/{s.region_checked:<3} "
            f"{s.published:>3}/{s.published_checked:<3} {s.metadata_wrong():>6}"
        )
    return "\n".join(lines)


def dump(scores: dict[str, ClassScore]) -> str:
    """The scores as JSON (the shape of ``floors.json``)."""
    return json.dumps(
        {k: v.as_dict() for k, v in scores.items()}, ensure_ascii=False, indent=1
    )
