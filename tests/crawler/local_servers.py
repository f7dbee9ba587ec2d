"""A server the tests start on 127.0.0.1 (pywb, Scrapyd): a free port, a bounded start, a stop."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serving(
    command: Sequence[str | Path], *, cwd: Path, probe: str, wait: float = 60.0
) -> Iterator[None]:
    """Run ``command`` until ``probe`` (a URL) answers, at most ``wait`` seconds; stop it after."""
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                urllib.request.urlopen(probe, timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(f"{command[0]} did not start")
                time.sleep(0.3)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
