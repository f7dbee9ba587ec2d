"""Test-only pipelines that SIGKILL their own crawl process at a chosen point of ``store``.

Enabled by ``tests/crawler/test_resume_e2e.py`` with ``-s ITEM_PIPELINES=…`` in a subprocess, so
production code has no fault hooks. ``NIANBAO_TEST_KILL_AT`` is the 1-based number of the
capture whose store is cut short:

* ``KillBeforeIndexCommit``: after the capture's WARC records are written and fsynced, before
  its index transaction starts (``Archive._commit_capture_rows`` replaced in this process);
* ``KillInsideIndexCommit``: inside the index transaction, as the ``captures`` row is inserted
  (an SQLite trace callback on the archive's connection), after the ``documents`` row.
"""

from __future__ import annotations

import os
import re
import signal
from typing import Any

from archive import Archive
from crawler.items import CaptureItem
from crawler.pipelines import ArchivePipeline

_CAPTURES_INSERT = re.compile(r'\s*INSERT INTO [\["]?captures\b')


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
