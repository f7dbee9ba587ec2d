"""What the readers left open, settled by the format's rules: out-of-step rows, glued digits.

``sections.py`` leaves a row null when its numbers are uncertain: labels and numbers out of
step (``phase.py``), or its cells' digits run together (``glued.py``). These functions take a
reading for such rows only where every rule that can check it does, and record that they did;
``_unprinted_subrows`` records the 2021 sub-rows a mixed-shape report does not print.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.model import Problem
from parsers.report.rules import check_rules
from parsers.report.values import typed_value
from parsers.report.vocabulary import APPLICANTS, OTHER_2021

if TYPE_CHECKING:
    from collections.abc import Sequence

    from parsers.model import Value
    from parsers.report.assemble import Sections
    from parsers.report.phase import Zone
    from parsers.report.rules import Rule
    from parsers.report.sections import SectionRead


#: Detail prefixes that name a problem kind of their own.
def take_splits(
    out: Sections, flat: dict[str, Value], missing: list[str], found: dict[str, Value]
) -> None:
    """Put the cells a unique split of glued digits gave into their parts."""
    parts = {
        "active_disclosure": out.active,
        "applications": out.applications,
        "review_litigation": out.review,
    }
    taken: set[str] = set()
    for path, value in found.items():
        if path not in missing:
            continue
        section, row, col = path.split(".")
        parts[section][row][col] = value
        if section != "active_disclosure":
            flat[path] = value
        missing.remove(path)
        taken.add(section)
    out.problems.extend(
        Problem(
            section,
            "rows_realigned",
            "digits run together were split: the only reading every rule allows",
        )
        for section in sorted(taken)
    )


def confirm_zones(
    out: Sections,
    read: SectionRead | None,
    flat: dict[str, Value],
    rules: Sequence[Rule],
    missing: list[str],
) -> bool:
    """Take out-of-step zones' in-order readings only where every rule they touch confirms them.

    The rules must be complete (no unknown cell) and hold with the zones' numbers in place;
    anything less leaves the rows null (``ambiguous_row``), as the reader left them. Zones are
    tried all together first (two zones often share a column rule), then one by one.
    Returns whether a confirmed zone was printed numbers before labels (see
    ``adopt_numbers_first``).
    """
    numbers_first = False
    if read is None:
        return numbers_first
    zones = [(z, t) for z in read.zones if z.reading and (t := _trial(z))]
    together: dict[str, Value] = {k: v for _z, t in zones for k, v in t.items()}
    if len(zones) > 1 and _confirmed(together, flat, rules):
        trials = [(any(z.numbers_first for z, _ in zones), together)]
    else:
        trials = [(z.numbers_first, t) for z, t in zones]
    for first, trial in trials:
        if not _confirmed(trial, flat, rules):
            continue
        numbers_first = numbers_first or first
        rows = sorted({path.split(".")[1] for path in trial})
        for path, value in trial.items():
            _section, row, col = path.split(".")
            out.applications[row][col] = value
            flat[path] = value
            missing.remove(path)
        out.problems.append(
            Problem(
                "applications",
                "rows_realigned",
                f"labels and numbers out of step in rows {', '.join(rows)}: read in "
                "order, and every rule these rows take part in confirms it",
            )
        )
    return numbers_first


def adopt_numbers_first(
    out: Sections,
    read: SectionRead | None,
    items: dict[str, tuple[str, ...]],
    missing: list[str],
) -> None:
    """Part 二's in-order reading, once part 三 proved the report prints numbers first.

    Part 二 has no rules of its own; the report's typesetting is one, so when part 三's rows
    were printed numbers before labels and every rule confirmed reading them in order, part
    二's zones that open the same way are read in order too.
    """
    if read is None:
        return
    for zone in read.zones:
        if not zone.numbers_first or zone.reading is None:
            continue
        values = {
            f"active_disclosure.{item}.{col}": typed_value(item, col, cell)[0]
            for item, cells in zip(zone.rows, zone.reading, strict=True)
            for col, cell in zip(items[item], cells, strict=True)
        }
        if any(v is None for v in values.values()) or not set(values) <= set(missing):
            continue
        for path, value in values.items():
            _section, item, col = path.split(".")
            out.active[item][col] = value
            missing.remove(path)
        out.problems.append(
            Problem(
                "active_disclosure",
                "rows_realigned",
                f"items {', '.join(zone.rows)} printed numbers before labels, as part 三 "
                "was (confirmed there by its rules): read in order",
            )
        )


def _trial(zone: Zone) -> dict[str, Value]:
    """The zone's in-order reading as cell values; empty if a cell is not a valid value."""
    trial: dict[str, Value] = {}
    assert zone.reading is not None  # noqa: S101 - filtered by the caller
    for row, cells in zip(zone.rows, zone.reading, strict=True):
        for col, cell in zip(APPLICANTS, cells, strict=True):
            value = typed_value(row, col, cell)[0]
            if value is None:
                return {}
            trial[f"applications.{row}.{col}"] = value
    return trial


def _confirmed(
    trial: dict[str, Value], flat: dict[str, Value], rules: Sequence[Rule]
) -> bool:
    """Whether every rule touching ``trial`` is complete and holds with it in place."""
    completed = flat | trial
    touched = [r for r in rules if any(p in trial for p, _ in r.terms)]
    if any(completed.get(p) is None for r in touched for p, _ in r.terms):
        return False
    return not check_rules(touched, completed)


def record_unprinted_subrows(out: Sections) -> None:
    """The 2021 sub-rows of （六） a single-row report does not print: null, never invented."""
    out.problems.append(
        Problem(
            "applications",
            "table_shape",
            "（六）其他处理 printed as one row (the 2019 shape) in a 2021 report: read as "
            "other_handling; its three 2021 sub-rows are not printed",
        )
    )
    for row in OTHER_2021:
        out.applications[row] = dict.fromkeys(APPLICANTS)
        out.problems.extend(
            Problem(
                f"applications.{row}.{col}",
                "table_shape",
                "not printed: one （六） row",
            )
            for col in APPLICANTS
        )
