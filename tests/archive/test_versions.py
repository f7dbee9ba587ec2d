from __future__ import annotations

import random
import sqlite3
from datetime import timedelta

import pytest

from archive import (
    Archive,
    ArchiveError,
    UnknownReportError,
    report_history,
    stats,
)
from archive.schema import SCHEMA_VERSION
from archive.versions import report_key
from crawler.sampleportal.reportgen import (
    correct_one_number,
    format_number,
    generate_numbers,
    render_text,
)

from .conftest import T0

AGENCY = "示范区人民政府"
TITLE = f"{AGENCY}2021年政府信息公开工作年度报告"
URL = "http://demo.test/zfxxgknb/t20220115_1.html"
TEXT_HEADERS = (("Content-Type", "text/plain; charset=utf-8"),)


def _rng(seed):
    return random.Random(seed)  # noqa: S311 (seeded test data, not security)


@pytest.fixture
def numbers():
    return generate_numbers(_rng(11), "2021")


def _body(numbers, agency=AGENCY, year=2021):
    title = f"{agency}{year}年政府信息公开工作年度报告"
    return render_text(title, agency, year, numbers, "tabs").encode()


def _store_and_parse(archive, make_capture, body, *, url=URL, at=T0, site="demo-trs"):
    stored = archive.store(
        make_capture(
            url=url,
            body=body,
            fetched_at=at,
            site_id=site,
            response_headers=TEXT_HEADERS,
        )
    )
    if stored.is_new_document:
        outcome = archive.parse_document(stored.sha256)
        assert outcome.error is None
    return stored


def _changed_cell(old, new):
    """The one (row, column, old, new) correct_one_number changed, from the generator's side."""
    diffs = [
        (row, col, format_number(old.active_disclosure[row][col]),
         format_number(new.active_disclosure[row][col]))
        for row, cells in old.active_disclosure.items()
        for col in cells
        if old.active_disclosure[row][col] != new.active_disclosure[row][col]
    ]  # fmt: skip
    assert len(diffs) == 1
    return diffs[0]


def test_corrected_report_at_same_url_is_second_version_with_one_changed_cell(
    archive, archive_dir, make_capture, numbers
):
    corrected = correct_one_number(numbers, _rng(5))
    first = _store_and_parse(archive, make_capture, _body(numbers))
    second = _store_and_parse(
        archive, make_capture, _body(corrected), at=T0 + timedelta(days=3)
    )
    assert first.sha256 != second.sha256

    history = report_history(archive_dir, f"demo-trs:2021:{AGENCY}")

    assert [v.sha256 for v in history] == [first.sha256, second.sha256]
    assert [v.number for v in history] == [1, 2]
    assert [v.is_newest for v in history] == [False, True]
    assert history[0].changes == ()
    row, column, old, new = _changed_cell(numbers, corrected)
    [change] = history[1].changes
    assert (change.section, change.row, change.column) == (
        "active_disclosure",
        row,
        column,
    )
    assert (change.old, change.new) == (old, new)
    assert history[1].capture_urls == (URL,)
    assert history[1].first_seen == "2026-11-24T08:00:00.000000Z"
    assert {v.status for v in history} == {"ok"}


def test_history_by_url_finds_the_report_key(
    archive, archive_dir, make_capture, numbers
):
    _store_and_parse(archive, make_capture, _body(numbers))
    history = report_history(archive_dir, URL)
    assert [v.key for v in history] == [f"demo-trs:2021:{AGENCY}"]
    assert history[0].agency == AGENCY
    assert history[0].year == 2021


def test_same_bytes_fetched_again_are_not_a_new_version(
    archive, archive_dir, make_capture, numbers
):
    body = _body(numbers)
    _store_and_parse(archive, make_capture, body)
    _store_and_parse(archive, make_capture, body, at=T0 + timedelta(days=1))
    history = report_history(archive_dir, URL)
    assert len(history) == 1
    assert history[0].is_newest


def test_report_republished_at_another_url_joins_the_same_report(
    archive, archive_dir, make_capture, numbers
):
    moved = "http://demo.test/xxgk/nb/2022/t20220301_9.html"
    corrected = correct_one_number(numbers, _rng(2))
    _store_and_parse(archive, make_capture, _body(numbers))
    _store_and_parse(
        archive, make_capture, _body(corrected), url=moved, at=T0 + timedelta(days=40)
    )
    history = report_history(archive_dir, moved)
    assert [v.capture_urls for v in history] == [(URL,), (moved,)]
    assert len(history[1].changes) == 1


def test_other_agency_or_site_is_another_report(
    archive, archive_dir, make_capture, numbers
):
    _store_and_parse(archive, make_capture, _body(numbers))
    _store_and_parse(
        archive,
        make_capture,
        _body(numbers, agency="示范区教育局"),
        url="http://demo.test/zfxxgknb/t2.html",
    )
    # identical bytes on two sites are one document (content-addressed): use other numbers
    _store_and_parse(
        archive,
        make_capture,
        _body(generate_numbers(_rng(12), "2021")),
        url="http://other.test/nb/t1.html",
        site="demo-hanweb",
    )
    for key in (
        f"demo-trs:2021:{AGENCY}",
        "demo-trs:2021:示范区教育局",
        f"demo-hanweb:2021:{AGENCY}",
    ):
        assert len(report_history(archive_dir, key)) == 1


def test_newest_follows_first_seen_not_parse_order(
    archive, archive_dir, make_capture, numbers
):
    corrected = correct_one_number(numbers, _rng(5))
    old = archive.store(
        make_capture(
            url=URL, body=_body(numbers), fetched_at=T0, response_headers=TEXT_HEADERS
        )
    )
    new = archive.store(
        make_capture(
            url=URL,
            body=_body(corrected),
            fetched_at=T0 + timedelta(hours=1),
            response_headers=TEXT_HEADERS,
        )
    )
    archive.parse_document(
        new.sha256
    )  # e.g. `nianbao reparse` walking in another order
    archive.parse_document(old.sha256)
    history = report_history(archive_dir, URL)
    assert [(v.sha256, v.is_newest) for v in history] == [
        (old.sha256, False),
        (new.sha256, True),
    ]


def test_page_without_agency_or_year_is_keyed_by_canonical_url(
    archive, archive_dir, make_capture
):
    url = "http://demo.test/nb/t3.html?b=2&a=1#top"
    _store_and_parse(
        archive, make_capture, b"<html><body><p>hello</p></body></html>", url=url
    )
    _store_and_parse(
        archive,
        make_capture,
        b"<html><body><p>hello again</p></body></html>",
        url=url,
        at=T0 + timedelta(days=1),
    )
    history = report_history(archive_dir, "url:http://demo.test/nb/t3.html?a=1&b=2")
    assert len(history) == 2
    assert report_history(archive_dir, url) == history


def test_unknown_report_is_a_typed_error(archive, archive_dir, make_capture, numbers):
    _store_and_parse(archive, make_capture, _body(numbers))
    with pytest.raises(UnknownReportError, match="no report with key"):
        report_history(archive_dir, "demo-trs:1999:nobody")
    with pytest.raises(UnknownReportError, match="no report was captured"):
        report_history(archive_dir, "http://demo.test/never.html")


def _downgrade_to_schema_1(archive_dir):
    """What an index written by nianbao before versions looks like."""
    con = sqlite3.connect(archive_dir / "index.sqlite")
    views = con.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall()
    for (view,) in views:  # schema 1 had no analysts' views
        con.execute(f"DROP VIEW {view}")
    con.execute("DROP TABLE report_versions")
    con.execute("DROP INDEX IF EXISTS idx_reports_report_key")
    con.execute("ALTER TABLE reports DROP COLUMN report_key")
    con.execute("ALTER TABLE reports DROP COLUMN extractor")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()


def test_opening_a_schema_1_archive_files_existing_reports_as_versions(
    archive_dir, make_capture, numbers
):
    corrected = correct_one_number(numbers, _rng(5))
    with Archive.open(archive_dir, software_version="t") as arch:
        _store_and_parse(arch, make_capture, _body(numbers))
        _store_and_parse(
            arch, make_capture, _body(corrected), at=T0 + timedelta(days=1)
        )
    _downgrade_to_schema_1(archive_dir)
    with pytest.raises(ArchiveError, match="predates report versions"):
        report_history(archive_dir, URL)

    with Archive.open(archive_dir, software_version="t") as arch:
        version = arch.db.execute("PRAGMA user_version").fetchone()[0]
        keys = {r[0] for r in arch.db.execute("SELECT report_key FROM reports")}
        extractors = {r[0] for r in arch.db.execute("SELECT extractor FROM reports")}
    assert version == SCHEMA_VERSION  # upgraded all the way
    assert keys == {f"demo-trs:2021:{AGENCY}"}
    assert extractors == {"text/1"}  # filled from texts, as the same parse wrote it
    history = report_history(archive_dir, URL)
    assert [v.number for v in history] == [1, 2]
    assert len(history[1].changes) == 1


def test_index_newer_than_the_code_is_refused(archive_dir):
    with Archive.open(archive_dir, software_version="t"):
        pass
    con = sqlite3.connect(archive_dir / "index.sqlite")
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    with pytest.raises(ArchiveError, match="newer than this nianbao"):
        Archive.open(archive_dir, software_version="t")


def test_stats_count_logical_reports_versions_and_changed_reports(
    archive, archive_dir, make_capture, numbers
):
    _store_and_parse(archive, make_capture, _body(numbers))
    _store_and_parse(
        archive,
        make_capture,
        _body(correct_one_number(numbers, _rng(5))),
        at=T0 + timedelta(days=1),
    )
    _store_and_parse(
        archive,
        make_capture,
        _body(numbers, agency="示范区教育局"),
        url="http://demo.test/zfxxgknb/t2.html",
    )
    totals = stats(archive_dir)["totals"]
    assert (
        totals["logical_reports"],
        totals["report_versions"],
        totals["changed_reports"],
    ) == (2, 3, 1)


@pytest.mark.parametrize("agency", ["政府", "人民政府", " 本机关 ", "局", "", None])
def test_generic_or_missing_agency_falls_back_to_the_url(agency):
    key = report_key(
        site_id="demo-trs", agency=agency, year=2021, url="http://Demo.test/a.html#x"
    )
    assert key == "url:http://demo.test/a.html"


def test_specific_agency_and_year_make_the_key():
    assert (
        report_key(site_id="s", agency="国务院", year=2020, url="http://x/")
        == "s:2020:国务院"
    )
    assert report_key(site_id="s", agency="国务院", year=None, url="http://x/") == (
        "url:http://x/"
    )


def test_a_page_and_its_attachment_with_the_same_numbers_are_one_version(
    archive, archive_dir, make_capture, numbers
):
    """Renditions (the HTML page, its PDF; here two text layouts) share a version number."""
    title = f"{AGENCY}2021年政府信息公开工作年度报告"
    page = render_text(title, AGENCY, 2021, numbers, "tabs").encode()
    attachment = render_text(title, AGENCY, 2021, numbers, "one_per_line").encode()
    _store_and_parse(archive, make_capture, page)
    rendition = _store_and_parse(
        archive,
        make_capture,
        attachment,
        url=URL.replace(".html", ".txt"),
        at=T0 + timedelta(minutes=1),
    )
    assert archive.report_version(rendition.sha256) == 1
    assert archive.starts_new_version(rendition.sha256) is False

    corrected = correct_one_number(numbers, _rng(5))
    fixed_page = _store_and_parse(
        archive, make_capture, _body(corrected), at=T0 + timedelta(days=3)
    )
    fixed_attachment = _store_and_parse(
        archive,
        make_capture,
        render_text(title, AGENCY, 2021, corrected, "one_per_line").encode(),
        url=URL.replace(".html", ".txt"),
        at=T0 + timedelta(days=3, minutes=1),
    )
    assert archive.starts_new_version(fixed_page.sha256) is True
    assert (
        archive.starts_new_version(fixed_attachment.sha256) is False
    )  # same correction

    history = report_history(archive_dir, f"demo-trs:2021:{AGENCY}")
    assert [(v.number, v.is_newest) for v in history] == [
        (1, False),
        (1, False),
        (2, True),
        (2, True),
    ]
    assert [len(v.changes) for v in history] == [0, 0, 1, 1]
    totals = stats(archive_dir)["totals"]
    assert (totals["report_versions"], totals["report_documents"]) == (2, 4)
    assert totals["changed_reports"] == 1
