"""The WARC files a merge copies: checked, named by their first record, copied whole, once.

A WARC file of an archive only ever grows at its end (records are appended; a later writer
session may append to the newest file), so a file is known by its first record, the
``warcinfo`` written when it was created (its own ``WARC-Record-ID`` and date): the copy is
named ``nianbao-merged-<sha256 of that record>-00000.warc.gz``. Two inputs holding the file
at different lengths (a shard merged, then crawled again) give one copy, the longest; the
shorter must be a prefix of it (anything else is refused). Since copies are whole files, every
record keeps its offset, its ``WARC-Record-ID`` and the ``WARC-Refers-To-*`` of a revisit.
The ``00000`` sorts copies before the files a later crawl into the merged archive writes.

Copies are written and fsynced as ``NAME.part`` (invisible to readers and to a writer's
open-time repair, which would take a whole unindexed copy for the tail of a crash) and get
their final name only after the index rows pointing into them have committed (``publish``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from typing import TYPE_CHECKING

from archive.errors import IntegrityError, MergeRefusedError
from archive.warc import iter_records, list_warc_files

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

_CHUNK = 1 << 20


def check_warcs(root: Path) -> None:
    """Read every record of the archive's WARC files (warcio, digests checked) before copying."""
    for name in list_warc_files(root / "warc"):
        try:
            for _record in iter_records(root / "warc" / name):
                pass
        except IntegrityError as exc:
            msg = f"{root}: damaged WARC ({exc}); run nianbao verify on it first"
            raise MergeRefusedError(msg) from exc


def merged_name(path: Path) -> str:
    """The copy's name: from the sha256 of the file's first record (its warcinfo)."""
    first = next(iter_records(path), None)
    length = first.length if first is not None else path.stat().st_size
    return f"nianbao-merged-{_prefix_sha256(path, length)[:24]}-00000.warc.gz"


def stage_warcs(
    roots: Sequence[Path], target: Path
) -> tuple[list[dict[str, str]], list[str]]:
    """Stage what ``target`` lacks; each input's file names there, and the names staged.

    A copy already in ``target`` at least as long (and agreeing) is left alone; a longer
    version of it is staged whole and replaces it on ``publish`` (offsets stay valid: the old
    copy is a prefix of the new one).
    """
    names: list[dict[str, str]] = []
    longest: dict[str, Path] = {}
    for root in roots:
        mine: dict[str, str] = {}
        for name in list_warc_files(root / "warc"):
            path = root / "warc" / name
            merged = mine[name] = merged_name(path)
            if merged in longest:
                path = _longer(longest[merged], path)
            longest[merged] = path
        names.append(mine)
    staged = []
    for merged, path in sorted(longest.items()):
        existing = target / merged
        if existing.exists() and _longer(existing, path) == existing:
            continue
        partial = target / (merged + ".part")
        with path.open("rb") as src, partial.open("wb") as dst:
            shutil.copyfileobj(src, dst, _CHUNK)
            dst.flush()
            os.fsync(dst.fileno())
        staged.append(merged)
    return names, staged


def publish(warc_dir: Path, names: Sequence[str]) -> None:
    """Give the staged copies their final names (after the index commit), durably.

    A merge killed before this point leaves index rows pointing at files still named
    ``.part`` (``verify`` says the files are missing); running the merge again copies them.
    """
    for name in names:
        (warc_dir / (name + ".part")).replace(warc_dir / name)
    directory = os.open(warc_dir, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _longer(one: Path, other: Path) -> Path:
    """The longer of two versions of one WARC file; refused unless the shorter is its prefix."""
    short, long_ = sorted((one, other), key=lambda p: p.stat().st_size)
    size = short.stat().st_size
    if _prefix_sha256(short, size) != _prefix_sha256(long_, size):
        msg = f"{one} and {other} begin alike but differ: not versions of one WARC file"
        raise MergeRefusedError(msg)
    return long_ if long_.stat().st_size > size else one


def _prefix_sha256(path: Path, length: int) -> str:
    digest = hashlib.sha256()
    left = length
    with path.open("rb") as handle:
        while left > 0:
            chunk = handle.read(min(_CHUNK, left))
            if not chunk:
                break
            digest.update(chunk)
            left -= len(chunk)
    return digest.hexdigest()
