"""A real ``redis-server`` for the shared-frontier tests: 127.0.0.1, a free port, no persistence.

Skipped where redis-server is not installed, failed instead under CI's ``NIANBAO_REQUIRE_TOOLS=1``
(``.ci/run`` installs it).
"""

from __future__ import annotations

import contextlib
import subprocess
import time
from typing import TYPE_CHECKING

import pytest
import redis

from tests.crawler.local_servers import free_port, stop
from tests.tools import require_tool

if TYPE_CHECKING:
    from collections.abc import Iterator


@contextlib.contextmanager
def running_redis(wait: float = 20.0) -> Iterator[str]:
    """Start redis-server and yield its URL (``redis://127.0.0.1:PORT/0``); stop it after."""
    binary = require_tool("redis-server")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
         "--appendonly", "no", "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("redis-server did not start")
                time.sleep(0.1)
        yield url
    finally:
        client.close()
        stop(process)
