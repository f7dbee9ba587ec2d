"""OFD (GB/T 33190, a zip of XML) -> ``Document``: text in reading order, ruled tables as grids.

Every PyPI OFD package is broken, AGPL-bound or glues cells together, so this is an own reader
on zipfile + lxml (doc-extraction.md, "OFD"): OFD.xml -> DocRoot (Document.xml) -> each page's
Content.xml; TextObject/TextCode hold Unicode text with positions (no font decoding needed);
PathObject ``M``/``L`` segments are ruling lines, turned into cells by pdfplumber's own edge
geometry (``merge_edges`` -> ``intersections_to_cells`` -> ``cells_to_tables``) and into grids
by ``cellgrid``, page-split tables stitched as in PDF. Positions are converted from millimetres
to points so one tolerance serves both formats. Not handled yet (real 数科/福昕 files use
them): curves ``B``/``Q``/``A``/``C`` in paths, template pages, rotated CTMs beyond scale and
translation, ``g`` repeats are handled in DeltaX. XML is parsed without entities or network.
"""

from __future__ import annotations

import logging
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from lxml import etree
from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)

from parsers.errors import CorruptDocumentError, ExtractionError
from parsers.extract.cellgrid import CellBox, PageTable, grid_from_cells, stitch_cells
from parsers.extract.zipguard import open_guarded_zip
from parsers.model import Document, Table

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

    from parsers.extract.limits import ExtractionLimits

logger = logging.getLogger(__name__)

PT_PER_MM: Final = 72 / 25.4
A4_HEIGHT_MM: Final = 297.0
#: Numbers in a Boundary ("x y w h") and a CTM ("a b c d e f").
BOX_FIELDS: Final = 4
CTM_FIELDS: Final = 6
#: Boundary origin x, y, then CTM a, d, e, f (scale and translation), millimetres.
Transform = tuple[float, float, float, float, float, float]
#: Header/footer band (share of page height) ignored when deciding a table runs on.
MARGIN_BAND: Final = 0.08
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_NUMBERS = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass(frozen=True, slots=True)
class Glyphs:
    """One TextCode run: its text, baseline origin and width, in points."""

    x: float
    y: float
    width: float
    size: float
    text: str


def extract_ofd(body: bytes, *, limits: ExtractionLimits) -> Document:
    """The OFD's text and table grids; raise an ``ExtractionError`` subclass if impossible."""
    with open_guarded_zip(body, limits=limits) as archive:
        try:
            pages, height = _page_paths(archive)
            texts: list[str] = []
            found: list[PageTable] = []
            for number, path in enumerate(pages[: limits.max_pages]):
                root = _xml(archive, path)
                runs, edges = _page_objects(root)
                texts.append(_reading_order(runs))
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
        meta={"pages": str(len(pages))},
        media_type="application/ofd",
        extractor="nianbao-ofd",
    )


def _xml(archive: zipfile.ZipFile, path: str) -> Element:
    try:
        data = archive.read(path.lstrip("/"))
    except KeyError as exc:
        msg = f"OFD part {path!r} is missing"
        logger.warning("ofd unreadable: %s", msg)
        raise CorruptDocumentError(msg) from exc
    return etree.fromstring(data, parser=_PARSER)


def _page_paths(archive: zipfile.ZipFile) -> tuple[list[str], float]:
    """Content.xml of every page of the first document in page order, and the page height.

    The height (points) comes from the document's default ``PageArea/PhysicalBox``; A4 when
    absent. Per-page areas are not read (the margin test only needs an approximate height).
    """
    root = _xml(archive, "OFD.xml")
    doc_root = root.findtext(".//{*}DocBody/{*}DocRoot")
    if not doc_root:
        msg = "OFD.xml names no DocRoot"
        raise CorruptDocumentError(msg)
    doc_path = doc_root.strip().lstrip("/")
    base = posixpath.dirname(doc_path)
    document = _xml(archive, doc_path)
    out = []
    for page in document.iterfind(".//{*}Pages/{*}Page"):
        loc = (page.get("BaseLoc") or "").strip()
        if loc:
            out.append(
                loc.lstrip("/") if loc.startswith("/") else posixpath.join(base, loc)
            )
    box = _floats(document.findtext(".//{*}CommonData/{*}PageArea/{*}PhysicalBox"))
    height = box[3] if len(box) == BOX_FIELDS else A4_HEIGHT_MM
    return out, height * PT_PER_MM


def _floats(text: str | None) -> list[float]:
    return [float(v) for v in _NUMBERS.findall(text or "")]


def _transform(obj: Element) -> Transform:
    """Boundary origin and CTM (scale/translate part) of a page object, in millimetres."""
    box = _floats(obj.get("Boundary"))
    bx, by = (box[0], box[1]) if len(box) >= BOX_FIELDS else (0.0, 0.0)
    ctm = _floats(obj.get("CTM"))
    a, d, e, f = (
        (ctm[0], ctm[3], ctm[4], ctm[5])
        if len(ctm) == CTM_FIELDS
        else (1.0, 1.0, 0.0, 0.0)
    )
    return bx, by, a, d, e, f


def _page_objects(root: Element) -> tuple[list[Glyphs], list[dict[str, object]]]:
    runs: list[Glyphs] = []
    edges: list[dict[str, object]] = []
    for obj in root.iter("{*}TextObject", "{*}PathObject"):
        transform = _transform(obj)
        bx, by, a, d, e, f = transform
        if etree.QName(obj).localname == "TextObject":
            size = float(obj.get("Size") or 0) * abs(a) * PT_PER_MM
            x = y = 0.0
            for code in obj.iterfind("{*}TextCode"):
                x = float(code.get("X") or x)
                y = float(code.get("Y") or y)
                text = code.text or ""
                advance = sum(_deltas(code.get("DeltaX"))) + float(obj.get("Size") or 0)
                runs.append(
                    Glyphs(
                        (bx + a * x + e) * PT_PER_MM,
                        (by + d * y + f) * PT_PER_MM,
                        advance * abs(a) * PT_PER_MM,
                        size,
                        text,
                    )
                )
        else:
            data = obj.findtext("{*}AbbreviatedData") or ""
            edges.extend(_segments(data, transform))
    return runs, edges


def _deltas(text: str | None) -> list[float]:
    """DeltaX values with the ``g count value`` repeat syntax expanded."""
    tokens = (text or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            out.extend([float(tokens[i + 2])] * min(int(tokens[i + 1]), 100_000))
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return out


def _segments(data: str, transform: Transform) -> list[dict[str, object]]:
    """Horizontal and vertical ``M``/``L`` segments as pdfplumber edge dicts (points)."""
    bx, by, a, d, e, f = transform
    out: list[dict[str, object]] = []
    tokens = data.split()
    point: tuple[float, float] | None = None
    start: tuple[float, float] | None = None
    i = 0
    while i < len(tokens):
        op = tokens[i]
        if op in {"M", "L"} and i + 2 < len(tokens):
            x = (bx + a * float(tokens[i + 1]) + e) * PT_PER_MM
            y = (by + d * float(tokens[i + 2]) + f) * PT_PER_MM
            if op == "L" and point is not None:
                out.extend(_edge(point, (x, y)))
            if op == "M":
                start = (x, y)
            point = (x, y)
            i += 3
        elif op in {"Z", "C"} and point is not None and start is not None and op == "Z":
            out.extend(_edge(point, start))
            point = start
            i += 1
        else:
            i += 1  # curves and arcs are not ruling lines
    return out


def _edge(p: tuple[float, float], q: tuple[float, float]) -> list[dict[str, object]]:
    x0, x1 = sorted((p[0], q[0]))
    top, bottom = sorted((p[1], q[1]))
    if abs(top - bottom) < 0.5:  # noqa: PLR2004 - half a point: horizontal
        orientation = "h"
    elif abs(x0 - x1) < 0.5:  # noqa: PLR2004
        orientation = "v"
    else:
        return []
    return [
        {
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "width": x1 - x0,
            "height": bottom - top,
            "orientation": orientation,
            "object_type": "line",
        }
    ]


def _reading_order(runs: list[Glyphs]) -> str:
    """Runs grouped into lines by baseline, left to right; a wide gap becomes a tab."""
    lines: list[list[Glyphs]] = []
    for run in sorted(runs, key=lambda r: (r.y, r.x)):
        if lines and abs(lines[-1][0].y - run.y) <= run.size * 0.3:
            lines[-1].append(run)
        else:
            lines.append([run])
    out = []
    for line in lines:
        text = ""
        end = None
        for run in sorted(line, key=lambda r: r.x):
            if end is not None and run.x - end > run.size:
                text += "\t"
            text += run.text
            end = run.x + run.width
        out.append(text)
    return "\n".join(out)


def _page_tables(
    number: int, runs: list[Glyphs], edges: list[dict[str, object]], height: float
) -> list[PageTable]:
    merged = merge_edges(edges, 3, 3, 3, 3)
    cells = intersections_to_cells(edges_to_intersections(merged, 1, 1))
    tables = sorted(cells_to_tables(cells), key=lambda t: min(c[1] for c in t))
    out = []
    for index, boxes in enumerate(tables):
        cell_boxes = tuple(
            CellBox(
                (float(b[0]), float(b[1]), float(b[2]), float(b[3])),
                _cell_text(runs, (float(b[0]), float(b[1]), float(b[2]), float(b[3]))),
            )
            for b in boxes
        )
        top = min(c.bbox[1] for c in cell_boxes)
        bottom = max(c.bbox[3] for c in cell_boxes)
        above = index == 0 and not any(
            height * MARGIN_BAND < r.y < top for r in runs if r.text.strip()
        )
        below = index == len(tables) - 1 and not any(
            bottom < r.y - r.size < height * (1 - MARGIN_BAND)
            for r in runs
            if r.text.strip()
        )
        out.append(PageTable(number, cell_boxes, clear_above=above, clear_below=below))
    return out


def _cell_text(runs: list[Glyphs], bbox: tuple[float, float, float, float]) -> str:
    x0, top, x1, bottom = bbox
    inside = [
        r
        for r in runs
        if x0 <= r.x + r.width / 2 <= x1 and top <= r.y - r.size / 3 <= bottom
    ]
    return _reading_order(inside)
