"""The index stays small: 2048-byte pages from the start, packed when its writer closes."""

from __future__ import annotations

import sqlite3

from archive import Archive
from archive import migrate as migrate_module
from archive.migrate import PAGE_SIZE


def _pragma(directory, name):
    con = sqlite3.connect(directory / "index.sqlite")
    try:
        return con.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        con.close()


def test_a_new_index_has_the_small_page_size_in_wal_mode(archive_dir):
    Archive.open(archive_dir, software_version="t").close()
    assert _pragma(archive_dir, "page_size") == PAGE_SIZE
    assert _pragma(archive_dir, "journal_mode") == "wal"


def _fill_and_empty(arch):
    arch.db.conn.executemany(
        "INSERT INTO events (site_id, url, kind, detail, at) VALUES (?, ?, ?, ?, ?)",
        [("s", f"http://e.test/{i}", "offsite", "x" * 200, "t") for i in range(2000)],
    )
    arch.db.conn.commit()
    arch.db.execute("DELETE FROM events")
    arch.db.conn.commit()
    return _pragma(arch.directory, "freelist_count")


def test_closing_packs_a_small_index(archive_dir):
    with Archive.open(archive_dir, software_version="t") as arch:
        free = _fill_and_empty(arch)
    assert free > 100  # the deleted rows' pages, free until packed
    assert _pragma(archive_dir, "freelist_count") == 0


def test_a_large_index_is_not_packed_on_close(archive_dir, monkeypatch):
    monkeypatch.setattr(migrate_module, "COMPACT_MAX_BYTES", 1)
    with Archive.open(archive_dir, software_version="t") as arch:
        free = _fill_and_empty(arch)
    assert _pragma(archive_dir, "freelist_count") == free
