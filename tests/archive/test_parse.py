from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import parsers
from archive import Archive, UnknownDocumentError, reparse
from parsers import CorruptDocumentError, Document, Problem, Report

HTML = "<html><body><p>2021年政府信息公开工作年度报告</p></body></html>".encode()


def fake_extract(source, *, options=parsers.DEFAULT_OPTIONS):
    return Document(
        text=source.body.decode("utf-8"),
        meta={
            "title": "报告",
            "published": "2022-01-20",
            "charset_seen": source.charset or "",
        },
        media_type="text/html",
        encoding="utf-8",
        extractor="fake-html",
    )


def fake_parse_report(document):
    return Report(
        year=2021,
        agency="示例街道办事处",
        format="2021",
        status="partial",
        active_disclosure={"administrative_fees": {"amount": Decimal("12.50")}},
        applications={"new_requests": {"natural_person": 3, "total": None}},
        problems=(Problem("applications.new_requests.total", "missing_cell", "blank"),),
        parser_version=parsers.PARSER_VERSION,
    )


@pytest.fixture
def fake_parsers(monkeypatch):
    calls = []

    def counting_extract(source, *, options=parsers.DEFAULT_OPTIONS):
        calls.append(source)
        return fake_extract(source, options=options)

    monkeypatch.setattr(parsers, "extract", counting_extract)
    monkeypatch.setattr(parsers, "parse_report", fake_parse_report)
    return calls


def test_parse_document_writes_text_report_and_values(
    archive, make_capture, fake_parsers
):
    stored = archive.store(
        make_capture(
            body=HTML, response_headers=(("Content-Type", 'text/html; charset="GBK"'),)
        )
    )
    outcome = archive.parse_document(stored.sha256)
    assert outcome.status == "partial"
    assert outcome.error is None
    (source,) = fake_parsers
    assert source.body == HTML  # read back from the WARC
    assert (source.media_type, source.charset) == ("text/html", "GBK")
    (text,) = archive.db.table("texts").rows
    assert text["extractor"] == "fake-html"
    assert text["error"] is None
    report = archive.db.table("reports").get(outcome.report_id)
    assert (report["year"], report["agency"], report["status"]) == (
        2021,
        "示例街道办事处",
        "partial",
    )
    assert report["published"] == "2022-01-20"
    assert report["source_url"] == "http://demo.test/zfxxgknb/t1.html"
    values = {
        (v["section"], v["row_id"], v["column_id"]): (
            v["value"],
            v["value_number"],
            v["problem"],
        )
        for v in archive.db.query("SELECT * FROM report_values")
    }
    assert values == {
        ("active_disclosure", "administrative_fees", "amount"): ("12.50", 12.5, None),
        ("applications", "new_requests", "natural_person"): ("3", 3, None),
        ("applications", "new_requests", "total"): (None, None, "missing_cell"),
    }


def test_parsing_twice_replaces_rows_of_the_same_parser_version(
    archive, make_capture, fake_parsers
):
    stored = archive.store(make_capture(body=HTML))
    archive.parse_document(stored.sha256)
    archive.parse_document(stored.sha256)
    assert archive.db.table("reports").count == 1
    assert archive.db.table("texts").count == 1
    assert archive.db.execute("SELECT count(*) FROM report_values").fetchone()[0] == 3


def test_extraction_error_is_stored_and_logged_not_raised(
    archive, make_capture, monkeypatch, caplog
):
    def broken(source, *, options=None):
        raise CorruptDocumentError("truncated PDF")

    monkeypatch.setattr(parsers, "extract", broken)
    stored = archive.store(make_capture(body=b"%PDF-1.4 trunc"))
    with caplog.at_level("WARNING", logger="archive.parse"):
        outcome = archive.parse_document(stored.sha256)
    assert outcome.error == "corrupt: truncated PDF"
    assert outcome.report_id is None
    (text,) = archive.db.table("texts").rows
    assert text["error"] == "corrupt: truncated PDF"
    assert archive.db.table("reports").count == 0
    assert caplog.text.count("extraction failed") == 1


def test_not_implemented_parser_surfaces(archive, make_capture, monkeypatch):
    def missing(source, *, options=None):
        raise NotImplementedError

    monkeypatch.setattr(parsers, "extract", missing)
    stored = archive.store(make_capture(body=HTML))
    with pytest.raises(NotImplementedError):
        archive.parse_document(stored.sha256)


def test_parse_unknown_document_is_a_typed_error(archive):
    with pytest.raises(UnknownDocumentError):
        archive.parse_document("0" * 64)


def test_reparse_reruns_only_when_parser_version_changes(
    archive_dir, make_capture, fake_parsers, monkeypatch
):
    with Archive.open(archive_dir, software_version="t") as arch:
        report = arch.store(make_capture(url="http://d.test/r.html", body=HTML))
        arch.store(
            make_capture(url="http://d.test/list.html", body=b"list", kind="list")
        )
        arch.store(
            make_capture(url="http://d.test/a.pdf", body=b"pdf", kind="attachment")
        )
        arch.parse_document(report.sha256)
    fake_parsers.clear()
    first = reparse(archive_dir)
    assert (first.considered, first.reparsed, first.skipped) == (
        2,
        1,
        1,
    )  # the attachment
    assert len(fake_parsers) == 1
    again = reparse(archive_dir)
    assert (again.reparsed, again.skipped) == (0, 2)
    monkeypatch.setattr(parsers, "PARSER_VERSION", "9.9.9")
    bumped = reparse(archive_dir)
    assert (bumped.parser_version, bumped.reparsed, bumped.reports) == ("9.9.9", 2, 2)
    everything = reparse(archive_dir, only_outdated=False)
    assert everything.reparsed == 2
    with Archive.open(archive_dir, software_version="t") as arch:
        versions = sorted(r["parser_version"] for r in arch.db.table("reports").rows)
    # the old version's rows are kept (history); the new version has one row per document
    assert versions == [
        parsers.report.PARSER_VERSION,
        parsers.report.PARSER_VERSION,
        "9.9.9",
        "9.9.9",
    ]


def test_reparse_includes_a_payload_first_captured_as_a_plain_page(
    archive_dir, make_capture, fake_parsers
):
    with Archive.open(archive_dir, software_version="t") as arch:
        arch.store(make_capture(url="http://d.test/p.html", body=HTML, kind="page"))
        arch.store(make_capture(url="http://d.test/r.html", body=HTML, kind="report"))
    summary = reparse(archive_dir)
    assert (summary.considered, summary.reparsed, summary.reports) == (1, 1, 1)


GOLDEN = Path(__file__).resolve().parent.parent / "parsers" / "golden"


def test_real_parsers_read_a_stored_report_page(archive, make_capture):
    """Uses the real extractor and parser on a golden report stored as a plain-text capture."""
    case = GOLDEN / "2021-changchun-nanguan-xingfu"
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    stored = archive.store(
        make_capture(
            body=(case / "source.txt").read_bytes(),
            response_headers=(("Content-Type", "text/plain; charset=utf-8"),),
        )
    )
    outcome = archive.parse_document(stored.sha256)
    assert outcome.error is None
    assert outcome.status == expected["status"]
    report = archive.db.table("reports").get(outcome.report_id)
    assert (report["year"], report["agency"], report["format"]) == (
        expected["year"],
        expected["agency"],
        expected["format"],
    )
    values = {
        (v["section"], v["row_id"], v["column_id"]): v["value_number"]
        for v in archive.db.query("SELECT * FROM report_values")
    }
    new_requests = expected["applications"]["new_requests"]
    for applicant, number in new_requests.items():
        assert values[("applications", "new_requests", applicant)] == number
