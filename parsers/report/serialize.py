"""Report -> the ``nianbao.report/1`` JSON object (docs/report-schema.md, parsers/report-schema.json).

The shape is DESIGN.md "Canonical ids" plus ``title``, ``parser_version`` and the metadata
fields (``agency_printed``, ``region_code``, ``region_source``, ``published``,
``metadata_sources``). Money is a
``Decimal`` in the report and a JSON number here: an integral amount is written as an integer
(``0``, not ``0.0``), any other as a float with the digits the report printed (15.281).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from parsers.model import Report, Value

SCHEMA_ID: Final = "nianbao.report/1"


def json_value(value: Value) -> int | float | None:
    """A cell value as a JSON number (int when integral) or null."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return value


def _section(
    section: dict[str, dict[str, Value]],
) -> dict[str, dict[str, int | float | None]]:
    return {
        row: {col: json_value(v) for col, v in cols.items()}
        for row, cols in section.items()
    }


def report_to_json(report: Report) -> dict[str, Any]:
    """The ``nianbao.report/1`` object for a report: plain JSON types only, keys in table order."""
    return {
        "schema": SCHEMA_ID,
        "year": report.year,
        "agency": report.agency,
        "agency_printed": report.agency_printed,
        "region_code": report.region_code,
        "region_source": report.region_source,
        "format": report.format,
        "status": report.status,
        "title": report.title,
        "published": report.published,
        "metadata_sources": dict(report.metadata_sources),
        "parser_version": report.parser_version,
        "active_disclosure": _section(report.active_disclosure),
        "applications": _section(report.applications),
        "review_litigation": _section(report.review_litigation),
        "problems": [
            {"where": p.where, "kind": p.kind, "detail": p.detail}
            for p in report.problems
        ],
    }
