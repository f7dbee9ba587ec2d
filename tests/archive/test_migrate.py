"""An index written before the compact layout: converted on the first writable open, refused read-only.

The fixture ``data/index_schema4.sql`` is an index of schema 4 (cells as text rows in the
table ``report_values``, texts as plain text and JSON grids), cut down from a sample-portal crawl,
with a money cell and an unread cell outside the codebook added.
"""

from __future__ import annotations

import io
import json
import logging
import sqlite3
from pathlib import Path

import pytest

from archive import Archive, export
from archive import migrate as migrate_module
from archive.migrate import IndexUpgradeRequiredError
from archive.schema import SCHEMA_VERSION
from archive.textstore import TextReader

DUMP = Path(__file__).parent / "data" / "index_schema4.sql"
VALUES = (
    "SELECT report_id, section, row_id, column_id, value, value_number, problem"
    " FROM report_values"
)
#: The views and columns the conversion must not change (labels come from the codebook, which
#: the fixture leaves empty and opening fills).
VIEWS = {
    "latest_reports": "*",
    "logical_reports": "*",
    "coverage": "*",
    "latest_values": "report_key, section, row_id, column_id, value, value_number, problem",
}


def load_dump(tmp_path, dump):
    """An archive folder whose index is ``dump`` (an older schema's SQL) and no WARC file."""
    root = tmp_path / "arch"
    (root / "warc").mkdir(parents=True)
    con = sqlite3.connect(root / "index.sqlite")
    con.executescript(dump.read_text(encoding="utf-8"))
    con.close()
    return root


@pytest.fixture
def old_archive(tmp_path):
    return load_dump(tmp_path, DUMP)


def _read(root, sql):
    con = sqlite3.connect(root / "index.sqlite")
    try:
        return sorted(con.execute(sql).fetchall(), key=repr)
    finally:
        con.close()


def _old_texts(root):
    return {
        i: (text, json.loads(tables) if tables else [])
        for i, text, tables in _read(root, "SELECT id, text, tables FROM texts")
    }


def _schema(root):
    return _read(root, "SELECT type, name, sql FROM sqlite_master")


def test_the_fixture_is_an_old_index(old_archive):
    assert _read(old_archive, "PRAGMA user_version") == [(4,)]
    kinds = dict(_read(old_archive, "SELECT name, type FROM sqlite_master"))
    assert kinds["report_values"] == "table"


def test_opening_for_writing_converts_every_cell_and_text(old_archive):
    values = _read(old_archive, VALUES)
    texts = _old_texts(old_archive)
    views = {v: _read(old_archive, f"SELECT {c} FROM {v}") for v, c in VIEWS.items()}
    assert ("3.50", 3.5) in {(v[4], v[5]) for v in values}
    assert any(v[4] is None and v[6] == "missing_cell" for v in values)

    Archive.open(old_archive, software_version="t").close()

    assert _read(old_archive, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    kinds = dict(_read(old_archive, "SELECT name, type FROM sqlite_master"))
    assert kinds["report_values"] == "view"
    assert kinds["report_cells"] == "table"
    assert _read(old_archive, VALUES) == values
    reader = TextReader(old_archive)
    try:
        converted = {
            i: reader.read(sha, key)
            for i, sha, key in _read(
                old_archive,
                "SELECT t.id, d.sha256, t.extraction_key FROM texts t"
                " JOIN documents d ON d.id = t.document_id",
            )
        }
    finally:
        reader.close()
    assert converted == {
        i: (t, g) if t is not None else (None, []) for i, (t, g) in texts.items()
    }
    for view, rows in views.items():
        assert _read(old_archive, f"SELECT {VIEWS[view]} FROM {view}") == rows, view
    # integers are spelled by the view; only money (3.50, 10854.60 …) keeps its own text
    kept = _read(
        old_archive, "SELECT value FROM report_cell_notes WHERE value IS NOT NULL"
    )
    money = {v[4] for v in values if v[4] is not None and v[4] != str(v[5])}
    assert "3.50" in money
    assert {v for (v,) in kept} == money
    assert len(kept) < len(values) / 10


def test_converting_twice_changes_nothing(old_archive, caplog):
    Archive.open(old_archive, software_version="t").close()
    schema, values = _schema(old_archive), _read(old_archive, VALUES)
    size = (old_archive / "index.sqlite").stat().st_size
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="archive.migrate"):
        Archive.open(old_archive, software_version="t").close()
    assert not [r for r in caplog.records if r.name == "archive.migrate"]
    assert _schema(old_archive) == schema
    assert _read(old_archive, VALUES) == values
    assert (old_archive / "index.sqlite").stat().st_size == size


def test_the_converted_file_is_vacuumed(old_archive):
    Archive.open(old_archive, software_version="t").close()
    # the old table's pages are given back to the file system, not kept as free pages
    assert _read(old_archive, "PRAGMA freelist_count") == [(0,)]


def test_a_failed_conversion_leaves_the_old_index(old_archive, monkeypatch):
    values = _read(old_archive, VALUES)
    schema = _schema(old_archive)

    def broken(db):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(migrate_module, "_pack_texts", broken)
    with pytest.raises(RuntimeError, match="disk gone"):
        Archive.open(old_archive, software_version="t")
    # cells were moved before the texts failed: the transaction took both back
    assert _schema(old_archive) == schema
    assert _read(old_archive, VALUES) == values
    assert _read(old_archive, "PRAGMA user_version") == [(4,)]


@pytest.mark.parametrize("table", ["values", "reports", "texts"])
def test_a_read_only_export_refuses_an_old_index_with_a_typed_error(
    old_archive, tmp_path, table
):
    with pytest.raises(IndexUpgradeRequiredError, match="open it for writing once"):
        export(old_archive, table=table, fmt="jsonl", out=io.StringIO())
    assert _read(old_archive, "PRAGMA user_version") == [(4,)]


def test_the_converted_index_exports_and_accepts_old_style_writes(
    old_archive, tmp_path
):
    Archive.open(old_archive, software_version="t").close()
    out = io.StringIO()
    export(old_archive, table="values", fmt="jsonl", out=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows
    assert all(r["row_label"] for r in rows if r["row_id"] != "extra_row")
    # SQL written for the old table still inserts and deletes, through the view's triggers
    con = sqlite3.connect(old_archive / "index.sqlite")
    con.execute(
        "INSERT INTO report_values (report_id, section, row_id, column_id, value,"
        " value_number, problem) VALUES (999, 'applications', 'new_row', 'total', '7', 7,"
        " NULL)"
    )
    con.commit()
    assert con.execute(
        "SELECT value, value_number FROM report_values WHERE report_id = 999"
    ).fetchall() == [("7", 7)]
    con.execute("DELETE FROM report_values WHERE report_id = 999")
    con.commit()
    assert con.execute(
        "SELECT count(*) FROM report_cells WHERE report_id = 999"
    ).fetchone() == (0,)
    con.close()


def test_the_read_only_api_reads_the_stored_text_in_sql(old_archive):
    texts = _old_texts(old_archive)
    Archive.open(old_archive, software_version="t").close()
    with Archive.open(old_archive, readonly=True) as arch:
        rows = arch.query(
            "SELECT t.id, nianbao_text(x.value) AS text FROM texts t"
            " JOIN documents d ON d.id = t.document_id"
            " LEFT JOIN extracted.extracted x ON x.sha256 = d.sha256"
            " AND x.key = t.extraction_key"
        )
        cells = arch.query(
            "SELECT report_id, value_number FROM latest_values WHERE section = ?"
            " AND row_id = ? AND column_id = ?",
            ["applications", "new_requests", "total"],
        )
    assert {r["id"]: r["text"] for r in rows} == {i: t for i, (t, _) in texts.items()}
    assert cells
    assert all(isinstance(c["report_id"], int) for c in cells)
