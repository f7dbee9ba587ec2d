r"""One cell's text -> what it holds: a number, a blank, or text (a label or prose).

The layouts (``layouts.py``) cut a document into cells; this module says what each cell is, so
that every reader agrees on what a blank is (architecture.md, "Blank and missing cells", step 1:
empty, whitespace, NBSP, ``—``, ``-``, ``/``, ``无``) and what a number is (full-width digits,
thousands commas, a decimal point for 万元 amounts).

Two kinds of blank are told apart: an ``empty`` cell is the nothing between two separators
(``a\t\tb``, or a lone tab line) and is also what a merged label cell leaves behind in a
tab-separated row (2020-beihai: ``二、上年结转…\t\t0``), so it only counts as a cell inside a
row; a ``blank`` cell holds something that says "no value" (NBSP, ``—``) and always counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from parsers.model import DOUBTFUL_MARK
from parsers.report.labels import (
    BLANK_MARKERS,
    CJK,
    DIGITS_APART,
    FULLWIDTH,
    HAS_FULLWIDTH,
    MARKED_NUMBER,
    MONEY_UNITS,
    NOTE_IN_CELL,
    NUMBER,
    SEVERAL_NUMBERS,
    normalize_label,
)

#: Distinct cell texts remembered by ``read_cell``.
CELL_CACHE_SIZE = 8192
#: Longer cells are text: no count or amount in a report needs more characters.
MAX_NUMBER_CHARS = 40

#: ``doubtful``: a value cell carrying ``DOUBTFUL_MARK`` and no CJK text, a number printed with
#: a mark (``171*``, ``约171``: ``labels.MARKED_NUMBER``), or a cell holding several numbers
#: (``56 0``: ``labels.SEVERAL_NUMBERS``; a grid cell's lines, ``read_grid_cell``); it holds its place in the row (so its neighbours keep their columns)
#: and is reported ``unreadable``.
#: ``glued``: a run of digits that stood for several cells run together (a crawler dump's
#: ``3000003``); ``raw`` holds the digits, split later only where the rules allow one way.
CellKind = Literal["number", "blank", "empty", "text", "doubtful", "glued"]


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell as read: its kind, its number when it is one, its folded label when it is text."""

    kind: CellKind
    raw: str
    number: Decimal | None = None
    label: str = ""
    numbered: bool = False
    #: the unit printed after the number (``元``, ``万元``, ``件``…), "" when none
    unit: str = ""
    #: a note printed after the number inside the cell (``其中修订7件``), "" when none
    note: str = ""
    #: the number as a whole count, None when it has a fraction or a unit of money: worked out
    #: once per distinct cell text (``read_cell`` is cached), not once per cell of every report
    integer: int | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        number = self.number
        if (
            number is not None
            and self.unit not in MONEY_UNITS
            and number == number.to_integral_value()
        ):
            object.__setattr__(self, "integer", int(number))


@lru_cache(maxsize=CELL_CACHE_SIZE)
def read_cell(raw: str) -> Cell:
    r"""Classify one cell's text.

    Cached: the same few hundred cells (``0``, the national labels, blank markers) make up most
    of every report, and a ``Cell`` is immutable.

    >>> read_cell("１５.281").number
    Decimal('15.281')
    >>> read_cell("\xa0").kind
    'blank'
    >>> read_cell("1,234").number
    Decimal('1234')
    >>> read_cell("56 0").kind, read_cell("1 234").kind, read_cell("186000 元").number
    ('doubtful', 'doubtful', Decimal('186000'))
    """
    if raw == "":
        return Cell("empty", raw)
    text = (raw.translate(FULLWIDTH) if HAS_FULLWIDTH.search(raw) else raw).strip()
    if not text or text in BLANK_MARKERS:
        return Cell("blank", raw)
    if (DOUBTFUL_MARK in text and not CJK.search(text)) or (
        DIGITS_APART.search(text) and SEVERAL_NUMBERS.fullmatch(text)
    ):
        return Cell("doubtful", raw)
    number, unit = read_number(text)
    if number is not None:
        return Cell("number", raw, number=number, unit=unit)
    cell = _noted_or_marked(raw, text)
    if cell is not None:
        return cell
    label, numbered = normalize_label(text)
    return Cell("text", raw, label=label, numbered=numbered)


def _noted_or_marked(raw: str, text: str) -> Cell | None:
    """A number with a note after it, or with a mark; else None.

    ``18（其中修订7件）`` is read, the note kept; ``171*`` or ``约171`` is the row's cell in its
    column, its value not certain (``doubtful``).
    """
    noted = NOTE_IN_CELL.match(text)
    if noted:
        number, unit = read_number(noted.group(1).strip())
        if number is not None:
            return Cell("number", raw, number=number, unit=unit, note=noted.group(2))
    if len(text) <= MAX_NUMBER_CHARS and MARKED_NUMBER.fullmatch(text):
        return Cell("doubtful", raw)
    return None


def read_grid_cell(text: str) -> Cell:
    r"""Classify a table grid cell, whose text may hold several lines.

    A label wraps over lines (``（二）部分公开（区分处理的，只计这一情`` / ``形，…）``) and is
    read as one line. A cell of several numbers, on lines or apart (two rows merged where a
    rule is missing, two paragraphs of a Word cell, two values typed in one cell), would read
    as one number of their digits: which number is the cell's is not certain, so it is
    ``doubtful`` (it holds its place; its value is null).

    >>> read_grid_cell("56\n0").kind, read_grid_cell("56 0").kind
    ('doubtful', 'doubtful')
    >>> read_grid_cell("18\n（其中修订7件）").number, read_grid_cell("186000\n元").unit
    (Decimal('18'), '元')
    """
    cell = read_cell(text.replace("\n", ""))
    if cell.kind != "number":
        return cell
    parts = text.split()
    if len(parts) > 1 and all(read_cell(part).kind == "number" for part in parts):
        return Cell("doubtful", " / ".join(parts))
    return cell


def parse_number(text: str) -> Decimal | None:
    """The number a folded, stripped cell holds, or None when it holds something else."""
    return read_number(text)[0]


def read_number(text: str) -> tuple[Decimal | None, str]:
    """The number a folded, stripped cell holds and the unit printed after it.

    >>> read_number("186000元")
    (Decimal('186000'), '元')
    """
    if len(text) > MAX_NUMBER_CHARS:
        return None, ""
    match = NUMBER.match(text.replace(" ", ""))
    if match is None:
        return None, ""
    sign, digits, fraction, unit = match.groups()
    value = Decimal(digits.replace(",", "") + ("." + fraction if fraction else ""))
    return (-value if sign == "-" else value), unit or ""
