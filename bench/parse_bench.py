"""Parse throughput: text reports per second on one core, against merely reading the files.

Usage: ``python bench/parse_bench.py [--repeat N]``. Reads the corpus files (the five real
reports shipped with the sample portal) N times each; times (a) reading the files from disk and
decoding them, (b) parsing the already-read texts with ``parse_report``. Prints both, the
reports/s of parsing, and the parse/read ratio. ``--cold`` empties the cell cache before every
report, for the case where no two reports share a cell text. The target is >= 1,000 text reports/s.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from parsers.model import Document
from parsers.report import parse_report
from parsers.report.cells import read_cell

CORPUS = Path(__file__).resolve().parents[1] / "crawler" / "sampleportal" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=400, help="times each corpus file is used"
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="clear the cell cache before every report (worst case: no two reports share a cell)",
    )
    args = parser.parse_args()
    paths = sorted(CORPUS.glob("*.txt")) * args.repeat

    started = time.perf_counter()
    texts = [path.read_text(encoding="utf-8") for path in paths]
    read_seconds = time.perf_counter() - started

    documents = [Document(text=text) for text in texts]
    started = time.perf_counter()
    statuses: dict[str, int] = {}
    for document in documents:
        if args.cold:
            read_cell.cache_clear()
        report = parse_report(document)
        statuses[report.status] = statuses.get(report.status, 0) + 1
    parse_seconds = time.perf_counter() - started

    count = len(documents)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"reports: {count} ({megabytes:.1f} MB of text), statuses: {statuses}")
    print(f"read:  {read_seconds:.3f} s  ({count / read_seconds:,.0f} files/s)")
    print(
        f"parse: {parse_seconds:.3f} s  ({count / parse_seconds:,.0f} reports/s on one core)"
    )
    print(f"parse/read time ratio: {parse_seconds / read_seconds:.1f}x")


if __name__ == "__main__":
    main()
