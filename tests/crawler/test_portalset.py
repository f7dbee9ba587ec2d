"""The multi-host loopback portal set: one portal per address, a registry that lists them."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from crawler.sampleportal.portalset import (
    PortalSetError,
    running_portal_set,
    set_hosts,
)
from crawler.sites import SiteConfigError, load_sites


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read()


def test_hosts_are_consecutive_loopback_addresses_after_127_0_0_1():
    assert set_hosts(3) == ["127.0.0.2", "127.0.0.3", "127.0.0.4"]
    many = set_hosts(300)
    assert "127.0.0.255" not in many
    assert "127.0.1.0" not in many
    assert many[253] == "127.0.1.1"


def test_a_set_needs_a_host():
    with pytest.raises(PortalSetError):
        set_hosts(0)


def test_each_portal_answers_on_its_own_address_with_its_own_seed(portal_set):
    assert [p.host for p in portal_set.hosts] == set_hosts(6)
    pages = []
    for portal in portal_set.hosts:
        assert portal.url.startswith(f"http://{portal.host}:")
        pages.append(fetch(portal.url + "trs/zfxxgk/zfxxgknb/index.html"))
    assert len(set(pages)) == len(pages)  # seeded differently: six different columns
    first = portal_set.hosts[0]
    port = first.url.rsplit(":", 1)[1]
    with pytest.raises(urllib.error.URLError):  # bound to 127.0.0.2 only
        fetch(f"http://127.0.0.1:{port}/trs/zfxxgk/zfxxgknb/index.html")


def test_registry_lists_three_local_sites_per_host_with_their_base_url(portal_set):
    sites = load_sites(portal_set.registry)
    assert tuple(sites) == portal_set.site_ids
    assert len(sites) == 18
    for portal in portal_set.hosts:
        for site_id in portal.site_ids:
            site = sites[site_id]
            assert site.local
            assert site.is_crawlable_alone
            assert site.base_url == portal.url
            resolved = site.resolve(None)
            assert resolved.allowed_domains == (portal.host,)
            assert resolved.start_urls[0].startswith(portal.url)


def test_command_line_prints_the_registry_path_and_serves_until_terminated(tmp_path):
    import subprocess
    import sys

    registry = tmp_path / "set.toml"
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crawler.sampleportal.portalset",
            "--hosts",
            "2",
            "--size",
            "5",
            "--seed",
            "40",
            "--registry",
            str(registry),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == str(registry)
            sites = load_sites(registry)
            assert len(sites) == 6
            url = sites["h002-gkmlpt"].base_url
            assert url is not None
            assert url.startswith("http://127.0.0.3:")
            assert fetch(url + "gd/gkmlpt/index")
        finally:
            child.terminate()
            assert child.wait(timeout=20) == 0
    with pytest.raises(urllib.error.URLError):  # its portals went with it
        fetch(url + "gd/gkmlpt/index")


def test_bad_sizes_are_refused_before_anything_starts():
    with pytest.raises(PortalSetError), running_portal_set(hosts=2, size=0):
        pass


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('local = true\nbase_url = "http://10.0.0.2:80/"', "loopback"),
        ('local = true\nbase_url = "ftp://127.0.0.2/"', "loopback"),
        ('allowed_domains = ["127.0.0.2"]\nbase_url = "http://127.0.0.2:80/"', "local"),
    ],
)
def test_base_url_is_loopback_and_local_only(tmp_path, entry, problem):
    start = '"/trs/"' if "local" in entry else '"http://127.0.0.2/"'
    path = tmp_path / "sites.toml"
    path.write_text(
        f'[[site]]\nid = "x"\nname = "x"\nregion_code = "440305"\nlevel = "district"\n'
        f'start_urls = [{start}]\ncrawl_interval = "7d"\n{entry}\n',
        encoding="utf-8",
    )
    with pytest.raises(SiteConfigError, match=problem):
        load_sites(path)
