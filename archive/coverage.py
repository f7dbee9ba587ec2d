"""``coverage``: which sites published a readable report for which years, and where the gaps are.

One cell per site × year, from the ``coverage`` view (``archive.views``), over the newest version
of each logical report: ``ok`` (every organ's report of that year parsed ``ok``), ``unreadable``
(none could be read), ``partial`` (anything between), ``missing`` (no report at all in a year
between two years the site has reports for: a gap worth a look, flagged), or blank outside the
site's span. Cross-year findings (``archive.crossyear``) are counted per cell. Rendered as a
terminal table, CSV, or one self-contained HTML page with a heat-map (no script, no external
file), so it can be mailed or opened from disk.
"""

from __future__ import annotations

import csv
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from archive.export_rows import require_views
from archive.verify import open_index_readonly

if TYPE_CHECKING:
    from pathlib import Path
    from typing import TextIO

CoverageState = Literal["ok", "partial", "unreadable", "missing"]
#: Heat-map colours, from good to bad (colour-blind safe: blue, yellow, orange, red).
COLOURS: Final[dict[str, str]] = {
    "ok": "#4575b4",
    "partial": "#fee090",
    "unreadable": "#fc8d59",
    "missing": "#d73027",
}
#: One character per state for the terminal table.
SYMBOLS: Final[dict[str, str]] = {
    "ok": "#",
    "partial": "~",
    "unreadable": "x",
    "missing": "!",
}


@dataclass(frozen=True, slots=True)
class CoverageCell:
    site_id: str
    year: int
    state: CoverageState
    reports: int  # logical reports of that site and year (newest versions)
    findings: int  # cross-year findings on those reports


@dataclass(frozen=True, slots=True)
class Coverage:
    sites: tuple[str, ...]
    years: tuple[int, ...]
    cells: dict[tuple[str, int], CoverageCell]

    @property
    def gaps(self) -> list[CoverageCell]:
        """Years missing between two published years, site by site."""
        return [c for c in self.cells.values() if c.state == "missing"]


def coverage(directory: str | Path) -> Coverage:
    """Read the ``coverage`` view of the archive's index (read-only)."""
    db = open_index_readonly(directory)
    try:
        require_views(db, directory)
        rows = db.execute(
            "SELECT site_id, year, coverage, reports, cross_year_findings FROM coverage"
            " ORDER BY site_id, year"
        ).fetchall()
    finally:
        db.close()
    cells = {
        (site, int(year)): CoverageCell(site, int(year), state, int(n), int(f))
        for site, year, state, n, f in rows
    }
    sites = tuple(sorted({s for s, _ in cells}))
    years = (
        tuple(range(min(y for _, y in cells), max(y for _, y in cells) + 1))
        if cells
        else ()
    )
    return Coverage(sites, years, cells)


def write_text(table: Coverage, out: TextIO) -> None:
    """A terminal table: one line per site, one column per year, a symbol per state."""
    width = max((len(s) for s in table.sites), default=4)
    out.write(" " * width + "  " + " ".join(str(y)[-2:] for y in table.years) + "\n")
    for site in table.sites:
        marks = [
            SYMBOLS[c.state] if (c := table.cells.get((site, y))) else "."
            for y in table.years
        ]
        out.write(f"{site:<{width}}  " + "  ".join(marks) + "\n")
    legend = ", ".join(f"{sym} {state}" for state, sym in SYMBOLS.items())
    out.write(f"legend: {legend}, . before the first or after the last report\n")
    out.writelines(
        f"gap: {gap.site_id} has no report for {gap.year}\n" for gap in table.gaps
    )


def write_csv(table: Coverage, out: TextIO) -> None:
    """One row per site × year cell with a report or a gap."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["site_id", "year", "coverage", "reports", "cross_year_findings"])
    for (site, year), cell in sorted(table.cells.items()):
        writer.writerow([site, year, cell.state, cell.reports, cell.findings])


def render_html(table: Coverage, *, title: str = "nianbao coverage") -> str:
    """A self-contained HTML page: the heat-map, a legend and the list of gaps."""
    head = "".join(f"<th>{y}</th>" for y in table.years)
    body = []
    for site in table.sites:
        cells = []
        for year in table.years:
            cell = table.cells.get((site, year))
            if cell is None:
                cells.append('<td class="none"></td>')
                continue
            tip = f"{site} {year}: {cell.state}, {cell.reports} report(s)"
            if cell.findings:
                tip += f", {cell.findings} cross-year finding(s)"
            mark = "!" if cell.state == "missing" else str(cell.reports)
            if cell.findings:
                mark += "*"
            cells.append(
                f'<td class="{cell.state}" title="{html.escape(tip)}">{mark}</td>'
            )
        body.append(f"<tr><th>{html.escape(site)}</th>{''.join(cells)}</tr>")
    legend = "".join(f'<span class="key {state}">{state}</span>' for state in COLOURS)
    gaps = "".join(
        f"<li>{html.escape(g.site_id)}: no report for {g.year}</li>" for g in table.gaps
    )
    style = "".join(f"td.{s},span.{s}{{background:{c}}}" for s, c in COLOURS.items())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif}}table{{border-collapse:collapse}}
th,td{{border:1px solid #ccc;padding:4px 8px;text-align:center}}td.none{{background:#f7f7f7}}
td.ok,span.ok{{color:#fff}}span.key{{padding:2px 8px;margin-right:6px}}{style}</style></head>
<body><h1>{html.escape(title)}</h1>
<p>Sites × report years, newest version of each logical report. The number is how many organs'
reports the year has; * marks cross-year findings; ! a year missing between published years.</p>
<p>{legend}</p>
<table><thead><tr><th>site</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>
<h2>Gaps</h2><ul>{gaps or "<li>none</li>"}</ul>
</body></html>
"""
