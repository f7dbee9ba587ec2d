"""The agency from the title: digits inside a name, and titles that name no organ."""

from __future__ import annotations

import pytest

from parsers import Document, parse_report


@pytest.mark.parametrize(
    ("title", "agency"),
    [
        (
            "示范区第15北苑街道办事处2021年政府信息公开工作年度报告",
            "示范区第15北苑街道办事处",
        ),
        (
            "2021年示范区第15北苑街道办事处政府信息公开工作年度报告",
            "示范区第15北苑街道办事处",
        ),
        (
            "示范区第三北苑街道办事处2021年政府信息公开工作年度报告",
            "示范区第三北苑街道办事处",
        ),
    ],
)
def test_agency_names_may_contain_digits(title, agency):
    report = parse_report(Document(text="", meta={"title": title}))
    assert (report.agency, report.year) == (agency, 2021)


@pytest.mark.parametrize(
    "title",
    [
        "2021年政府信息公开工作年度报告",
        "2021年人民政府信息公开工作年度报告",
        "本局2021年政府信息公开工作年度报告",
        "我委2021年政府信息公开工作年度报告",
        "本级政府2021年政府信息公开工作年度报告",
    ],
)
def test_a_title_without_an_organ_gives_no_agency_not_a_generic_word(title):
    report = parse_report(Document(text="", meta={"title": title}))
    assert report.agency is None
    assert any(
        p.where == "agency" and p.kind == "agency_not_found" for p in report.problems
    )
