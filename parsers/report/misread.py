"""Numbers of an OCR'd scan that break a rule: any of them may be a misread digit.

A scan's numbers come from Tesseract (``parsers/extract/ocr.py``). A cell read with low
confidence is already unreadable there, but a confident read can still be wrong: a speck read
as a leading digit (``953`` for ``53``), a digit lost at a cell's edge (``4`` for ``45``).
Measured on generated reports scanned and read back (``tests/accuracy/render_scan.py``), every
such misread broke a rule of the format, and the numbers were kept. In a text document a
broken rule is the organ's own error and the printed numbers are reported as printed
(``inconsistent``); in a scan the table the organ printed is more likely right than the
reading, and which cell of the rule was misread the rule cannot say. So every cell read in a
broken rule is left null (``unreadable``, naming the rule); the other rules may determine
them again (``rules.infer_missing``: only a completion that breaks no rule is taken).

A misread escapes a rule that cannot be checked: one whose other cells are blank or unread
(``4`` for ``54`` beside a 总计 OCR read as nothing, in a column whose 总计 row's label was
misread). So a scan's number of parts 三 and 四 is kept only where a rule confirms it: a rule
every cell of which was read, and which holds; what no rule confirms is left null too, and
only confirmed numbers solve others. Part 二 has no rules: its numbers stand on Tesseract's
confidence alone (``ocr_text.cell_text``).

A value solved from a misread one is as wrong: where a completion breaks a rule through a
solved cell, the read cells of the rule it was solved from are left null too (and so on
down, where that rule holds solved cells of its own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.report.rules import rule_values, sides_equal

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from parsers.model import Value
    from parsers.report.rules import Rule, Solved


def misread_cells(
    broken: Sequence[Rule],
    values: Mapping[str, Value],
    solved: Mapping[str, Solved] | None = None,
) -> dict[str, str]:
    """The read cells to leave null, and why.

    Every cell of the ``broken`` rules with a value that is not ``solved``
    (``rules.infer_missing``: path -> value, why and the rule it was solved from); for a
    solved cell, the cells of the rule it was solved from.
    """
    solved = solved or {}
    out: dict[str, str] = {}
    queue = list(broken)
    seen: set[str] = set()
    while queue:
        rule = queue.pop()
        if rule.name in seen:
            continue
        seen.add(rule.name)
        why = (
            f"read by OCR in a rule the numbers read break ({rule.name}): a digit of"
            " one of its cells is misread, which one is not certain"
        )
        for path in rule.paths:
            if path in solved:
                queue.append(solved[path].rule)
            elif values.get(path) is not None:
                out.setdefault(path, why)
    return out


def unconfirmed_cells(
    rules: Sequence[Rule], values: Mapping[str, Value]
) -> dict[str, str]:
    """The read cells of the ``rules`` that no rule confirms, and why.

    A rule confirms its cells when every one of them was read and its sides are equal.
    """
    confirmed: set[str] = set()
    for rule in rules:
        read = rule_values(rule, values)
        if None not in read and sides_equal(rule, read):
            confirmed.update(rule.paths)
    why = (
        "read by OCR, and no rule of the format confirms it (each rule it is in has a"
        " cell blank or unread): a misread digit is not ruled out"
    )
    return {
        path: why
        for rule in rules
        for path in rule.paths
        if path not in confirmed and values.get(path) is not None
    }
