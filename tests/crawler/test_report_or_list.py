"""A page linked as a report that is a list of reports (a year column) is read as a list."""

from __future__ import annotations

from crawler.spiders.portal import _reads_as_list

COLUMN = "http://h/zfxxgknb/2022/index.html"
ROWS = [
    ("t20230105_1.html", "示范区财政局2022年政府信息公开工作年度报告"),
    ("t20230105_2.html", "示范区教育局2022年政府信息公开工作年度报告"),
]


def test_an_index_page_listing_reports_is_a_list():
    assert _reads_as_list(ROWS, "<ul>…</ul>", COLUMN)


def test_a_report_is_not_a_list_whatever_it_links():
    # a report at an index page (Hunan's numeric tree) with other years in a side box
    assert not _reads_as_list(ROWS, "<h1>…</h1><p>一、总体情况</p>", COLUMN)
    # a report at a detail URL
    assert not _reads_as_list(
        ROWS, "<ul>…</ul>", "http://h/zfxxgknb/2022/t20230105_9.html"
    )
    # one other report linked (上一篇) is not a list
    assert not _reads_as_list(ROWS[:1], "<ul>…</ul>", COLUMN)
