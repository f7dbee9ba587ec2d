"""Merge memory benchmark: peak RSS of ``nianbao merge`` as the archives grow.

Shards of a national crawl are merged into one archive (``archive.merge``): that must not need
memory in proportion to the archives. For each ``--sizes`` value this writes two archives of
that many small captures each (distinct hosts, one document per capture, through
``Archive.store_many`` as a crawl writes them), then merges them into a new archive in a child
process and reads the child's peak resident set (``ru_maxrss`` through ``os.wait4``) and wall
time. Rounds are interleaved (every size once per round, largest first in odd rounds) so the
machine's load hits all sizes alike; it prints each merge, then per size the median peak RSS and
its ratio to the smallest size's. The parse rows (texts, reports, cells) are not part of this:
the archives hold no parse.

    python bench/merge_memory.py [--sizes 2000 40000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from archive import MAX_GROUP, Archive, Capture

T0 = datetime(2026, 1, 1, tzinfo=UTC)
_MERGE = (
    "import sys; from archive.merge import merge;"
    " print(merge(sys.argv[1:3], sys.argv[3], software_version='bench').line())"
)


def write_archive(directory: Path, shard: int, captures: int) -> None:
    """An archive of ``captures`` small list pages of host ``h{shard}.test``."""
    with Archive.open(directory, software_version="bench") as archive:
        group: list[Capture] = []
        for i in range(captures):
            group.append(
                Capture(
                    url=f"http://h{shard}.test/list/{i}.html",
                    status=200,
                    body=f"<p>page {shard} {i}</p>".encode() * 20,
                    fetched_at=T0 + timedelta(seconds=i),
                    kind="list",
                    site_id=f"site-{shard}",
                    response_headers=(("Content-Type", "text/html"),),
                )
            )
            if len(group) == MAX_GROUP:
                archive.store_many(group)
                group = []
        if group:
            archive.store_many(group)


def merge_once(inputs: list[Path], into: Path) -> tuple[float, float]:
    """(peak RSS in MiB, wall seconds) of one ``merge`` of ``inputs`` in a child process."""
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-c", _MERGE, *map(str, inputs), str(into)],
        stdout=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        msg = f"merge of {inputs} failed"
        raise SystemExit(msg)
    return usage.ru_maxrss / 1024, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 40000])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    results: dict[int, list[tuple[float, float]]] = {size: [] for size in sizes}
    with tempfile.TemporaryDirectory(prefix="nianbao-merge-bench-") as tmp:
        root = Path(tmp)
        for size in sizes:
            print(f"writing 2 archives of {size} captures …", flush=True)
            for shard in (0, 1):
                write_archive(root / f"{size}" / f"a{shard}", shard, size)
        for round_no in range(1, args.rounds + 1):
            order = sizes[::-1] if round_no % 2 else sizes
            for size in order:
                inputs = [root / f"{size}" / "a0", root / f"{size}" / "a1"]
                into = root / f"{size}" / f"merged-{round_no}"
                rss, wall = merge_once(inputs, into)
                results[size].append((rss, wall))
                print(
                    f"round {round_no}  {2 * size:>8} captures  "
                    f"peak RSS {rss:7.1f} MiB  {wall:6.1f} s",
                    flush=True,
                )
    base = statistics.median(rss for rss, _ in results[sizes[0]])
    print("captures  peak RSS MiB (median)  × smallest  wall s (median)")
    for size in sizes:
        rss = statistics.median(r for r, _ in results[size])
        wall = statistics.median(w for _, w in results[size])
        print(f"{2 * size:>8}  {rss:>21.1f}  {rss / base:>10.2f}  {wall:>15.1f}")


if __name__ == "__main__":
    main()
