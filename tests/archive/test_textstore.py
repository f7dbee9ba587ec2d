"""Where the text lives: once per document and extraction key, in ``extracted.sqlite``.

The index's ``texts`` rows (one per document and parser version) name their entry; a re-parse by
a new parser version with the same extractors names the same entry instead of adding a copy,
and an archive whose store was deleted reads its texts as empty until it is re-parsed.
"""

from __future__ import annotations

import io
import json
import sqlite3

import parsers
from archive import export
from archive.extract_cache import FILENAME
from archive.textstore import TextReader

PAGE = (
    "<html><head><title>示范区人民政府2022年政府信息公开工作年度报告</title></head>"
    "<body><p>示范区人民政府2022年政府信息公开工作年度报告</p></body></html>"
)


def _entries(archive):
    con = sqlite3.connect(archive.directory / FILENAME)
    try:
        return con.execute("SELECT sha256, key FROM extracted").fetchall()
    finally:
        con.close()


def _texts(archive):
    rows = archive.db.execute(
        "SELECT d.sha256, t.extractor_version, t.extraction_key FROM texts t"
        " JOIN documents d ON d.id = t.document_id ORDER BY t.extractor_version"
    ).fetchall()
    reader = TextReader(archive.directory)
    try:
        return [(version, reader.read(sha, key)[0]) for sha, version, key in rows]
    finally:
        reader.close()


def test_a_new_parser_version_names_the_same_text_entry(
    archive, make_capture, monkeypatch
):
    stored = archive.store(make_capture(body=PAGE.encode()))
    archive.parse_document(stored.sha256)
    monkeypatch.setattr(parsers, "PARSER_VERSION", "9.9.9-next")
    archive.parse_document(stored.sha256)

    texts = _texts(archive)
    assert len(texts) == 2  # one texts row per parser version ...
    assert texts[0][1] == texts[1][1]
    assert "年度报告" in texts[0][1]
    assert len(_entries(archive)) == 1  # ... and one copy of the text
    # the index itself holds no text
    columns = {r[1] for r in archive.db.execute("PRAGMA table_info(texts)")}
    assert "content" not in columns
    assert "extraction_key" in columns


def test_without_the_store_the_texts_export_as_empty(archive, make_capture):
    stored = archive.store(make_capture(body=PAGE.encode()))
    archive.parse_document(stored.sha256)
    (archive.directory / FILENAME).unlink()
    out = io.StringIO()
    assert export(archive.directory, table="texts", fmt="jsonl", out=out) == 1
    (row,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert (row["document_sha256"], row["text"], row["tables"]) == (
        stored.sha256,
        None,
        [],
    )
