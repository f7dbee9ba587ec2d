"""``codebook``: the canonical ids of every cell, their Chinese labels, units and rules, for readers.

The cells, labels and within-report rules are the parser's own (``parsers.codebook_cells``,
``parsers.codebook_rules``); the cross-year checks are the archive's (``archive.crossyear``).
This module only puts them in one document, the shape ``nianbao codebook --format json`` prints
(schema id ``nianbao.codebook/1``), and writes it as text or CSV. It needs no archive.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, Final, Literal

import parsers
from archive.crossyear import CROSS_YEAR_RULES

if TYPE_CHECKING:
    from typing import TextIO

CodebookFormat = Literal["text", "csv", "json"]
SCHEMA_ID: Final = "nianbao.codebook/1"
CSV_COLUMNS: Final = (
    "format",
    "cell_id",
    "section",
    "row_id",
    "column_id",
    "section_label",
    "row_label",
    "column_label",
    "kind",
    "rules",
)
#: What each cell kind holds (the money unit is the national format's: 万元).
KINDS: Final = {
    "count": "a non-negative integer count",
    "signed_count": "an integer change (本年增/减), may be negative",
    "money": "an amount in 万元 (10,000 yuan), a decimal",
}


def codebook_document() -> dict[str, Any]:
    """Cells, rules and cross-year checks as one JSON-ready object."""
    return {
        "schema": SCHEMA_ID,
        "parser_version": parsers.PARSER_VERSION,
        "kinds": KINDS,
        "cells": [
            {"cell_id": c.cell_id, **asdict(c), "rules": list(c.rules)}
            for c in parsers.codebook_cells()
        ],
        "rules": [
            {
                "format": r.format,
                "name": r.name,
                "plus": list(r.plus),
                "minus": list(r.minus),
            }
            for r in parsers.codebook_rules()
        ],
        "cross_year_rules": [
            {"name": name, "formats": list(formats), "statement": statement}
            for name, formats, statement in CROSS_YEAR_RULES
        ],
    }


def write_codebook(out: TextIO, *, fmt: CodebookFormat = "text") -> int:
    """Write the codebook to ``out``; return the number of cells written."""
    document = codebook_document()
    cells: list[dict[str, Any]] = document["cells"]
    if fmt == "json":
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for cell in cells:
            writer.writerow(
                ["; ".join(cell[c]) if c == "rules" else cell[c] for c in CSV_COLUMNS]
            )
    else:
        _write_text(out, document)
    return len(cells)


def _write_text(out: TextIO, document: dict[str, Any]) -> None:
    section = None
    for cell in document["cells"]:
        heading = (cell["format"], cell["section"])
        if heading != section:
            section = heading
            out.write(
                f"\n== format {cell['format']}: {cell['section']}"
                f" ({cell['section_label']})\n"
            )
        out.write(
            f"{cell['cell_id']:<70} {cell['kind']:<12}"
            f" {cell['row_label']} | {cell['column_label']}\n"
        )
    out.write("\n== rules within a report\n")
    out.writelines(f"{rule['format']}  {rule['name']}\n" for rule in document["rules"])
    out.write("\n== cross-year checks (findings, never errors)\n")
    out.writelines(
        f"{rule['name']} ({', '.join(rule['formats'])}): {rule['statement']}\n"
        for rule in document["cross_year_rules"]
    )
    out.write("\n== kinds\n")
    out.writelines(
        f"{kind}: {meaning}\n" for kind, meaning in document["kinds"].items()
    )
