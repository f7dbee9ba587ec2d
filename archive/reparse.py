"""``reparse``: run the current parser over documents already in the archive.

A better parser never needs a re-fetch (reference/crawl-archive-anchors.md §5, "Re-parse from
the archive"). Only documents captured as ``report`` or ``attachment`` are parsed, as at crawl
time, through the same compute and write steps (``archive.parse.parse_documents``). By default only documents whose last
parse was made by another parser version (or that were never parsed) are redone.

``ocr=True`` turns on OCR (``parsers.ExtractionOptions.ocr``) and also redoes the scans this
parser version already recorded as ``needs_ocr``: OCR is off by default because it costs
seconds per page, so the usual way to read scans is a later ``nianbao reparse --ocr``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import parsers
from archive.errors import ArchiveError
from archive.parse import parse_documents
from archive.regions import apply_registry_regions
from archive.store import Archive

if TYPE_CHECKING:
    from collections.abc import Mapping

logger = logging.getLogger(__name__)

#: Capture kinds whose payloads are parsed (the crawler's decision, archive/capture.py).
PARSED_KINDS = ("report", "attachment")


@dataclass(frozen=True, slots=True)
class ReparseSummary:
    parser_version: str
    considered: int  # documents of a parsed kind
    reparsed: int  # parse attempts made
    reports: int  # attempts that produced a reports row
    failed: int  # attempts that ended in a ParseError (texts.error)
    skipped: int  # already parsed by this parser version
    regions_filled: int = 0  # reports given their site's registry region code

    def line(self) -> str:
        """The human summary ``nianbao reparse`` prints."""
        regions = (
            f"; region code of {self.regions_filled} reports from the sites registry"
            if self.regions_filled
            else ""
        )
        return (
            f"reparse with parser {self.parser_version}: {self.considered} documents, "
            f"{self.reparsed} parsed ({self.reports} reports, {self.failed} unreadable), "
            f"{self.skipped} already current{regions}"
        )


def unparsed_documents(archive: Archive, *, site_id: str) -> list[str]:
    """Documents of a parsed kind captured for ``site_id`` that no parse ever wrote a text for.

    What a crawl killed or stopped before or during its parse pass leaves behind (and what
    ``ARCHIVE_PARSE=off`` crawls leave for later): the captures are safe, the parse never ran.
    The next crawl of the site parses these first (``crawler.parsepass``) without waiting for
    ``nianbao reparse``. In first-capture order, so a resumed pass goes on in the killed order.
    """
    kinds = ", ".join("?" for _ in PARSED_KINDS)
    rows = archive.db.execute(
        "SELECT d.sha256, min(c.id) AS first FROM captures c"
        " JOIN documents d ON d.id = c.document_id WHERE c.site_id = ?"
        f" AND c.kind IN ({kinds})"
        " AND c.document_id NOT IN (SELECT document_id FROM texts)"
        " GROUP BY c.document_id ORDER BY first",
        [site_id, *PARSED_KINDS],
    ).fetchall()
    return [sha256 for sha256, _first in rows]


def reparse(
    directory: str | Path,
    *,
    only_outdated: bool = True,
    software_version: str = "",
    workers: int | None = None,
    ocr: bool = False,
    site_regions: Mapping[str, str] | None = None,
    reuse_extraction: bool = True,
) -> ReparseSummary:
    """Re-extract and re-parse stored documents; returns what was done.

    Extraction and parsing run in ``workers`` processes (default one per CPU; 1 = in this
    process), the rows are written here (``archive.parse.parse_documents``). A document's
    extraction is reused from the archive's cache (``extracted.sqlite``) while the extractors
    and options are unchanged, so a parser upgrade re-parses without re-extracting;
    ``reuse_extraction=False`` extracts everything again.

    Opens the archive as its (single) writer, so it waits for no crawl: a running crawl makes
    this raise ``ArchiveError``, as does a directory that holds no archive (nothing is created
    there). ``software_version`` only labels WARC files if one is created.
    ``ocr`` without Tesseract installed raises ``parsers.ToolMissingError`` before any work.
    ``site_regions`` (site id -> the registry's region code; the archive does not read the
    registry) settles the region code of reports whose organ's name did not give one.
    """
    version = parsers.PARSER_VERSION
    options = parsers.ExtractionOptions(ocr=ocr)
    if ocr:
        parsers.check_ocr_available()
    if not (Path(directory) / "index.sqlite").is_file():
        # a typo must not create an empty archive and report success
        msg = f"{directory} is not a nianbao archive (no index.sqlite)"
        raise ArchiveError(msg)
    with Archive.open(
        directory, software_version=software_version or version
    ) as archive:
        placeholders = ", ".join("?" for _ in PARSED_KINDS)
        documents = [
            sha256
            for (sha256, _first) in archive.db.execute(
                # any capture of the payload counts: a page first fetched as kind "page" and
                # later linked as a report is a report. In first-capture order, as a crawl
                # parses them: a page before the attachments it links, which take what
                # their files do not say from the page's newest report
                "SELECT d.sha256, min(c.id) AS first FROM captures c"
                " JOIN documents d ON d.id = c.document_id"
                f" WHERE c.kind IN ({placeholders})"
                " GROUP BY c.document_id ORDER BY first",
                list(PARSED_KINDS),
            ).fetchall()
        ]
        current = {
            sha256
            for (sha256,) in archive.db.execute(
                "SELECT DISTINCT d.sha256 FROM texts t JOIN documents d ON d.id = t.document_id"
                " WHERE t.extractor_version = ?"
                # a scan left for OCR is not done while OCR is asked for now
                " AND NOT (? AND coalesce(t.error, '') LIKE 'needs_ocr:%')",
                [version, ocr],
            ).fetchall()
        }
        todo = [s for s in documents if not (only_outdated and s in current)]
        outcomes = parse_documents(
            archive.db,
            archive.directory / "warc",
            todo,
            workers=workers,
            options=options,
            reuse_extraction=reuse_extraction,
        )
        reports = sum(outcome.report_id is not None for outcome in outcomes)
        failed = sum(outcome.error is not None for outcome in outcomes)
        filled = 0
        if site_regions:
            with archive.db.conn:
                filled = apply_registry_regions(archive.db, site_regions)
    summary = ReparseSummary(
        parser_version=version,
        considered=len(documents),
        reparsed=len(todo),
        reports=reports,
        failed=failed,
        skipped=len(documents) - len(todo),
        regions_filled=filled,
    )
    logger.info("reparse: %s", summary)
    return summary
