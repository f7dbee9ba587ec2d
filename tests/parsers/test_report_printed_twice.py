"""A row printed twice with other numbers is taken from neither printing.

A spreadsheet's hidden row or a draft line under the same label as the table's row: the first
printing used to win, so a draft above the table's row put its numbers in every cell of the
row (part 二: with status ``ok``). The same row printed twice with the same numbers (repeated
across a page break) is one row.
"""

from __future__ import annotations

from parsers.model import Document
from parsers.report import parse_report
from tests.parsers.report_render import Counts, consistent_values, render_tabs

COUNTS = Counts(
    {("disclosed", "natural_person"): 7, ("disclosed", "legal_service"): 3},
    {("partially_disclosed", "commercial_enterprise"): 2},
    {},
    {},
)
LICENSE = "行政许可\t"


def _doubled(text: str, label: str, line: str, *, above: bool) -> str:
    """``text`` with ``line`` put above (or below) the first line starting with ``label``."""
    lines = text.split("\n")
    at = next(i for i, row in enumerate(lines) if row.startswith(label))
    lines.insert(at if above else at + 1, line)
    return "\n".join(lines)


def _report(text: str):
    return parse_report(Document(text=text))


def _license_text(*, above: bool, same: bool) -> tuple[str, str]:
    text = render_tabs("2021", consistent_values("2021", COUNTS), {})
    table_line = next(row for row in text.split("\n") if row.startswith(LICENSE))
    line = table_line if same else LICENSE + "999"
    return _doubled(text, LICENSE, line, above=above), table_line


def test_a_part_two_item_printed_twice_with_other_numbers_is_null():
    for above in (True, False):
        text, _ = _license_text(above=above, same=False)
        report = _report(text)
        assert report.active_disclosure["administrative_license"] == {"decisions": None}
        assert report.status == "partial"
        problems = [
            p
            for p in report.problems
            if p.where == "active_disclosure.administrative_license.decisions"
        ]
        assert [p.kind for p in problems] == ["ambiguous_row"]
        assert "printed twice" in problems[0].detail


def test_a_part_two_item_printed_twice_alike_is_read():
    text, table_line = _license_text(above=True, same=True)
    report = _report(text)
    printed = int(table_line.split("\t")[1])
    assert report.active_disclosure["administrative_license"] == {"decisions": printed}
    assert report.status == "ok"


def test_a_draft_row_above_part_three_row_is_not_taken():
    values = consistent_values("2021", COUNTS)
    text = render_tabs("2021", values, {})
    draft = "（一）予以公开\t" + "\t".join(["9"] * 7)
    report = _report(_doubled(text, "（一）予以公开", draft, above=True))
    row = report.applications["disclosed"]
    assert 9 not in row.values()  # the draft's numbers are in no cell
    # the row comes back only from the format's sums, each recovery said
    inferred = {p.where for p in report.problems if p.kind == "inferred"}
    for column, value in row.items():
        assert value == values[f"applications.disclosed.{column}"]
        assert f"applications.disclosed.{column}" in inferred


def test_a_part_three_row_repeated_alike_is_read_once():
    values = consistent_values("2021", COUNTS)
    text = render_tabs("2021", values, {})
    line = next(r for r in text.split("\n") if r.startswith("（一）予以公开"))
    report = _report(_doubled(text, "（一）予以公开", line, above=False))
    assert report.status == "ok"
    assert not [p for p in report.problems if p.kind == "inferred"]


def _review_rows(first: str, second: str) -> str:
    """A report whose part 四 prints two labelled data rows: ``first`` then ``second``."""
    text = render_tabs("2021", consistent_values("2021", COUNTS), {})
    lines = text.split("\n")
    data = next(
        i
        for i, row in enumerate(lines)
        if row.count("\t") == 14 and row.split("\t")[0].isdigit()  # the 15 numbers
    )
    this = lines[data]
    before = "\t".join(["1"] * 4 + ["4"] + ["0"] * 10)
    rows = {"2021年": "2021年\t" + this, "2020年": "2020年\t" + before}
    lines[data : data + 1] = [rows[first], rows[second]]
    return "\n".join(lines)


def test_part_four_with_last_years_row_beside_it_is_null():
    for order in (("2020年", "2021年"), ("2021年", "2020年")):
        report = _report(_review_rows(*order))
        cells = [v for cols in report.review_litigation.values() for v in cols.values()]
        assert cells == [None] * 15
        assert any(
            p.where == "review_litigation" and "two data rows" in p.detail
            for p in report.problems
        )


def test_part_three_rows_printed_once_per_period_are_null():
    """A row label over a 2020年 and a 2021年 sub-row: the first period was read as the row."""
    values = consistent_values("2021", COUNTS)
    text = render_tabs("2021", values, {})
    lines = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) == 8 and cells[1].isdigit():  # a label and 7 numbers
            lines.append("\t".join([cells[0], "2020年", *["9"] * 7]))
            lines.append("\t".join(["", "2021年", *cells[1:]]))
        else:
            lines.append(line)
    report = _report("\n".join(lines))
    cells = [v for cols in report.applications.values() for v in cols.values()]
    assert 9 not in cells
    assert report.applications["disclosed"]["natural_person"] is None


def test_part_two_items_printed_once_per_period_are_null():
    """行政许可 over a 2020年 and a 2021年 sub-row: the first period was read as the item's."""
    text = render_tabs("2021", consistent_values("2021", COUNTS), {})
    table_line = next(row for row in text.split("\n") if row.startswith(LICENSE))
    this_year = table_line.split("\t")[1]
    periods = f"{LICENSE}2020年\t999\n\t2021年\t{this_year}"
    report = _report(text.replace(table_line, periods))
    assert report.active_disclosure["administrative_license"] == {"decisions": None}
