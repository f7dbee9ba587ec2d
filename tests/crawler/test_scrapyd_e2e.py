"""End to end: the Scrapyd recipe of docs/deploy.md, deploy → schedule → finished job.

A Scrapyd listens on 127.0.0.1 on a free port with everything (eggs, logs, job database) in a
temporary directory; ``scrapyd-deploy`` builds the egg from a copy of the project (it writes a
``setup.py``, which must not land in the checkout) and uploads it; a crawl of the sample portal
is scheduled with ``schedule.json``, and ``listjobs.json`` is polled until the job finishes.
The archive the job wrote must hold the portal's reports, and Scrapyd's items feed every item
the job scraped. Every wait is bounded.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from tests.crawler.local_servers import free_port, serving

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
START_WAIT = 60.0
JOB_WAIT = 300.0


def call(url: str, data: dict[str, object] | None = None) -> dict[str, object]:
    body = None
    if data is not None:
        pairs = [
            (k, item)
            for k, v in data.items()
            for item in (v if isinstance(v, list) else [v])
        ]
        body = urllib.parse.urlencode(pairs).encode()
    with urllib.request.urlopen(url, data=body, timeout=30) as answer:
        return json.loads(answer.read())  # type: ignore[no-any-return]


def project_copy(target: Path, scrapyd_url: str) -> Path:
    """The project's packages and metadata, with the deploy target pointing at ``scrapyd_url``."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("crawler", "archive", "parsers"):
        shutil.copytree(ROOT / package, target / package, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    config = (ROOT / "scrapy.cfg").read_text("utf-8")
    (target / "scrapy.cfg").write_text(
        config.replace("http://127.0.0.1:6800/", scrapyd_url), "utf-8"
    )
    return target


@pytest.fixture
def scrapyd(tmp_path):
    port = free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        "bind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\n"
        f"logs_dir = {home / 'logs'}\n"
        f"dbs_dir = {home / 'dbs'}\n"
        f"items_dir = {home / 'items'}\n"
        "max_proc = 1\n"
        "poll_interval = 0.5\n",
        "utf-8",
    )
    url = f"http://127.0.0.1:{port}/"
    probe = url + "daemonstatus.json"
    with serving([BIN / "scrapyd"], cwd=home, probe=probe, wait=START_WAIT):
        yield url, home


def test_deploy_schedule_and_a_finished_crawl(scrapyd, portal, tmp_path):
    url, home = scrapyd
    source = project_copy(tmp_path / "src", url)
    deployed = subprocess.run(
        [BIN / "scrapyd-deploy", "--version", "1"],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert call(url + "listprojects.json")["projects"] == ["nianbao"]
    assert not (ROOT / "setup.py").exists()

    archive = tmp_path / "archive"
    scheduled = call(
        url + "schedule.json",
        {
            "project": "nianbao",
            "spider": "portal",
            "site": "demo-trs",
            "base_url": portal.url,
            "setting": [
                f"ARCHIVE_DIR={archive}",
                "NIANBAO_PROGRESS_INTERVAL=0",
                "PORTAL_MAX_LIST_PAGES=4",
            ],
        },
    )
    assert scheduled["status"] == "ok", scheduled
    job = scheduled["jobid"]
    deadline = time.monotonic() + JOB_WAIT
    while True:
        jobs = call(url + "listjobs.json?project=nianbao")
        if any(j["id"] == job for j in jobs["finished"]):  # type: ignore[union-attr]
            break
        assert time.monotonic() < deadline, f"job {job} not finished: {jobs}"
        time.sleep(1)

    log = next((home / "logs").rglob(f"{job}.log")).read_text("utf-8")
    assert "Traceback" not in log, log[-3000:]
    # Scrapyd's items_dir feed holds every item the job scraped, bodies as sha256 and size
    items = next((home / "items").rglob(f"{job}.jl")).read_text("utf-8").splitlines()
    scraped = int(log.split("'item_scraped_count': ", 1)[1].split(",", 1)[0])
    assert len(items) == scraped > 0
    db = sqlite_utils.Database(archive / "index.sqlite")
    try:
        status = db.execute("select status from crawls").fetchone()[0]
        reports = db.execute(
            "select count(*) from captures where kind = 'report'"
        ).fetchone()[0]
    finally:
        db.close()
    assert status == "finished", log[-3000:]
    assert reports > 0
