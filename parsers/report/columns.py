"""Whether parts 三 and 四 print their columns in the national order, as their readers assume.

The readers place a row's numbers on columns by position, in the national order. A table whose
header names the columns in another order (a 总计 column first, 自然人 after the organisations,
结果纠正 before 结果维持, 行政诉讼 before 行政复议) would put every number of the part in a
wrong cell, and the rules cannot always tell: a sum holds whatever the order of its parts. Such
a part is left unread, with the order it was printed in as the reason, rather than guessed.

A table grid says where each header cell stands, so its order is compared column by column. A
cell stream (text, or grids flattened) keeps only what one header row holds in column order,
and the header rows vary: 总计 spans the three header rows beside 申请人情况 in some reports
and the lower two beside 自然人 in others, and text extraction puts a cell spanning rows on its
own line between them. So in a stream, the organisation columns are compared among themselves,
自然人 with them, and 总计 only with the organisations around it. A 总计 before 自然人 may be
either header shape; there the rows' own sums decide (``total_first_reading``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from parsers.report import labels
from parsers.report.cells import read_cell
from parsers.report.labels import normalize_label
from parsers.report.rows import application_row_id

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from parsers.model import Table
    from parsers.report.cells import Cell

#: Places of the applicant columns in the national order (``labels.APPLICANT_HEADER_PLACES``).
NATURAL_PERSON: Final = 0
TOTAL: Final = 6
#: The places of the five organisation columns printed under 法人或其他组织.
ORGANISATIONS: Final = range(1, 6)
#: A header cell among the applicant columns this long that names none of them is a column
#: the format lacks (shorter ones are the tails of wrapped header words: 业, 构).
MIN_EXTRA_COLUMN_CHARS: Final = 2
#: A part 四 header word naming a sum or comparison column the format lacks.
_SUM_COLUMN: Final = re.compile("合计|小计|总数|同比")
#: The words of part 三's header over its applicant columns.
_HEADER_WORDS: Final = frozenset(
    {*labels.APPLICANT_HEADER_PLACES, labels.LEGAL_PERSONS, "申请人情况"}
)
#: 法人或其他组织 in a cell stream (no column of its own: it heads the organisations).
LEGAL: Final = 7
#: Part 三's header words in a stream: the columns and 法人或其他组织.
STREAM_PLACES: Final = {**labels.APPLICANT_HEADER_PLACES, labels.LEGAL_PERSONS: LEGAL}
#: Media whose text comes from where things are drawn on a page, not from the source's order.
LAYOUT_MEDIA: Final = ("application/pdf", "application/ofd", "image/")
#: A run of text is a header row glued together when it holds this many header labels at
#: least and they make up this share of it (the rest: 申请人情况, the row's own heading).
MIN_GLUED_HEADERS: Final = 3
GLUED_HEADER_SHARE: Final = 0.6
#: Distinct cells (and header lines) whose words are remembered.
WORDS_CACHE_SIZE: Final = 4096
#: Longest text line cut into cells to find a header line.
MAX_LINE_CHARS: Final = 2_000
#: Header rows of part 三 looked at above its first row in a grid.
MAX_HEADER_ROWS: Final = 6


def first_places(
    cells: Sequence[Cell], lo: int, hi: int, places: Mapping[str, int]
) -> dict[int, int]:
    """Column place -> rank of the first header word in ``cells[lo:hi]`` naming it.

    A cell is read whole when it names a header, else word by word: a dump that puts a row of
    header cells on one line with spaces between them leaves them in one text cell.
    """
    found: dict[int, int] = {}
    rank = 0
    for i in range(max(lo, 0), min(hi, len(cells))):
        cell = cells[i]
        if cell.kind != "text":
            continue
        words = (cell.label,) if cell.label in places else _folded_words(cell)
        for word in words:
            place = places.get(word)
            if place is not None and place not in found:
                found[place] = rank
            rank += 1
    return found


@lru_cache(maxsize=WORDS_CACHE_SIZE)
def _folded_words(cell: Cell) -> tuple[str, ...]:
    """A text cell's words, folded as labels are.

    Words are cut at spaces; a cell without spaces that is no sentence (no clause mark outside
    brackets) may be a header row glued together (``申请人情况法人或其他组织自然人总计…``):
    its header labels are its words, in order. A label that only holds a header word
    (其他对外管理服务事项) is one word. Cached: the same cells open every report's tables.
    """
    words = cell.raw.split()
    if len(words) >= 2:  # noqa: PLR2004 - several words
        return tuple(normalize_label(word)[0] for word in words)
    label = cell.label
    bare = labels.BRACKETED.sub("", label)
    if labels.CLAUSE_MARKS.search(bare):
        return (label,)
    tokens = labels.HEADER_TOKEN.findall(bare)
    covered = sum(map(len, tokens))
    if len(tokens) < MIN_GLUED_HEADERS or covered < GLUED_HEADER_SHARE * len(bare):
        return (label,)
    return tuple(tokens)


def reads_in_source_order(media_type: str) -> bool:
    """Whether a document's text keeps its source's order (HTML, Word, a text dump).

    Text laid out from a page (PDF, OFD, a scan) puts a header cell spanning two rows on a
    line of its own, after the cells of the upper row, whatever its column.
    """
    return not media_type.startswith(LAYOUT_MEDIA)


def stream_order_problem(
    found: Mapping[int, int], *, source_order: bool = False
) -> str | None:
    """Why applicant headers at these stream ranks (place -> rank) are not national.

    ``source_order``: the stream keeps the source's order, so a header row's cells are in
    column order and 自然人 after 法人或其他组织 is out of order (in laid-out text it is where
    a cell spanning two header rows lands).
    """
    organisations = [found[p] for p in ORGANISATIONS if p in found]
    if organisations != sorted(organisations):
        return "the organisation columns are printed in another order"
    person, total = found.get(NATURAL_PERSON), found.get(TOTAL)
    if person is not None and organisations and person > min(organisations):
        return "自然人 is printed after an organisation column"
    legal = found.get(LEGAL)
    if source_order and person is not None and legal is not None and person > legal:
        return "自然人 is printed after 法人或其他组织"
    if (
        total is not None
        and organisations
        and min(organisations) < total < max(organisations)
    ):
        return "总计 is printed between organisation columns"
    return None


def total_before_person(found: Mapping[int, int]) -> bool:
    """Whether a stream's 总计 header comes before its 自然人.

    Either 总计 is the first column, or it spans every header row beside 申请人情况: the
    rows' sums decide (``total_first_reading``).
    """
    person, total = found.get(NATURAL_PERSON), found.get(TOTAL)
    return person is not None and total is not None and total < person


@dataclass(frozen=True, slots=True)
class HeaderOrder:
    """What part 三's header, read where it stands (a grid, or text lines), says of its order."""

    #: why the columns are not in the national order, None when they are (or nothing showed)
    problem: str | None = None
    #: whether 自然人 and 总计 were placed (then a stream's order of the two says nothing)
    settled: bool = False
    #: whether the document's text keeps its source's order (``reads_in_source_order``)
    source_order: bool = False


def _prefix_places(places: Mapping[str, int]) -> dict[str, set[int]]:
    """Each label and its first two characters or more -> the places of the labels it begins.

    A header label wrapped in a narrow cell comes out as its first line (``商业企``, ``尚未审``).
    """
    found: dict[str, set[int]] = {}
    for label, place in places.items():
        for k in range(2, len(label) + 1):
            found.setdefault(label[:k], set()).add(place)
    return found


def _prefixes() -> dict[str, int]:
    """Each organisation label and its first two characters or more -> the column's place."""
    organisations = {
        label: place
        for label, place in labels.APPLICANT_HEADER_PLACES.items()
        if place in ORGANISATIONS
    }
    return {
        text: next(iter(p))
        for text, p in _prefix_places(organisations).items()
        if len(p) == 1
    }


#: An organisation column's label, or the first line of it wrapped in a narrow cell (商业企).
ORGANISATION_PREFIXES: Final = _prefixes()
#: Where 法人或其他组织 stands among the top header cells: after 自然人, before 总计.
LEGAL_PLACE: Final = 3
_FIELDS = re.compile(r"[\t|]|\s+")


def text_header(text: str, *, source_order: bool = False) -> HeaderOrder:
    """Part 三's header in text lines, above its first row: cells on one line are in order.

    Only a line holding header cells alone is compared (a line that also holds numbers or the
    first row is a table run together on one line, its header rows flattened). On such a line
    the top cells (自然人, 法人或其他组织, 总计) must be in order, and no organisation column
    (its label, or the first line of a label wrapped in a narrow cell: ``商业企``) may come
    before 自然人; the organisations and 总计 are not compared, since a dump may flatten two
    header rows onto one line (自然人 法人或其他组织 总计 商业企业 …).
    """
    problem: str | None = None
    settled = False
    end = 0
    for match in labels.APPLICANT_HEADER_LINE.finditer(text):
        if match.start() < end:
            continue
        begin = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        end = len(text) if end < 0 else end
        reading = _header_line(text[begin:end][:MAX_LINE_CHARS])
        if reading is None:
            break
        settled = settled or reading[0]
        problem = problem or reading[1]
    return HeaderOrder(problem, settled=settled, source_order=source_order)


@lru_cache(maxsize=WORDS_CACHE_SIZE)
def _header_line(line: str) -> tuple[bool, str | None] | None:
    """One text line read as a header line, or None for part 三's first row (本年新收).

    Gives whether the line places both 自然人 and 总计, and why its cells are out of the
    national order (None when they are not, or when numbers make it no header line).
    """
    cells = [read_cell(field) for field in _FIELDS.split(line) if field]
    if any(application_row_id(c, "2019") == "new_requests" for c in cells):
        return None
    if any(c.kind != "text" for c in cells):
        return False, None  # numbers on the line: no header line
    top = {p for p in map(_top_place, cells) if p is not None}
    return {NATURAL_PERSON, TOTAL} <= top, _line_problem(cells)


def _line_problem(cells: Sequence[Cell]) -> str | None:
    """Why one header line's cells are out of the national order, or None."""
    top = [(i, p) for i, c in enumerate(cells) if (p := _top_place(c)) is not None]
    places = [p for _, p in top]
    if places != sorted(set(places)):
        return "a header line names 自然人, 法人或其他组织 and 总计 in another order"
    organisations = [
        (i, p)
        for i, c in enumerate(cells)
        if (p := ORGANISATION_PREFIXES.get(c.label)) is not None
    ]
    order = [p for _, p in organisations]
    if order != sorted(order):
        return "a header line names the organisation columns in another order"
    where = {p: i for i, p in reversed(top)}
    extra = _column_format_lacks(cells)
    if extra is not None:
        return extra
    person, total = where.get(NATURAL_PERSON), where.get(TOTAL)
    if person is not None and organisations and organisations[0][0] < person:
        return "a header line names an organisation column before 自然人"
    if total is not None and organisations and organisations[-1][0] > total:
        # a dump flattening both header rows puts 总计 before the organisations, but after
        # 法人或其他组织; without that on the line, an organisation after 总计 is out of order
        legal = where.get(LEGAL_PLACE)
        if legal is None or legal > total:
            return "a header line names an organisation column after 总计"
    return None


def _column_format_lacks(cells: Sequence[Cell]) -> str | None:
    """Why a header line naming a column the format lacks is not national, or None.

    Among the applicant columns (from the first one the line names), a label that names none
    of them (``上年总计`` after 总计, ``小计`` before it) is a column of its own when the line
    holds more words than the national columns it spans: every row is then a cell longer, and
    where a blank cell was dropped or an unfilled one trimmed, seven cells remained and were
    read as the national seven, every number after the blank one column left. An unknown word
    within the national count is a column named otherwise or misread (社全会公益组织).
    """
    starts = [k for k, cell in enumerate(cells) if _is_header_word(cell.label)]
    if not starts:
        return None
    words = [
        cell.label
        for cell in cells[min(starts) :]
        if cell.kind == "text"
        and len(cell.label) >= MIN_EXTRA_COLUMN_CHARS
        and "单位" not in cell.label  # a unit caption (单位：件) names no column
    ]
    unknown = [word for word in words if not _is_header_word(word)]
    if not unknown or len(words) <= _line_capacity(words):
        return None
    return f"a header line names a column the format lacks ({unknown[0]})"


def _is_header_word(label: str) -> bool:
    """A word of part 三's header, or the first or last line of one wrapped (商业企, 益组织)."""
    return (
        label in _HEADER_WORDS
        or label in ORGANISATION_PREFIXES
        or any(word.endswith(label) for word in _HEADER_WORDS)
    )


def _line_capacity(words: Sequence[str]) -> int:
    """How many column words a header line of part 三 holds at most, by what it names."""
    organisations = any(ORGANISATION_PREFIXES.get(word) is not None for word in words)
    if (
        labels.LEGAL_PERSONS in words
    ):  # 自然人 法人或其他组织 总计, the five flattened after
        return LEGAL_PLACE + (len(ORGANISATIONS) if organisations else 0)
    if "自然人" in words or "总计" in words:
        return len(ORGANISATIONS) + 2
    return len(ORGANISATIONS)


def _grid_column_format_lacks(
    header: Sequence[Sequence[str]], person: int
) -> str | None:
    """Why a grid's header has a column the format lacks, or None.

    More than seven named columns from 自然人 on, one of them naming no applicant column; an
    unknown word within seven columns is a column named otherwise or misread.
    """
    named: set[int] = set()
    unknown: list[str] = []
    for row in header:
        for c in range(person, len(row)):
            label = read_cell(row[c]).label
            if len(label) < MIN_EXTRA_COLUMN_CHARS or "单位" in label:
                continue
            named.add(c)
            if not _is_header_word(label) and label != labels.LEGAL_PERSONS:
                unknown.append(label)
    if unknown and len(named) > len(ORGANISATIONS) + 2:
        return f"a header names a column the format lacks ({unknown[0]})"
    return None


def _top_place(cell: Cell) -> int | None:
    if cell.label == labels.LEGAL_PERSONS:
        return LEGAL_PLACE
    place = labels.APPLICANT_HEADER_PLACES.get(cell.label)
    return place if place in (NATURAL_PERSON, TOTAL) else None


def grid_header(tables: Iterable[Table]) -> HeaderOrder:
    """Part 三's header in a table grid, compared column by column with the national order.

    The header is the rows above the 本年新收 row of the same table; each label's column is
    where it stands (a merged cell's copies included), so header levels do not matter here.
    """
    for table in tables:
        first = _first_row(table)
        if first is None:
            continue
        columns: dict[int, int] = {}
        legal: list[int] = []
        header = table.rows[max(0, first - MAX_HEADER_ROWS) : first]
        for row in header:
            for c, text in enumerate(row):
                label = read_cell(text).label
                place = labels.APPLICANT_HEADER_PLACES.get(label)
                if place is not None:
                    columns.setdefault(place, c)
                elif label == labels.LEGAL_PERSONS:
                    legal.append(c)
        person = columns.get(NATURAL_PERSON)
        extra = None
        if person is not None:
            # only the applicant header's own rows (a table holding part 二 above has others)
            extra = _grid_column_format_lacks(
                [
                    row
                    for row in header
                    if any(
                        read_cell(text).label in labels.APPLICANT_HEADER_PLACES
                        for text in row
                    )
                ],
                person,
            )
        return HeaderOrder(
            extra or _column_problem(columns, legal),
            settled=NATURAL_PERSON in columns and TOTAL in columns,
            source_order=True,
        )
    return HeaderOrder()


def _first_row(table: Table) -> int | None:
    for r, row in enumerate(table.rows):
        for text in row:
            if application_row_id(read_cell(text), "2019") == "new_requests":
                return r
    return None


def _column_problem(columns: Mapping[int, int], legal: Sequence[int]) -> str | None:
    ordered = [columns[p] for p in sorted(columns)]
    if any(a >= b for a, b in itertools.pairwise(ordered)):
        named = sorted(columns, key=columns.__getitem__)
        return "columns printed in the order " + " ".join(
            _APPLICANT_NAMES[p] for p in named
        )
    person, total = columns.get(NATURAL_PERSON), columns.get(TOTAL)
    if legal and person is not None and person >= min(legal):
        return "自然人 is printed after 法人或其他组织"
    if legal and total is not None and total <= max(legal):
        return "总计 is printed before the end of 法人或其他组织"
    return None


#: One printed name per place, for the problem's detail.
_APPLICANT_NAMES: Final = {
    place: label for label, place in reversed(labels.APPLICANT_HEADER_PLACES.items())
}


def total_first_reading(rows: Iterable[Sequence[int]]) -> str | None:
    """Why rows of seven printed numbers deny the national column order, or None.

    Read nationally a row's last number is the sum of the six before it; read with 总计 first,
    its first number is the sum of the six after it. A row only the second reading satisfies
    shows the order is not national. A row both satisfy reads differently under each unless it
    is all zeros (``5 0 0 0 0 0 5``: five natural persons, or five others?), so unless another
    row satisfies only the national reading, the order stays unknown.
    """
    national = total_first = undecided = False
    for row in rows:
        as_national = row[-1] == sum(row[:-1])
        as_total_first = row[0] == sum(row[1:])
        national = national or (as_national and not as_total_first)
        total_first = total_first or (as_total_first and not as_national)
        undecided = undecided or (as_national and as_total_first and row[0] != 0)
    if total_first:
        return "总计 is printed before 自然人 and the rows sum as a 总计 column printed first"
    if undecided and not national:
        return (
            "总计 is printed before 自然人 (a first column, or a header over every header "
            "row); no row's sum tells which"
        )
    return None


def review_order_problem(cells: Sequence[Cell], start: int, data: int) -> str | None:
    """Why part 四's header (``start`` up to its data row at ``data``) is not national, or None.

    Header cells are read word by word as well as whole: an unruled PDF's header row comes out
    as one line of words (``行政诉讼 行政复议``, ``结果维 结果纠 其他结 尚未审``). Litigation
    printed first shows as 行政诉讼 before 行政复议, so the header cells just above ``start``
    (back to the last value cell) are looked at too.
    """
    top = start
    while top > 0 and cells[top - 1].kind in ("text", "empty", "blank"):
        top -= 1
        if labels.REVIEW_HEADING.search(cells[top].label):
            break
    lines = [_words(cells[i]) for i in range(top, data) if cells[i].kind == "text"]
    words = [word for line in lines for word in line]
    if (
        labels.LITIGATION in words
        and labels.REVIEW_START in words
        and words.index(labels.LITIGATION) < words.index(labels.REVIEW_START)
    ):
        return "行政诉讼 is printed before 行政复议"
    found: dict[int, int] = {}
    for k, word in enumerate(words):
        place = RESULT_PLACES_READ.get(word.strip(_SPECKS))
        if place is not None:
            found.setdefault(place, k)
    by_index = sorted(found, key=found.__getitem__)
    if by_index != sorted(by_index) or any(map(_results_out_of_order, lines)):
        return "the result columns (结果维持 … 总计) are printed in another order"
    if found:
        extra = next(
            (w for w in words[min(found.values()) :] if _SUM_COLUMN.search(w)), None
        )
        if extra is not None:
            # a grand total over the three groups (合计): every row a cell longer, where a
            # blank first cell was trimmed the fifteen left were read one column left
            return f"the header names a column the format lacks ({extra})"
    return None


def _words(cell: Cell) -> tuple[str, ...]:
    """A header cell's label whole when it names a header, else its words, each folded.

    A label with a space inside (``结果 维持``) is still one header; a cell of several words
    that names none is a line of an unruled PDF's header row (``尚未审 结果维 结果纠``).
    """
    return (cell.label,) if cell.label in _REVIEW_HEADERS else _folded_words(cell)


@lru_cache(maxsize=WORDS_CACHE_SIZE)
def _results_out_of_order(line: tuple[str, ...]) -> bool:
    """Whether one line's result headers (or their first lines) leave the national order.

    On one line the words stand in column order; the three groups repeat the five results, so
    the order may start again, but only at 结果维持 (or ``结果``, the first line of both
    结果维持 and 结果纠正 wrapped in a narrow cell).
    """
    places = [p for p in map(RESULT_WORDS.get, line) if p is not None]
    return any(b < a and b != 0 for a, b in itertools.pairwise(places))


def _result_words() -> dict[str, int]:
    """Each result header, and its first two characters or more -> its column's place."""
    # a prefix two results share (结果) opens a group either way: the group's first column
    return {
        text: min(p) for text, p in _prefix_places(labels.REVIEW_RESULT_PLACES).items()
    }


#: Labels of part 四's header read whole.
_REVIEW_HEADERS: Final = frozenset(
    {*labels.REVIEW_RESULT_PLACES, labels.REVIEW_START, labels.LITIGATION}
)
#: Result headers and their wrapped first lines (``尚未审``) -> the column's national place.
RESULT_WORDS: Final = _result_words()
#: Fewest characters of a result header that still name it when the rest is lost.
MIN_RESULT_PREFIX: Final = 3
#: Result headers whole, and the first three characters or more of each, which name one
#: header only -> its column's national place: where the order is checked, a header a scan
#: lost its last character of (``尚未审``) still stands where it was printed, instead of the
#: same header under the next group, after the 总计 before it, being taken for its place.
RESULT_PLACES_READ: Final = {
    **{
        text: next(iter(places))
        for text, places in _prefix_places(labels.REVIEW_RESULT_PLACES).items()
        if len(places) == 1 and len(text) >= MIN_RESULT_PREFIX
    },
    **labels.REVIEW_RESULT_PLACES,
}
#: Marks a speck on a scan adds to a header word (``总计.``, ``结果纠正:``), stripped before
#: the word is looked up.
_SPECKS: Final = ".,:;。，：；…“”\"'·"
