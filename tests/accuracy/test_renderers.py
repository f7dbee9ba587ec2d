"""The renderers print what they claim: each shape's hard feature is present, seeds repeat.

These tests check the documents, not the parser: a class is only worth scoring if its cases
really have the feature real reports have (a detached label, a wrapped label beside centred
numbers, glued cells, Word's merges), and if the same seed gives the same document.
"""

from __future__ import annotations

import re

import pytest

from parsers import Source, extract
from parsers.report.vocabulary import handled_rows
from tests.accuracy import render_docx, render_dumps, render_markdown, render_pdf
from tests.accuracy.template import active_row, application_row, number

MODULES = (render_markdown, render_dumps, render_docx)


def _body(case):
    return case.document.text if case.document is not None else case.source[0]


@pytest.mark.parametrize("module", [*MODULES, render_pdf])
def test_the_same_seed_gives_the_same_documents(module):
    first, again = module.cases(3, 2), module.cases(3, 2)
    assert [c.name for c in first] == [c.name for c in again]
    assert [_body(c) for c in first] == [_body(c) for c in again]
    assert [c.truth for c in first] == [c.truth for c in again]


@pytest.mark.parametrize("module", MODULES)
def test_every_case_prints_every_number_of_its_truth(module):
    for case in module.cases(5, 6):
        if case.document is not None:
            text = case.document.text
        else:
            text = extract(Source(body=case.source[0], media_type=case.source[1])).text
        digits = re.sub(r"\s", "", text)
        for path, value in case.truth.values.items():
            assert number(value) in digits, (case.name, path)


def _label_only_lines(text: str) -> list[str]:
    """Part 三 table lines with a label and seven empty number cells (a detached label)."""
    part = text.split("## 三", 1)[1].split("## 四", 1)[0]
    out = []
    for line in part.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 8 and any(cells[:-7]) and not any(cells[-7:]):
            out.append(line)
    return out


def test_markdown_detaches_labels_above_and_below_their_numbers():
    cases = render_markdown.cases(0, 12)
    by_detach: dict[str, list[str]] = {"none": [], "above": [], "below": []}
    for case in cases:
        by_detach[case.name.split("-")[0]] += _label_only_lines(case.document.text)
    assert not by_detach["none"]
    assert by_detach["above"]
    assert by_detach["below"]
    assert any("数据1" in c.document.text for c in cases)
    assert any(c.document.text.startswith("# ") for c in cases)


def test_glued_dump_runs_labels_and_cells_together_on_one_line():
    glued = [c for c in render_dumps.cases(2, 4) if c.cls == "glued-dump"]
    assert glued
    for case in glued:
        body = case.document.text.split(render_dumps.RULE, 1)[1].strip()
        assert "\n" not in body
        license_cells = active_row(case.truth, "administrative_license")
        assert "行政许可" + "".join(license_cells) in body
        assert re.search(r"\d2\.其他法律行政法规禁止公开", body)


def test_header_block_dump_starts_with_the_crawlers_header():
    dumps = [c for c in render_dumps.cases(2, 4) if c.cls == "header-block-dump"]
    for case in dumps:
        head = case.document.text.split(render_dumps.RULE, 1)[0]
        assert head.startswith("标题: ")
        assert "发布机构: " in head
        assert "原文链接: http://127.0.0.1/" in head


def test_docx_merged_cells_extract_as_covered_copies():
    for case in render_docx.cases(0, len(render_docx.VARIANTS)):
        document = extract(Source(body=case.source[0], media_type=case.source[1]))
        (grid,) = [t for t in document.tables if t.width == 10]
        results = [
            r
            for r, row in enumerate(grid.rows)
            if row[0].replace("\n", "") == "三、本年度办理结果"
        ]
        assert len(results) == len(handled_rows(case.truth.fmt)) + 1, case.name
        assert all((r, 0) in grid.covered for r in results[1:]), case.name


@pytest.fixture(scope="module")
def pdf_cases():
    cases = render_pdf.cases(0, 2)
    return {c.name.split("-")[0]: c for c in cases}


def test_unruled_pdf_text_interleaves_wrapped_labels_and_numbers(pdf_cases):
    case = pdf_cases["unruled"]
    document = extract(Source(body=case.source[0], media_type="application/pdf"))
    assert not [t for t in document.tables if t.width == 10]
    lines = document.text.splitlines()
    head = lines.index("（二）部分公开（区分处理的，只计这一情形")
    numbers = " ".join(application_row(case.truth, "partially_disclosed"))
    assert lines[head + 1].endswith(
        numbers
    )  # the numbers between the label's two lines
    assert lines[head + 2].endswith("，不计其他情形）")
    # the vertical group label: single characters on lines of their own or before a row
    assert (
        sum(1 for line in lines if line[:1] in "本年度办理结果" and len(line) <= 2) >= 3
    )
    assert "商业企" in document.text
    assert re.search(r"^[-—] \d+ [-—]$", document.text, re.MULTILINE)


def test_ruled_pdf_gives_the_application_grid_across_the_page_break(pdf_cases):
    case = pdf_cases["ruled"]
    document = extract(Source(body=case.source[0], media_type="application/pdf"))
    (grid,) = [t for t in document.tables if t.width == 10]
    assert grid.rows[-1][0] == "四、结转下年度继续办理"
    assert document.meta["pages"] != "1"
