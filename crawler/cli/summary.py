"""Human-readable summaries of an archive, for ``nianbao demo`` and ``nianbao stats``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import archive

if TYPE_CHECKING:
    from pathlib import Path


def format_summary(archive_dir: Path, reasons: dict[str, str]) -> str:
    """A short human summary: what was fetched, found, kept, and what failed."""
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
        f"  pages fetched:      {totals['captures']}",
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


def format_counts(counts: dict[str, int]) -> str:
    """``"ok 3, partial 1"`` from a name -> count mapping; ``"-"`` when empty."""
    return ", ".join(f"{name} {n}" for name, n in sorted(counts.items())) or "-"
