"""Logical-report exports: renditions counted once, versions flagged, unreadable ones kept.

Archives are built from the sample portal's report generator and parsed by the real parser, so
every number compared here is the generator's truth, not a value the test wrote twice.
"""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import timedelta

import jsonschema
import pytest

import parsers
from archive import (
    Archive,
    ArchiveError,
    coverage,
    coverage_csv,
    coverage_html,
    coverage_text,
    export,
    reparse,
    report_history,
    row_schema,
    stats,
)
from crawler.sampleportal.reportgen import (
    correct_one_number,
    generate_numbers,
    render_html,
    render_text,
)

from .conftest import T0

SITE = "demo-trs"
AGENCY = "示范区人民政府"
TEXT = (("Content-Type", "text/plain; charset=utf-8"),)
HTML = (("Content-Type", "text/html; charset=utf-8"),)
PDF = (("Content-Type", "application/pdf"),)


def _numbers(seed, fmt="2021"):
    return generate_numbers(random.Random(seed), fmt)  # noqa: S311 (seeded test data)


def _title(agency, year):
    return f"{agency}{year}年政府信息公开工作年度报告"


def _page(agency, year, numbers):
    body = render_html(_title(agency, year), agency, year, numbers)
    return f"<html><head><title>{_title(agency, year)}</title></head><body>{body}</body></html>".encode()


def _text(agency, year, numbers):
    return render_text(_title(agency, year), agency, year, numbers, "tabs").encode()


def _shell(agency, year):
    """A report page that only links its attachment: a title and no numbers."""
    title = _title(agency, year)
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>见附件。</p></body></html>".encode()


class Builder:
    """Stores captures one second apart and parses each new document with the real parser."""

    def __init__(self, arch, make_capture):
        self.arch, self.make_capture, self.at = arch, make_capture, T0

    def add(self, url, body, headers, *, kind="report", referrer=None):
        self.at += timedelta(seconds=1)
        stored = self.arch.store(
            self.make_capture(
                url=url,
                body=body,
                fetched_at=self.at,
                site_id=SITE,
                kind=kind,
                referrer=referrer,
                response_headers=headers,
            )
        )
        if stored.is_new_document and kind != "list":  # crawls parse no list page
            self.arch.parse_document(stored.sha256)
        return stored


@pytest.fixture
def built(archive_dir, make_capture):
    """Four organ-years: page + attachment, a corrected report, an unreadable one, next year."""
    n2021, n2022 = _numbers(1), _numbers(2)
    corrected = correct_one_number(n2022, random.Random(3))  # noqa: S311
    with Archive.open(archive_dir, software_version="t") as arch:
        b = Builder(arch, make_capture)
        page = "http://d.test/2021/t1.html"
        b.add(page, _page(AGENCY, 2021, n2021), HTML)
        b.add(
            "http://d.test/2021/a1.txt",
            _text(AGENCY, 2021, n2021),
            TEXT,
            kind="attachment",
            referrer=page,
        )
        b.add("http://d.test/2022/t2.html", _page(AGENCY, 2022, n2022), HTML)
        b.add("http://d.test/2022/t3.html", _page(AGENCY, 2022, corrected), HTML)
        shell = "http://d.test/2022/t4.html"
        b.add(shell, _shell("示范区审计局", 2022), HTML)
        b.add(
            "http://d.test/2022/a4.pdf",
            b"%PDF-1.4 cut off",
            PDF,
            kind="attachment",
            referrer=shell,
        )
    return archive_dir, {2021: n2021, 2022: corrected, "original": n2022}


def _export(archive_dir, table, **kw):
    out = io.StringIO()
    count = export(archive_dir, table=table, fmt="jsonl", out=out, **kw)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(rows)
    return rows


def test_reports_export_is_one_row_per_version_with_unreadable_ones(built):
    archive_dir, _ = built
    rows = _export(archive_dir, "reports")
    by_key = {}
    for row in rows:
        by_key.setdefault(row["report_key"], []).append(row)
    assert sorted(by_key) == [
        f"{SITE}:2021:{AGENCY}",
        f"{SITE}:2022:{AGENCY}",
        f"{SITE}:2022:示范区审计局",
    ]
    [v2021] = by_key[f"{SITE}:2021:{AGENCY}"]
    assert (v2021["version"], v2021["newest"], v2021["status"]) == (1, True, "ok")
    assert len(v2021["renditions"]) == 2  # the page and its attachment: one version
    assert sum(r["best"] for r in v2021["renditions"]) == 1
    assert v2021["source_urls"] == [
        "http://d.test/2021/a1.txt",
        "http://d.test/2021/t1.html",
    ]
    old, new = by_key[f"{SITE}:2022:{AGENCY}"]
    assert (old["version"], old["newest"], new["version"], new["newest"]) == (
        1,
        False,
        2,
        True,
    )
    assert old["versions"] == new["versions"] == 2
    [audit] = by_key[f"{SITE}:2022:示范区审计局"]
    assert audit["status"] == "unreadable"
    assert audit["title"] == _title("示范区审计局", 2022)
    pdf = next(r for r in audit["renditions"] if r["media_type"] == "application/pdf")
    assert pdf["best"] is False
    assert pdf["error"]  # the extraction error is the reason, in the export
    assert pdf["reason"] == pdf["error"]
    [page] = [r for r in audit["renditions"] if r["media_type"] != "application/pdf"]
    assert page["best"] is True
    assert page["reason"].startswith("table_not_found: ")


def test_values_export_counts_the_newest_version_once(built):
    archive_dir, truth = built
    rows = _export(archive_dir, "values")
    keys = {(r["report_key"], r["section"], r["row_id"], r["column_id"]) for r in rows}
    assert len(keys) == len(rows)  # no cell twice: not per rendition, not per version
    new_2022 = {
        (r["row_id"], r["column_id"]): r["value_number"]
        for r in rows
        if r["report_key"] == f"{SITE}:2022:{AGENCY}" and r["section"] == "applications"
    }
    assert new_2022 == {
        (row, col): value
        for row, cols in truth[2022].applications.items()
        for col, value in cols.items()
    }
    assert {
        r["version"] for r in rows if r["report_key"].endswith(f"2022:{AGENCY}")
    } == {2}
    every = _export(archive_dir, "values", all_versions=True)
    assert {
        r["version"] for r in every if r["report_key"].endswith(f"2022:{AGENCY}")
    } == {
        1,
        2,
    }


def test_wide_export_sums_a_cell_by_organ_and_year_like_the_truth(built):
    archive_dir, truth = built
    rows = _export(archive_dir, "wide")
    assert len(rows) == 3  # one per logical report
    cell = "applications.new_requests.total"
    got = {(r["organ"], r["year"]): r[cell] for r in rows if r[cell] is not None}
    assert got == {
        (AGENCY, 2021): truth[2021].applications["new_requests"]["total"],
        (AGENCY, 2022): truth[2022].applications["new_requests"]["total"],
    }


def test_cross_year_mismatches_are_findings_on_the_later_report(built):
    archive_dir, truth = built
    rows = _export(archive_dir, "reports")
    newest = next(
        r for r in rows if r["report_key"] == f"{SITE}:2022:{AGENCY}" and r["newest"]
    )
    found = {
        p["where"].rsplit(".", 1)[1]
        for p in newest["problems"]
        if p["kind"] == "cross_year"
    }
    carried_over = truth[2022].applications["carried_over"]
    carried_forward = truth[2021].applications["carried_forward"]
    expected = {c for c in carried_over if carried_over[c] != carried_forward[c]}
    assert expected  # the seeds give independent years, so some columns disagree
    assert {c for c in found if c in carried_over} == expected
    assert newest["status"] == "ok"  # a finding, not an error


@pytest.mark.parametrize(("table", "shape"), [("reports", "report"), ("values", "value"), ("wide", "wide")])  # fmt: skip
def test_every_exported_row_matches_its_shipped_schema(built, table, shape):
    archive_dir, _ = built
    validator = jsonschema.Draft202012Validator(row_schema(shape))
    rows = _export(archive_dir, table)
    assert rows
    for row in rows:
        validator.validate(row)


def test_excel_csv_starts_with_a_byte_order_mark_and_reads_back(built):
    archive_dir, _ = built
    out = io.StringIO()
    count = export(archive_dir, table="wide", fmt="csv", out=out, excel=True)
    text = out.getvalue()
    assert text.startswith("\ufeffreport_key,")
    read = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(read) == count == 3
    with pytest.raises(ArchiveError, match="--excel writes CSV"):
        export(archive_dir, table="wide", fmt="jsonl", out=io.StringIO(), excel=True)


def test_exports_keep_their_ids_across_a_reparse(built, monkeypatch):
    archive_dir, _ = built

    def ids():
        reports = [
            (r["report_key"], r["version"], r["document_sha256"])
            for r in _export(archive_dir, "reports")
        ]
        values = [
            (r["report_key"], r["section"], r["row_id"], r["column_id"], r["value"])
            for r in _export(archive_dir, "values")
        ]
        return reports, values

    before = ids()
    monkeypatch.setattr(parsers, "PARSER_VERSION", "9.9.9")
    summary = reparse(archive_dir, workers=1)
    assert summary.reparsed > 0  # new report rows, new internal ids
    assert ids() == before


def test_history_shows_an_unreadable_attachment_as_a_rendition_of_its_page(built):
    archive_dir, _ = built
    [page, pdf] = report_history(archive_dir, f"{SITE}:2022:示范区审计局")
    assert (page.number, pdf.number) == (1, 1)  # one version, two renditions
    assert (page.is_best, pdf.is_best) == (True, False)
    assert pdf.report_id is None
    assert pdf.status == "unreadable"
    assert pdf.changes == ()


def test_stats_count_logical_reports_then_versions_then_renditions(built):
    archive_dir, _ = built
    totals = stats(archive_dir)["totals"]
    assert totals["logical_reports"] == 3
    assert totals["logical_reports_by_status"] == {"ok": 2, "unreadable": 1}
    assert totals["report_versions"] == 4  # 2022 has two versions
    assert totals["report_documents"] == 6  # page + attachment, twice; two 2022 pages
    assert totals["reports"] == 5  # parsed documents: the corrupt PDF has no report row
    site = stats(archive_dir)["sites"][SITE]
    assert site["logical_reports"] == {"ok": 2, "unreadable": 1}


def test_coverage_flags_a_year_missing_between_published_years(
    archive_dir, make_capture
):
    with Archive.open(archive_dir, software_version="t") as arch:
        b = Builder(arch, make_capture)
        for year in (2019, 2021):
            b.add(
                f"http://d.test/{year}.html", _page(AGENCY, year, _numbers(year)), HTML
            )
    table = coverage(archive_dir)
    assert table.years == (2019, 2020, 2021)
    assert [(g.site_id, g.year) for g in table.gaps] == [(SITE, 2020)]
    assert table.cells[(SITE, 2019)].state == "ok"
    text = io.StringIO()
    coverage_text(table, text)
    assert f"gap: {SITE} has no report for 2020" in text.getvalue()
    rows = io.StringIO()
    coverage_csv(table, rows)
    assert list(csv.reader(io.StringIO(rows.getvalue())))[2] == [
        SITE,
        "2020",
        "missing",
        "0",
        "0",
    ]
    page = coverage_html(table)
    assert 'class="missing"' in page
    assert "<script" not in page  # self-contained, nothing to run


def test_an_unreadable_file_no_report_page_links_is_a_report_of_its_own(
    archive_dir, make_capture
):
    listing = "http://d.test/list.html"
    with Archive.open(archive_dir, software_version="t") as arch:
        b = Builder(arch, make_capture)
        b.add(listing, b"<html><a href='scan.pdf'>2022</a></html>", HTML, kind="list")
        b.add(
            "http://d.test/scan.pdf",
            b"%PDF-1.4 cut off",
            PDF,
            kind="attachment",
            referrer=listing,
        )
    [row] = _export(archive_dir, "reports")
    assert row["report_key"] == "url:http://d.test/scan.pdf"
    assert (row["site_id"], row["status"], row["newest"]) == (SITE, "unreadable", True)
    [problem] = row["problems"]
    assert problem["kind"] == "extraction_failed"
    assert problem["detail"].startswith("corrupt: ")
    assert row["renditions"][0]["reason"] == problem["detail"]
    assert row["source_urls"] == ["http://d.test/scan.pdf"]
    jsonschema.Draft202012Validator(row_schema("report")).validate(row)
    assert _export(archive_dir, "values") == []
    [wide] = _export(archive_dir, "wide")
    assert wide["status"] == "unreadable"
