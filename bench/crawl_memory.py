"""Crawl memory benchmark: peak RSS of crawls of sample portals from ~1,000 to ~100,000 pages.

A crawl must stay bounded as a portal grows: Scrapy's pending requests live in disk queues
(``crawler.queues``, also without ``--job``) and the duplicate filter's fingerprints and the
spider's per-crawl sets (details, list pages, offsite links) in on-disk sets (``crawler.seen``),
so the peak resident set of a 100,000-page crawl should stay within 20 % of a 1,000-page one.
This starts the sample portal at each size (``--size`` counts reports; pages fetched are about
0.6 × size) and crawls its TRS site (the family whose lists grow with the portal: one column
of thousands of pages) with the full portal spider, archiving without parsing
(``ARCHIVE_PARSE=off``: parsing is measured by ``parse_bench``), with the list and link caps
lifted (the large portal's district page links thousands of sub-columns). ``--memory-queues``
adds, at every size, a crawl with Scrapy's own in-memory scheduler and duplicate filter (the
baseline before the disk queues; the spider's sets stay on disk). Rounds are interleaved
(every size and variant once per round, largest first in odd rounds, smallest first in even
ones) so machine load hits all alike. Peak RSS is the crawl process's own ``ru_maxrss``
(``os.wait4``); pages are Scrapy's ``response_received_count``. It prints each crawl, then per
size and variant the median peak RSS and its ratio to the smallest size's.

    python bench/crawl_memory.py [--sizes 1600 82000 162000] [--rounds 1] [--memory-queues]
"""

from __future__ import annotations

import argparse
import contextlib
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


#: Scrapy's own scheduler and duplicate filter: every pending request and fingerprint in memory.
MEMORY_QUEUES = (
    "-s", "SCHEDULER=scrapy.core.scheduler.Scheduler",
    "-s", "DUPEFILTER_CLASS=scrapy.dupefilters.RFPDupeFilter",
)  # fmt: skip


def crawl(
    base_url: str, archive: Path, extra: tuple[str, ...] = ()
) -> tuple[int, float, float]:
    """(pages fetched, peak RSS in MiB, wall seconds) of one crawl in its own process."""
    command = [
        sys.executable, "-m", "scrapy", "crawl", "portal", "-a", f"site={SITE}",
        "-a", f"base_url={base_url}", "-s", f"ARCHIVE_DIR={archive}",
        "-s", "ARCHIVE_PARSE=off", "-s", "NIANBAO_PROGRESS_INTERVAL=0",
        "-s", "PORTAL_MAX_LIST_PAGES=100000", "-s", "PORTAL_MAX_LINKS_PER_PAGE=1000000",
        "-s", "LOG_LEVEL=INFO", *extra,
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
    parser.add_argument("--sizes", type=int, nargs="+", default=(1600, 82000, 162000))
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--memory-queues", action="store_true")
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    variants = {"disk": ()} | ({"memory": MEMORY_QUEUES} if args.memory_queues else {})
    peaks: dict[tuple[int, str], list[float]] = {}
    pages_of: dict[int, int] = {}
    with (
        contextlib.ExitStack() as stack,
        tempfile.TemporaryDirectory(prefix="nianbao-mem-") as tmp,
    ):
        urls = {
            size: stack.enter_context(
                running_portal(seed=args.seed, size=size, start_timeout=60 + size / 100)
            )
            for size in sizes
        }
        for round_ in range(1, args.rounds + 1):
            order = sizes[::-1] if round_ % 2 else sizes
            for size in order:
                for variant, extra in variants.items():
                    archive = Path(tmp) / f"{size}-{variant}-{round_}"
                    archive.mkdir()
                    pages, peak, wall = crawl(urls[size], archive, extra)
                    peaks.setdefault((size, variant), []).append(peak)
                    pages_of[size] = pages
                    print(
                        f"round {round_}  size {size:>6}  {variant:<6}  pages {pages:>6}  "
                        f"peak RSS {peak:7.1f} MiB  {wall:6.1f} s  {pages / wall:6.1f} pages/s",
                        flush=True,
                    )
    for variant in variants:
        base = statistics.median(peaks[(sizes[0], variant)])
        for size in sizes:
            peak = statistics.median(peaks[(size, variant)])
            print(
                f"{variant:<6}  {pages_of[size]:>6} pages  median peak RSS {peak:7.1f} MiB  "
                f"ratio to {pages_of[sizes[0]]} pages {peak / base:.3f}"
            )


if __name__ == "__main__":
    main()
