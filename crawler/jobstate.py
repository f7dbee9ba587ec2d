"""Where a resumable job keeps its state, and which crawls it has made.

Shared by ``crawler.pipelines`` (records each crawl of a job, forgets them when one finishes),
``crawler.resume`` (replays what earlier crawls of the job captured) and the portal spider
(``JOBDIR`` from ``NIANBAO_JOB``). Plain files, no Scrapy: ``JOBDIR/nianbao-job.json`` holds
``{"crawl_ids": [...]}``, replaced atomically so a SIGKILL leaves the old list or the new one.
"""

from __future__ import annotations

import json
import logging
import os
import re
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
    """Replace the job's crawl list atomically (write, fsync, rename): a kill leaves old or new."""
    directory = Path(jobdir)
    directory.mkdir(parents=True, exist_ok=True)
    temporary = directory / (JOB_STATE + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump({"crawl_ids": list(crawl_ids)}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(directory / JOB_STATE)
