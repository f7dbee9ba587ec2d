"""Displaced labels and numbers: the mutations text extraction inflicts on real tables.

A generated report is written as tab-separated rows (label, then its numbers), then displaced
the way PDF text extraction and converters displace real tables:

* ``before``: a row's numbers on the line above its label;
* ``between``: the next row's label between a row's label and its numbers;
* ``wrap``: a label wrapped over two or three lines, the numbers on the middle or last line;
* ``detach``: the label on its own line, the numbers on the next;
* ``drop-number``: one number of a row missing; ``drop-label``: a row's label missing;
  ``garble``: a row's label unrecognisable (a bad scan or encoding);
* ``swap``: two whole rows in the other order (labels still with their numbers);
* ``all-before``: every row's numbers before its label (numbers set higher than their
  vertically centred labels).

The truth does not change: whatever the parser reads must be the truth or null. A mutation
test asserts that no report is ``ok`` with a wrong number and no rule-checked cell is wrong.

Mutations touch rows at least two apart, so each displaces its own rows the way one table row
is displaced in extraction (rows stay in top-to-bottom order, as text extraction keeps them);
several mutations per report combine freely otherwise.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from parsers.model import Document
from parsers.report.vocabulary import (
    APPLICANTS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    active_items,
    application_rows,
)
from tests.accuracy.labels_cn import (
    ACTIVE_HEADERS,
    ACTIVE_ITEM_LABELS,
    APPLICANT_LABELS,
    GROUP_LABELS,
    REVIEW_LABELS,
    ROW_LABELS,
)
from tests.accuracy.truth import Case, Truth, make_truth

if TYPE_CHECKING:
    from decimal import Decimal

MUTATIONS = (
    "before",
    "between",
    "wrap",
    "detach",
    "drop-number",
    "drop-label",
    "garble",
    "swap",
    "all-before",
)

#: A row of the rendered table: its label (may be "") and its number cells.
Row = tuple[str, list[str]]


def _num(value: int | Decimal) -> str:
    return str(value)


def table_rows(truth: Truth) -> list[Row]:
    """The report's table rows in print order: headers carry no numbers."""
    rows: list[Row] = [("二、主动公开政府信息情况", [])]
    for item_ids, headers in ACTIVE_HEADERS[truth.fmt]:
        rows.append(("信息内容\t" + "\t".join(headers), []))
        for item in item_ids:
            cols = active_items(truth.fmt)[item]
            nums = [_num(truth.values[f"active_disclosure.{item}.{c}"]) for c in cols]
            rows.append((ACTIVE_ITEM_LABELS[truth.fmt][item], nums))
    rows.append(("三、收到和处理政府信息公开申请情况", []))
    rows.append(("\t" + "\t".join(APPLICANT_LABELS), []))
    for row in application_rows(truth.fmt):
        if row in GROUP_LABELS:
            rows.append((GROUP_LABELS[row], []))
        nums = [_num(truth.values[f"applications.{row}.{c}"]) for c in APPLICANTS]
        rows.append((ROW_LABELS[row], nums))
    rows.append(("四、政府信息公开行政复议、行政诉讼情况", []))
    rows.append(("行政复议\t未经复议直接起诉\t复议后起诉", []))
    rows.append(("\t".join(REVIEW_LABELS * 3), []))
    nums = [
        _num(truth.values[f"review_litigation.{g}.{c}"])
        for g in REVIEW_GROUPS
        for c in REVIEW_COLUMNS
    ]
    rows.append(("", nums))
    return rows


def _line(label: str, nums: list[str]) -> str:
    return "\t".join([label, *nums]) if label else "\t".join(nums)


def _displace(
    kind: str, i: int, rows: list[Row], lines_of: list[list[str]], rng: random.Random
) -> None:
    """Apply one displacement to row ``i`` (and, for some kinds, the row after it)."""
    label, nums = rows[i]
    if kind == "before":
        lines_of[i] = ["\t".join(nums), label]
    elif kind == "detach":
        lines_of[i] = [label, "\t".join(nums)]
    elif kind == "wrap" and len(label) > 4:
        cut = rng.randint(2, len(label) - 2)
        middle = rng.random() < 0.5
        lines_of[i] = (
            [label[:cut], "\t".join(nums), label[cut:]]
            if middle
            else [label[:cut], label[cut:] + "\t" + "\t".join(nums)]
        )
    elif kind == "between" and i + 1 < len(rows) and rows[i + 1][0]:
        nxt_label, nxt_nums = rows[i + 1]
        lines_of[i] = [label, nxt_label, "\t".join(nums)]
        lines_of[i + 1] = ["\t".join(nxt_nums)] if nxt_nums else []
    elif kind == "drop-number" and nums:
        gone = rng.randrange(len(nums))
        lines_of[i] = [_line(label, nums[:gone] + nums[gone + 1 :])]
    elif kind == "drop-label":
        lines_of[i] = ["\t".join(nums)]
    elif kind == "garble":  # a label OCR or a bad encoding made unrecognisable
        lines_of[i] = [_line("□" * rng.randint(3, 12), nums)]
    elif kind == "swap" and i + 1 < len(rows):
        lines_of[i], lines_of[i + 1] = lines_of[i + 1], lines_of[i]


def render(truth: Truth, mutations: list[tuple[str, int]], rng: random.Random) -> str:
    """The report as text with ``mutations`` (kind, index of a numbered row) applied."""
    rows = table_rows(truth)
    lines_of: list[list[str]] = [[_line(label, nums)] for label, nums in rows]
    numbered = [i for i, (label, nums) in enumerate(rows) if label and nums]
    taken: set[int] = set()
    if any(kind == "all-before" for kind, _ in mutations):
        # text extraction of a table whose numbers sit higher than their labels: every row,
        # and a label here and there made unrecognisable (a bad scan)
        for i in numbered:
            label = rows[i][0]
            if any(
                k == "garble" and numbered[p % len(numbered)] == i for k, p in mutations
            ):
                label = "□" * rng.randint(3, 12)
            lines_of[i] = ["\t".join(rows[i][1]), label]
        taken.update(numbered)
    for kind, pick in mutations:
        i = numbered[pick % len(numbered)]
        if taken & {i - 2, i - 1, i, i + 1, i + 2}:
            continue
        taken.add(i)
        _displace(kind, i, rows, lines_of, rng)
    body = [line for chunk in lines_of for line in chunk]
    title = f"{truth.agency}{truth.year}年政府信息公开工作年度报告"
    return (
        "\n".join(
            [
                title,
                "一、总体情况",
                "本机关依法做好政府信息公开工作。",
                *body,
                "五、存在的主要问题及改进情况",
                "无。",
            ]
        )
        + "\n"
    )


def cases(seed: int, n: int) -> list[Case]:
    """``n`` mutated reports: one to three mutations each, kinds and rows drawn from ``seed``."""
    out: list[Case] = []
    for i in range(n):
        rng = random.Random(seed * 100_003 + i)
        truth = make_truth(seed * 100_003 + i, sparse=rng.choice((0.2, 0.5, 0.8)))
        chosen = [
            (rng.choice(MUTATIONS), rng.randrange(1000))
            for _ in range(rng.randint(1, 3))
        ]
        text = render(truth, chosen, rng)
        name = "+".join(k for k, _ in chosen)
        out.append(
            Case(
                cls="mutation",
                name=f"mutation/{name}/{i}",
                truth=truth,
                document=Document(text=text),
            )
        )
    return out
