"""Class ``doc-text``: Word-merged reports saved as Word 97 DOC by LibreOffice, read as text.

Many organs publish the report as a ``.doc`` (or Kingsoft ``.wps``, the same container), and
nianbao reads it with its own piece-table reader unless LibreOffice is installed to recover
the table grids. This class is the reader without LibreOffice: the ``docx-merged`` reports
(every sub-variant: Word's and WPS's merges, label and header cells typed over two paragraphs,
legacy horizontal merges, content controls, numbers corrected with track changes on) are
converted to DOC by LibreOffice's "MS Word 97" filter, a writer the reader did not help to
design, and read by ``extract_doc`` alone. Two ways such a file went wrong: the digits
deleted under track changes stay in the file and ran into the new ones (``43`` corrected to
``0`` read as ``430``), and a cell typed over two paragraphs ended its row in mid-cell.

The conversion needs ``soffice``; all reports of one call go through one LibreOffice run.
Without it, ``cases`` gives none (the accuracy tests then skip the class, or fail under CI's
``NIANBAO_REQUIRE_TOOLS``).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from parsers.extract.doc import extract_doc
from parsers.extract.limits import DEFAULT_LIMITS
from tests.accuracy import render_docx

if TYPE_CHECKING:
    from tests.accuracy.truth import Case

#: The class's name, and the tool its cases need.
CLASS = "doc-text"
TOOL = "soffice"
#: Seconds one LibreOffice run may take for a call's reports (~1 s each here).
TIMEOUT_S = 300


def cases(seed: int, n: int) -> list[Case]:
    """``n`` Word-merged reports as LibreOffice DOC, each read by the own DOC reader."""
    if shutil.which(TOOL) is None:
        return []
    word = render_docx.cases(seed, n)
    docs = to_doc([case.source[0] for case in word if case.source is not None])
    return [
        replace(
            case,
            cls=CLASS,
            source=None,
            document=extract_doc(doc, limits=DEFAULT_LIMITS),
        )
        for case, doc in zip(word, docs, strict=True)
    ]


def to_doc(bodies: list[bytes]) -> list[bytes]:
    """Each DOCX in ``bodies`` saved as Word 97 by one LibreOffice run, in order."""
    with tempfile.TemporaryDirectory(prefix="accuracy-doc-") as tmp:
        work = Path(tmp)
        sources = []
        for index, body in enumerate(bodies):
            source = work / f"report{index:03d}.docx"
            source.write_bytes(body)
            sources.append(source)
        subprocess.run(
            [
                str(shutil.which(TOOL)),
                "--headless",
                "--norestore",
                "--nolockcheck",
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--convert-to",
                "doc:MS Word 97",
                "--outdir",
                str(work / "out"),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=TIMEOUT_S,
        )
        return [(work / "out" / f"{s.stem}.doc").read_bytes() for s in sources]
