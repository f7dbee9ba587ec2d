"""A LibreOffice conversion dies with the process that started it, even under SIGKILL.

A fake ``soffice`` (a launcher that starts a long-running child, as ``soffice`` starts
``soffice.bin``) is put first on PATH; a Python process converts through it; the test
SIGKILLs that process mid-conversion and checks that neither the launcher nor its child is
left running. Without the guard, ``soffice.bin`` survived its launcher and its caller.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="parent-death signals are Linux's"
)

FAKE_SOFFICE = """#!/bin/sh
echo $$ >> "{pids}"
sleep 300 &
echo $! >> "{pids}"
wait
"""

CALLER = """
import sys
from parsers.extract.libreoffice import convert
from parsers.extract.limits import ExtractionLimits
print("converting", flush=True)
convert(b"fake", "doc", "docx", limits=ExtractionLimits(timeout_s=200))
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_killing_the_caller_leaves_no_soffice_process(tmp_path):
    pids = tmp_path / "pids"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    soffice = bin_dir / "soffice"
    soffice.write_text(FAKE_SOFFICE.format(pids=pids))
    soffice.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    with subprocess.Popen(
        [sys.executable, "-c", CALLER], env=env, stdout=subprocess.PIPE, text=True
    ) as caller:
        assert caller.stdout is not None
        assert caller.stdout.readline().strip() == "converting"
        deadline = time.monotonic() + 10
        while len(pids.read_text().split() if pids.exists() else []) < 2:
            assert time.monotonic() < deadline, "the fake soffice never started"
            time.sleep(0.05)
        started = [int(pid) for pid in pids.read_text().split()]
        assert all(_alive(pid) for pid in started)
        os.kill(caller.pid, signal.SIGKILL)
        caller.wait(10)
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in started if _alive(pid)] == []
