"""Test-only pipelines that SIGKILL their own crawl process at a chosen point of ``store``.

Enabled by ``tests/crawler/test_resume_e2e.py`` with ``-s ITEM_PIPELINES=…`` in a subprocess, so
production code has no fault hooks. ``NIANBAO_TEST_KILL_AT`` is the 1-based number of the
capture whose store is cut short:

* ``KillBeforeIndexCommit``: after the capture's WARC records are written and fsynced, before
  its index transaction starts (``Archive._commit_capture_rows`` replaced in this process);
* ``KillInsideIndexCommit``: inside the index transaction, as the ``captures`` row is inserted
  (an SQLite trace callback on the archive's connection), after the ``documents`` row;
* ``KillInsideParsePass``: in the end-of-crawl parse pass, as the ``texts`` row of the
  ``NIANBAO_TEST_KILL_AT``-th parsed document is written (earlier documents are committed);
* ``KillInsideStreamParse``: the same in the ``stream`` mode, while the crawl still fetches.

``KillParseWorker`` kills a ``stream`` parse worker, not the crawl: as the
``NIANBAO_TEST_KILL_AT``-th document is handed over, one of the pool's worker processes gets
SIGKILL (as the kernel's out-of-memory killer would), which breaks the whole pool.

``FullDiskAt`` kills nothing: from the ``NIANBAO_TEST_KILL_AT``-th capture on, the archive
fails as on a full disk (the WARC write raises ``ENOSPC``, the index ``database or disk is
full``). ``SlowParsePass`` kills nothing: it parses one document at a time with a pause before each, so
a test can send a stop signal while the parse pass runs.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import sqlite3
import time
from typing import Any

from archive import Archive, ArchiveError
from crawler.items import CaptureItem
from crawler.parsefeed import ParseFeed
from crawler.pipelines import ArchivePipeline

_CAPTURES_INSERT = re.compile(r'\s*INSERT INTO [\["]?captures\b')
_TEXTS_INSERT = re.compile(r'\s*INSERT (?:OR \w+ )?INTO [\["]?texts\b')


def _die(*_args: Any, **_kwargs: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class _Killing(ArchivePipeline):
    seen = 0

    def process_item(self, item: Any) -> Any:
        if isinstance(item, CaptureItem) and self.archive is not None:
            type(self).seen += 1
            if type(self).seen == int(os.environ["NIANBAO_TEST_KILL_AT"]):
                self.arm(self.archive)
        return super().process_item(item)

    def arm(self, archive: Archive) -> None:
        raise NotImplementedError


class KillBeforeIndexCommit(_Killing):
    def arm(self, archive: Archive) -> None:
        Archive._commit_capture_rows = _die  # type: ignore[method-assign,assignment]


class KillInsideIndexCommit(_Killing):
    def arm(self, archive: Archive) -> None:
        def trace(statement: str) -> None:
            # sqlite-utils quotes the table name as [captures] or "captures"
            if _CAPTURES_INSERT.match(statement):
                _die()

        archive.db.conn.set_trace_callback(trace)


def _die_at_texts_insert(archive: Archive) -> None:
    """SIGKILL as the ``NIANBAO_TEST_KILL_AT``-th ``texts`` row is inserted."""
    kill_at = int(os.environ["NIANBAO_TEST_KILL_AT"])
    written = 0

    def trace(statement: str) -> None:
        nonlocal written
        if _TEXTS_INSERT.match(statement):
            written += 1
            if written == kill_at:
                _die()

    archive.db.conn.set_trace_callback(trace)


class KillInsideParsePass(ArchivePipeline):
    def spider_closed(self, spider: Any, reason: str) -> Any:
        if self.archive is not None:
            _die_at_texts_insert(self.archive)
        return super().spider_closed(spider, reason)


def _at_kth_hand_over(act: Any, *, before: bool) -> None:
    """Run ``act(feed)`` as the ``NIANBAO_TEST_KILL_AT``-th document goes to the parse feed.

    ``before``: before the document is submitted (else just after).
    """
    kill_at = int(os.environ["NIANBAO_TEST_KILL_AT"])
    submit = ParseFeed.submit
    seen = 0

    def submitting(feed: ParseFeed, sha256: str, *, attachment: bool = False) -> None:
        nonlocal seen
        seen += 1
        if before and seen == kill_at:
            act(feed)
        submit(feed, sha256, attachment=attachment)
        if not before and seen == kill_at:
            act(feed)

    ParseFeed.submit = submitting  # type: ignore[method-assign]


class KillInsideStreamParse(ArchivePipeline):
    """The ``stream`` mode: killed as the ``NIANBAO_TEST_KILL_AT``-th document is handed over.

    The stream mode's workers write the parses (``archive.parse_stored_many``); the crawl dies
    with that document stored but never sent to a worker (so at least one stays unparsed,
    however fast the workers are), and earlier ones queued, in a worker or written.
    """

    def open_spider(self) -> None:
        super().open_spider()
        _at_kth_hand_over(_die, before=True)


def _kill_a_worker(feed: ParseFeed) -> None:
    workers = list(getattr(feed._executor, "_processes", {}).values())
    assert workers, "no parse worker to kill"
    os.kill(workers[0].pid, signal.SIGKILL)


class KillParseWorker(ArchivePipeline):
    """SIGKILL a ``stream`` parse worker as the ``NIANBAO_TEST_KILL_AT``-th document is handed over."""

    def open_spider(self) -> None:
        super().open_spider()
        _at_kth_hand_over(_kill_a_worker, before=False)


class SlowParsePass(ArchivePipeline):
    def spider_closed(self, spider: Any, reason: str) -> None:
        archive = self.archive
        if archive is not None:
            parse_documents = archive.parse_documents

            def one_at_a_time(sha256s: Any, **kwargs: Any) -> list[Any]:
                outcomes = []
                for sha256 in sha256s:
                    time.sleep(0.2)
                    outcomes.extend(parse_documents([sha256], **kwargs))
                return outcomes

            archive.parse_documents = one_at_a_time  # type: ignore[method-assign]
        super().spider_closed(spider, reason)


def _no_space(*_args: Any, **_kwargs: Any) -> Any:
    raise ArchiveError("cannot write the WARC record") from OSError(
        errno.ENOSPC, "No space left on device"
    )


def _index_full(*_args: Any, **_kwargs: Any) -> Any:
    raise sqlite3.OperationalError("database or disk is full")


class FullDiskAt(_Killing):
    def arm(self, archive: Archive) -> None:
        archive.store = _no_space  # type: ignore[method-assign]
        archive.store_many = _no_space  # type: ignore[method-assign]
        archive.record_event = _index_full  # type: ignore[method-assign]
