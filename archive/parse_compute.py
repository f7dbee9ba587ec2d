"""The pure half of parsing a stored document: bytes -> ``Document`` -> ``Report``, in a pool.

``archive.parse`` splits each parse into this compute step and a write step. Computing touches
no database and no file: it takes the payload and its Content-Type (or the document's cached
extraction, ``ParseJob.extracted``) and returns what extraction and parsing gave (or the
``ParseError`` as text), so it can run in worker processes while the caller's thread alone
writes the index (SQLite wants one writer). Binary formats are still extracted inside
``parsers.extract``'s sandbox (a long-lived worker of the pool worker, with the memory and time
limits), so a hostile file costs a sandbox worker, never a pool worker.

Workers are started through multiprocessing's forkserver, as the sandbox's are: the crawl
process runs Twisted threads and must never be forked (parsers/extract/sandbox.py). There is
one per CPU by default. What a document's extraction logs in a worker comes back with its
result and is logged here, in the caller, so it lands in the caller's log (a crawl's log file,
``-v``), never on the terminal by logging's last resort.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.util
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final, ParamSpec, TypeVar

import parsers
from archive.cellrows import CellRows, cell_rows
from archive.extract_cache import decode
from archive.lifetime import init_worker
from parsers.extract.workers import LogCollector, relay

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

logger = logging.getLogger(__name__)

#: Fewer documents than this are computed in the calling process: starting the pool measured
#: 0.5-0.9 s on the 2-core machine, about what two or three PDF extractions take.
MIN_POOLED: Final = 8
#: Jobs handed to the pool at a time, at least: keeps every worker busy.
JOBS_PER_WORKER: Final = 4
#: Jobs in flight at most. More than two of the caller's write batches (``parse_feed.BATCH``,
#: 200 documents in one transaction): while the caller writes one, the workers compute the
#: next instead of waiting for it (a window of a few jobs left them idle for every batch's
#: write, which made a re-parse the sum of the two instead of the slower of them).
MAX_IN_FLIGHT: Final = 512
#: Payload and cached-text bytes in flight at most, beyond ``JOBS_PER_WORKER`` per worker
#: (a payload may be as large as the download size limit).
MAX_IN_FLIGHT_BYTES: Final = 64 * 2**20
#: Nice increment of the pool workers. The calling process writes every result (one SQLite
#: writer): when extractions come from the cache, it is the bottleneck and workers competing
#: with it for the CPU only slow the pass; when they must extract, the writer mostly waits and
#: the workers get the CPU anyway. A crawl's other spiders keep their share too.
NICENESS: Final = 5
#: ``Computed.stage`` of a job whose stored extraction (``ParseJob.extracted`` as bytes) did
#: not decode: not a fact about the document, so never written; the caller parses it afresh.
DAMAGED_STORED: Final = "damaged stored extraction"


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
    #: the document's earlier extraction (a Document, or the error ``"<reason>: <message>"``,
    #: or either as the extraction store holds it, decoded by ``compute``) when it is still
    #: valid (``archive.extract_cache``): extraction is skipped, ``body`` unused
    extracted: parsers.Document | str | bytes | None = None


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
    stage: str | None  # "extraction", "report parsing" or DAMAGED_STORED with an error
    #: the report's cells as rows, with their digest, built here so the writer only inserts
    cells: CellRows | None = None


def compute(job: ParseJob) -> Computed:
    """Extract and parse ``job``; only ``ParseError`` is data, anything else is a bug.

    A stored extraction that does not decode comes back with the stage ``DAMAGED_STORED``
    (and no document): the caller parses that document again from its payload.
    """
    extracted = job.extracted
    if isinstance(extracted, bytes):
        try:
            extracted = decode(extracted)
        except ValueError as exc:
            return Computed(
                job.sha256, job.url, job.site_id, None, None, str(exc), DAMAGED_STORED
            )
    if isinstance(extracted, str):
        return Computed(
            job.sha256, job.url, job.site_id, None, None, extracted, "extraction"
        )
    if extracted is not None:
        document = extracted
    else:
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
    return Computed(
        job.sha256,
        job.url,
        job.site_id,
        document,
        report,
        None,
        None,
        cell_rows(report),
    )


def default_workers() -> int:
    """One per CPU this process may run on (its affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def compute_all(jobs: Iterable[ParseJob], *, workers: int) -> Iterator[Computed]:
    """``compute`` over ``jobs`` in order, in ``workers`` processes (in this one if ≤ 1).

    A sliding window keeps at least ``workers * JOBS_PER_WORKER`` jobs in flight and at most
    ``MAX_IN_FLIGHT`` (or ``MAX_IN_FLIGHT_BYTES``): jobs are pulled lazily (a large archive is
    never loaded at once), a slow document holds back only its own result, and the caller
    writes finished results, a batch at a time, while the pool computes the next ones.
    Results come back in the order of ``jobs``.
    """
    if workers <= 1:
        yield from map(compute, jobs)
        return
    context = multiprocessing.get_context("forkserver")
    window: deque[Future[tuple[Computed, list[logging.LogRecord]]]] = deque()
    # workers die with this process and leave stop signals to it (archive.lifetime)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=init_pool_worker,
        initargs=(os.getpid(),),
    )
    sizes: deque[int] = deque()
    held = 0  # sum(sizes)
    least = workers * JOBS_PER_WORKER
    try:
        for job in jobs:
            window.append(pool.submit(compute_logged, job))
            sizes.append(_size(job))
            held += sizes[-1]
            while len(window) >= least and (
                len(window) >= MAX_IN_FLIGHT or held >= MAX_IN_FLIGHT_BYTES
            ):
                held -= sizes.popleft()
                yield relay_result(window.popleft().result())
        while window:
            yield relay_result(window.popleft().result())
    finally:
        # a caller that stops early (a stop signal) does not wait for the queued jobs
        pool.shutdown(wait=True, cancel_futures=True)


def _size(job: ParseJob) -> int:
    """About the bytes a job holds: its payload, or its cached extraction's text."""
    if isinstance(job.extracted, parsers.Document):
        return 4 * len(job.extracted.text)  # the grids repeat the text, in UTF-8 bytes
    if isinstance(job.extracted, bytes):
        return 10 * len(job.extracted)  # zlib'd JSON, decoded in the worker
    return len(job.body)


_COLLECTOR = LogCollector()
_P = ParamSpec("_P")
_T = TypeVar("_T")


def init_pool_worker(parent_pid: int) -> None:
    """Pool initializer: die with the caller (``archive.lifetime``), keep log records for it.

    Runs at a lower CPU priority than the caller (``NICENESS``). A pool that runs ``compute_logged`` and hands each result to ``relay_result`` in the
    caller gets what extraction logged into the caller's log (``compute_all`` does this).
    """
    init_worker(parent_pid)
    os.nice(NICENESS)
    collect_worker_logs()
    # a worker that ends (the pool shut down) first ends its sandbox workers: a
    # multiprocessing child runs no atexit handlers and would wait for them
    multiprocessing.util.Finalize(None, _end_children, exitpriority=10)


def _end_children() -> None:
    for child in multiprocessing.active_children():
        child.kill()
        child.join(timeout=5)


def collect_worker_logs() -> None:
    """In a pool worker: keep what is logged, for ``run_logged`` to hand back with a result.

    A pool worker's own log records would otherwise go to its last-resort handler (the
    terminal) or nowhere; the caller relays them (``relay``) into its own log.
    """
    root = logging.getLogger()
    root.handlers = [_COLLECTOR]
    root.setLevel(logging.INFO)


def run_logged(
    func: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs
) -> tuple[_T, list[logging.LogRecord]]:
    """In a pool worker set up by ``collect_worker_logs``: ``func``'s result and its records."""
    _COLLECTOR.records = []
    result = func(*args, **kwargs)
    return result, _COLLECTOR.records


def compute_logged(job: ParseJob) -> tuple[Computed, list[logging.LogRecord]]:
    """In a pool worker: ``compute(job)`` and the records logged meanwhile.

    A document that came from the extraction store (``job.extracted``) travels back without
    its text and grids: the store holds them already and the writer reads only the rest
    (``texts`` names the store's entry), so they are not pickled, sent and unpickled again in
    the writer's process, the bottleneck of a re-parse.
    """
    computed, records = run_logged(compute, job)
    if job.extracted is not None and computed.document is not None:
        computed = replace(
            computed, document=replace(computed.document, text="", tables=())
        )
    return computed, records


def relay_result(result: tuple[Computed, list[logging.LogRecord]]) -> Computed:
    """Log a worker's records here, then hand its result on."""
    computed, records = result
    relay(records)
    return computed
