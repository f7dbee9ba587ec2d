"""The demo archive's exports against the sample portal generator's own truth.

One ``newest`` row per organ-year the generator published (34 for seed 7, size 30 when this was
written; the count is the generator's, never a constant here), unreadable ones included; the wide
export's cells equal the generator's numbers of the report each row was read from; a cell
summed over ``--wide`` by site and year equals the generator's sum; coverage writes its page.
"""

from __future__ import annotations

import functools
import io
import json
import subprocess
import sys
from collections import Counter, defaultdict
from urllib.parse import urlsplit

import pytest

from archive import coverage, coverage_html, export
from crawler.sampleportal.build import build_portal

SEED, SIZE = 7, 30  # nianbao demo's defaults
CELL = ("applications", "new_requests", "total")


@pytest.fixture(scope="module")
def demo_archive(tmp_path_factory):
    archive_dir = tmp_path_factory.mktemp("demo") / "archive"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "crawler.cli",
            "demo",
            "--dir",
            str(archive_dir),
            "--seed",
            str(SEED),
            "--size",
            str(SIZE),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return archive_dir


def _rows(archive_dir, table):
    out = io.StringIO()
    export(archive_dir, table=table, fmt="jsonl", out=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@functools.cache
def _portal():
    return build_portal(seed=SEED, size=SIZE)


def _truth():
    return _portal().reports


def _report_paths(report):
    """Where the report can have been captured: its pages, attachments, and the old URL that
    redirects to it (the body reached through a redirect is stored under the old URL)."""
    special = _portal().special
    paths = {*report.paths, *report.attachment_paths}
    if special.redirect_to in paths:
        paths.add(special.redirect_from)
    return paths


def _truth_sites():
    return {s.site_id for s in _portal().sites}


def _paths(row):
    return {urlsplit(u).path + (f"?{urlsplit(u).query}" if urlsplit(u).query else "") for u in row["source_urls"]}  # fmt: skip


@pytest.mark.e2e
@pytest.mark.slow
def test_one_newest_row_per_organ_year_the_generator_published(demo_archive):
    truth = _truth()
    organ_years = {(r.site_id, r.year, r.agency) for r in truth}
    sites = _truth_sites()
    newest = [
        r
        for r in _rows(demo_archive, "reports")
        if r["newest"] and r["site_id"] in sites
    ]
    assert len(newest) == len(organ_years)
    # each organ-year of the truth is in exactly one newest row (matched by the URLs it has)
    for site_id, year, agency in organ_years:
        paths = {
            p
            for r in truth
            if (r.site_id, r.year, r.agency) == (site_id, year, agency)
            for p in _report_paths(r)
        }
        matches = [row for row in newest if _paths(row) & paths]
        assert len(matches) == 1, (site_id, year, agency, len(matches))
        assert (matches[0]["site_id"], matches[0]["year"]) == (site_id, year)
    per_site_year = Counter((r["site_id"], r["year"]) for r in newest)
    assert per_site_year == Counter((s, y) for s, y, _ in organ_years)
    # unreadable page shells are renditions of their readable attachment's report, not rows
    assert all(len(row["renditions"]) >= 1 for row in newest)


@pytest.mark.e2e
@pytest.mark.slow
def test_wide_cells_and_sums_equal_the_generator_numbers(demo_archive):
    truth = [r for r in _truth() if r.numbers is not None]
    sites = _truth_sites()
    reports = {
        r["report_key"]: r for r in _rows(demo_archive, "reports") if r["newest"]
    }
    wide = [r for r in _rows(demo_archive, "wide") if r["site_id"] in sites]
    reports = {k: r for k, r in reports.items() if r["site_id"] in sites}
    assert len(wide) == len(reports)
    column = ".".join(CELL)
    got: dict[tuple[str, int], int] = defaultdict(int)
    expected: dict[tuple[str, int], int] = defaultdict(int)
    compared = 0
    for row in wide:
        best_paths = _paths(reports[row["report_key"]])
        sources = [r for r in truth if _report_paths(r) & best_paths]
        if len(sources) != 1 or row["status"] != "ok":
            continue  # a corpus report (golden-file truth) or an organ-year with rival reports
        numbers = sources[0].numbers
        cells = {
            f"{section}.{r}.{c}": v
            for section in ("active_disclosure", "applications", "review_litigation")
            for r, cols in getattr(numbers, section).items()
            for c, v in cols.items()
        }
        assert {k: row[k] for k in cells} == {
            k: float(v) if not isinstance(v, int) else v for k, v in cells.items()
        }
        got[(row["site_id"], row["year"])] += row[column]
        expected[(row["site_id"], row["year"])] += cells[column]
        compared += 1
    assert compared >= 25
    assert got == expected


@pytest.mark.e2e
@pytest.mark.slow
def test_coverage_of_the_demo_writes_its_page_and_flags_no_false_gap(demo_archive):
    table = coverage(demo_archive)
    sites = _truth_sites()
    published = {(r.site_id, r.year) for r in _truth()}
    assert {
        (c.site_id, c.year)
        for c in table.cells.values()
        if c.reports and c.site_id in sites
    } == published
    for gap in table.gaps:
        assert (gap.site_id, gap.year) not in published
    page = coverage_html(table)
    assert page.startswith("<!DOCTYPE html>")
    assert all(site in page for site in table.sites)
