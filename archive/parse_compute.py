"""The pure half of parsing a stored document: bytes -> ``Document`` -> ``Report``, in a pool.

``archive.parse`` splits each parse into this compute step and a write step. Computing touches
no database and no file: it takes the payload and its Content-Type and returns what extraction
and parsing gave (or the ``ParseError`` as text), so it can run in worker processes while the
caller's thread alone writes the index (SQLite wants one writer). Binary formats are still
extracted inside ``parsers.extract``'s sandbox (a child of the worker, with the memory and time
limits), so a hostile file costs its own child, never a pool worker.

Workers are started through multiprocessing's forkserver, as the sandbox's are: the crawl
process runs Twisted threads and must never be forked (parsers/extract/sandbox.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import parsers
from archive.lifetime import init_worker

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

logger = logging.getLogger(__name__)

#: Fewer documents than this are computed in the calling process: starting the pool measured
#: 0.5-0.9 s on the 2-core machine, about what two or three PDF extractions take.
MIN_POOLED: Final = 8
#: Jobs handed to the pool at a time: bounds the payloads held in memory (each up to the
#: download size limit) while keeping every worker busy.
JOBS_PER_WORKER: Final = 4


@dataclass(frozen=True, slots=True)
class ParseJob:
    """One stored payload with what the server said about it."""

    sha256: str
    url: str
    site_id: str | None
    body: bytes
    media_type: str | None
    charset: str | None
    #: optional tools (OCR, LibreOffice) and bounds; picklable, travels to the pool worker
    options: parsers.ExtractionOptions = parsers.DEFAULT_OPTIONS


@dataclass(frozen=True, slots=True)
class Computed:
    """What extraction and parsing gave for one job.

    ``document`` is None when extraction failed, ``report`` None when extraction or parsing
    failed; ``error`` is ``"<reason>: <message>"`` of the ``ParseError`` in either case.
    """

    sha256: str
    url: str
    site_id: str | None
    document: parsers.Document | None
    report: parsers.Report | None
    error: str | None
    stage: str | None  # "extraction" or "report parsing" when error is set


def compute(job: ParseJob) -> Computed:
    """Extract and parse ``job``; only ``ParseError`` is data, anything else is a bug."""
    source = parsers.Source(
        body=job.body, url=job.url, media_type=job.media_type, charset=job.charset
    )
    try:
        document = parsers.extract(source, options=job.options)
    except parsers.ParseError as exc:
        return Computed(
            job.sha256,
            job.url,
            job.site_id,
            None,
            None,
            f"{exc.reason}: {exc}",
            "extraction",
        )
    try:
        report = parsers.parse_report(document)
    except parsers.ParseError as exc:
        error = f"{exc.reason}: {exc}"
        return Computed(
            job.sha256, job.url, job.site_id, document, None, error, "report parsing"
        )
    return Computed(job.sha256, job.url, job.site_id, document, report, None, None)


def default_workers() -> int:
    """min(2, CPUs): the crawl machine has 2 cores and each worker may hold a sandbox child."""
    return max(1, min(2, os.cpu_count() or 1))


def compute_all(jobs: Iterable[ParseJob], *, workers: int) -> Iterator[Computed]:
    """``compute`` over ``jobs`` in order, in ``workers`` processes (in this one if ≤ 1).

    A sliding window keeps ``workers * JOBS_PER_WORKER`` jobs in flight: jobs are pulled
    lazily (a large archive is never loaded at once), a slow document holds back only its own
    result, and the caller writes finished results while the pool computes the next ones.
    Results come back in the order of ``jobs``.
    """
    if workers <= 1:
        yield from map(compute, jobs)
        return
    context = multiprocessing.get_context("forkserver")
    window: deque[Future[Computed]] = deque()
    # workers die with this process and leave stop signals to it (archive.lifetime)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=init_worker,
        initargs=(os.getpid(),),
    )
    try:
        for job in jobs:
            window.append(pool.submit(compute, job))
            if len(window) >= workers * JOBS_PER_WORKER:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        # a caller that stops early (a stop signal) does not wait for the queued jobs
        pool.shutdown(wait=True, cancel_futures=True)
