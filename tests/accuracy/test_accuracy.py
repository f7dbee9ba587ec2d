"""The accuracy gate: zero wrong numbers in every class, per-class floors that only go up.

Like trafilatura's corpus gate: ``floors.json`` pins, per class, the share of cells right and
the metadata right; a change that reads less fails here, a change that reads more should raise
the floors (``python -m tests.accuracy --json`` prints the current figures). Wrong numbers are a
hard gate: a number in the wrong cell is worse than any null, and so is a wrong year, organ, region
code or publication date (metadata given with another value than the truth).
"""

from __future__ import annotations

import json
from importlib import import_module
from pathlib import Path

import pytest

from tests.accuracy import (
    render_office,
    render_office_blanks,
    render_print,
    render_scan,
)
from tests.accuracy.score import ClassScore, score
from tests.accuracy.suite import GENERATED, all_cases
from tests.tools import require_tool

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))
#: The classes whose cells are separated in the source, and their pinned share right together.
SEPARATED = (
    "corpus",
    "docx-merged",
    "header-block-dump",
    "html",
    "markdown",
    "pdf-text-order",
)
FLOORS_SEPARATED = FLOORS.pop("separated")["share_right"]
#: Classes whose cases a system tool builds: without it they are skipped (failed under CI's
#: ``NIANBAO_REQUIRE_TOOLS``), never scored as empty.
TOOL_CLASSES = {
    **dict.fromkeys(render_office.CLASSES, render_office.TOOL),
    render_office_blanks.CLASS: render_office.TOOL,
    render_print.CLASS: render_print.TOOL,
    render_scan.CLASS: render_scan.TOOL,
}


@pytest.fixture(scope="module")
def scores() -> dict[str, ClassScore]:
    return score(all_cases())


def test_every_pinned_class_is_in_the_suite(scores):
    missing = set(FLOORS) - set(scores)
    assert not missing - set(TOOL_CLASSES)
    for name in sorted(missing):
        require_tool(TOOL_CLASSES[name])


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_no_wrong_number(scores, name):
    if name in TOOL_CLASSES:
        require_tool(TOOL_CLASSES[name])
    result = scores[name]
    assert result.wrong == 0, result.wrong_cells[:10]
    assert result.ok_with_wrong == 0
    # a wrong year, organ, region code or date corrupts every count made from the report
    assert result.metadata_wrong() == 0, result.wrong_cells[:10]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_class_meets_its_floors(scores, name):
    if name in TOOL_CLASSES:
        require_tool(TOOL_CLASSES[name])
    result, floor = scores[name], FLOORS[name]
    assert result.cases >= floor["cases"]
    assert result.share_right() >= floor["share_right"]
    assert result.year >= floor["year_right"]
    assert result.format >= floor["format_right"]
    assert result.agency >= floor["agency_right"]
    assert result.region >= floor.get("region_right", 0)
    assert result.published >= floor.get("published_right", 0)
    if "unique_split_share" in floor:
        assert result.share_unique_right() >= floor["unique_split_share"]


def test_separated_layouts_together_meet_their_floor(scores):
    """Layouts whose cells are separated (every class but glued dumps): cells right overall."""
    right = sum(scores[name].right for name in SEPARATED)
    cells = sum(scores[name].cells for name in SEPARATED)
    assert right / cells >= FLOORS_SEPARATED


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_wrong_number_at_other_seeds(seed):
    """The floors are pinned at one seed; wrong = 0 must hold at any seed (fresh variants)."""
    cases = [
        case for module, n in GENERATED for case in import_module(module).cases(seed, n)
    ]
    result = score(cases)["overall"]
    assert result.wrong == 0, result.wrong_cells[:10]
    assert result.ok_with_wrong == 0
    assert result.metadata_wrong() == 0, result.wrong_cells[:10]
