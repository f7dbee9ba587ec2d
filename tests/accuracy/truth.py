"""Known truth for generated reports: consistent numbers, metadata, and the case record.

Numbers come from ``tests.parsers.report_render.consistent_values`` (every rule of the format
holds), so a renderer only decides the shape. Part 二 gets its own seeded numbers (no rules
cover it). Seeds make every case reproducible: the same seed gives the same report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from parsers.report.vocabulary import (
    APPLICANT_PARTS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    active_items,
    handled_rows,
)
from tests.parsers.report_render import Counts, consistent_values

if TYPE_CHECKING:
    from parsers.model import Document

#: A cell's dotted path (``applications.new_requests.total``) -> its true value.
Values = dict[str, int | Decimal]

#: Places and organs used for generated reports: (full official name, abbreviated form).
ORGANS = (
    ("长宁县人民政府", "长宁县政府"),
    ("临川市科学技术委员会", "临川市科委"),
    ("东湖区人民政府东湖街道办事处", "东湖街道"),
    ("北岭县交通运输局", "北岭县交通局"),
    ("南江市生态环境局", "南江市环境局"),
    ("西陵区人民政府", "西陵区政府"),
)


@dataclass(frozen=True, slots=True)
class Truth:
    """What a generated report says: format, year, organ and every cell's value."""

    fmt: str
    year: int
    agency: str
    agency_short: str
    values: Values
    #: GB/T 2260 code the organ's name gives; None where the case does not check it
    region_code: str | None = None
    #: publication date (YYYY-MM-DD) the document states; checked only with "published"
    published: str | None = None

    def cells(self) -> Values:
        """Every cell of parts 二, 三, 四 (the cells a parser is scored on)."""
        return self.values


@dataclass(frozen=True, slots=True)
class Case:
    """One document to parse and what it must give.

    ``document`` is what extraction would hand the parser; ``source`` (bytes, media type) is
    set instead when the case must go through extraction (PDF, DOCX, HTML bytes).
    """

    cls: str
    name: str
    truth: Truth
    document: Document | None = None
    source: tuple[bytes, str] | None = None
    #: cells the shape does not print at all (scored apart, never as wrong)
    unprinted: frozenset[str] = field(default_factory=frozenset)
    #: glued cells whose digit run has more than one split satisfying every rule of the
    #: format: no reader can recover them, so they count apart (a null there is right)
    ambiguous: frozenset[str] = field(default_factory=frozenset)
    #: metadata the case checks: "year", "agency", "format", "region", "published"
    checks: tuple[str, ...] = ("year", "format", "agency")


def _active(fmt: str, rng: random.Random) -> Values:
    values: Values = {}
    for item, cols in active_items(fmt).items():
        for col in cols:
            path = f"active_disclosure.{item}.{col}"
            if col == "change":
                values[path] = rng.randint(-5, 9)
            elif col == "amount":
                cents = rng.randint(0, 999_999)
                values[path] = (
                    Decimal(cents) / 100 if rng.random() < 0.7 else Decimal(0)
                )
            elif rng.random() < 0.3:
                values[path] = 0
            else:
                values[path] = rng.randint(0, 400 if col != "in_force" else 900)
    return values


def make_truth(seed: int, *, fmt: str | None = None, sparse: float = 0.5) -> Truth:
    """A consistent report for ``seed``: ``sparse`` is the share of zero leaf cells."""
    rng = random.Random(seed)
    fmt = fmt or rng.choice(("2019", "2021"))
    year = rng.randint(2019, 2020) if fmt == "2019" else rng.randint(2021, 2025)
    leaves = {
        (row, col): (0 if rng.random() < sparse else rng.randint(1, 60))
        for row in handled_rows(fmt)
        for col in APPLICANT_PARTS
    }
    counts = Counts(
        leaves=leaves,
        carried_forward={
            c: rng.choice((0, 0, rng.randint(1, 9))) for c in APPLICANT_PARTS
        },
        carried_over_share={
            c: rng.choice((0, 0, rng.randint(1, 30))) for c in APPLICANT_PARTS
        },
        review={
            (g, c): (0 if rng.random() < sparse else rng.randint(1, 12))
            for g in REVIEW_GROUPS
            for c in REVIEW_COLUMNS[:-1]
        },
    )
    values: Values = dict(consistent_values(fmt, counts))
    values.update(_active(fmt, rng))
    agency, short = rng.choice(ORGANS)
    return Truth(fmt=fmt, year=year, agency=agency, agency_short=short, values=values)
