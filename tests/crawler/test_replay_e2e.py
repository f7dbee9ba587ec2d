"""End to end: outside tools replay the archive of a re-crawled portal faithfully.

The sample portal (a fresh one: its page that fails once with 500 must fail for this crawl) is
crawled twice into one archive, the second time with ``NIANBAO_REFRESH`` so every archived
report is asked for conditionally and answered 304. The WARCs are indexed with cdxj-indexer and
served by pywb's ``wayback`` on 127.0.0.1; the newest capture of an unchanged report page (a
server-not-modified revisit) must replay as 200 with the archived body. Every exchange is in the
index: the old URL's 301 hop and the final URL it leads to, the 500 answered before the retry,
and robots.txt. Reports are still counted as before: the extra captures are never reports.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from archive import Archive, verify
from archive.warc import sha1_digest
from crawler.sampleportal import build_portal
from crawler.sampleportal.process import running_portal
from tests.conftest import PORTAL_SEED, PORTAL_SIZE
from tests.crawler.local_servers import free_port, serving
from tests.tools import _missing

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SITE = "demo-trs"
WAIT = 60.0


def wayback_command() -> Path:
    """pywb's server: from ``.venv-replay`` (.ci/run keeps pywb's brotlipy out of ``.venv``)."""
    candidates = (ROOT / ".venv-replay" / "bin" / "wayback", BIN / "wayback")
    found = next((c for c in candidates if c.exists()), None)
    if found is None:
        _missing("pywb is not installed (.ci/run installs it into .venv-replay)")
    return found


def crawl(base_url: str, archive_dir: Path, *extra: str) -> None:
    command = [
        sys.executable, "-m", "scrapy", "crawl", "portal",
        "-a", f"site={SITE}", "-a", f"base_url={base_url}",
        "-s", f"ARCHIVE_DIR={archive_dir}", "-s", "NIANBAO_PROGRESS_INTERVAL=0",
        "-s", "ARCHIVE_PARSE=off", *extra,
    ]  # fmt: skip
    completed = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=240, check=False
    )
    assert completed.returncode == 0, completed.stderr[-3000:]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    directory = tmp_path_factory.mktemp("replay")
    with running_portal(seed=PORTAL_SEED, size=PORTAL_SIZE) as url:
        crawl(url, directory)
        crawl(url, directory, "-s", "NIANBAO_REFRESH=True")
        special = build_portal(seed=PORTAL_SEED, size=PORTAL_SIZE).special
        yield directory, url.rstrip("/"), special


@pytest.fixture(scope="module")
def cdx(archive, tmp_path_factory):
    directory, _, _ = archive
    coll = tmp_path_factory.mktemp("pywb") / "collections" / "nianbao"
    (coll / "indexes").mkdir(parents=True)
    shutil.copytree(directory / "warc", coll / "archive")
    names = sorted(p.name for p in (coll / "archive").glob("*.warc.gz"))
    subprocess.run(
        [BIN / "cdxj-indexer", "--sort", "-o", coll / "indexes" / "index.cdxj", *names],
        cwd=coll / "archive",
        check=True,
        timeout=WAIT,
    )
    lines = (coll / "indexes" / "index.cdxj").read_text("utf-8").splitlines()
    return coll.parent.parent, [json.loads(line.split(" ", 2)[2]) for line in lines]


@pytest.fixture(scope="module")
def wayback(cdx):
    root, _ = cdx
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [wayback_command(), "-b", "127.0.0.1", "-p", str(port), "-t", "2"]
    with serving(command, cwd=root, probe=base + "/nianbao/", wait=WAIT):
        yield base


def test_archive_verifies_and_reports_are_not_exchanges(archive):
    directory, _, _ = archive
    assert verify(directory).ok
    db = sqlite_utils.Database(directory / "index.sqlite")
    try:
        kinds = {
            r["kind"]: r["n"]
            for r in db.query("select kind, count(*) n from captures group by kind")
        }
        robots = {
            (r["crawl_id"], r["kind"])
            for r in db.query(
                "select crawl_id, kind from captures where url like '%/robots.txt'"
            )
        }
        not_modified = kinds.get("not-modified", 0)
    finally:
        db.close()
    assert kinds["redirect"] >= 2  # once per crawl at least
    # fetched by both crawls; the second asked conditionally and got a 304 (a revisit)
    assert robots == {(1, "robots"), (2, "not-modified")}
    assert kinds["retry"] == 1  # the page fails once per portal process
    assert not_modified > 0


def test_redirect_hop_and_final_url_are_both_indexed(archive, cdx):
    _, base, special = archive
    _, rows = cdx
    old, final = base + special.redirect_from, base + special.redirect_to
    hops = [r for r in rows if r["url"] == old]
    assert hops
    assert {r["status"] for r in hops} == {"301"}
    finals = [r for r in rows if r["url"] == final]
    assert any(r["status"] == "200" and r["mime"] != "warc/revisit" for r in finals)
    retried = [r for r in rows if r["url"] == base + special.flaky_500]
    assert {r["status"] for r in retried} >= {"500", "200"}
    assert any(r["url"] == base + "/robots.txt" for r in rows)


def test_newest_capture_of_an_unchanged_report_replays_with_its_body(
    archive, cdx, wayback
):
    directory, _, _ = archive
    _, rows = cdx
    db = sqlite_utils.Database(directory / "index.sqlite")
    try:
        url, sha256 = db.execute(
            "select c.url, d.sha256 from captures c"
            " join documents d on d.id = c.document_id where c.kind = 'not-modified'"
            " and exists (select 1 from captures r where r.url = c.url"
            " and r.kind = 'report') and coalesce(c.final_url, c.url) = c.url"
            " order by c.id desc limit 1"
        ).fetchone()
        body = archived_payload(directory, sha256)
    finally:
        db.close()
    newest = max(
        (r for r in rows if r["url"] == url),
        key=lambda r: (r["filename"], int(r["offset"])),
    )
    assert newest["mime"] == "warc/revisit"
    assert newest["digest"] == sha1_digest(body)  # the original's payload digest
    with urllib.request.urlopen(f"{wayback}/nianbao/id_/{url}", timeout=30) as answer:
        assert answer.status == 200
        replayed = answer.read()
    assert replayed == body


def archived_payload(directory: Path, sha256: str) -> bytes:
    with Archive.open(directory, software_version="test") as opened:
        return opened.stored_payload(sha256).body
