"""An index of schema 7 converted to 8 on the first writable open: documents under integer ids.

The fixture ``data/index_schema7.sql`` was made by opening ``index_schema6.sql`` with the code
of schema 7, then given a second capture of one document and a second text of another, so
that more than one row of a table names the same document. Every view must give the rows it
gave before, the raw tables the same rows under the same ids (the sha256 now read from
``documents``), and the exports what the old tables held.
"""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from archive import Archive, export
from archive.migrate import IndexUpgradeRequiredError
from archive.schema import SCHEMA_VERSION

from .test_migrate import _read, load_dump

DUMP = Path(__file__).parent / "data" / "index_schema7.sql"
#: Every view of the index: its rows, every column, must not change.
VIEWS = (
    "codebook",
    "report_values",
    "report_problems",
    "report_renditions",
    "logical_reports",
    "latest_reports",
    "latest_values",
    "cross_year_findings",
    "coverage",
)
#: The tables that named a document by its sha256, and that column.
REFERENCES = {
    "captures": "sha256",
    "texts": "document_sha256",
    "reports": "document_sha256",
    "report_versions": "document_sha256",
}
#: A cell's exact text and problem kind, the kind spelled out (an id since schema 8).
NOTES_BEFORE = "SELECT cell_id, report_id, value, problem FROM report_cell_notes"
NOTES_AFTER = (
    "SELECT n.cell_id, n.report_id, n.value, t.text FROM report_cell_notes n"
    " LEFT JOIN problem_texts t ON t.id = n.problem_id"
)
DOCUMENTS = (
    "SELECT sha256, size, media_type, first_seen, last_seen, capture_count, first_url"
    " FROM documents"
)


@pytest.fixture
def old_archive(tmp_path):
    return load_dump(tmp_path, DUMP)


def _columns(root, table):
    con = sqlite3.connect(root / "index.sqlite")
    try:
        return [row[1] for row in con.execute(f"PRAGMA table_info({table})")]
    finally:
        con.close()


def _dicts(root, sql):
    con = sqlite3.connect(root / "index.sqlite")
    try:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor]
    finally:
        con.close()
    return sorted(rows, key=repr)


def _new_rows(root, table, column):
    """The rows of ``table`` as schema 7 held them.

    ``document_id`` read back as the sha256 (named ``column``), ``metadata_sources_id`` as
    the JSON text.
    """
    names = []
    for name in _columns(root, table):
        if name == "document_id":
            names.append(
                f"(SELECT d.sha256 FROM documents d WHERE d.id = t.{name}) AS {column}"
            )
        elif name == "metadata_sources_id":
            names.append(
                "(SELECT s.sources FROM metadata_source_sets s WHERE s.id = t."
                f"{name}) AS metadata_sources"
            )
        else:
            names.append(f't."{name}"')
    return _dicts(root, f"SELECT {', '.join(names)} FROM {table} t")


def _export(root, table):
    out = io.StringIO()
    export(root, table=table, fmt="jsonl", out=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_fixture_is_a_schema7_index_naming_documents_by_sha256(old_archive):
    assert _read(old_archive, "PRAGMA user_version") == [(7,)]
    for table, column in REFERENCES.items():
        assert column in _columns(old_archive, table), table
    assert "id" not in _columns(old_archive, "documents")
    assert _read(
        old_archive,
        "SELECT count(*) FROM captures GROUP BY sha256 HAVING count(*) > 1",
    ) == [(2,)]


def test_opening_for_writing_numbers_the_documents_and_loses_nothing(old_archive):
    views = {v: _read(old_archive, f"SELECT * FROM {v}") for v in VIEWS}
    tables = {t: _dicts(old_archive, f"SELECT * FROM {t}") for t in REFERENCES}
    documents = _read(old_archive, DOCUMENTS)
    notes = _read(old_archive, NOTES_BEFORE)
    assert any(problem for *_, problem in notes)

    Archive.open(old_archive, software_version="t").close()

    assert _read(old_archive, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    # a cell's problem kind is an id of problem_texts, the same notes
    assert _columns(old_archive, "report_cell_notes") == [
        "cell_id",
        "report_id",
        "value",
        "problem_id",
    ]
    assert _read(old_archive, NOTES_AFTER) == notes
    for view, rows in views.items():
        assert _read(old_archive, f"SELECT * FROM {view}") == rows, view
    assert _read(old_archive, DOCUMENTS) == documents
    for table, column in REFERENCES.items():
        columns = _columns(old_archive, table)
        assert "document_id" in columns, table
        assert column not in columns, table
        # every row, same ids, the same document (and metadata sources' JSON)
        assert _new_rows(old_archive, table, column) == tables[table], table
    assert "metadata_sources" not in _columns(old_archive, "reports")
    # numbered in the order the documents were first seen
    assert _read(
        old_archive, "SELECT id FROM documents ORDER BY first_seen, sha256"
    ) == [(1,), (2,), (3,)]
    assert _read(old_archive, "PRAGMA freelist_count") == [(0,)]
    con = sqlite3.connect(old_archive / "index.sqlite")
    try:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()


def test_the_converted_index_exports_what_the_old_one_held(old_archive):
    captures = _read(old_archive, "SELECT id, sha256, url FROM captures")
    documents = _read(old_archive, DOCUMENTS)
    reports = _read(old_archive, "SELECT id, document_sha256 FROM reports")

    Archive.open(old_archive, software_version="t").close()

    assert (
        sorted(
            (
                (c["id"], c["sha256"], c["url"])
                for c in _export(old_archive, "captures")
            ),
            key=repr,
        )
        == captures
    )
    assert (
        sorted((tuple(d.values()) for d in _export(old_archive, "documents")), key=repr)
        == documents
    )
    exported = _export(old_archive, "reports")
    assert exported
    assert {r["document_sha256"] for r in exported} <= {sha for _, sha in reports}


def test_a_read_only_export_refuses_a_schema7_index(old_archive):
    with pytest.raises(IndexUpgradeRequiredError, match="schema 7"):
        export(old_archive, table="reports", fmt="jsonl", out=io.StringIO())


def test_a_second_open_changes_nothing(old_archive):
    Archive.open(old_archive, software_version="t").close()
    schema = _read(old_archive, "SELECT type, name, sql FROM sqlite_master")
    rows = {t: _read(old_archive, f"SELECT * FROM {t}") for t in REFERENCES}
    Archive.open(old_archive, software_version="t").close()
    assert _read(old_archive, "SELECT type, name, sql FROM sqlite_master") == schema
    assert {t: _read(old_archive, f"SELECT * FROM {t}") for t in REFERENCES} == rows
