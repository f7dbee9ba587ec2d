"""A row label printed as its numbering, its numbers beside it and its words below.

``（二）  0  0  0  0  20  31  51`` / ``部分公开（区分处理的…）``: the numbering alone was looked
through as a fragment of a vertical label, so the row before ran on into these numbers and
every row took its successor's numbers. The numbering now ends the row before it and is
joined with the words below it.
"""

from __future__ import annotations

import random

import pytest

from parsers.model import Document
from parsers.report import parse_report
from tests.accuracy import template as T
from tests.accuracy.render_numbering import render_text, split_labels
from tests.accuracy.render_twice import application_table
from tests.accuracy.score import flatten
from tests.accuracy.truth import make_truth
from tests.parsers.report_render import ROW_LABELS


class _Always(random.Random):
    """A draw that splits every numbered label."""

    def random(self) -> float:
        return 0.0


def _split_all(truth, sep: str) -> str:
    labels = [label for label, _ in application_table(truth)[1:]]
    return render_text(truth, split_labels(_Always(), labels), sep, above=False)


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("sep", ["\t", " "])
def test_numbers_beside_the_numbering_stay_in_their_row(fmt, sep):
    truth = make_truth(11, fmt=fmt, sparse=0.2)
    text = _split_all(truth, sep)
    assert "（二）" + sep in text  # the shape under test: numbers beside the numbering
    values = flatten(parse_report(Document(text=text)))
    wrong = [
        path
        for path, want in truth.values.items()
        if values.get(path) is not None and values[path] != want
    ]
    assert wrong == []
    for col in ("natural_person", "total"):
        for row in ("disclosed", "partially_disclosed", "denied_state_secret"):
            path = f"applications.{row}.{col}"
            assert values[path] == truth.values[path]


def test_a_group_fragment_beside_numbers_does_not_move_them_down():
    """``（三）`` of a vertical group label on a row's number line is no row of its own."""
    truth = make_truth(5, fmt="2019", sparse=0.2)
    lines = []
    for label, cells in application_table(truth):
        if label == ROW_LABELS["denied_state_secret"]:
            lines += [label, "\t".join(["（三）", *cells])]
        else:
            lines.append("\t".join([label, *cells]))
    text = "\n".join(
        [T.title(truth), T.preface(truth), T.PART_APPLICATIONS, *lines, T.PART_REVIEW]
    )
    values = flatten(parse_report(Document(text=text)))
    for row in ("denied_state_secret", "denied_prohibited_by_law"):
        path = f"applications.{row}.total"
        assert values[path] in (None, truth.values[path])
