"""The jobs of a many-document parse: payloads or cached extractions in, extractions kept out.

``archive.parse.parse_documents`` hands ``jobs`` to the compute pool and writes what comes back
in batches of ``BATCH`` documents or ``BATCH_S`` seconds (one index transaction each). This module decides what each
job carries: the document's cached extraction when ``archive.extract_cache`` holds one for the
current extractors and options (no WARC read, no extraction: what makes a re-parse after a
parser upgrade fast), else its payload read back from the WARC. After each batch is written,
``keep`` stores the batch's fresh extractions in the cache. A payload that cannot be read back
is that document's failure (``unreadable``), not the whole pass's.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Final

from archive.documentids import DOCUMENT_ID
from archive.errors import ArchiveError
from archive.extract_cache import ExtractCache, extraction_key
from archive.parse_compute import Computed, ParseJob, compute
from archive.payload import Headers, read_payload

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sqlite_utils import Database

    import parsers

logger = logging.getLogger(__name__)

#: Documents written per index transaction (and looked up in the cache at a time).
BATCH: Final = 200
#: Seconds after which a smaller batch is written anyway: readers (``nianbao stats``, the
#: read-only API) see a slow pass (PDFs extracted afresh) progress, and a kill loses little.
BATCH_S: Final = 0.5


class JobFeed:
    """Jobs for ``sha256s`` of one archive; ``reuse_extraction=False`` ignores the cache.

    Fresh extractions are kept either way: the store holds the archive's texts
    (``archive.textstore``), so a parse without reuse still writes the text it read.
    """

    def __init__(
        self,
        db: Database,
        warc_dir: Path,
        *,
        options: parsers.ExtractionOptions,
        reuse_extraction: bool,
    ) -> None:
        self.db = db
        self.warc_dir = warc_dir
        self.options = options
        self.cache = ExtractCache(warc_dir.parent)
        self.reuse = reuse_extraction
        self.key = extraction_key(options)
        self.unreadable: dict[str, str] = {}
        self._hits: set[str] = set()

    def jobs(self, sha256s: list[str]) -> Iterator[ParseJob]:
        """One job per readable document, in order; looked up in the cache a batch at a time."""
        for start in range(0, len(sha256s), BATCH):
            chunk = sha256s[start : start + BATCH]
            # decoded in the pool worker (parse_compute.compute), not here
            cached = self.cache.get_encoded_many(chunk, self.key) if self.reuse else {}
            self._hits.update(cached)
            for sha256 in chunk:
                try:
                    yield self._job(sha256, cached.get(sha256))
                except ArchiveError as exc:
                    self._unreadable(sha256, exc)

    def keep(self, batch: list[Computed]) -> None:
        """Store the batch's fresh extractions (documents and byte-determined failures)."""
        fresh = [computed for computed in batch if computed.sha256 not in self._hits]
        keep_extractions(self.cache, fresh, self.key)

    def close(self) -> None:
        self.cache.close()

    def redo(self, computed: Computed) -> Computed | None:
        """Parse ``computed``'s document from its payload: its stored extraction was damaged.

        The fresh extraction replaces the damaged one (``keep``). None when the payload cannot
        be read back either (``unreadable``, as in ``jobs``).
        """
        logger.warning(
            "cached extraction of %s unreadable: %s", computed.sha256, computed.error
        )
        self._hits.discard(computed.sha256)
        try:
            return compute(
                payload_job(self.db, self.warc_dir, computed.sha256, self.options)
            )
        except ArchiveError as exc:
            self._unreadable(computed.sha256, exc)
            return None

    def _unreadable(self, sha256: str, exc: ArchiveError) -> None:
        """Log a payload that cannot be read back and keep it as that document's outcome."""
        logger.error(
            "cannot read the payload of %s back (%s); run nianbao verify", sha256, exc
        )
        self.unreadable[sha256] = f"unreadable payload: {exc}"

    def _job(self, sha256: str, cached: bytes | None) -> ParseJob:
        if cached is not None:
            row = self.db.execute(
                "SELECT url, site_id FROM captures"
                f" WHERE document_id = {DOCUMENT_ID}"
                " AND warc_record_type = 'response' ORDER BY id LIMIT 1",
                [sha256],
            ).fetchone()
            if row is not None:
                return ParseJob(
                    sha256, row[0], row[1], b"", None, None, self.options, cached
                )
        return payload_job(self.db, self.warc_dir, sha256, self.options)


def extraction_of(computed: Computed) -> parsers.Document | str | None:
    """What extraction gave for ``computed``: its Document, its error text, or None (parsed)."""
    if computed.document is not None:
        return computed.document
    if computed.stage == "extraction" and computed.error:
        return computed.error
    return None


def keep_extractions(store: ExtractCache, batch: list[Computed], key: str) -> None:
    """Keep what extraction gave for each of ``batch`` in ``store`` under ``key`` (one write).

    Called before the ``texts`` rows that name the entries are written, so no row names a
    missing one (``archive.textstore``).
    """
    store.put_many(
        [
            (computed.sha256, extraction)
            for computed in batch
            if (extraction := extraction_of(computed)) is not None
        ],
        key,
    )


def payload_job(
    db: Database, warc_dir: Path, sha256: str, options: parsers.ExtractionOptions
) -> ParseJob:
    """The job for ``sha256`` with its payload read back from the WARC."""
    stored = read_payload(db, warc_dir, sha256)
    media_type, charset = content_type(stored.response_headers)
    return ParseJob(
        sha256, stored.url, stored.site_id, stored.body, media_type, charset, options
    )


def content_type(headers: Headers) -> tuple[str | None, str | None]:
    """Media type and charset parameter of the first Content-Type header."""
    value = next((v for k, v in headers if k.lower() == "content-type"), None)
    if not value:
        return None, None
    media_type, *params = (part.strip() for part in value.split(";"))
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return media_type.lower() or None, charset
