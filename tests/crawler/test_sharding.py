"""Host-sharded crawling: every site in exactly one shard, by a stable hash of its host."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from crawler.sharding import (
    Shard,
    ShardError,
    parse_shard,
    select_shard,
    shard_of,
    site_host,
)
from crawler.sites import load_sites

REGISTRY = """
[[site]]
id = "{id}"
name = "某区"
region_code = "440305"
level = "district"
start_urls = ["http://{host}/zfxxgk/"]
allowed_domains = ["{host}"]
crawl_interval = "7d"
"""


def registry(tmp_path, hosts):
    path = tmp_path / "sites.toml"
    text = "".join(
        REGISTRY.format(id=f"s{i:02d}", host=host) for i, host in enumerate(hosts)
    )
    path.write_text(text, encoding="utf-8")
    return path


HOSTS = [f"www.d{i}.example.gov.cn" for i in range(40)]


@pytest.mark.parametrize(
    ("text", "shard"),
    [("0/1", Shard(0, 1)), ("1/2", Shard(1, 2)), (" 7/8 ", Shard(7, 8))],
)
def test_shard_is_read_as_i_of_n_counted_from_zero(text, shard):
    assert parse_shard(text) == shard
    assert str(shard) == text.strip()


@pytest.mark.parametrize("text", ["2/2", "1/0", "-1/2", "a/b", "1", "1/2/3", ""])
def test_bad_shard_is_a_typed_error(text):
    with pytest.raises(ShardError):
        parse_shard(text)


def test_hash_is_stable_across_processes_and_hash_seeds():
    # sha256, not Python's salted hash(): every machine must agree on the split
    code = "from crawler.sharding import shard_of; print(shard_of('www.x.gov.cn', 97))"
    answers = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert answers == {str(shard_of("www.x.gov.cn", 97))}
    assert (
        shard_of("127.0.0.2", 2) == 1
    )  # pinned: a changed hash would re-split deployments
    assert shard_of("127.0.0.7", 2) == 0


def test_every_site_lands_in_exactly_one_shard_and_shards_are_used(tmp_path):
    sites = list(load_sites(registry(tmp_path, HOSTS)).values())
    for count in (1, 2, 3, 5):
        chosen = [select_shard(sites, Shard(i, count)) for i in range(count)]
        ids = [site.id for part in chosen for site in part]
        assert sorted(ids) == sorted(site.id for site in sites)
        assert all(part for part in chosen)  # 40 hosts fill every shard of 5


def test_sites_of_one_host_share_a_shard_whatever_the_www(tmp_path):
    hosts = ["www.a.gov.cn", "a.gov.cn", "WWW.A.GOV.CN", "www.b.gov.cn"]
    path = tmp_path / "sites.toml"
    path.write_text(
        "".join(
            REGISTRY.format(id=f"s{i}", host=h).replace(
                f'allowed_domains = ["{h}"]', f'allowed_domains = ["{h.lower()}"]'
            )
            for i, h in enumerate(hosts)
        ),
        encoding="utf-8",
    )
    sites = list(load_sites(path).values())
    assert {site_host(s) for s in sites[:3]} == {"a.gov.cn"}
    for count in (2, 3, 7):
        assert len({shard_of(site_host(s), count) for s in sites[:3]}) == 1


def test_portal_set_hosts_keep_their_three_sites_together(portal_set):
    sites = list(load_sites(portal_set.registry).values())
    for portal in portal_set.hosts:
        mine = [s for s in sites if s.id in portal.site_ids]
        assert {site_host(s) for s in mine} == {portal.host}


def dry_run(path, *extra):
    return CliRunner().invoke(
        cli, ["crawl", "--all", "--registry", str(path), "--dry-run", *extra]
    )


def test_dry_run_of_the_shards_partitions_the_registry(tmp_path):
    path = registry(tmp_path, HOSTS)
    whole = dry_run(path, "--archive", str(tmp_path / "a"))
    assert whole.exit_code == 0
    everything = [line.split("\t")[0] for line in whole.output.splitlines()]
    assert len(everything) == len(HOSTS)
    parts = []
    for index in range(3):
        result = dry_run(path, "--shard", f"{index}/3", "--archive", str(tmp_path))
        assert result.exit_code == 0
        parts.append([line.split("\t")[0] for line in result.output.splitlines()])
    assert sorted(i for part in parts for i in part) == sorted(everything)
    assert all(parts)


@pytest.mark.parametrize("value", ["3/3", "x", "0/0"])
def test_bad_shard_on_the_command_line_is_one_error_line_exit_2(tmp_path, value):
    result = dry_run(registry(tmp_path, HOSTS), "--shard", value)
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if "Error" in line]
    assert len(errors) == 1
    assert errors[0].startswith("Error: Invalid value for '--shard'")
    assert "Traceback" not in result.output


def test_shard_with_site_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(
        cli,
        ["crawl", "--site", "demo-trs", "--shard", "0/2", "--archive", str(tmp_path)],
    )
    assert result.exit_code == 2
    assert "--shard" in result.output


def test_an_empty_shard_crawls_nothing_and_says_so(tmp_path):
    path = registry(tmp_path, ["www.only.gov.cn"])
    owner = shard_of("only.gov.cn", 2)
    result = CliRunner().invoke(
        cli,
        [
            "crawl",
            "--all",
            "--registry",
            str(path),
            "--shard",
            f"{1 - owner}/2",
            "--archive",
            str(tmp_path / "a"),
        ],
    )
    assert result.exit_code == 0
    assert "no site to crawl in shard" in result.output


def test_dry_run_of_a_portal_set_shows_each_site_at_its_own_address(portal_set):
    result = dry_run(portal_set.registry, "--shard", "0/1")
    assert result.exit_code == 0
    lines = dict(line.split("\t", 1) for line in result.output.splitlines())
    assert set(lines) == set(portal_set.site_ids)
    for portal in portal_set.hosts:
        for site_id in portal.site_ids:
            assert f"start:{portal.url}" in lines[site_id]
