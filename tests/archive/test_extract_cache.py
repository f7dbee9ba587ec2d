"""Re-parsing reuses the archive's cached extractions: the same rows, no second extraction.

``archive.extract_cache`` keeps each document's extraction in ``extracted.sqlite`` beside the
index, keyed by the extractors' code, libraries and options; ``parse_documents`` reads it
before extracting. These tests count calls to ``parsers.extract`` (in-process, ``workers=1``).
"""

from __future__ import annotations

import multiprocessing
import random
import sqlite3

import pytest

import parsers
from archive import parse_compute
from archive.extract_cache import FILENAME, ExtractCache, extraction_key
from archive.parse import parse_documents
from crawler.sampleportal.documents_layout import build_pdf
from crawler.sampleportal.reportgen import generate_numbers, render_html

YEAR = 2022


@pytest.fixture
def stored(archive, make_capture) -> list[str]:
    rng = random.Random(5)  # noqa: S311 - seeded fixture
    shas = []
    for n in range(3):
        numbers = generate_numbers(rng, "2021")
        html = render_html(
            f"示范区{YEAR}年政府信息公开工作年度报告", "示范区人民政府", YEAR, numbers
        )
        shas.append(
            archive.store(
                make_capture(url=f"http://demo.test/r{n}.html", body=html.encode())
            ).sha256
        )
    pdf = build_pdf(generate_numbers(rng, "2021"), YEAR)
    shas.append(
        archive.store(
            make_capture(
                url="http://demo.test/r.pdf",
                body=pdf,
                kind="attachment",
                response_headers=(("Content-Type", "application/pdf"),),
            )
        ).sha256
    )
    shas.append(  # a scan-like failure depends on the bytes alone: kept too
        archive.store(
            make_capture(
                url="http://demo.test/x.bin",
                body=b"\x00\x01binary" * 50,
                kind="attachment",
                response_headers=(("Content-Type", "application/octet-stream"),),
            )
        ).sha256
    )
    return shas


@pytest.fixture
def extractions(monkeypatch) -> list[str]:
    """The URLs ``parsers.extract`` is called for, in this process."""
    calls: list[str] = []
    real = parsers.extract

    def counting(source, *, options=parsers.DEFAULT_OPTIONS):
        calls.append(source.url)
        return real(source, options=options)

    monkeypatch.setattr(parse_compute.parsers, "extract", counting)
    return calls


def _rows(archive):
    return archive.db.execute(
        "SELECT d.sha256, r.status, r.year, r.agency, count(*)"
        " FROM reports r JOIN texts t ON t.document_id = r.document_id"
        " JOIN documents d ON d.id = r.document_id"
        " GROUP BY r.id ORDER BY d.sha256"
    ).fetchall()


def _parse(archive, shas, **kw):
    return parse_documents(
        archive.db, archive.directory / "warc", shas, workers=1, **kw
    )


def test_a_second_parse_reuses_every_extraction_and_writes_the_same_rows(
    archive, stored, extractions
):
    first = _parse(archive, stored)
    assert len(extractions) == len(stored)
    rows = _rows(archive)
    again = _parse(archive, stored)
    assert len(extractions) == len(stored)  # nothing extracted the second time
    assert [(o.status, o.error) for o in again] == [(o.status, o.error) for o in first]
    assert _rows(archive) == rows
    assert (archive.directory / FILENAME).is_file()


def test_other_extraction_options_do_not_reuse_the_cache(archive, stored, extractions):
    _parse(archive, stored)
    _parse(archive, stored, options=parsers.ExtractionOptions(libreoffice=False))
    assert len(extractions) == 2 * len(stored)
    assert extraction_key(parsers.DEFAULT_OPTIONS) != extraction_key(
        parsers.ExtractionOptions(libreoffice=False)
    )


def test_without_reuse_everything_is_extracted_again(archive, stored, extractions):
    _parse(archive, stored)
    _parse(archive, stored, reuse_extraction=False)
    assert len(extractions) == 2 * len(stored)


def test_the_cache_round_trips_documents_exactly(archive, stored):
    _parse(archive, stored)
    cache = ExtractCache(archive.directory)
    try:
        cached = cache.get_many(stored, extraction_key(parsers.DEFAULT_OPTIONS))
    finally:
        cache.close()
    pdf = cached[stored[3]]
    assert isinstance(pdf, parsers.Document)
    assert pdf.tables
    body = archive.db.execute(
        "SELECT url FROM captures"
        " WHERE document_id = (SELECT id FROM documents WHERE sha256 = ?)",
        [stored[3]],
    ).fetchone()
    assert body[0] == "http://demo.test/r.pdf"
    assert str(cached[stored[4]]).startswith(("unsupported_format", "decode_failed"))


def test_a_damaged_cache_is_set_aside_and_rebuilt(archive, stored, extractions):
    (archive.directory / FILENAME).write_bytes(b"not a database" * 100)
    _parse(archive, stored)
    assert (archive.directory / "extracted.damaged").is_file()
    _parse(archive, stored)
    assert len(extractions) == len(stored)


def test_a_document_listed_twice_is_parsed_once(archive, stored, extractions):
    outcomes = _parse(archive, [stored[0], stored[0], stored[1]])
    assert [o.sha256 for o in outcomes] == [stored[0], stored[0], stored[1]]
    assert outcomes[0] == outcomes[1]
    assert len(extractions) == 2


def test_a_stream_mode_parse_keeps_its_extraction_for_the_next_reparse(
    archive, stored, extractions
):
    # the crawl's stream mode parses in pool workers (archive.parsewriter), one document
    # at a time on their own connections; what they extract is kept as parse_documents keeps it
    from archive.parsewriter import parse_stored

    for sha256 in stored:
        parse_stored(archive.directory, sha256, parsers.DEFAULT_OPTIONS)
    assert len(extractions) == len(stored)
    _parse(archive, stored)
    assert len(extractions) == len(stored)  # the re-parse extracted nothing


def test_a_damaged_entry_is_parsed_from_its_payload_and_stored_again(
    archive, stored, extractions, caplog
):
    first = _parse(archive, stored)
    rows = _rows(archive)
    key = extraction_key(parsers.DEFAULT_OPTIONS)
    with sqlite3.connect(archive.directory / FILENAME) as conn:
        conn.execute(
            "UPDATE extracted SET value = x'00ff' WHERE sha256 = ? AND key = ?",
            [stored[0], key],
        )
    conn.close()
    again = _parse(archive, stored)
    assert extractions[len(stored) :] == ["http://demo.test/r0.html"]  # only that one
    assert [(o.status, o.error) for o in again] == [(o.status, o.error) for o in first]
    assert _rows(archive) == rows
    assert "cached extraction of" in caplog.text
    cache = ExtractCache(archive.directory)
    try:
        assert isinstance(cache.get_many([stored[0]], key)[stored[0]], parsers.Document)
    finally:
        cache.close()


def test_a_store_locked_by_workers_opening_it_at_once_is_not_set_aside(tmp_path):
    # parse workers open (create, switch to WAL) the store at the same moment; "database is
    # locked" is contention, and setting the store aside would take the others' texts along
    context = multiprocessing.get_context("fork")
    for round_no in range(12):
        directory = tmp_path / f"a{round_no}"
        directory.mkdir()
        barrier = context.Barrier(6)
        workers = [
            context.Process(target=_open_at_once, args=(directory, barrier))
            for _ in range(6)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
        assert [worker.exitcode for worker in workers] == [0] * 6
        assert not (directory / "extracted.damaged").exists()


def _open_at_once(directory, barrier):
    barrier.wait()
    ExtractCache(directory).close()
