"""The codebook: every cell of both formats, labelled in words the parser itself recognises."""

from __future__ import annotations

import pytest

from parsers.report.codebook import codebook_cells, codebook_rules, display_label
from parsers.report.labels import (
    ACTIVE_COLUMN_HEADER,
    ACTIVE_ITEM_LABELS,
    APPLICANT_LABELS,
    APPLICATION_ROW_LABELS,
    normalize_label,
)
from parsers.report.rules import format_rules
from parsers.report.vocabulary import active_items, application_rows

ROW_PATTERNS = {row: pattern for row, pattern, _ in APPLICATION_ROW_LABELS}
ITEM_PATTERNS = dict(ACTIVE_ITEM_LABELS)


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_codebook_has_every_cell_of_the_format_once(fmt):
    cells = codebook_cells(fmt)
    ids = [c.cell_id for c in cells]
    assert len(ids) == len(set(ids))
    expected = sum(len(cols) for cols in active_items(fmt).values())
    expected += len(application_rows(fmt)) * 7 + 3 * 5
    assert len(cells) == expected


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_application_row_labels_are_ones_the_parser_reads(fmt):
    for row in application_rows(fmt):
        label = display_label(fmt, row, section="applications")
        last = label.split()[-1]  # group heading first, then the numbered sub-row
        folded, _ = normalize_label(last)
        assert ROW_PATTERNS[row].search(folded), (row, label)


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_active_labels_are_ones_the_parser_reads(fmt):
    for item, columns in active_items(fmt).items():
        assert ITEM_PATTERNS[item].search(display_label(fmt, item)), item
        for column in columns:
            match = ACTIVE_COLUMN_HEADER.search(display_label(fmt, column))
            assert match is not None
            assert match.lastgroup == column


def test_applicant_labels_invert_the_parser_table():
    for label, column in APPLICANT_LABELS.items():
        if (
            label == "社会组织"
        ):  # the variant spelling; the codebook shows the official one
            continue
        assert display_label("2021", column, section="applications").endswith(label)


def test_formats_word_one_id_differently():
    assert display_label("2019", "amount") == "采购总金额"
    assert display_label("2021", "amount") == "本年收费金额"


def test_cells_name_the_rules_they_take_part_in():
    cell = next(
        c
        for c in codebook_cells("2021")
        if c.cell_id == "applications.carried_over.total"
    )
    assert any("carried_over" in name for name in cell.rules)
    money = next(c for c in codebook_cells("2021") if c.row_id == "administrative_fees")
    assert money.kind == "money"
    assert money.rules == ()
    assert len(codebook_rules("2021")) == len(format_rules("2021"))


def test_unknown_id_is_a_key_error():
    with pytest.raises(KeyError):
        display_label("2021", "no_such_row")
