"""``nianbao merge A B … --into C``: several workers' archives as one, content-addressed.

Each host shard (``nianbao crawl --shard I/N``) writes its own archive; merging them gives the
archive a single worker would have built. What a merge promises, and how:

- **WARC records are copied once, byte for byte.** Every WARC file of an input is read through
  warcio first (every record whole, digests checked: a damaged input is refused, not spread),
  then copied whole under a name made of its first record (``archive.merge_warcs``), so record
  offsets, ``WARC-Record-ID`` values and the ``WARC-Refers-To-*`` of revisits stay exactly as
  they were, a file two inputs share is stored once (the longest version of it, when a shard
  appended to it since), and the name is the same whichever order the inputs come in.
- **Documents dedupe by sha256**, captures keep their crawl (with its ``worker``) and time;
  rows are matched by content, never by id (``archive.merge_rows``). A payload fetched by two
  workers keeps both response records (both are what was fetched), one ``documents`` row.
- **Parse rows are copied, not re-derived** (``archive.merge_parse``): an extraction depends
  on the machine that made it (LibreOffice, OCR) and a report's region code on its crawl's
  registry, so parsing again in the merged archive would not give the same rows. Rows of
  every parser version are kept; report versions are filed again over the merged documents.
  The texts those rows name are copied from the inputs' ``extracted.sqlite`` (``_copy_texts``).
- **Idempotent and commutative**: merging again adds nothing; the inputs' order changes no row
  (``merge_rows.canonical_dump`` compares). Files are written and fsynced (as ``.part``)
  before the index rows commit in one transaction, and renamed after; a merge killed at any
  point is finished by running it again.

Inputs are only read, under a shared lock on their writer lock file: one held open by a crawl
is refused, as is one whose index schema is not this nianbao's (open it with this nianbao
first). Reads no settings.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from archive import merge_rows
from archive.errors import ArchiveError, MergeRefusedError
from archive.extract_cache import ExtractCache
from archive.merge_parse import merge_parse_rows
from archive.merge_warcs import check_warcs, publish, stage_warcs
from archive.schema import SCHEMA_VERSION
from archive.store import Archive
from archive.verify import open_index_readonly

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlite_utils import Database


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What one merge added to the output (all zero when it was already merged)."""

    warc_files: int
    crawls: int
    captures: int
    documents: int
    events: int
    parsed: int  # documents whose parse rows were copied

    def line(self) -> str:
        """The summary ``nianbao merge`` prints."""
        return (
            f"merged: {self.warc_files} WARC files, {self.crawls} crawls, "
            f"{self.captures} captures, {self.documents} documents, "
            f"{self.events} events, parse rows of {self.parsed} documents"
        )


def merge(
    inputs: Sequence[str | Path],
    into: str | Path,
    *,
    software_version: str,
) -> MergeResult:
    """Merge the archives ``inputs`` into ``into`` (created if needed); see the module doc.

    Raises ``MergeRefusedError`` before anything is written when an input cannot be merged,
    and ``ArchiveError`` when the output cannot be opened for writing.
    """
    target = Path(into).resolve()
    paths = sorted({Path(p).resolve() for p in inputs})
    if not paths:
        raise MergeRefusedError("nothing to merge: give at least one input archive")
    if target in paths:
        msg = f"{target} is both an input and the output; merge into another directory"
        raise MergeRefusedError(msg)
    with ExitStack() as stack:
        dbs = []
        for path in paths:
            stack.enter_context(_shared_lock(path))
            db = _open_input(path)
            stack.callback(db.close)
            dbs.append(db)
        for path in paths:
            check_warcs(path)
        out = stack.enter_context(
            Archive.open(target, software_version=software_version)
        )
        return _merge_into(out, paths, dbs)
    raise AssertionError("unreachable")  # pragma: no cover (ExitStack swallows nothing)


def _merge_into(out: Archive, paths: list[Path], dbs: list[Database]) -> MergeResult:
    warc_dir = out.directory / "warc"
    names, staged = stage_warcs(paths, warc_dir)
    db = out.db
    with db.atomic():
        crawls_before = db.table("crawls").count
        merge_rows.start_touched(db)
        crawl_ids = merge_rows.merge_crawls(db, dbs)
        documents = merge_rows.merge_documents(db, dbs)
        sources = list(zip(dbs, names, strict=True))
        captures = merge_rows.merge_captures(db, sources, crawl_ids)
        events = merge_rows.merge_events(db, dbs, crawl_ids)
        merge_rows.recount_captures(db)
        crawls = db.table("crawls").count - crawls_before
        parsed = merge_parse_rows(db, dbs)
    _copy_texts(out, paths)
    publish(warc_dir, staged)
    return MergeResult(
        len(staged),
        crawls,
        captures,
        documents,
        events,
        len(parsed),
    )


def _copy_texts(out: Archive, paths: list[Path]) -> None:
    """The extractions the output's ``texts`` rows name, from the inputs' stores.

    The texts live in each archive's ``extracted.sqlite`` (``archive.textstore``), not in the
    index rows merged above; copied after those commit (a text missing from every input reads
    as empty, as in the input). Inputs in path order: the first that holds an entry gives it.
    """
    wanted = {
        (str(sha), str(key))
        for sha, key in out.db.execute(
            "SELECT d.sha256, t.extraction_key FROM texts t"
            " JOIN documents d ON d.id = t.document_id WHERE t.extraction_key IS NOT NULL"
        )
    }
    store = ExtractCache(out.directory)
    try:
        for path in paths:
            store.copy_from(path, wanted)
    finally:
        store.close()


def _shared_lock(root: Path) -> IO[bytes]:
    """A shared lock on ``root/lock``: refused while a writer holds it, and no writer starts.

    The lock file is opened read-only and never created, so an input is not changed.
    """
    lock_path = root / "lock"
    handle = (lock_path if lock_path.exists() else Path(os.devnull)).open("rb")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        msg = f"{root} is open in a writer (a crawl?); merge it once that has finished"
        raise MergeRefusedError(msg) from exc
    return handle


def _open_input(root: Path) -> Database:
    """The input's index, read-only, checked: an archive of this nianbao's index schema."""
    try:
        db = open_index_readonly(root)
    except ArchiveError as exc:
        raise MergeRefusedError(str(exc)) from exc
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version != SCHEMA_VERSION:
        db.close()
        msg = (
            f"{root}: index schema {version}, this nianbao writes {SCHEMA_VERSION}: open "
            "it with this nianbao first (nianbao reparse upgrades it)"
        )
        raise MergeRefusedError(msg)
    return db
