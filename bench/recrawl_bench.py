"""Re-crawl benchmark: what an unchanged re-crawl costs next to the first crawl.

Starts the sample portal with ``--size`` reports (default 2000), crawls its three sites once
into a fresh archive, then again with nothing changed, one ``scrapy crawl portal`` process per
site and crawl, default settings (conditional list fetches, revisit policy, unchanged-list
short-circuit). Requests and response bytes are Scrapy's ``downloader/request_count`` and
``downloader/response_bytes`` as stored in ``crawls.stats``. It prints both crawls per site and
in all, and the ratios second/first; the target is ≤ 10 % for both.

    python bench/recrawl_bench.py [--size 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crawler.sampleportal.process import running_portal

ROOT = Path(__file__).resolve().parents[1]
SITES = ("demo-trs", "demo-hanweb", "demo-gkmlpt")
TARGET = 0.10


def crawl(site: str, base_url: str, archive_dir: Path) -> float:
    """Crawl one site into ``archive_dir``; return the wall-clock seconds."""
    command = [
        sys.executable, "-m", "scrapy", "crawl", "portal", "-a", f"site={site}",
        "-a", f"base_url={base_url}", "-s", f"ARCHIVE_DIR={archive_dir}",
        "-s", "LOG_LEVEL=INFO", "-s", "NIANBAO_PROGRESS_INTERVAL=0",
        "-s", "PORTAL_MAX_LIST_PAGES=1000",
    ]  # fmt: skip
    started = time.monotonic()
    completed = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.exit(f"crawl of {site} failed:\n{completed.stderr[-3000:]}")
    return time.monotonic() - started


def last_stats(archive_dir: Path) -> dict[str, int]:
    """The newest crawl's status, requests and response bytes, from ``crawls``."""
    with sqlite3.connect(archive_dir / "index.sqlite") as db:
        status, text = db.execute(
            "SELECT status, stats FROM crawls ORDER BY id DESC LIMIT 1"
        ).fetchone()
    if status != "finished":
        sys.exit(f"crawl ended {status}, not finished")
    stats = json.loads(text)
    return {
        "requests": int(stats.get("downloader/request_count", 0)),
        "bytes": int(stats.get("downloader/response_bytes", 0)),
        "skipped": int(stats.get("nianbao/incremental/pages-skipped", 0)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    totals = {1: {"requests": 0, "bytes": 0}, 2: {"requests": 0, "bytes": 0}}
    with (
        running_portal(seed=args.seed, size=args.size) as base_url,
        tempfile.TemporaryDirectory() as tmp,
    ):
        print(f"sample portal: {base_url} (seed {args.seed}, size {args.size})")
        archive_dir = Path(tmp, "archive")
        for run in (1, 2):
            for site in SITES:
                seconds = crawl(site, base_url, archive_dir)
                stats = last_stats(archive_dir)
                for key in ("requests", "bytes"):
                    totals[run][key] += stats[key]
                print(
                    f"{site:12} crawl {run}: {stats['requests']:6d} requests "
                    f"{stats['bytes']:11d} bytes, {stats['skipped']:4d} list pages "
                    f"skipped, {seconds:5.1f} s"
                )
    ok = True
    for key in ("requests", "bytes"):
        ratio = totals[2][key] / max(totals[1][key], 1)
        ok = ok and ratio <= TARGET
        print(
            f"all sites {key:8}: first {totals[1][key]:11d}, unchanged "
            f"{totals[2][key]:11d}, ratio {ratio:7.2%} (target ≤ {TARGET:.0%})"
        )
    if not ok:
        sys.exit("an unchanged re-crawl costs more than the target")


if __name__ == "__main__":
    main()
