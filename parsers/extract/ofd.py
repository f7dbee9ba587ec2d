"""OFD (GB/T 33190, a zip of XML) -> ``Document``: text in reading order, ruled tables as grids.

Every PyPI OFD package is broken, AGPL-bound or glues cells together, so this is an own reader
on zipfile + lxml (doc-extraction.md, "OFD"): OFD.xml -> DocRoot (Document.xml) -> each page's
Content.xml plus the template pages it names (``<Template TemplateID>`` in the page, or in its
``Page`` entry of Document.xml, resolved through ``CommonData/TemplatePage``; headers, footers
and sometimes the table rules live there). Objects are found at any depth, so several Layers
and nested PageBlocks need nothing special; the ``ofd:`` prefix and an un-prefixed default
namespace both match. Text comes from ``ofd_text`` (TextCode runs, per-glyph objects included),
ruling lines from ``ofd_geometry`` (``S``/``M``/``L``/``C`` paths, closed or thin filled
rectangles; ``Q``/``B``/``A`` curves parsed past). Cells come from pdfplumber's own edge
geometry (``merge_edges`` -> ``intersections_to_cells`` -> ``cells_to_tables``), grids from
``cellgrid``, page-split tables stitched as in PDF. Positions are converted from millimetres to
points so one tolerance serves both formats. XML is parsed without entities or network.
Hostile input is bounded: malformed, NaN or infinite numbers skip their object (one log line
per page), templates are visited once per page, and a page with more than ``MAX_EDGES`` edges
or a ``ruling.MAX_GRID`` line grid keeps its text but not its tables.

Still not handled: rotated or skewed CTMs (such objects are skipped and logged: seal text is
the usual case), vertical text (``DeltaY``, ``ReadDirection``), CompositeObjects, per-page
PageArea sizes (the document default is used), clip areas, tables drawn without rules, and
the space between per-glyph Latin words (no glyph is drawn for it). The producer shapes above
are checked on generated imitations (``documents_ofd.OfdVariant``), not yet on real files.
"""

from __future__ import annotations

import logging
import posixpath
import zipfile
from collections import Counter
from typing import TYPE_CHECKING, Final

from lxml import etree

from parsers.errors import CorruptDocumentError, ExtractionError
from parsers.extract.cellgrid import CellBox, PageTable, grid_from_cells, stitch_cells
from parsers.extract.ofd_geometry import (
    BOX_FIELDS,
    PT_PER_MM,
    finite_numbers,
    path_edges,
    place,
)
from parsers.extract.ofd_text import Glyphs, RunIndex, reading_order, text_runs
from parsers.extract.ruling import Edge, ruled_tables
from parsers.extract.zipguard import MEMBER_XML_PARSER, open_guarded_zip
from parsers.model import Document, Table

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

    from parsers.extract.limits import ExtractionLimits

logger = logging.getLogger(__name__)

A4_HEIGHT_MM: Final = 297.0
#: Header/footer band (share of page height) ignored when deciding a table runs on.
MARGIN_BAND: Final = 0.08
#: Edges kept per page (a report page has ~40 x 12 rules); the grid pdfplumber is given is
#: bounded by ``ruling.MAX_GRID``.
MAX_EDGES: Final = 20_000


class _Package:
    """The opened OFD: its parts, parsed once each, and the template pages by ID."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.templates: dict[str, str] = {}
        self._parsed: dict[str, Element] = {}

    def xml(self, path: str) -> Element:
        """The part at ``path`` (zip-absolute), parsed; ``CorruptDocumentError`` if missing."""
        path = path.lstrip("/")
        if path not in self._parsed:
            try:
                data = self.archive.read(path)
            except KeyError as exc:
                msg = f"OFD part {path!r} is missing"
                logger.warning("ofd unreadable: %s", msg)
                raise CorruptDocumentError(msg) from exc
            self._parsed[path] = etree.fromstring(data, parser=MEMBER_XML_PARSER)
        return self._parsed[path]

    def has(self, path: str) -> bool:
        """Whether the zip holds the part at ``path``."""
        try:
            self.archive.getinfo(path.lstrip("/"))
        except KeyError:
            return False
        return True

    def page_roots(self, path: str, entry: Element) -> list[Element]:
        """The page's Content.xml root followed by every template page it uses, once each.

        A template may name templates of its own; a cycle, a self-reference, an unknown ID or a
        missing part is logged and skipped, so the page still reads (each ID at most once).
        """
        roots = [self.xml(path)]
        pending = [*_template_ids(entry), *_template_ids(roots[0])]
        seen: set[str] = set()
        while pending:
            ident = pending.pop(0)
            if ident in seen:
                logger.info(
                    "ofd template %s is referenced again (a cycle?): skipped", ident
                )
                continue
            seen.add(ident)
            location = self.templates.get(ident)
            if location is None:
                logger.warning("ofd template %s is not in CommonData: skipped", ident)
                continue
            if not self.has(location):
                logger.warning("ofd template %s part is missing: skipped", ident)
                continue
            template = self.xml(location)
            roots.append(template)
            pending.extend(_template_ids(template))
        return roots


def extract_ofd(body: bytes, *, limits: ExtractionLimits) -> Document:
    """The OFD's text and table grids; raise an ``ExtractionError`` subclass if impossible."""
    with open_guarded_zip(body, limits=limits) as archive:
        try:
            package = _Package(archive)
            pages, height = _page_entries(package)
            texts: list[str] = []
            found: list[PageTable] = []
            for number, (path, entry) in enumerate(pages[: limits.max_pages]):
                runs, edges = _page_objects(number, package.page_roots(path, entry))
                texts.append(reading_order(runs))
                found.extend(_page_tables(number, runs, edges, height))
        except ExtractionError:
            raise
        except (etree.XMLSyntaxError, KeyError, ValueError, zipfile.BadZipFile) as exc:
            logger.warning("ofd unreadable: %r", exc)
            raise CorruptDocumentError(f"not a readable OFD: {exc!r}") from exc
    grids = (grid_from_cells(cells) for cells in stitch_cells(found))
    tables: tuple[Table, ...] = tuple(g for g in grids if g is not None)
    return Document(
        text="\n".join(texts),
        tables=tables,
        meta={
            "pages": str(len(pages)),
            "pages_read": str(min(len(pages), limits.max_pages)),
        },
        media_type="application/ofd",
        extractor="nianbao-ofd",
    )


def _resolve(base: str, location: str) -> str:
    """A BaseLoc, absolute (``/Doc_0/..``) or relative to the document's folder."""
    location = location.strip()
    return (
        location.lstrip("/")
        if location.startswith("/")
        else posixpath.join(base, location)
    )


def _page_entries(package: _Package) -> tuple[list[tuple[str, Element]], float]:
    """Each page's Content.xml path and Document.xml entry, in order; the page height (pt).

    Reads the first document only. Also records the template pages in ``package.templates``. The height comes from the
    default ``PageArea/PhysicalBox``, A4 when absent or malformed; per-page areas are not read
    (the margin test only needs an approximate height).
    """
    root = package.xml("OFD.xml")
    doc_root = root.findtext(".//{*}DocBody/{*}DocRoot")
    if not doc_root or not doc_root.strip():
        msg = "OFD.xml names no DocRoot"
        raise CorruptDocumentError(msg)
    doc_path = doc_root.strip().lstrip("/")
    base = posixpath.dirname(doc_path)
    document = package.xml(doc_path)
    for template in document.iterfind(".//{*}CommonData/{*}TemplatePage"):
        ident, loc = template.get("ID"), template.get("BaseLoc")
        if ident and loc and loc.strip():
            package.templates[ident.strip()] = _resolve(base, loc)
    out = []
    for page in document.iterfind(".//{*}Pages/{*}Page"):
        loc = page.get("BaseLoc") or ""
        if loc.strip():
            out.append((_resolve(base, loc), page))
    box = finite_numbers(
        document.findtext(".//{*}CommonData/{*}PageArea/{*}PhysicalBox")
    )
    height = box[3] if box and len(box) == BOX_FIELDS and box[3] > 0 else A4_HEIGHT_MM
    return out, height * PT_PER_MM


def _template_ids(element: Element) -> list[str]:
    """TemplateIDs named by the direct ``Template`` children of a page (or its entry)."""
    return [
        ident.strip()
        for child in element.iterfind("{*}Template")
        if (ident := child.get("TemplateID")) and ident.strip()
    ]


def _page_objects(number: int, roots: list[Element]) -> tuple[list[Glyphs], list[Edge]]:
    """Text runs and ruling-line edges of a page and its templates, at any nesting depth.

    Objects that cannot be placed (rotated, NaN) are skipped and counted in one log line; a
    page with more than ``MAX_EDGES`` edges keeps its text and loses its tables.
    """
    runs: list[Glyphs] = []
    edges: list[Edge] = []
    skipped: Counter[str] = Counter()
    for root in roots:
        for obj in root.iter("{*}TextObject", "{*}PathObject"):
            placement = place(obj.get("Boundary"), obj.get("CTM"))
            if isinstance(placement, str):
                skipped[placement] += 1
            elif etree.QName(obj).localname == "TextObject":
                found = text_runs(obj, placement)
                runs.extend(found or ())
                skipped["malformed TextCode"] += found is None
            elif len(edges) <= MAX_EDGES:
                filled = _flag(obj, "Fill")
                if filled or _flag(obj, "Stroke"):  # else invisible: it rules nothing
                    data = obj.findtext("{*}AbbreviatedData") or ""
                    room = MAX_EDGES + 1 - len(edges)
                    edges.extend(path_edges(data, placement, filled=filled, limit=room))
    if skipped.total():
        logger.info("ofd page %d: objects skipped: %s", number + 1, dict(+skipped))
    if len(edges) > MAX_EDGES:
        logger.warning(
            "ofd page %d: over %d ruling edges, tables ignored", number + 1, MAX_EDGES
        )
        edges = []
    return runs, edges


def _flag(obj: Element, name: str) -> bool:
    """An xs:boolean attribute of a PathObject; ``Stroke`` defaults to true, ``Fill`` to false."""
    value = (obj.get(name) or ("true" if name == "Stroke" else "false")).strip()
    return value in {"true", "1"}


def _page_tables(
    number: int, runs: list[Glyphs], edges: list[Edge], height: float
) -> list[PageTable]:
    tables = ruled_tables(edges, snap=3, tolerance=1, where=f"ofd page {number + 1}")
    index = RunIndex(runs)
    out = []
    for position, boxes in enumerate(tables):
        cell_boxes = tuple(CellBox(bbox, index.cell_text(bbox)) for bbox in boxes)
        top = min(c.bbox[1] for c in cell_boxes)
        bottom = max(c.bbox[3] for c in cell_boxes)
        above = position == 0 and not any(
            height * MARGIN_BAND < r.y < top for r in runs if r.text.strip()
        )
        below = position == len(tables) - 1 and not any(
            bottom < r.y - r.size < height * (1 - MARGIN_BAND)
            for r in runs
            if r.text.strip()
        )
        out.append(PageTable(number, cell_boxes, clear_above=above, clear_below=below))
    return out
