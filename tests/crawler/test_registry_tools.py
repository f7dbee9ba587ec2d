"""The registry at national scale: new entry fields, CSV import, lint, and the crawl plan.

Everything here reads files only: no entry is crawled and no host name is resolved.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from archive import Archive
from crawler.cli import cli
from crawler.crawl_plan import plan_due, plan_requested
from crawler.registry_check import check_registry
from crawler.registry_import import ImportFormatError, import_portals
from crawler.sites import DEFAULT_REGISTRY, SiteConfigError, get_site, load_sites

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

ENTRY = """
[[site]]
id = "{id}"
name = "某区"
region_code = "{region}"
level = "district"
start_urls = ["{url}"]
allowed_domains = ["{host}"]
crawl_interval = "7d"
{extra}
"""


def entry(site_id="x-one", region="440305", host="www.example.gov.cn", extra=""):
    url = f"http://{host}/"
    return ENTRY.format(id=site_id, region=region, url=url, host=host, extra=extra)


def write(tmp_path, text, name="sites.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ entry fields


def test_entry_keeps_site_code_sister_hosts_and_pinned_columns(tmp_path):
    extra = (
        'site_code = "4403050001"\nsister_hosts = ["zwgk.example.gov.cn"]\n'
        'report_columns = ["http://zwgk.example.gov.cn/zfxxgknb/"]'
    )
    site = load_sites(write(tmp_path, entry(extra=extra)))["x-one"]
    assert site.site_code == "4403050001"
    assert site.hosts == ("www.example.gov.cn", "zwgk.example.gov.cn")
    assert site.report_columns == ("http://zwgk.example.gov.cn/zfxxgknb/",)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ('site_code = "5109030018"', "site_code"),  # 510903 is not 440305
        ('site_code = "44030500"', "site_code"),
        ('sister_hosts = ["zwgk.other.gov.cn"]', "sister_hosts"),
        ('report_columns = ["http://elsewhere.gov.cn/nb/"]', "report_columns"),
    ],
)
def test_bad_new_fields_name_the_field(tmp_path, extra, field):
    with pytest.raises(SiteConfigError) as info:
        load_sites(write(tmp_path, entry(extra=extra)))
    assert info.value.field == field


def test_local_entry_resolves_pinned_columns_and_allows_only_loopback_sisters():
    site = get_site("demo-platform").resolve("http://127.0.0.1:8123/")
    assert site.start_urls == ("http://127.0.0.1:8123/platform/",)
    assert site.hosts == ("127.0.0.1", "localhost")


# ------------------------------------------------------------------ check


def test_bundled_registry_is_clean():
    assert check_registry(DEFAULT_REGISTRY) == []


def test_check_reports_every_problem_at_once(tmp_path):
    text = (
        entry("a-one")
        + entry("a-two", host="example.gov.cn")  # same portal without www.
        + entry("a-three", region="449999", host="www.three.gov.cn")  # not in GB/T 2260
        + entry("a-four", host="127.0.0.1")
        + entry("Bad_ID", host="www.five.gov.cn")
        + entry("a-six", host="www.six.gov.cn").replace('"7d"', '"weekly"')
        + entry("a-one", host="www.seven.gov.cn")
    )
    found = {(f.site_id, f.field) for f in check_registry(write(tmp_path, text))}
    assert found == {
        ("a-two", "start_urls"),
        ("a-three", "region_code"),
        ("a-four", "start_urls"),
        ("#4", "id"),
        ("a-six", "crawl_interval"),
        ("a-one", "id"),
    }


def test_sites_check_exits_1_on_findings_and_0_when_clean(tmp_path):
    bad = write(tmp_path, entry(region="449999"))
    result = CliRunner().invoke(cli, ["sites", "check", "--registry", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith(
        "x-one\tregion_code\t449999 is not in the GB/T 2260"
    )
    clean = CliRunner().invoke(cli, ["sites", "check"])
    assert clean.exit_code == 0, clean.output


# ------------------------------------------------------------------ import

CSV = """网站名称,首页网址,网站标识码,地区代码,级别
白银区人民政府,https://www.baiyinqu.gov.cn/,6204020001,,
船山区人民政府,www.scq.gov.cn,5109030018,510903,区
淮北市人民政府,http://www.huaibei.gov.cn/index.html,3406000012,340600,
重复网站,http://baiyinqu.gov.cn/,,620402,
坏网址,http://bad host.gov.cn/,,620402,
本机,http://127.0.0.1:8000/,,620402,
无效代码,http://www.nowhere.gov.cn/,,629999,
不一致,http://www.mismatch.gov.cn/,1101020002,620402,
"""


def test_import_turns_rows_into_valid_entries_and_reports_the_rest(tmp_path):
    result = import_portals(write(tmp_path, CSV, "portals.csv"))
    assert result.rows == 8
    by_id = {e["id"]: e for e in result.entries}
    assert set(by_id) == {"620402-baiyinqu", "510903-scq", "340600-huaibei"}
    baiyin = by_id["620402-baiyinqu"]
    # the region code read from the 网站标识码's first six digits; the level from the code
    assert (baiyin["region_code"], baiyin["level"]) == ("620402", "district")
    assert by_id["510903-scq"]["start_urls"] == ["http://www.scq.gov.cn/"]
    assert by_id["340600-huaibei"]["level"] == "city"
    reasons = {f.site_id: f.field for f in result.findings}
    assert reasons == {
        "line 5": "url",  # duplicate host (www. ignored)
        "line 6": "url",  # malformed
        "line 7": "url",  # an address
        "line 8": "region_code",
        "line 9": "site_code",
    }


def test_imported_toml_loads_as_a_registry(tmp_path):
    out = tmp_path / "national.toml"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["sites", "import", str(write(tmp_path, CSV, "p.csv")), "-o", str(out)]
    )
    assert result.exit_code == 1  # rows were left out
    assert "3 entries from 8 rows; 5 left out" in result.output
    sites = load_sites(out)
    assert set(sites) == {"620402-baiyinqu", "510903-scq", "340600-huaibei"}
    assert check_registry(out) == []
    assert tomllib.loads(out.read_text("utf-8"))["site"][0]["site_code"] == "6204020001"


def test_import_leaves_out_hosts_already_in_the_registry(tmp_path):
    csv_text = "name,url,region_code\n南山,http://www.szns.gov.cn/,440305\n"
    result = import_portals(
        write(tmp_path, csv_text, "p.csv"), known=load_sites().values()
    )
    assert result.entries == []
    assert "gd-sz-nanshan" in result.findings[0].problem


def test_import_column_mapping_and_encoding(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes(
        "单位,主页,代码\n示范县,http://www.sf.gov.cn/,620821\n".encode("gbk")
    )
    with pytest.raises(ImportFormatError, match="gb18030"):
        import_portals(path)
    with pytest.raises(ImportFormatError, match="no column for name, url"):
        import_portals(path, encoding="gb18030")
    result = import_portals(
        path,
        encoding="gb18030",
        columns={"name": "单位", "url": "主页", "region_code": "代码"},
    )
    assert [e["id"] for e in result.entries] == ["620821-sf"]
    assert result.entries[0]["level"] == "county"


# ------------------------------------------------------------------ the plan


def _finished(archive_dir, site_id, when):
    with Archive.open(archive_dir, software_version="t") as arch:
        crawl_id = arch.start_crawl(sites=[site_id])
        arch.finish_crawl(crawl_id, status="finished", stats={})
        arch.db.execute(
            "UPDATE crawls SET finished = ? WHERE id = ?",
            [when.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), crawl_id],
        )
        arch.db.conn.commit()


def test_due_plan_says_why_each_site_is_or_is_not_crawled(tmp_path):
    text = (
        entry("fresh", host="www.a.gov.cn")
        + entry("stale", host="www.b.gov.cn")
        + entry(
            "never",
            host="www.c.gov.cn",
            extra='report_columns = ["http://www.c.gov.cn/nb/"]',
        )
    )
    sites = load_sites(write(tmp_path, text)).values()
    archive_dir = tmp_path / "archive"
    _finished(archive_dir, "fresh", NOW - timedelta(days=2))
    _finished(archive_dir, "stale", NOW - timedelta(days=9))
    plan = {p.site_id: p for p in plan_due(archive_dir, sites, now=NOW)}
    assert not plan["fresh"].due
    assert "due 2026-12-06 12:00Z" in plan["fresh"].reason
    assert plan["stale"].due
    assert "interval 7d0h passed 2d0h ago" in plan["stale"].reason
    assert plan["never"].due
    assert plan["never"].reason == "never finished a crawl in this archive"
    assert plan["never"].start == ("column:http://www.c.gov.cn/nb/",)
    assert plan["stale"].start == ("start:http://www.b.gov.cn/",)
    assert [p.due for p in plan_requested(sites)] == [True, True, True]


def test_crawl_due_dry_run_prints_the_plan_and_fetches_nothing(tmp_path):
    registry = write(tmp_path, entry("far", host="www.far-away.gov.cn"))
    result = CliRunner().invoke(
        cli,
        ["crawl", "--due", "--dry-run", "--registry", str(registry),
         "--archive", str(tmp_path / "a")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == (
        "far\tcrawl\tnever finished a crawl in this archive\t"
        "start:http://www.far-away.gov.cn/\n"
    )
    # a dry run opens no archive either
    assert not (tmp_path / "a").exists()


def test_sites_lists_another_registry(tmp_path):
    registry = write(tmp_path, entry("far", host="www.far-away.gov.cn"))
    for args in (
        ["sites", "--registry", str(registry)],
        ["sites", "list", "--registry", str(registry)],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert result.output == "far\t440305\t某区\n"
    bundled = CliRunner().invoke(cli, ["sites"])
    assert "demo-platform\t440305" in bundled.output
