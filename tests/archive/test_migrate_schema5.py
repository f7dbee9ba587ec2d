"""An index of schema 5 converted to 6 on the first writable open: texts out, headers sent out.

The fixture ``data/index_schema5.sql`` was made by opening ``index_schema4.sql`` with the code
of schema 5 (texts zlib-compressed in ``texts.content``, request headers in ``captures``, the
codebook as a table), so these tests convert an index that code really wrote.
"""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

import parsers
from archive import Archive, export
from archive.errors import ArchiveNotWritableError
from archive.extract_cache import FILENAME, ExtractCache
from archive.migrate import PAGE_SIZE, IndexUpgradeRequiredError
from archive.schema import SCHEMA_VERSION
from archive.textstore import TextReader, unpack_text

from .test_migrate import _read, load_dump

DUMP = Path(__file__).parent / "data" / "index_schema5.sql"
VALUES = (
    "SELECT report_id, section, row_id, column_id, value, value_number, problem"
    " FROM report_values"
)
CODEBOOK = (
    "SELECT format, section, row_id, column_id, section_label, row_label, column_label,"
    " kind FROM codebook"
)
#: Views whose rows the conversion must not change.
VIEWS = {
    "latest_reports": "*",
    "logical_reports": "*",
    "coverage": "*",
    "latest_values": "*",
}


@pytest.fixture
def old_archive(tmp_path):
    return load_dump(tmp_path, DUMP)


def _columns(root, table):
    return {row[1] for row in _read(root, f"PRAGMA table_info({table})")}


def _old_texts(root):
    return {
        (i, sha): unpack_text(content)
        for i, sha, content in _read(
            root, "SELECT id, document_sha256, content FROM texts"
        )
        if content is not None
    }


def test_the_fixture_is_a_schema5_index(old_archive):
    assert _read(old_archive, "PRAGMA user_version") == [(5,)]
    assert {"content"} <= _columns(old_archive, "texts")
    assert {"request_headers", "response_headers"} <= _columns(old_archive, "captures")
    assert _old_texts(old_archive)


def test_opening_for_writing_moves_the_texts_to_the_store(old_archive):
    texts = _old_texts(old_archive)
    values = _read(old_archive, VALUES)
    codebook = _read(old_archive, CODEBOOK)
    views = {v: _read(old_archive, f"SELECT {c} FROM {v}") for v, c in VIEWS.items()}
    received = _read(old_archive, "SELECT id, response_headers FROM captures")

    Archive.open(old_archive, software_version="t").close()

    assert _read(old_archive, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert "content" not in _columns(old_archive, "texts")
    keys = {
        (i, sha): key
        for i, sha, key in _read(
            old_archive,
            "SELECT t.id, d.sha256, t.extraction_key FROM texts t"
            " JOIN documents d ON d.id = t.document_id",
        )
    }
    reader = TextReader(old_archive)
    try:
        moved = {ids: reader.read(ids[1], keys[ids]) for ids in texts}
    finally:
        reader.close()
    assert moved == texts
    # the rest is as it was: cells, the views, the codebook (now a view), headers received
    assert _read(old_archive, VALUES) == values
    for view, rows in views.items():
        assert _read(old_archive, f"SELECT {VIEWS[view]} FROM {view}") == rows, view
    kinds = dict(_read(old_archive, "SELECT name, type FROM sqlite_master"))
    assert kinds["codebook"] == "view"
    assert _read(old_archive, CODEBOOK) == codebook
    assert "request_headers" not in _columns(old_archive, "captures")
    assert _read(old_archive, "SELECT id, response_headers FROM captures") == received
    # rewritten once at the new page size, nothing left free
    assert _read(old_archive, "PRAGMA page_size") == [(PAGE_SIZE,)]
    assert _read(old_archive, "PRAGMA freelist_count") == [(0,)]


def test_identical_texts_of_two_parser_versions_become_one_entry(old_archive):
    con = sqlite3.connect(old_archive / "index.sqlite")
    con.execute(
        "INSERT INTO texts (document_sha256, extractor, extractor_version, content, meta,"
        " encoding, error, created_at) SELECT document_sha256, extractor, 'older', content,"
        " meta, encoding, error, created_at FROM texts WHERE content IS NOT NULL"
    )
    con.commit()
    con.close()
    rows = len(_read(old_archive, "SELECT id FROM texts WHERE content IS NOT NULL"))

    Archive.open(old_archive, software_version="t").close()

    store = sqlite3.connect(old_archive / FILENAME)
    try:
        entries = store.execute("SELECT count(*) FROM extracted").fetchone()[0]
    finally:
        store.close()
    assert entries == rows // 2


def test_a_failed_text_store_leaves_the_schema5_index(old_archive, monkeypatch):
    values = _read(old_archive, VALUES)
    texts = _old_texts(old_archive)

    def full(self, rows):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ExtractCache, "_insert", full)
    with pytest.raises(ArchiveNotWritableError, match="disk is full"):
        Archive.open(old_archive, software_version="t")
    assert _read(old_archive, "PRAGMA user_version") == [(5,)]
    assert _old_texts(old_archive) == texts
    assert _read(old_archive, VALUES) == values
    assert "request_headers" in _columns(old_archive, "captures")


@pytest.mark.parametrize("table", ["values", "texts"])
def test_a_read_only_export_refuses_a_schema5_index(old_archive, table):
    with pytest.raises(IndexUpgradeRequiredError, match="open it for writing once"):
        export(old_archive, table=table, fmt="jsonl", out=io.StringIO())
    assert _read(old_archive, "PRAGMA user_version") == [(5,)]


def test_the_converted_index_exports_its_texts(old_archive):
    texts = _old_texts(old_archive)
    Archive.open(old_archive, software_version="t").close()
    out = io.StringIO()
    export(old_archive, table="texts", fmt="jsonl", out=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    by_document = {sha: grids for (_, sha), grids in texts.items()}
    got = {r["document_sha256"]: (r["text"], r["tables"]) for r in rows}
    assert {sha: got[sha] for sha in by_document} == by_document
    # the failed extraction has no text, as before
    assert [v for k, v in got.items() if k not in by_document] == [(None, [])]


def test_a_reader_open_during_the_conversion_only_skips_the_rewrite(
    old_archive, caplog
):
    texts = _old_texts(old_archive)
    con = sqlite3.connect(old_archive / "index.sqlite")
    con.execute("PRAGMA journal_mode=WAL")
    reader = sqlite3.connect(old_archive / "index.sqlite")
    reader.execute("BEGIN")
    reader.execute(
        "SELECT count(*) FROM texts"
    ).fetchone()  # a read transaction held open
    try:
        arch = Archive.open(old_archive, software_version="t")
    finally:
        reader.close()
        con.close()
    arch.close()
    assert "not rewritten" in caplog.text
    assert _read(old_archive, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert _read(old_archive, "PRAGMA journal_mode") == [("wal",)]
    keys = dict(
        _read(
            old_archive,
            "SELECT d.sha256, t.extraction_key FROM texts t"
            " JOIN documents d ON d.id = t.document_id",
        )
    )
    text_reader = TextReader(old_archive)
    try:
        assert {ids: text_reader.read(ids[1], keys[ids[1]]) for ids in texts} == texts
    finally:
        text_reader.close()


def test_a_text_the_store_already_holds_is_not_copied(old_archive):
    texts = _old_texts(old_archive)
    (_, sha256), (text, grids) = next(iter(texts.items()))
    store = ExtractCache(old_archive)
    try:  # what schema 5's extraction cache kept of that document
        store.put_many(
            [
                (
                    sha256,
                    parsers.Document(
                        text=text,
                        tables=tuple(
                            parsers.Table(rows=tuple(tuple(r) for r in g))
                            for g in grids
                        ),
                    ),
                )
            ],
            "cachedkey",
        )
    finally:
        store.close()

    Archive.open(old_archive, software_version="t").close()

    assert _read(
        old_archive,
        "SELECT extraction_key FROM texts"
        f" WHERE document_id = (SELECT id FROM documents WHERE sha256 = '{sha256}')",
    ) == [("cachedkey",)]
    con = sqlite3.connect(old_archive / FILENAME)
    try:
        keys = con.execute(
            "SELECT key FROM extracted WHERE sha256 = ?", [sha256]
        ).fetchall()
    finally:
        con.close()
    assert keys == [("cachedkey",)]
