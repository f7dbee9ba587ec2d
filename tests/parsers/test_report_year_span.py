"""A report covering two years has no one year: the year is null with a problem, not a guess.

A title naming 2022—2023年 gave 2023, one naming 2022年至2023年 gave 2022, and a statistics
period running from one year into the next gave its first year, each without a problem.
"""

from __future__ import annotations

import pytest

from parsers.model import Document
from parsers.report import parse_report

BODY = "一、总体情况\n本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n"


@pytest.mark.parametrize(
    "title",
    [
        "西岭县人民政府2022—2023年政府信息公开工作年度报告",
        "西岭县人民政府2022-2023年度政府信息公开工作年度报告",
        "西岭县人民政府2022年至2023年政府信息公开工作年度报告",
    ],
)
def test_a_title_naming_two_years_gives_no_year(title):
    report = parse_report(Document(text=f"{title}\n{BODY}"))
    assert report.year is None
    assert [p.kind for p in report.problems if p.where == "year"] == ["year_not_found"]
    assert report.agency == "西岭县人民政府"


def test_a_statistics_period_over_two_years_gives_no_year():
    text = (
        "西岭县人民政府政府信息公开工作年度报告\n"
        "本报告统计期限自2022年1月1日起至2023年12月31日止。\n" + BODY
    )
    report = parse_report(Document(text=text))
    assert report.year is None
    assert "two years" in next(p.detail for p in report.problems if p.where == "year")


def test_one_year_and_its_dates_are_no_span():
    text = (
        "西岭县人民政府政府信息公开工作年度报告\n"
        "本报告统计期限自2023年1月1日起至2023年12月31日止。\n" + BODY
    )
    assert parse_report(Document(text=text)).year == 2023
    from parsers.report.dates import year_span  # imported here: the helper is new

    assert (
        year_span("2024年1月20日 西岭县人民政府2023年政府信息公开工作年度报告") is None
    )


def test_last_years_report_cited_is_not_this_reports_name():
    """Without a title year, a sentence citing last year's report gave the year before."""
    cited = "针对2022年度政府信息公开工作年度报告中指出的问题，本机关逐项整改。\n"
    title = "西岭县人民政府政府信息公开工作年度报告\n"
    report = parse_report(Document(text=title + cited + BODY))
    assert report.year is None
    own = "现公布西岭县人民政府2023年度政府信息公开工作年度报告。\n"
    assert parse_report(Document(text=title + cited + own + BODY)).year == 2023
    assert parse_report(Document(text=title + own + BODY)).year == 2023
