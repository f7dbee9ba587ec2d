"""Classes ``header-block-dump`` and ``glued-dump``: reports as other crawlers saved them.

Another crawler's text dump starts with a header block (``标题:``, ``发布时间:``, ``文号:``,
``发布机构:`` often empty, ``栏目:``, ``原文链接:``, ``本地目录:``), a ``==== 正文 ====`` line,
then the page's text: the portal's chrome (``当前位置：``, ``来源：``), the report, and its
tables flattened to text, each merged cell once. Sub-variants (``case.name``):

* ``header-block-dump``: ``spaced`` (a table row per line, cells separated by spaces),
  ``lines`` (one cell per line) or ``one-line`` (the whole body on one line, cells spaced);
* ``glued-dump``: the whole body on one line and every table row's cells run together with
  its label (``行政许可215012``); a numbered label glues onto the previous row's digits
  (``…00000002.其他法律行政法规禁止公开…``). Its ``Case.ambiguous`` lists the cells whose
  split is not unique under the format's rules (``glued_splits``);
* either: ``short`` when the title abbreviates the organ (the full name is in the body),
  ``org`` when 发布机构 names it, ``chrome`` when the page's navigation text comes first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.model import Document
from parsers.report.vocabulary import application_rows
from tests.accuracy import template as T
from tests.accuracy.glued_splits import ambiguous_cells
from tests.accuracy.truth import Case, Truth

if TYPE_CHECKING:
    import random

SPACINGS = ("spaced", "lines", "one-line")
RULE = "==================== 正文 ===================="
#: A table is rows of cells; a paragraph is a string.
Block = str | list[list[str]]


def cases(seed: int, n: int) -> list[Case]:
    """``n`` dumps: header-block and glued dumps alternating, sub-variants in turn."""
    out = []
    for index, case_seed, rng, truth in T.seeded_truths(seed, n, "dumps"):
        short, org, chrome = rng.random() < 0.4, rng.random() < 0.4, rng.random() < 0.5
        flags = "".join(
            f"-{name}"
            for name, on in (("short", short), ("org", org), ("chrome", chrome))
            if on
        )
        blocks = report_blocks(truth, short=short, chrome=chrome)
        head = header_block(truth, rng, short=short, org=org)
        if index % 2:
            body, runs = glued_body(blocks, truth)
            text = head + body
            cls, name, ambiguous = (
                "glued-dump",
                f"glued{flags}",
                ambiguous_cells(truth, runs),
            )
        else:
            spacing = SPACINGS[(seed + index // 2) % len(SPACINGS)]
            text = head + spaced_body(blocks, spacing)
            cls, name, ambiguous = "header-block-dump", spacing + flags, frozenset()
        out.append(
            Case(
                cls=cls,
                name=f"{name}-{truth.fmt}-{case_seed}",
                truth=truth,
                document=Document(text=text),
                ambiguous=ambiguous,
            )
        )
    return out


def header_block(truth: Truth, rng: random.Random, *, short: bool, org: bool) -> str:
    """The dump's header lines and the 正文 rule."""
    title = _title(truth, short=short)
    month, day, page = rng.randint(1, 3), rng.randint(1, 28), rng.randint(10000, 99999)
    folder = f"{truth.year + 1}{month:02d}"
    path = f"zwgk/zfxxgk/zfxxgknb/{folder}"
    lines = [
        f"标题: {title}",
        f"发布时间: {truth.year + 1}-{month:02d}-{day:02d} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}",
        "文号: ",
        f"发布机构: {truth.agency if org else ''}",
        "栏目: 政府信息公开年报",
        f"原文链接: http://127.0.0.1/{path}/t{folder}{day:02d}_{page}.htm",
        f"本地目录: {path}/{page}_{title}",
        "页面链接与图片详见 links.tsv(同目录)",
        RULE,
    ]
    return "\n".join(lines) + "\n"


def _title(truth: Truth, *, short: bool) -> str:
    return (
        T.title(truth).replace(truth.agency, truth.agency_short)
        if short
        else T.title(truth)
    )


def report_blocks(truth: Truth, *, short: bool, chrome: bool) -> list[Block]:
    """The page's text in reading order: chrome, title, preface, the parts and their tables."""
    title = _title(truth, short=short)
    blocks: list[Block] = []
    if chrome:
        blocks.append(
            f"当前位置： 首页政务公开政府信息公开政府信息公开年报 {title} "
            f"来源：{truth.agency_short} 时间：{truth.year + 1}-01-20 【字体：大 中 小】"
        )
    blocks += [title, T.preface(truth), T.PART_ACTIVE]
    for heading, header, items in T.ACTIVE_BLOCKS[truth.fmt]:
        rows = [[heading], list(header)]
        rows += [[T.active_label(truth, i), *T.active_row(truth, i)] for i in items]
        blocks.append(rows)
    blocks += [T.PART_APPLICATIONS, application_table(truth), T.PART_REVIEW]
    blocks += [review_table(truth), T.PART_PROBLEMS, "无。"]
    if chrome:
        blocks.append("打印本页 关闭窗口")
    return blocks


def application_table(truth: Truth) -> list[list[str]]:
    """Part 三 as a page's text gives it: each merged cell once, at its first row."""
    rows = [
        [T.APPLICATION_NOTE, T.APPLICANT_HEADING],
        [T.APPLICANT_NAMES[0], T.LEGAL_PERSONS, T.APPLICANT_NAMES[6]],
        list(T.APPLICANT_NAMES[1:6]),
    ]
    rows += [
        [T.LABELS[row], *T.application_row(truth, row)]
        for row in ("new_requests", "carried_over")
    ]
    first = True
    for group, members in T.result_groups(truth.fmt):
        for index, row in enumerate(members):
            lead = [T.RESULTS] if first else []
            first = False
            label = [group] if group is not None and index == 0 else []
            rows.append([*lead, *label, T.LABELS[row], *T.application_row(truth, row)])
    last = application_rows(truth.fmt)[-1]
    rows.append([T.LABELS[last], *T.application_row(truth, last)])
    return rows


def review_table(truth: Truth) -> list[list[str]]:
    """Part 四: its three header rows, then the fifteen numbers."""
    return [
        [T.REVIEW, T.LITIGATION],
        [*T.REVIEW_RESULTS, T.LITIGATION_DIRECT, T.LITIGATION_AFTER_REVIEW],
        [*T.REVIEW_RESULTS, *T.REVIEW_RESULTS],
        T.review_row(truth),
    ]


def spaced_body(blocks: list[Block], spacing: str) -> str:
    """Cells separated by spaces (a row per line), one per line, or all on one line."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(block)
        elif spacing == "lines":
            lines += [cell for row in block for cell in row]
        else:
            lines += [" ".join(row) for row in block]
    if spacing == "one-line":
        return " ".join(lines) + "\n"
    return "\n".join(lines) + "\n"


def glued_body(blocks: list[Block], truth: Truth) -> tuple[str, dict[str, str]]:
    """The body on one line, each table row's cells run together; and each row's digit run."""
    pieces = [
        "".join("".join(row) for row in block) if isinstance(block, list) else block
        for block in blocks
    ]
    runs = {
        f"active_disclosure.{item}": "".join(T.active_row(truth, item))
        for _, _, items in T.ACTIVE_BLOCKS[truth.fmt]
        for item in items
    }
    runs |= {
        f"applications.{row}": "".join(T.application_row(truth, row))
        for row in application_rows(truth.fmt)
    }
    runs["review_litigation"] = "".join(T.review_row(truth))
    return " ".join(pieces) + "\n", runs
