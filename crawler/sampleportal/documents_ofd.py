"""A laid-out report written as OFD (GB/T 33190): the zip of XML the OFD extractor reads.

Same geometry as the PDF (``documents_layout``), so the OFD fixtures and attachments show the
same tables, including the page-split application table of the ``split`` variant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawler.sampleportal.documents import AGENCY, zip_bytes
from crawler.sampleportal.documents_layout import (
    PAGE_H,
    PAGE_W,
    Layout,
    layout_report,
    width,
)

if TYPE_CHECKING:
    from crawler.sampleportal.reportnumbers import ReportNumbers

OFD_NS = "http://www.ofdspec.org/2016"
MM = 25.4 / 72.0


def _mm(value: float) -> str:
    """Points to the millimetres OFD coordinates are written in."""
    return f"{value * MM:.3f}"


def render_ofd(layout: Layout) -> bytes:
    """The layout as an OFD (GB/T 33190) zip: OFD.xml -> Document.xml -> one Content.xml/page.

    Text is one TextObject per line with TextCode X/Y/DeltaX (Unicode, fonts by name only);
    ruling lines are PathObjects with ``M``/``L`` AbbreviatedData, positions in millimetres.
    """
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    members: dict[str, bytes] = {
        "OFD.xml": (
            f'{head}<ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
            "<ofd:DocInfo><ofd:DocID>nianbao-fixture</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        ).encode(),
        "Doc_0/PublicRes.xml": (
            f'{head}<ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
        ).encode(),
    }
    pages = "".join(
        f'<ofd:Page ID="{10 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
        for n in range(layout.pages)
    )
    members["Doc_0/Document.xml"] = (
        f'{head}<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData><ofd:MaxUnitID>99999'
        f"</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {_mm(PAGE_W)} {_mm(PAGE_H)}"
        "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        f"</ofd:CommonData><ofd:Pages>{pages}</ofd:Pages></ofd:Document>"
    ).encode()
    ident = 1000
    for page in range(layout.pages):
        objects = []
        for rule in layout.rules:
            if rule.page != page:
                continue
            ident += 1
            x, y = min(rule.x0, rule.x1), min(rule.y0, rule.y1)
            w, h = abs(rule.x1 - rule.x0), abs(rule.y1 - rule.y0)
            objects.append(
                f'<ofd:PathObject ID="{ident}" Boundary="{_mm(x)} {_mm(y)} {_mm(w)} {_mm(h)}"'
                f' LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L {_mm(w)} {_mm(h)}'
                "</ofd:AbbreviatedData></ofd:PathObject>"
            )
        for text in layout.texts:
            if text.page != page:
                continue
            ident += 1
            advances = [width(char, text.size) * MM for char in text.text]
            delta = " ".join(f"{a:.3f}" for a in advances[:-1])
            top = text.y - text.size
            objects.append(
                f'<ofd:TextObject ID="{ident}" Boundary="{_mm(text.x)} {_mm(top)} '
                f'{sum(advances):.3f} {_mm(text.size * 1.2)}" Font="2" Size="{_mm(text.size)}">'
                f'<ofd:TextCode X="0" Y="{_mm(text.size)}" DeltaX="{delta}">{text.text}'
                "</ofd:TextCode></ofd:TextObject>"
            )
        members[f"Doc_0/Pages/Page_{page}/Content.xml"] = (
            f'{head}<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="{page + 1}">'
            + "".join(objects)
            + "</ofd:Layer></ofd:Content></ofd:Page>"
        ).encode()
    return zip_bytes(members)


def build_ofd(
    numbers: ReportNumbers, year: int, *, split: bool = False, agency: str = AGENCY
) -> bytes:
    """The report as an OFD with the same geometry as ``build_pdf``."""
    return render_ofd(layout_report(numbers, year, split=split, agency=agency))
