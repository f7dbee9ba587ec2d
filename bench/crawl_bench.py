"""Crawl benchmark: bare link following vs archiving vs the full pipeline (archive + parsing).

Starts the sample portal with ``--size`` reports (default 2000) and crawls its three sites
three times: ``scrapy crawl bare`` (same requests as the portal spider, nothing archived),
``scrapy crawl portal`` archiving only (``ARCHIVE_PARSE=False``), and ``scrapy crawl portal``
with the full pipeline (archive + parsing); one Scrapy process per site and mode. It prints
pages/s of each mode and their ratios. Pages = ``response_received_count``; time = Scrapy's
``elapsed_time_seconds`` summed over the sites (process start-up excluded).

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
    ("archive", "portal", ("ARCHIVE_PARSE=False",), "archive, no parse"),
    ("full", "portal", (), "full pipeline"),
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
    completed = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if (
        completed.returncode != 0
        or "'finish_reason': 'finished'" not in completed.stderr
    ):
        sys.exit(f"{spider} crawl of {site} failed:\n{completed.stderr[-3000:]}")
    return {name: float(value) for name, value in _STAT.findall(completed.stderr)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rates: dict[str, float] = {}
    started = time.monotonic()
    with (
        running_portal(seed=args.seed, size=args.size) as base_url,
        tempfile.TemporaryDirectory() as tmp,
    ):
        print(f"sample portal: {base_url} (seed {args.seed}, size {args.size})")
        for mode, spider, extra, label in MODES:
            pages = seconds = 0.0
            for site in SITES:
                settings = list(extra)
                if mode != "bare":
                    settings.append(f"ARCHIVE_DIR={Path(tmp, mode)}")
                stats = crawl(spider, site, base_url, settings)
                pages += stats.get("response_received_count", 0)
                seconds += stats.get("elapsed_time_seconds", 0)
            rates[mode] = pages / seconds
            print(
                f"{label:18} {pages:6.0f} pages in {seconds:6.1f} s = {rates[mode]:6.1f} pages/s"
            )
    print(
        f"ratio full/bare {rates['full'] / rates['bare']:.2f}, "
        f"archive-only/bare {rates['archive'] / rates['bare']:.2f} "
        f"(wall clock {time.monotonic() - started:.0f} s)"
    )


if __name__ == "__main__":
    main()
