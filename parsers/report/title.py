"""A report's title, and the header block other crawlers put above a report's text.

Where a title comes from, best first:

* ``header_block``: a ``标题: …`` line of a crawler dump (``标题:``/``发布时间:``/``发布机构:``/
  ``栏目:``/``原文链接:`` lines, then ``=====正文=====``);
* the visible title above the body: the first short line ending in 年度报告/年报 (a markdown
  heading's ``#`` removed: ``heading``), extended upwards over at most two short lines when it
  names no organ (``××区人民政府`` / ``2023 年政府信息公开工作年度报告``: ``two_line_title``);
* ``page_heading``: an HTML page's visible heading (``Document.meta["heading"]``: its ``<h1>``
  or title element, which the main-text extraction leaves out), when it is a report title;
* ``meta_title``: ``Document.meta["title"]`` (ArticleTitle, ``<title>``). Sites reuse one
  ArticleTitle for several articles, so it never overrides a visible report title; it is used
  when the body shows none, or when the visible one names no organ and the meta title names one
  for the same year, and never when the report's own words contradict it (``metadata.py``:
  the 编制 sentence or the signature names another organ, the statistics period another year).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from parsers.gazetteer import match_places
from parsers.report import labels, metalabels
from parsers.report.agency import title_agency

if TYPE_CHECKING:
    from parsers.model import Document

#: Lines examined for a title, and the longest line that can be (part of) one.
TITLE_LINES: Final = 240
MAX_TITLE_CHARS: Final = 80
MAX_PART_CHARS: Final = 40
#: Longest last line of a title wrapped inside its name (``告``, ``报告``, ``年度报告``).
MAX_WRAPPED_TAIL_CHARS: Final = 6
#: Lines a title may be extended upwards over (a title set on two or three lines).
MAX_EXTRA_LINES: Final = 2
#: Lines at the top of a text examined for a crawler's header block.
HEADER_LINES: Final = 30
#: Lines under a title kept for its byline (the organ, then the date, blank lines between).
BYLINE_LINES: Final = 4


@dataclass(frozen=True, slots=True)
class TitleFinding:
    title: str | None
    #: header_block, heading, two_line_title, first_line, page_heading, meta_title
    source: str | None
    #: the title line comes after prose (a sentence above it): a report named in the body
    #: (an attachment list, related links) more often than the page's own title
    after_prose: bool = False
    #: the body's lines under a title read from the body (a byline may name the organ)
    below: tuple[str, ...] = ()


def read_header_block(text: str) -> tuple[dict[str, str], int]:
    """The fields of a crawler dump's header block and the offset where its body starts.

    Only a block closed by the ``正文`` separator counts, so that a report whose first line
    happens to say ``来源：…`` is not cut. Empty values (``发布机构:`` left blank) are dropped.
    """
    head = text[:8_000]
    if "正文" not in head:  # no separator, no block: most documents stop here
        return {}, 0
    fields: dict[str, str] = {}
    offset = 0
    for count, line in enumerate(head.split("\n")):
        if count >= HEADER_LINES:
            break
        end = offset + len(line) + 1
        if metalabels.BODY_SEPARATOR.match(line):
            return (fields, end) if fields else ({}, 0)
        match = metalabels.HEADER_LINE.match(line)
        if match and match.group("value"):
            fields.setdefault(
                metalabels.HEADER_KEYS[match.group("label")], match.group("value")
            )
        offset = end
    return {}, 0


def clean_title_line(line: str) -> str:
    """A line without markdown heading marks and emphasis, stripped, letter spacing closed up.

    A PDF sets a title letter-spaced (政 府 信 息 公 开 工 作 年 度 报 告): read as printed, no
    line was a title and the report had no title, year or organ.
    """
    stripped = metalabels.MARKDOWN_HEADING.sub("", line.strip())
    stripped = metalabels.MARKDOWN_EMPHASIS.sub("", stripped).strip()
    if metalabels.LETTER_SPACED.match(stripped):
        return stripped.replace(" ", "")
    return stripped


def names_an_organ(title: str) -> bool:
    """Whether a title carries an organ's name (not only a year or 本机关)."""
    return title_agency(title) is not None


def _is_title_part(line: str, below: str) -> bool:
    """A short line that is an organ's name (××区人民政府), its places, or a piece of a title.

    ``below`` is the title read so far: a line ending in a year's digits is a piece of it when
    it starts with 年 (××县人民政府2023 / 年政府信息公开工作年度报告).
    """
    folded = "".join(line.split())
    return (
        0 < len(line) <= MAX_PART_CHARS
        and not metalabels.SENTENCE_MARK.search(line)
        and not metalabels.NOT_TITLE_PART.match(line)
        and not metalabels.HEADER_LINE.match(line)
        and (
            (
                metalabels.ORGAN_NAME.fullmatch(folded) is not None
                and not folded.endswith(metalabels.NOT_ORGAN_ENDINGS)
            )
            or metalabels.TITLE_FRAGMENT.search(folded) is not None
            or "".join(match_places(folded).places) == folded  # 长春市南关区 / 人民政府
            or (
                below.startswith("年")
                and metalabels.YEAR_DIGITS_AT_END.search(folded) is not None
            )
        )
    )


def _filled_above(lines: list[str], index: int) -> int:
    """The index of the nearest line above ``index`` that holds text, or -1 (blank lines skipped)."""
    above = index - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    return above


def _is_link(lines: list[str], index: int, line: str) -> bool:
    """A report's name under a label (上一篇：…, 相关阅读： above it): another report, linked."""
    if metalabels.LINK_LABEL.match(line):
        return True
    above = _filled_above(lines, index)
    return above >= 0 and (
        lines[above].rstrip().endswith(metalabels.LIST_LABEL_ENDS)
        or metalabels.LIST_HEADING.match(lines[above]) is not None
    )


def _visible_title(lines: list[str]) -> TitleFinding:
    for index, raw in enumerate(lines[:TITLE_LINES]):
        found = _title_line(lines, index)
        if found is None:
            continue
        line, top = found
        source = "heading" if metalabels.MARKDOWN_HEADING.match(raw) else "first_line"
        title, above = line, top - 1
        for _ in range(MAX_EXTRA_LINES):
            if names_an_organ(title):
                break
            above = _filled_above(lines, above + 1)
            part = clean_title_line(lines[above]) if above >= 0 else ""
            if not _is_title_part(part, title):
                break
            title, above, source = part + title, above - 1, "two_line_title"
        after_prose = any(
            metalabels.SENTENCE_MARK.search(lines[i]) for i in range(above + 1)
        )
        below = tuple(
            line for line in lines[index + 1 : index + 1 + BYLINE_LINES] if line.strip()
        )
        if below and metalabels.YEAR_LINE.match(year := clean_title_line(below[0])):
            # the year set on the line under the title: ××区人民政府政府信息公开工作年度报告
            # / （2023年度）
            title, below = title + year, below[1:]
        return TitleFinding(title, source, after_prose, below)
    return TitleFinding(None, None)


def _wrapped_tail(lines: list[str], index: int, line: str) -> tuple[str, int]:
    """A title's last few characters wrapped onto a line of their own, joined to the line above.

    A title too long for its line (a PDF's heading, a printed page) wraps wherever the width
    ends, also inside 年度报告: ``××局2021年政府信息公开工作年度`` / ``报告``. Neither line alone
    ends as a title; joined they do. Returns the joined line and where it starts, or
    ``(line, index)`` unchanged.
    """
    if len(line) > MAX_WRAPPED_TAIL_CHARS:
        return line, index
    above = _filled_above(lines, index)
    head = clean_title_line(lines[above]) if above >= 0 else ""
    joined = head + line
    if (
        head
        and len(joined) <= MAX_TITLE_CHARS
        and not metalabels.SENTENCE_MARK.search(head)
        and metalabels.TITLE_FRAGMENT.search(head)
        and metalabels.TITLE_LINE.search(joined)
    ):
        return joined, above
    return line, index


def title_years(text: str) -> set[int]:
    """The years of the report titles the text sets on lines of their own.

    A document holding two reports (a workbook with a sheet per year, a page with last year's
    report after this one's) names two years; a title cited inside prose, a link's label or an
    attachment list does not count, only a line that is a title.
    """
    lines = text[:200_000].split("\n")
    years = set()
    for index in range(len(lines)):
        found = _title_line(lines, index)
        year = found and labels.YEAR_IN_TITLE.search(labels.fold_width(found[0]))
        if year:
            years.add(int(year.group(1)))
    return years


def _title_line(lines: list[str], index: int) -> tuple[str, int] | None:
    """Line ``index`` as a title line and the index where it starts, or None.

    A title line ends in 年度报告/年报, is no longer than a title, holds no sentence
    punctuation and is no link's label; a wrapped title's tail (``报告``) is joined to the
    line above it first.
    """
    raw = lines[index]
    if "报" not in raw and "告" not in raw:
        return None  # 年度报告 / 年报 (or the 告 a wrap left): most lines are no candidates
    line = clean_title_line(raw)
    top = index
    if line and not metalabels.TITLE_LINE.search(line):
        line, top = _wrapped_tail(lines, index, line)
    if (
        not line
        or len(line) > MAX_TITLE_CHARS
        or metalabels.SENTENCE_MARK.search(line)
        or not metalabels.TITLE_LINE.search(line)
        or _is_link(lines, top, line)
    ):
        return None
    return line, top


def detect_title(
    document: Document, header: dict[str, str], body: str, *, meta_title: bool = True
) -> TitleFinding:
    """The report's title and where it was read (see the module docstring for the order).

    ``meta_title=False`` leaves the page's meta title out: the caller found it names another
    report than the body's (another organ, another year).
    """
    if header.get("title"):
        return TitleFinding(header["title"][:500], "header_block")
    meta = document.meta if isinstance(document.meta, dict) else {}
    page_title = meta.get("title", "").strip()[:500] if meta_title else ""
    visible = _visible_title(body[:200_000].split("\n"))
    heading = clean_title_line(meta.get("heading", ""))[:500]
    if (
        (visible.title is None or visible.after_prose)
        and heading
        and metalabels.TITLE_LINE.search(heading)
    ):
        # a report's name below the body's prose is one the body cites or lists (last
        # year's, an attachment): the page's own heading names the page's report
        visible = TitleFinding(heading, "page_heading")
    if visible.title is None:
        return TitleFinding(page_title or None, "meta_title" if page_title else None)
    if (
        page_title
        and labels.REPORT_TITLE.search(page_title)
        and not names_an_organ(visible.title)
        and names_an_organ(page_title)
        and _same_year(page_title, visible.title)
    ):
        return TitleFinding(page_title, "meta_title", below=visible.below)
    return visible


def _same_year(one: str, other: str) -> bool:
    first = labels.YEAR_IN_TITLE.search(labels.fold_width(one))
    second = labels.YEAR_IN_TITLE.search(labels.fold_width(other))
    return first is None or second is None or first.group(1) == second.group(1)
