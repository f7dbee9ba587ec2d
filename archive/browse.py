"""What ``nianbao browse`` hands Datasette: metadata, canned queries and a coverage page.

Datasette (the optional extra ``browse``) serves the index read-only; this module only builds
what it shows, so the archive package never imports Datasette. Metadata gives the views and
tables titles and descriptions and the facets people filter by (year, format, status, level,
region, site; region and level are empty until the index records region codes); canned queries answer the questions asked
first (applications received per organ per year, reports breaking their format's rules,
coverage gaps, cross-year findings); the coverage heat-map (``archive.coverage``) is written
as a Datasette custom page, ``/coverage``, rendered when the server starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from archive.coverage import coverage, render_html
from archive.export_rows import require_views
from archive.verify import open_index_readonly

if TYPE_CHECKING:
    from pathlib import Path

#: Datasette names a database after its file: ``index.sqlite`` is ``index``.
DATABASE: Final = "index"
#: ... and the extraction store ``extracted.sqlite`` (the texts, archive.textstore) ``extracted``.
TEXTS_DATABASE: Final = "extracted"

_APPLICATIONS = """SELECT site_id, organ, year, value_number AS applications_received,
  report_key
FROM latest_values
WHERE section = 'applications' AND row_id = 'new_requests' AND column_id = 'total'
ORDER BY site_id, organ, year"""

_RULE_BREAKING = """SELECT report_key, site_id, organ, year, format, status,
  (SELECT count(*) FROM json_each(problems)
   WHERE json_extract(value, '$.kind') = 'rule_violated') AS rules_broken,
  problems
FROM latest_reports
WHERE rules_broken > 0
ORDER BY rules_broken DESC, report_key"""

_GAPS = """SELECT site_id, year FROM coverage WHERE coverage = 'missing'
ORDER BY site_id, year"""

_CROSS_YEAR = """SELECT report_key, previous_key, rule, cell, value, expected
FROM cross_year_findings ORDER BY report_key, rule, cell"""


def browse_metadata(directory: str | Path) -> dict[str, Any]:
    """Datasette metadata for the archive's index: titles, facets, canned queries."""
    db = open_index_readonly(directory)
    try:
        require_views(db, directory)
    finally:
        db.close()
    facets = ["year", "format", "status", "level", "region_code", "site_id"]
    return {
        "title": "nianbao archive",
        "description": (
            "Government information-disclosure annual reports: logical reports (site, organ,"
            " year), their versions and cells. Start with latest_reports or latest_values;"
            " /coverage shows which years each site published."
        ),
        "databases": {
            DATABASE: {
                "tables": {
                    "latest_reports": {
                        "title": "Latest reports",
                        "description": "One row per logical report: its newest version,"
                        " read from its best rendition (page or attachment).",
                        "facets": facets,
                    },
                    "logical_reports": {
                        "title": "Report versions",
                        "description": "One row per version of each logical report.",
                        "facets": [*facets, "is_newest"],
                    },
                    "latest_values": {
                        "title": "Latest values",
                        "description": "Every cell of the latest reports, with the national"
                        " table's Chinese row and column labels.",
                        "facets": ["section", "year", "format"],
                    },
                    "coverage": {
                        "title": "Coverage",
                        "description": "Site × year: ok, partial, unreadable, or missing"
                        " between published years.",
                        "facets": ["coverage", "site_id"],
                    },
                    "cross_year_findings": {
                        "title": "Cross-year findings",
                        "description": "Where a report disagrees with the same organ's"
                        " report of the year before (findings, not errors).",
                        "facets": ["rule", "year"],
                    },
                    "codebook": {
                        "title": "Codebook",
                        "description": "Canonical cell ids with their Chinese labels.",
                        "facets": ["format", "section", "kind"],
                    },
                    "report_values": {
                        "title": "Cells of every parse",
                        "description": "One row per cell of every report row (all versions"
                        " and renditions); a view over report_cells and cells.",
                    },
                    "report_cells": {
                        "title": "Cells, as stored",
                        "description": "Cells under integer cell ids (see cells); read"
                        " report_values or latest_values for the ids spelled out.",
                    },
                    "report_problems": {
                        "title": "Problems of every parse",
                        "description": "One row per problem of every report row, in list"
                        " order (seq); a view over problem_rows, problem_texts and cells.",
                        "facets": ["kind"],
                    },
                    "problem_rows": {
                        "title": "Problems, as stored",
                        "description": "Problems under integer ids (cells, problem_texts);"
                        " read report_problems for them spelled out.",
                    },
                    "documents": {
                        "title": "Documents",
                        "description": "One row per distinct payload: its sha256 under an"
                        " integer id, which captures, texts, reports and report_versions"
                        " name as document_id (shown with the sha256).",
                        "label_column": "sha256",
                    },
                    "metadata_source_sets": {
                        "title": "Metadata sources",
                        "description": "Each distinct JSON object of where a report's"
                        " metadata was read, once; reports name it by metadata_sources_id.",
                        "label_column": "sources",
                    },
                    "texts": {
                        "title": "Extracted texts",
                        "description": "One row per extraction and parser version; the"
                        " text itself is in the extracted database, entry (sha256 = the"
                        " sha256 of documents row document_id, key = extraction_key);"
                        " nianbao export --table texts writes both out.",
                    },
                },
                "queries": {
                    "applications_per_organ_year": {
                        "title": "Applications received per organ per year",
                        "description": "三 一 本年新收 总计 of each latest report.",
                        "sql": _APPLICATIONS,
                    },
                    "reports_breaking_rules": {
                        "title": "Reports breaking their format's rules",
                        "description": "Latest reports with rule_violated problems.",
                        "sql": _RULE_BREAKING,
                    },
                    "coverage_gaps": {
                        "title": "Coverage gaps",
                        "description": "Years with no report between two published years.",
                        "sql": _GAPS,
                    },
                    "cross_year_findings": {
                        "title": "Cross-year findings",
                        "description": "上年结转 vs 结转下年度, 现行有效 vs last year's.",
                        "sql": _CROSS_YEAR,
                    },
                },
            },
            TEXTS_DATABASE: {
                "tables": {
                    "extracted": {
                        "title": "Extracted documents",
                        "description": "Each document's extraction, once per extraction key:"
                        " select nianbao_text(value) or nianbao_tables(value) to read it.",
                    }
                }
            },
        },
    }


def write_browse_files(directory: str | Path, templates: Path) -> None:
    """Write the custom pages Datasette serves from ``templates`` (``pages/coverage.html``)."""
    pages = templates / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    page = render_html(coverage(directory), title="nianbao coverage")
    # the page is a Jinja template to Datasette: keep any brace in the data literal
    (pages / "coverage.html").write_text(
        "{% raw %}" + page + "{% endraw %}", encoding="utf-8"
    )
