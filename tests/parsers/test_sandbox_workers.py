"""Sandbox workers are reused, replaced after a failure or N documents, and die with their user.

The hostile-file cases (``test_extract_hostile.py``) check the typed errors; these check the
workers' life: which process extracted each document (the extractors below return their pid).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time

import pytest

from parsers.errors import CorruptDocumentError, ResourceLimitError
from parsers.extract import workers
from parsers.extract.limits import ExtractionLimits
from parsers.extract.sandbox import run_isolated
from parsers.model import Document

LIMITS = ExtractionLimits(timeout_s=10.0)


@pytest.fixture(autouse=True)
def _fresh_workers():
    workers.shutdown()  # no idle worker left by an earlier test
    yield
    workers.shutdown()


def _pid(body: bytes, *, limits: ExtractionLimits) -> Document:
    return Document(text=str(os.getpid()))


def _sleeps(body: bytes, *, limits: ExtractionLimits) -> Document:
    time.sleep(60)
    return Document(text="never")


def _fails(body: bytes, *, limits: ExtractionLimits) -> Document:
    raise KeyError("/Root")


def _warns(body: bytes, *, limits: ExtractionLimits) -> Document:
    logging.getLogger("parsers.extract.pdf").warning("odd font in %s", "the file")
    return Document(text="read")


def _worker_pid(limits: ExtractionLimits = LIMITS) -> int:
    return int(run_isolated(_pid, b"", limits=limits).text)


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_one_worker_extracts_document_after_document():
    first = _worker_pid()
    assert first != os.getpid()
    assert [_worker_pid() for _ in range(5)] == [first] * 5


def test_a_worker_past_its_deadline_is_killed_and_replaced():
    before = _worker_pid(ExtractionLimits(timeout_s=1.0))
    with pytest.raises(ResourceLimitError, match="exceeded"):
        run_isolated(_sleeps, b"", limits=ExtractionLimits(timeout_s=1.0))
    assert _gone(before, within=5)
    after = _worker_pid(ExtractionLimits(timeout_s=1.0))
    assert after != before


def test_a_worker_whose_extractor_crashed_is_replaced():
    before = _worker_pid()
    with pytest.raises(CorruptDocumentError, match="KeyError"):
        run_isolated(_fails, b"", limits=LIMITS)
    assert _worker_pid() != before
    assert _gone(before, within=5)


def test_a_worker_is_replaced_after_its_document_quota():
    limits = ExtractionLimits(worker_documents=3)
    pids = [_worker_pid(limits) for _ in range(7)]
    assert len(set(pids[0:3])) == 1
    assert len(set(pids[3:6])) == 1
    assert len({pids[0], pids[3], pids[6]}) == 3


def test_each_memory_cap_gets_its_own_worker():
    small = ExtractionLimits(memory_bytes=512 << 20)
    assert _worker_pid(small) != _worker_pid(LIMITS)
    assert _worker_pid(small) == _worker_pid(small)


def test_what_an_extractor_logs_reaches_the_callers_loggers(caplog):
    with caplog.at_level(logging.WARNING, logger="parsers.extract.pdf"):
        assert run_isolated(_warns, b"", limits=LIMITS).text == "read"
    assert [(r.name, r.getMessage()) for r in caplog.records] == [
        ("parsers.extract.pdf", "odd font in the file")
    ]


_OWNER = """
import sys
from parsers.extract.limits import ExtractionLimits
from parsers.extract.sandbox import run_isolated
from tests.parsers.test_sandbox_workers import _pid, _sleeps
print(run_isolated(_pid, b"", limits=ExtractionLimits()).text, flush=True)
run_isolated(_sleeps, b"", limits=ExtractionLimits(timeout_s=120))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="pidfd and parent-death signals")
def test_workers_die_with_the_process_that_uses_them():
    with subprocess.Popen(
        [sys.executable, "-c", _OWNER], stdout=subprocess.PIPE, text=True
    ) as owner:
        assert owner.stdout is not None
        worker = int(owner.stdout.readline())
        time.sleep(0.5)  # the worker is now inside the slow document
        os.kill(owner.pid, signal.SIGKILL)
        owner.wait(10)
    assert _gone(worker, within=5)
