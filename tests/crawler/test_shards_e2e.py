"""Two host shards crawled apart and merged equal one worker's crawl of the same portals.

Six sample portals, each on its own loopback address, are crawled twice from fresh servers at
the same URLs (the portal's flaky page fails once per server process): once by a single worker,
once as ``--shard 0/2`` and ``--shard 1/2`` in two processes at the same time, each into its
own archive. ``nianbao merge`` of the two shards must hold the same (url, kind, sha256)
captures as the single worker's archive, pass ``verify``, and be the same archive whatever the
order of its inputs and however often it is repeated.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from archive import verify
from archive.merge_rows import canonical_dump
from archive.verify import open_index_readonly
from crawler.sampleportal.portalset import running_portal_set, set_hosts
from tests.crawler.local_servers import finish, free_port, nianbao

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

HOSTS = 6
SIZE = 12


def captures(directory) -> set[tuple[str, str, str]]:
    with closing(
        sqlite3.connect(f"file:{directory}/index.sqlite?mode=ro", uri=True)
    ) as db:
        return set(
            db.execute(
                "SELECT c.url, c.kind, d.sha256 FROM captures c"
                " JOIN documents d ON d.id = c.document_id"
            )
        )


def workers(directory) -> set[str]:
    with closing(
        sqlite3.connect(f"file:{directory}/index.sqlite?mode=ro", uri=True)
    ) as db:
        return {w for (w,) in db.execute("SELECT DISTINCT worker FROM crawls")}


def dump(directory) -> list[str]:
    db = open_index_readonly(directory)
    try:
        return canonical_dump(db)
    finally:
        db.close()


def test_two_shards_merged_equal_one_worker_and_merging_is_idempotent_and_commutative(
    tmp_path,
):
    hosts = set_hosts(HOSTS)
    port = free_port(
        hosts[0]
    )  # (the other addresses are as unused: nothing binds them)
    registry = tmp_path / "sites.toml"
    single, shard0, shard1 = tmp_path / "single", tmp_path / "s0", tmp_path / "s1"
    with running_portal_set(hosts=HOSTS, size=SIZE, registry=registry, port=port):
        finish(
            nianbao(
                "crawl", "--all", "--registry", str(registry), "--archive", str(single)
            )
        )
    with running_portal_set(hosts=HOSTS, size=SIZE, registry=registry, port=port):
        children = [
            nianbao(
                "crawl",
                "--all",
                "--registry",
                str(registry),
                "--shard",
                f"{index}/2",
                "--archive",
                str(archive),
            )
            for index, archive in enumerate((shard0, shard1))
        ]
        for child in children:
            finish(child)
    parts = [captures(shard0), captures(shard1)]
    assert all(parts)  # both shards crawled something
    assert not {u for u, _, _ in parts[0]} & {u for u, _, _ in parts[1]}
    assert any(" shard 0/2" in w for w in workers(shard0))
    assert any(" shard 1/2" in w for w in workers(shard1))

    merged, reversed_ = tmp_path / "merged", tmp_path / "reversed"
    first = finish(nianbao("merge", str(shard0), str(shard1), "--into", str(merged)))
    assert "0 WARC files" not in first
    once = dump(merged)
    again = finish(nianbao("merge", str(shard0), str(shard1), "--into", str(merged)))
    assert "merged: 0 WARC files, 0 crawls, 0 captures, 0 documents, 0 events" in again
    finish(nianbao("merge", str(shard1), str(shard0), "--into", str(reversed_)))

    assert captures(merged) == captures(single)
    assert dump(merged) == once  # merge twice = merge once
    assert dump(reversed_) == once  # merge(B, A) = merge(A, B)
    assert workers(merged) == workers(shard0) | workers(shard1)
    result = verify(merged)
    assert result.ok, result.problems[:5]
    with closing(
        sqlite3.connect(f"file:{merged}/index.sqlite?mode=ro", uri=True)
    ) as db:
        reports = db.execute("SELECT count(*) FROM reports").fetchone()[0]
    with closing(
        sqlite3.connect(f"file:{single}/index.sqlite?mode=ro", uri=True)
    ) as db:
        assert reports == db.execute("SELECT count(*) FROM reports").fetchone()[0] > 0
