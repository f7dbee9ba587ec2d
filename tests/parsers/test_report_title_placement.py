"""Titles that place the year apart from the organ: the organ without the report's name.

A title may put the year after the report's name (…政府信息公开工作年度报告（2023年度）), in
brackets after the organ (…人民政府（2023年）…), or follow a publication date on its line
(2024年1月20日 …2023年…). The organ is the text before the report's name, the year the
report's, never the date's.
"""

from __future__ import annotations

import pytest

from parsers.report.agency import title_agency
from parsers.report.dates import title_year

ORGAN = "长宁县人民政府"


@pytest.mark.parametrize(
    "title",
    [
        f"{ORGAN}政府信息公开工作年度报告（2023年度）",
        f"{ORGAN}（2023年）政府信息公开工作年度报告",
        f"{ORGAN}政府信息公开工作2023年度报告",
        f"{ORGAN}政务公开工作年度报告(2023年)",
        f"2024年1月20日 {ORGAN}2023年政府信息公开工作年度报告",
        f"2024-01-20 {ORGAN}2023年政府信息公开工作年度报告",
        f"{ORGAN}2023年政府信息公开工作年度报告",
    ],
)
def test_the_organ_and_the_year_of_a_title(title):
    assert title_agency(title) == ORGAN
    assert title_year(title) == 2023


def test_a_title_of_only_the_report_name_names_no_organ():
    assert title_agency("政府信息公开工作年度报告（2023年度）") is None
