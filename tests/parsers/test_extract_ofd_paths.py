"""OFD path data and hostile input: operators, rectangles, garbage, bounds, namespaces.

Split from ``test_extract_ofd.py`` (whole reports and producer variants); these tests call the
reader's geometry directly or feed it hand-built pages.
"""

from __future__ import annotations

import io
import logging
import math
import random
import time
import zipfile

import pytest

from crawler.sampleportal.reportgen import ReportNumbers, generate_numbers
from parsers.extract.limits import DEFAULT_LIMITS
from parsers.extract.ofd import extract_ofd
from parsers.extract.ofd_geometry import PT_PER_MM, Placement, path_edges
from tests.parsers.docbuild import (
    seed_with_large_numbers,
    zip_bytes,
)
from tests.parsers.ofd_pages import ofd as _ofd
from tests.parsers.ofd_pages import page as _page
from tests.parsers.ofd_pages import text as _text


def _numbers(fmt: str) -> ReportNumbers:
    return generate_numbers(random.Random(seed_with_large_numbers(fmt)), fmt)  # type: ignore[arg-type]  # noqa: S311


def _edges(
    data: str, *, filled: bool = False
) -> list[tuple[str, float, float, float, float]]:
    found = path_edges(data, Placement(), filled=filled, limit=1000)
    return sorted(
        (
            str(e["orientation"]),
            *(round(e[k] / PT_PER_MM, 2) for k in ("x0", "top", "x1", "bottom")),
        )
        for e in found
    )


def test_curve_operands_are_consumed_and_move_the_current_point():
    # The L starts at the B's end point (20, 0), not at the M.
    assert _edges(
        "M 0 5 B 1 1 2 2 20 0 L 20 10 Q 5 5 30 30 A 1 1 0 1 0 40 30 L 50 30"
    ) == [
        ("h", 40.0, 30.0, 50.0, 30.0),
        ("v", 20.0, 0.0, 20.0, 10.0),
    ]


def test_a_closed_rectangle_gives_four_edges_and_a_thin_filled_one_a_single_rule():
    assert [e[0] for e in _edges("S 0 0 L 10 0 L 10 5 L 0 5 C")] == ["h", "h", "v", "v"]
    assert _edges("M 0 0 L 50 0 L 50 0.2 L 0 0.2 C", filled=True) == [
        ("h", 0.0, 0.1, 50.0, 0.1)
    ]
    assert _edges("M 0 0 L 0.2 0 L 0.2 40 L 0 40", filled=True) == [
        ("v", 0.1, 0.0, 0.1, 40.0)
    ]


@pytest.mark.parametrize(
    "data",
    [
        "M 0 0 L 10 0 xyz L 10 10",
        "M 0 0 L nan 0 L 10 10 L 20 10",
        "M 0 0 L inf 0 L 1e999 5 L 20 5",
        "M 0 0 B 1 2 L 10 0 L 10 10",
        "L 5 5 C C Z M",
    ],
)
def test_garbage_in_a_path_drops_the_broken_segment_only(data):
    edges = _edges(data)
    assert all(math.isfinite(v) for e in edges for v in e[1:])
    assert len(edges) <= 2


def test_a_million_token_path_is_bounded(caplog):
    # A square wave of ~333k axis-aligned edges: pdfplumber would never finish the cells.
    steps = " ".join(
        f"L {x} 0 L {x} 5 L {x + 1} 5 L {x + 1} 0" for x in range(0, 166_668, 2)
    )
    garbage = " ".join(["x", "nan", "Q", "1e999"] * 50_000)
    path = (
        '<ofd:PathObject ID="5" Boundary="0 0 1000 1000"><ofd:AbbreviatedData>'
        f"M 0 0 {steps} {garbage}</ofd:AbbreviatedData></ofd:PathObject>"
    )
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="parsers.extract.ofd"):
        document = extract_ofd(
            _ofd(_page(path + _text(10, 10, "正文"))), limits=DEFAULT_LIMITS
        )
    assert time.monotonic() - start < 10
    assert document.text == "正文"
    assert document.tables == ()
    assert "ruling edges, tables ignored" in caplog.text


def test_a_dense_grid_is_refused_in_bounded_time(caplog):
    # 150 x 150 lines 2 mm apart: pdfplumber alone would need minutes for the cells.
    across = " ".join(f"M 0 {y} L 300 {y}" for y in range(0, 300, 2))
    down = " ".join(f"M {x} 0 L {x} 298" for x in range(0, 300, 2))
    lines = f"{across} {down}"
    path = (
        '<ofd:PathObject ID="5" Boundary="0 0 1000 1000"><ofd:AbbreviatedData>'
        f"{lines}</ofd:AbbreviatedData></ofd:PathObject>"
    )
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="parsers.extract.ofd"):
        document = extract_ofd(_ofd(_page(path)), limits=DEFAULT_LIMITS)
    assert time.monotonic() - start < 5
    assert document.tables == ()
    assert "too dense" in caplog.text


@pytest.mark.parametrize(
    "bad",
    [
        _text(10, 10, "坏", extra=' CTM="nan 0 0 1 0 0"'),
        _text(10, 10, "坏").replace('Boundary="10 10', 'Boundary="inf 10'),
        _text(10, 10, "坏").replace('Size="4"', 'Size="nan"'),
        _text(10, 10, "坏").replace('X="0"', 'X="abc"'),
        _text(10, 10, "坏", extra=' CTM="1 0 0 1 0"'),
    ],
    ids=["nan-ctm", "inf-boundary", "nan-size", "garbage-x", "short-ctm"],
)
def test_an_object_with_unusable_numbers_is_skipped_and_logged(bad, caplog):
    with caplog.at_level(logging.INFO, logger="parsers.extract.ofd"):
        text = extract_ofd(
            _ofd(_page(bad + _text(10, 50, "好"))), limits=DEFAULT_LIMITS
        ).text
    assert text == "好"
    assert "objects skipped" in caplog.text


def test_hostile_delta_x_repeats_cost_nothing():
    code = '<ofd:TextCode X="0" Y="4" DeltaX="g 1e300 4 g -5 nan x 1">一二三</ofd:TextCode>'
    content = _page(
        f'<ofd:TextObject ID="2" Boundary="10 10 50 5" Size="4">{code}</ofd:TextObject>'
    )
    start = time.monotonic()
    assert extract_ofd(_ofd(content), limits=DEFAULT_LIMITS).text == "一二三"
    assert time.monotonic() - start < 1


def test_un_prefixed_default_namespace_reads():
    body = _ofd(_page(_text(10, 10, "默认")))
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        members = {
            name: archive.read(name)
            .replace(b"<ofd:", b"<")
            .replace(b"</ofd:", b"</")
            .replace(b"xmlns:ofd=", b"xmlns=")
            for name in archive.namelist()
        }
    assert extract_ofd(zip_bytes(members), limits=DEFAULT_LIMITS).text == "默认"
