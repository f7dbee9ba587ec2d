"""End to end: the 年报 columns found from a home page or a 政府信息公开 platform page.

The sample portal's platform site (``/platform/``, ``crawler.sampleportal.sites_platform``)
has a home page, a platform page with the standard left navigation, department and township
sub-sites each with its own 年报 column (linked by year-less anchors, as directories, one on
the sister host ``localhost``) and unrelated columns all around. Crawls start from the home
page (the bundled ``demo-platform`` entry) and from the platform page (an entry of another
registry file, through ``nianbao crawl --registry``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlite_utils

from crawler.sampleportal.sites_platform import (
    HOME,
    MAIN_COLUMN,
    PLATFORM,
    UNRELATED,
    build_platform,
)
from crawler.sites import load_sites

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
BUDGET = 30  # PORTAL_DISCOVERY_BUDGET's default
REGISTRY = """
[[site]]
id = "{id}"
name = "示范新区政府信息公开（从平台页开始）"
region_code = "440305"
level = "district"
start_urls = ["{start}"]
crawl_interval = "7d"
local = true
{extra}
"""


def registry_file(tmp_path) -> Path:
    text = (
        REGISTRY.format(
            id="from-platform", start=PLATFORM, extra='sister_hosts = ["localhost"]'
        )
        + REGISTRY.format(id="no-sister", start=HOME, extra="")
        + REGISTRY.format(id="tight", start=HOME, extra='sister_hosts = ["localhost"]')
        + REGISTRY.format(
            id="pinned", start=HOME, extra=f'report_columns = ["{MAIN_COLUMN}"]'
        )
    )
    path = tmp_path / "other-registry.toml"
    path.write_text(text, encoding="utf-8")
    return path


def scrapy_crawl(site, base_url, archive_dir, *extra):
    command = [
        sys.executable, "-m", "scrapy", "crawl", "portal", "-a", f"site={site}",
        "-a", f"base_url={base_url}", "-s", f"ARCHIVE_DIR={archive_dir}",
        "-s", "NIANBAO_PROGRESS_INTERVAL=0", *extra,
    ]  # fmt: skip
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False
    )


def nianbao(*args):
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip


class Crawl:
    def __init__(self, directory: Path, completed: subprocess.CompletedProcess[str]):
        self.db = sqlite_utils.Database(directory / "index.sqlite")
        self.completed = completed

    def paths(self, kind: str) -> set[str]:
        rows = self.db.query(
            "select coalesce(final_url, url) as final_url from captures where kind = ?",
            [kind],
        )
        return {urlsplit(r["final_url"]).path for r in rows}

    def all_paths(self) -> set[str]:
        rows = self.db.query("select url from captures")
        return {urlsplit(r["url"]).path for r in rows}

    def discovery(self) -> dict:
        (row,) = self.db.query("select stats from crawls")
        return json.loads(row["stats"])["nianbao/discovery"]

    def events(self, kind: str) -> list[dict]:
        return list(self.db.query("select * from events where kind = ?", [kind]))


@pytest.fixture(scope="module")
def truth(portal):
    return build_platform(seed=portal.seed)


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return registry_file(tmp_path_factory.mktemp("registry"))


@pytest.fixture(scope="module")
def from_home(portal, tmp_path_factory):
    directory = tmp_path_factory.mktemp("home")
    return Crawl(directory, scrapy_crawl("demo-platform", portal.url, directory))


@pytest.fixture(scope="module")
def from_platform(portal, registry, tmp_path_factory):
    directory = tmp_path_factory.mktemp("platform")
    completed = nianbao(
        "crawl", "--registry", str(registry), "--site", "from-platform",
        "--base-url", portal.url, "--archive", str(directory),
    )  # fmt: skip
    return Crawl(directory, completed)


def test_both_crawls_finish(from_home, from_platform):
    for crawl in (from_home, from_platform):
        assert crawl.completed.returncode == 0, crawl.completed.stderr[-3000:]
        assert "Traceback" not in crawl.completed.stderr


@pytest.mark.parametrize("start", ["from_home", "from_platform"])
def test_every_report_of_the_site_is_found(request, truth, start):
    crawl = request.getfixturevalue(start)
    expected = {path for report in truth.reports for path in report.paths}
    assert len(expected) == len(truth.reports) >= 12
    assert crawl.paths("report") == expected


@pytest.mark.parametrize(("start", "before"), [("from_home", 2), ("from_platform", 1)])
def test_columns_are_found_within_the_request_budget(request, truth, start, before):
    found = request.getfixturevalue(start).discovery()
    # home -> platform -> 年报 column; or platform -> 年报 column
    assert found["before_first_column"] == before
    assert found["requests"] <= BUDGET
    # one page per sub-site, the platform page, and the home page when started there
    assert found["requests"] == len(truth.subsites) + before
    assert found["dropped"] == 0
    columns = {urlsplit(u).path.removesuffix("index.html") for u in found["columns"]}
    assert columns == set(truth.report_columns())


@pytest.mark.parametrize("start", ["from_home", "from_platform"])
def test_no_unrelated_column_is_fetched(request, truth, start):
    crawl = request.getfixturevalue(start)
    fetched = crawl.all_paths()
    # robots.txt: Scrapy fetches it, and it is archived as an exchange (kind `robots`)
    wanted = {"/robots.txt", HOME, PLATFORM, *(s.page for s in truth.subsites)}
    wanted |= {p for r in truth.reports for p in r.paths}
    for column in truth.report_columns():
        wanted |= {column, column + "index.html", column + "index_1.html"}
    assert fetched - wanted == set()
    assert not [p for p in fetched if p.startswith(UNRELATED)]


def test_the_portal_served_no_unrelated_page(portal, from_home, from_platform):
    for prefix in UNRELATED:
        url = portal.at(f"/__portal__/hits?prefix={prefix}")
        with urllib.request.urlopen(url, timeout=10) as answer:
            assert json.load(answer)["hits"] == 0, prefix


def test_the_main_column_is_read_to_its_second_page(from_home):
    assert MAIN_COLUMN + "index_1.html" in from_home.paths("list")


def test_without_the_sister_host_its_columns_are_offsite_and_named(
    portal, registry, truth, tmp_path
):
    crawl = Crawl(
        tmp_path,
        nianbao(
            "crawl",
            "--registry",
            str(registry),
            "--site",
            "no-sister",
            "--base-url",
            portal.url,
            "--archive",
            str(tmp_path),
        ),
    )
    assert crawl.completed.returncode == 0, crawl.completed.stderr[-3000:]
    sister = [s for s in truth.subsites if s.style == "sister"]
    assert sister
    offsite = {urlsplit(e["url"]).path for e in crawl.events("offsite")}
    assert {s.column for s in sister} <= offsite
    assert crawl.discovery()["sister_hosts"] == ["localhost"]
    missing = {p for r in truth.reports for p in r.paths} - crawl.paths("report")
    assert missing
    assert all(p.startswith(tuple(s.column for s in sister)) for p in missing)


def test_a_spent_budget_leaves_an_event(portal, registry, tmp_path):
    completed = nianbao(
        "crawl", "--registry", str(registry), "--site", "tight", "--base-url",
        portal.url, "--archive", str(tmp_path), "-s", "PORTAL_DISCOVERY_BUDGET=3",
    )  # fmt: skip
    crawl = Crawl(tmp_path, completed)
    assert completed.returncode == 0, completed.stderr[-3000:]
    found = crawl.discovery()
    assert found["requests"] == 3
    assert found["dropped"] > 0
    (event,) = crawl.events("discovery-budget")
    assert "budget of 3" in event["detail"]


def test_sites_discover_prints_what_to_pin_and_fetches_no_report(
    portal, truth, registry
):
    report = truth.reports[0].paths[0]
    hits = portal.at(f"/__portal__/hits?prefix={report}")
    with urllib.request.urlopen(hits, timeout=10) as answer:
        before = json.load(answer)["hits"]
    completed = nianbao("sites", "discover", "demo-platform", "--base-url", portal.url)
    assert completed.returncode == 0, completed.stderr[-3000:]
    lines = completed.stdout.splitlines()
    columns = {
        urlsplit(line.split("\t")[1]).path.removesuffix("index.html")
        for line in lines
        if line.startswith("column\t")
    }
    assert columns == set(truth.report_columns())
    assert "requests\t8 of 30 (pages before the first column: 2)" in lines
    with urllib.request.urlopen(hits, timeout=10) as answer:
        assert json.load(answer)["hits"] == before
    other = nianbao(
        "sites", "discover", "no-sister", "--registry", str(registry),
        "--base-url", portal.url,
    )  # fmt: skip
    assert "sister-host\tlocalhost" in other.stdout.splitlines()


def test_sites_discover_toml_is_what_to_pin(portal, truth, registry, tmp_path):
    completed = nianbao(
        "sites", "discover", "no-sister", "--registry", str(registry),
        "--base-url", portal.url, "--toml",
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-3000:]
    pinned = tomllib.loads(completed.stdout)
    assert {c.removesuffix("index.html") for c in pinned["report_columns"]} == {
        c for c in truth.report_columns()
        if not any(s.column == c for s in truth.subsites if s.style == "sister")
    } | {MAIN_COLUMN}  # fmt: skip
    assert pinned["sister_hosts"] == ["localhost"]
    # pinned into the entry, the registry loads and the crawl starts from the columns
    text = registry.read_text("utf-8").replace(
        'id = "no-sister"', 'id = "no-sister"\n' + completed.stdout.strip()
    )
    again = tmp_path / "pinned.toml"
    again.write_text(text, encoding="utf-8")
    site = load_sites(again)["no-sister"]
    assert site.sister_hosts == ("localhost",)
    assert set(site.report_columns) == set(pinned["report_columns"])


def test_pinned_columns_are_crawled_without_discovery(
    portal, registry, truth, tmp_path
):
    completed = nianbao(
        "crawl", "--registry", str(registry), "--site", "pinned", "--base-url",
        portal.url, "--archive", str(tmp_path),
    )  # fmt: skip
    crawl = Crawl(tmp_path, completed)
    assert completed.returncode == 0, completed.stderr[-3000:]
    main = {p for r in truth.reports for p in r.paths if p.startswith(MAIN_COLUMN)}
    assert crawl.paths("report") == main
    assert HOME not in crawl.all_paths()
    found = crawl.discovery()
    assert (found["requests"], found["pages"]) == (0, 0)


def test_discover_on_a_start_column_names_it_and_reads_no_report(portal):
    report = next(r for r in portal.truth.reports if r.site_id == "demo-trs")
    hits = portal.at(f"/__portal__/hits?prefix={report.paths[0]}")
    with urllib.request.urlopen(hits, timeout=10) as answer:
        before = json.load(answer)["hits"]
    completed = nianbao("sites", "discover", "demo-trs", "--base-url", portal.url)
    assert completed.returncode == 0, completed.stderr[-3000:]
    lines = completed.stdout.splitlines()
    assert lines[:2] == [
        f"column\t{portal.at('/trs/zfxxgk/zfxxgknb/index.html')}",
        "cms\ttrs",
    ]
    with urllib.request.urlopen(hits, timeout=10) as answer:
        assert json.load(answer)["hits"] == before
