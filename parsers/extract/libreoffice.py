"""LibreOffice headless, the optional converter: DOC/WPS -> DOCX for table grids, bounded.

The own olefile reader (``doc.py``) gets a Word 97 binary's text but not its table grids;
LibreOffice 7.4 -> DOCX -> python-docx returned the exact 28×10 application grid in ~1.3 s
(doc-extraction.md, "DOC and WPS"). It is a Debian package (``libreoffice-writer-nogui``,
``libreoffice-calc-nogui``), called as a command, so nothing is imported when it is absent.

How it is bounded (doc-extraction.md, "Guards" 4 and 10): every call gets its own temporary
directory holding the input, the output and a private profile (``-env:UserInstallation``), so
parallel workers never share LibreOffice's lock; the directory is always removed. ``soffice``
is a launcher that starts ``soffice.bin``, so it runs in its own session and the whole process
group is SIGKILLed at the deadline. That deadline is ``limits.timeout_s`` less
``TOOL_RESERVE_S``: the sandbox (``sandbox.run_isolated``) kills this process at the full
``timeout_s``, so this process stops soffice first and says why. Should this process die
anyway (that kill, the OOM killer, a killed crawl), the group goes with it: it is led by a
guard ``sh`` armed with a parent-death signal (``_run_group``). The sandbox's ``RLIMIT_AS`` is inherited: measured, soffice
converts the report under a 512 MiB cap (peak RSS 210 MB) and fails at 448 MiB, so the
default 2 GiB is enough. LibreOffice exits 0 when it cannot load a file ("source file could
not be loaded") and imports unknown bytes as plain text, so success is an output file, and
``extract_doc_converted`` checks the Word FIB itself before converting anything.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Final, NoReturn

from parsers.errors import (
    CorruptDocumentError,
    ResourceLimitError,
    ToolFailedError,
)
from parsers.extract.doc import check_word_binary
from parsers.extract.orphans import PR_SET_PDEATHSIG
from parsers.extract.zipguard import check_body_size

if TYPE_CHECKING:
    from collections.abc import Callable

    from parsers.extract.limits import ExtractionLimits
    from parsers.model import Document

logger = logging.getLogger(__name__)

#: Seconds allowed for ``soffice --version`` (it answers in ~0.15 s without starting Office).
PROBE_TIMEOUT_S: Final = 30.0
#: Seconds of ``limits.timeout_s`` kept back from soffice (at most half of it): the sandbox
#: SIGKILLs this process at ``timeout_s`` after the fork, and a ``soffice.bin`` still running
#: then would be orphaned with its temp dir (measured: it survives its launcher's SIGKILL).
TOOL_RESERVE_S: Final = 2.0
#: Characters of soffice's stderr kept in an error message.
STDERR_TAIL: Final = 300
_SUFFIX = re.compile(r"[a-z0-9]{1,8}")
_TARGET = re.compile(r"[a-z0-9]{1,8}(?::[\w ()-]+)?")
_VERSION = re.compile(r"LibreOffice \d+(?:\.\d+)+")
#: The guard soffice runs under: ``sh`` leads soffice's process group and, sent SIGTERM when
#: the process that started it dies (parent-death signal), SIGKILLs the whole group.
_GUARD: Final = 'trap "kill -KILL 0" TERM; "$@" & wait "$!"'


def soffice_path() -> str | None:
    """Where LibreOffice's ``soffice`` (or ``libreoffice``) command is, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@functools.cache
def soffice_version() -> str | None:
    """``LibreOffice 7.4.7.2``, recorded with each converted document; None if unavailable."""
    path = soffice_path()
    if path is None:
        return None
    try:
        result = subprocess.run(  # noqa: S603 - the soffice found on PATH
            [path, "--version"],
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT_S,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning("soffice --version failed: %r", exc)
        return None
    match = _VERSION.search(result.stdout)
    return match.group(0) if match else (result.stdout.strip() or None)


def convert(
    body: bytes, source_suffix: str, target: str, *, limits: ExtractionLimits
) -> bytes:
    """``body`` converted by LibreOffice to ``target`` (``docx``, ``doc``, ``xls`` …).

    ``source_suffix`` (``doc`` or ``.doc``) names the input file: LibreOffice's type detection
    looks at it, and ``.wps`` would select the Microsoft Works filter, so callers holding a
    Kingsoft WPS file (a Word 97 binary) pass ``doc``. ``target`` may carry a filter name
    (``docx:MS Word 2007 XML``). Raises ``ToolFailedError`` (missing tool, failure, no output)
    or ``ResourceLimitError`` (deadline, oversized output); the temp dir is always removed.
    """
    suffix = source_suffix.lstrip(".").lower()
    extension = target.split(":", 1)[0]
    if not _SUFFIX.fullmatch(suffix) or not _TARGET.fullmatch(target):
        msg = f"bad conversion {source_suffix!r} -> {target!r}"
        raise ValueError(msg)
    check_body_size(body, limits=limits)
    path = soffice_path()
    if path is None:
        _tool_failed("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="nianbao-soffice-") as tmp:
        work = Path(tmp)
        source = work / f"source.{suffix}"
        source.write_bytes(body)
        outdir = work / "out"
        command = [
            path,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ]
        deadline = max(limits.timeout_s - TOOL_RESERVE_S, limits.timeout_s / 2)
        stderr = _run_group(command, timeout_s=deadline)
        output = outdir / f"source.{extension}"
        if not output.is_file() or output.stat().st_size == 0:
            _tool_failed(f"LibreOffice wrote no {extension} file: {_tail(stderr)}")
        if output.stat().st_size > limits.max_bytes:
            msg = f"LibreOffice's {extension} output exceeds {limits.max_bytes} bytes"
            logger.warning("libreoffice refused: %s", msg)
            raise ResourceLimitError(msg)
        return output.read_bytes()


def extract_doc_converted(body: bytes, *, limits: ExtractionLimits) -> Document:
    """A Word 97 / WPS binary's text and table grids, through LibreOffice and python-docx.

    The own reader's checks run first (``doc.check_word_binary``): bytes without a Word FIB
    are ``CorruptDocumentError`` and never reach LibreOffice, an encrypted DOC is
    ``EncryptedDocumentError``. Anything that goes wrong after that is LibreOffice's fault and
    a ``ToolFailedError``, on which the dispatcher falls back to ``doc.extract_doc``; that
    includes a conversion without any text (an empty result is a finding, Guards 6).
    """
    from parsers.extract.docx import extract_docx  # noqa: PLC0415 (python-docx, only here)

    check_word_binary(body, limits=limits)
    converted = convert(body, "doc", "docx", limits=limits)
    try:
        document = extract_docx(converted, limits=limits)
    except CorruptDocumentError as exc:
        _tool_failed(f"LibreOffice's DOCX is unreadable: {exc}")
    if not document.text.strip():
        _tool_failed("LibreOffice's DOCX holds no text")
    return replace(
        document,
        media_type="application/msword",
        extractor="libreoffice+python-docx",
        meta={**document.meta, "converter": soffice_version() or "LibreOffice"},
    )


def _run_group(command: list[str], *, timeout_s: float) -> bytes:
    """Run ``command`` in its own session; its stderr, or ``ResourceLimitError`` at the deadline.

    ``subprocess.run(timeout=...)`` would kill only the launcher and leave ``soffice.bin``
    running, so the whole group is killed here, before the launcher is reaped (its pid, the
    group id, cannot be reused until then). After a normal exit nothing is left: the launcher
    waits for ``soffice.bin``, and the private profile means no other instance takes over.

    If this process is killed (SIGKILL: no handler runs), the group must still go: on Linux the
    group is led by a small ``sh`` (``_GUARD``) armed with a parent-death signal, which kills
    the group when this process (strictly: the thread that started it) exits. A signal armed
    on ``soffice`` itself would not do: the launcher forks ``soffice.bin``, and the signal is
    not inherited across a fork.
    """
    guarded = sys.platform == "linux" and Path("/bin/sh").exists()
    try:
        process = subprocess.Popen(  # noqa: S603 - the soffice found on PATH, our own paths
            ["/bin/sh", "-c", _GUARD, "sh", *command] if guarded else command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
            preexec_fn=_parent_death_signal(os.getpid()) if guarded else None,  # noqa: PLW1509 - see _parent_death_signal
        )
    except OSError as exc:
        _tool_failed(f"soffice could not be started: {exc}")
    try:
        _, stderr = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired as exc:
        _kill_group(process.pid)
        process.communicate()
        msg = f"LibreOffice exceeded {timeout_s:g} s"
        logger.warning("libreoffice stopped: %s", msg)
        raise ResourceLimitError(msg) from exc
    if process.returncode != 0:
        _tool_failed(f"soffice exited with {process.returncode}: {_tail(stderr)}")
    return stderr


def _parent_death_signal(parent: int) -> Callable[[], None]:
    """A ``preexec_fn``: SIGTERM the child when ``parent`` exits (Linux ``prctl``).

    ``prctl`` is looked up before the fork, so the child only makes one libc call (a
    ``preexec_fn`` must not allocate or take locks another thread may hold). A child whose
    parent died before the signal was armed exits at once.
    """
    prctl = ctypes.CDLL(None, use_errno=True).prctl

    def arm() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:
            os._exit(1)

    return arm


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group has already ended
        os.killpg(pgid, signal.SIGKILL)


def _tail(stderr: bytes) -> str:
    """The end of soffice's stderr on one line (a crash prints a multi-line backtrace)."""
    text = " | ".join(stderr.decode("utf-8", "replace").strip().splitlines())
    return text[-STDERR_TAIL:] or "no message"


def _tool_failed(msg: str) -> NoReturn:
    logger.warning("libreoffice failed: %s", msg)
    raise ToolFailedError(msg)
