"""``archive.parse.parse_documents``: the pooled compute step writes what one-by-one parsing writes.

Real attachments from the sample portal's builders (DOCX, XLSX, a page-split PDF), a truncated
PDF and a page without a report are stored, then parsed once with a pool of two workers and once
in-process; the ``texts``, ``reports`` and ``report_values`` rows must be identical, in the
order of the request, and the broken file must end as an error on its document.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

import pytest

import parsers
from archive import parse_compute
from archive.parse import parse_documents
from archive.parse_compute import (
    MIN_POOLED,
    NICENESS,
    ParseJob,
    compute,
    compute_all,
    default_workers,
    init_pool_worker,
)
from archive.textstore import TextReader
from crawler.sampleportal.documents import AGENCY, build_docx, build_xlsx
from crawler.sampleportal.documents_layout import build_pdf
from crawler.sampleportal.reportgen import generate_numbers

YEAR = 2022


@pytest.fixture(scope="module")
def bodies() -> dict[str, bytes]:
    numbers = generate_numbers(random.Random(3), "2021")  # noqa: S311
    pdf = build_pdf(numbers, YEAR, split=True)
    # enough distinct documents that parse_documents really starts its pool (MIN_POOLED)
    pages = {
        f"notice{n}.html": f"<html><body><p>通知公告 {n}</p></body></html>".encode()
        for n in range(MIN_POOLED)
    }
    return {
        **pages,
        "report.docx": build_docx(numbers, YEAR),
        "report.xlsx": build_xlsx(numbers, YEAR),
        "report.pdf": pdf,
        "broken.pdf": pdf[: len(pdf) // 2],
    }


def _store(archive, make_capture, bodies) -> list[str]:
    shas = []
    for name, body in bodies.items():
        capture = make_capture(
            url=f"http://demo.test/files/{name}",
            body=body,
            kind="attachment",
            response_headers=(("Content-Type", "application/octet-stream"),),
        )
        shas.append(archive.store(capture).sha256)
    return shas


def _rows(archive) -> list[tuple]:
    db = archive.db
    texts = TextReader(archive.directory)  # the text itself is in the extraction store
    try:
        stored = [
            (*row, texts.read(row[0], row[2]))
            for row in db.execute(
                "SELECT d.sha256, t.extractor, t.extraction_key, t.error FROM texts t"
                " JOIN documents d ON d.id = t.document_id ORDER BY d.sha256"
            ).fetchall()
        ]
    finally:
        texts.close()
    return [
        *stored,
        *db.execute(
            "SELECT d.sha256, r.year, r.agency, r.status, v.section, v.row_id,"
            " v.column_id, v.value FROM reports r JOIN report_values v ON v.report_id = r.id"
            " JOIN documents d ON d.id = r.document_id"
            " ORDER BY d.sha256, v.section, v.row_id, v.column_id"
        ).fetchall(),
        *db.execute("SELECT sha256, media_type FROM documents ORDER BY sha256"),
    ]


def test_pool_of_two_writes_the_same_rows_as_one_by_one_parsing(
    archive, make_capture, bodies
):
    shas = _store(archive, make_capture, bodies)
    pooled = parse_documents(archive.db, archive.directory / "warc", shas, workers=2)
    assert [o.sha256 for o in pooled] == shas
    rows_pooled = _rows(archive)
    inline = [archive.parse_document(sha) for sha in shas]
    assert [(o.status, o.error) for o in pooled] == [
        (o.status, o.error) for o in inline
    ]
    assert _rows(archive) == rows_pooled


def test_pooled_parse_reads_every_format_and_records_the_broken_pdf(
    archive, make_capture, bodies
):
    shas = dict(zip(bodies, _store(archive, make_capture, bodies), strict=True))
    outcomes = {
        o.sha256: o
        for o in parse_documents(
            archive.db, archive.directory / "warc", shas.values(), workers=2
        )
    }
    for name in ("report.docx", "report.xlsx", "report.pdf"):
        outcome = outcomes[shas[name]]
        assert outcome.status == "ok", (name, outcome)
        report = archive.db.table("reports").get(outcome.report_id)
        assert (report["year"], report["agency"]) == (YEAR, AGENCY)
    broken = outcomes[shas["broken.pdf"]]
    assert broken.report_id is None
    assert broken.error
    (text,) = archive.db.query(
        "SELECT error FROM texts WHERE document_id = (SELECT id FROM documents WHERE sha256 = ?)",
        [shas["broken.pdf"]],
    )
    assert text["error"] == broken.error
    notice = outcomes[shas["notice0.html"]]
    assert (notice.status, notice.error) == (
        "unreadable",
        None,
    )  # no tables: no numbers


def test_compute_all_in_process_keeps_the_order_of_the_jobs():
    jobs = [
        ParseJob(f"{n:064x}", f"http://demo.test/{n}.txt", None, b"", None, None)
        for n in range(3)
    ]
    results = list(compute_all(jobs, workers=1))
    assert [r.sha256 for r in results] == [j.sha256 for j in jobs]
    assert all(r.stage == "extraction" and r.error for r in results)
    assert results == [compute(job) for job in jobs]


def _pulled_before_first_result(jobs, monkeypatch, **limits):
    for name, value in limits.items():
        monkeypatch.setattr(parse_compute, name, value)
    pulled = []

    def feed():
        for job in jobs:
            pulled.append(job.sha256)
            yield job

    results = compute_all(feed(), workers=2)
    first = next(results)
    before = len(pulled)
    rest = list(results)
    assert [r.sha256 for r in [first, *rest]] == [j.sha256 for j in jobs]
    return before


def test_the_pool_computes_ahead_of_a_caller_busy_writing(monkeypatch):
    # small jobs: up to MAX_IN_FLIGHT are handed out before the caller takes a result, so
    # the workers keep computing while it writes a batch
    jobs = [
        ParseJob(f"{n:064x}", f"http://demo.test/{n}.txt", None, b"x", None, None)
        for n in range(30)
    ]
    assert _pulled_before_first_result(jobs, monkeypatch, MAX_IN_FLIGHT=20) == 20
    # large payloads: only JOBS_PER_WORKER per worker once MAX_IN_FLIGHT_BYTES is reached
    assert (
        _pulled_before_first_result(
            jobs, monkeypatch, MAX_IN_FLIGHT=20, MAX_IN_FLIGHT_BYTES=1
        )
        == 2 * parse_compute.JOBS_PER_WORKER
    )


def test_default_workers_is_one_per_cpu_this_process_may_use():
    assert default_workers() == len(os.sched_getaffinity(0))


def test_what_extraction_logs_in_the_pool_reaches_the_callers_log(
    archive, make_capture, bodies, caplog
):
    # the broken PDF's extractor warns inside a sandbox worker of a pool worker: both hops
    # hand the record back, so it lands in this process's log (a crawl's --log-file), never
    # on the terminal through logging's last resort in a child
    shas = dict(zip(bodies, _store(archive, make_capture, bodies), strict=True))
    with caplog.at_level(logging.WARNING):
        parse_documents(
            archive.db, archive.directory / "warc", list(shas.values()), workers=2
        )
    extractor_records = [
        r for r in caplog.records if r.name.startswith("parsers.extract")
    ]
    assert extractor_records
    assert all(r.process != os.getpid() for r in extractor_records)


def test_pool_workers_leave_the_cpu_to_the_process_writing_their_results():
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        1, mp_context=context, initializer=init_pool_worker, initargs=(os.getpid(),)
    ) as pool:
        assert pool.submit(os.nice, 0).result() == os.nice(0) + NICENESS


def test_a_cached_extraction_comes_back_from_the_pool_without_its_text():
    # the extraction store holds the text; only what the writer reads travels back
    document = parsers.Document(text="年度报告", meta={"title": "t"}, extractor="html")
    jobs = [
        ParseJob(f"{n:064x}", f"http://demo.test/{n}.html", None, b"", None, None)
        for n in range(MIN_POOLED)
    ]
    jobs[0] = replace(jobs[0], extracted=document)
    first, *rest = compute_all(jobs, workers=2)
    assert first.document == replace(document, text="", tables=())
    assert first.report is not None
    assert all(r.document is None for r in rest)  # extracted from b"": nothing read
