"""Where a resumable job keeps its state, and which crawls it has made.

Shared by ``crawler.pipelines`` (records each crawl of a job, forgets them when one finishes),
``crawler.resume`` (replays what earlier crawls of the job captured) and the portal spider
(``JOBDIR`` from ``NIANBAO_JOB``). Plain files, no Scrapy: ``JOBDIR/nianbao-job.json`` holds
``{"crawl_ids": [...]}``, replaced atomically so a SIGKILL or a full disk leaves the old list or
the new one. Scrapy's own job files, written in place, can be left empty by a full disk;
``set_aside_broken_state`` moves such a file aside before the job starts again.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import re
import time
from pathlib import Path

logger = logging.getLogger(__name__)

JOB_STATE = "nianbao-job.json"
#: ``CaptureItem.extra`` key of a capture made from a replayed response (not stored again).
EXTRA_REPLAYED = "nianbao_replayed"
_JOB_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class JobNameError(ValueError):
    """A ``--job`` name that is not one safe path component."""


def job_dir(archive_dir: str | Path, job: str, site_id: str) -> Path:
    """``ARCHIVE_DIR/jobs/NAME/SITE``; the name must be letters, digits, ``.``, ``_``, ``-``."""
    if not _JOB_NAME.fullmatch(job) or job.strip(".") == "":
        msg = f"job name must be 1-64 letters, digits, '.', '_' or '-' (got {job!r})"
        raise JobNameError(msg)
    return Path(archive_dir) / "jobs" / job / site_id


def job_crawls(jobdir: str | Path) -> tuple[int, ...]:
    """The crawl ids of an unfinished job (empty for a new or finished one)."""
    path = Path(jobdir) / JOB_STATE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ()
    except (OSError, ValueError) as exc:
        logger.warning(
            "job state %s unreadable (%s): starting the job afresh", path, exc
        )
        return ()
    ids = data.get("crawl_ids") if isinstance(data, dict) else None
    return tuple(i for i in ids if isinstance(i, int)) if isinstance(ids, list) else ()


def write_job_crawls(jobdir: str | Path, crawl_ids: tuple[int, ...]) -> None:
    """Replace the job's crawl list atomically (write, fsync, rename): a kill leaves old or new.

    A write that fails (a full disk) removes its temporary file and raises; the old list stays.
    """
    directory = Path(jobdir)
    directory.mkdir(parents=True, exist_ok=True)
    temporary = directory / (JOB_STATE + ".tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump({"crawl_ids": list(crawl_ids)}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(directory / JOB_STATE)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX: the directory entry lives in the directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def set_aside_broken_state(jobdir: str | Path) -> list[Path]:
    """Rename Scrapy job files that cannot be read (``spider.state``, ``active.json``) aside.

    Scrapy writes them in place when a crawl closes; on a full disk they end up empty, and
    Scrapy then fails on every later run (``EOFError``, ``JSONDecodeError``). A job resumes
    from the archive (``crawler.resume``), so losing them costs only a re-seed. Returns the
    new names of what was moved (``NAME.broken-EPOCH``), each logged at WARNING.
    """
    directory = Path(jobdir)
    checks = {
        directory / "spider.state": _is_readable_pickle,
        directory / "requests.queue" / "active.json": _is_readable_json,
    }
    moved = []
    for path, is_readable in checks.items():
        if path.is_file() and not is_readable(path):
            target = path.with_name(f"{path.name}.broken-{int(time.time())}")
            path.replace(target)
            logger.warning("job file %s unreadable: set aside as %s", path, target.name)
            moved.append(target)
    return moved


def _is_readable_pickle(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            pickle.load(handle)  # noqa: S301 (Scrapy's own state file; Scrapy loads it next)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError):
        return False
    return True


def _is_readable_json(path: Path) -> bool:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return True
