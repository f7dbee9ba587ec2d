"""One open archive per directory for the whole process, shared by the crawler's components.

The archive's writer lock is per process and file, so ``ArchivePipeline``, the incremental
middleware (``crawler.incremental``) and the resume components (``crawler.resume``) of every
crawler of one process (``nianbao crawl --all``) must use the same open ``Archive``: each
acquires it when it opens and releases it when it closes, and the last release closes it.
Kept apart from the pipeline so that sharing is one small idea with its own module.

Settings read: none (callers pass ``ARCHIVE_DIR`` and ``ARCHIVE_WARC_MAX_BYTES``).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from archive import Archive

if TYPE_CHECKING:
    from pathlib import Path


def software_version() -> str:
    """The installed nianbao version, recorded on every crawl and WARC record."""
    try:
        return version("nianbao")
    except PackageNotFoundError:
        return "0+unknown"


@dataclass(slots=True)
class _Shared:
    archive: Archive
    users: int


#: Open archives of this process by resolved directory, with the number of pipelines using each.
_OPEN: dict[Path, _Shared] = {}


def _acquire(directory: Path, warc_max_bytes: int) -> Archive:
    key = directory.resolve()
    shared = _OPEN.get(key)
    if shared is None:
        archive = Archive.open(
            key, software_version=software_version(), warc_max_bytes=warc_max_bytes
        )
        shared = _OPEN[key] = _Shared(archive, 0)
    shared.users += 1
    return shared.archive


def _release(directory: Path) -> None:
    key = directory.resolve()
    shared = _OPEN.get(key)
    if shared is None:
        return
    shared.users -= 1
    if shared.users <= 0:
        del _OPEN[key]
        shared.archive.close()
