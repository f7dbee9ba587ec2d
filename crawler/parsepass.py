"""When and how a crawl parses the documents it stored, and the stats that counts.

``ArchivePipeline`` stores captures; this module owns what happens to a new report or attachment
document after that: the ``ARCHIVE_PARSE`` mode, the extraction options, the ``after`` pass
that parses a crawl's new documents when its spider closes, and the per-outcome counting.
Kept apart from the pipeline so that storing and parsing each read as one job.

Settings read: ``ARCHIVE_PARSE`` (``stream``, the project's default: new documents are parsed
in worker processes while the crawl goes on, ``crawler.parsefeed``; ``after``: when the spider
closes, off the download path but in the reactor thread, so the other crawls of the process
wait (STYLE.md §3 step 5: the crawl bench showed inline parsing halving pages/s); ``inline``:
as each is stored; ``off``: they wait for ``nianbao reparse``), ``ARCHIVE_PARSE_WORKERS``,
``NIANBAO_OCR``, ``NIANBAO_LIBREOFFICE``. Stats written: ``nianbao/parse/<status>``,
``nianbao/archive/versions/new`` (parsed documents that are version 2 or later of their
report), ``nianbao/parse/pass-failed``, ``nianbao/job/recovered-unparsed`` (documents an
earlier, killed or stopped crawl of the site stored and never parsed, parsed by this one),
``nianbao/parse/interrupted`` (a stop signal skipped or stopped the pass).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from typing import TYPE_CHECKING, Literal

from archive import (
    ArchiveError,
    apply_registry_regions,
    unparsed_documents,
    write_transaction,
)
from crawler.errors import DISK_FULL, InvalidSettingError
from crawler.shutdown import Interrupted, parse_pass_interruptible, received
from parsers import ExtractionOptions, ToolMissingError, check_ocr_available

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector

    from archive import Archive
    from archive.parse import ParseOutcome

logger = logging.getLogger(__name__)

#: Stat: documents earlier crawls of the site stored and this crawl parsed for them.
RECOVERED_UNPARSED = "nianbao/job/recovered-unparsed"
#: Stat: the parse pass was skipped or stopped by a signal (the crawl is ``interrupted``).
PARSE_INTERRUPTED = "nianbao/parse/interrupted"
#: Capture kinds whose new documents are parsed (list pages are not reports).
PARSED_KINDS = frozenset({"report", "attachment"})
ParseMode = Literal["stream", "after", "inline", "off"]
_PARSE_MODES: dict[str, ParseMode] = {
    "stream": "stream",
    "after": "after",
    "inline": "inline",
    "off": "off",
    # Booleans from `-s ARCHIVE_PARSE=…` or older settings files.
    "true": "after",
    "1": "after",
    "false": "off",
    "0": "off",
}


def parse_mode(value: object) -> ParseMode:
    """Read ``ARCHIVE_PARSE``; an unknown value is an ``InvalidSettingError``.

    Not ``NotConfigured``: that would disable the archive pipeline and let the crawl fetch a
    whole portal while storing nothing, for a typo.
    """
    mode = _PARSE_MODES.get(str(value).strip().lower())
    if mode is None:
        msg = f"ARCHIVE_PARSE must be one of stream, after, inline, off (got {value!r})"
        raise InvalidSettingError(msg)
    return mode


def parse_workers(settings: BaseSettings) -> int:
    """``ARCHIVE_PARSE_WORKERS``: processes of the ``stream`` mode's pool (0: one per CPU)."""
    workers = settings.getint("ARCHIVE_PARSE_WORKERS", 0)
    if workers < 0:
        msg = f"ARCHIVE_PARSE_WORKERS must be 0 (one per CPU) or more (got {workers})"
        raise InvalidSettingError(msg)
    return workers or os.cpu_count() or 1


def stops_parsing(reason: str) -> bool:
    """Whether a crawl closing for ``reason`` must not wait for parses (the next one does them).

    A full disk (parsing writes to the same disk) and a stop signal (the process must end
    within seconds) leave what is unparsed to the next crawl of the site.
    """
    return reason in {DISK_FULL, "shutdown"} or received() is not None


def extraction_options(settings: BaseSettings) -> ExtractionOptions:
    """``NIANBAO_OCR`` and ``NIANBAO_LIBREOFFICE`` as extraction options.

    OCR asked for on a machine without Tesseract is logged as an error and left off: the
    crawl's captures matter more than its scans, which ``nianbao reparse --ocr`` reads later.
    """
    ocr = settings.getbool("NIANBAO_OCR")
    if ocr:
        try:
            check_ocr_available()
        except ToolMissingError as exc:
            logger.error(
                "NIANBAO_OCR is on but OCR cannot run (%s); scans stay needs_ocr", exc
            )
            ocr = False
    return ExtractionOptions(
        ocr=ocr, libreoffice=settings.getbool("NIANBAO_LIBREOFFICE", True)
    )


def count_parse(
    stats: StatsCollector, archive: Archive, sha256: str, outcome: ParseOutcome
) -> None:
    """Count one parse outcome by status, and a new version of a report when it starts one."""
    new_version = outcome.report_id is not None and archive.starts_new_version(sha256)
    count_outcome(stats, outcome, new_version=new_version)


def count_outcome(
    stats: StatsCollector, outcome: ParseOutcome, *, new_version: bool
) -> None:
    """``count_parse`` when whether the document starts a new version is already known."""
    status = outcome.status or ("error" if outcome.error else "no-report")
    stats.inc_value(f"nianbao/parse/{status}")
    if new_version:
        stats.inc_value("nianbao/archive/versions/new")


def run_parse_pass(
    stats: StatsCollector,
    archive: Archive,
    unparsed: list[str],
    *,
    site_id: str,
    mode: ParseMode,
    options: ExtractionOptions,
    reason: str,
    workers: int | None = None,
) -> None:
    """The end-of-crawl parse: what earlier crawls of the site left unparsed, then this crawl's.

    ``workers``: processes of the ``after`` pass (``ARCHIVE_PARSE_WORKERS``; None: one per CPU).

    A crawl stopped by a full disk (``crawler.diskfull``) or by a signal (close reason
    ``shutdown``) parses nothing: it must stop within seconds, and the next crawl of the site
    parses what it stored. A signal during the pass
    stops it between two documents (``crawler.shutdown``); either way the stat
    ``nianbao/parse/interrupted`` makes the crawl ``interrupted``. Empties ``unparsed``.
    Nothing in ``stream`` mode: its documents were parsed as the crawl went
    (``crawler.parsefeed``).
    """
    if mode == "stream":
        unparsed.clear()
        return
    if reason == DISK_FULL:  # parsing writes to the same disk; the next crawl parses
        unparsed.clear()
        return
    if reason == "shutdown" or received() is not None:
        if mode != "off":
            stats.set_value(PARSE_INTERRUPTED, 1)
        unparsed.clear()
        return
    recover_unparsed(stats, archive, unparsed, site_id=site_id, mode=mode)
    try:
        with parse_pass_interruptible():
            parse_pending(stats, archive, unparsed, options=options, workers=workers)
    except Interrupted as exc:
        stats.set_value(PARSE_INTERRUPTED, 1)
        logger.warning(
            "parse pass %s; the next crawl of %s parses the rest", exc, site_id
        )
        unparsed.clear()


def recover_unparsed(
    stats: StatsCollector,
    archive: Archive,
    unparsed: list[str],
    *,
    site_id: str,
    mode: ParseMode,
) -> None:
    """Put what earlier crawls of the site stored and never parsed first in this crawl's pass.

    A crawl killed or stopped before or inside its parse pass stored documents whose parse
    never ran; a resumed job replays their captures instead of storing them again, and a new
    crawl sees them as duplicates, so without this they would wait for ``nianbao reparse``.
    Counted as ``nianbao/job/recovered-unparsed``. Nothing with ``ARCHIVE_PARSE=off``.
    """
    if mode == "off":
        return
    pending = set(unparsed)
    try:
        recovered = [
            sha256
            for sha256 in unparsed_documents(archive, site_id=site_id)
            if sha256 not in pending
        ]
    except (ArchiveError, sqlite3.Error) as exc:
        logger.error("cannot list what earlier crawls left unparsed (%s)", exc)
        return
    if recovered:
        logger.info(
            "parsing %d documents an interrupted crawl of %s stored",
            len(recovered),
            site_id,
        )
        stats.set_value(RECOVERED_UNPARSED, len(recovered))
        unparsed[:0] = recovered


def parse_pending(
    stats: StatsCollector,
    archive: Archive,
    unparsed: list[str],
    *,
    options: ExtractionOptions,
    workers: int | None = None,
) -> None:
    """The ``after`` pass: parse this crawl's new documents before the crawl row closes.

    Empties ``unparsed``. A failing pass is counted and logged, never raised: the captures
    are safe, and whatever was not parsed waits for ``nianbao reparse``.
    """
    if not unparsed:
        return
    logger.info("parsing %d new documents", len(unparsed))
    try:
        # extraction and parsing in a pool of processes, rows written in this thread
        for outcome in archive.parse_documents(
            unparsed, options=options, workers=workers
        ):
            count_parse(stats, archive, outcome.sha256, outcome)
    except ArchiveError as exc:
        # The captures are safe; whatever was not parsed waits for `nianbao reparse`.
        stats.inc_value("nianbao/parse/pass-failed")
        logger.error("parse pass stopped (%s); run nianbao reparse", exc)
    unparsed.clear()


def fill_registry_regions(archive: Archive, site: object) -> None:
    """Give the site's reports the region code its registry entry settles.

    The parser derives a code from the organ's place names; a name several counties share
    (南山区) or an organ named without a place (东风街道办事处) is settled by the site's
    ``region_code`` (``archive.apply_registry_regions``). Reports with a code keep it.
    """
    site_id = getattr(site, "id", None)
    region = getattr(site, "region_code", None)
    if not (isinstance(site_id, str) and isinstance(region, str) and region):
        return
    with write_transaction(archive.db):  # the write lock first: parse workers write too
        filled = apply_registry_regions(archive.db, {site_id: region})
    if filled:
        logger.info(
            "region code of %d reports of %s from the registry", filled, site_id
        )
