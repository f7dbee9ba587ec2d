"""A laid-out report written as OFD (GB/T 33190): the zip of XML the OFD extractor reads.

Same geometry as the PDF (``documents_layout``), so the OFD fixtures and attachments show the
same tables, including the page-split application table of the ``split`` variant. An
``OfdVariant`` writes the same pages the way real 数科/福昕 producers do:
one TextObject per glyph, rules as closed per-cell rectangles or thin filled boxes, a template
page carrying the running header and the rules, objects nested in PageBlocks over two Layers,
curves (``S``/``Q``/``B``/``A``) mixed into the paths plus a round seal with rotated text, and
the un-prefixed default namespace. Output is deterministic; nothing is downloaded.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from xml.sax.saxutils import escape

from crawler.sampleportal.documents import AGENCY, zip_bytes
from crawler.sampleportal.documents_layout import (
    PAGE_H,
    PAGE_W,
    Layout,
    Rule,
    Text,
    layout_report,
    width,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from crawler.sampleportal.reportnumbers import ReportNumbers

OFD_NS = "http://www.ofdspec.org/2016"
MM = 25.4 / 72.0
#: Thickness of a filled rule box, millimetres (what Foxit's Word export draws).
RULE_MM = 0.2
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass(frozen=True, slots=True)
class OfdVariant:
    """How the pages are written; the default is the plain fixture.

    Plain: one TextObject per line, ``M``/``L`` rules, one Layer, the ``ofd:`` prefix.
    """

    per_glyph: bool = False
    rules: Literal["lines", "rectangles", "filled"] = "lines"
    template: bool = False
    page_blocks: bool = False
    curves: bool = False
    default_namespace: bool = False


PLAIN = OfdVariant()
#: Everything a real producer does at once (the rules as Foxit's thin filled boxes).
REALISTIC = OfdVariant(
    per_glyph=True, rules="filled", template=True, page_blocks=True, curves=True
)


def _mm(value: float) -> str:
    """Points to the millimetres OFD coordinates are written in."""
    return f"{value * MM:.3f}"


def render_ofd(layout: Layout, *, variant: OfdVariant = PLAIN) -> bytes:
    """The layout as an OFD (GB/T 33190) zip: OFD.xml -> Document.xml -> one Content.xml/page.

    Text carries TextCode X/Y/DeltaX (Unicode, fonts by name only); positions in millimetres.
    With ``variant.template`` a shared template holds the title as a running header and one
    template per page holds that page's rules (as some converters put table rules there).
    """
    ids = itertools.count(1000)
    members: dict[str, bytes] = {
        "OFD.xml": (
            f'{HEAD}<ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
            "<ofd:DocInfo><ofd:DocID>nianbao-fixture</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        ).encode(),
        "Doc_0/PublicRes.xml": (
            f'{HEAD}<ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
        ).encode(),
    }
    templates = ""
    for page in range(layout.pages):
        rules = [r for r in layout.rules if r.page == page]
        texts = [t for t in layout.texts if t.page == page]
        refs = ""
        if variant.template:
            refs = '<ofd:Template TemplateID="1" ZOrder="Background"/>'
            refs += f'<ofd:Template TemplateID="{2 + page}" ZOrder="Background"/>'
            rule_part = _page_xml("", _layer(1, _rule_objects(rules, variant, ids)))
            members[f"Doc_0/Tpls/Tpl_{page + 1}/Content.xml"] = rule_part
            templates += f'<ofd:TemplatePage ID="{2 + page}" BaseLoc="Tpls/Tpl_{page + 1}/Content.xml"/>'
            rules = []
        members[f"Doc_0/Pages/Page_{page}/Content.xml"] = _page_xml(
            refs,
            _page_layers(
                page, rules, texts, variant, ids, last=page + 1 == layout.pages
            ),
        )
    if variant.template and layout.texts:
        title = layout.texts[0]
        header = Text(0, title.x, 30.0, 9.0, title.text)
        objects = _text_objects([header], variant, ids)
        members["Doc_0/Tpls/Tpl_0/Content.xml"] = _page_xml("", _layer(1, objects))
        templates = (
            f'<ofd:TemplatePage ID="1" BaseLoc="Tpls/Tpl_0/Content.xml"/>{templates}'
        )
    pages = "".join(
        f'<ofd:Page ID="{10 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
        for n in range(layout.pages)
    )
    members["Doc_0/Document.xml"] = (
        f'{HEAD}<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData><ofd:MaxUnitID>99999'
        f"</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {_mm(PAGE_W)} {_mm(PAGE_H)}"
        "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        f"{templates}</ofd:CommonData><ofd:Pages>{pages}</ofd:Pages></ofd:Document>"
    ).encode()
    if variant.default_namespace:
        members = {name: _unprefixed(xml) for name, xml in members.items()}
    return zip_bytes(members)


def _page_xml(refs: str, layers: str) -> bytes:
    return (
        f'{HEAD}<ofd:Page xmlns:ofd="{OFD_NS}">{refs}<ofd:Content>{layers}'
        "</ofd:Content></ofd:Page>"
    ).encode()


def _layer(ident: int, objects: list[str], kind: str = "Body") -> str:
    return f'<ofd:Layer ID="{ident}" Type="{kind}">{"".join(objects)}</ofd:Layer>'


def _unprefixed(xml: bytes) -> bytes:
    """The same part in the default namespace, as some producers write it."""
    text = xml.decode()
    text = text.replace("<ofd:", "<").replace("</ofd:", "</")
    return text.replace("xmlns:ofd=", "xmlns=").encode()


def _page_layers(
    page: int,
    rules: list[Rule],
    texts: list[Text],
    variant: OfdVariant,
    ids: Iterator[int],
    *,
    last: bool,
) -> str:
    """The page's objects; with ``page_blocks`` rules and text on two Layers in PageBlocks."""
    drawn = _rule_objects(rules, variant, ids)
    written = _text_objects(texts, variant, ids)
    if variant.curves and last:
        drawn.extend(_seal(ids))
    if not variant.page_blocks:
        return _layer(page + 1, drawn + written)
    half = len(written) // 2
    inner = f'<ofd:PageBlock ID="{next(ids)}">{"".join(drawn)}</ofd:PageBlock>'
    block = f'<ofd:PageBlock ID="{next(ids)}">{inner}</ofd:PageBlock>'
    nested = (
        f'<ofd:PageBlock ID="{next(ids)}">{"".join(written[half:])}</ofd:PageBlock>'
    )
    return _layer(next(ids), [block], "Background") + _layer(
        next(ids), [*written[:half], nested]
    )


def _rule_objects(
    rules: list[Rule], variant: OfdVariant, ids: Iterator[int]
) -> list[str]:
    """Rules as PathObjects: ``M``/``L`` lines, closed cell rectangles or thin filled boxes.

    Rectangles come from the four rules ``_draw_cells`` emits per cell, in that order. With
    ``curves`` every path also holds curves whose operands a reader must consume.
    """
    if variant.rules == "rectangles":
        cells = [rules[i : i + 4] for i in range(0, len(rules), 4)]
        return [_rectangle(cell, variant.curves, next(ids)) for cell in cells]
    out = []
    for rule in rules:
        x, y = min(rule.x0, rule.x1) * MM, min(rule.y0, rule.y1) * MM
        w, h = abs(rule.x1 - rule.x0) * MM, abs(rule.y1 - rule.y0) * MM
        if variant.rules == "lines":
            data = f"M 0 0 L {w:.3f} {h:.3f}"
            if variant.curves:  # the line starts where a curve ends, no M in between
                data = f"S {w:.3f} {h:.3f} Q 1 0.4 {w:.3f} 0.2 B 1 0.5 0.3 0.5 0 0 {data[6:]}"
            out.append(_path(next(ids), (x, y, w, h), data, 'LineWidth="0.25"'))
            continue
        if w < h:  # a box RULE_MM thick centred on the rule
            x, w = x - RULE_MM / 2, RULE_MM
        else:
            y, h = y - RULE_MM / 2, RULE_MM
        data = f"M 0 0 L {w:.3f} 0 L {w:.3f} {h:.3f} L 0 {h:.3f} C"
        if variant.curves:  # a closed all-curve subpath first: consumed, no edges
            data = f"S 0 0 Q 0.5 0.4 1 0 B 1 0.3 0.2 0.3 0 0 A 0.1 0.1 0 1 0 0 0 {data}"
        out.append(_path(next(ids), (x, y, w, h), data, 'Stroke="false" Fill="true"'))
    return out


def _rectangle(cell: list[Rule], curves: bool, ident: int) -> str:
    xs = [v * MM for r in cell for v in (r.x0, r.x1)]
    ys = [v * MM for r in cell for v in (r.y0, r.y1)]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    data = f"M 0 0 L {w:.3f} 0 L {w:.3f} {h:.3f} L 0 {h:.3f} C"
    if curves:  # the rectangle continues from the end of a curve, no M in between
        data = f"S 0 0 B 0.2 0.3 0.1 0.2 0 0 {data[6:]}"
    return _path(ident, (min(xs), min(ys), w, h), data, 'LineWidth="0.25"')


def _path(ident: int, box: tuple[float, ...], data: str, attributes: str) -> str:
    """A PathObject; ``box`` is its Boundary in millimetres."""
    boundary = " ".join(f"{v:.3f}" for v in box)
    return (
        f'<ofd:PathObject ID="{ident}" Boundary="{boundary}" {attributes}>'
        f"<ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>"
    )


def _text_objects(
    texts: list[Text], variant: OfdVariant, ids: Iterator[int]
) -> list[str]:
    """One TextObject per line (DeltaX advances), or per glyph, each with its own Boundary."""
    out = []
    for text in texts:
        advances = [width(char, text.size) for char in text.text]
        if not variant.per_glyph:
            out.append(_text_object(next(ids), text, advances))
            continue
        x = text.x
        for char, advance in zip(text.text, advances, strict=True):
            glyph = Text(text.page, x, text.y, text.size, char)
            out.append(_text_object(next(ids), glyph, [advance]))
            x += advance
    return out


def _text_object(ident: int, text: Text, advances: list[float]) -> str:
    delta = " ".join(f"{a * MM:.3f}" for a in advances[:-1])
    top = text.y - text.size
    return (
        f'<ofd:TextObject ID="{ident}" Boundary="{_mm(text.x)} {_mm(top)} '
        f'{_mm(sum(advances))} {_mm(text.size * 1.2)}" Font="2" Size="{_mm(text.size)}">'
        f'<ofd:TextCode X="0" Y="{_mm(text.size)}" DeltaX="{delta}">{escape(text.text)}'
        "</ofd:TextCode></ofd:TextObject>"
    )


def _seal(ids: Iterator[int]) -> list[str]:
    """A round seal low on the last page: a circle of ``B`` curves and an ``A`` arc.

    Its legend is rotated glyphs (a CTM with a rotation), which the reader skips and logs.
    """
    cx, cy, r = (PAGE_W - 120) * MM, (PAGE_H - 120) * MM, 40 * MM
    k = 0.5523 * r  # cubic Bézier approximation of a quarter circle
    circle = (
        f"M {cx - r:.3f} {cy:.3f} B {cx - r:.3f} {cy - k:.3f} {cx - k:.3f} {cy - r:.3f} "
        f"{cx:.3f} {cy - r:.3f} B {cx + k:.3f} {cy - r:.3f} {cx + r:.3f} {cy - k:.3f} "
        f"{cx + r:.3f} {cy:.3f} A {r:.3f} {r:.3f} 0 1 1 {cx - r:.3f} {cy:.3f} C"
    )
    page = (0.0, 0.0, PAGE_W * MM, PAGE_H * MM)
    out = [_path(next(ids), page, circle, 'LineWidth="0.8"')]
    for n, char in enumerate("政务公开"):  # no glyph upright: all skipped
        angle = math.radians(-45 + 30 * n)
        cos, sin = math.cos(angle), math.sin(angle)
        ex, ey = cx + 0.75 * r * sin, cy - 0.75 * r * cos
        out.append(
            f'<ofd:TextObject ID="{next(ids)}" Boundary="0 0 {_mm(PAGE_W)} {_mm(PAGE_H)}"'
            f' CTM="{cos:.4f} {sin:.4f} {-sin:.4f} {cos:.4f} {ex:.3f} {ey:.3f}" Font="2"'
            f' Size="4"><ofd:TextCode X="0" Y="0">{char}</ofd:TextCode></ofd:TextObject>'
        )
    return out


def build_ofd(
    numbers: ReportNumbers,
    year: int,
    *,
    split: bool = False,
    agency: str = AGENCY,
    variant: OfdVariant = PLAIN,
) -> bytes:
    """The report as an OFD with the same geometry as ``build_pdf``."""
    return render_ofd(
        layout_report(numbers, year, split=split, agency=agency), variant=variant
    )
