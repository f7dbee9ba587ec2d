"""The codebook: every cell the parser can read, with its Chinese labels, unit and rules.

Downstream programs key on canonical ids; readers want the words of the national tables. This
module joins what the parser already knows, without restating it: the cells of each format come
from ``vocabulary.py``, their wording from ``labels.DISPLAY_LABELS`` (the official labels, each
tested to be one the parser's patterns recognise) and the arithmetic from ``rules.format_rules``.
``nianbao codebook`` prints it, exports label their long format with it, and the archive keeps a
copy in its index so SQL views can show labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from parsers.report.labels import DISPLAY_LABELS
from parsers.report.rules import format_rules
from parsers.report.vocabulary import (
    APPLICANTS,
    MONEY_CELLS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    SIGNED_CELLS,
    active_items,
    application_rows,
)

#: The formats whose tables the parser reads cell by cell (free-form reports have no cells).
TABLE_FORMATS: Final = ("2019", "2021")
CellKind = Literal["count", "signed_count", "money"]


@dataclass(frozen=True, slots=True)
class CodebookCell:
    """One cell of one format: where it is, what the table calls it, what it holds."""

    format: str
    section: str
    row_id: str
    column_id: str
    section_label: str
    row_label: str
    column_label: str
    kind: CellKind  # money is in 万元 (a decimal); counts are integers, signed_count may be < 0
    rules: tuple[str, ...]  # names of the format's rules this cell takes part in

    @property
    def cell_id(self) -> str:
        """The dotted path used in ``problems[].where``: ``applications.new_requests.total``."""
        return f"{self.section}.{self.row_id}.{self.column_id}"


@dataclass(frozen=True, slots=True)
class CodebookRule:
    """One arithmetic rule of a format: ``sum(plus) == sum(minus)`` over dotted cell paths."""

    format: str
    name: str
    plus: tuple[str, ...]
    minus: tuple[str, ...]


def display_label(fmt: str, canonical_id: str, *, section: str | None = None) -> str:
    """The national table's wording for ``canonical_id`` in format ``fmt``.

    A wording that differs between formats is keyed ``format:id``; the two ``total`` columns
    (applicants, review) are keyed ``section:total``.

    >>> display_label("2021", "normative_documents")
    '行政规范性文件'
    >>> display_label("2019", "total", section="review_litigation")
    '总计'
    """
    for key in (f"{fmt}:{canonical_id}", f"{section}:{canonical_id}", canonical_id):
        if key in DISPLAY_LABELS:
            return DISPLAY_LABELS[key]
    msg = f"no display label for {canonical_id!r} ({fmt}, {section})"
    raise KeyError(msg)


def _kind(row_id: str, column_id: str) -> CellKind:
    if (row_id, column_id) in MONEY_CELLS:
        return "money"
    if column_id in SIGNED_CELLS:
        return "signed_count"
    return "count"


def _cells(fmt: str) -> list[tuple[str, str, str]]:
    cells = [
        ("active_disclosure", item, column)
        for item, columns in active_items(fmt).items()
        for column in columns
    ]
    cells += [
        ("applications", row, column)
        for row in application_rows(fmt)
        for column in APPLICANTS
    ]
    cells += [
        ("review_litigation", group, column)
        for group in REVIEW_GROUPS
        for column in REVIEW_COLUMNS
    ]
    return cells


def codebook_cells(fmt: str | None = None) -> list[CodebookCell]:
    """Every cell of ``fmt`` (or of both table formats), in the order of the national tables."""
    out: list[CodebookCell] = []
    for each in (fmt,) if fmt else TABLE_FORMATS:
        rules_of: dict[str, list[str]] = {}
        for rule in format_rules(each):
            for path in (*rule.plus, *rule.minus):
                rules_of.setdefault(path, []).append(rule.name)
        for section, row, column in _cells(each):
            out.append(
                CodebookCell(
                    format=each,
                    section=section,
                    row_id=row,
                    column_id=column,
                    section_label=display_label(each, section),
                    row_label=display_label(each, row, section=section),
                    column_label=display_label(each, column, section=section),
                    kind=_kind(row, column),
                    rules=tuple(rules_of.get(f"{section}.{row}.{column}", ())),
                )
            )
    return out


def codebook_rules(fmt: str | None = None) -> list[CodebookRule]:
    """The arithmetic rules of ``fmt`` (or of both table formats), as ``rules.format_rules``."""
    return [
        CodebookRule(each, rule.name, rule.plus, rule.minus)
        for each in ((fmt,) if fmt else TABLE_FORMATS)
        for rule in format_rules(each)
    ]
