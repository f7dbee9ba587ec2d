"""Which national format a report's tables follow (its other metadata: ``metadata.py``).

By the tables' labels (2021: 本年制发件数, 三(六) with three sub-rows; 2019: 本年新制作数量,
其他对外管理服务事项, 政府集中采购), not by the year; both kinds present is a ``format_mismatch``
problem and the majority wins.
"""

from __future__ import annotations

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
    score_2019 = score_2021 = 0
    national = single_other = False
    for i, cell in enumerate(cells):
        if cell.kind != "text" or len(cell.label) > labels.MAX_LABEL_CHARS:
            continue
        marker = _format_marker(cell.label)
        if marker == "2021":
            score_2021 += 1
        elif marker == "2019":
            score_2019 += 1
        elif marker == "national":
            national = True
        # 三(六) 其他处理 followed by numbers is the 2019 single row; in 2021 sub-rows follow.
        if (
            cell.label == labels.OTHER_HANDLING
            and i + 1 < len(cells)
            and cells[i + 1].kind == "number"
        ):
            single_other = True
    # A 2021 report whose only 2019 trait is the single （六） row is a mixed shape (read as
    # printed, see sections.application_layout), not a mix of formats.
    if not (score_2021 and not score_2019):
        score_2019 += single_other
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
