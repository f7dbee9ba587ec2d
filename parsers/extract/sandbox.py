"""Run extractions in long-lived worker processes with a memory cap and a per-document deadline.

Hostile attachments exhaust memory (a 1 MB PDF whose stream inflates to 1 GiB took 2.1 GB) or
time (pdfium spent 26 s, PyMuPDF 118 s on it), so no extraction runs in the calling process:
each runs in a sandbox worker whose address space is capped (``RLIMIT_AS``) and which the
caller SIGKILLs when a document overruns its deadline (doc-extraction.md, "Guards" 4).

A worker is not forked per document any more: forking one child per document reloaded the
fonts and CJK character maps every time (6.4 % of a crawl's samples in pdfminer's CMap loader).
Workers serve document after document over a pipe, keeping what the extractors cache, and are
replaced (``parsers.extract.workers``): after a kill or a crash, after a ``MemoryError`` (its
heap may stay fragmented), and after ``ExtractionLimits.worker_documents`` documents (bounded
growth). Workers are forked by multiprocessing's forkserver, a single-threaded process that has
already imported the extractors (``set_forkserver_preload``), so the threaded Scrapy/Twisted
process is never forked; each worker dies with the process that uses it.

Outcomes are what a fresh child gave: the worker's ``ParseError`` subclasses are re-raised as
the same types; a deadline, a ``MemoryError``, or a worker killed by SIGKILL (the kernel's OOM
killer) or SIGXCPU becomes ``ResourceLimitError``; any other exception or crash becomes
``CorruptDocumentError`` naming the cause. Each ends as one WARNING on this module's logger in
the calling process (the worker itself logs nothing: see ``workers``).
"""

from __future__ import annotations

import logging
import signal
from typing import TYPE_CHECKING, Any, Final, Protocol

from parsers.errors import CorruptDocumentError, ParseError, ResourceLimitError
from parsers.extract import workers

if TYPE_CHECKING:
    from parsers.extract.limits import ExtractionLimits
    from parsers.model import Document

logger = logging.getLogger(__name__)

#: Modules the forkserver imports once, so workers start with the libraries loaded.
PRELOAD: Final = [
    "parsers.extract.pdf",
    "parsers.extract.docx",
    "parsers.extract.doc",
    "parsers.extract.sheet",
    "parsers.extract.ofd",
    "parsers.extract.ocr",
    "parsers.extract.libreoffice",
]
workers.set_preload(PRELOAD)


def preload_modules(names: list[str]) -> None:
    """Also import ``names`` in the forkserver; call before the first ``run_isolated``.

    On Python 3.11 every forkserver child re-runs the parent's main *script* as
    ``__mp_main__`` (the forkserver is never told the main path, so ``"__main__"`` in the
    preload list has no effect). Measured: 0.25 s per worker when the script imports
    reportlab and python-docx. Preloading the modules the script imports makes that re-run a
    dictionary lookup. Parents started as ``python -m pkg`` whose module is a ``__main__``
    (pytest) or with a light script do not need this.
    """
    workers.set_preload([*PRELOAD, *names])


class Extractor(Protocol):
    """An ``extract_<fmt>`` function: module-level, so it pickles by reference."""

    def __call__(self, body: bytes, *, limits: ExtractionLimits) -> Document: ...


def run_isolated(func: Extractor, body: bytes, *, limits: ExtractionLimits) -> Document:
    """``func(body, limits=limits)`` in a capped sandbox worker; its Document or a typed error."""
    outcome = workers.run_in_worker(func, body, limits=limits)
    if isinstance(outcome, workers.Overran):
        msg = f"extraction exceeded {limits.timeout_s:g} s"
        logger.warning("extraction stopped: %s", msg)
        raise ResourceLimitError(msg)
    if isinstance(outcome, workers.Died):
        raise _died(outcome.exitcode)
    return _result(outcome)


def _result(outcome: tuple[str, Any]) -> Document:
    kind, payload = outcome
    if kind == "ok":
        document: Document = payload
        return document
    if kind == "error" and isinstance(payload, ParseError):
        raise payload
    if kind == "memory":
        msg = f"extraction ran out of memory: {payload}"
        logger.warning("extraction stopped: %s", msg)
        raise ResourceLimitError(msg)
    msg = f"extractor failed: {payload}"
    logger.warning("extraction failed: %s", msg)
    raise CorruptDocumentError(msg)


def _died(exitcode: int | None) -> ParseError:
    """The error for a worker that ended without reporting (killed or crashed)."""
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        if -exitcode in {signal.SIGKILL, signal.SIGXCPU}:
            msg = f"extraction killed by {name} (memory or CPU limit)"
            logger.warning("extraction stopped: %s", msg)
            return ResourceLimitError(msg)
        msg = f"extractor crashed with {name}"
    else:
        msg = f"extractor exited with code {exitcode} without a result"
    logger.warning("extraction failed: %s", msg)
    return CorruptDocumentError(msg)
