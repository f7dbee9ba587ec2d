"""Which national format a report's tables follow (its other metadata: ``metadata.py``).

By the tables' labels (2021: 本年制发件数, 三(六) with three sub-rows; 2019: 本年新制作数量,
其他对外管理服务事项, 政府集中采购), not by the year; both kinds present is a ``format_mismatch``
problem and the majority wins.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from parsers.model import Problem
from parsers.report import labels

if TYPE_CHECKING:
    from collections.abc import Sequence

    from parsers.model import ReportFormat
    from parsers.report.cells import Cell

#: The 2021 format was issued for the 2021 reports; used only when the tables do not say.
FIRST_2021_YEAR: Final = 2021


@lru_cache(maxsize=4096)
def _format_marker(label: str) -> str | None:
    if labels.FORMAT_2021_MARKERS.search(label):
        return "2021"
    if labels.FORMAT_2019_MARKERS.search(label):
        return "2019"
    if labels.NATIONAL_TABLE_MARKERS.search(label):
        return "national"
    return None


def detect_format(
    cells: Sequence[Cell], year: int | None
) -> tuple[ReportFormat | None, list[Problem]]:
    """``"2019"`` or ``"2021"`` by the tables' labels; None when no national table is present."""
    max_chars = labels.MAX_LABEL_CHARS
    markers = Counter(
        [
            _format_marker(cell.label)
            for cell in cells
            if cell.kind == "text" and len(cell.label) <= max_chars
        ]
    )
    score_2019, score_2021 = markers["2019"], markers["2021"]
    national = markers["national"] > 0
    # The single （六） row counts for 2019 only where it can change the outcome: with no
    # marker of either format, or with both (the majority and the count in the problem).
    if bool(score_2019) == bool(score_2021) and _single_other_row(cells):
        score_2019 += 1
    if not (score_2019 or score_2021):
        if not national:
            return None, []
        # the shared rows only: the tables do not say which format; the year decides
        return ("2021" if year is not None and year >= FIRST_2021_YEAR else "2019"), []
    fmt: ReportFormat = "2021" if score_2021 >= score_2019 else "2019"
    if score_2019 and score_2021:
        return fmt, [
            Problem(
                "format",
                "format_mismatch",
                f"{score_2019} labels of the 2019 format and {score_2021} of the 2021 format; read as {fmt}",
            )
        ]
    return fmt, []


def _single_other_row(cells: Sequence[Cell]) -> bool:
    """Whether 三(六) 其他处理 is followed by numbers: the 2019 format's single row.

    In 2021 three sub-rows follow it. A 2021 report whose only 2019 trait is this row is a
    mixed shape (read as printed, see ``sections.application_layout``), not a mix of formats.
    """
    other = labels.OTHER_HANDLING
    return any(
        cells[i + 1].kind == "number"
        for i, cell in enumerate(cells[:-1])
        if cell.label == other and cell.kind == "text"
    )
