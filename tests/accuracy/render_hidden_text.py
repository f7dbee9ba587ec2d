"""Class ``hidden-text``: figures beside text the reader never sees (hidden by its markup).

Pages scatter hidden characters among a table's figures against copying (``<span
style="display:none">9</span>15``), keep an old cell hidden in a row (``<td style="display:
none">``), or an author hides an old figure in a Word cell (a run with ``w:vanish``). Read,
the hidden digit ran into the figure (``915``) or the hidden cell pushed the row one column
over. Hidden text must not be read. Sub-variants (``case.name``): ``html-span`` (a hidden
``display:none`` span before some figures), ``html-visibility`` (``visibility: hidden``),
``html-cell`` (a hidden cell before some rows' figures, ``hidden`` attribute or style),
``docx-vanish`` (a hidden run before some figures).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from tests.accuracy import render_docx as D
from tests.accuracy import render_html as H
from tests.accuracy import template as T
from tests.accuracy.truth import Case, Truth

if TYPE_CHECKING:
    import random

VARIANTS: Final = ("html-span", "html-visibility", "html-cell", "docx-vanish")
#: Share of figures (or rows) that get hidden text before them.
SHARE_HIDDEN: Final = 0.2


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports, the variants in turn, both formats."""
    out = []
    for index, case_seed, rng, truth in T.seeded_truths(
        seed, n, "hidden-text", ("2019", "2021")
    ):
        variant = VARIANTS[index % len(VARIANTS)]
        out.append(
            Case(
                cls="hidden-text",
                name=f"{variant}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=render(truth, variant, rng),
            )
        )
    return out


def render(truth: Truth, variant: str, rng: random.Random) -> tuple[bytes, str]:
    """The document's bytes and media type."""
    if variant == "docx-vanish":
        return render_docx(truth, rng), D.MEDIA_TYPE
    page = H.render(truth, "merged", rng).decode()
    if variant == "html-cell":

        def hide_cell(match: re.Match[str]) -> str:
            if rng.random() >= SHARE_HIDDEN:
                return match.group(0)
            hidden = rng.choice(("hidden", "style='display:none'"))
            return f"<tr><td {hidden}>{rng.randint(1, 99)}</td>{match.group(1)}"

        page = re.sub(r"<tr>(<td>[^<]*</td><td>\d)", hide_cell, page)
        return page.encode(), "text/html"
    style = "display:none" if variant == "html-span" else "visibility: hidden"

    def hide_digit(match: re.Match[str]) -> str:
        if rng.random() >= SHARE_HIDDEN:
            return match.group(0)
        return (
            f"<td><span style='{style}'>{rng.randint(1, 9)}</span>{match.group(1)}</td>"
        )

    return re.sub(r"<td>(\d+)</td>", hide_digit, page).encode(), "text/html"


class _HidingWriter(D._Writer):
    """Word's runs, some figures preceded by a hidden run holding an old figure."""

    def _runs(self, text: str) -> str:
        if not text.isdigit() or self.rng.random() >= SHARE_HIDDEN:
            return super()._runs(text)
        old = self.rng.randint(1, 9)
        return (
            f"<w:r><w:rPr><w:vanish/></w:rPr><w:t>{old}</w:t></w:r>"
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
        )


def render_docx(truth: Truth, rng: random.Random) -> bytes:
    """The report as Word writes it (``render_docx``), hidden runs before some figures."""
    writer = _HidingWriter("controls", rng)
    body = [writer.paragraph(T.title(truth)), writer.paragraph(T.preface(truth))]
    body.append(writer.paragraph(T.PART_ACTIVE))
    for heading, header, items in T.ACTIVE_BLOCKS[truth.fmt]:
        body.append(writer.table(D._active_rows(truth, heading, header, items)))
    body.append(writer.paragraph(T.PART_APPLICATIONS))
    body.append(writer.table(D.application_rows_word(truth)))
    body.append(writer.paragraph(T.PART_REVIEW))
    body.append(writer.table(D.review_rows_word(truth)))
    body += [writer.paragraph(T.PART_PROBLEMS), writer.paragraph("无。")]
    return D.word_package("".join(body))
