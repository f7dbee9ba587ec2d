"""What extractors log inside worker processes ends in the crawl's log, not on the terminal.

The sample portal serves broken attachments; their extractors warn inside a sandbox worker of
a parse pool worker (the stream pool that parses while the crawl runs, or the pool of the
pass after it). Those records travel back with each result and are logged by the crawl
process, so ``--log-file`` holds them (with ``-v`` they would be on stderr with Scrapy's log)
and a default run prints only its progress lines and summary.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest


@pytest.mark.e2e
@pytest.mark.parametrize("mode", ["stream", "after"])
def test_extraction_warnings_go_to_the_log_file_not_the_terminal(
    portal, tmp_path, mode
):
    log = tmp_path / "crawl.log"
    completed = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "crawl", "--site", "demo-trs",
         "--base-url", portal.url, "--archive", str(tmp_path / "archive"),
         "--log-file", str(log), "-s", f"ARCHIVE_PARSE={mode}"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-3000:]
    logged = log.read_text()
    # a record made in a sandbox worker (an extractor's own logger), handled by the crawl's
    assert re.search(r"\[parsers\.extract\.[\w.]+\] WARNING: ", logged), logged[-3000:]
    assert "WARNING" not in completed.stderr, completed.stderr
    assert "[parsers" not in completed.stderr
