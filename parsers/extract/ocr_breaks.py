"""A rule broken by scanner specks, seen as one rule: the three grey levels rules are found in.

``ocr_lines`` finds a table's rules as runs of ink pixels, and a cell only as four rules that
meet. A rule scanned at 150 dpi is a pixel or two thick, and the scanner's blur leaves its
darkest pixels barely under the ink threshold (``ocr_lines.INK_BELOW``); a white speck on it,
blurred and rendered at 300 dpi, lifts three to twelve pixels of it above the threshold. The
median filter cannot mend that (the speck is as thick as the rule), so the rule came back in
pieces, the pieces no longer met the rules across them, and the cells along the broken rule
were lost: whole rows, often a whole table (measured on the accuracy suite's speckled 150 dpi
scans, most of the class's null cells). A break the speck made is still grey, darker than any
paper, while the space between two glyphs is paper: so a run may cross a short grey break
(``ocr_lines.RULE_BREAK_IN``), never a white one, and a clean page, whose rules are unbroken
and whose glyphs stand apart on paper, finds the same rules as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from parsers.extract.ocr_remnants import RULE_GREY_BELOW

if TYPE_CHECKING:
    from PIL.Image import Image

#: The byte of ink in ``rule_levels`` (as in ``ocr_lines.ink_mask``).
INK: Final = b"\xff"
#: The byte of a pixel that is not ink but too dark for paper: a rule's blurred body.
GREY: Final = b"\x80"


def rule_levels(image: Image, ink_below: int) -> Image:
    """``image`` as three levels: ink (darker than ``ink_below``) ``INK``, grey ``GREY``, paper 0.

    Grey is what ``ocr_remnants`` already takes for a rule's anti-aliased edge
    (``RULE_GREY_BELOW``).
    """
    ink, grey = INK[0], GREY[0]
    table = [
        ink if v < ink_below else grey if v < RULE_GREY_BELOW else 0 for v in range(256)
    ]
    return image.convert("L").point(table)
