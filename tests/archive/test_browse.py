"""``nianbao browse``: Datasette over the index with shipped metadata, queries and a coverage page.

Tested through Datasette's JSON API in process (no port), then once end to end: the command
serves on 127.0.0.1 and headless Chromium renders the coverage page.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from archive import browse_metadata, write_browse_files
from crawler.cli import cli
from crawler.cli.datasette_app import make_datasette
from tests.tools import require_tool

from .test_export_logical import AGENCY, SITE, built  # noqa: F401 (the fixture)


def _get(ds, path):
    async def fetch():
        return await ds.client.get(path)

    return asyncio.run(fetch())


@pytest.fixture
def datasette(built, tmp_path):  # noqa: F811 (the imported fixture)
    archive_dir, truth = built
    write_browse_files(archive_dir, tmp_path / "templates")
    ds = make_datasette(
        archive_dir, browse_metadata(archive_dir), tmp_path / "templates"
    )
    return ds, truth


def test_sql_reads_the_compressed_texts_as_text(datasette):
    ds, _ = datasette
    sql = "select nianbao_text(value) as text from extracted"
    response = _get(ds, f"/extracted.json?sql={urllib.parse.quote(sql)}&_shape=array")
    assert response.status_code == 200
    texts = [row["text"] for row in response.json()]
    assert texts
    assert all(isinstance(text, str) for text in texts)
    assert any(AGENCY in text for text in texts)


def test_latest_reports_facet_by_year_format_status_level_region(datasette):
    ds, _ = datasette
    response = _get(ds, "/index/latest_reports.json?_size=0")
    assert response.status_code == 200
    facets = response.json()["facet_results"]
    if "results" in facets:  # Datasette 1.0 nests them
        facets = facets["results"]
    assert {"year", "format", "status", "level", "region_code"} <= set(facets)
    years = {item["value"]: item["count"] for item in facets["year"]["results"]}
    assert years == {2021: 1, 2022: 2}


def test_canned_query_gives_applications_per_organ_and_year(datasette):
    ds, truth = datasette
    rows = _get(ds, "/index/applications_per_organ_year.json?_shape=array").json()
    got = {(r["organ"], r["year"]): r["applications_received"] for r in rows}
    assert got == {
        (AGENCY, 2021): truth[2021].applications["new_requests"]["total"],
        (AGENCY, 2022): truth[2022].applications["new_requests"]["total"],
    }


def test_canned_queries_for_rules_gaps_and_cross_year(datasette):
    ds, _ = datasette
    assert _get(ds, "/index/reports_breaking_rules.json?_shape=array").json() == []
    assert _get(ds, "/index/coverage_gaps.json?_shape=array").json() == []
    findings = _get(ds, "/index/cross_year_findings.json?_shape=array").json()
    assert findings  # the two years' numbers are independent
    assert {f["report_key"] for f in findings} == {f"{SITE}:2022:{AGENCY}"}


def test_coverage_page_is_served_with_its_heat_map(datasette):
    ds, _ = datasette
    response = _get(ds, "/coverage")
    assert response.status_code == 200
    assert '<td class="ok"' in response.text
    assert SITE in response.text


def test_print_metadata_needs_no_datasette_and_names_the_queries(built):  # noqa: F811
    archive_dir, _ = built
    result = CliRunner().invoke(
        cli, ["browse", "--print-metadata", "--archive", str(archive_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "applications_per_organ_year" in result.output


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(url, timeout=2) as response,
        ):
            return response.read().decode()
        time.sleep(0.3)
    pytest.fail(f"{url} did not answer in {seconds} s")


@pytest.mark.e2e
def test_browse_serves_on_loopback_and_chromium_renders_the_coverage(built, tmp_path):  # noqa: F811
    chromium = require_tool("chromium")
    archive_dir, _ = built
    port = _free_port()
    command = ["browse", "--archive", str(archive_dir), "--port", str(port)]
    server = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        assert "latest_reports" in _wait_for(f"{base}/index")
        shot = tmp_path / "coverage.png"
        headless = [chromium, "--headless", "--no-sandbox", "--disable-gpu"]
        subprocess.run(
            [
                *headless,
                f"--screenshot={shot}",
                "--window-size=900,500",
                f"{base}/coverage",
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
        dom = subprocess.run(
            [*headless, "--dump-dom", f"{base}/index/latest_reports?_facet=year"],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    finally:
        server.terminate()  # Datasette runs in this process: nothing is left behind
        server.wait(timeout=30)
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert shot.stat().st_size > 5_000  # a rendered page, not an empty canvas
    assert "Latest reports" in dom  # the shipped title
    assert "facet-info" in dom or "facet-results" in dom


def test_a_document_id_is_shown_with_its_sha256(datasette):
    """The raw tables name a document by its id (schema 8); Datasette labels it."""
    ds, _ = datasette
    response = _get(ds, "/index/captures.json?_labels=on&_shape=array&_size=5")
    assert response.status_code == 200, response.text
    rows = response.json()
    assert rows
    for row in rows:
        label = row["document_id"]["label"]
        assert len(label) == 64
        assert int(label, 16) >= 0
