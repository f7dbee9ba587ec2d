"""Stream parse workers started from a command *script* (the ``nianbao`` console script).

A forkserver child re-runs its parent's ``__main__`` script. The extraction sandbox children of
a stream worker did so for the crawl's script (Scrapy and the command line imported in every
one); ``crawler.parsefeed`` drops the script from the worker. The pytest crawls run ``python -m
…`` (a ``__main__`` module, which multiprocessing never re-runs), so this test starts a script.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

HELPER = """
import sys
from parsers.model import Document

def loaded_modules(body, *, limits):
    # runs in a sandbox child: which of the command line's modules it has imported
    names = sorted(
        m for m in sys.modules if m.split(".")[0] in ("scrapy", "crawler", "archive")
    )
    return Document(text=" ".join(names))
"""

SCRIPT = """
import json, multiprocessing, os, sys
from concurrent.futures import ProcessPoolExecutor
from parsers.extract.sandbox import preload_modules
from crawler.parsefeed import NICENESS, guard_forkserver_first, init_stream_worker

def probe():
    import multiprocessing.forkserver as forkserver
    from parsers.extract.limits import ExtractionLimits
    from parsers.extract.sandbox import run_isolated
    from helper import loaded_modules
    document = run_isolated(loaded_modules, b"", limits=ExtractionLimits())
    return {
        "main_file": getattr(sys.modules["__main__"], "__file__", None),
        "preload": list(forkserver._forkserver._preload_modules),
        "sandbox_modules": document.text.split(),
    }

if __name__ == "__main__":
    # what ArchivePipeline.open_spider does before the pool starts
    preload_modules(["scrapy.cmdline", "crawler.cli", "parsers.extract.forkserver_guard"])
    guard_forkserver_first()
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=init_stream_worker,
        initargs=(os.getpid(), NICENESS),
    )
    with pool:
        print(json.dumps(pool.submit(probe).result()))
"""


def test_worker_sandbox_starts_without_the_command_script(tmp_path: Path) -> None:
    (tmp_path / "helper.py").write_text(HELPER)
    script = tmp_path / "nianbao_like.py"
    script.write_text(SCRIPT)
    completed = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        check=False,
        timeout=120,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    seen = json.loads(completed.stdout)
    # the worker forgot the script: its sandbox child did not re-run it (no Scrapy, no
    # command line imported there) and its forkserver preloads the extractors and the guard
    # alone (nor the archive package, which the guard used to bring)
    assert seen["main_file"] is None
    assert seen["sandbox_modules"] == []
    assert seen["preload"][0] == "parsers.extract.forkserver_guard"
    assert "parsers.extract.pdf" in seen["preload"]
    assert "crawler.cli" not in seen["preload"]
