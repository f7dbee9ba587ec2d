"""Run one extraction in a child process with a memory cap and a wall-clock timeout.

Hostile attachments exhaust memory (a 1 MB PDF whose stream inflates to 1 GiB took 2.1 GB) or
time (pdfium spent 26 s, PyMuPDF 118 s on it), so every extraction runs in a child that sets
``RLIMIT_AS`` and is SIGKILLed at the deadline (doc-extraction.md, "Guards" 4).
Children are forked by multiprocessing's forkserver, a dedicated single-threaded process that
has already imported the extractors (``set_forkserver_preload``), so each document costs a fork
(~40 ms), not an interpreter start, and the threaded Scrapy/Twisted process is never forked.

Outcomes: the child's ``ParseError`` subclasses are re-raised as the same types; a timeout,
``MemoryError``, or a child killed by SIGKILL (the kernel's OOM killer) or SIGXCPU becomes
``ResourceLimitError``; any other exception or crash becomes ``CorruptDocumentError`` naming
the cause.
"""

from __future__ import annotations

import logging
import multiprocessing
import pickle
import resource
import signal
from typing import TYPE_CHECKING, Any, Final, Protocol

from parsers.errors import CorruptDocumentError, ParseError, ResourceLimitError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from parsers.extract.limits import ExtractionLimits
    from parsers.model import Document

logger = logging.getLogger(__name__)

#: Modules the forkserver imports once, so children start with the libraries loaded.
#: ``__main__`` is among them because otherwise every child re-runs the parent's main script
#: as ``__mp_main__`` (multiprocessing's spawn preparation): measured 0.25 s per document for
#: a script importing the fixture builders, against ~0.04 s with it preloaded.
PRELOAD: Final = [
    "parsers.extract.pdf",
    "parsers.extract.docx",
    "parsers.extract.doc",
    "parsers.extract.sheet",
    "parsers.extract.ofd",
    "parsers.extract.ocr",
    "parsers.extract.libreoffice",
]
#: Seconds granted to a killed child to be reaped.
REAP_S: Final = 5.0
_CONTEXT: Final = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(PRELOAD)


def preload_modules(names: list[str]) -> None:
    """Also import ``names`` in the forkserver; call before the first ``run_isolated``.

    On Python 3.11 every forkserver child re-runs the parent's main *script* as
    ``__mp_main__`` (the forkserver is never told the main path, so ``"__main__"`` in the
    preload list has no effect). Measured: 0.25 s per document when the script imports
    reportlab and python-docx, 0.01 s for the fork itself. Preloading the modules the script
    imports makes that re-run a dictionary lookup. Parents started as ``python -m pkg`` whose
    module is a ``__main__`` (pytest) or with a light script do not need this.
    """
    _CONTEXT.set_forkserver_preload([*PRELOAD, *names])


class Extractor(Protocol):
    """An ``extract_<fmt>`` function: module-level, so it pickles by reference."""

    def __call__(self, body: bytes, *, limits: ExtractionLimits) -> Document: ...


def run_isolated(func: Extractor, body: bytes, *, limits: ExtractionLimits) -> Document:
    """``func(body, limits=limits)`` in a capped child process; its Document or a typed error."""
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(
        target=_child, args=(func, body, limits, sender), daemon=True
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(limits.timeout_s):
            process.kill()
            msg = f"extraction exceeded {limits.timeout_s:g} s"
            logger.warning("extraction stopped: %s", msg)
            raise ResourceLimitError(msg)
        try:
            outcome = receiver.recv()
        except (EOFError, OSError):
            outcome = None
    finally:
        receiver.close()
        process.join(REAP_S)
        if process.is_alive():
            process.kill()
            process.join(REAP_S)
    if outcome is None:
        raise _died(process.exitcode)
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
    """The error for a child that ended without reporting (killed or crashed)."""
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


def _child(
    func: Extractor, body: bytes, limits: ExtractionLimits, sender: Connection
) -> None:
    """Child side: cap memory, extract, send one outcome; never let an exception escape."""
    outcome: tuple[str, Any]
    try:
        resource.setrlimit(
            resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes)
        )
        outcome = ("ok", func(body, limits=limits))
    except MemoryError as exc:
        outcome = ("memory", f"{type(exc).__name__}: {exc}")
    except ParseError as exc:
        outcome = ("error", exc)
    except BaseException as exc:  # noqa: BLE001 - the child reports every failure (Guards 5)
        outcome = ("crash", f"{type(exc).__name__}: {exc}")
    try:
        sender.send(outcome)
    except (pickle.PicklingError, MemoryError, TypeError, AttributeError) as exc:
        sender.send(("crash", f"result could not be sent back: {exc!r}"))
    finally:
        sender.close()
