"""Crawl memory benchmark: peak RSS of a crawl of a large sample portal vs a small one.

A crawl must stay bounded as a portal grows: the spider keeps per-crawl sets (details and list
pages seen, columns paged) and Scrapy keeps its scheduler queue and duplicate filter, so the
peak resident set of a 50,000-page crawl should stay close to that of a 1,000-page one. This
starts the sample portal at each size and crawls its TRS site (the family whose lists grow with
the portal: one column of thousands of pages) with the full portal spider, archiving without
parsing (``ARCHIVE_PARSE=off``: parsing is measured by ``parse_bench``), with the list and
link caps lifted (the large portal's district page links thousands of sub-columns). Rounds are
interleaved (small, large, small, large …) so machine load hits both alike. Peak RSS is the
crawl process's own ``ru_maxrss`` (``os.wait4``); pages are Scrapy's
``response_received_count``. It prints each round and the ratio of the medians.

    python bench/crawl_memory.py [--sizes 1000 50000] [--rounds 2] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crawler.sampleportal.process import running_portal

ROOT = Path(__file__).resolve().parents[1]
SITE = "demo-trs"
_PAGES = re.compile(r"'response_received_count': (\d+)")


def crawl(base_url: str, archive: Path) -> tuple[int, float, float]:
    """(pages fetched, peak RSS in MiB, wall seconds) of one crawl in its own process."""
    command = [
        sys.executable, "-m", "scrapy", "crawl", "portal", "-a", f"site={SITE}",
        "-a", f"base_url={base_url}", "-s", f"ARCHIVE_DIR={archive}",
        "-s", "ARCHIVE_PARSE=off", "-s", "NIANBAO_PROGRESS_INTERVAL=0",
        "-s", "PORTAL_MAX_LIST_PAGES=100000", "-s", "PORTAL_MAX_LINKS_PER_PAGE=1000000",
        "-s", "LOG_LEVEL=INFO",
    ]  # fmt: skip
    log = archive / "crawl.log"
    started = time.monotonic()
    with log.open("w") as err:
        child = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err
        )
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - started
    text = log.read_text(encoding="utf-8", errors="replace")
    if status != 0 or "'finish_reason': 'finished'" not in text:
        sys.exit(f"crawl failed (status {status}):\n{text[-3000:]}")
    pages = int(_PAGES.findall(text)[-1])
    return pages, usage.ru_maxrss / 1024, wall  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=(1000, 50000))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    peaks: dict[int, list[float]] = {size: [] for size in args.sizes}
    pages_of: dict[int, int] = {}
    with (
        running_portal(seed=args.seed, size=args.sizes[0]) as small,
        running_portal(seed=args.seed, size=args.sizes[1], start_timeout=600) as large,
        tempfile.TemporaryDirectory(prefix="nianbao-mem-") as tmp,
    ):
        for round_ in range(1, args.rounds + 1):
            for size, url in zip(args.sizes, (small, large), strict=True):
                archive = Path(tmp) / f"{size}-{round_}"
                archive.mkdir()
                pages, peak, wall = crawl(url, archive)
                peaks[size].append(peak)
                pages_of[size] = pages
                print(
                    f"round {round_}  size {size:>6}  pages {pages:>6}  "
                    f"peak RSS {peak:7.1f} MiB  {wall:6.1f} s  {pages / wall:6.1f} pages/s",
                    flush=True,
                )
    small_size, large_size = args.sizes
    small_peak = statistics.median(peaks[small_size])
    large_peak = statistics.median(peaks[large_size])
    print(
        f"median peak RSS: {pages_of[small_size]} pages {small_peak:.1f} MiB, "
        f"{pages_of[large_size]} pages {large_peak:.1f} MiB, "
        f"ratio {large_peak / small_peak:.3f}"
    )


if __name__ == "__main__":
    main()
