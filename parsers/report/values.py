"""One cell's value for its column: counts, signed changes, money in 万元 (converted from 元).

Counts are non-negative integers, 本年增/减 may be negative, money cells are ``Decimal`` in
万元; a money unit on a count cell makes it unreadable rather than a count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.report.labels import MONEY_UNITS
from parsers.report.vocabulary import MONEY_CELLS, SIGNED_CELLS

if TYPE_CHECKING:
    from parsers.model import Value
    from parsers.report.cells import Cell


def typed_value(row: str, col: str, cell: Cell) -> tuple[Value, str]:
    """The cell's value for its column, and a note on any conversion made."""
    number = cell.number
    if number is None:
        return None, ""
    if (row, col) in MONEY_CELLS:
        factor = MONEY_UNITS.get(cell.unit or "万元")
        if factor is None:
            return None, ""
        if factor == 1:
            return number, ""
        converted = number / factor
        return converted, f"{cell.raw.strip()!r} converted to {converted} 万元"
    value = cell.integer  # None for an amount of money in a count cell, or a fraction
    if value is None or (value < 0 and col not in SIGNED_CELLS):
        return None, ""
    return value, ""
