"""The formats' arithmetic rules, their checks, and the only inference the parser allows.

Rules (DESIGN.md, "The national formats"): per applicant column 一 + 二 = 三(七) + 四; (七) =
the sum of (一)…(六) with their sub-rows; the 总计 column = the sum of the six applicant
columns, for every row; each review/litigation 总计 = the sum of its four.

Inference follows architecture.md "Blank and missing cells", step 3, exactly: a rule with one
unknown is solved; a rule whose known parts already reach its total forces the remaining
unknowns to 0 (counts are non-negative). Only missing count cells are ever inferred (part 二's
``change`` and money cells have no rules and are never candidates). A short row (fewer numbers
than columns, kept unshifted) is recovered only if the numbers read appear, in order, in the
recovered row; otherwise none of its cells is recovered and inference runs again without them.
Nothing is inferred from a report whose read numbers already break a rule: its numbers cannot
be trusted to determine others.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Final, NamedTuple, cast

from parsers.model import Problem
from parsers.report.vocabulary import (
    APPLICANT_PARTS,
    APPLICANTS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    application_rows,
    handled_rows,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from decimal import Decimal

#: A cell's dotted path in canonical ids: ``applications.new_requests.total``.
Path = str
#: Rounds of "block the short rows that failed, infer again"; each round blocks at least one row.
MAX_ROUNDS: Final = 64


@dataclass(frozen=True, slots=True)
class Rule:
    """``sum(plus) == sum(minus)``, named for the problems it produces."""

    name: str
    plus: tuple[Path, ...]
    minus: tuple[Path, ...]

    #: Each cell with its sign: the rule is ``sum(sign * value) == 0`` (computed once).
    terms: tuple[tuple[Path, int], ...] = field(init=False, repr=False, compare=False)
    #: The cells of both sides, ``plus`` first.
    paths: tuple[Path, ...] = field(init=False, repr=False, compare=False)
    #: Reads the values of ``paths`` out of a mapping holding every one, in one C call: the
    #: rules are checked on every report, the most of the time spent checking them.
    values_of: Callable[
        [Mapping[Path, int | Decimal | None]], tuple[int | Decimal | None, ...]
    ] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        terms = tuple([(p, 1) for p in self.plus] + [(p, -1) for p in self.minus])
        object.__setattr__(self, "terms", terms)
        paths = self.plus + self.minus
        object.__setattr__(self, "paths", paths)
        # (itemgetter of a single key gives the value itself, not a tuple of one)
        getter = operator.itemgetter(*paths) if len(paths) > 1 else None
        object.__setattr__(
            self,
            "values_of",
            getter or (lambda values: (values[paths[0]],)),
        )


class Solved(NamedTuple):
    """A missing cell the rules determine: its value, why, and the rule that gave it."""

    value: int
    why: str
    rule: Rule


@lru_cache(maxsize=4)
def format_rules(fmt: str) -> tuple[Rule, ...]:
    """Every rule of the ``"2019"`` or ``"2021"`` format over parts 三 and 四."""
    rules: list[Rule] = []
    app = "applications"
    for col in APPLICANTS:
        rules.append(
            Rule(
                f"new_requests + carried_over = total_handled + carried_forward ({col})",
                (f"{app}.new_requests.{col}", f"{app}.carried_over.{col}"),
                (f"{app}.total_handled.{col}", f"{app}.carried_forward.{col}"),
            )
        )
        rules.append(
            Rule(
                f"total_handled = sum of handled rows ({col})",
                (f"{app}.total_handled.{col}",),
                tuple(f"{app}.{row}.{col}" for row in handled_rows(fmt)),
            )
        )
    rules.extend(
        Rule(
            f"total = sum of applicant columns ({row})",
            (f"{app}.{row}.total",),
            tuple(f"{app}.{row}.{col}" for col in APPLICANT_PARTS),
        )
        for row in application_rows(fmt)
    )
    for group in REVIEW_GROUPS:
        parts = tuple(f"review_litigation.{group}.{col}" for col in REVIEW_COLUMNS[:-1])
        rules.append(
            Rule(
                f"total = upheld + corrected + other + pending ({group})",
                (f"review_litigation.{group}.total",),
                parts,
            )
        )
    return tuple(rules)


def _describe(rule: Rule, values: Mapping[Path, int | Decimal | None]) -> str:
    def side(paths: Iterable[Path]) -> str:
        return " + ".join(
            f"{p.rsplit('.', 2)[-2]}.{p.rsplit('.', 1)[-1]}={values.get(p)}"
            for p in paths
        )

    return f"{rule.name}: {side(rule.plus)} but {side(rule.minus)}"


def check_rules(
    rules: Sequence[Rule], values: Mapping[Path, int | Decimal | None]
) -> list[Problem]:
    """``rule_violated`` for every rule the read numbers break.

    A rule with every cell read is violated when its sides differ; a rule with unknown cells is
    violated when its known parts already exceed what non-negative unknowns could balance.
    """
    return [
        Problem(rule.plus[0], "rule_violated", _describe(rule, values))
        for rule in broken_rules(rules, values)
    ]


def rule_values(
    rule: Rule, values: Mapping[Path, int | Decimal | None]
) -> tuple[int | Decimal | None, ...]:
    """The values of ``rule``'s cells (``plus`` first), None for a cell not in ``values``."""
    try:
        return rule.values_of(values)
    except KeyError:  # a mapping without some of the rule's cells: they are unknown
        return tuple(map(values.get, rule.paths))


def sides_equal(rule: Rule, read: tuple[int | Decimal | None, ...]) -> bool:
    """Whether ``rule`` holds for its cells' values ``read``, every one of them read."""
    whole = cast("tuple[int | Decimal, ...]", read)
    plus = len(rule.plus)
    return sum(whole[:plus]) == sum(whole[plus:])


def broken_rules(
    rules: Sequence[Rule], values: Mapping[Path, int | Decimal | None]
) -> list[Rule]:
    """The rules the read numbers break (``check_rules`` says how)."""
    broken: list[Rule] = []
    for rule in rules:
        read = rule_values(rule, values)
        if None not in read:  # the usual case: every cell of the rule was read
            if not sides_equal(rule, read):
                broken.append(rule)
            continue
        unknown: list[int] = []
        known = 0
        for (_, coef), value in zip(rule.terms, read, strict=True):
            if value is None:
                unknown.append(coef)
            else:
                known += coef * int(value)
        # the unknowns would have to be negative
        if len(set(unknown)) == 1 and known * unknown[0] > 0:
            broken.append(rule)
    return broken


def _embeds(numbers: Sequence[Decimal], row: Sequence[int | None]) -> bool:
    """Whether ``numbers`` appear in order in ``row``, unknown cells matching anything."""
    i = 0
    for value in row:
        if i < len(numbers) and (value is None or value == numbers[i]):
            i += 1
    return i == len(numbers)


def _solve(
    rules: Sequence[Rule],
    values: Mapping[Path, int | Decimal | None],
    candidates: set[Path],
) -> dict[Path, Solved]:
    known: dict[Path, int] = {p: int(v) for p, v in values.items() if v is not None}
    found: dict[Path, Solved] = {}
    # the rules with a cell not known yet, in order: a rule all of whose cells are known
    # solves nothing, and the known cells only grow
    pending = [r for r in rules if not known.keys() >= set(r.paths)]
    changed = True
    while changed:
        changed = False
        unsolved: list[Rule] = []
        for rule in pending:
            terms = rule.terms
            unknown = [(p, c) for p, c in terms if p not in known]
            if not unknown:
                continue
            unsolved.append(rule)
            if any(p not in candidates for p, _ in unknown):
                continue
            rest = -sum(c * known[p] for p, c in terms if p in known)
            if len(unknown) == 1:
                path, coef = unknown[0]
                value = rest * coef
                if value < 0:
                    continue
                detail = f"solved from {rule.name}"
            elif len({c for _, c in unknown}) == 1 and rest == 0:
                value = 0
                detail = f"forced to 0: the known parts already reach the total in {rule.name}"
            else:
                continue
            for path, _ in unknown:
                known[path] = value
                found[path] = Solved(value, detail, rule)
            changed = True
        pending = unsolved
    return found


def infer_missing(
    rules: Sequence[Rule],
    values: Mapping[Path, int | Decimal | None],
    candidates: Iterable[Path],
    short_rows: Sequence[tuple[tuple[Path, ...], tuple[Decimal, ...]]],
) -> dict[Path, Solved]:
    """Missing cells the rules determine uniquely: path -> value, why and rule.

    ``candidates`` are the missing count cells that may be inferred; ``short_rows`` are the
    rows read with too few numbers (their paths and the numbers, in order).
    """
    allowed = {p for p in candidates if values.get(p) is None}
    if not allowed:
        return {}  # the usual case: every count cell of parts 三 and 四 was read
    for _ in range(MAX_ROUNDS):
        found = _solve(rules, values, allowed)
        blocked: set[Path] = set()
        for paths, numbers in short_rows:
            row = [found[p].value if p in found else values.get(p) for p in paths]
            if any(p in found for p in paths) and not _embeds(
                numbers, [v if isinstance(v, int) else None for v in row]
            ):
                blocked.update(paths)
        if not blocked & allowed:
            return found
        allowed -= blocked
    return {}
