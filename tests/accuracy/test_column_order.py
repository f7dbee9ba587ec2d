"""The ``column-order`` class prints what it claims, and the parser reads it as it must.

A case is worth scoring only if its header really names the columns in the variant's order and
its numbers follow that header; then every part printed in another order must come out null
with a ``table_shape`` problem (never numbers in the national columns), and the national
shapes beside them must be read whole.
"""

from __future__ import annotations

import pytest

from parsers import Source, extract, parse_report
from tests.accuracy import render_columns
from tests.accuracy import template as T
from tests.accuracy.score import flatten
from tests.accuracy.truth import make_truth

#: The part each variant prints out of the national order (None: every part is national).
OUT_OF_ORDER = {
    "total-first": "applications",
    "person-last": "applications",
    "orgs-swapped": "applications",
    "three-level": None,
    "review-results": "review_litigation",
    "litigation-first": "review_litigation",
    "money-yuan": None,
    "active-renamed": None,
}
#: Shapes whose part 二 header reads cell by cell (a renamed column placed by elimination).
HEADER_BY_CELL = ("text", "html", "pdf-ruled")
SHAPES = ("text", "dump", "glued", "html", "pdf-ruled", "pdf-unruled")


def _parse(truth, variant, shape):
    if shape == "text":
        from parsers.model import Document

        return parse_report(Document(text=render_columns.render_text(truth, variant)))
    if shape in ("dump", "glued"):
        from parsers.model import Document

        text = render_columns.render_dump(truth, variant, glued=shape == "glued")
        return parse_report(Document(text=text))
    if shape == "html":
        source = Source(
            body=render_columns.render_html(truth, variant), media_type="text/html"
        )
    else:
        body = render_columns.render_pdf(truth, variant, ruled=shape == "pdf-ruled")
        source = Source(body=body, media_type="application/pdf")
    return parse_report(extract(source))


def test_the_same_seed_gives_the_same_documents():
    first, again = render_columns.cases(3, 7), render_columns.cases(3, 7)
    assert [c.name for c in first] == [c.name for c in again]
    assert [c.document or c.source for c in first] == [
        c.document or c.source for c in again
    ]


def test_the_text_header_and_numbers_follow_the_variant_order():
    truth = make_truth(11, fmt="2021")
    text = render_columns.render_text(truth, "total-first")
    header = text.split(T.PART_APPLICATIONS, 1)[1]
    assert header.index("总计") < header.index("自然人")
    row = next(
        line for line in text.splitlines() if line.startswith(T.LABELS["new_requests"])
    )
    assert row.split("\t")[1] == str(truth.values["applications.new_requests.total"])
    review = text.split(T.PART_REVIEW, 1)[1]
    assert review.index(T.REVIEW) < review.index(T.LITIGATION)
    lit = render_columns.render_text(truth, "litigation-first").split(T.PART_REVIEW, 1)[
        1
    ]
    assert lit.index(T.LITIGATION) < lit.index(T.REVIEW)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("variant", sorted(OUT_OF_ORDER))
def test_a_part_out_of_the_national_order_is_null_and_the_rest_is_read(variant, shape):
    truth = make_truth(2024 + len(variant), fmt="2021" if "pdf" in shape else None)
    report = _parse(truth, variant, shape)
    got = flatten(report)
    part = OUT_OF_ORDER[variant]
    for path, want in truth.values.items():
        if part is not None and path.startswith(part + "."):
            assert got[path] is None, (path, got[path], want)
        elif shape == "glued" and got[path] is None:
            continue  # a glued run may split several ways under the rules: left null
        elif (
            variant == "active-renamed"
            and shape not in HEADER_BY_CELL
            and path.startswith("active_disclosure.")
        ):
            assert got[path] in (None, want), (path, got[path], want)
        else:
            assert got[path] == want, (path, got[path], want)
    if part is not None and shape != "glued":
        # (a glued part may be null for its runs alone: no split satisfies every rule)
        assert any(p.where == part and p.kind == "table_shape" for p in report.problems)
