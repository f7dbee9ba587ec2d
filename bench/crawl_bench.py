"""Crawl benchmark: bare link following vs archiving vs the full pipeline (archive + parsing).

Starts the sample portal with ``--size`` reports (default 2000) and crawls its three sites
four times: ``scrapy crawl bare`` (same requests as the portal spider, nothing archived), and
``scrapy crawl portal`` with ``ARCHIVE_PARSE=off`` (archive only), ``inline`` (parse each new
document as it is stored) and ``after`` (the default: parse when the spider closes); one Scrapy
process per site and mode. Pages = ``response_received_count``. It prints two rates per mode:
crawl pages/s over Scrapy's ``elapsed_time_seconds`` (the download phase: what parsing must not
slow down) and pages/s over the wall-clock time of the whole process (start-up and the
``after`` parse pass included: the total cost), and the ratios to the bare spider.

    python bench/crawl_bench.py [--size 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crawler.sampleportal.process import running_portal

ROOT = Path(__file__).resolve().parents[1]
SITES = ("demo-trs", "demo-hanweb", "demo-gkmlpt")
#: (mode, spider, extra settings, label)
MODES = (
    ("bare", "bare", (), "bare spider"),
    ("archive", "portal", ("ARCHIVE_PARSE=off",), "archive, no parse"),
    ("inline", "portal", ("ARCHIVE_PARSE=inline",), "full, parse inline"),
    ("after", "portal", ("ARCHIVE_PARSE=after",), "full, parse after"),
)
_STAT = re.compile(r"'(response_received_count|elapsed_time_seconds)': ([\d.]+)")


def crawl(
    spider: str, site: str, base_url: str, settings: list[str]
) -> dict[str, float]:
    command = [
        sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"site={site}",
        "-a", f"base_url={base_url}", "-s", "LOG_LEVEL=INFO", "-s", "NIANBAO_PROGRESS_INTERVAL=0",
        "-s", "PORTAL_MAX_LIST_PAGES=1000",
    ]  # fmt: skip
    for setting in settings:
        command += ["-s", setting]
    started = time.monotonic()
    completed = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    wall = time.monotonic() - started
    if (
        completed.returncode != 0
        or "'finish_reason': 'finished'" not in completed.stderr
    ):
        sys.exit(f"{spider} crawl of {site} failed:\n{completed.stderr[-3000:]}")
    stats = {name: float(value) for name, value in _STAT.findall(completed.stderr)}
    stats["wall_seconds"] = wall
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    crawl_rates: dict[str, float] = {}
    wall_rates: dict[str, float] = {}
    started = time.monotonic()
    with (
        running_portal(seed=args.seed, size=args.size) as base_url,
        tempfile.TemporaryDirectory() as tmp,
    ):
        print(f"sample portal: {base_url} (seed {args.seed}, size {args.size})")
        for mode, spider, extra, label in MODES:
            pages = seconds = wall = 0.0
            for site in SITES:
                settings = list(extra)
                if mode != "bare":
                    settings.append(f"ARCHIVE_DIR={Path(tmp, mode)}")
                stats = crawl(spider, site, base_url, settings)
                pages += stats.get("response_received_count", 0)
                seconds += stats.get("elapsed_time_seconds", 0)
                wall += stats["wall_seconds"]
            crawl_rates[mode] = pages / seconds
            wall_rates[mode] = pages / wall
            print(
                f"{label:20} {pages:6.0f} pages: crawl {crawl_rates[mode]:6.1f} pages/s "
                f"({crawl_rates[mode] / crawl_rates['bare']:.2f} of bare), "
                f"wall {wall_rates[mode]:6.1f} pages/s "
                f"({wall_rates[mode] / wall_rates['bare']:.2f} of bare)"
            )
    print(f"wall clock of the whole benchmark: {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
