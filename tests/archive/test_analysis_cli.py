"""The analysts' commands end to end through the click group: codebook, coverage, export options."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

from click.testing import CliRunner

import parsers
from crawler.cli import cli

from .test_export_logical import SITE, built  # noqa: F401 (the fixture)


def _run(*args):
    return CliRunner().invoke(cli, list(args))


def test_codebook_json_lists_every_cell_rule_and_cross_year_check():
    result = _run("codebook", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["schema"] == "nianbao.codebook/1"
    assert len(document["cells"]) == len(parsers.codebook_cells())
    cell = next(
        c
        for c in document["cells"]
        if (c["format"], c["cell_id"]) == ("2021", "applications.carried_over.total")
    )
    assert cell["row_label"] == "二、上年结转政府信息公开申请数量"
    assert cell["column_label"] == "总计"
    assert {r["name"] for r in document["cross_year_rules"]} == {
        "carried_over",
        "in_force",
    }


def test_codebook_csv_has_one_row_per_cell():
    result = _run("codebook", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(parsers.codebook_cells())
    assert rows[0]["section_label"] == "主动公开政府信息情况"


def test_coverage_prints_the_table_and_writes_the_html(built, tmp_path):  # noqa: F811
    archive_dir, _ = built
    page = tmp_path / "coverage.html"
    result = _run("coverage", "--archive", str(archive_dir), "--html", str(page))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split() == ["21", "22"]
    assert result.stdout.splitlines()[1].split() == [
        SITE,
        "#",
        "~",
    ]  # 2022: one unreadable
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    as_csv = _run("coverage", "--archive", str(archive_dir), "--csv")
    assert as_csv.stdout.splitlines()[0] == (
        "site_id,year,coverage,reports,cross_year_findings"
    )


def test_export_wide_excel_through_the_cli(built, tmp_path):  # noqa: F811
    archive_dir, _ = built
    out = tmp_path / "wide.csv"
    result = _run(
        "export", "--archive", str(archive_dir), "--wide", "--excel", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfreport_key,")
    assert len(data.decode("utf-8-sig").splitlines()) == 1 + 3


def test_export_of_an_index_without_views_is_one_error_line(built):  # noqa: F811
    archive_dir, _ = built
    con = sqlite3.connect(archive_dir / "index.sqlite")
    views = con.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall()
    for (view,) in views:
        con.execute(f"DROP VIEW {view}")
    con.commit()
    con.close()
    result = _run("export", "--archive", str(archive_dir), "--table", "reports")
    assert result.exit_code == 1
    assert result.output.startswith("Error: the index of")
    assert "open it for writing once" in result.output
