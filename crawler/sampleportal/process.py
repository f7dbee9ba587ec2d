"""Run the sample portal in a child process and learn its URL.

One launcher for every user of the portal (``nianbao demo``, the pytest fixture, the benchmarks):
the child binds port 0 on 127.0.0.1, prints its base URL as its first line, and is terminated
(then killed if it lingers) when the ``with`` block ends, whatever happened inside it.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

START_TIMEOUT = 30.0
STOP_TIMEOUT = 5.0


class PortalStartError(RuntimeError):
    """The sample portal process did not report a URL in time."""


@contextlib.contextmanager
def running_portal(
    *,
    seed: int,
    size: int,
    hostile: bool = False,
    start_timeout: float = START_TIMEOUT,
    host: str = "127.0.0.1",
) -> Iterator[str]:
    """Start ``python -m crawler.sampleportal`` and yield its base URL (``http://127.0.0.1:PORT/``).

    ``hostile`` serves the politeness and safety cases too (``--hostile``); a portal of tens of
    thousands of reports takes longer than ``START_TIMEOUT`` to build (``start_timeout``).
    ``host`` is the loopback address to bind (``crawler.sampleportal.portalset`` gives each
    portal of a set its own, 127.0.0.2, 127.0.0.3 …).
    """
    with started_portal(seed=seed, size=size, hostile=hostile, host=host) as child:
        yield read_url(child, start_timeout, host)


@contextlib.contextmanager
def started_portal(
    *,
    seed: int,
    size: int,
    hostile: bool = False,
    host: str = "127.0.0.1",
    port: int = 0,
) -> Iterator[subprocess.Popen[str]]:
    """The portal's child process, not yet waited for; terminated when the block ends.

    Separate from ``running_portal`` so a set of portals builds in parallel: start every
    child, then read each one's URL (``read_url``). ``port`` 0 lets the child pick one.
    """
    command = [
        sys.executable,
        "-m",
        "crawler.sampleportal",
        "--port",
        str(port),
        "--seed",
        str(seed),
        "--size",
        str(size),
        "--host",
        host,
        *(["--hostile"] if hostile else []),
    ]
    child = subprocess.Popen(  # noqa: S603 (fixed argv, our own module)
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()


def read_url(
    child: subprocess.Popen[str], timeout: float, host: str = "127.0.0.1"
) -> str:
    """Wait for the child's first stdout line, with a timeout (readline alone could block)."""
    stdout = child.stdout
    assert stdout is not None  # noqa: S101 (Popen was given stdout=PIPE)
    line: list[str] = []
    reader = threading.Thread(
        target=lambda: line.append(stdout.readline()), daemon=True
    )
    reader.start()
    reader.join(timeout)
    url = line[0].strip() if line else ""
    if not url.startswith(f"http://{host}:"):
        raise PortalStartError(
            f"sample portal did not start (exit code {child.poll()}, first line {url!r})"
        )
    return url
