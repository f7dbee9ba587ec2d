"""Class ``docx-merged``: the report's tables saved as DOCX with the merges Word writes.

Word keeps a merged cell as one ``w:tc`` with ``w:gridSpan`` across columns and, down a
column, a ``w:vMerge w:val="restart"`` cell followed by one ``w:vMerge`` continuation cell per
row below it (empty, usually with an empty paragraph). The label columns of part 三 are merged
that way (三、本年度办理结果 down column 0, （三）不予公开 … down column 1), the headers across.
The XML is written here by hand, not through python-docx, so the extractor is checked against
Word's form rather than against the writer it reads with. Sub-variants (``case.name``):

* ``word``: bare ``<w:vMerge/>`` continuations, labels split into several runs (spell-check
  and formatting boundaries), as Word saves them;
* ``wps``: explicit ``w:val="continue"``, continuation cells with paragraph properties;
* ``paragraphs``: header and long label cells typed over two paragraphs (``商业`` / ``企业``);
* ``hmerge``: header spans as legacy ``w:hMerge`` (one ``w:tc`` per grid column);
* ``controls``: every number cell inside a content control (``w:sdt``), as forms have them;
* ``tracked``: every number corrected with track changes on (``w:del`` old, ``w:ins`` new).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from parsers.report.vocabulary import APPLICANTS, application_rows
from tests.accuracy import template as T
from tests.accuracy.truth import Case, Truth
from tests.parsers.docbuild_word import word_package

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    #: What a part 三 cell prints, from its path and its number (a blank in place of a zero)
    Printed = Callable[[str, str], str]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
VARIANTS = ("word", "wps", "paragraphs", "hmerge", "controls", "tracked")
#: An A4 page's text width in twips (21 cm less LibreOffice's and Word's 2-3 cm margins).
TEXT_WIDTH = 9000
#: Every border of every cell, single lines (what the national template prints).
_BORDERS = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)


@dataclass(frozen=True, slots=True)
class WordCell:
    """One ``w:tc``: its text, the grid columns it spans, its vertical-merge role."""

    text: str = ""
    span: int = 1
    vmerge: str | None = None  # "restart", "continue" or None


Row = list[WordCell]


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports as Word-merged DOCX, the sub-variants in turn (all of them from n = 6)."""
    out = []
    for index, case_seed, rng, truth in T.seeded_truths(seed, n, "docx"):
        variant = VARIANTS[(seed + index) % len(VARIANTS)]
        body = build_docx(truth, variant, rng)
        out.append(
            Case(
                cls="docx-merged",
                name=f"{variant}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=(body, MEDIA_TYPE),
            )
        )
    return out


def build_docx(
    truth: Truth,
    variant: str,
    rng: random.Random,
    *,
    ruled: bool = False,
    printed: Printed | None = None,
) -> bytes:
    """The whole report (title, preface, parts 二–五) as DOCX bytes.

    ``ruled`` draws every cell border and fits each table to an A4 page's text width, as the
    national template's tables are printed (a reader of the DOCX never looks at either; a
    PDF made from it does). ``printed`` says what each part 三 cell prints (left blank where
    an organ leaves it empty); every number as it is without it.
    """
    writer = _Writer(variant, rng, ruled=ruled)
    body = [writer.paragraph(T.title(truth)), writer.paragraph(T.preface(truth))]
    body.append(writer.paragraph(T.PART_ACTIVE))
    for heading, header, items in T.ACTIVE_BLOCKS[truth.fmt]:
        body.append(writer.table(_active_rows(truth, heading, header, items)))
    body.append(writer.paragraph(T.PART_APPLICATIONS))
    body.append(writer.table(application_rows_word(truth, printed)))
    body.append(writer.paragraph(T.PART_REVIEW))
    body.append(writer.table(review_rows_word(truth)))
    body += [writer.paragraph(T.PART_PROBLEMS), writer.paragraph("无。")]
    return word_package("".join(body))


def _active_rows(
    truth: Truth,
    heading: str,
    header: tuple[str, ...],
    items: tuple[str, ...],
) -> list[Row]:
    """One 第二十条 block: the heading across the table, the header, one row per item.

    A single number column is drawn as wide as three (``gridSpan``), as the template does.
    """
    span = 4 - len(header) + 1
    head = [WordCell(h) for h in header[:-1]] + [WordCell(header[-1], span=span)]
    rows: list[Row] = [[WordCell(heading, span=4)], head]
    for item in items:
        values = T.active_row(truth, item)
        cells = [WordCell(v) for v in values[:-1]] + [WordCell(values[-1], span=span)]
        rows.append([WordCell(T.active_label(truth, item)), *cells])
    return rows


def application_rows_word(truth: Truth, printed: Printed | None = None) -> list[Row]:
    """Part 三 with Word's merges: a 3-column label area, the two-level applicant header.

    ``printed`` (path, number) gives a cell's text where it is not the number itself.
    """
    kinds = [WordCell(name) for name in T.APPLICANT_NAMES[1:6]]
    rows: list[Row] = [
        [WordCell(T.APPLICATION_NOTE, 3, "restart"), WordCell(T.APPLICANT_HEADING, 7)],
        [
            WordCell("", 3, "continue"),
            WordCell(T.APPLICANT_NAMES[0], vmerge="restart"),
            WordCell(T.LEGAL_PERSONS, 5),
            WordCell(T.APPLICANT_NAMES[6], vmerge="restart"),
        ],
        [
            WordCell("", 3, "continue"),
            WordCell(vmerge="continue"),
            *kinds,
            WordCell(vmerge="continue"),
        ],
    ]

    def numbers(row: str) -> Row:
        values = T.application_row(truth, row)
        if printed is None:
            return [WordCell(v) for v in values]
        return [
            WordCell(printed(f"applications.{row}.{col}", v))
            for col, v in zip(APPLICANTS, values, strict=True)
        ]

    rows += [
        [WordCell(T.LABELS[row], 3), *numbers(row)]
        for row in ("new_requests", "carried_over")
    ]
    first = True
    for group, members in T.result_groups(truth.fmt):
        for index, row in enumerate(members):
            lead = WordCell(T.RESULTS if first else "", vmerge=_role(first))
            first = False
            if group is None:
                label = [WordCell(T.LABELS[row], 2)]
            else:
                label = [
                    WordCell(group if index == 0 else "", vmerge=_role(index == 0)),
                    WordCell(T.LABELS[row]),
                ]
            rows.append([lead, *label, *numbers(row)])
    last = application_rows(truth.fmt)[-1]
    rows.append([WordCell(T.LABELS[last], 3), *numbers(last)])
    return rows


def review_rows_word(truth: Truth) -> list[Row]:
    """Part 四: 行政复议 over five columns, 行政诉讼 over ten, the results merged down."""
    results = [WordCell(text) for text in T.REVIEW_RESULTS]
    return [
        [WordCell(T.REVIEW, 5), WordCell(T.LITIGATION, 10)],
        [WordCell(text, vmerge="restart") for text in T.REVIEW_RESULTS]
        + [WordCell(T.LITIGATION_DIRECT, 5), WordCell(T.LITIGATION_AFTER_REVIEW, 5)],
        [WordCell(vmerge="continue") for _ in range(5)] + results + results,
        [WordCell(v) for v in T.review_row(truth)],
    ]


def _role(first: bool) -> str:
    return "restart" if first else "continue"


class _Writer:
    """Word XML for paragraphs and tables in one sub-variant's habits."""

    def __init__(
        self, variant: str, rng: random.Random, *, ruled: bool = False
    ) -> None:
        self.variant = variant
        self.rng = rng
        self.ruled = ruled
        self.revision = 0

    def paragraph(self, text: str) -> str:
        return f"<w:p>{self._runs(text)}</w:p>"

    def table(self, rows: list[Row]) -> str:
        width = sum(cell.span for cell in rows[0])
        column = min(800, TEXT_WIDTH // width) if self.ruled else 800
        grid = "".join(f'<w:gridCol w:w="{column}"/>' for _ in range(width))
        borders = _BORDERS if self.ruled else ""
        body = "".join(
            "<w:tr>" + "".join(self._cell(cell) for cell in row) + "</w:tr>"
            for row in rows
        )
        return (
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" '
            f'w:type="auto"/>{borders}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'
        )

    def _cell(self, cell: WordCell) -> str:
        if self.variant == "hmerge" and cell.span > 1 and cell.vmerge is None:
            # legacy horizontal merge: one w:tc per grid column, the first restarts
            first = self._tc(cell.text, '<w:hMerge w:val="restart"/>')
            return first + self._tc("", "<w:hMerge/>") * (cell.span - 1)
        props = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
        if cell.vmerge == "restart":
            props += '<w:vMerge w:val="restart"/>'
        elif cell.vmerge == "continue":
            explicit = self.variant == "wps"
            props += '<w:vMerge w:val="continue"/>' if explicit else "<w:vMerge/>"
        tc = self._tc(cell.text, props, span=cell.span)
        if self.variant == "controls" and _is_number(cell.text):
            # a form's number fields: each cell is a content control
            return f"<w:sdt><w:sdtPr/><w:sdtContent>{tc}</w:sdtContent></w:sdt>"
        return tc

    def _tc(self, text: str, props: str, *, span: int = 1) -> str:
        width = f'<w:tcW w:w="{800 * span}" w:type="dxa"/>'
        if not text:
            content = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>'
        elif self.variant == "tracked" and _is_number(text):
            # the figure was corrected with track changes on: old one deleted, new inserted
            self.revision += 1
            old = str(self.rng.randint(0, 99))
            content = (
                f'<w:p><w:del w:id="{self.revision}" w:author="办公室">'
                f"<w:r><w:delText>{old}</w:delText></w:r></w:del>"
                f'<w:ins w:id="{self.revision}" w:author="办公室">{self._runs(text)}'
                "</w:ins></w:p>"
            )
        else:
            content = self._cell_paragraphs(text)
        return f"<w:tc><w:tcPr>{width}{props}</w:tcPr>{content}</w:tc>"

    def _cell_paragraphs(self, text: str) -> str:
        wrap = self.variant == "paragraphs" and len(text) >= 4 and not _is_number(text)
        if not wrap:
            return self.paragraph(text)
        cut = self.rng.randint(2, len(text) - 2)
        return self.paragraph(text[:cut]) + self.paragraph(text[cut:])

    def _runs(self, text: str) -> str:
        pieces = [text]
        if self.variant == "word" and len(text) > 3:
            cut = self.rng.randint(1, len(text) - 1)
            pieces = [text[:cut], text[cut:]]
        return "".join(
            f'<w:r><w:t xml:space="preserve">{escape(piece)}</w:t></w:r>'
            for piece in pieces
        )


def _is_number(text: str) -> bool:
    return bool(text) and text.lstrip("-").replace(".", "", 1).isdigit()
