"""Hand-built OFD pages for the reader's tests: a one-page package, a page, text, templates.

Tiny documents written as strings, so each test shows exactly the XML it feeds the reader
(``crawler/sampleportal/documents_ofd.py`` writes whole reports).
"""

from __future__ import annotations

from tests.parsers.docbuild import zip_bytes

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def ofd(content: str) -> bytes:
    """A one-page OFD package whose page is ``content``."""
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    return zip_bytes(
        {
            "OFD.xml": f"{head}<ofd:OFD {NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml"
            "</ofd:DocRoot></ofd:DocBody></ofd:OFD>".encode(),
            "Doc_0/Document.xml": f"{head}<ofd:Document {NS}><ofd:Pages>"
            '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>'
            "</ofd:Document>".encode(),
            "Doc_0/Pages/Page_0/Content.xml": content.encode(),
        }
    )


def page(objects: str, *, refs: str = "") -> str:
    """A page Content.xml with ``objects`` in one layer (``refs``: template references)."""
    return (
        f'<ofd:Page {NS}>{refs}<ofd:Content><ofd:Layer ID="1">{objects}'
        "</ofd:Layer></ofd:Content></ofd:Page>"
    )


def text(x: float, y: float, text: str, *, extra: str = "", size: float = 4) -> str:
    """One TextObject at (``x``, ``y``) mm."""
    return (
        f'<ofd:TextObject ID="9" Boundary="{x} {y} {size} {size}" Size="{size}"{extra}>'
        f'<ofd:TextCode X="0" Y="{size}">{text}</ofd:TextCode></ofd:TextObject>'
    )


def templated(page: str, templates: dict[str, str], *, entry: str = "") -> bytes:
    """A one-page OFD whose CommonData lists ``templates`` (ID -> Content.xml or None)."""
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    listed = "".join(
        f'<ofd:TemplatePage ID="{ident}" BaseLoc="Tpls/{ident}.xml"/>'
        for ident in templates
    )
    members = {
        "OFD.xml": f"{head}<ofd:OFD {NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml"
        "</ofd:DocRoot></ofd:DocBody></ofd:OFD>".encode(),
        "Doc_0/Document.xml": f"{head}<ofd:Document {NS}><ofd:CommonData>{listed}"
        f'</ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="P/Content.xml">{entry}'
        "</ofd:Page></ofd:Pages></ofd:Document>".encode(),
        "Doc_0/P/Content.xml": page.encode(),
    }
    for ident, content in templates.items():
        if content is not None:
            members[f"Doc_0/Tpls/{ident}.xml"] = content.encode()
    return zip_bytes(members)


def ref(ident: str) -> str:
    """A reference to template page ``ident``."""
    return f'<ofd:Template TemplateID="{ident}" ZOrder="Background"/>'
