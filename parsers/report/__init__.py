"""Document -> Report: the annual-report parser.

PLACEHOLDER: replaced by the report parser work (detect.py, labels.py, grid.py, layouts.py,
rules.py, serialize.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parsers.model import Document, Report

PARSER_VERSION = "0.1.0"


def parse_report(document: Document) -> Report:
    """Read a ``Document`` into a ``Report`` in canonical ids."""
    raise NotImplementedError


def report_to_json(report: Report) -> dict[str, Any]:
    """The ``nianbao.report/1`` JSON object for a report."""
    raise NotImplementedError
