"""Split glued digit runs where the format's rules leave exactly one reading.

``sections.py`` records rows whose cells ran together (``SectionRead.glued``); this module
enumerates their readings (``glued.py``) and keeps a cell only when every reading that
satisfies every rule agrees on it:

* part 三: each row is read as six numbers and their 总计; rows with several such readings are
  combined with the others and the column rules (一 + 二 = (七) + 四, (七) = the sum of (一)…(六))
  decide; a combination search past ``MAX_COMBINATIONS`` decides nothing;
* part 四: the fifteen numbers as three groups of four and their 总计;
* part 二: no rule; a run is split only when it can be read one way (``04`` as 0 · 4), and
  only in a document that prints every cell (``prints_every_cell``): where zeros are left
  blank, a glued run has no trace of them, and ``338`` under three columns is as likely
  33 · (blank) · 8 as 3 · 3 · 8.

A cell left open keeps its ``ambiguous_split`` problem; a recovered one is recorded once per
part as ``rows_realigned``-like evidence in ``detail``.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import product
from typing import TYPE_CHECKING, Final

from parsers.report.glued import split_free, split_groups, split_with_total
from parsers.report.rules import check_rules
from parsers.report.vocabulary import (
    APPLICANT_PARTS,
    APPLICANTS,
    MONEY_CELLS,
    REVIEW_COLUMNS,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from parsers.model import Value
    from parsers.report.rules import Rule
    from parsers.report.sections import SectionRead

#: Combinations of ambiguous rows tried against the column rules.
MAX_COMBINATIONS: Final = 20_000

#: path -> value for every cell a split determined
Found = dict[str, "Value"]


def split_applications(
    read: SectionRead | None, flat: Mapping[str, Value], rules: Sequence[Rule]
) -> Found:
    """Part 三's glued rows: the cells every rule-satisfying combination agrees on."""
    if read is None or not read.glued:
        return {}
    options: dict[str, list[tuple[int, ...]]] = {}
    for row, digits in read.glued.items():
        readings = split_with_total(digits, len(APPLICANT_PARTS))
        if not readings:
            return {}  # no reading (or past the budget): nothing of the part is split
        options[row] = readings
    rows = list(options)
    total = 1
    for row in rows:
        total *= len(options[row])
    if total > MAX_COMBINATIONS:
        return {}
    solutions: list[dict[str, int]] = []
    for combination in product(*(options[r] for r in rows)):
        trial = {
            f"applications.{row}.{col}": value
            for row, reading in zip(rows, combination, strict=True)
            for col, value in zip(APPLICANTS, reading, strict=True)
        }
        if not check_rules(rules, {**flat, **trial}):
            solutions.append(trial)
    return _agreed(solutions)


def split_review(read: SectionRead | None) -> Found:
    """Part 四's fifteen glued numbers, when one reading satisfies the four-and-total rule."""
    if read is None or "review" not in read.glued:
        return {}
    groups = read.glued_order
    readings = split_groups(read.glued["review"], len(groups), len(REVIEW_COLUMNS) - 1)
    if not readings:
        return {}
    keys = [f"review_litigation.{g}.{c}" for g in groups for c in REVIEW_COLUMNS]
    return _agreed([dict(zip(keys, r, strict=True)) for r in readings])


def prints_every_cell(
    flat: Mapping[str, Value], by_rules: Mapping[str, Value], *, blanks_marked: bool
) -> bool:
    """Whether the document shows it prints every cell, zeros and empty ones included.

    A glued run can only be cut by digit count where every cell is printed; an organ that
    leaves its zeros blank leaves nothing in the run, and a count that fits is a guess. A
    zero read outright, one the sums of parts 三 and 四 split out of a glued run, or a blank
    marker (``blanks_marked``) shows the document writes its empty cells.
    """
    return (
        blanks_marked
        or any(v == 0 for v in flat.values() if v is not None)
        or any(v == 0 for v in by_rules.values())
    )


def split_active(
    read: SectionRead | None, items: Mapping[str, tuple[str, ...]]
) -> Found:
    """Part 二's glued items that can be read one way only (no rule constrains them)."""
    found: Found = {}
    if read is None:
        return found
    for item, digits in read.glued.items():
        cols = items.get(item)
        if cols is None:
            continue
        money_last = (item, cols[-1]) in MONEY_CELLS
        whole, _dot, fraction = digits.partition(".")
        if fraction and not money_last:
            continue
        readings = split_free(whole, len(cols))
        if readings is None or len(readings) != 1:
            continue
        numbers = readings[0]
        values: list[Value] = list(numbers)
        if money_last:
            last = numbers[-1]
            values[-1] = Decimal(f"{last}.{fraction}") if fraction else Decimal(last)
        found.update(
            {
                f"active_disclosure.{item}.{c}": v
                for c, v in zip(cols, values, strict=True)
            }
        )
    return found


def _agreed(solutions: Sequence[Mapping[str, int]]) -> Found:
    """The cells on which every solution agrees (none when there is no solution)."""
    if not solutions:
        return {}
    first = solutions[0]
    return {p: v for p, v in first.items() if all(s[p] == v for s in solutions[1:])}
