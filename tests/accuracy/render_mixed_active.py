"""Class ``mixed-active``: part 二's first block printed with the other national format's columns.

A 2021-format report whose organ kept the 2019 table for 规章 and 规范性文件 (本年新制作数量,
本年新公开数量, 对外公开总数量), or a 2019-format report printing the 2021 columns (本年制发件数,
本年废止件数, 现行有效件数): the header names none of the item's columns, and the numbers
were read in the format's column order as if they were (本年新公开数量 as 本年废止件数, status
``ok``). They are other quantities: the block's cells are not printed and must stay null
(``table_shape``); the other blocks are read. Sub-variants (``case.name``) ``{shape}``:
``text`` (tab rows), ``spaced``, ``html``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from parsers.report.vocabulary import active_items
from tests.accuracy import template as T
from tests.accuracy.render_extra_column import _html, _text
from tests.accuracy.render_twice import active_rows, application_table
from tests.accuracy.truth import Case, Truth

if TYPE_CHECKING:
    import random

SHAPES: Final = ("text", "html", "spaced")
#: The first block's header in the other format.
OTHER_HEADER: Final = {
    "2021": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
    "2019": ("本年制发件数", "本年废止件数", "现行有效件数"),
}
_FIRST_BLOCK: Final = ("rules", "normative_documents")


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports, the shapes in turn, both formats."""
    out = []
    for index, case_seed, rng, truth in T.seeded_truths(
        seed, n, "mixed-active", ("2019", "2021")
    ):
        shape = SHAPES[index % len(SHAPES)]
        unprinted = frozenset(
            f"active_disclosure.{item}.{col}"
            for item in _FIRST_BLOCK
            for col in active_items(truth.fmt)[item]
        )
        out.append(
            Case(
                cls="mixed-active",
                name=f"{shape}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=render(truth, shape, rng),
                unprinted=unprinted,
            )
        )
    return out


def blocks(
    truth: Truth, rng: random.Random
) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Part 二, its first block under the other format's header with that format's figures."""
    out = active_rows(truth)
    heading, rows = out[0]
    header = (rows[0][0], list(OTHER_HEADER[truth.fmt]))
    body = [
        (label, [str(rng.randint(0, 400)) for _ in OTHER_HEADER[truth.fmt]])
        for label, _ in rows[1:]
    ]
    return [(heading, [header, *body]), *out[1:]]


def render(truth: Truth, shape: str, rng: random.Random) -> tuple[bytes, str]:
    """The document's bytes and media type."""
    parts = blocks(truth, rng)
    apps = application_table(truth)
    if shape == "html":
        return _html(truth, apps, parts), "text/html"
    sep = " " if shape == "spaced" else "\t"
    return _text(truth, sep, parts, apps).encode(), "text/plain"
