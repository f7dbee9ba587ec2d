"""Integrity of an archive: ``verify`` (read-only check) and ``repair_tail`` (open-time repair).

``verify`` re-reads every WARC record (digests checked by warcio, every gzip member inflated on
its own) and checks every ``captures`` row against the record it points at. Each problem names
the WARC file and offset, like warcio's ``checker.py``. A damaged record is reported once:
reading resumes at the next gzip member, so the records after it are still checked. ``repair_tail`` handles the one state a
crash can leave, because ``store`` writes the WARC before the index: records after the last
indexed capture of the newest file (a partial member or a whole orphan group).
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from archive.errors import ArchiveError, IntegrityError
from archive.warc import DIGEST_PROBLEMS, ReadRecord, iter_records, list_warc_files
from archive.warc_files import group_start

if TYPE_CHECKING:
    from collections.abc import Iterator

logger = logging.getLogger(__name__)

#: A crash interrupts one ``store``: at most one capture (main record + request) is orphaned.
_MAX_ORPHAN_RECORDS = 2
#: The first bytes of every gzip member (magic, deflate), where ``verify`` resynchronises.
_GZIP_MAGIC = b"\x1f\x8b\x08"


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    records_checked: int
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Seen:
    rec_type: str
    length: int
    sha256: str
    warc_sha256: str | None
    refers_to: str | None


def open_index_readonly(directory: str | Path) -> Database:
    """The index opened read-only, so verify, export and stats never change an archive."""
    path = Path(directory) / "index.sqlite"
    if not path.is_file():
        msg = f"{directory} is not a nianbao archive (no index.sqlite)"
        raise ArchiveError(msg)
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        # connect() is lazy: read the schema now, so a file that is no database is an
        # ArchiveError here, not a sqlite3 traceback in the middle of a command.
        connection.execute("PRAGMA schema_version").fetchone()
        return Database(connection)
    except sqlite3.Error as exc:
        msg = f"cannot read the index {path}: {exc}"
        raise ArchiveError(msg) from exc


def verify(directory: str | Path) -> VerifyResult:
    """Re-read every WARC record and check the index against it; never modifies anything."""
    root = Path(directory)
    db = open_index_readonly(root)
    try:
        problems: list[str] = []
        seen, checked, damaged = _scan_warcs(root / "warc", problems)
        referenced: set[tuple[str, int]] = set()
        rows = db.execute(
            "SELECT c.id, c.url, d.sha256, c.warc_file, c.warc_offset, c.warc_length,"
            " c.warc_record_type FROM captures c"
            " LEFT JOIN documents d ON d.id = c.document_id ORDER BY c.id"
        ).fetchall()
        for capture_id, url, sha256, name, offset, length, rec_type in rows:
            referenced.add((name, offset))
            where = f"{name} @ {offset}: capture {capture_id} ({url})"
            path = root / "warc" / name
            record = seen.get((name, offset))
            if not path.is_file():
                problems.append(f"{where}: WARC file is missing")
            elif (name, offset) in damaged:
                continue  # reported once, as the damaged record
            elif record is None:
                size = path.stat().st_size
                state = (
                    "points past the end of the file"
                    if offset >= size
                    else "has no record"
                )
                problems.append(f"{where}: index row {state} (file size {size})")
            else:
                problems.extend(
                    f"{where}: {p}" for p in _compare(record, sha256, length, rec_type)
                )
        problems.extend(
            f"{name} @ {offset}: {record.rec_type} record is not in the index"
            for (name, offset), record in seen.items()
            if record.rec_type in {"response", "revisit"}
            and (name, offset) not in referenced
        )
        problems.extend(
            f"document {sha256}: no capture holds its payload"
            for (sha256,) in db.execute(
                "SELECT sha256 FROM documents WHERE id NOT IN"
                " (SELECT document_id FROM captures WHERE warc_record_type = 'response')"
            ).fetchall()
        )
    finally:
        db.close()
    return VerifyResult(ok=not problems, records_checked=checked, problems=problems)


def _scan_warcs(
    warc_dir: Path, problems: list[str]
) -> tuple[dict[tuple[str, int], _Seen], int, set[tuple[str, int]]]:
    """Read every record of every file; a damaged one is reported once, then reading goes on.

    Returns what was read by (file, offset), how many records were checked, and where the
    damaged records start (so the index rows that point at them are not reported again).
    """
    seen: dict[tuple[str, int], _Seen] = {}
    damaged: set[tuple[str, int]] = set()
    checked = 0
    for name in list_warc_files(warc_dir):
        path = warc_dir / name
        start: int | None = 0
        while start is not None:
            offset: int = start
            try:
                for record in iter_records(path, offset):
                    checked += 1
                    seen[(name, record.offset)] = _summarise(record)
                    if DIGEST_PROBLEMS in record.warc_headers:
                        problems.append(
                            f"{name} @ {record.offset}: digest mismatch"
                            f" ({record.warc_headers[DIGEST_PROBLEMS]})"
                        )
                start = None
            except IntegrityError as exc:
                checked += 1
                at = exc.offset if exc.offset is not None else offset
                damaged.add((name, at))
                start = _next_member(path, at)
                after = (
                    f"reading resumed at the next gzip member, offset {start}"
                    if start is not None
                    else "no readable record after it"
                )
                reason = exc.args[0].split(" (")[0].split(", first line")[0]
                problems.append(f"{name} @ {at}: {reason}; {after}")
    return seen, checked, damaged


def _next_member(path: Path, damaged_at: int) -> int | None:
    """The offset of the first readable record after ``damaged_at``, or None.

    Every record is its own gzip member, so reading can resynchronise on the next gzip header
    (1f 8b 08). The bytes can occur inside compressed data too; a candidate counts only if a
    whole record reads from it.
    """
    data = path.read_bytes()
    candidate = data.find(_GZIP_MAGIC, damaged_at + 1)
    while candidate != -1:
        try:
            next(iter_records(path, candidate))
        except (IntegrityError, StopIteration):
            candidate = data.find(_GZIP_MAGIC, candidate + 1)
        else:
            return candidate
    return None


def _summarise(record: ReadRecord) -> _Seen:
    return _Seen(
        rec_type=record.rec_type,
        length=record.length,
        sha256=hashlib.sha256(record.payload).hexdigest(),
        warc_sha256=record.warc_headers.get("WARC-Nianbao-Sha256"),
        refers_to=record.warc_headers.get("WARC-Refers-To-Target-URI"),
    )


def _compare(record: _Seen, sha256: str, length: int, rec_type: str) -> Iterator[str]:
    if record.rec_type != rec_type:
        yield f"index says {rec_type}, WARC has {record.rec_type}"
    if record.length != length:
        yield f"index length {length} != record length {record.length}"
    if rec_type == "response" and record.sha256 != sha256:
        yield f"payload sha256 {record.sha256} != index {sha256}"
    if record.warc_sha256 is not None and record.warc_sha256 != sha256:
        yield f"WARC-Nianbao-Sha256 {record.warc_sha256} != index {sha256}"
    if rec_type == "revisit" and not record.refers_to:
        yield "revisit without WARC-Refers-To-Target-URI"


def repair_tail(db: Database, warc_dir: Path, *, max_group_records: int = 0) -> int:
    """Cut the newest WARC file back to the end of its last indexed record group.

    Returns the number of bytes removed (0 when the tail is clean). Refuses (``ArchiveError``)
    to remove more than one capture's records, because that means the index, not the WARC, was
    lost, and truncating would destroy captures; unless the orphans start exactly where the
    latest group of ``Archive.store_many`` started (``warc_files.group_start``) and are at most
    ``max_group_records``: a group whose index commit a crash interrupted.
    """
    names = list_warc_files(warc_dir)
    if not names:
        return 0
    name = names[-1]
    path = warc_dir / name
    size = path.stat().st_size
    last = db.execute(
        "SELECT max(warc_offset) FROM captures WHERE warc_file = ?", [name]
    ).fetchone()[0]
    good_end, orphans = _good_end(path, last)
    if good_end is None or good_end >= size:
        return 0
    allowed = _MAX_ORPHAN_RECORDS
    if group_start(warc_dir) == (name, good_end):
        allowed = max(allowed, max_group_records)
    if orphans > allowed:
        msg = (
            f"{name}: {orphans} records after offset {good_end} are not in the index;"
            " refusing to truncate (run verify)"
        )
        raise ArchiveError(msg)
    with path.open("r+b") as handle:
        handle.truncate(good_end)
    logger.warning(
        "repaired %s: removed %d bytes after offset %d (records not in the index)",
        name,
        size - good_end,
        good_end,
    )
    return size - good_end


def _good_end(path: Path, last_indexed: int | None) -> tuple[int | None, int]:
    """End of the last indexed group (or of the warcinfo) and how many whole records follow it."""
    records = iter_records(path, last_indexed or 0)
    try:
        first = next(records)
    except (IntegrityError, StopIteration):
        if last_indexed is not None:
            logger.warning(
                "%s @ %d: indexed record unreadable; not repairing", path, last_indexed
            )
            return None, 0
        return 0, 0  # a new file whose warcinfo never completed: start it again
    end = first.offset + first.length
    main_id = first.warc_headers.get("WARC-Record-ID")
    orphans = 0
    in_group = last_indexed is not None
    try:
        for record in records:
            linked = record.warc_headers.get("WARC-Concurrent-To") == main_id
            if in_group and record.rec_type == "request" and linked:
                end = record.offset + record.length
            else:
                in_group = False
                orphans += 1
    except IntegrityError:
        pass  # the partial member a crash leaves; removed with the rest of the tail
    if last_indexed is None and first.rec_type != "warcinfo":
        return 0, orphans + 1
    return end, orphans
