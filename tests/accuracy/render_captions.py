"""Class ``unit-caption``: part 二's money amount printed in 元, the unit in a caption line.

Organs print a table's unit as a line of its own rather than in the header cell: ``单位：元``
right above the table, ``（单位：元）`` after the block's heading, or ``注：金额单位为元。`` under
the table. The amount (2019: 政府集中采购's 采购总金额, 2021: 行政事业性收费's 本年收费金额) is then a
sum in 元, to be converted to the format's 万元; read from a grid, whose header cells do not
hold the caption, it was taken as 万元 (10,000 times too large). Where the header cell names
万元 and a caption names 元, the amount is null (which unit is meant is not certain). The
sub-variants (``case.name``) ``{shape}-{place}``: ``html``, ``text``; ``above``,
``after-heading``, ``note-below``, ``contradicting`` (the header says 万元, a caption 元).
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Final

from tests.accuracy import template as T
from tests.accuracy.render_twice import (
    Row,
    active_rows,
    application_table,
    render_html,
    render_text,
)
from tests.accuracy.truth import Case, Truth

SHAPES: Final = ("html", "text")
PLACES: Final = ("above", "after-heading", "note-below", "contradicting")
#: The money item of each format and the header cell of its amount, without a unit.
MONEY_ITEM: Final = {"2019": "centralized_procurement", "2021": "administrative_fees"}
PLAIN_HEADER: Final = {"2019": "采购总金额", "2021": "本年收费金额"}
YUAN_PER_WAN: Final = 10_000


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports, every shape with every place in turn, both formats."""
    variants = list(itertools.product(SHAPES, PLACES))
    out = []
    for index, case_seed, _rng, truth in T.seeded_truths(
        seed, n, "captions", fmts=("2019", "2021")
    ):
        shape, place = variants[index % len(variants)]
        unprinted: frozenset[str] = frozenset()
        if place == "contradicting":
            # which unit is meant is not certain: the amount is scored as not printed
            unprinted = frozenset({f"active_disclosure.{MONEY_ITEM[truth.fmt]}.amount"})
        out.append(
            Case(
                cls="unit-caption",
                name=f"{shape}-{place}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=render(truth, shape, place),
                unprinted=unprinted,
            )
        )
    return out


def in_yuan(amount: Decimal | int) -> str:
    """An amount in 万元 printed in 元, as organs print it (no trailing zeros)."""
    yuan = Decimal(amount) * YUAN_PER_WAN
    return format(
        yuan.quantize(Decimal(1)) if yuan == yuan.to_integral() else yuan, "f"
    )


def _money_block(
    truth: Truth, heading: str, rows: list[Row], place: str
) -> tuple[str, list[Row]]:
    """The money block: its header without a unit (or 万元), its amount in 元."""
    item = MONEY_ITEM[truth.fmt]
    label = T.active_label(truth, item)
    header = [*rows[0][1][:-1], PLAIN_HEADER[truth.fmt]]
    if place == "contradicting":
        header[-1] += "（单位：万元）"
    out: list[Row] = [(rows[0][0], header)]
    for row_label, cells in rows[1:]:
        if row_label == label:
            cells = [*cells[:-1], in_yuan(Decimal(cells[-1]))]  # noqa: PLW2901
        out.append((row_label, cells))
    caption = "（单位：元）" if place in ("after-heading", "contradicting") else ""
    return heading + ("\n" + caption if caption else ""), out


def render(truth: Truth, shape: str, place: str) -> tuple[bytes, str]:
    """The document's bytes and media type."""
    money = MONEY_ITEM[truth.fmt]
    label = T.active_label(truth, money)
    active = []
    for heading, rows in active_rows(truth):
        if any(r[0] == label for r in rows):
            heading, rows = _money_block(truth, heading, rows, place)  # noqa: PLW2901
            if place == "above":
                heading = f"{heading}\n单位：元"  # noqa: PLW2901
            if place == "note-below":
                rows = [*rows, ("注：金额单位为元。", [])]  # noqa: PLW2901
        active.append((heading, rows))
    apps = application_table(truth)
    if shape == "html":
        page = render_html(truth, active, apps).decode("utf-8")
        # a heading's second line and the note are paragraphs of their own, not table rows
        page = page.replace("\n", "</p><p>").replace(
            "<tr><td>注：金额单位为元。</td></tr></table>",
            "</table><p>注：金额单位为元。</p>",
        )
        return page.encode("utf-8"), "text/html"
    return render_text(truth, active, apps).encode("utf-8"), "text/plain"
