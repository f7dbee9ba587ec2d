"""Part 三 with a column the format lacks (上年总计 after 总计, 小计 before it) is not read.

Every row is a cell longer than the format's seven; where a zero cell was printed blank, the
blank was dropped or trimmed and the seven cells left were read as the national seven, every
number after the blank one column left. The header names the extra column: the part is null.
"""

from __future__ import annotations

import random

import pytest

from parsers import Document, Source, extract, parse_report
from parsers.report.columns import _header_line
from tests.accuracy.render_extra_column import (
    first_review_cell_zero,
    render,
    render_review,
)
from tests.accuracy.score import flatten
from tests.accuracy.truth import make_truth


@pytest.mark.parametrize("shape", ["text", "spaced", "html", "html-dash"])
@pytest.mark.parametrize("column", ["last-year", "subtotal"])
def test_a_column_the_format_lacks_leaves_part_three_null(shape, column):
    for seed in range(3):
        truth = make_truth(30 + seed, sparse=0.5)
        body, media_type = render(truth, shape, column, random.Random(seed))  # noqa: S311 (a seeded shape)
        report = parse_report(extract(Source(body=body, media_type=media_type)))
        values = flatten(report)
        assert all(v is None for k, v in values.items() if k.startswith("applications"))
        assert any(
            p.where == "applications" and p.kind == "table_shape"
            for p in report.problems
        )
        assert (
            values["review_litigation.review.total"]
            == truth.values["review_litigation.review.total"]
        )


def test_a_unit_caption_on_the_header_line_is_no_column():
    line = "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\t（单位：件）"
    assert _header_line(line) == (True, None)


def test_without_its_header_a_longer_row_with_a_printed_blank_is_not_read_shifted():
    """No header line to name the column: a ``—`` beside seven numbers still holds a column."""
    truth = make_truth(31, sparse=0.5)
    body, _ = render(truth, "spaced", "last-year", random.Random(0))  # noqa: S311 (a seeded shape)
    text = "\n".join(
        line for line in body.decode().split("\n") if "上年总计" not in line
    )
    values = flatten(
        parse_report(extract(Source(body=text.encode(), media_type="text/plain")))
    )
    wrong = {
        path: (values[path], want)
        for path, want in truth.values.items()
        if values.get(path) is not None and values[path] != want
    }
    assert wrong == {}


def test_part_two_with_a_remarks_column_is_read_cell_by_cell():
    """``备注`` after the item's columns: a row with a blank first cell is not moved left."""
    truth = make_truth(9, fmt="2019")
    block = (
        "第二十条第（五）项\n"
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\t备注\n"
        "行政许可\t\t6\t92\t4\n"
        "其他对外管理服务事项\t1\t9\t313\t8\n"
    )
    text = f"{truth.agency}{truth.year}年政府信息公开工作年度报告\n二、主动公开政府信息情况\n{block}"
    values = flatten(parse_report(Document(text=text)))
    license_ = [
        values[f"active_disclosure.administrative_license.{c}"]
        for c in ("previous_count", "change", "decisions")
    ]
    services = [
        values[f"active_disclosure.other_services.{c}"]
        for c in ("previous_count", "change", "decisions")
    ]
    assert license_ == [None, None, None]
    assert services == [1, 9, 313]


@pytest.mark.parametrize("shape", ["text", "html"])
def test_part_four_with_a_grand_total_column_is_null(shape):
    """合计 after the fifteen: a blank first cell trimmed left fifteen cells, one column off."""
    truth = first_review_cell_zero(make_truth(7044))
    body, media_type = render_review(truth, shape)
    report = parse_report(extract(Source(body=body, media_type=media_type)))
    values = flatten(report)
    assert all(v is None for k, v in values.items() if k.startswith("review"))
    if shape == "text":  # (a grid keeps the sixteenth cell apart: the row is too long)
        assert any(
            p.where == "review_litigation" and p.kind == "table_shape"
            for p in report.problems
        )


@pytest.mark.parametrize(
    "line",
    [
        "\t自然人\t商业企业\t科研机构\t社全会公益组织\t法律服务机构\t其他\t总计",
        "\t\t商业企业\t科研机构\t社会团体\t法律服务机构\t其他",
    ],
)
def test_a_header_word_misread_or_renamed_within_the_seven_is_no_extra_column(line):
    """An OCR'd 社全会公益组织 or another wording in its place: the line holds no more words."""
    assert _header_line(line)[1] is None
