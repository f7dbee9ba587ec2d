"""Turn what the readers found into canonical values, each None explained by a problem.

``sections.py`` says which cell landed where; this module types each cell for its column
(counts are non-negative integers, 本年增/减 may be negative, 万元 amounts are ``Decimal``),
turns blanks and unread cells into ``None`` with a ``missing_cell`` or ``unreadable`` problem,
and then lets ``rules.py`` check the read numbers and recover what the rules determine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from parsers.model import DOUBTFUL_MARK, Problem, Value
from parsers.report.labels import MARKED_NUMBER, fold_width
from parsers.report.misread import misread_cells, unconfirmed_cells
from parsers.report.rules import (
    Rule,
    Solved,
    broken_rules,
    check_rules,
    format_rules,
    infer_missing,
)
from parsers.report.settle import (
    adopt_numbers_first,
    confirm_zones,
    record_unprinted_subrows,
    take_splits,
)
from parsers.report.unglue import (
    prints_every_cell,
    split_active,
    split_applications,
    split_review,
)
from parsers.report.values import typed_value
from parsers.report.vocabulary import (
    APPLICANTS,
    MONEY_CELLS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    SINGLE_OTHER_2021,
    active_items,
    application_rows,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from parsers.report.cells import Cell
    from parsers.report.sections import SectionRead, Why


@dataclass(slots=True)
class Sections:
    """The three parts as canonical values, the problems found, whether a rule broke."""

    active: dict[str, dict[str, Value]] = field(default_factory=dict)
    applications: dict[str, dict[str, Value]] = field(default_factory=dict)
    review: dict[str, dict[str, Value]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    inconsistent: bool = False


#: One canonical cell of a part: its column, its (row, column) key and its dotted path.
Slot = tuple[str, tuple[str, str], str]
#: A row of a part and its cells, in layout order.
SlotRow = tuple[str, tuple[Slot, ...]]


@lru_cache(maxsize=8)
def _table_slots(
    section: str, rows: tuple[str, ...], cols: tuple[str, ...]
) -> tuple[SlotRow, ...]:
    """Every cell of a part 三 or 四 layout in order, each key and path built once per layout."""
    return tuple(
        (r, tuple((c, (r, c), f"{section}.{r}.{c}") for c in cols)) for r in rows
    )


@lru_cache(maxsize=4)
def _active_slots(fmt: str) -> tuple[SlotRow, ...]:
    """Every cell of part 二 in order: each item has columns of its own."""
    return tuple(
        (
            item,
            tuple(
                (col, (item, col), f"active_disclosure.{item}.{col}") for col in cols
            ),
        )
        for item, cols in active_items(fmt).items()
    )


def _fill(
    out: Sections,
    section: str,
    slots: tuple[SlotRow, ...],
    read: SectionRead | None,
    missing: list[str],
    *,
    flat: dict[str, Value] | None = None,
) -> dict[str, dict[str, Value]]:
    """Values of one part in layout order; ``missing`` collects the paths left None.

    ``flat``, when given, also gets every value under its path (what the rules read).
    """
    values: dict[str, dict[str, Value]] = {}
    if read is None or not read.found:
        out.problems.append(
            Problem(section, "table_not_found", f"no {section} table was located")
        )
        return values
    out.problems.extend(read.notes)
    cells = read.cells
    for row, columns in slots:
        row_values = values.setdefault(row, {})
        for col, key, path in columns:
            cell = cells.get(key)
            value: Value = None
            if cell is None or cell.kind in _NOT_READ:
                missing.append(path)
            elif cell.number is not None:
                value = cell.integer  # the common case: a whole count, no unit or note
                if value is None or value < 0 or cell.note or key in MONEY_CELLS:
                    value = _number_value(out, row, col, cell, path)
            elif cell.kind == "text":
                out.problems.append(
                    Problem(path, "unreadable", f"{cell.raw.strip()!r} is not a number")
                )
            elif cell.kind == "doubtful":
                out.problems.append(Problem(path, "unreadable", _doubtful(cell)))
            else:
                missing.append(path)
            row_values[col] = value
            if flat is not None:
                flat[path] = value
    return values


@lru_cache(maxsize=1024)
def _path_parts(path: str) -> tuple[str, str, str]:
    """``section.row.column`` cut in three; the paths are the formats' few hundred cells."""
    section, row, col = path.split(".")
    return section, row, col


def _doubtful(cell: Cell) -> str:
    """Why a doubtful cell is null: a low-confidence read, or several numbers in one cell."""
    if DOUBTFUL_MARK in cell.raw:
        read_as = cell.raw.replace(DOUBTFUL_MARK, "").strip()
        return f"read with low confidence as {read_as!r}"
    if MARKED_NUMBER.fullmatch(fold_width(cell.raw).strip()):
        return f"the cell prints {cell.raw.strip()!r}: a number with a mark (a footnote, an estimate), not a plain value"
    return f"the cell holds several numbers, or one grouped by spaces ({cell.raw}): which is its value is not certain"


#: Why a cell no reader said more about is null.
_BLANK: Final[Why] = ("missing_cell", "the cell is blank")
#: The same in a scan, where a cell is also empty when its glyphs read as no digits
#: (``parsers.extract.ocr_glyphs``): no ink, or nothing legible.
_SCAN_BLANK: Final[Why] = (
    "missing_cell",
    "the cell is blank, or what it holds was read as no digits",
)
#: Cell kinds that hold nothing to read: the cell is missing, not unreadable.
_NOT_READ: Final = frozenset({"blank", "empty"})


def _number_value(out: Sections, row: str, col: str, cell: Cell, path: str) -> Value:
    """A number cell's typed value, with a problem for a conversion, a note or a misfit."""
    value, converted = typed_value(row, col, cell)
    if converted:
        out.problems.append(Problem(path, "unit_converted", converted))
    if cell.note:
        out.problems.append(
            Problem(path, "note_in_cell", f"the cell also says {cell.note!r}")
        )
    if value is None:
        out.problems.append(
            Problem(
                path, "unreadable", f"{cell.raw.strip()!r} is not a valid value here"
            )
        )
    return value


def _infer(
    out: Sections,
    rules: Sequence[Rule],
    flat: dict[str, Value],
    missing: list[str],
    reads: tuple[SectionRead | None, SectionRead | None],
    *,
    doubted: dict[str, str] | None = None,
) -> dict[str, Solved]:
    """Missing cells of parts 三 and 四 the rules determine, or none if that breaks a rule.

    ``doubted`` (a scan's reading, ``misread.py``): where the completion breaks a rule, the
    read cells behind it are added there (to be left null) instead of the report being
    inconsistent.
    """
    candidates = [p for p in missing if not p.startswith("active_disclosure.")]
    if not candidates:
        return {}
    applications, review = reads
    short: list[tuple[tuple[str, ...], tuple[Decimal, ...]]] = []
    for read, section in (
        (applications, "applications"),
        (review, "review_litigation"),
    ):
        if read is not None:
            short.extend(
                (tuple(f"{section}.{r}.{c}" for r, c in keys), nums)
                for keys, nums in read.short_rows
            )
    inferred = infer_missing(rules, flat, candidates, short)
    # A blank solved from one rule must satisfy every other rule too: if the completed
    # table breaks one, no values of the blanks make the source consistent. Then nothing is
    # inferred, and the report is inconsistent (a finding about the source).
    completed = flat | {path: solved.value for path, solved in inferred.items()}
    if inferred and doubted is not None:
        broken = broken_rules(rules, completed)
        if broken:
            doubted.update(misread_cells(broken, flat, inferred))
            return {}
        return inferred
    conflicts = check_rules(rules, completed) if inferred else []
    if conflicts:
        inferred = {}
        out.inconsistent = True
        out.problems.extend(
            Problem(
                c.where,
                "rule_violated",
                f"no values of the blank cells satisfy every rule: {c.detail}",
            )
            for c in conflicts
        )
    return inferred


def assemble(
    fmt: str,
    active: SectionRead | None,
    applications: SectionRead | None,
    review: SectionRead | None,
    *,
    layout: str | None = None,
    blanks_marked: bool = False,
    ocr: bool = False,
) -> Sections:
    """Canonical values of parts 二, 三, 四 with the rules checked and missing cells inferred.

    ``layout`` is the row layout part 三 was printed in when it differs from ``fmt`` (the mixed
    2021 shape with a single （六） row): its rows are read and checked as printed.
    ``blanks_marked``: the document prints a marker (—, /, 无) in its empty cells, so a glued
    run is missing none (``unglue.prints_every_cell``).
    ``ocr``: the numbers were read from a scan; a rule they break leaves its read cells null
    (``misread.py``) rather than the report inconsistent.
    """
    layout = layout or fmt
    out = Sections()
    missing: list[str] = []
    out.active = _fill(out, "active_disclosure", _active_slots(fmt), active, missing)
    flat: dict[str, Value] = {}
    app_slots = _table_slots("applications", application_rows(layout), APPLICANTS)
    out.applications = _fill(
        out, "applications", app_slots, applications, missing, flat=flat
    )
    review_slots = _table_slots("review_litigation", REVIEW_GROUPS, REVIEW_COLUMNS)
    out.review = _fill(
        out, "review_litigation", review_slots, review, missing, flat=flat
    )
    rules = format_rules(layout)
    by_rules = {
        **split_applications(applications, flat, rules),
        **split_review(review),
    }
    by_count = (
        split_active(active, active_items(fmt))
        if prints_every_cell(flat, by_rules, blanks_marked=blanks_marked)
        else {}
    )
    take_splits(out, flat, missing, {**by_count, **by_rules})
    if confirm_zones(out, applications, flat, rules, missing):
        adopt_numbers_first(out, active, active_items(fmt), missing)
    parts = {
        "active_disclosure": out.active,
        "applications": out.applications,
        "review_litigation": out.review,
    }
    doubted: dict[str, str] | None = {} if ocr else None
    if doubted is not None:
        doubted.update(misread_cells(broken_rules(rules, flat), flat))
        for path, why in unconfirmed_cells(rules, flat).items():
            doubted.setdefault(path, why)
        _unset(parts, flat, missing, doubted)
    violations = check_rules(rules, flat)
    out.problems.extend(violations)
    out.inconsistent = bool(violations)
    reads = (applications, review)
    inferred = (
        {} if violations else _infer(out, rules, flat, missing, reads, doubted=doubted)
    )
    if doubted:
        _unset(parts, flat, missing, doubted)
    if layout == SINGLE_OTHER_2021 and out.applications:
        record_unprinted_subrows(out)
    # why a cell is null: what its part's reader said (looked up for the null cells only)
    details: dict[str, dict[tuple[str, str], Why]] = {
        section: read.details if read is not None else {}
        for section, read in (
            ("active_disclosure", active),
            ("applications", applications),
            ("review_litigation", review),
        )
    }
    for path in missing:
        section, row, col = _path_parts(path)
        if path in inferred:
            solved = inferred[path]
            parts[section][row][col] = solved.value
            out.problems.append(Problem(path, "inferred", solved.why))
        elif doubted and path in doubted:
            out.problems.append(Problem(path, "unreadable", doubted[path]))
        else:
            kind, detail = details[section].get(
                (row, col), _SCAN_BLANK if ocr else _BLANK
            )
            out.problems.append(Problem(path, kind, detail))
    return out


def _unset(
    parts: dict[str, dict[str, dict[str, Value]]],
    flat: dict[str, Value],
    missing: list[str],
    doubted: dict[str, str],
) -> None:
    """Leave the ``doubted`` cells null: no value, missing (so the rules may solve them)."""
    for path in doubted:
        if flat.get(path) is None:
            continue
        section, row, col = _path_parts(path)
        parts[section][row][col] = None
        flat[path] = None
        missing.append(path)
