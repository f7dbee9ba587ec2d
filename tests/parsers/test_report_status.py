"""A report without the national tables: free-form before 2019, a finding from 2019 on."""

from __future__ import annotations

from parsers import Document, parse_report


def test_pre_2019_report_without_tables_is_free_form():
    document = Document(
        text="2018年政府信息公开工作年度报告\n一、概述\n本年度共主动公开政府信息120条。",
        meta={"title": "示范区2018年政府信息公开工作年度报告"},
    )
    report = parse_report(document)
    assert report.status == "free-form"
    assert report.format == "free-form"
    assert report.year == 2018


def test_2021_report_page_with_empty_body_is_unreadable_not_free_form():
    # The TRS attachment-only page: the title says it is a 2021 report, the body is empty
    # because the report is in the attachment.
    document = Document(text="", meta={"title": "示范区2021年政府信息公开工作年度报告"})
    report = parse_report(document)
    assert report.status == "unreadable"
    assert report.format is None
    assert report.year == 2021
    [problem] = [p for p in report.problems if p.kind == "table_not_found"]
    assert "2021" in problem.detail
