"""HTML report page -> ``Document``: decode, parse safely, find the article, render it.

The article container is looked for in the order real portals use (portals.md §1.1-1.2;
hulelan govcms.py ``_BODY_CONTAINERS``): TRS (``div.TRS_Editor``, ``div.TRS_UEDITOR``,
``#TRS_AUTOADD_*``, ``.trs_editor_view``), Hanweb (``#zoom``, or what lies between
``<meta name="ContentStart">`` and ``<meta name="ContentEnd">``), generic templates, and
finally the block holding the most text outside nav/header/footer. A selector is used only if
its best match holds text or a table (an empty TRS_Editor must not hide a real body in a
generic container); if none does, an empty CMS container means an attachment-only page and
gives empty text (rule ``empty``) rather than a guess. ``meta["container"]`` records which rule
won: ``trs``, ``hanweb``, ``hanweb-markers``, ``generic``, ``empty``, ``fallback`` or ``none``.

Parsing is lxml's HTML parser with no network access, comments and processing instructions
dropped and ``huge_tree`` off (doc-extraction.md "Guards" 9); scripts and styles are removed
before anything reads text. Malformed markup never raises: lxml repairs it, and the few lxml
errors left become ``CorruptDocumentError``.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Final

from lxml import etree

from parsers.errors import CorruptDocumentError, ResourceLimitError
from parsers.extract.encoding import decode_body
from parsers.extract.grid import row_cells, table_rows
from parsers.extract.htmlmeta import read_meta
from parsers.extract.htmltext import Renderer
from parsers.model import Document

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.etree import _Element as Element

    Predicate = Callable[[Element], bool]

    from parsers.model import Source

logger = logging.getLogger(__name__)

EXTRACTOR: Final = "html/1"


#: XML white space, what XPath's ``normalize-space`` folds: a class attribute's separators.
_XML_SPACE: Final = re.compile("[ \t\r\n]+")


def _class(name: str, tag: str | None = None) -> Predicate:
    """Elements (of ``tag``, if given) whose class list holds the token ``name``."""

    def test(element: Element) -> bool:
        return (tag is None or element.tag == tag) and name in _XML_SPACE.split(
            element.get("class") or ""
        )

    return test


def _id(value: str) -> Predicate:
    return lambda element: element.get("id") == value


def _tag(tag: str) -> Predicate:
    return lambda element: element.tag == tag


#: (rule name, test) in priority order; ``hanweb-markers`` is tried after ``#zoom``.
_CONTAINERS: Final[tuple[tuple[str, Predicate], ...]] = (
    ("trs", _class("TRS_Editor", "div")),
    ("trs", _class("TRS_UEDITOR", "div")),
    ("trs", lambda element: (element.get("id") or "").startswith("TRS_AUTOADD_")),
    ("trs", lambda element: "trs_editor_view" in (element.get("class") or "")),
    ("hanweb", _id("zoom")),
)
_GENERIC: Final[tuple[Predicate, ...]] = (
    _class("article-content"),
    _class("content"),
    _id("UCAP-CONTENT"),
    _class("pages_content"),
    _id("con_con"),
    _class("article_content"),
    _tag("article"),
    _tag("main"),
)
#: Ids the tests above look for.
_IDS: Final = frozenset({"zoom", "UCAP-CONTENT", "con_con"})


#: The elements with a class or an id, and the article/main elements, in document order (an
#: attribute node follows its element and comes before the element's children).
_MARKED: Final = etree.XPath("//@class|//@id|//article|//main")


def _candidates(root: Element) -> list[Element]:
    """Every element any test above can accept, in document order, in one pass over the page.

    The tests then pick among these few. An XPath scan of the tree per test (thirteen) took
    ~1.1 ms for a 700-element page, most of an HTML extraction; a Python walk of every element
    ~0.2 ms; one XPath for the few elements that have a class or an id ~0.1 ms.
    """
    found: list[Element] = []
    seen: set[Element] = set()
    for node in _MARKED(root):
        element = node if isinstance(node, etree._Element) else node.getparent()
        if element in seen:
            continue
        seen.add(element)
        names = element.get("class")
        ident = element.get("id")
        if (
            (
                names is not None
                and (
                    "TRS_" in names or "trs_editor_view" in names or "content" in names
                )
            )
            or (
                ident is not None
                and (ident in _IDS or ident.startswith("TRS_AUTOADD_"))
            )
            or element.tag in ("article", "main")
        ):
            found.append(element)
    return found


_CONTENT_START = re.compile(
    r"""<meta\s+name\s*=\s*["']?ContentStart\b[^>]*>""", re.IGNORECASE
)
_CONTENT_END = re.compile(
    r"""<meta\s+name\s*=\s*["']?ContentEnd\b[^>]*>""", re.IGNORECASE
)
#: Elements removed before any text is read.
_STRIP_TAGS: Final = ("script", "style", "noscript", "template")
#: Never part of the article when guessing by text mass.
_BOILERPLATE: Final = frozenset({"nav", "header", "footer", "aside", "a", "select"})
#: Elements that can be "the article" when guessing by text mass.
_BLOCKS: Final = frozenset({"div", "td", "section", "article", "main", "body", "form"})


def extract_html(source: Source) -> Document:
    """Decode and extract an HTML page (sniffed as HTML, whatever its URL or Content-Type)."""
    decoded = decode_body(source.body, http_charset=source.charset, use_meta=True)
    text = decoded.text.replace("\x00", "")
    root = _parse(text)
    meta = read_meta(root) if root is not None else {}
    container, rule = (
        _find_container(root, text) if root is not None else (None, "none")
    )
    renderer = Renderer()
    lines = renderer.render(container) if container is not None else []
    meta["encoding_source"] = decoded.source
    meta["container"] = rule
    if decoded.replaced:
        meta["decode_replaced"] = str(decoded.replaced)
    if renderer.skipped_tables:
        meta["tables_skipped"] = str(renderer.skipped_tables)
    return Document(
        text="\n".join(lines),
        tables=tuple(renderer.tables),
        meta=meta,
        media_type="text/html",
        encoding=decoded.encoding,
        extractor=EXTRACTOR,
    )


def _parse(text: str) -> Element | None:
    """The page's root element with scripts and styles removed; None for an empty page."""
    # Plain etree elements: lxml.html's element classes cost a Python call per node.
    parser = etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
    )
    try:
        root: Element | None = etree.fromstring(
            text.encode("utf-8", errors="replace"), parser
        )
    except MemoryError as exc:
        msg = "HTML too large to parse"
        raise ResourceLimitError(msg) from exc
    except (etree.LxmlError, ValueError) as exc:
        msg = f"html: lxml could not parse the page: {exc}"
        raise CorruptDocumentError(msg) from exc
    if root is None:
        return None  # no element at all: whitespace or comments only
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        # libxml2 stops at depth 256 without huge_tree and silently drops the rest.
        msg = "html: nesting deeper than the parser's limit, content would be lost"
        logger.warning(msg)
        raise ResourceLimitError(msg)
    etree.strip_elements(root, *_STRIP_TAGS, with_tail=False)
    if any(word in text for word in _HIDING_WORDS):  # most pages hide nothing at all
        _drop_hidden_in_tables(root)
    return root


#: Elements of a table that could hide themselves by their own markup: ``hidden``, or a style
#: holding the end of ``none`` or ``hidden`` in either case (a cheap test in libxml2; the words
#: are read in Python: XPath's translate() on every cell's style cost more than the rest of
#: the extraction).
_MARKED_IN_TABLE: Final = etree.XPath(
    "//table//*[@hidden or contains(@style, 'one') or contains(@style, 'ONE')"
    " or contains(@style, 'idden') or contains(@style, 'IDDEN')]"
)
_HIDING_STYLES: Final = ("display:none", "visibility:hidden")
#: What a page that hides an element must hold somewhere (the XPath tests the same pieces).
_HIDING_WORDS: Final = ("one", "ONE", "idden", "IDDEN")


def _hidden(element: Element) -> bool:
    """Whether an element's own markup hides it: ``hidden``, or an inline style saying so."""
    if element.get("hidden") is not None:
        return True
    style = "".join((element.get("style") or "").lower().split())
    return any(words in style for words in _HIDING_STYLES)


def _drop_hidden_in_tables(root: Element) -> None:
    """Remove table elements hidden by an inline style or ``hidden`` (their tails stay).

    Pages hide characters among a table's figures (``<span style="display:none">9</span>15``,
    against copying) or keep an old cell hidden: read, the hidden digit ran into the figure
    (915). Hiding by a style sheet's class is not resolved.
    """
    for element in [e for e in _MARKED_IN_TABLE(root) if _hidden(e)]:
        parent = element.getparent()
        if parent is None:
            continue
        tail = element.tail or ""
        previous = element.getprevious()
        if tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(element)


def _find_container(root: Element, text: str) -> tuple[Element, str]:
    empty_cms: Element | None = None
    candidates = _candidates(root)
    for rule, test in _CONTAINERS:
        matches = [element for element in candidates if test(element)]
        best = _best_match(matches)
        if best is not None:
            return best, rule
        if matches and empty_cms is None:
            empty_cms = matches[0]
    between = _between_markers(text)
    if between is not None:
        return between, "hanweb-markers"
    for test in _GENERIC:
        best = _best_match([element for element in candidates if test(element)])
        if best is not None:
            return best, "generic"
    if empty_cms is not None:
        # An attachment-only page (TRS file_appendix, portals.md §2.4): the article really is
        # empty; guessing by text mass would hand the xxgk block or the footer to the parser.
        return empty_cms, "empty"
    return _densest(root), "fallback"


#: All text below an element, as ``"".join(element.itertext())`` but joined in libxml2 (about a
#: quarter of the time for a whole article).
_TEXT_OF: Final = etree.XPath("string()", smart_strings=False)


def _best_match(matches: list[Element]) -> Element | None:
    """The match with the most text (the outer one on ties), if any holds text or a table."""
    best: Element | None = None
    best_size = 0
    for element in matches:
        size = len(_TEXT_OF(element).strip())
        if size == 0 and element.find(".//table") is None:
            continue
        if best is None or size > best_size:
            best, best_size = element, size
    return best


def _between_markers(text: str) -> Element | None:
    """Hanweb's ``<meta name="ContentStart">`` … ``ContentEnd`` region, parsed on its own."""
    start = _CONTENT_START.search(text)
    if start is None:
        return None
    end = _CONTENT_END.search(text, start.end())
    if end is None:
        return None
    region = _parse(f"<html><body>{text[start.end() : end.start()]}</body></html>")
    if region is None:
        return None
    body = region.find("body")
    if body is None or not "".join(body.itertext()).strip():
        return None
    return body


def _densest(root: Element) -> Element:
    """The block element whose own text (not nested blocks', not links') is largest."""
    scores: dict[Element, int] = {}
    # Stack of (nearest block ancestor, inside boilerplate) for the open elements.
    stack: list[tuple[Element | None, bool]] = [(None, False)]
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            block, boiler = stack[-1]
            boiler = boiler or tag in _BOILERPLATE
            block = element if tag in _BLOCKS else block
            stack.append((block, boiler))
            _score(scores, stack[-1], element.text)
        else:
            stack.pop()
            _score(scores, stack[-1], element.tail)
    if not scores:
        return root
    return _outside_data_tables(max(scores, key=lambda element: scores[element]))


def _outside_data_tables(element: Element) -> Element:
    """Climb out of a data table's cell: the article is what holds the table, not one cell.

    A cell of a layout table (one cell per row, old templates) may hold the article; a cell of a
    grid (some row with several cells) never does.
    """
    while element.tag in ("td", "th"):
        table = next(element.iterancestors("table"), None)
        if table is None or all(len(row_cells(row)) <= 1 for row in table_rows(table)):
            return element
        parent = table.getparent()
        if parent is None:
            return table
        element = parent
    return element


def _score(
    scores: dict[Element, int],
    state: tuple[Element | None, bool],
    text: str | None,
) -> None:
    block, boiler = state
    if block is None or boiler or not text:
        return
    size = len(text.strip())
    if size:
        scores[block] = scores.get(block, 0) + size
