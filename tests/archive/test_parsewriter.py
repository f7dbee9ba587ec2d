"""A stream parse worker's batch: one document whose rows cannot be written costs only itself.

``archive.ParseWriter.parse_many`` writes a batch of parses in one transaction; a write that
fails for one document (a bug its rows meet) must not roll the others back, batch after batch.
"""

from __future__ import annotations

import random
import sqlite3

import pytest

import parsers
from archive import parsewriter
from archive.parsewriter import ParseWriter
from crawler.sampleportal.reportgen import generate_numbers, render_html


@pytest.fixture
def stored(archive, make_capture) -> list[str]:
    rng = random.Random(3)  # noqa: S311 - seeded fixture
    shas = []
    for n in range(3):
        html = render_html(
            "示范区2022年政府信息公开工作年度报告",
            f"示范区第{n}街道办事处",
            2022,
            generate_numbers(rng, "2021"),
        )
        capture = make_capture(url=f"http://demo.test/r{n}.html", body=html.encode())
        shas.append(archive.store(capture).sha256)
    return shas


def _parsed(archive) -> set[str]:
    rows = archive.db.execute(
        "SELECT d.sha256 FROM texts t JOIN documents d ON d.id = t.document_id"
    ).fetchall()
    return {sha256 for (sha256,) in rows}


def test_a_document_whose_rows_fail_does_not_take_the_batch_with_it(
    archive, stored, monkeypatch, caplog
):
    real = parsewriter.write_computed
    bad = stored[1]

    def failing(db, computed, **kwargs):
        if computed.sha256 == bad:
            raise ValueError("a bug met by these rows")
        return real(db, computed, **kwargs)

    monkeypatch.setattr(parsewriter, "write_computed", failing)
    results = ParseWriter(archive.directory).parse_many(stored, parsers.DEFAULT_OPTIONS)
    outcomes = {outcome.sha256: outcome for outcome, _new in results}
    assert outcomes[bad].error is not None
    assert outcomes[bad].error.startswith("write failed: ValueError")
    assert all(outcomes[s].status == "ok" for s in stored if s != bad)
    assert _parsed(archive) == set(stored) - {bad}  # left for the next crawl
    assert "writing 3 parses in one transaction failed" in caplog.text


def test_a_full_disk_is_the_archive_s_trouble_and_is_raised(
    archive, stored, monkeypatch
):
    def full(db, computed, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(parsewriter, "write_computed", full)
    with pytest.raises(sqlite3.OperationalError, match="disk is full"):
        ParseWriter(archive.directory).parse_many(stored, parsers.DEFAULT_OPTIONS)
    assert _parsed(archive) == set()
