"""The command line: usage errors, typed errors as one line, parse output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "crawler" / "sampleportal" / "corpus"


def test_version_and_help_exit_zero():
    runner = CliRunner()
    assert runner.invoke(cli, ["--version"]).exit_code == 0
    assert runner.invoke(cli, ["-h"]).exit_code == 0


def test_crawl_without_site_or_all_is_a_usage_error():
    result = CliRunner().invoke(cli, ["crawl"])
    assert result.exit_code == 2
    assert "--site" in result.output


def test_crawl_unknown_site_prints_one_error_line(tmp_path):
    result = CliRunner().invoke(
        cli, ["crawl", "--site", "no-such-site", "--archive", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "no-such-site" in result.output
    assert "Traceback" not in result.output


def test_crawl_with_a_bad_archive_parse_value_fetches_nothing(tmp_path, monkeypatch):
    import crawler.cli.run

    monkeypatch.setattr(
        crawler.cli.run, "CrawlerProcess", lambda *a, **k: pytest.fail("crawl started")
    )
    result = CliRunner().invoke(
        cli,
        [
            "crawl",
            "--site",
            "demo-trs",
            "--base-url",
            "http://127.0.0.1:9/",
            "--archive",
            str(tmp_path),
            "-s",
            "ARCHIVE_PARSE=aftr",
        ],
    )
    assert result.exit_code == 1
    assert result.output == (
        "Error: ARCHIVE_PARSE must be one of stream, after, inline, off (got 'aftr')\n"
    )


def test_parse_json_prints_a_report_of_the_schema():
    source = CORPUS / "2021-changchun-nanguan-xingfu.txt"
    completed = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "parse", str(source), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(completed.stdout)
    assert data["schema"] == "nianbao.report/1"
    assert data["year"] == 2021
    assert data["format"] == "2021"


def test_parse_binary_file_is_a_clean_error(tmp_path):
    garbage = tmp_path / "report.html"
    garbage.write_bytes(bytes(range(256)) * 40)
    result = CliRunner().invoke(cli, ["parse", str(garbage)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")


def test_verify_of_missing_archive_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(
        cli, ["verify", "--archive", str(tmp_path / "nothing-here")]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")


def test_crawl_due_picks_sites_whose_interval_passed(tmp_path, monkeypatch):
    # Never crawl real portals in a test: replace the crawl itself and look at what was asked.
    import archive as archive_pkg
    from crawler.cli import run
    from crawler.sites import load_sites

    real_sites = [site.id for site in load_sites().values() if not site.local]
    assert len(real_sites) >= 2
    just_crawled = real_sites[0]
    with archive_pkg.Archive.open(tmp_path, software_version="test") as store:
        crawl_id = store.start_crawl(sites=[just_crawled])
        store.finish_crawl(crawl_id, status="finished", stats={})
    asked: list[list[str]] = []

    def fake_run_crawls(site_ids, **_kwargs):
        asked.append(list(site_ids))
        return dict.fromkeys(site_ids, "finished")

    monkeypatch.setattr(run, "run_crawls", fake_run_crawls)
    result = CliRunner().invoke(cli, ["crawl", "--due", "--archive", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert asked == [[site for site in real_sites if site != just_crawled]]


def test_crawl_site_and_due_together_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(
        cli, ["crawl", "--due", "--site", "demo-trs", "--archive", str(tmp_path)]
    )
    assert result.exit_code == 2


def test_history_of_unknown_report_is_a_clean_error(tmp_path):
    import archive as archive_pkg

    archive_pkg.Archive.open(tmp_path, software_version="test").close()
    result = CliRunner().invoke(
        cli, ["history", "nothing:2020:x", "--archive", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")


def _one_error_line(output: str) -> str:
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, output
    assert "Traceback" not in output
    return errors[0]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--site", "demo-trs"], "--base-url"),
        (["--site", "demo-trs", "--base-url", "127.0.0.1:8000"], "--base-url"),
        (["--site", "demo-trs", "--base-url", "http://127.0.0.1:99999/"], "--base-url"),
        (["--site", "demo-trs", "--base-url", "http://127.0.0.1:8/", "--job", "../up"],
         "--job"),
    ],
)  # fmt: skip
def test_a_missing_or_malformed_base_url_or_job_is_a_usage_error_naming_the_option(
    tmp_path, args, named
):
    result = CliRunner().invoke(cli, ["crawl", *args, "--archive", str(tmp_path / "a")])
    assert result.exit_code == 2
    line = _one_error_line(result.output)
    assert named in line
    assert "-a base_url" not in result.output
    assert not (tmp_path / "a").exists()


def test_reparse_of_a_path_that_is_no_archive_refuses_and_creates_nothing(tmp_path):
    result = CliRunner().invoke(cli, ["reparse", "--archive", str(tmp_path / "typo")])
    assert result.exit_code == 1
    assert "is not a nianbao archive" in _one_error_line(result.output)
    assert not (tmp_path / "typo").exists()


def test_demo_into_an_unwritable_place_says_so_and_names_dir(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = CliRunner().invoke(cli, ["demo", "--dir", str(blocker / "demo")])
    assert result.exit_code == 2
    line = _one_error_line(result.output)
    assert "--dir" in line
    assert "cannot create or write" in line


def test_export_into_a_closed_pipe_ends_quietly(tmp_path):
    import archive as archive_pkg

    with archive_pkg.Archive.open(tmp_path, software_version="test") as store:
        for n in range(3000):
            store.record_event(crawl_id=None, site_id="s", url=f"http://x.test/{n}",
                               kind="http-error", detail="HTTP 404", referrer=None)  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "export", "--table", "events",
         "--archive", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    assert process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    _, stderr = process.communicate(timeout=60)
    assert b"Traceback" not in stderr
    assert b"Error" not in stderr
    assert b"Broken pipe" not in stderr
    assert process.returncode == 1


def test_stats_is_a_table_whose_columns_line_up(tmp_path):
    import archive as archive_pkg

    with archive_pkg.Archive.open(tmp_path, software_version="test") as store:
        for site in ("a", "a-much-longer-site-id"):
            crawl_id = store.start_crawl(sites=[site])
            store.finish_crawl(crawl_id, status="finished", stats={})
            store.record_event(crawl_id=crawl_id, site_id=site, url="http://x.test/",
                               kind="soft-404", detail="", referrer=None)  # fmt: skip
    result = CliRunner().invoke(cli, ["stats", "--archive", str(tmp_path)])
    assert result.exit_code == 0, result.output
    header, *rows, total = result.output.splitlines()
    assert total.startswith("total: 2 crawls")
    assert len(rows) == 2
    for column in ("last crawl", "status", "captures", "events"):
        start = header.index(column)
        for row in rows:
            assert row[start - 2 : start] == "  ", (column, row)
            assert row[start] != " ", (column, row)


@pytest.mark.e2e
def test_a_crawl_prints_its_summary_and_scrapys_log_only_with_v(tmp_path):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "crawler.cli", "crawl", "--site", "demo-gkmlpt",
               "--base-url", f"http://127.0.0.1:{port}/", "-s", "RETRY_TIMES=0"]  # fmt: skip
    quiet = subprocess.run([*command, "--archive", str(tmp_path / "q")],
                           capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    loud = subprocess.run([*command, "--archive", str(tmp_path / "v"), "-v"],
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert "demo-gkmlpt: failed" in quiet.stderr
    assert "[scrapy" not in quiet.stderr
    assert len(quiet.stderr.splitlines()) < 10, quiet.stderr
    assert "[scrapy.core.engine] INFO: Spider opened" in loud.stderr
    assert "demo-gkmlpt: failed" in loud.stderr
