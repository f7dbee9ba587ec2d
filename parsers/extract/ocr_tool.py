"""Tesseract, the optional OCR engine: find it, check its Chinese model, run it bounded.

Tesseract comes from Debian (``tesseract-ocr`` + ``tesseract-ocr-chi-sim``, 26 MB) rather
than a pip package: RapidOCR reads tables slightly better but weighs 394 MiB with onnxruntime
and opencv (doc-extraction.md, "PDF without a text layer"). It is called as a command, not
through a binding, so nothing is imported when OCR is off. ``OMP_THREAD_LIMIT=1`` because
Tesseract's OpenMP threads fight each other on a 2-core machine (measured here: 26 s wall,
13 s of it system time, for one page that takes 3.4 s single-threaded), and the pool already
runs one extraction per core.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
from typing import TYPE_CHECKING, Final

from parsers.errors import ResourceLimitError, ToolFailedError, ToolMissingError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

logger = logging.getLogger(__name__)

#: Tesseract's simplified-Chinese model (Debian package tesseract-ocr-chi-sim).
LANGUAGE: Final = "chi_sim"
INSTALL_HINT: Final = "apt-get install tesseract-ocr tesseract-ocr-chi-sim"
#: Seconds allowed for ``tesseract --version`` / ``--list-langs``.
PROBE_TIMEOUT_S: Final = 30.0


def tesseract_path() -> str | None:
    """Where the ``tesseract`` command is, or None."""
    return shutil.which("tesseract")


def tesseract_version() -> str:
    """``tesseract 5.3.0``: recorded with every OCR'd document as its provenance."""
    return _version(_require_path())


def check_ocr_available() -> str:
    """The Tesseract version if OCR can run here; ``ToolMissingError`` saying what to install.

    Called for every document extracted with OCR on: the PATH lookup is repeated (cheap), the
    two Tesseract probes are made once per installed binary, not once per document.
    """
    path = _require_path()
    if LANGUAGE not in _languages(path):
        msg = f"Tesseract has no {LANGUAGE} model; install it: {INSTALL_HINT}"
        raise ToolMissingError(msg)
    return _version(path)


@functools.cache
def _version(path: str) -> str:
    result = _probe([path, "--version"])
    first = (result.stdout or result.stderr).strip().splitlines()
    return first[0] if first else "tesseract (unknown version)"


@functools.cache
def _languages(path: str) -> frozenset[str]:
    return frozenset(_probe([path, "--list-langs"]).stdout.split())


def run_tesseract(
    images: Sequence[Path], list_file: Path, *, psm: int, timeout_s: float
) -> str:
    """Tesseract's TSV for ``images`` (page_num = index in ``images``), in one process.

    One call for many images: Tesseract reads a text file listing image paths as a multi-page
    input, so the model (~20 MB for chi_sim) is loaded once per batch, not once per cell.
    """
    list_file.write_text("".join(f"{image}\n" for image in images), encoding="utf-8")
    command = [
        _require_path(),
        str(list_file),
        "stdout",
        "-l",
        LANGUAGE,
        "--psm",
        str(psm),
        "tsv",
    ]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run(  # noqa: S603 - fixed command, paths we created
            command,
            capture_output=True,
            timeout=timeout_s,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        msg = f"OCR of {len(images)} images exceeded {timeout_s:g} s"
        logger.warning("ocr stopped: %s", msg)
        raise ResourceLimitError(msg) from exc
    except OSError as exc:
        msg = f"tesseract could not be started: {exc}"
        logger.warning("ocr failed: %s", msg)
        raise ToolFailedError(msg) from exc
    if result.returncode != 0:
        tail = result.stderr.decode("utf-8", "replace").strip()[-300:]
        msg = f"tesseract exited with {result.returncode}: {tail}"
        logger.warning("ocr failed: %s", msg)
        raise ToolFailedError(msg)
    return result.stdout.decode("utf-8", "replace")


def _require_path() -> str:
    path = tesseract_path()
    if path is None:
        msg = f"OCR needs Tesseract, which is not installed: {INSTALL_HINT}"
        raise ToolMissingError(msg)
    return path


def _probe(command: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(  # noqa: S603 - the tesseract found on PATH
            command,
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT_S,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        msg = f"{' '.join(command)} failed: {exc}"
        raise ToolMissingError(msg) from exc
