"""Processes the tests start on loopback: a free port, a server (pywb, Scrapyd) with a bounded
start and a stop, and ``nianbao`` commands run in the background."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on at ``host`` (a loopback address) right now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def nianbao(*args: str) -> subprocess.Popen[str]:
    """``nianbao ARGS`` started in the background, its output (stderr too) kept."""
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(child: subprocess.Popen[str]) -> str:
    """Wait for a ``nianbao`` child; it must exit 0. Its output."""
    output, _ = child.communicate(timeout=600)
    assert child.returncode == 0, output[-5000:]
    return output


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
        stop(process)


def stop(process: subprocess.Popen[Any]) -> None:
    """SIGTERM a server the test started, SIGKILL it if it does not go within 15 s."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)
