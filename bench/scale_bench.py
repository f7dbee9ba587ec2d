"""Scaling benchmark: pages/s of 1, 2 and 4 workers on one shared Redis frontier, and merge time.

Starts a sample portal set (``crawler.sampleportal.portalset``: one portal per loopback
address) and a ``redis-server`` on 127.0.0.1, then, for each worker count, runs that many
``nianbao crawl --all --registry SET --frontier redis://…`` processes at once, each into its own
archive (parsing off: ``parse_bench`` measures it), and times them from the first start to the
last exit; pages are the captures the workers stored together. Then it times ``nianbao merge``
of the workers' archives into one. Politeness is on by default: the set's entries crawl with the
project's real per-host settings (``DOWNLOAD_DELAY`` 1 s randomised, AutoThrottle, 2 requests
per host; ``PORTAL_LOCAL_FAST=False``), so the curve shows what more workers buy when hosts,
not CPUs, are the limit; ``--fast`` lifts the delays to show the CPU-bound curve instead.
Rounds are interleaved (1, 2, 4 workers, then 4, 2, 1 …) against the same portals, the frontier
emptied before each run. ``--memory-sizes`` also runs ``bench/crawl_memory.py`` at those sizes
(sample-portal reports; pages are ~0.6 × size) for the 1k → 100k crawl-memory figures.

    python bench/scale_bench.py [--hosts 6] [--size 12] [--workers 1 2 4] [--rounds 2]
        [--fast] [--memory-sizes 1600 82000 162000]
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import redis

from crawler.sampleportal.portalset import running_portal_set

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def running_redis() -> Iterator[str]:
    """A redis-server on a free port of 127.0.0.1, without persistence; its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", ""]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        for _ in range(200):
            with contextlib.suppress(redis.ConnectionError):
                client.ping()
                break
            time.sleep(0.05)
        yield url
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=15)


def captures(archive: Path) -> int:
    with contextlib.closing(sqlite3.connect(archive / "index.sqlite")) as db:
        return int(db.execute("SELECT count(*) FROM captures").fetchone()[0])


def nianbao(*args: str | Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait(child: subprocess.Popen[bytes]) -> None:
    _, err = child.communicate(timeout=7200)
    if child.returncode != 0:
        sys.exit(f"nianbao failed ({child.returncode}):\n{err.decode()[-3000:]}")


def run(
    workers: int, *, registry: Path, frontier: str, folder: Path, fast: bool
) -> tuple[int, float, float]:
    """(pages, crawl wall seconds, merge wall seconds) of ``workers`` workers on one frontier."""
    with contextlib.closing(redis.Redis.from_url(frontier)) as client:
        client.flushdb()
    archives = [folder / f"worker-{i}" for i in range(workers)]
    politeness = [] if fast else ["-s", "PORTAL_LOCAL_FAST=False"]
    started = time.monotonic()
    command = [
        "crawl", "--all", "--registry", registry, "--frontier", frontier,
        "-s", "ARCHIVE_PARSE=off", "-s", "NIANBAO_FRONTIER_MAX_HOSTS=0", *politeness,
    ]  # fmt: skip
    children = [nianbao(*command, "--archive", archive) for archive in archives]
    for child in children:
        wait(child)
    crawl_wall = time.monotonic() - started
    pages = sum(captures(a) for a in archives if (a / "index.sqlite").exists())
    started = time.monotonic()
    wait(nianbao("merge", *archives, "--into", folder / "merged"))
    return pages, crawl_wall, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", type=int, default=6)
    parser.add_argument("--size", type=int, default=12, help="reports per portal")
    parser.add_argument("--workers", type=int, nargs="+", default=(1, 2, 4))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--fast", action="store_true", help="no per-host delays")
    parser.add_argument("--memory-sizes", type=int, nargs="*", default=())
    args = parser.parse_args()
    counts = sorted(args.workers)
    results: dict[int, list[tuple[int, float, float]]] = {n: [] for n in counts}
    with (
        running_portal_set(hosts=args.hosts, size=args.size) as portals,
        running_redis() as frontier,
        tempfile.TemporaryDirectory(prefix="nianbao-scale-") as tmp,
    ):
        for round_ in range(1, args.rounds + 1):
            for n in counts if round_ % 2 else counts[::-1]:
                folder = Path(tmp) / f"r{round_}-w{n}"
                folder.mkdir()
                pages, wall, merge = run(
                    n, registry=portals.registry, frontier=frontier, folder=folder,
                    fast=args.fast,
                )  # fmt: skip
                results[n].append((pages, wall, merge))
                print(
                    f"round {round_}  workers {n}  pages {pages:>6}  crawl {wall:7.1f} s  "
                    f"{pages / wall:7.1f} pages/s  merge {merge:6.1f} s",
                    flush=True,
                )
    mode = "no per-host delays" if args.fast else "politeness on"
    print(
        f"\n{args.hosts} hosts × {args.size} reports, {mode}; medians of {args.rounds} rounds"
    )
    print("workers   pages   pages/s   speed-up   merge s")
    base = statistics.median(p / w for p, w, _ in results[counts[0]])
    for n in counts:
        rate = statistics.median(p / w for p, w, _ in results[n])
        pages = statistics.median(p for p, _, _ in results[n])
        merge = statistics.median(m for _, _, m in results[n])
        print(
            f"{n:>7}  {pages:>6.0f}  {rate:>8.1f}  {rate / base:>8.2f}x  {merge:>8.1f}"
        )
    if args.memory_sizes:
        sizes = [str(s) for s in args.memory_sizes]
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "crawl_memory.py"),
                "--sizes",
                *sizes,
            ],
            cwd=ROOT,
            check=True,
        )


if __name__ == "__main__":
    main()
