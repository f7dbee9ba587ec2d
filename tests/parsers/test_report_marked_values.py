"""A number printed with a mark (``171*``, ``约171``, ``15<sup>1</sup>``) is its column's cell.

Such a cell was taken for the label's wrapped tail or looked through as a fragment, and the
values after it moved one column to the left; a raised footnote number ran into the figure
(``151``). It now holds its place, null and reported, its neighbours read in their columns.
"""

from __future__ import annotations

import random

import pytest

from parsers import Document, Source, extract, parse_report
from parsers.report.cells import read_cell
from tests.accuracy import template as T
from tests.accuracy.render_marked import render, render_text
from tests.accuracy.score import flatten
from tests.accuracy.truth import make_truth


@pytest.mark.parametrize(
    "text", ["171*", "约171", "171①", "15¹", "12%", "171。", "≥10", "12.5*"]
)
def test_a_marked_number_is_a_doubtful_value(text):
    assert read_cell(text).kind == "doubtful"


@pytest.mark.parametrize("text", ["- 3 -", "1.", "数据1", "（二）", "2024年", "3*2"])
def test_furniture_numbering_and_words_are_not_values(text):
    assert read_cell(text).kind == "text"


def _page(fee: str, projects: str) -> bytes:
    truth = make_truth(3, fmt="2019")
    rows = [
        ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
        ("规章", "1", "2", "3"),
        ("规范性文件", "4", "5", "6"),
        ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
        ("行政许可", "7", "8", "9"),
        ("其他对外管理服务事项", "10", "11", "12"),
        ("行政处罚", "13", "14", "15"),
        ("行政强制", "16", "17", "18"),
        ("信息内容", "上一年项目数量", "本年增/减"),
        ("行政事业性收费", fee, "5"),
        ("信息内容", "采购项目数量", "采购总金额"),
        ("政府集中采购", projects, "0"),
    ]
    table = "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows
    )
    return (
        f"<html><body><h1>{T.title(truth)}</h1><p>{T.preface(truth)}</p>"
        f"<p>{T.PART_ACTIVE}</p><table>{table}</table>"
        f"<p>{T.PART_APPLICATIONS}</p></body></html>"
    ).encode()


@pytest.mark.parametrize(("fee", "projects"), [("约147", "171*"), ("147①", "171。")])
def test_a_marked_cell_in_a_wider_grid_keeps_its_neighbours_in_place(fee, projects):
    """Two-column items in part 二's four-column grid: the marked cell does not move left."""
    document = extract(Source(body=_page(fee, projects), media_type="text/html"))
    values = flatten(parse_report(document))
    assert values["active_disclosure.administrative_fees.previous_count"] is None
    assert values["active_disclosure.administrative_fees.change"] == 5
    assert values["active_disclosure.centralized_procurement.projects"] is None
    assert values["active_disclosure.centralized_procurement.amount"] in (0, None)


@pytest.mark.parametrize("shape", ["html", "docx"])
def test_a_raised_footnote_number_does_not_run_into_the_figure(shape):
    for seed in range(3):
        truth = make_truth(40 + seed, sparse=0.2)
        body, media_type = render(truth, shape, "raised", random.Random(seed))  # noqa: S311 (a seeded shape)
        values = flatten(
            parse_report(extract(Source(body=body, media_type=media_type)))
        )
        wrong = {
            path: (values[path], want)
            for path, want in truth.values.items()
            if values.get(path) is not None and values[path] != want
        }
        assert wrong == {}


def test_a_marked_cell_beside_as_many_numbers_as_columns_leaves_the_row_null():
    """A column the format lacks (last year's totals) and a mark: seven numbers, eight cells."""
    truth = make_truth(8, fmt="2019", sparse=0.2)
    text = render_text(truth, str, str, "\t", random.Random(1))  # noqa: S311 (a seeded shape)
    line = next(ln for ln in text.split("\n") if ln.startswith("（一）予以公开"))
    cells = line.split("\t")
    assert len(cells) == 9  # the label, seven columns and last year's total
    cells[2] += "*"  # 商业企业 marked
    values = flatten(parse_report(Document(text=text.replace(line, "\t".join(cells)))))
    assert all(
        values[f"applications.disclosed.{col}"] is None
        for col in ("natural_person", "research_institution", "total")
    )
