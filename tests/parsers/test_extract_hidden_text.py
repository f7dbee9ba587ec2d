"""Text hidden by its own markup is not read into a table's figures.

A hidden span among a cell's figures (``<span style="display:none">9</span>15``, against
copying), a hidden cell in a row, a Word run with ``w:vanish``: read, the hidden digit ran
into the figure (915) or the hidden cell pushed the row one column over.
"""

from __future__ import annotations

import random

import pytest

from parsers import Source, extract, parse_report
from tests.accuracy.render_docx import MEDIA_TYPE
from tests.accuracy.render_hidden_text import VARIANTS, render
from tests.accuracy.score import flatten
from tests.accuracy.truth import make_truth
from tests.parsers.docbuild_word import word_package


def _cells(html: str) -> list[list[str]]:
    document = extract(Source(body=html.encode(), media_type="text/html"))
    return [list(row) for table in document.tables for row in table.rows]


@pytest.mark.parametrize(
    "hidden",
    [
        "<span style='display:none'>9</span>",
        '<span style="DISPLAY: NONE;">9</span>',
        "<span style='visibility:hidden'>9</span>",
        "<span hidden>9</span>",
    ],
)
def test_a_hidden_span_does_not_run_into_the_figure(hidden):
    rows = _cells(f"<table><tr><td>自然人</td><td>{hidden}15</td></tr></table>")
    assert rows == [["自然人", "15"]]


def test_a_hidden_cell_is_no_column():
    rows = _cells(
        "<table><tr><td>a</td><td style='display:none'>7</td><td>1</td><td>2</td></tr></table>"
    )
    assert rows == [["a", "1", "2"]]


def test_a_vanished_word_run_is_not_read():
    run = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>9</w:t></w:r><w:r><w:t>15</w:t></w:r>"
    body = f"<w:tbl><w:tr><w:tc><w:p>{run}</w:p></w:tc></w:tr></w:tbl>"
    document = extract(Source(body=word_package(body), media_type=MEDIA_TYPE))
    assert [list(row) for row in document.tables[0].rows] == [["15"]]


@pytest.mark.parametrize("variant", VARIANTS)
def test_reports_with_hidden_text_read_their_printed_figures(variant):
    truth = make_truth(14, sparse=0.2)
    body, media_type = render(truth, variant, random.Random(3))  # noqa: S311 (a seeded shape)
    values = flatten(parse_report(extract(Source(body=body, media_type=media_type))))
    wrong = {
        path: (values[path], want)
        for path, want in truth.values.items()
        if values.get(path) is not None and values[path] != want
    }
    assert wrong == {}
