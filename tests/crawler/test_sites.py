from __future__ import annotations

from datetime import timedelta

import pytest

from crawler.sites import (
    SiteConfigError,
    UnknownSiteError,
    get_site,
    load_sites,
)

GOOD = """
[[site]]
id = "x-one"
name = "某区"
region_code = "440305"
level = "district"
start_urls = ["http://www.example.gov.cn/zfxxgk/zfxxgknb/index.html"]
allowed_domains = ["www.example.gov.cn"]
crawl_interval = "7d"
cms = "trs"
"""


def write(tmp_path, text):
    path = tmp_path / "sites.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_registry_holds_the_three_local_demo_sites():
    sites = load_sites()
    for site_id, cms in (
        ("demo-trs", "trs"),
        ("demo-hanweb", "hanweb"),
        ("demo-gkmlpt", "gkmlpt"),
    ):
        assert sites[site_id].local
        assert sites[site_id].cms == cms
        assert sites[site_id].start_urls[0].startswith("/")
    assert any(not s.local for s in sites.values())


def test_local_site_resolves_paths_against_base_url_and_allows_only_its_host():
    site = get_site("demo-trs").resolve("http://127.0.0.1:8123/")
    assert site.start_urls == ("http://127.0.0.1:8123/trs/zfxxgk/zfxxgknb/index.html",)
    assert site.allowed_domains == ("127.0.0.1",)


def test_local_site_without_base_url_is_a_config_error():
    with pytest.raises(SiteConfigError, match="base_url"):
        get_site("demo-hanweb").resolve(None)


def test_unknown_site_lists_close_ids():
    with pytest.raises(UnknownSiteError, match="did you mean demo-trs"):
        get_site("demo-trx")


def test_valid_entry_loads_with_interval_in_seconds(tmp_path):
    site = load_sites(write(tmp_path, GOOD))["x-one"]
    assert site.crawl_interval == timedelta(days=7)
    assert site.level == "district"
    assert not site.local


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('region_code = "440305"', 'region_code = "4403"', "region_code"),
        ('region_code = "440305"', 'region_code = "990305"', "region_code"),
        ('level = "district"', 'level = "galaxy"', "level"),
        ('crawl_interval = "7d"', 'crawl_interval = "soon"', "crawl_interval"),
        ('cms = "trs"', 'cms = "wordpress"', "cms"),
        (
            'allowed_domains = ["www.example.gov.cn"]',
            'allowed_domains = ["other.gov.cn"]',
            "allowed_domains",
        ),
        ('name = "某区"', 'name = ""', "name"),
        ('cms = "trs"', 'cms = "trs"\ncolour = "red"', "colour"),
    ],
)
def test_bad_field_error_names_entry_and_field(tmp_path, old, new, field):
    with pytest.raises(SiteConfigError) as info:
        load_sites(write(tmp_path, GOOD.replace(old, new)))
    assert info.value.site_id == "x-one"
    assert info.value.field == field
    assert "x-one" in str(info.value)


def test_duplicate_ids_are_rejected(tmp_path):
    with pytest.raises(SiteConfigError, match="duplicate"):
        load_sites(write(tmp_path, GOOD + GOOD))


def test_crawl_interval_is_read_with_the_archive_interval_syntax(tmp_path):
    entry = GOOD.replace('crawl_interval = "7d"', 'crawl_interval = "1d12h"')
    assert entry != GOOD
    [site] = load_sites(write(tmp_path, entry)).values()
    assert site.crawl_interval == timedelta(days=1, hours=12)


def test_zero_crawl_interval_is_a_config_error(tmp_path):
    entry = GOOD.replace('crawl_interval = "7d"', 'crawl_interval = "0d"')
    with pytest.raises(SiteConfigError, match="crawl_interval"):
        load_sites(write(tmp_path, entry))


def test_registry_loads_from_inside_a_zip_as_scrapyd_eggs_hold_it(tmp_path):
    import zipfile

    from crawler.sites import DEFAULT_REGISTRY

    egg = tmp_path / "project.egg"
    with zipfile.ZipFile(egg, "w") as zipped:
        zipped.writestr(
            "crawler/sites.toml", DEFAULT_REGISTRY.read_text(encoding="utf-8")
        )
    sites = load_sites(zipfile.Path(egg, "crawler/sites.toml"))
    assert sites == load_sites()
