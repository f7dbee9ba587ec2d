"""Class ``number-forms``: numbers printed with separators, signs, decimals or a currency sign.

Organs type their figures as their office software shows them: an Excel export keeps its
thousands separators (``1,234``; a Chinese input method's full-width ``1，234``; a space,
``1 234``), part 二's 增/减 column is written as a change (``+3``, ``↑3``, ``增加3``,
``减少2``, an accountant's ``（2）``), a count comes out of a cell formatted with decimals
(``12.0``, ``12.00``) and an amount with its currency sign (``¥1,234.56``). Whatever is read
must be the number printed; a separator must never split one number into two cells nor join
two cells into one number. Sub-variants (``case.name`` ``{shape}-{style}-{fmt}-{seed}``):

* shapes: ``text`` (tab-separated rows), ``spaced`` (cells separated by spaces), ``html``
  (the national merged tables of ``render_html``), ``docx`` (Word's merges, ``render_docx``);
* styles: ``comma`` and ``fullwidth-comma`` (thousands separators), ``space`` (a space or a
  no-break space between the thousands), ``signs`` (the 增/减 column signed as above),
  ``decimals`` (counts with ``.0`` or ``.00``), ``yen`` (amounts after ``¥`` or ``￥``,
  with separators).

The truth's numbers are scaled so that most cells of parts 三 and 四 run into the thousands
(the sums still hold: every rule of the format is linear). Each shape's renderer prints the
truth as it is given: the printed forms are handed to it as the truth's values.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Final, cast

from tests.accuracy import render_docx as D
from tests.accuracy import render_html as H
from tests.accuracy import template as T
from tests.accuracy.render_marked import render_text
from tests.accuracy.truth import Case, Truth, Values

if TYPE_CHECKING:
    import random

CLASS: Final = "number-forms"
SHAPES: Final = ("text", "spaced", "html", "docx")
STYLES: Final = ("comma", "fullwidth-comma", "space", "signs", "decimals", "yen")
#: Factors the truth's numbers are multiplied by (most cells of parts 三 and 四 pass 1,000).
SCALES: Final = (23, 41, 97, 173)
#: Format of case ``i``: every shape and style in both formats within 48 cases.
FORMATS: Final = ("2019",) * 24 + ("2021",) * 24
_SEPARATORS: Final = {"comma": ",", "fullwidth-comma": "，", "yen": ","}


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports: every shape with every style in turn, both formats."""
    out = []
    for index, case_seed, rng, base in T.seeded_truths(
        seed, n, "number-forms", FORMATS
    ):
        shape = SHAPES[index % len(SHAPES)]
        style = STYLES[(index // len(SHAPES)) % len(STYLES)]
        truth = scaled(base, SCALES[index % len(SCALES)])
        out.append(
            Case(
                cls=CLASS,
                name=f"{shape}-{style}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=render(truth, shape, style, rng),
            )
        )
    return out


def scaled(truth: Truth, factor: int) -> Truth:
    """``truth`` with every number multiplied by ``factor`` (the format's sums still hold)."""
    values: Values = {path: value * factor for path, value in truth.values.items()}
    return replace(truth, values=values)


def printed(path: str, value: int | Decimal, style: str, rng: random.Random) -> str:
    """How a cell's value is printed in ``style``."""
    column = path.rsplit(".", 1)[1]
    if style == "signs":
        return _signed(value, rng) if column == "change" else T.number(value)
    if style == "decimals":
        if isinstance(value, Decimal):
            return T.number(value)
        return f"{value}.{'0' * rng.randint(1, 2)}"
    if style == "yen":
        if not isinstance(value, Decimal):
            return T.number(value)
        sign = rng.choice(("¥", "￥"))
        return sign + (format(value, ",f") if rng.random() < 0.5 else T.number(value))
    separator = rng.choice((" ", "\u00a0")) if style == "space" else _SEPARATORS[style]
    text = format(value, ",f" if isinstance(value, Decimal) else ",")
    return text.replace(",", separator)


def _signed(value: int | Decimal, rng: random.Random) -> str:
    """A change as organs write it: ``+3``, ``↑3``, ``增加3``; ``-2``, ``↓2``, ``减少2``, ``（2）``."""
    if value > 0:
        return rng.choice(("+{}", "↑{}", "增加{}", "增{}")).format(value)
    if value < 0:
        return rng.choice(("-{}", "↓{}", "减少{}", "减{}", "（{}）", "({})")).format(
            -value
        )
    return "0"


def printed_truth(truth: Truth, style: str, rng: random.Random) -> Truth:
    """``truth`` whose values are the printed texts: every renderer prints a value with
    ``str`` (``template.number``), so it prints these texts where it would print numbers.
    """
    texts = {
        path: printed(path, value, style, rng) for path, value in truth.values.items()
    }
    return replace(truth, values=cast("Values", texts))


def render(
    truth: Truth, shape: str, style: str, rng: random.Random
) -> tuple[bytes, str]:
    """The document's bytes and media type."""
    shown = printed_truth(truth, style, rng)
    if shape == "html":
        return H.render(shown, "merged", rng), "text/html"
    if shape == "docx":
        return D.build_docx(shown, "wps", rng), D.MEDIA_TYPE
    sep = " " if shape == "spaced" else "\t"
    return render_text(shown, str, str, sep).encode(), "text/plain"
