"""Sets of URLs and fingerprints a crawl has seen, kept on disk so memory stays flat.

A crawl remembers what it asked for (Scrapy's duplicate filter), which reports, articles and list
pages it has routed (the portal spider) and what a resumed job already sent
(``crawler.resume``). In Python sets each entry costs ~150 bytes, so a 100,000-page portal
held tens of MiB that a 1,000-page one did not. ``DiskSet`` keeps 16-byte BLAKE2 digests in a
SQLite table in a temporary file instead (SQLite's page cache bounds the memory; the file is
deleted when the set is closed or collected): an answer costs one indexed lookup, ~10 µs.
Nothing here needs to outlive the process: a resumed job re-seeds and replays from the archive
(``crawler.resume``), so a fresh set is what it wants.

``DiskDupeFilter`` is Scrapy's ``RFPDupeFilter`` (same fingerprints, same log line and stats)
over a ``DiskSet``. Reads the setting ``DUPEFILTER_DEBUG`` (Scrapy's).
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Self

from scrapy.dupefilters import RFPDupeFilter

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

#: SQLite's page cache per set, in KiB (negative cache_size is KiB): a bound, not a goal.
CACHE_KIB = 2048


class DiskSet:
    """A set of strings or bytes on disk (``add``, ``in``, ``len``, ``clear``), for one process.

    Members are stored as 16-byte BLAKE2b digests, so a string and its UTF-8 bytes are one
    member, and a collision needs ~2^64 members.
    """

    def __init__(self, directory: str | Path | None = None) -> None:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed by the finalizer)
            prefix="nianbao-seen-", suffix=".sqlite", dir=directory, delete=False
        )
        handle.close()
        self.path = Path(handle.name)
        self._db = sqlite3.connect(self.path, isolation_level=None)
        # Scratch data: no journal, no fsync; a crash loses a set nobody reads again.
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        self._db.execute("CREATE TABLE seen (key BLOB PRIMARY KEY) WITHOUT ROWID")
        self._count = 0
        self._finalizer = weakref.finalize(self, _remove, self._db, self.path)

    @staticmethod
    def _key(member: str | bytes) -> bytes:
        data = member.encode("utf-8") if isinstance(member, str) else member
        return hashlib.blake2b(data, digest_size=16).digest()

    def add(self, member: str | bytes) -> bool:
        """Add ``member``; True when it was new (one statement: test and set at once)."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO seen (key) VALUES (?)", (self._key(member),)
        )
        added = cursor.rowcount == 1
        self._count += added
        return added

    def __contains__(self, member: object) -> bool:
        if not isinstance(member, str | bytes):
            return False
        row = self._db.execute(
            "SELECT 1 FROM seen WHERE key = ?", (self._key(member),)
        ).fetchone()
        return row is not None

    def __len__(self) -> int:
        return self._count

    def clear(self) -> None:
        """Forget every member (the file stays, empty)."""
        self._db.execute("DELETE FROM seen")
        self._count = 0

    def close(self) -> None:
        """Delete the file now (the finalizer would, when the set is collected)."""
        self._finalizer()


def _remove(db: sqlite3.Connection, path: Path) -> None:
    db.close()
    path.unlink(missing_ok=True)


class DiskDupeFilter(RFPDupeFilter):
    """Scrapy's request fingerprint duplicate filter with its fingerprints in a ``DiskSet``.

    Fresh in every process, also under ``JOBDIR`` (no ``requests.seen``): a resumed job must be
    free to ask again for what the killed process had in flight (``crawler.resume``).
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.seen = DiskSet()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(
            None,
            crawler.settings.getbool("DUPEFILTER_DEBUG"),
            fingerprinter=crawler.request_fingerprinter,
        )

    def request_seen(self, request: Request) -> bool:
        return not self.seen.add(self._fingerprint(request))

    def close(self, reason: str) -> None:
        self.seen.close()
        super().close(reason)
