"""Class ``column-order``: tables whose header prints the columns in another order, and units.

The readers place a row's numbers by column position; only the header says a table departs from
the national column order. Each case prints the report's numbers in the order its header names
(so the numbers are right for the header, wrong for the national order), in text, HTML and PDF.
A part printed in another order must come out null with a reason, never as numbers in the
national columns; the national shapes beside them (a 总计 spanning every header row, as some
organs print it) must still be read. Sub-variants (``case.name``):

* ``total-first``: 总计 as the first applicant column (two-level header);
* ``person-last``: 法人或其他组织 and its five columns first, then 自然人 and 总计;
* ``orgs-swapped``: two organisation columns swapped, one header line;
* ``three-level`` (national): 总计 beside 申请人情况, spanning the three header rows;
* ``review-results``: part 四's result columns in another order (尚未审结 first);
* ``litigation-first``: part 四 prints 行政诉讼 (both groups) before 行政复议;
* ``money-yuan``: part 二's amount columns headed ``（元）``, their cells printed in 元;
* ``active-renamed``: each part 二 block prints its last column first, headed in other words
  than the template's (``有效件数``): placed by elimination where the header's cells are
  whole (an HTML page, a dump's row), else the block is left null.

Shapes: ``text`` (tab-separated lines, as a dump of an HTML page), ``dump`` (the body on one
line, cells spaced), ``glued`` (the body on one line, each table's cells run together),
``html`` (merged cells, through extraction), ``pdf`` (reportlab, ruled or unruled, through
extraction).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Final

from parsers.model import Document
from parsers.report.vocabulary import active_items, application_rows
from tests.accuracy import render_pdf as P
from tests.accuracy import template as T
from tests.accuracy.truth import Case, Truth

if TYPE_CHECKING:
    from collections.abc import Sequence

VARIANTS: Final = (
    "total-first",
    "person-last",
    "orgs-swapped",
    "three-level",
    "review-results",
    "litigation-first",
    "money-yuan",
    "active-renamed",
)
SHAPES: Final = (
    "text",
    "html",
    "pdf-ruled",
    "dump",
    "text",
    "html",
    "pdf-unruled",
    "glued",
)
#: The national column printed at each position, per variant (applicants: 0 自然人 … 6 总计).
APPLICANT_ORDER: Final = {
    "total-first": (6, 0, 1, 2, 3, 4, 5),
    "person-last": (1, 2, 3, 4, 5, 0, 6),
    "orgs-swapped": (0, 1, 3, 2, 4, 5, 6),
}
REVIEW_ORDER: Final = {"review-results": (3, 0, 1, 2, 4)}
#: Part 四's groups in print order when litigation comes first.
LITIGATION_FIRST: Final = (1, 2, 0)
YUAN: Final = "（元）"
#: The last column of each part 二 block in other words than the national template's.
RENAMED: Final = {
    "对外公开总数量": "累计公开数量",
    "处理决定数量": "处理决定数",
    "本年增/减": "变化量",
    "采购总金额": "采购金额",
    "现行有效件数": "有效件数",
    "本年处理决定数量": "处理决定数",
    "本年收费金额（单位：万元）": "收费总额",
}


def cases(seed: int, n: int) -> list[Case]:
    """``n`` cases: every variant in turn, the shapes moving on by one each round."""
    out = []
    for index, case_seed, _rng, truth in T.seeded_truths(seed, n, "columns"):
        variant = VARIANTS[index % len(VARIANTS)]
        # each round of the variants moves one shape on: every pairing within 64 cases
        shape = SHAPES[(index + index // len(VARIANTS)) % len(SHAPES)]
        if variant == "orgs-swapped" and shape.startswith("pdf"):
            shape = "text"  # one header line: the PDF's header is two levels
        out.append(
            Case(
                cls="column-order",
                name=f"{variant}/{shape}/{truth.fmt}-{case_seed}",
                truth=truth,
                **_rendered(truth, variant, shape),
            )
        )
    return out


def _rendered(truth: Truth, variant: str, shape: str) -> dict[str, object]:
    if shape == "text":
        return {"document": Document(text=render_text(truth, variant))}
    if shape in ("dump", "glued"):
        text = render_dump(truth, variant, glued=shape == "glued")
        return {"document": Document(text=text)}
    if shape == "html":
        return {"source": (render_html(truth, variant), "text/html")}
    body = render_pdf(truth, variant, ruled=shape == "pdf-ruled")
    return {"source": (body, "application/pdf")}


# ---------------------------------------------------------------- what each variant prints


def applicant_order(variant: str) -> tuple[int, ...]:
    return APPLICANT_ORDER.get(variant, tuple(range(7)))


def application_numbers(truth: Truth, row: str, variant: str) -> list[str]:
    """A part 三 row's numbers in the variant's column order."""
    numbers = T.application_row(truth, row)
    return [numbers[k] for k in applicant_order(variant)]


def review_numbers(truth: Truth, variant: str) -> list[str]:
    """Part 四's fifteen numbers in the variant's group and column order."""
    numbers = T.review_row(truth)
    groups = LITIGATION_FIRST if variant == "litigation-first" else (0, 1, 2)
    columns = REVIEW_ORDER.get(variant, tuple(range(5)))
    return [numbers[g * 5 + c] for g in groups for c in columns]


def review_results(variant: str) -> list[str]:
    return [T.REVIEW_RESULTS[c] for c in REVIEW_ORDER.get(variant, tuple(range(5)))]


def _last_first(values: Sequence[str]) -> list[str]:
    """A block's columns with the last one moved to the front (``active-renamed``)."""
    return [*values[-1:], *values[:-1]]


def active_numbers(truth: Truth, item: str, variant: str) -> list[str]:
    """A part 二 item's numbers; amounts in 元 in ``money-yuan``; the last column first in
    ``active-renamed``."""
    if variant == "active-renamed":
        return _last_first(T.active_row(truth, item))
    if variant != "money-yuan":
        return T.active_row(truth, item)
    out = []
    for col in active_items(truth.fmt)[item]:
        value = truth.values[f"active_disclosure.{item}.{col}"]
        if col == "amount":
            value = (Decimal(value) * 10_000).quantize(Decimal(1))
        out.append(T.number(value))
    return out


def active_header(header: Sequence[str], variant: str) -> list[str]:
    """A part 二 block's header (信息内容, then its columns).

    ``money-yuan``: the amount column headed in 元; ``active-renamed``: the last column first
    and in other words than the format's (有效件数 for 现行有效件数).
    """
    if variant == "active-renamed":
        return [header[0], RENAMED[header[-1]], *header[1:-1]]
    if variant != "money-yuan":
        return list(header)
    return [
        h.replace("（单位：万元）", "") + YUAN if "金额" in h else h for h in header
    ]


# ---------------------------------------------------------------- text


def text_applicant_header(variant: str) -> list[str]:
    """Part 三's header lines as a tab dump of the table prints them."""
    names = T.APPLICANT_NAMES
    kinds = "\t".join(names[k] for k in applicant_order(variant) if 1 <= k <= 5)
    if variant == "total-first":
        return [f"\t{names[6]}\t{names[0]}\t{T.LEGAL_PERSONS}", f"\t\t\t{kinds}"]
    if variant == "person-last":
        return [f"\t{T.LEGAL_PERSONS}\t\t\t\t\t{names[0]}\t{names[6]}", f"\t{kinds}"]
    if variant == "three-level":
        return [
            f"{T.APPLICATION_NOTE}\t{T.APPLICANT_HEADING}\t\t\t\t\t\t{names[6]}",
            f"\t{names[0]}\t{T.LEGAL_PERSONS}",
            f"\t\t{kinds}",
        ]
    return ["\t" + "\t".join(names[k] for k in applicant_order(variant))]


def text_review_header(variant: str) -> list[str]:
    results = "\t".join(review_results(variant))
    if variant == "litigation-first":
        return [
            f"{T.LITIGATION}\t\t\t\t\t\t\t\t\t\t{T.REVIEW}",
            f"{T.LITIGATION_DIRECT}\t\t\t\t\t{T.LITIGATION_AFTER_REVIEW}\t\t\t\t\t{results}",
            "\t".join([results] * 3),
        ]
    return [
        f"{T.REVIEW}\t\t\t\t\t{T.LITIGATION}",
        f"{results}\t{T.LITIGATION_DIRECT}\t\t\t\t\t{T.LITIGATION_AFTER_REVIEW}",
        "\t".join([results] * 2),
    ]


def render_text(truth: Truth, variant: str) -> str:
    lines = [T.title(truth), T.preface(truth), T.PART_ACTIVE]
    for heading, header, items in T.ACTIVE_BLOCKS[truth.fmt]:
        lines += [heading, "\t".join(active_header(header, variant))]
        for item in items:
            numbers = active_numbers(truth, item, variant)
            lines.append("\t".join([T.active_label(truth, item), *numbers]))
    lines += [T.PART_APPLICATIONS, *text_applicant_header(variant)]
    for row in application_rows(truth.fmt):
        if row in T.GROUP_LABELS and row != "disclosed":
            lines.append(T.GROUP_LABELS[row])
        lines.append(
            "\t".join([T.LABELS[row], *application_numbers(truth, row, variant)])
        )
    lines += [T.PART_REVIEW, *text_review_header(variant)]
    lines += ["\t".join(review_numbers(truth, variant)), T.PART_PROBLEMS, "无。"]
    return "\n".join(lines) + "\n"


def render_dump(truth: Truth, variant: str, *, glued: bool) -> str:
    """The text renderer's report as another crawler dumps it: the whole body on one line.

    ``glued``: each table's cells run together (``自然人法人或其他组织总计…``, ``…数量1825382…``);
    else cells are separated by single spaces. Prose lines stay apart, separated by spaces.
    """
    pieces: list[str] = []
    table: list[str] = []
    for line in render_text(truth, variant).splitlines():
        if "\t" in line:
            cells = [c for c in line.split("\t") if c]
            table.append("".join(cells) if glued else " ".join(cells))
            continue
        if table:
            pieces.append(("" if glued else " ").join(table))
            table = []
        pieces.append(line)
    return " ".join([*pieces, *table]) + "\n"


# ---------------------------------------------------------------- HTML


def _td(text: str, rows: int = 1, cols: int = 1) -> str:
    spans = (f" rowspan='{rows}'" if rows > 1 else "") + (
        f" colspan='{cols}'" if cols > 1 else ""
    )
    return f"<td{spans}>{text}</td>"


def html_applicant_header(variant: str) -> str:
    names = T.APPLICANT_NAMES
    kinds = "".join(_td(names[k]) for k in applicant_order(variant) if 1 <= k <= 5)
    person, total = _td(names[0], rows=2), _td(names[6], rows=2)
    legal = _td(T.LEGAL_PERSONS, cols=5)
    note = _td(T.APPLICATION_NOTE, rows=2, cols=2)
    if variant == "three-level":
        return (
            f"<tr>{_td(T.APPLICATION_NOTE, rows=3, cols=2)}{_td(T.APPLICANT_HEADING, cols=6)}"
            f"{_td(names[6], rows=3)}</tr><tr>{person}{legal}</tr><tr>{kinds}</tr>"
        )
    if variant == "total-first":
        top = f"{total}{person}{legal}"
    elif variant == "person-last":
        top = f"{legal}{person}{total}"
    else:
        top = f"{person}{legal}{total}"
    return f"<tr>{note}{top}</tr><tr>{kinds}</tr>"


def html_review(truth: Truth, variant: str) -> str:
    results = "".join(_td(r, rows=2) for r in review_results(variant))
    groups = (
        f"{_td(T.LITIGATION_DIRECT, cols=5)}{_td(T.LITIGATION_AFTER_REVIEW, cols=5)}"
    )
    lower = "".join(_td(r) for r in review_results(variant) * 2)
    if variant == "litigation-first":
        top = f"{_td(T.LITIGATION, cols=10)}{_td(T.REVIEW, cols=5)}"
        second = f"{groups}{results}"
    else:
        top = f"{_td(T.REVIEW, cols=5)}{_td(T.LITIGATION, cols=10)}"
        second = f"{results}{groups}"
    numbers = "".join(_td(v) for v in review_numbers(truth, variant))
    return (
        f"<p>{T.PART_REVIEW}</p><table border='1'><tr>{top}</tr><tr>{second}</tr>"
        f"<tr>{lower}</tr><tr>{numbers}</tr></table>"
    )


def render_html(truth: Truth, variant: str) -> bytes:
    out = [
        f"<html><head><meta charset='utf-8'><title>{T.title(truth)}</title></head><body>",
        f"<h1>{T.title(truth)}</h1><p>{T.preface(truth)}</p><p>{T.PART_ACTIVE}</p>",
    ]
    for heading, header, items in T.ACTIVE_BLOCKS[truth.fmt]:
        out.append(f"<p>{heading}</p><table border='1'><tr>")
        out += [_td(h) for h in active_header(header, variant)]
        for item in items:
            cells = [T.active_label(truth, item), *active_numbers(truth, item, variant)]
            out.append("</tr><tr>" + "".join(_td(c) for c in cells))
        out.append("</tr></table>")
    out.append(f"<p>{T.PART_APPLICATIONS}</p><table border='1'>")
    out.append(html_applicant_header(variant))
    for row in application_rows(truth.fmt):
        numbers = "".join(_td(v) for v in application_numbers(truth, row, variant))
        group = T.GROUP_LABELS.get(row, "")
        out.append(f"<tr>{_td(group)}{_td(T.LABELS[row])}{numbers}</tr>")
    out.append("</table>" + html_review(truth, variant))
    out.append(f"<p>{T.PART_PROBLEMS}</p><p>无。</p></body></html>")
    return "".join(out).encode("utf-8")


# ---------------------------------------------------------------- PDF


def pdf_applicant_cells(truth: Truth, variant: str) -> list[P.Cell]:
    """Part 三 as ``render_pdf`` draws it, header and numbers in the variant's order."""
    order = applicant_order(variant)
    names = T.APPLICANT_NAMES
    header = [
        P.Cell(0, 0, T.APPLICATION_NOTE, rows=3, cols=3),
        P.Cell(0, 3, T.APPLICANT_HEADING, cols=7),
    ]
    kinds = [k for k in order if 1 <= k <= 5]
    first_kind = 3 + order.index(kinds[0])
    for position, k in enumerate(order):
        if k in (0, 6):
            header.append(P.Cell(1, 3 + position, names[k], rows=2))
    header.append(P.Cell(1, first_kind, T.LEGAL_PERSONS, cols=5))
    header += [P.Cell(2, first_kind + i, names[k]) for i, k in enumerate(kinds)]
    body = [c for c in P.application_cells(truth) if c.row >= 3]
    return header + [_reordered(c, order) for c in body]


def _reordered(cell: P.Cell, order: Sequence[int]) -> P.Cell:
    """A number cell of the national drawing moved to its column in the variant's order."""
    if cell.col < 3 or cell.cols != 1 or cell.vertical:
        return cell
    return P.Cell(cell.row, 3 + order.index(cell.col - 3), cell.text)


def pdf_review_cells(truth: Truth, variant: str) -> list[P.Cell]:
    results = review_results(variant)
    if variant == "litigation-first":
        cells = [P.Cell(0, 0, T.LITIGATION, cols=10), P.Cell(0, 10, T.REVIEW, cols=5)]
        cells += [P.Cell(1, 0, T.LITIGATION_DIRECT, cols=5)]
        cells += [P.Cell(1, 5, T.LITIGATION_AFTER_REVIEW, cols=5)]
        cells += [P.Cell(1, 10 + c, t, rows=2) for c, t in enumerate(results)]
        cells += [P.Cell(2, c, t) for c, t in enumerate(results * 2)]
    else:
        cells = [P.Cell(0, 0, T.REVIEW, cols=5), P.Cell(0, 5, T.LITIGATION, cols=10)]
        cells += [P.Cell(1, c, t, rows=2) for c, t in enumerate(results)]
        cells += [P.Cell(1, 5, T.LITIGATION_DIRECT, cols=5)]
        cells += [P.Cell(1, 10, T.LITIGATION_AFTER_REVIEW, cols=5)]
        cells += [P.Cell(2, 5 + c, t) for c, t in enumerate(results * 2)]
    numbers = review_numbers(truth, variant)
    return cells + [P.Cell(3, c, v) for c, v in enumerate(numbers)]


def pdf_active_cells(
    truth: Truth, block: tuple[str, tuple[str, ...], tuple[str, ...]], variant: str
) -> list[P.Cell]:
    heading, header, items = block
    printed = active_header(header, variant)
    span = 4 - len(printed) + 1
    cells = [P.Cell(0, 0, heading, cols=4)]
    cells += [P.Cell(1, c, h) for c, h in enumerate(printed[:-1])]
    cells.append(P.Cell(1, len(printed) - 1, printed[-1], cols=span))
    for r, item in enumerate(items, start=2):
        values = active_numbers(truth, item, variant)
        cells.append(P.Cell(r, 0, T.active_label(truth, item)))
        cells += [P.Cell(r, c, v) for c, v in enumerate(values[:-1], start=1)]
        cells.append(P.Cell(r, len(values), values[-1], cols=span))
    return cells


def render_pdf(truth: Truth, variant: str, *, ruled: bool) -> bytes:
    pages = P._Pages(truth, ruled=ruled, furniture="dash", numbers_top=False)
    pages.paragraph(T.title(truth), 16, centred=True)
    pages.paragraph(T.preface(truth))
    pages.paragraph(T.PART_ACTIVE)
    for block in T.ACTIVE_BLOCKS[truth.fmt]:
        P.draw_table(pages, P.ACTIVE_WIDTHS, pdf_active_cells(truth, block, variant))
    pages.paragraph(T.PART_APPLICATIONS)
    P.draw_table(pages, P.APPLICATION_WIDTHS, pdf_applicant_cells(truth, variant))
    pages.paragraph(T.PART_REVIEW)
    P.draw_table(pages, P.REVIEW_WIDTHS, pdf_review_cells(truth, variant))
    pages.paragraph(T.PART_PROBLEMS)
    pages.paragraph("无。")
    return pages.save()
