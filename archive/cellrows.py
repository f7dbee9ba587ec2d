"""A parsed report's cells as the rows ``report_cells`` stores, with a digest of what they read.

Pure (no database): ``archive.parse_compute`` builds these in the pool worker, so the single
index writer only inserts them. The digest is what lets ``archive.versions`` number versions
without reading cells back: two documents whose newest parses have equal digests read exactly
the same cells (the same values, none more, none fewer), so neither can differ from the other.
It is stored on the ``reports`` row (``cells_digest``, with ``cells_read``) the cells belong to;
a row written before it existed has none, and its cells are read back as before.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from archive.cellstore import stored_value

if TYPE_CHECKING:
    from collections.abc import Iterable
    from decimal import Decimal

    import parsers
    from archive.cellstore import CellKey

#: The sections of ``Report`` that hold cells, in ``nianbao.report/1`` order.
SECTIONS: Final = ("active_disclosure", "applications", "review_litigation")

#: key, value_number, value (the exact text when not the number's own), problem kind
CellRow = tuple["CellKey", int | float | None, str | None, str | None]


@dataclass(frozen=True, slots=True)
class CellRows:
    """Every cell of one report (read or not), how many were read, and their digest."""

    rows: tuple[CellRow, ...]
    read: int
    digest: str


def cell_rows(report: parsers.Report) -> CellRows:
    """The ``report_cells`` rows of ``report`` (cell ids are the writer's) and their digest.

    Runs once per document in a re-parse (~200 cells each), so it avoids per-cell calls.
    """
    kinds: dict[tuple[str, ...], str] = {
        tuple(p.where.split(".", 2)): p.kind for p in report.problems
    }
    rows: list[CellRow] = []
    read: list[tuple[CellKey, str]] = []
    for section in SECTIONS:
        for row_id, columns in getattr(report, section).items():
            for column_id, value in columns.items():
                key = (section, row_id, column_id)
                kind = kinds.get(key) if kinds else None
                if value is None:
                    rows.append((key, None, None, kind))
                elif type(value) is int:  # a count: the number says it all
                    rows.append((key, value, None, kind))
                    read.append((key, str(value)))
                else:  # money (Decimal): the exact text too
                    rows.append((key, _number(value), stored_value(value), kind))
                    read.append((key, str(value)))
    return CellRows(tuple(rows), len(read), cells_digest(read))


def cells_digest(cells: Iterable[tuple[CellKey, str]]) -> str:
    """A digest of read cells, each as its key and its text (``report_values.value``).

    Order-free: the same cells give the same digest however they were listed.

    >>> a = cells_digest([(("s", "r", "c"), "1"), (("s", "r", "d"), "2")])
    >>> a == cells_digest([(("s", "r", "d"), "2"), (("s", "r", "c"), "1")])
    True
    >>> a == cells_digest([(("s", "r", "c"), "1"), (("s", "r", "d"), "3")])
    False
    """
    text = "\n".join(["\t".join((*key, v)) for key, v in sorted(cells)])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _number(value: int | Decimal) -> int | float:
    """The numeric column: counts stay exact integers; money (Decimal) becomes a float."""
    return value if isinstance(value, int) else float(value)
