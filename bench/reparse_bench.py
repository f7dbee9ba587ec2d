"""Re-parse at archive scale: ``reparse`` after a parser upgrade, documents per second.

Usage: ``python bench/reparse_bench.py [--documents N] [--baseline-documents K] [--rounds R]
[--workers W] [--pdf-every P]``.

Builds a generated archive (``bench/reparse_gen.py``: the sample portal's HTML report pages and,
every P-th report, its ruled PDF attachment, stored through ``Archive.store``) of N documents,
and parses it once as a crawl's parse pass does (which fills the extraction cache beside the
index). Then, in R interleaved rounds, each on a fresh copy of that archive, it bumps the parser
version (``parsers.PARSER_VERSION``, so every document is outdated, as after an upgrade) and
times, wall clock and this process's CPU (the single index writer: the serial part):

- ``old``: one process, every document extracted again (``workers=1, reuse_extraction=False``),
  the way reparse ran before, over K of the N documents (every N/K-th by sha256, so the same
  mix, in an archive of the same size), because at ~10 documents/s all N would take minutes
  per round; the same ``archive.parse.parse_documents`` that ``reparse`` calls;
- ``new``: ``archive.reparse`` of all N documents, one process per CPU (or W), extractions
  reused from the cache.

Prints documents/s per round and mode, the medians and new/old. The target is 300 documents/s
on a 2-core machine (100k documents in under 6 minutes). Tests never assert times.

The archive is parsed by this code before the rounds, so its report rows carry the cells'
digests that number versions without reading cells back (``archive.cellrows``): this is the
steady state. The first re-parse of an archive parsed by a nianbao without them compares cells
instead, and one after a change to the extractors' code extracts everything again; neither is
measured here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import parsers
from archive import Archive, reparse
from archive.parse import parse_documents
from bench.reparse_gen import build_archive
from parsers.extract.sandbox import preload_modules


def _copy(source: Path, target: Path) -> Path:
    """A fresh archive: index and cache copied, WARC files hard-linked (read only)."""
    shutil.copytree(source, target, copy_function=_link_warcs)
    return target


def _link_warcs(src: str, dst: str) -> object:
    if src.endswith((".warc.gz", ".warc")):
        os.link(src, dst)
        return dst
    return shutil.copy2(src, dst)


def _time(archive: Path, version: str, *, workers: int | None, sample: int) -> Timing:
    """Wall and CPU seconds a re-parse took after an upgrade to ``version``, and documents.

    ``sample`` > 0: the old way over that many documents; else ``reparse`` of all.
    """
    original = parsers.PARSER_VERSION
    parsers.PARSER_VERSION = version
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        if sample:
            with Archive.open(archive, software_version="bench") as opened:
                shas = [
                    s
                    for (s,) in opened.db.execute(
                        "SELECT sha256 FROM documents"
                        " WHERE id IN (SELECT document_id FROM captures) ORDER BY sha256"
                    ).fetchall()
                ]
                step = max(1, len(shas) // sample)
                done = len(
                    parse_documents(
                        opened.db,
                        opened.directory / "warc",
                        shas[::step][:sample],
                        workers=1,
                        reuse_extraction=False,
                    )
                )
        else:
            done = reparse(archive, workers=workers).reparsed
        return Timing(time.perf_counter() - wall, time.process_time() - cpu, done)
    finally:
        parsers.PARSER_VERSION = original


@dataclass(frozen=True, slots=True)
class Timing:
    wall_s: float
    cpu_s: float  # this process: reading the cache or WARC, writing the index
    documents: int


def main() -> None:
    """Build both archives, then time the old and the new way in interleaved rounds."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--documents", type=int, default=3000)
    ap.add_argument("--baseline-documents", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--pdf-every", type=int, default=4)
    args = ap.parse_args()
    # this script imports the fixture builders; without preloading them every sandbox worker
    # re-imports them when it re-runs this script as __mp_main__ (see preload_modules)
    preload_modules(["bench.reparse_gen", "archive"])
    with tempfile.TemporaryDirectory(prefix="nianbao-reparse-bench-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        built = build_archive(
            root / "built", documents=args.documents, pdf_every=args.pdf_every, seed=1
        )
        with Archive.open(root / "built", software_version="bench") as archive:
            shas = [
                s
                for (s,) in archive.db.execute(
                    "SELECT sha256 FROM documents"
                    " WHERE id IN (SELECT document_id FROM captures)"
                ).fetchall()
            ]
            archive.parse_documents(shas)  # the crawl's parse pass: fills the cache
        print(
            f"archive of {built} documents (1 PDF per {args.pdf_every} reports)"
            f" built and parsed in {time.perf_counter() - start:.0f} s",
            flush=True,
        )
        rates: dict[str, list[float]] = {"old": [], "new": []}
        for round_ in range(args.rounds):
            order = ["old", "new"] if round_ % 2 == 0 else ["new", "old"]
            for mode in order:
                copy = _copy(root / "built", root / f"r{round_}-{mode}")
                timing = _time(
                    copy,
                    f"{parsers.PARSER_VERSION}+bench{round_}",
                    workers=args.workers,
                    sample=args.baseline_documents if mode == "old" else 0,
                )
                rate = timing.documents / timing.wall_s
                rates[mode].append(rate)
                print(
                    f"round {round_ + 1} {mode}: {timing.documents} documents in"
                    f" {timing.wall_s:.1f} s = {rate:.1f} documents/s; this process"
                    f" {timing.cpu_s / timing.documents * 1000:.1f} CPU-ms/document",
                    flush=True,
                )
                shutil.rmtree(copy)
    old, new = (statistics.median(rates[m]) for m in ("old", "new"))
    print(
        f"median documents/s: old {old:.1f} (range {min(rates['old']):.1f}-"
        f"{max(rates['old']):.1f}), new {new:.1f} (range {min(rates['new']):.1f}-"
        f"{max(rates['new']):.1f}); new/old = {new / old:.1f}x;"
        f" 100k documents at the new rate: {100_000 / new / 60:.1f} min"
    )


if __name__ == "__main__":
    main()
