"""Metadata cost: ``detect_metadata`` against the whole ``parse_report``, in CPU time.

Usage: ``PYTHONPATH=. python bench/metadata_bench.py [--rounds N] [--cold]`` (from the repository
root: it imports the generated cases of ``tests/``). Uses the sample portal's corpus
reports and, apart, the generated metadata cases (header blocks, headings, signatures, HTML
pages; short documents without tables, so metadata is most of their parse). Interleaves rounds of (a) ``detect_metadata`` alone and (b) the full ``parse_report`` over the
same documents, and prints documents per CPU-second for each and the share of parse time that
metadata takes. ``--cold`` clears the place-name cache (``match_places``) before every document,
for archives where no two reports share an organ.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING

from parsers.gazetteer import match_places
from parsers.model import Document
from parsers.report import parse_report
from parsers.report.metadata import detect_metadata
from tests.parsers.metadata_cases import metadata_cases

if TYPE_CHECKING:
    from collections.abc import Callable

CORPUS = Path(__file__).resolve().parents[1] / "crawler" / "sampleportal" / "corpus"


def _run(
    function: Callable[[Document], object], documents: list[Document], *, cold: bool
) -> float:
    started = time.process_time()
    for document in documents:
        if cold:
            match_places.cache_clear()
        function(document)
    return time.process_time() - started


def _measure(name: str, documents: list[Document], *, rounds: int, cold: bool) -> None:
    meta_seconds = parse_seconds = 0.0
    for _ in range(rounds):  # interleaved, so both see the same machine load
        meta_seconds += _run(detect_metadata, documents, cold=cold)
        parse_seconds += _run(parse_report, documents, cold=cold)
    count = len(documents) * rounds
    print(f"{name}: {len(documents)} documents x {rounds} rounds, cold cache: {cold}")
    print(f"  detect_metadata: {count / meta_seconds:,.0f} documents per CPU-second")
    print(f"  parse_report:    {count / parse_seconds:,.0f} documents per CPU-second")
    print(f"  metadata share of parse time: {meta_seconds / parse_seconds:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()
    corpus = [
        Document(text=p.read_text(encoding="utf-8"))
        for p in sorted(CORPUS.glob("*.txt"))
    ]
    generated = [document for _, document, _ in metadata_cases()]
    _measure(
        "corpus reports (tables)", corpus * 100, rounds=args.rounds, cold=args.cold
    )
    _measure(
        "generated metadata cases", generated * 10, rounds=args.rounds, cold=args.cold
    )


if __name__ == "__main__":
    main()
