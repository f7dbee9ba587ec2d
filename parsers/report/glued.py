"""Glued cells: a row's numbers run together (``3000003``), split only where the rules allow one way.

Other crawlers' text dumps lose the separators between a table's cells: ``自然人3000003`` for
a row of seven cells, ``行政许可215012`` for 215 · 0 · 12. The cut points are gone; only the
format's arithmetic can bring them back. A split is a reading only when it is the single one
that satisfies every rule: a part 三 row's 总计 is the sum of its six cells, a part 四 group's
总计 the sum of its four, and across rows the column rules (checked in ``assemble.py``).

Printed numbers never start with 0 (``0`` alone does), a count has at most ``MAX_DIGITS``
digits, and the search is bounded (``BUDGET`` nodes): past it, no split is taken.
"""

from __future__ import annotations

import re
from typing import Final

#: Longest count a cell holds, in digits.
MAX_DIGITS: Final = 7
#: Search nodes for one run before it is left unsplit.
BUDGET: Final = 100_000
#: Most readings of one run kept for the cross-row search.
MAX_READINGS: Final = 64

_PART = re.compile(r"0|[1-9]\d*")


class _Exhausted(Exception):
    """The search for one run went past its budget."""


def _is_number(text: str) -> bool:
    return len(text) <= MAX_DIGITS and _PART.fullmatch(text) is not None


def split_with_total(digits: str, parts: int) -> list[tuple[int, ...]] | None:
    """Every way to read ``digits`` as ``parts`` numbers then their sum (the 总计 column).

    Returns None when the search went past its budget.

    >>> split_with_total("3000003", 6)
    [(3, 0, 0, 0, 0, 0, 3)]
    >>> split_with_total("5404300097", 6)
    [(54, 0, 43, 0, 0, 0, 97)]
    """
    try:
        return _group_at(digits, 0, parts, [BUDGET], whole=True)
    except _Exhausted:
        return None


def split_free(digits: str, parts: int) -> list[tuple[int, ...]] | None:
    """Every way to read ``digits`` as ``parts`` numbers, no rule between them (part 二)."""
    found: list[tuple[int, ...]] = []
    budget = [BUDGET]

    def walk(pos: int, chosen: list[int]) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise _Exhausted
        if len(chosen) == parts - 1:
            if _is_number(digits[pos:]):
                found.append((*chosen, int(digits[pos:])))
            return
        for end in range(pos + 1, min(len(digits), pos + MAX_DIGITS) + 1):
            piece = digits[pos:end]
            if not _is_number(piece):
                break
            chosen.append(int(piece))
            walk(end, chosen)
            chosen.pop()

    try:
        walk(0, [])
    except _Exhausted:
        return None
    return found


def split_groups(digits: str, groups: int, parts: int) -> list[tuple[int, ...]] | None:
    """``groups`` consecutive groups of ``parts`` numbers and their sum (part 四's 15 cells)."""
    found: list[tuple[int, ...]] = []
    budget = [BUDGET]

    def walk(pos: int, done: tuple[int, ...]) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise _Exhausted
        if len(done) == groups * (parts + 1):
            if pos == len(digits):
                found.append(done)
            return
        for reading in _group_at(digits, pos, parts, budget):
            walk(pos + sum(len(str(n)) for n in reading), done + reading)

    try:
        walk(0, ())
    except _Exhausted:
        return None
    return found


def _group_at(
    digits: str, start: int, parts: int, budget: list[int], *, whole: bool = False
) -> list[tuple[int, ...]]:
    """Readings of ``parts`` numbers and their sum starting at ``start``.

    With ``whole`` the sum must end the digits; otherwise the rest is left for what follows.
    """
    out: list[tuple[int, ...]] = []

    def walk(pos: int, chosen: list[int], total: int) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise _Exhausted
        if len(chosen) == parts:
            if (whole and digits[pos:] == str(total)) or (
                not whole and digits.startswith(str(total), pos)
            ):
                out.append((*chosen, total))
            return
        left = parts - len(chosen)
        for end in range(pos + 1, min(len(digits), pos + MAX_DIGITS) + 1):
            # the other parts need a digit each, the sum at least as many as this part
            if whole and len(digits) - end < left - 1 + (end - pos):
                break
            piece = digits[pos:end]
            if not _is_number(piece):
                break
            chosen.append(int(piece))
            walk(end, chosen, total + chosen[-1])
            chosen.pop()

    walk(start, [], 0)
    return out
