"""Whether a part's row labels and their numbers are in step, and where they are not.

Readers take the value cells after a row label as that row's numbers. That is right only while
labels and numbers alternate in step; text extraction breaks the step in known ways: a row's
numbers printed before its label, the next row's label between a label and its numbers, a label
on a line of its own. Then the numbers after a label may belong to a neighbouring row, and taking
them would put a number in the wrong cell, the one failure a researcher cannot see.

The step shows in two kinds of event along a part's chain of labels and value runs:

* a *surplus*: a run no label claims (after a heading or an unknown text), or a run holding more
  numbers than its row has columns (two rows' numbers run together);
* a *deficit*: a label with no value cell after it.

A surplus followed by a deficit (or the reverse) brackets rows that may each hold a neighbour's
numbers: an *out-of-step zone*. Rows outside every zone are read as before. A zone's rows are
left null unless its runs, taken in order, give exactly one run per label and the format's rules
confirm that reading (``assemble.py`` checks); parts without rules keep them null.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from parsers.report.cells import Cell

#: The most rows one zone may span before it is left null without trying an in-order reading.
MAX_ZONE_ROWS: Final = 40


class Step(NamedTuple):
    """One link of a part's chain: a row label with the values after it, or a lone run.

    A named tuple, not a dataclass: a report's chain is built anew for every part read.
    Build one with ``step()``, which counts the numbers once.
    """

    row: str | None  # None: a run no label claims
    values: tuple[Cell, ...]
    #: how many number cells the values hold
    numbers: int
    #: whether a value is a run of glued digits (split by the rules, never shifted)
    glued: bool
    #: a lone run after a label whose row was already read: that label (else None)
    again: str | None = None


def step(row: str | None, values: tuple[Cell, ...], again: str | None = None) -> Step:
    """A step of the chain, its number cells counted and glued runs noted, once."""
    kinds = [c.kind for c in values]
    return Step(row, values, kinds.count("number"), "glued" in kinds, again)


@dataclass(frozen=True, slots=True)
class Zone:
    """Rows whose numbers are uncertain, and their in-order reading when one exists."""

    rows: tuple[str, ...]
    reading: tuple[tuple[Cell, ...], ...] | None
    #: the zone opens with numbers no label claims: a table printed numbers before labels
    numbers_first: bool = False


#: Events along a chain. A *soft* deficit, a label followed by blank cells only, is a blank
#: row as often as a label whose numbers went elsewhere: it closes a zone opened by a surplus
#: next to it, and alone it is just a blank row.
SURPLUS: Final = 1
DEFICIT: Final = -1
SOFT_DEFICIT: Final = -2


def _event(step: Step, ncols: int) -> int:
    """SURPLUS, DEFICIT, SOFT_DEFICIT, or 0 for a row in step."""
    if step.glued:
        return 0  # digits run together: split by the rules, never shifted
    if step.row is None:
        return SURPLUS if step.numbers else 0
    if step.numbers > ncols:
        return SURPLUS
    if not step.values:
        return DEFICIT
    if not step.numbers:
        return SOFT_DEFICIT
    return 0


def _sign(event: int) -> int:
    return 1 if event > 0 else -1


def out_of_step(
    steps: Sequence[Step], ncols: Callable[[Step], int]
) -> list[tuple[int, int]]:
    """(first, last) step indices of every zone.

    A chain that opens with a lone run, numbers before the first label, is one zone: its
    numbers may come before their labels throughout. Otherwise events of opposite sign on
    neighbouring steps (one displaced row) bracket a zone, and any other event gives:

    * a label with no values at all: the next label may hold its numbers (the next row's label
      printed between a label and its numbers), so the zone is the two of them;
    * a label with too many numbers: that row alone (it is left short, never shifted);
    * a run no label claims: no zone. Were it the next label's numbers printed before it, every
      label after would hold its successor's numbers and the last would have none: that is
      the whole-table case above, or a deficit next to it; alone it is a row whose label was
      not recognised (a label wrapped around its numbers is joined back by ``rows.chain``).
    """
    events = [(i, e) for i, s in enumerate(steps) if (e := _event(s, ncols(s)))]
    label_steps = [i for i, s in enumerate(steps) if s.row is not None]
    if events and events[0] == (0, SURPLUS) and steps[0].row is None and label_steps:
        # numbers before the first label: the table may be printed numbers first throughout
        # (the last label then has none, unless it was lost), so no row is certain on its own
        return [(0, label_steps[-1])]
    zones: list[tuple[int, int]] = []
    k = 0
    while k < len(events):
        i, a = events[k]
        if k + 1 < len(events):
            j, b = events[k + 1]
            # one row displaced puts its two events side by side; events far apart are two
            # unrelated faults, and reading the rows between in order would shift them all
            if _sign(a) != _sign(b) and j == i + 1:
                zones.append((i, j))
                k += 2
                continue
        if a == DEFICIT:
            zones.append((i, _label_after(steps, i)))
        elif a == SURPLUS and steps[i].row is not None:
            zones.append((i, i))
        k += 1
    return zones


def _label_after(steps: Sequence[Step], i: int) -> int:
    j = i + 1
    while j < len(steps) and steps[j].row is None:
        j += 1
    return min(j, len(steps) - 1)


def in_format_order(steps: Sequence[Step], order: dict[str, int]) -> list[Step]:
    """The chain with every label out of the format's row order made a lone run.

    Labels are recognised by words, and a fragment can name the wrong row (``2.其他`` cut from
    ``2.其他法律行政法规禁止公开`` reads as （六）3.其他). The longest run of labels in the
    format's order is kept; any other label cannot be trusted to own the numbers after it.
    """
    ranks = [order[s.row] for s in steps if s.row is not None and s.row in order]
    if all(a < b for a, b in itertools.pairwise(ranks)):
        return list(steps)  # the usual case: every label in order
    # per label: the longest in-order run of labels ending there
    best: list[list[int]] = []
    for k, step in enumerate(steps):
        if step.row is None or step.row not in order:
            continue
        longest: list[int] = []
        for kept in best:
            if order[steps[kept[-1]].row or ""] < order[step.row] and len(kept) > len(
                longest
            ):
                longest = kept
        best.append([*longest, k])
    keep: set[int] = set()
    for kept in best:
        if len(kept) > len(keep):
            keep = set(kept)
    return [
        s if s.row is None or k in keep else s._replace(row=None)
        for k, s in enumerate(steps)
    ]


def printed_values(values: Sequence[Cell]) -> tuple[object, ...]:
    """What a row prints, to compare two printings of it.

    Numbers by value, other cells as typed (a blank is not a ``0``), the nothing between
    separators left out.
    """
    return tuple(
        c.number if c.number is not None else c.raw.strip()
        for c in values
        if c.kind != "empty"
    )


def printed_twice(steps: Sequence[Step]) -> set[str]:
    """Rows whose label is printed twice in the part, each time with other numbers.

    A row printed twice with the same numbers is one row seen twice (a table's row repeated
    across a page break). With other numbers (a hidden spreadsheet row or a draft line kept
    above the real one, a second table with the same row labels) which printing is the
    table's cannot be known from the labels, so neither is taken.
    """
    first: dict[str, Step] = {}
    again: list[Step] = []
    for s in steps:
        if s.numbers or s.glued:
            if s.row is not None:
                first.setdefault(s.row, s)
            elif s.again is not None:
                again.append(s)
    # (what a row prints is worked out only for the rows met again: most reports have none)
    return {
        s.again
        for s in again
        if s.again in first
        and printed_values(first[s.again].values) != printed_values(s.values)
    }


def _chunks(step: Step, ncols: int) -> list[tuple[Cell, ...]] | None:
    """The step's numbers cut into rows of ``ncols``; None unless they cut exactly."""
    numbers = tuple(c for c in step.values if c.number is not None)
    if not numbers:
        return []
    if any(c.kind == "doubtful" for c in step.values) or len(numbers) % ncols:
        return None
    if len(numbers) > ncols or not any(c.kind == "blank" for c in step.values):
        # rows run together: blank cells between them are the layout's (the label columns of
        # a converter's table); a blank inside a row would leave a count that does not cut
        return [numbers[k : k + ncols] for k in range(0, len(numbers), ncols)]
    return [numbers]


def zone_reading(
    steps: Sequence[Step], ncols: int
) -> tuple[tuple[Cell, ...], ...] | None:
    """The zone's runs in order, one per label, when they match the labels exactly."""
    labels = [s for s in steps if s.row is not None]
    if len(labels) > MAX_ZONE_ROWS:
        return None
    rows: list[tuple[Cell, ...]] = []
    for step in steps:
        cut = _chunks(step, ncols)
        if cut is None:
            return None
        rows.extend(cut)
    return tuple(rows) if len(rows) == len(labels) else None


def zones_of(steps: Sequence[Step], ncols: int) -> tuple[list[Zone], set[str]]:
    """The out-of-step zones of a part whose rows all have ``ncols`` columns (part 三).

    Returns the zones and the rows they cover (rows to take no numbers from directly). An
    in-order reading is offered only for a zone bracketed by a surplus and a deficit.
    Part 二, whose rows differ in width, uses ``out_of_step`` and ``reading_by_width``.
    """
    zones: list[Zone] = []
    covered: set[str] = set()
    for first, last in out_of_step(steps, lambda _s: ncols):
        span = steps[first : last + 1]
        rows = tuple(s.row for s in span if s.row is not None)
        if not rows:
            continue
        covered.update(rows)
        paired = first != last and _sign(_event(steps[first], ncols)) != _sign(
            _event(steps[last], ncols)
        )
        zones.append(
            Zone(
                rows=rows,
                reading=zone_reading(span, ncols) if paired else None,
                numbers_first=steps[first].row is None,
            )
        )
    return zones, covered


def reading_by_width(
    span: Sequence[Step], width_of: Callable[[str], int]
) -> tuple[tuple[Cell, ...], ...] | None:
    """A zone's numbers in order, cut by each label's own width (part 二's 1–3 columns).

    Only when the numbers fill the labels exactly, every run ends where a label's numbers
    end, and no blank cell could be a column of its own.
    """
    rows = [s.row for s in span if s.row is not None]
    widths = [width_of(row) for row in rows]
    if any(w <= 0 for w in widths):
        return None
    if any(c.kind in ("blank", "doubtful", "glued") for s in span for c in s.values):
        return None
    numbers = [c for s in span for c in s.values if c.number is not None]
    ends = set(itertools.accumulate(widths))
    runs = [s.numbers for s in span if s.numbers]
    if sum(widths) != len(numbers) or not ends.issuperset(itertools.accumulate(runs)):
        return None
    reading: list[tuple[Cell, ...]] = []
    for end, width in zip(itertools.accumulate(widths), widths, strict=True):
        reading.append(tuple(numbers[end - width : end]))
    return tuple(reading)
