"""Synthetic report numbers that satisfy every rule of the national formats.

The numbers are the ground truth the parser is checked against, so they must be internally
consistent exactly as the format requires (DESIGN.md, "Rules"): per applicant column
一 + 二 = 三(七) + 四, (七) = sum of (一)…(六) including every sub-row, the 总计 column = sum of the
six applicant columns, and in part 四 each 总计 = the sum of the four results. Sections use the
parser's canonical ids (``parsers.report.vocabulary``) so a ``Report`` compares cell by cell.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from parsers.report.vocabulary import (
    APPLICANT_PARTS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    active_items,
    application_rows,
    handled_rows,
)

if TYPE_CHECKING:
    import random

FormatName = Literal["2019", "2021"]
Number = int | Decimal
Section = dict[str, dict[str, Number]]

#: Money cells get up to four decimal places (the 2019 format says 保留4位小数).
_MONEY_PLACES = (0, 1, 2, 4)
#: How often a money cell is zero, a 本年增/减 cell moves, a column carries requests over.
_ZERO_MONEY = 0.3
_CHANGE_MOVES = 0.6
_CARRY_OVER = 0.3


@dataclass(frozen=True, slots=True)
class ReportNumbers:
    """Every cell of parts 二, 三 and 四 of one report, keyed like ``parsers.model.Report``."""

    format: FormatName
    active_disclosure: Section
    applications: Section
    review_litigation: Section

    def all_values(self) -> list[Number]:
        """Every cell value, section by section (for "the renderer printed every number")."""
        return [
            value
            for section in (
                self.active_disclosure,
                self.applications,
                self.review_litigation,
            )
            for row in section.values()
            for value in row.values()
        ]


def generate_numbers(rng: random.Random, fmt: FormatName) -> ReportNumbers:
    """Draw a consistent set of numbers: mostly zeros, some 1-4 digit values, a few busy offices.

    ``busy`` scales the whole report so that some reports (a district government) have
    hundreds of requests and most (a township) have a handful, as in the corpus.
    """
    busy = rng.choice((1, 1, 2, 5, 20, 150))
    return ReportNumbers(
        format=fmt,
        active_disclosure=_active(rng, fmt, busy),
        applications=_applications(rng, fmt, busy),
        review_litigation=_review(rng, busy),
    )


def correct_one_number(numbers: ReportNumbers, rng: random.Random) -> ReportNumbers:
    """A republished correction: exactly one cell differs, and every rule still holds.

    Part 二 decisions (处理决定数量) take part in no rule, so bumping one keeps the report valid.
    """
    item = rng.choice(("administrative_license", "administrative_penalty"))
    active = {row: dict(cells) for row, cells in numbers.active_disclosure.items()}
    old = active[item]["decisions"]
    active[item]["decisions"] = int(old) + rng.randint(1, 9)
    return replace(numbers, active_disclosure=active)


def _small(rng: random.Random, scale: int, density: float) -> int:
    """Zero with probability ``1 - density``, else a value up to ``scale`` (at least 1)."""
    if rng.random() >= density:
        return 0
    return rng.randint(1, max(1, scale))


def _money(rng: random.Random, busy: int) -> Decimal:
    if rng.random() < _ZERO_MONEY:
        return Decimal(0)
    places = rng.choice(_MONEY_PLACES)
    units = rng.randint(1, 9999 * busy)
    return Decimal(units).scaleb(-places)


def _active(rng: random.Random, fmt: FormatName, busy: int) -> Section:
    section: Section = {}
    for item, columns in active_items(fmt).items():
        row: dict[str, Number] = {}
        for column in columns:
            if column in ("amount",):
                row[column] = _money(rng, busy)
            elif column == "change":
                previous = int(row.get("previous_count", 0))
                row[column] = (
                    rng.randint(-previous, 3) if rng.random() < _CHANGE_MOVES else 0
                )
            elif column in ("total_published", "in_force"):
                row[column] = sum(int(v) for v in row.values()) + _small(
                    rng, 40 * busy, 0.7
                )
            else:
                row[column] = _small(rng, 3 * busy, 0.5)
        section[item] = row
    return section


def _applications(rng: random.Random, fmt: FormatName, busy: int) -> Section:
    rows = application_rows(fmt)
    handled = handled_rows(fmt)
    section: Section = {row: {} for row in rows}
    for column in APPLICANT_PARTS:
        scale = busy * 10 if column == "natural_person" else busy
        density = 0.5 if column == "natural_person" else 0.15
        total = 0
        for row in handled:
            value = _small(
                rng, scale if row == "disclosed" else max(1, scale // 4), density
            )
            section[row][column] = value
            total += value
        section["total_handled"][column] = total
        forward = _small(rng, max(1, scale // 5), _CARRY_OVER)
        section["carried_forward"][column] = forward
        over = rng.randint(0, total + forward) if rng.random() < _CARRY_OVER else 0
        section["carried_over"][column] = over
        section["new_requests"][column] = total + forward - over
    for row in rows:
        section[row]["total"] = sum(int(section[row][c]) for c in APPLICANT_PARTS)
    return section


def _review(rng: random.Random, busy: int) -> Section:
    section: Section = {}
    for group in REVIEW_GROUPS:
        parts = [_small(rng, max(1, busy // 2), 0.25) for _ in REVIEW_COLUMNS[:-1]]
        section[group] = dict(zip(REVIEW_COLUMNS, [*parts, sum(parts)], strict=True))
    return section
