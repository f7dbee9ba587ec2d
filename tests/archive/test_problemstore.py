"""Problems stored as rows (index schema 7) read back as the JSON list they were, text for text."""

from __future__ import annotations

import json

import pytest

from archive.cellstore import known_cell_ids
from archive.problemstore import (
    delete_problems,
    problems_json,
    read_problems,
    write_problems,
)

from .test_parse import HTML, fake_parsers  # noqa: F401 - the fixture

PROBLEMS = [
    ("applications.new_requests.total", "missing_cell", "blank"),
    ("applications.new_requests.natural_person", "inferred", "forced to 0: the parts"),
    ("applications.new_requests.total", "inferred", "forced to 0: the parts"),
    ("applications", "table_not_found", 'quote " backslash \\ newline \n 第二页'),
    (
        "no.such.cell",
        "label_variant",
        None,
    ),  # three parts, but no cell the archive knows
    ("document", "truncated", "\x01\x1f\t"),
]


def _report(archive):
    with archive.db.atomic():
        return archive.db.conn.execute(
            "INSERT INTO reports (document_id, status) VALUES (1, 'partial')"
        ).lastrowid


def _as_json(problems):
    return json.dumps(
        [dict(zip(("where", "kind", "detail"), p, strict=True)) for p in problems],
        ensure_ascii=False,
    )


def test_written_problems_come_back_as_the_json_text_python_wrote(archive):
    report_id = _report(archive)
    with archive.db.atomic():
        write_problems(archive.db, report_id, PROBLEMS, known_cell_ids(archive.db))
    (text,) = archive.db.execute(f"SELECT {problems_json('?')}", [report_id]).fetchone()
    assert text == _as_json(PROBLEMS)
    assert read_problems(archive.db, report_id) == json.loads(_as_json(PROBLEMS))
    rows = archive.db.execute(
        "SELECT cell_id IS NOT NULL, where_id IS NOT NULL FROM problem_rows"
        " WHERE report_id = ? ORDER BY seq",
        [report_id],
    ).fetchall()
    # known cells by id; a section, an unknown cell and "document" as text
    assert rows == [(1, 0), (1, 0), (1, 0), (0, 1), (0, 1), (0, 1)]
    # each string once, however often it repeats
    (texts,) = archive.db.execute(
        "SELECT count(*) FROM problem_texts WHERE text = 'forced to 0: the parts'"
    ).fetchone()
    assert texts == 1


def test_a_report_without_problems_lists_none(archive):
    report_id = _report(archive)
    (text,) = archive.db.execute(f"SELECT {problems_json('?')}", [report_id]).fetchone()
    assert text == "[]"


def test_deleting_a_reports_problems_leaves_the_others(archive):
    first, second = _report(archive), _report(archive)
    cells = known_cell_ids(archive.db)
    with archive.db.atomic():
        write_problems(archive.db, first, PROBLEMS[:2], cells)
        write_problems(archive.db, second, PROBLEMS[2:], cells)
        delete_problems(archive.db, first)
    assert read_problems(archive.db, first) == []
    assert read_problems(archive.db, second) == json.loads(_as_json(PROBLEMS[2:]))


@pytest.mark.usefixtures("fake_parsers")
def test_a_parse_writes_its_problems_and_a_reparse_replaces_them(archive, make_capture):
    stored = archive.store(make_capture(body=HTML))
    archive.parse_document(stored.sha256)
    archive.parse_document(stored.sha256)  # the same parser version: rows replaced
    (report_id,) = archive.db.execute("SELECT id FROM reports").fetchone()
    assert read_problems(archive.db, report_id) == [
        {
            "where": "applications.new_requests.total",
            "kind": "missing_cell",
            "detail": "blank",
        }
    ]
    assert archive.db.execute("SELECT count(*) FROM problem_rows").fetchone() == (1,)
    (listed,) = archive.db.execute(
        "SELECT problems FROM report_renditions WHERE report_id = ?", [report_id]
    ).fetchone()
    assert json.loads(listed) == read_problems(archive.db, report_id)


def test_a_new_index_keeps_no_repeated_url_and_documents_under_integer_ids(
    archive, make_capture
):
    plain = archive.store(make_capture(url="http://demo.test/a.html", body=b"a"))
    moved = archive.store(
        make_capture(
            url="http://demo.test/b.html",
            final_url="http://demo.test/b2.html",
            body=b"b",
        )
    )
    finals = dict(archive.db.execute("SELECT id, final_url FROM captures").fetchall())
    assert finals == {
        plain.capture_id: None,
        moved.capture_id: "http://demo.test/b2.html",
    }
    (sql,) = archive.db.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'documents'"
    ).fetchone()
    assert '"id" INTEGER PRIMARY KEY' in sql
    assert "reports" in archive.db.table_names()
    assert "problems" not in archive.db.table("reports").columns_dict
