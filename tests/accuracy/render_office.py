"""Classes ``doc-text`` and ``pdf-from-word``: Word reports saved by LibreOffice as DOC and PDF.

Organs write the report in Word or WPS and publish what the program saves: a ``.doc`` (or a
Kingsoft ``.wps``, the same container) or a PDF. Both come here from the ``docx-merged``
reports (every sub-variant: Word's and WPS's merges, cells typed over two paragraphs, legacy
horizontal merges, content controls, numbers corrected with track changes on), converted by
LibreOffice, a writer the readers did not help to design:

* ``doc-text``: saved as Word 97 and read by the own DOC reader alone, as where LibreOffice is
  not installed. The digits deleted under track changes stay in the file and ran into the new
  ones (``43`` corrected to ``0`` read as ``430``); a cell typed over two paragraphs ended its
  row in mid-cell.
* ``pdf-from-word``: saved as PDF with the tracked changes shown, as Word prints a document
  whose changes were never accepted: the old digits struck through beside the new ones, read
  as one number (``430``) before. Half the reports have the template's ruled tables fitted
  to the page; the other half are drawn without borders, which leaves their tables to the
  text reading (most cells null, none wrong); every sub-variant comes both ways.

The conversions need ``soffice``: one LibreOffice run per format for all reports of a call,
the two side by side.
Without it, ``cases`` gives none (the accuracy tests then skip these classes, or fail under
CI's ``NIANBAO_REQUIRE_TOOLS``).
"""

from __future__ import annotations

import random
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

#: The classes, and the tool their cases need.
DOC_CLASS = "doc-text"
PDF_CLASS = "pdf-from-word"
CLASSES = (DOC_CLASS, PDF_CLASS)
TOOL = "soffice"
#: Seconds one LibreOffice run may take for a call's reports (~0.2 s each here).
TIMEOUT_S = 300
#: LibreOffice profiles kept for the process: a new profile costs each run seconds to create.
_PROFILES = tempfile.TemporaryDirectory(prefix="accuracy-office-profiles-")


def cases(seed: int, n: int) -> list[Case]:
    """``n`` reports of each class (none without ``soffice``)."""
    if shutil.which(TOOL) is None:
        return []
    word = render_docx.cases(seed, n)
    ruled = [
        render_docx.build_docx(
            case.truth,
            case.name.split("-", 1)[0],
            random.Random(case.name),
            ruled=_ruled(index),
        )
        for index, case in enumerate(word)
    ]
    docs, pdfs = convert_each(
        [
            ([_docx(case) for case in word], "doc:MS Word 97", "doc"),
            (ruled, "pdf", "pdf"),
        ]
    )
    return [
        replace(
            case,
            cls=DOC_CLASS,
            source=None,
            document=extract_doc(doc, limits=DEFAULT_LIMITS),
        )
        for case, doc in zip(word, docs, strict=True)
    ] + [
        replace(case, cls=PDF_CLASS, source=(pdf, "application/pdf"))
        for case, pdf in zip(word, pdfs, strict=True)
    ]


def _ruled(index: int) -> bool:
    """Every other report ruled, swapped each round of sub-variants so each comes both ways."""
    return (index + index // len(render_docx.VARIANTS)) % 2 == 0


def _docx(case: Case) -> bytes:
    assert case.source is not None  # every docx-merged case carries its bytes
    return case.source[0]


def convert_each(
    batches: list[tuple[list[bytes], str, str]],
) -> list[list[bytes]]:
    """Each batch of DOCX (bodies, LibreOffice target, file extension) converted, in order.

    One LibreOffice run per batch, the runs side by side (each with a profile of its own).
    """
    with tempfile.TemporaryDirectory(prefix="accuracy-office-") as tmp:
        runs = []
        for number, (bodies, target, _) in enumerate(batches):
            work = Path(tmp) / str(number)
            work.mkdir()
            sources = []
            for index, body in enumerate(bodies):
                source = work / f"report{index:03d}.docx"
                source.write_bytes(body)
                sources.append(source)
            command = [
                str(shutil.which(TOOL)),
                "--headless",
                "--norestore",
                "--nolockcheck",
                f"-env:UserInstallation={(Path(_PROFILES.name) / str(number)).as_uri()}",
                "--convert-to",
                target,
                "--outdir",
                str(work / "out"),
                *map(str, sources),
            ]
            process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            runs.append((process, work, sources))
        out = []
        for (process, work, sources), (_, target, extension) in zip(
            runs, batches, strict=True
        ):
            _, stderr = process.communicate(timeout=TIMEOUT_S)
            if process.returncode:
                msg = f"LibreOffice failed converting to {target}: {stderr[-300:]!r}"
                raise RuntimeError(msg)
            out.append(
                [(work / "out" / f"{s.stem}.{extension}").read_bytes() for s in sources]
            )
        return out
