"""The real reports: the five corpus reports (golden files) and the seven Pingtan crawler dumps.

Truth for the five comes from their hand-written golden files (``tests/parsers/golden``); a cell
the golden file leaves null must stay null. The Pingtan dumps are pre-2019 free-form reports:
only their year, organ and format are scored, with the truth of their MANIFEST.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from parsers.model import Document
from tests.accuracy.truth import Case, Truth

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "parsers" / "golden"
#: The seven Pingtan dumps, kept with the tests (copied from the shared corpus with its
#: MANIFEST, which gives their source and provenance).
PINGTAN = Path(__file__).resolve().parent / "pingtan"
SECTIONS = ("active_disclosure", "applications", "review_litigation")

#: 平潭县 (GB/T 2260), whose territory 平潭综合实验区 administers
PINGTAN_REGION = "350128"
#: file -> (organ, report year), from pingtan-dumps/MANIFEST.md
PINGTAN_TRUTH = {
    "pt-2011-syq.txt": ("平潭综合实验区", 2011),
    "pt-2012-county.txt": ("平潭县人民政府", 2012),
    "pt-2012-syq.txt": ("平潭综合实验区", 2012),
    "pt-2013-county.txt": ("平潭县人民政府", 2013),
    "pt-2013-syq.txt": ("平潭综合实验区", 2013),
    "pt-2015-syq.txt": ("平潭综合实验区", 2015),
    "pt-2017-syq.txt": ("平潭综合实验区", 2017),
}


def golden_cases() -> list[Case]:
    """One case per golden report: every non-null expected cell must come back."""
    out: list[Case] = []
    for folder in sorted(GOLDEN.iterdir()):
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        values: dict[str, int | Decimal] = {}
        nulls: set[str] = set()
        for section in SECTIONS:
            for row, cols in expected.get(section, {}).items():
                for col, value in cols.items():
                    path = f"{section}.{row}.{col}"
                    if value is None:
                        nulls.add(path)
                    else:
                        values[path] = (
                            Decimal(str(value)) if isinstance(value, float) else value
                        )
        truth = Truth(
            fmt=expected["format"],
            year=expected["year"],
            agency=expected.get("agency") or "",
            agency_short="",
            values=values,
            region_code=expected.get("region_code"),
        )
        text = (folder / "source.txt").read_text(encoding="utf-8")
        # a golden file without an organ (2020-fenyang names none in full) checks neither
        checks = (
            ("year", "format", "agency", "region")
            if expected.get("agency")
            else ("year", "format")
        )
        out.append(
            Case(
                cls="corpus",
                name=f"corpus/{folder.name}",
                truth=truth,
                document=Document(text=text),
                unprinted=frozenset(nulls),
                checks=checks,
            )
        )
    return out


def pingtan_cases() -> list[Case]:
    """The seven Pingtan dumps (metadata only; free-form, no national tables)."""
    out: list[Case] = []
    for name, (agency, year) in sorted(PINGTAN_TRUTH.items()):
        path = PINGTAN / name
        truth = Truth(
            fmt="free-form",
            year=year,
            agency=agency,
            agency_short="",
            values={},
            region_code=PINGTAN_REGION,
        )
        out.append(
            Case(
                cls="pingtan-dumps",
                name=f"pingtan/{name}",
                truth=truth,
                document=Document(text=path.read_text(encoding="utf-8")),
                checks=("year", "format", "agency", "region"),
            )
        )
    return out
