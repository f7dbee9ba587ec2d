"""Class ``markdown``: reports as PDF→markdown converters write them.

A converter sees the PDF's ruled tables one page region at a time, so part 三 comes out as
several pipe tables, one per row group; every table gets a header line and a ``|---|`` line,
whatever its first row is. Sub-variants (``case.name`` is ``{detach}-{header}-{labels}``):

* header: ``data`` names the columns ``数据1 … 数据6 | 总计`` over every table; ``real``
  prints the real applicant header over the first table only, so each later table's first
  data row stands where a header belongs (rows under the wrong header);
* labels: ``cols1`` one label column (the row's own label); ``cols3`` the template's three
  label columns, a merged label printed once and left empty below;
* detach: ``none``; ``above``: some rows' labels sit on a row of their own above a row of
  numbers whose label cell is empty (sometimes the label wraps, its tail beside the numbers);
  ``below``: the numbers come first with an empty label, the label on the row after them;
* the title is a ``#`` heading in every other case, a plain line otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.model import Document
from parsers.report.vocabulary import application_rows
from tests.accuracy import template as T
from tests.accuracy.truth import Case, Truth

if TYPE_CHECKING:
    import random

HEADERS = ("data", "real")
LABELS = ("cols1", "cols3")
DETACH = ("none", "above", "below")
#: Rows whose label a converter detaches: the long ones that wrap in the PDF.
DETACHABLE = (
    "new_requests",
    "carried_over",
    "partially_disclosed",
    "denied_three_securities_one_stability",
    "unable_unclear_after_correction",
    "not_processed_confirmation",
    "other_no_correction",
    "other_unpaid_fee",
    "carried_forward",
)
_DATA_HEADER = ["数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计"]


def cases(seed: int, n: int) -> list[Case]:
    """``n`` markdown reports; detach, header and label styles in turn."""
    out = []
    for index, case_seed, rng, truth in T.seeded_truths(seed, n, "markdown"):
        detach = DETACH[(seed + index) % len(DETACH)]
        header = HEADERS[(index // len(DETACH)) % len(HEADERS)]
        labels = LABELS[rng.randrange(len(LABELS))]
        text = render(truth, detach, header, labels, rng, heading=index % 2 == 0)
        out.append(
            Case(
                cls="markdown",
                name=f"{detach}-{header}-{labels}-{truth.fmt}-{case_seed}",
                truth=truth,
                document=Document(text=text, media_type="text/markdown"),
            )
        )
    return out


def pipe(cells: list[str]) -> str:
    """One markdown table line."""
    return "| " + " | ".join(cells) + " |"


def table(rows: list[list[str]]) -> list[str]:
    """A pipe table: the first row is the header, then the separator line."""
    width = max(len(row) for row in rows)
    padded = [row + [""] * (width - len(row)) for row in rows]
    return [pipe(padded[0]), pipe(["---"] * width), *(pipe(r) for r in padded[1:]), ""]


def render(
    truth: Truth,
    detach: str,
    header: str,
    labels: str,
    rng: random.Random,
    *,
    heading: bool,
) -> str:
    """The whole report as markdown."""
    lines = [
        f"# {T.title(truth)}" if heading else T.title(truth),
        "",
        T.preface(truth),
        "",
    ]
    lines += [f"## {T.PART_ACTIVE}", ""]
    for block_heading, block_header, items in T.ACTIVE_BLOCKS[truth.fmt]:
        rows = [[block_heading], list(block_header)]
        rows += [[T.active_label(truth, i), *T.active_row(truth, i)] for i in items]
        lines += table(rows)
    lines += [f"## {T.PART_APPLICATIONS}", ""]
    present = [row for row in DETACHABLE if row in application_rows(truth.fmt)]
    detached = (
        set(rng.sample(present, rng.randint(2, 4))) if detach != "none" else set()
    )
    for number, group in enumerate(_application_groups(truth, labels)):
        rows = []
        if header == "data":
            rows.append([""] * (1 if labels == "cols1" else 3) + _DATA_HEADER)
        elif number == 0:
            rows += _real_header(labels)
        for row_id, label_cells in group:
            numbers = T.application_row(truth, row_id)
            if row_id in detached:
                rows += _detached(label_cells, numbers, detach, rng)
            else:
                rows.append([*label_cells, *numbers])
        lines += table(rows)
    lines += [f"## {T.PART_REVIEW}", ""]
    lines += table(_review_rows(truth))
    lines += [f"## {T.PART_PROBLEMS}", "", "无。", ""]
    return "\n".join(lines)


def _application_groups(truth: Truth, labels: str) -> list[list[tuple[str, list[str]]]]:
    """Part 三 as the converter's tables: rows (id, label cells) per row group."""
    first, last = "new_requests", "carried_forward"
    if labels == "cols1":
        one = [
            [(first, [T.LABELS[first]]), ("carried_over", [T.LABELS["carried_over"]])]
        ]
        for _, members in T.result_groups(truth.fmt):
            one.append([(row, [T.LABELS[row]]) for row in members])
        one[-1].append((last, [T.LABELS[last]]))
        return _join_single_rows(one)
    out = [
        [
            (first, [T.LABELS[first], "", ""]),
            ("carried_over", [T.LABELS["carried_over"], "", ""]),
        ]
    ]
    top = True
    for group, members in T.result_groups(truth.fmt):
        rows = []
        for index, row in enumerate(members):
            lead = T.RESULTS if top else ""
            top = False
            if group is None:
                rows.append((row, [lead, T.LABELS[row], ""]))
            else:
                rows.append((row, [lead, group if index == 0 else "", T.LABELS[row]]))
        out.append(rows)
    out[-1].append((last, [T.LABELS[last], "", ""]))
    return _join_single_rows(out)


def _join_single_rows(
    groups: list[list[tuple[str, list[str]]]],
) -> list[list[tuple[str, list[str]]]]:
    """(一) and (二), each a group of one row, share one table, as converters cut them."""
    return [groups[0], groups[1] + groups[2], *groups[3:]]


def _real_header(labels: str) -> list[list[str]]:
    blank = [""] * (1 if labels == "cols1" else 3)
    note = [T.APPLICATION_NOTE, *blank[1:]]
    return [
        [*note, T.APPLICANT_HEADING, "", "", "", "", "", ""],
        [
            *blank,
            T.APPLICANT_NAMES[0],
            T.LEGAL_PERSONS,
            "",
            "",
            "",
            "",
            T.APPLICANT_NAMES[6],
        ],
        [*blank, "", *T.APPLICANT_NAMES[1:6], ""],
    ]


def _detached(
    label_cells: list[str], numbers: list[str], detach: str, rng: random.Random
) -> list[list[str]]:
    """A row whose label the converter put on its own line, above or below the numbers."""
    empty_numbers = [""] * len(numbers)
    label = [c for c in label_cells if c][-1]
    index = label_cells.index(label)
    bare = [c if i < index else "" for i, c in enumerate(label_cells)]
    only_label = [*["" for _ in label_cells[:index]], label, *label_cells[index + 1 :]]
    if detach == "below":
        return [[*bare, *numbers], [*only_label, *empty_numbers]]
    if len(label) > 8 and rng.random() < 0.5:
        # wrapped: the label's head on its own line, its tail beside the numbers
        cut = rng.randint(len(label) // 2, len(label) - 3)
        head = [*bare[:index], label[:cut], *label_cells[index + 1 :]]
        tail = [
            *["" for _ in label_cells[:index]],
            label[cut:],
            *label_cells[index + 1 :],
        ]
        return [[*head, *empty_numbers], [*tail, *numbers]]
    return [[*only_label, *empty_numbers], [*bare, *numbers]]


def _review_rows(truth: Truth) -> list[list[str]]:
    results = list(T.REVIEW_RESULTS)
    return [
        [T.REVIEW, "", "", "", "", T.LITIGATION, *[""] * 9],
        [
            *results,
            T.LITIGATION_DIRECT,
            "",
            "",
            "",
            "",
            T.LITIGATION_AFTER_REVIEW,
            *[""] * 4,
        ],
        ["", "", "", "", "", *results, *results],
        T.review_row(truth),
    ]
