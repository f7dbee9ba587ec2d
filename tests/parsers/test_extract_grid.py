"""rowspan/colspan resolution: full rectangular grids, copies listed, hostile spans bounded."""

from __future__ import annotations

from lxml import html as lxml_html

from parsers.extract.grid import MAX_COLS, MAX_SPAN, build_grid


def grid_of(markup: str):
    table = lxml_html.fragment_fromstring(markup)
    return build_grid(table, lambda cell: " ".join("".join(cell.itertext()).split()))


def test_rowspan_and_colspan_repeat_the_anchor_and_list_the_copies():
    table = grid_of(
        "<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr>"
        "<tr><td>c</td><td>d</td></tr></table>"
    )
    assert table.rows == (("A", "B", "B"), ("A", "c", "d"))
    assert table.covered == frozenset({(1, 0), (0, 2)})


def test_short_rows_are_padded_with_blank_cells_that_are_not_copies():
    table = grid_of(
        "<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>x</td></tr></table>"
    )
    assert table.rows == (("a", "b", "c"), ("x", "", ""))
    assert table.covered == frozenset()


def test_rowspan_past_the_last_row_is_clipped():
    table = grid_of(
        "<table><tr><td rowspan=50>a</td><td>b</td></tr><tr><td>c</td></tr></table>"
    )
    assert table.rows == (("a", "b"), ("a", "c"))


def test_rowspan_zero_runs_to_the_end_of_the_table():
    table = grid_of(
        "<table><tr><td rowspan=0>a</td><td>1</td></tr><tr><td>2</td></tr>"
        "<tr><td>3</td></tr></table>"
    )
    assert [row[0] for row in table.rows] == ["a", "a", "a"]
    assert [row[1] for row in table.rows] == ["1", "2", "3"]


def test_junk_span_attributes_read_like_browsers_do():
    table = grid_of(
        "<table><tr><td colspan='2;'>a</td><td colspan=x>b</td><td colspan=0>c</td></tr></table>"
    )
    assert table.rows == (("a", "a", "b", "c"),)


def test_thead_tbody_and_tfoot_rows_are_read_in_order_and_nested_rows_are_not():
    table = grid_of(
        "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>b"
        "<table><tr><td>inner</td></tr></table></td></tr></tbody>"
        "<tfoot><tr><td>f</td></tr></tfoot></table>"
    )
    assert [row[0] for row in table.rows] == ["h", "binner", "f"]


def test_overlapping_spans_keep_the_earlier_cell():
    table = grid_of(
        "<table><tr><td>a</td><td rowspan=2>b</td></tr>"
        "<tr><td colspan=3>c</td></tr></table>"
    )
    assert table.rows == (("a", "b", ""), ("c", "b", "c"))


def test_huge_colspan_is_capped():
    table = grid_of("<table><tr><td colspan=99999>a</td></tr></table>")
    assert table.width == MAX_SPAN


def test_table_wider_than_the_bound_is_refused():
    cells = "".join("<td colspan=100>x</td>" for _ in range(MAX_COLS // 100 + 1))
    assert grid_of(f"<table><tr>{cells}</tr></table>") is None


def test_table_without_rows_gives_no_grid():
    assert grid_of("<table><caption>empty</caption></table>") is None
