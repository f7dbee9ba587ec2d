"""Versions numbered from the cells' digests give what comparing the cells themselves gives.

``reports.cells_digest`` and ``cells_read`` (``archive.cellrows``) let ``archive.versions``
number a report's versions without reading every document's cells back; rows written before
they existed (NULL) are compared cell by cell, as always.
"""

from __future__ import annotations

import random
from datetime import timedelta

import parsers
from archive import versions
from archive.cellrows import cell_rows, cells_digest
from archive.reportrows import CellIds, insert_report
from crawler.sampleportal.reportgen import (
    correct_one_number,
    generate_numbers,
    render_text,
)

from .conftest import T0

AGENCY = "示范区人民政府"
TITLE = f"{AGENCY}2021年政府信息公开工作年度报告"
URL = "http://demo.test/zfxxgknb/t20220115_1.html"
KEY = f"demo-trs:2021:{AGENCY}"
TEXT_HEADERS = (("Content-Type", "text/plain; charset=utf-8"),)
#: part 四 of the report: a rendition cut before it reads a subset of the cells
PART_FOUR = "\n四、政府信息公开行政复议"


def _store_and_parse(archive, make_capture, text, *, url, at):
    stored = archive.store(
        make_capture(
            url=url, body=text.encode(), fetched_at=at, response_headers=TEXT_HEADERS
        )
    )
    assert archive.parse_document(stored.sha256).error is None
    return stored.sha256


def _versions(db):
    return db.execute(
        "SELECT d.sha256, v.version, v.is_newest, v.is_best FROM report_versions v"
        " JOIN documents d ON d.id = v.document_id"
        " WHERE v.report_key = ? ORDER BY d.sha256",
        [KEY],
    ).fetchall()


def _one_key_four_ways(archive, make_capture):
    """A page, a rendition reading fewer cells, a layout reading the same, a correction."""
    numbers = generate_numbers(random.Random(11), "2021")  # noqa: S311 (test data)
    page = render_text(TITLE, AGENCY, 2021, numbers, "tabs")
    cut = page[: page.index(PART_FOUR)]
    same = render_text(TITLE, AGENCY, 2021, numbers, "one_per_line")
    corrected = correct_one_number(numbers, random.Random(5))  # noqa: S311
    fixed = render_text(TITLE, AGENCY, 2021, corrected, "tabs")
    texts = [page, cut, same, fixed]
    return [
        _store_and_parse(
            archive,
            make_capture,
            text,
            url=URL.replace(".html", f"-{i}.txt"),
            at=T0 + timedelta(days=i),
        )
        for i, text in enumerate(texts)
    ]


def test_stored_digest_and_count_are_those_of_the_cells_read_back(
    archive, make_capture
):
    _one_key_four_ways(archive, make_capture)
    rows = archive.db.execute(
        "SELECT id, cells_read, cells_digest FROM reports ORDER BY id"
    ).fetchall()
    assert len(rows) == 4
    counts = set()
    for report_id, read, digest in rows:
        cells = archive.db.execute(
            "SELECT section, row_id, column_id, value FROM report_values"
            " WHERE report_id = ? AND value IS NOT NULL",
            [report_id],
        ).fetchall()
        assert read == len(cells)
        assert digest == cells_digest(((s, r, c), v) for s, r, c, v in cells)
        counts.add(read)
    assert len(counts) == 2  # the cut rendition read fewer cells than the others


def test_numbering_by_digest_equals_numbering_by_cells(archive, make_capture):
    shas = _one_key_four_ways(archive, make_capture)
    by_digest = _versions(archive.db)
    numbers = {sha: number for sha, number, _, _ in by_digest}
    # the cut and the other layout read no cell differently: renditions of version 1
    assert [numbers[sha] for sha in shas] == [1, 1, 1, 2]
    with archive.db.atomic():
        archive.db.execute("UPDATE reports SET cells_read = NULL, cells_digest = NULL")
        archive.db.execute("UPDATE report_versions SET version = 0, is_best = 0")
        versions.record_version(archive.db, shas[0])
    assert _versions(archive.db) == by_digest


def test_equal_digests_number_versions_without_reading_cells(
    archive, make_capture, monkeypatch
):
    numbers = generate_numbers(random.Random(11), "2021")  # noqa: S311 (test data)
    for i, layout in enumerate(("tabs", "one_per_line")):
        _store_and_parse(
            archive,
            make_capture,
            render_text(TITLE, AGENCY, 2021, numbers, layout),
            url=URL.replace(".html", f"-{i}.txt"),
            at=T0 + timedelta(days=i),
        )
    reads = []
    real = versions._read_cells
    monkeypatch.setattr(
        versions, "_read_cells", lambda db, sha: reads.append(sha) or real(db, sha)
    )
    versions._renumber(archive.db, KEY)
    assert reads == []
    # without digests the same numbering reads both documents' cells
    archive.db.execute("UPDATE reports SET cells_digest = NULL")
    versions._renumber(archive.db, KEY)
    assert len(reads) == 2
    assert {number for _, number, _, _ in _versions(archive.db)} == {1}


def test_a_cell_the_archive_has_no_id_for_gets_one_and_its_row(archive, make_capture):
    numbers = generate_numbers(random.Random(11), "2021")  # noqa: S311 (test data)
    text = render_text(TITLE, AGENCY, 2021, numbers, "tabs")
    sha = _store_and_parse(archive, make_capture, text, url=URL, at=T0)
    report = parsers.Report(
        year=2021,
        agency=AGENCY,
        format="2021",
        status="ok",
        applications={"new_requests": {"natural_person": 3, "robot": 4}},
    )
    document = parsers.Document(text="", extractor="text")
    with archive.db.atomic():
        ids = CellIds(archive.db)
        report_id = insert_report(
            archive.db,
            sha256=sha,
            site_id="demo-trs",
            url=URL,
            document=document,
            report=report,
            cells=cell_rows(report),
            version="test",
            index_no=None,
            ids=ids,
        )
    rows = archive.db.execute(
        "SELECT row_id, column_id, value FROM report_values WHERE report_id = ?"
        " ORDER BY column_id",
        [report_id],
    ).fetchall()
    assert rows == [
        ("new_requests", "natural_person", "3"),
        ("new_requests", "robot", "4"),
    ]
