"""Value types that flow from bytes to a parsed report.

``Source`` (bytes as fetched) -> ``parsers.extract()`` -> ``Document`` (text + table grids + meta)
-> ``parsers.parse_report()`` -> ``Report`` (canonical cells + problems).

All are frozen: a parsed report is a fact about a document and a parser version, never edited
in place. The closed vocabularies (status, format, problem kind) are ``Literal`` types so mypy
catches a typo in any package that produces or consumes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

ReportStatus = Literal["ok", "inconsistent", "partial", "unreadable", "free-form"]
ReportFormat = Literal["2019", "2021", "free-form"]
ProblemKind = Literal[
    "missing_cell",  # a cell is blank or absent and the rules do not determine it
    "unreadable",  # a cell holds something that is not a number
    "rule_violated",  # the source's own numbers break one of the format's rules
    "inferred",  # a missing cell was recovered because the rules determine it uniquely
    "year_mismatch",  # the body states another year than the title (the title wins)
    "year_not_found",
    "agency_not_found",
    "table_not_found",  # a whole part (二, 三 or 四) could not be located
    "label_variant",  # a label differs from the national format but was mapped (社会组织 → 社会公益组织)
    "format_mismatch",  # the tables mix 2019 and 2021 shapes
    "unit_converted",  # a money cell printed in 元 was converted to the format's 万元
    "note_in_cell",  # a cell holds a note after its number (18（其中修订7件）): number read
    "ambiguous_row",  # labels and numbers are out of step: which row a run belongs to is unsure
    "ambiguous_split",  # glued digits split several ways under the rules: none is taken
    "table_shape",  # a part printed in another shape than the format's (recorded, not invented)
    "rows_realigned",  # labels and numbers out of step, read in order because every rule confirms it
    "truncated_extraction",  # extraction stopped at its page limit: the rest was not read
    "region_ambiguous",  # the organ's place name fits several divisions: no code chosen
]
#: How ``Report.region_code`` was obtained: from the organ's place names through the bundled
#: GB/T 2260 table, or from the site's registry entry (set by the archive, which knows sites).
RegionSource = Literal["organ_name", "registry"]

#: Marks a cell text the extractor could not read with confidence (an OCR'd digit below the
#: confidence bar). U+FFFD, the character decoders put where bytes made no sense, so a number
#: cell damaged by a bad decode is treated the same way: never a number, only ``unreadable``.
DOUBTFUL_MARK = "\ufffd"
#: ``Document.extractor`` of a scan read by OCR: its numbers may hold misread digits.
OCR_EXTRACTOR = "tesseract"
#: ``Document.meta["tables"]`` when the grids were read from where the words stand (a PDF's
#: tables drawn without borders), not from ruling lines or markup: a reading that breaks the
#: format's arithmetic may be the reader's error, so the report parser takes the text's.
POSITIONED_TABLES = "positioned"

#: A cell value: an integer count, a decimal amount (万元), or None when it could not be read.
Value = int | Decimal | None


@dataclass(frozen=True, slots=True)
class Source:
    """Bytes as fetched, with what the server claimed about them.

    ``media_type`` and ``charset`` are the server's claims (Content-Type); extraction sniffs the
    bytes and trusts the claims only when the bytes agree.
    """

    body: bytes
    url: str | None = None
    media_type: str | None = None
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A table as a full rectangular grid.

    Merged cells are resolved: a cell spanning several positions has its text repeated in every
    position it covers, and ``covered`` lists the positions (row, column) that are copies, so a
    consumer can tell a repeated label from two equal numbers.
    """

    rows: tuple[tuple[str, ...], ...]
    covered: frozenset[tuple[int, int]] = frozenset()

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass(frozen=True, slots=True)
class Document:
    """What extraction makes of a source: plain text in reading order, table grids, metadata.

    ``meta`` holds what the page says about itself (``title``, ``published``, ``source`` …, from
    the national ``<meta>`` set or the 信息公开 metadata block); the report parser uses it as a
    hint and cross-checks it with the body.
    """

    text: str
    tables: tuple[Table, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)
    media_type: str = "text/plain"
    encoding: str | None = None
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing the parser could not read, had to infer, or found wrong in the source.

    ``where`` is a dotted path in the canonical ids, e.g.
    ``applications.new_requests.research_institution`` or ``year``.
    """

    where: str
    kind: ProblemKind
    detail: str


@dataclass(frozen=True, slots=True)
class Report:
    """A parsed annual report in the canonical ids of DESIGN.md (schema ``nianbao.report/1``).

    Each section maps row (or item) id -> column id -> value. A ``None`` value always has a
    matching ``Problem`` whose ``where`` names that cell.
    """

    year: int | None
    agency: str | None
    format: ReportFormat | None
    status: ReportStatus
    title: str | None = None
    active_disclosure: dict[str, dict[str, Value]] = field(default_factory=dict)
    applications: dict[str, dict[str, Value]] = field(default_factory=dict)
    review_litigation: dict[str, dict[str, Value]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    parser_version: str = ""
    #: The organ as the source printed it, when that differs from ``agency`` (an abbreviation
    #: expanded, a place prefix added, a look-alike character corrected); else None.
    agency_printed: str | None = None
    #: GB/T 2260 code of the organ's division (6 digits), and how it was obtained.
    region_code: str | None = None
    region_source: RegionSource | None = None
    #: Publication date (YYYY-MM-DD) when the document states one (header, meta, signature).
    published: str | None = None
    #: Field name -> where it was read (``title`` -> ``header_block``, ``agency`` ->
    #: ``signature`` …; the vocabulary is in docs/report-schema.md).
    metadata_sources: dict[str, str] = field(default_factory=dict)
