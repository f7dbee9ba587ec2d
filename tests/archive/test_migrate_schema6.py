"""An index of schema 6 converted to 7 on the first writable open: problems as rows, less repeated.

The fixture ``data/index_schema6.sql`` was made by opening ``index_schema5.sql`` with the code
of schema 6, then given real problem lists (from demo reports) and a redirected capture, so
the conversion has every kind of thing to move: cell-level ``where`` values, report-level ones,
details that need JSON escapes.
"""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from archive import Archive, export
from archive.errors import ArchiveError
from archive.migrate import IndexUpgradeRequiredError
from archive.schema import SCHEMA_VERSION

from .test_migrate import _read, load_dump

DUMP = Path(__file__).parent / "data" / "index_schema6.sql"
#: Views whose rows (every column, the problems' JSON text included) must not change.
VIEWS = (
    "report_renditions",
    "logical_reports",
    "latest_reports",
    "latest_values",
    "coverage",
)
DOCUMENTS = (
    "SELECT sha256, size, media_type, first_seen, last_seen, capture_count, first_url"
    " FROM documents"
)
VALUES = "SELECT * FROM report_values"
NOTED = (
    "SELECT count(*) FROM report_cells WHERE value IS NOT NULL OR problem IS NOT NULL"
)
CAPTURES = "SELECT id, url, final_url FROM captures"


@pytest.fixture
def old_archive(tmp_path):
    return load_dump(tmp_path, DUMP)


def _columns(root, table):
    return {row[1] for row in _read(root, f"PRAGMA table_info({table})")}


def _table_sql(root, name):
    return _read(root, f"SELECT sql FROM sqlite_master WHERE name = '{name}'")[0][0]


def _export(root, table):
    out = io.StringIO()
    export(root, table=table, fmt="jsonl", out=out)
    return out.getvalue()


def test_the_fixture_is_a_schema6_index_with_problems(old_archive):
    assert _read(old_archive, "PRAGMA user_version") == [(6,)]
    assert "problems" in _columns(old_archive, "reports")
    problems = [
        json.loads(p) for (p,) in _read(old_archive, "SELECT problems FROM reports")
    ]
    assert sum(len(p) for p in problems) > 100
    assert _read(
        old_archive, "SELECT count(*) FROM captures WHERE final_url = url"
    ) == [(2,)]
    assert "WITHOUT ROWID" not in _table_sql(old_archive, "documents")


def test_opening_for_writing_moves_the_problems_and_loses_nothing(old_archive):
    problems = dict(_read(old_archive, "SELECT id, problems FROM reports"))
    views = {v: _read(old_archive, f"SELECT * FROM {v}") for v in VIEWS}
    values = _read(old_archive, VALUES)
    noted = _read(old_archive, NOTED)
    documents = _read(old_archive, DOCUMENTS)
    captures = _read(old_archive, CAPTURES)

    Archive.open(old_archive, software_version="t").close()

    assert _read(old_archive, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert "problems" not in _columns(old_archive, "reports")
    # the views give every row as before, the problems' JSON text byte for byte
    for view, rows in views.items():
        assert _read(old_archive, f"SELECT * FROM {view}") == rows, view
    con = sqlite3.connect(old_archive / "index.sqlite")
    try:
        for report_id, text in problems.items():
            rows = con.execute(
                'SELECT "where", kind, detail FROM report_problems WHERE report_id = ?'
                " ORDER BY seq",
                [report_id],
            ).fetchall()
            assert [
                dict(zip(("where", "kind", "detail"), r, strict=True)) for r in rows
            ] == (json.loads(text))
        # a cell's problem names the cell by its id; a section's, by text
        cell_wheres, text_wheres = con.execute(
            "SELECT count(cell_id), count(where_id) FROM problem_rows"
        ).fetchone()
    finally:
        con.close()
    assert cell_wheres > 0
    assert text_wheres > 0
    # a cell's exact text and problem kind only where it has either, the cells as before
    assert _columns(old_archive, "report_cells") == {
        "cell_id",
        "report_id",
        "value_number",
    }
    assert _read(old_archive, "SELECT count(*) FROM report_cell_notes") == noted
    assert noted[0][0] > 0
    assert _read(old_archive, VALUES) == values
    # documents under integer ids (schema 8), the same rows; final_url NULL unless redirected
    assert '"id" INTEGER PRIMARY KEY' in _table_sql(old_archive, "documents")
    assert _read(old_archive, DOCUMENTS) == documents
    assert _read(old_archive, CAPTURES) == [
        (i, url, None if final == url else final) for i, url, final in captures
    ]
    assert _read(old_archive, "PRAGMA freelist_count") == [(0,)]


def test_the_converted_index_exports_what_the_old_one_held(old_archive):
    problems = dict(_read(old_archive, "SELECT document_sha256, problems FROM reports"))
    captures = _read(old_archive, "SELECT id, final_url FROM captures")

    Archive.open(old_archive, software_version="t").close()

    reports = [
        json.loads(line) for line in _export(old_archive, "reports").splitlines()
    ]
    assert any(row["problems"] for row in reports)
    for row in reports:
        # the list as the old index held it, text for text (key order, escapes)
        listed = json.dumps(row["problems"], ensure_ascii=False)
        assert listed == problems[row["document_sha256"]]
    exported = [
        json.loads(line) for line in _export(old_archive, "captures").splitlines()
    ]
    assert sorted((c["id"], c["final_url"]) for c in exported) == captures


def test_a_problems_list_the_rows_cannot_hold_leaves_the_index_at_6(old_archive):
    con = sqlite3.connect(old_archive / "index.sqlite")
    con.execute(
        "UPDATE reports SET problems = ? WHERE id = 4",
        ['[{"where": "document", "kind": "x", "detail": "y", "extra": 1}]'],
    )
    con.commit()
    con.close()
    with pytest.raises(ArchiveError, match=r"not \{where, kind, detail\}"):
        Archive.open(old_archive, software_version="t")
    assert _read(old_archive, "PRAGMA user_version") == [(6,)]
    assert "problems" in _columns(old_archive, "reports")
    assert _read(
        old_archive, "SELECT count(*) FROM captures WHERE final_url = url"
    ) == [(2,)]


def test_a_read_only_export_refuses_a_schema6_index(old_archive):
    with pytest.raises(IndexUpgradeRequiredError, match="open it for writing once"):
        _export(old_archive, "reports")
    assert _read(old_archive, "PRAGMA user_version") == [(6,)]


def test_a_second_open_changes_nothing(old_archive):
    Archive.open(old_archive, software_version="t").close()
    problems = _read(old_archive, "SELECT * FROM problem_rows")
    texts = _read(old_archive, "SELECT * FROM problem_texts")
    Archive.open(old_archive, software_version="t").close()
    assert _read(old_archive, "SELECT * FROM problem_rows") == problems
    assert _read(old_archive, "SELECT * FROM problem_texts") == texts
