"""Class ``invisible-chars``: report pages whose cells carry characters that print nothing.

Text pasted from Word or WPS into a portal's editor keeps zero-width spaces and joiners,
byte-order marks, soft hyphens and direction marks; an exporter may leave control characters
around a value (LibreOffice's HTML export wraps a content control's value in U+0004 ...
U+0005). A reader sees the numbers and labels as printed. The pages are the ``html`` class's,
every third cell (numbers, row labels, header words, the title) given such characters at its
start, end or between two of its characters; the same reports also come as tab-separated
text (a crawler's dump of such a page).
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from parsers import Document, Source, extract
from tests.accuracy import render_html

if TYPE_CHECKING:
    from tests.accuracy.truth import Case

CLASS: Final = "invisible-chars"
#: What is slipped in: zero-width space, no-break space as BOM, joiner, soft hyphen, word
#: joiner, a left-to-right mark, and a control pair around the value.
MARKS: Final = ("\u200b", "\ufeff", "\u200d", "\u00ad", "\u2060", "\u200e", "\x04")
_CELL = re.compile(r"(<t[dh][^>]*>)([^<]+)(</t[dh]>)")
_HEADING = re.compile(r"(<h1>)([^<]+)(</h1>)")


def cases(seed: int, n: int) -> list[Case]:
    """``n`` pages of the ``html`` class with invisible characters, as HTML and as text."""
    out: list[Case] = []
    for case in render_html.cases(seed, n):
        if case.source is None:
            continue
        rng = random.Random(f"{seed}:{case.name}")
        page = _marked(case.source[0].decode("utf-8"), rng).encode("utf-8")
        out.append(replace(case, cls=CLASS, source=(page, "text/html")))
        text = extract(Source(body=page, media_type="text/html")).text
        out.append(
            replace(
                case,
                cls=CLASS,
                name=case.name + "/text",
                source=None,
                document=Document(text=text),
            )
        )
    return out


def _marked(page: str, rng: random.Random) -> str:
    def mark(match: re.Match[str]) -> str:
        text = match.group(2)
        if rng.random() > 1 / 3 or not text.strip():
            return match.group(0)
        return match.group(1) + _slip(text, rng) + match.group(3)

    return _HEADING.sub(mark, _CELL.sub(mark, page))


def _slip(text: str, rng: random.Random) -> str:
    """``text`` with one invisible character (or a control pair) at its start, end or inside."""
    char = rng.choice(MARKS)
    if char == "\x04":
        return "\x04" + text + "\r\x05"
    where = rng.randrange(len(text) + 1)
    return text[:where] + char + text[where:]
