"""Class ``printed-twice``: a row of part 二 or 三 printed twice, the second time other numbers.

Spreadsheets keep a hidden row under the same label (last year's figures, a draft) that the
reader never sees but extraction does; a text or page keeps a draft line above or below the
table's own row. Which printing is the table's cannot be told from the label, so neither may be
taken: part 三's row then comes back only where the format's sums determine it, part 二's item
stays null. The same row printed twice with the same numbers (a row repeated across a page
break) is one row and is read. Sub-variants (``case.name``):

* ``text-draft-above``: tab rows, a part 三 row preceded by a line of other numbers under its
  label;
* ``html-draft-above``: a portal page whose part 二 item is preceded by a row of other numbers;
* ``text-draft-below``: a part 二 item followed by a line of other numbers under its label;
* ``xlsx-hidden-row``: a workbook whose part 三 holds a hidden row, above the visible one,
  with the same label and other numbers;
* ``text-repeated``: a part 三 row printed twice with the same numbers (read as one row).
"""

from __future__ import annotations

import io
from typing import Final

import openpyxl

from parsers.report.vocabulary import active_items, application_rows
from tests.accuracy import template as T
from tests.accuracy.render_columns import html_review
from tests.accuracy.truth import Case, Truth

VARIANTS: Final = (
    "text-draft-above",
    "html-draft-above",
    "text-draft-below",
    "xlsx-hidden-row",
    "text-repeated",
)
XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: One printed row: its label and its cells.
Row = tuple[str, list[str]]


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports, the variants in turn, the doubled row moving from case to case."""
    out = []
    for index, case_seed, _rng, truth in T.seeded_truths(seed, n, "twice"):
        variant = VARIANTS[index % len(VARIANTS)]
        active = "active" in _target(variant)
        rows = list(active_items(truth.fmt)) if active else application_rows(truth.fmt)
        row = rows[(index // len(VARIANTS)) % len(rows)]
        out.append(
            Case(
                cls="printed-twice",
                name=f"{variant}-{row}-{truth.fmt}-{case_seed}",
                truth=truth,
                source=render(truth, variant, row),
            )
        )
    return out


def _target(variant: str) -> str:
    return "active" if variant in ("html-draft-above", "text-draft-below") else "apps"


def other_numbers(numbers: list[str]) -> list[str]:
    """A draft's figures: every cell one more than the table's (so no cell agrees)."""
    return [str(int(float(v)) + 1) for v in numbers]


def _doubled(rows: list[Row], label: str, variant: str) -> list[Row]:
    """``rows`` with the row labelled ``label`` printed twice, as the variant says."""
    out: list[Row] = []
    for row in rows:
        if row[0] != label:
            out.append(row)
            continue
        if variant == "text-repeated":
            out += [row, row]
        elif variant == "text-draft-below":
            out += [row, (label, other_numbers(row[1]))]
        else:
            out += [(label, other_numbers(row[1])), row]
    return out


def active_rows(truth: Truth) -> list[tuple[str, list[Row]]]:
    """Part 二 as (block heading, rows: the header first, then one row per item)."""
    return [
        (
            heading,
            [(header[0], list(header[1:]))]
            + [(T.active_label(truth, i), T.active_row(truth, i)) for i in items],
        )
        for heading, header, items in T.ACTIVE_BLOCKS[truth.fmt]
    ]


def application_table(truth: Truth) -> list[Row]:
    """Part 三 as rows: the applicant header, then one row per row id."""
    return [("", list(T.APPLICANT_NAMES))] + [
        (T.LABELS[r], T.application_row(truth, r)) for r in application_rows(truth.fmt)
    ]


def _label(truth: Truth, variant: str, row: str) -> str:
    return T.active_label(truth, row) if _target(variant) == "active" else T.LABELS[row]


def _parts(
    truth: Truth, variant: str, row: str
) -> tuple[list[tuple[str, list[Row]]], list[Row]]:
    """Parts 二 and 三 as rows, the variant's row doubled in its part."""
    label = _label(truth, variant, row)
    active = active_rows(truth)
    apps = application_table(truth)
    if _target(variant) == "active":
        active = [(h, _doubled(rows, label, variant)) for h, rows in active]
    else:
        apps = _doubled(apps, label, variant)
    return active, apps


def render(truth: Truth, variant: str, row: str) -> tuple[bytes, str]:
    """The document's bytes and media type."""
    active, apps = _parts(truth, variant, row)
    if variant.startswith("html"):
        return render_html(truth, active, apps), "text/html"
    if variant.startswith("xlsx"):
        return render_xlsx(truth, active, apps, T.LABELS[row]), XLSX
    return render_text(truth, active, apps).encode("utf-8"), "text/plain"


def render_text(
    truth: Truth, active: list[tuple[str, list[Row]]], apps: list[Row]
) -> str:
    """Tab-separated rows, the parts under their headings."""
    lines = [T.title(truth), T.preface(truth), T.PART_ACTIVE]
    for heading, rows in active:
        lines.append(heading)
        lines += ["\t".join([label, *cells]) for label, cells in rows]
    lines.append(T.PART_APPLICATIONS)
    lines += ["\t".join([label, *cells]) for label, cells in apps]
    lines += [T.PART_REVIEW, f"{T.REVIEW}\t{T.LITIGATION}"]
    lines.append(f"{T.LITIGATION_DIRECT}\t{T.LITIGATION_AFTER_REVIEW}")
    lines.append("\t".join(list(T.REVIEW_RESULTS) * 3))
    lines += ["\t".join(T.review_row(truth)), T.PART_PROBLEMS, "无。"]
    return "\n".join(lines) + "\n"


def _html_row(row: Row) -> str:
    return "".join(f"<td>{c}</td>" for c in [row[0], *row[1]])


def _html_table(rows: list[Row]) -> str:
    return (
        "<table border='1'>"
        + "".join(f"<tr>{_html_row(row)}</tr>" for row in rows)
        + "</table>"
    )


def render_html(
    truth: Truth, active: list[tuple[str, list[Row]]], apps: list[Row]
) -> bytes:
    """A portal page: the parts as HTML tables."""
    body = [f"<h1>{T.title(truth)}</h1><p>{T.preface(truth)}</p><p>{T.PART_ACTIVE}</p>"]
    body += [f"<p>{heading}</p>{_html_table(rows)}" for heading, rows in active]
    body.append(f"<p>{T.PART_APPLICATIONS}</p>{_html_table(apps)}")
    body.append(html_review(truth, "national"))
    body.append(f"<p>{T.PART_PROBLEMS}</p><p>无。</p>")
    page = (
        f"<html><head><meta charset='utf-8'><title>{T.title(truth)}</title></head>"
        f"<body>{''.join(body)}</body></html>"
    )
    return page.encode("utf-8")


def _typed(text: str) -> str | int | float:
    """A cell as a spreadsheet stores it: numbers as numbers."""
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def render_xlsx(
    truth: Truth, active: list[tuple[str, list[Row]]], apps: list[Row], hidden: str
) -> bytes:
    """One sheet, the parts one under the other; the first row labelled ``hidden`` hidden."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    lines: list[list[str]] = [[T.title(truth)], [T.preface(truth)], [T.PART_ACTIVE]]
    for heading, rows in active:
        lines += [[heading], *([label, *cells] for label, cells in rows)]
    lines.append([T.PART_APPLICATIONS])
    lines += [[label, *cells] for label, cells in apps]
    lines += [[T.PART_REVIEW], [T.REVIEW] * 5 + [T.LITIGATION] * 10]
    lines.append([""] * 5 + [T.LITIGATION_DIRECT] * 5 + [T.LITIGATION_AFTER_REVIEW] * 5)
    lines += [list(T.REVIEW_RESULTS) * 3, T.review_row(truth)]
    hide = True
    for number, line in enumerate(lines, start=1):
        for column, text in enumerate(line, start=1):
            if text:
                sheet.cell(number, column, _typed(text))
        if hide and line[0] == hidden:
            sheet.row_dimensions[number].hidden = True
            hide = False
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
