"""Which cells of a glued dump can be recovered at all: splits of digit runs under the rules.

A glued dump prints a row's cells run together (``215012`` for 215 · 0 · 12). Cut points are
lost; only the format's arithmetic can bring them back. This module enumerates, for the
printed runs of a report, every reading that satisfies every rule, and names the cells whose
value differs between readings: no reader can know those, so the suite scores them apart.
It is written independently of the parser (brute force with pruning, bounded).

Rules used: a part 三 row's 总计 is the sum of its six cells; per column (一)…(六) sum to
(七) and 一 + 二 = (七) + 四; a part 四 group's 总计 is the sum of its four cells. Part 二 has
no rules: its cells are unique only where the run allows a single split. A printed number
never has a leading zero (``0`` alone is fine); a money cell may carry decimals; a change
cell may be negative. The label before a run is taken as known (a reader knows the
template's labels), so only the digit runs are split.
"""

from __future__ import annotations

import re
from itertools import product
from typing import TYPE_CHECKING, Final

from parsers.report.vocabulary import (
    APPLICANTS,
    MONEY_CELLS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    SIGNED_CELLS,
    active_items,
    application_rows,
    handled_rows,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.accuracy.truth import Truth

#: Longest number a cell is read as (digits); report cells stay far below.
MAX_DIGITS: Final = 6
#: Search nodes per report before giving up; cells not proven unique then count as ambiguous.
BUDGET: Final = 200_000

_COUNT = re.compile(r"0|[1-9]\d*")
_SIGNED = re.compile(r"-?(0|[1-9]\d*)")
_MONEY = re.compile(r"(0|[1-9]\d*)(\.\d*[1-9])?")


class _Budget:
    def __init__(self) -> None:
        self.left = BUDGET

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _OutOfBudget


class _OutOfBudget(Exception):
    pass


def ambiguous_cells(truth: Truth, runs: dict[str, str]) -> frozenset[str]:
    """Paths of the cells whose value is not fixed by the printed ``runs`` and the rules.

    ``runs`` maps a row key (``applications.<row>``, ``review_litigation``,
    ``active_disclosure.<item>``) to the digits printed for it, cells run together.
    """
    ambiguous: set[str] = set()
    budget = _Budget()
    for item, columns in active_items(truth.fmt).items():
        run = runs[f"active_disclosure.{item}"]
        patterns = [_pattern(item, col) for col in columns]
        paths = [f"active_disclosure.{item}.{col}" for col in columns]
        try:
            readings = list(_splits(run, patterns, budget))
        except _OutOfBudget:
            readings = []
        ambiguous |= _differing(paths, readings)
    ambiguous |= _applications(truth, runs, budget)
    ambiguous |= _review(runs["review_litigation"], budget)
    return frozenset(ambiguous)


def _pattern(item: str, col: str) -> re.Pattern[str]:
    if (item, col) in MONEY_CELLS:
        return _MONEY
    return _SIGNED if col in SIGNED_CELLS else _COUNT


def _splits(
    run: str, patterns: list[re.Pattern[str]], budget: _Budget
) -> Iterator[tuple[str, ...]]:
    """Every way to cut ``run`` into ``len(patterns)`` pieces, each matching its pattern."""
    if not patterns:
        if not run:
            yield ()
        return
    if len(run) < len(patterns):
        return
    for length in range(1, min(len(run), MAX_DIGITS + 3) + 1):
        budget.spend()
        piece = run[:length]
        if patterns[0].fullmatch(piece):
            for rest in _splits(run[length:], patterns[1:], budget):
                yield (piece, *rest)


def _differing(paths: list[str], readings: list[tuple[str, ...]]) -> set[str]:
    """Paths whose piece is not the same in every reading (all of them if none exists)."""
    if len(readings) == 1:
        return set()
    if not readings:
        return set(paths)
    return {p for i, p in enumerate(paths) if len({r[i] for r in readings}) > 1}


def _summed_rows(run: str, parts: int, budget: _Budget) -> list[tuple[int, ...]]:
    """Readings of ``run`` as ``parts`` counts followed by their printed sum.

    The sum is a suffix of the run; every count is at most the sum, which bounds its length
    and prunes the search to a few hundred nodes for a report row.
    """
    out: list[tuple[int, ...]] = []
    for length in range(1, min(MAX_DIGITS, len(run) - parts) + 1):
        printed = run[-length:]
        if not _COUNT.fullmatch(printed):
            continue
        total = int(printed)
        counts = _counts_summing(run[:-length], parts, total, budget)
        out.extend((*reading, total) for reading in counts)
    return out


def _counts_summing(
    run: str, parts: int, total: int, budget: _Budget
) -> Iterator[tuple[int, ...]]:
    """Every reading of all of ``run`` as ``parts`` counts whose sum is ``total``."""
    if parts == 0:
        if not run and total == 0:
            yield ()
        return
    for length in range(1, min(len(run) - parts + 1, MAX_DIGITS) + 1):
        budget.spend()
        piece = run[:length]
        if not _COUNT.fullmatch(piece):
            break  # a leading zero: no longer piece is a number either
        value = int(piece)
        if value > total:
            break  # longer pieces are larger still
        for rest in _counts_summing(run[length:], parts - 1, total - value, budget):
            yield (value, *rest)


def _applications(truth: Truth, runs: dict[str, str], budget: _Budget) -> set[str]:
    rows = application_rows(truth.fmt)
    leaves = handled_rows(truth.fmt)
    options: dict[str, list[tuple[int, ...]]] = {row: [] for row in rows}
    seen: dict[str, set[tuple[int, ...]]] = {row: set() for row in rows}
    try:
        for row in rows:
            run = runs[f"applications.{row}"]
            options[row] = _summed_rows(run, len(APPLICANTS) - 1, budget)
        for solution in _application_solutions(options, leaves, budget):
            for row, values in solution.items():
                seen[row].add(values)
    except _OutOfBudget:
        # not proven unique: a row counts only where its own run allows one reading
        seen = {row: set(options[row]) for row in rows}
    out: set[str] = set()
    for row in rows:
        for index, col in enumerate(APPLICANTS):
            if len({values[index] for values in seen[row]}) != 1:
                out.add(f"applications.{row}.{col}")
    return out


def _application_solutions(
    options: dict[str, list[tuple[int, ...]]],
    leaves: tuple[str, ...],
    budget: _Budget,
) -> Iterator[dict[str, tuple[int, ...]]]:
    """Every choice of one reading per row that satisfies the column rules."""
    heads = ("total_handled", "carried_forward", "new_requests", "carried_over")
    for total, forward, new, over in product(*(options[row] for row in heads)):
        budget.spend()
        if any(
            n + o != t + f for n, o, t, f in zip(new, over, total, forward, strict=True)
        ):
            continue
        fixed = dict(zip(heads, (total, forward, new, over), strict=True))
        for chosen in _leaf_choices(options, leaves, total, budget):
            yield fixed | dict(zip(leaves, chosen, strict=True))


def _leaf_choices(
    options: dict[str, list[tuple[int, ...]]],
    leaves: tuple[str, ...],
    total: tuple[int, ...],
    budget: _Budget,
) -> Iterator[tuple[tuple[int, ...], ...]]:
    """Readings of the rows (一)…(六) whose column sums are ``total``, with pruning."""

    def walk(
        index: int, sums: tuple[int, ...]
    ) -> Iterator[tuple[tuple[int, ...], ...]]:
        if index == len(leaves):
            if sums == total:
                yield ()
            return
        for values in options[leaves[index]]:
            budget.spend()
            new = tuple(s + v for s, v in zip(sums, values, strict=True))
            if all(s <= t for s, t in zip(new, total, strict=True)):
                for rest in walk(index + 1, new):
                    yield (values, *rest)

    yield from walk(0, (0,) * len(total))


def _review(run: str, budget: _Budget) -> set[str]:
    """Part 四's fifteen cells in one run: three groups of four counts and their 总计."""
    parts = len(REVIEW_COLUMNS) - 1
    paths = [
        f"review_litigation.{g}.{c}" for g in REVIEW_GROUPS for c in REVIEW_COLUMNS
    ]

    def walk(rest: str, groups: int) -> Iterator[tuple[str, ...]]:
        if groups == 0:
            if not rest:
                yield ()
            return
        for pieces in _splits_prefix(rest, parts, budget):
            used = len("".join(pieces))
            total = str(sum(int(p) for p in pieces))
            if rest[used:].startswith(total):
                for tail in walk(rest[used + len(total) :], groups - 1):
                    yield (*pieces, total, *tail)

    try:
        readings = list(walk(run, len(REVIEW_GROUPS)))
    except _OutOfBudget:
        return set(paths)
    return _differing(paths, readings)


def _splits_prefix(run: str, count: int, budget: _Budget) -> Iterator[tuple[str, ...]]:
    """Every way to read ``count`` counts from the start of ``run`` (the rest left over)."""
    if count == 0:
        yield ()
        return
    for length in range(1, min(len(run), MAX_DIGITS) + 1):
        budget.spend()
        piece = run[:length]
        if _COUNT.fullmatch(piece):
            for rest in _splits_prefix(run[length:], count - 1, budget):
                yield (piece, *rest)
