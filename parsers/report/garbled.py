"""A scan's （七）总计 row whose label OCR garbled past reading, named by where it stands.

Tesseract reads the bracketed numbering of （七）总计 worst of all part 三's labels: measured
on the accuracy suite's scans, ``E世六总入``, ``E尖总评``, ``[的本下=3``, ``《世态总计`` (the
mild cases, ``《七)总计``, ``labels.TOTAL_HANDLED_MISREAD`` still names). Such a row is a run
of numbers no label claims, and its seven cells were null, with every rule through them
unconfirmed. In a ruled table, read label then numbers row by row, the row between the
last （六） row and 结转下年度 is the total in both national formats, and nothing else: a
lone run standing there, as wide as the table, with the rows on either side read whole, is
named 总计. Only for scans (where labels are misread, and the rules confirm every number
kept: a run that is not the total breaks them, and is left null), never for text, whose
numbers may come before their labels (a lone run there is the next row's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from parsers.report.phase import step
from parsers.report.vocabulary import handled_rows

if TYPE_CHECKING:
    from collections.abc import Sequence

    from parsers.report.phase import Step

TOTAL: Final = "total_handled"
AFTER_TOTAL: Final = "carried_forward"


def name_total_row(steps: Sequence[Step], fmt: str, width: int) -> list[Step]:
    """``steps`` with the lone run standing where 总计 stands named ``total_handled``."""
    out = list(steps)
    if any(s.row == TOTAL for s in steps):
        return out
    last = handled_rows(fmt)[-1]
    for k in range(1, len(out) - 1):
        before, lone, after = out[k - 1], out[k], out[k + 1]
        if (
            lone.row is None
            and lone.again is None
            and lone.numbers > 0
            and before.row == last
            and after.row == AFTER_TOTAL
            and len(lone.values) == len(before.values) == len(after.values) == width
        ):
            out[k] = step(TOTAL, lone.values)
            break
    return out
