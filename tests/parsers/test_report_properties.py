"""Property tests: no input crashes the parser; blanked cells never come back as wrong numbers."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.errors import ParseError
from parsers.model import Document, Table
from parsers.report import parse_report, report_to_json
from parsers.report.vocabulary import (
    APPLICANT_PARTS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    application_rows,
    handled_rows,
)
from tests.parsers.report_render import (
    ROW_LABELS,
    Counts,
    consistent_values,
    render_tabs,
)

FRAGMENTS = [
    *ROW_LABELS.values(),
    "行政复议",
    "未经复议直接起诉",
    "复议后起诉",
    "结果维持",
    "总计",
    "社会组织",
    "规章",
    "行政事业性收费",
    "本年新",
    "制作数量",
    "本年制发件数",
    "政府集中采购",
    "2021年",
    "年度报告",
    "统计期限自2020年",
    "0",
    "1",
    "12",
    "-3",
    "15.281",
    "１２",
    "\xa0",
    "—",
    "\t",
    "|",
    "\n",
    "\n\n",
    " ",
    "（三）",
    "3、",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(FRAGMENTS), max_size=300).map("".join),
)
grids = st.lists(
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)),
        min_size=0,
        max_size=10,
    ).map(tuple),
    max_size=30,
).map(lambda rows: Table(rows=tuple(rows), covered=frozenset({(0, 0), (1, 2)})))


def _check_invariants(report):
    explained = {p.where for p in report.problems}
    for section in ("active_disclosure", "applications", "review_litigation"):
        for row, cols in getattr(report, section).items():
            for col, value in cols.items():
                assert value is not None or f"{section}.{row}.{col}" in explained
    report_to_json(report)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, title=st.one_of(st.none(), st.text(max_size=40)))
def test_arbitrary_text_never_raises_anything_but_parse_error(text, title):
    meta = {} if title is None else {"title": title}
    try:
        report = parse_report(Document(text=text, meta=meta))
    except ParseError:
        return
    _check_invariants(report)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, tables=st.lists(grids, max_size=3).map(tuple))
def test_arbitrary_documents_with_random_tables_never_raise_anything_but_parse_error(
    text, tables
):
    try:
        report = parse_report(Document(text=text, tables=tables))
    except ParseError:
        return
    _check_invariants(report)


def _counts(fmt: str):
    small = st.integers(min_value=0, max_value=5)
    leaf_keys = [(r, c) for r in handled_rows(fmt) for c in APPLICANT_PARTS]
    return st.builds(
        Counts,
        leaves=st.dictionaries(
            st.sampled_from(leaf_keys),
            st.integers(min_value=0, max_value=9),
            max_size=12,
        ),
        carried_forward=st.dictionaries(
            st.sampled_from(APPLICANT_PARTS), small, max_size=3
        ),
        carried_over_share=st.dictionaries(
            st.sampled_from(APPLICANT_PARTS), st.integers(0, 100), max_size=3
        ),
        review=st.dictionaries(
            st.sampled_from(
                [(g, c) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS[:-1]]
            ),
            small,
            max_size=5,
        ),
    )


@st.composite
def blanked_reports(draw):
    fmt = draw(st.sampled_from(["2019", "2021"]))
    values = consistent_values(fmt, draw(_counts(fmt)))
    paths = sorted(values)
    blanked = draw(st.lists(st.sampled_from(paths), max_size=40, unique=True))
    styles = st.sampled_from(["", "\xa0", "—", "/", "无", " ", "<drop>"])
    blanks = {path: draw(styles) for path in blanked}
    return fmt, values, blanks


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=blanked_reports())
def test_blanked_cells_come_back_as_the_truth_or_none_never_a_wrong_number(case):
    fmt, values, blanks = case
    report = parse_report(Document(text=render_tabs(fmt, values, blanks)))
    assert report.format == fmt
    inferred = {p.where for p in report.problems if p.kind == "inferred"}
    for path, truth in values.items():
        section, row, col = path.split(".")
        got = getattr(report, section)[row][col]
        assert got in (truth, None), f"{path}: read {got}, truth {truth}"
        if path not in blanks:
            # a printed cell is read as printed unless its row lost cell positions (a dropped cell,
            # or an empty field that may be a merged label's leftover): such a row is never shifted
            row_key = (
                f"{section}." if section == "review_litigation" else f"{section}.{row}."
            )
            ambiguous = any(
                p.startswith(row_key) and s in ("<drop>", "") for p, s in blanks.items()
            )
            assert got == truth or ambiguous
        if path in inferred:
            assert got == truth
    assert report.status in ("ok", "partial")
    assert len(application_rows(fmt)) == len(report.applications)


def test_huge_inputs_are_bounded():
    import time

    line = "\t".join(["一、本年新收政府信息公开申请数量", *["1"] * 7]) + "\n"
    text = line * 100_000 + "x" * 2_000_000 + "\n"
    started = time.perf_counter()
    report = parse_report(
        Document(text=text, tables=(Table(rows=(("0",) * 5000,) * 200),))
    )
    assert time.perf_counter() - started < 10
    assert report.status in ("partial", "inconsistent", "unreadable")
