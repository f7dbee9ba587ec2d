"""Graceful stop on SIGINT and SIGTERM: stop fetching, keep the captures, parse next time.

``run_crawls`` installs these handlers instead of Scrapy's (``process.start(
install_signal_handlers=False)``), because a stop must also reach the end-of-crawl parse pass,
which runs inside the reactor thread and never returns to it until done: Scrapy's handler only
queues a stop on the reactor. On the first signal:

* while fetching: the crawlers are stopped through ``CrawlerProcess.stop()`` (close reason
  ``shutdown``); ``ArchivePipeline`` then skips the parse pass and records the crawl as
  ``interrupted`` (``crawler.crawlrow.crawl_status``);
* inside the parse pass (``parse_pass_interruptible``): ``Interrupted`` is raised in the main
  thread, between two documents' writes (a document's rows are one transaction), and the pass
  stops; what it did not parse, the next crawl of the site parses first
  (``crawler.parsepass.recover_unparsed``).

A second signal ends the process at once (exit 128 + signal, as a shell reports it; the crawl
row stays ``running`` and the next writer marks it ``died``). ``nianbao`` exits 130 after
SIGINT and 143 after SIGTERM (``exit_status``). Settings read: none.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import FrameType

    from scrapy.crawler import CrawlerProcess

logger = logging.getLogger(__name__)

#: The close reason and crawl status of a crawl stopped by a signal.
INTERRUPTED = "interrupted"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_state: dict[str, Any] = {"signum": None, "in_parse_pass": False}


class Interrupted(Exception):
    """Raised in the parse pass when a stop signal arrives."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum


def received() -> int | None:
    """The stop signal this process received, or None."""
    signum: int | None = _state["signum"]
    return signum


def exit_status() -> int | None:
    """128 + the signal (130 for SIGINT, 143 for SIGTERM) once one was received, else None."""
    signum = received()
    return None if signum is None else 128 + signum


@contextlib.contextmanager
def handling_stop_signals(process: CrawlerProcess) -> Iterator[None]:
    """Route SIGINT/SIGTERM to a graceful stop of ``process`` while the block runs."""
    from twisted.internet import reactor  # noqa: PLC0415 (the installed reactor)

    def stop_crawlers(signum: int) -> None:
        logger.warning(
            "received %s: stopping; the captures are kept and the next run parses them "
            "(again to stop at once)",
            signal.Signals(signum).name,
        )
        process.stop()

    def handle(signum: int, _frame: FrameType | None) -> None:
        if _state["signum"] is not None:
            os._exit(128 + signum)  # second signal: no more waiting
        _state["signum"] = signum
        reactor.callFromThread(stop_crawlers, signum)
        if _state["in_parse_pass"]:
            raise Interrupted(signum)

    _state["signum"] = None
    previous = {signum: signal.signal(signum, handle) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def parse_pass_interruptible() -> Iterator[None]:
    """While the block runs, a stop signal raises ``Interrupted`` here (main thread only)."""
    if received() is not None:
        raise Interrupted(received() or signal.SIGTERM)
    _state["in_parse_pass"] = True
    try:
        yield
    finally:
        _state["in_parse_pass"] = False
