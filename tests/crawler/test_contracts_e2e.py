"""End to end: ``scrapy check portal`` runs the callbacks' contracts against the sample portal.

The portal listens on a port chosen at run time, so the callbacks' docstrings name paths
(``@portal_url``, ``crawler.contracts``) and the base URL comes from ``-a base_url=``; a report
and an attachment of the portal's ground truth are given as spider arguments.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def check(portal, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "check",
            "portal",
            "-a",
            "site=demo-trs",
            "-a",
            f"base_url={portal.url}",
            *arguments,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_callback_contract_passes_against_the_sample_portal(portal):
    report = next(
        r
        for r in portal.truth.reports
        if r.site_id == "demo-trs" and r.paths and r.attachment_paths
    )
    completed = check(
        portal,
        "-a", f"check_report={report.paths[0]}",
        "-a", f"check_attachment={report.attachment_paths[0]}",
    )  # fmt: skip
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-3000:]
    # list: 2 @returns + @scrapes; report: @returns + @scrapes; attachment: 2 @returns + @scrapes
    assert "Ran 8 contracts" in output
    assert "\nOK" in output


def test_a_page_the_portal_does_not_name_is_not_checked(portal):
    completed = check(portal)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-3000:]
    assert "Ran 3 contracts" in output  # the list page's only


def test_a_contract_that_does_not_hold_fails(portal):
    # an unknown path answers 404: the callback yields an error capture and an event, two
    # items where the attachment's contract allows one
    completed = check(portal, "-a", "check_attachment=/trs/no-such-page.html")
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0
    assert "FAILED" in output
