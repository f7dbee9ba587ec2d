"""Metadata of the five real reports in the corpus: year, agency, format, status.

The cell-by-cell expectations are the golden files' job (tests/parsers/test_golden.py); these
tests pin what the metadata readers must get right on real text, read from each source file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.model import Document
from parsers.report import parse_report

CORPUS = Path(__file__).resolve().parents[2] / "crawler" / "sampleportal" / "corpus"


def _parse(name: str):
    return parse_report(Document(text=(CORPUS / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("name", "year", "agency", "fmt", "status"),
    [
        ("2020-beihai-jiedao.txt", 2020, "北海街道办事处", "2019", "ok"),
        # title 南关区曙光街道; the body names 长春市南关区曙光街道办事处 (受理机构为…)
        (
            "2020-changchun-nanguan-shuguang.txt",
            2020,
            "长春市南关区曙光街道办事处",
            "2019",
            "ok",
        ),
        # no title line; the fees row has a blank 本年增/减 cell
        ("2020-fenyang-jiedao.txt", 2020, None, "2019", "partial"),
        (
            "2021-changchun-nanguan-xingfu.txt",
            2021,
            "长春市南关区幸福乡人民政府",
            "2021",
            "ok",
        ),
        ("2024-xinhua-shuguangjie.txt", 2024, "新华区曙光街街道办事处", "2021", "ok"),
    ],
)
def test_corpus_metadata(name, year, agency, fmt, status):
    report = _parse(name)
    assert (report.year, report.agency, report.format, report.status) == (
        year,
        agency,
        fmt,
        status,
    )


def test_beihai_reads_the_social_organization_variant_and_ignores_the_extra_fees_column():
    report = _parse("2020-beihai-jiedao.txt")
    assert any(p.kind == "label_variant" for p in report.problems)
    # 行政事业性收费 sits under a 3-column header (…处理决定数量); 2019 fees have two columns
    assert set(report.active_disclosure["administrative_fees"]) == {
        "previous_count",
        "change",
    }
    assert (
        str(report.active_disclosure["centralized_procurement"]["amount"]) == "15.281"
    )


def test_fenyang_short_rows_are_not_shifted_but_recovered_by_the_rules():
    report = _parse("2020-fenyang-jiedao.txt")
    inferred = {p.where for p in report.problems if p.kind == "inferred"}
    # 本年新收 holds 5 numbers for 7 columns: every cell of the row is recovered, none shifted
    assert {
        f"applications.new_requests.{c}" for c in report.applications["new_requests"]
    } <= inferred
    assert report.active_disclosure["administrative_fees"] == {
        "previous_count": 1,
        "change": None,
    }


def test_xingfu_reads_non_zero_values_under_arabic_section_numbers():
    report = _parse("2021-changchun-nanguan-xingfu.txt")
    assert report.applications["new_requests"]["total"] == 4
    assert report.applications["other_other"]["natural_person"] == 1
    assert report.applications["total_handled"]["natural_person"] == 3


def test_title_year_wins_and_a_disagreeing_statistics_period_is_a_problem():
    text = "示范街道2021年政府信息公开工作年度报告\n所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n"
    report = parse_report(Document(text=text))
    assert report.year == 2021
    assert [p.kind for p in report.problems if p.where == "year"] == ["year_mismatch"]


def test_meta_title_is_preferred_and_a_report_without_tables_is_free_form():
    report = parse_report(
        Document(
            text="二〇一五年工作总结\n今年我们做了很多工作。",
            meta={"title": "示范县人民政府2015年政府信息公开工作年度报告"},
        )
    )
    assert (report.year, report.agency, report.format, report.status) == (
        2015,
        "示范县人民政府",
        "free-form",
        "free-form",
    )


def test_text_that_is_no_report_is_unreadable():
    report = parse_report(Document(text="hello world"))
    assert report.status == "unreadable"
    assert {p.kind for p in report.problems} >= {
        "year_not_found",
        "agency_not_found",
        "table_not_found",
    }


def test_a_national_format_report_whose_tables_are_missing_is_unreadable():
    text = (
        "示范街道2021年政府信息公开工作年度报告\n一、总体情况\n今年工作很好。\n"
        "三、收到和处理政府信息公开申请情况\n本年度共收到申请若干件，详见附表。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n无。\n"
    )
    report = parse_report(Document(text=text))
    assert report.status == "unreadable"
    assert report.format == "2021"
    assert {p.where for p in report.problems if p.kind == "table_not_found"} == {
        "active_disclosure",
        "applications",
        "review_litigation",
    }


def test_tables_mixing_both_formats_are_a_format_mismatch():
    text = (
        "示范街道2021年政府信息公开工作年度报告\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t0\t0\t0\n"
        "信息内容\t采购项目数量\t采购总金额\n政府集中采购\t1\t2\n"
        "信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t3.5\n"
    )
    report = parse_report(Document(text=text))
    assert report.format == "2021"
    assert [p.kind for p in report.problems if p.where == "format"] == [
        "format_mismatch"
    ]
    assert str(report.active_disclosure["administrative_fees"]["amount"]) == "3.5"


def test_body_year_disagreeing_with_the_title_is_recorded_but_not_followed():
    text = "示范街道2021年政府信息公开工作年度报告\n2020年我街道未收到申请。2020年工作平稳。\n"
    report = parse_report(Document(text=text))
    assert report.year == 2021
    assert any(
        p.kind == "year_mismatch" and "2020" in p.detail for p in report.problems
    )


def test_chinese_numeral_years_and_fuller_agency_names_are_read():
    text = "受理机构为示范市示范区光明街道办事处。\n"
    report = parse_report(
        Document(
            text=text,
            meta={"title": "示范区光明街道二〇二二年政府信息公开工作年度报告"},
        )
    )
    assert report.year == 2022
    assert report.agency == "示范市示范区光明街道办事处"


def test_an_unforeseen_failure_surfaces_as_a_parse_error_with_a_log_line(
    monkeypatch, caplog
):
    import parsers.report as report_module
    from parsers.errors import ParseError

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(report_module, "detect_metadata", broken)
    with pytest.raises(ParseError, match="ZeroDivisionError"):
        parse_report(Document(text="x"))
    assert any("report parser failed" in r.getMessage() for r in caplog.records)
