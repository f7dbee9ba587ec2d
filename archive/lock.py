"""The single-writer lock of an archive directory, and what holding it proves.

``<dir>/lock`` carries an advisory ``flock`` while an ``Archive`` is open for writing, so a
second writer gets a clear ``ArchiveError`` instead of interleaved WARC records. Because a
crawl's process holds that lock from ``start_crawl`` to ``finish_crawl``, the next holder may
mark every crawl still ``running`` as ``died``.
"""

from __future__ import annotations

import fcntl
import logging
from typing import IO, TYPE_CHECKING

from archive.errors import ArchiveError, ArchiveNotWritableError

if TYPE_CHECKING:
    from pathlib import Path

    from sqlite_utils import Database

logger = logging.getLogger(__name__)


def lock_archive(root: Path) -> IO[bytes]:
    """Create ``root`` (and ``root/warc``) if needed and take its writer lock; return the file.

    Raises ``ArchiveNotWritableError`` when the directory cannot be created or written and
    ``ArchiveError`` when another process holds the archive open. Closing the file releases
    the lock.
    """
    try:
        (root / "warc").mkdir(parents=True, exist_ok=True)
        lock = (root / "lock").open("a+b")
    except OSError as exc:
        msg = f"cannot create or write archive directory {root}: {exc.strerror or exc}"
        raise ArchiveNotWritableError(msg) from exc
    try:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        lock.close()
        msg = f"archive {root} is open in another writer (lock file {root / 'lock'})"
        raise ArchiveError(msg) from exc
    return lock


def mark_dead_crawls(db: Database) -> None:
    """Mark ``running`` crawls as ``died``: holding the writer lock proves none is running.

    A crawl's process holds the archive open (and so the lock) from ``start_crawl`` to
    ``finish_crawl``; a ``running`` row seen by the next writer was left by a killed process
    (crawls that died are marked as such).
    """
    with db.atomic():
        dead = db.execute(
            "UPDATE crawls SET status = 'died' WHERE status = 'running'"
        ).rowcount
    if dead:
        logger.warning(
            "marked %d crawl(s) left running by a dead process as died", dead
        )
