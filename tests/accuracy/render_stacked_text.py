"""Class ``stacked-text``: the ``stacked-cells`` pages as text dumps, a merged cell on one line.

A crawler that saves a page's text writes each table row as its cells with tabs between; a
cell holding two rows' values (``56<br>0``, two paragraphs, ``56 0``: a rule missing between
two rows) comes out as ``56 0``. Read as one number its digits made ``560`` (a space inside a
number was dropped): 138 wrong cells in 24 reports at the pinned seed before parser 0.2.4.
Such a cell holds several numbers (``labels.SEVERAL_NUMBERS``): it is null and holds its
column, the rest of its row read. Each case is the page's text as ``parsers.extract`` gives it
(its tables' rows tab-separated), parsed as a plain-text document.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Final

from parsers import Document, Source, extract
from tests.accuracy import render_stacked

if TYPE_CHECKING:
    from tests.accuracy.truth import Case

CLASS: Final = "stacked-text"


def cases(seed: int, n: int) -> list[Case]:
    """``n`` dumps of ``render_stacked``'s pages, its variants in turn."""
    out = []
    for case in render_stacked.cases(seed, n):
        assert case.source is not None
        body, media_type = case.source
        text = extract(Source(body=body, media_type=media_type)).text
        out.append(replace(case, cls=CLASS, source=None, document=Document(text=text)))
    return out
