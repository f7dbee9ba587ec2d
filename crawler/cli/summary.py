"""Human-readable summaries for ``nianbao demo`` and ``nianbao stats``.

The demo's summary first says what *this run* did (from its crawls' stats: pages fetched, new
documents, parsed, unchanged), then what the archive holds after it, labelled as such: on a
rerun the archive's totals are not this run's work.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

import archive

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path


def format_summary(
    archive_dir: Path,
    reasons: dict[str, str],
    run_stats: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    """A short human summary: what this run did, then what the archive holds and its check."""
    totals = archive.stats(archive_dir)["totals"]
    verified = archive.verify(archive_dir)
    by_status = format_counts(totals["reports_by_status"])
    events = format_counts(totals["events_by_kind"])
    found = f"{totals['report_captures']} report pages, {totals['attachment_captures']} attachments"
    kept = (
        f"{totals['documents']} distinct payloads "
        f"({totals['duplicate_captures']} duplicate captures stored as revisits)"
    )
    check = "ok" if verified.ok else "PROBLEMS"
    lines = [
        "nianbao demo: crawl of the bundled sample portal",
        *(f"  site {site}: {reason}" for site, reason in reasons.items()),
        *([format_run(run_stats)] if run_stats is not None else []),
        "  the archive now holds (all runs):",
        f"  captures:           {totals['captures']}",
        f"  reports found:      {found}",
        f"  documents:          {kept}",
        (
            f"  reports:            {totals.get('logical_reports', 0)} by organ and year"
            f" ({format_counts(totals.get('logical_reports_by_status', {}))}),"
            f" {totals.get('report_versions', 0)} versions,"
            f" {totals.get('report_documents', 0)} renditions"
        ),
        f"  documents parsed:   {totals['reports']} ({by_status})",
        f"  errors and skips:   {events}",
        f"  archive verified:   {check} ({verified.records_checked} records)",
        f"  archive:            {archive_dir.resolve()}",
        f"  next: nianbao stats --archive {archive_dir}",
        f"        nianbao export --archive {archive_dir} --table reports --format csv",
        f"        nianbao coverage --archive {archive_dir}",
    ]
    return "\n".join(lines)


def format_run(run_stats: Mapping[str, Mapping[str, Any]]) -> str:
    """One line of what the crawls of this run did, summed over their sites."""
    from crawler.extensions import CrawlSummary  # noqa: PLC0415 (Scrapy only when crawling)

    def total(pick: Callable[[Mapping[str, Any]], int]) -> int:
        return sum(pick(stats) for stats in run_stats.values())

    pages = total(lambda st: _int(st.get("response_received_count")))
    new = total(lambda st: _int(st.get("nianbao/archive/documents/new")))
    parsed = total(
        lambda st: sum(
            _int(v)
            for k, v in st.items()
            if k.startswith("nianbao/parse/")
            and k not in {"nianbao/parse/pass-failed", "nianbao/parse/interrupted"}
        )
    )
    unchanged = total(lambda st: CrawlSummary.from_stats(dict(st)).unchanged)
    recovered = total(lambda st: _int(st.get("nianbao/job/recovered-unparsed")))
    line = (
        f"  this run:           {pages} pages fetched, {new} new documents, "
        f"{parsed} documents parsed, {unchanged} unchanged"
    )
    if recovered:
        line += f" ({recovered} parsed for an interrupted run)"
    return line


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def format_counts(counts: dict[str, int]) -> str:
    """``"ok 3, partial 1"`` from a name -> count mapping; ``"-"`` when empty."""
    return ", ".join(f"{name} {n}" for name, n in sorted(counts.items())) or "-"


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell (wide CJK characters count two), two spaces apart.

    >>> print(format_table(["site", "n"], [["demo-trs", "12"], ["x", "3"]]))
    site      n
    demo-trs  12
    x         3
    """
    widths = [
        max(_width(row[i]) for row in [header, *rows]) for i in range(len(header))
    ]
    lines = [
        "  ".join(
            cell + " " * (width - _width(cell))
            for cell, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in [header, *rows]
    ]
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
