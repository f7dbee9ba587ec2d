"""Inference never hides an inconsistent source: every filled-in table satisfies every rule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import Document, parse_report
from parsers.report.rules import check_rules, format_rules
from tests.parsers.report_render import Counts, consistent_values, render_tabs


def _flat(report):
    return {
        f"{section}.{row}.{col}": value
        for section in ("applications", "review_litigation")
        for row, cols in getattr(report, section).items()
        for col, value in cols.items()
    }


def test_a_blank_two_rules_determine_differently_is_not_inferred():
    # natural_person: 10 new requests, handled rows summing to 9, total_handled blank. Rule
    # 一+二 = 三(七)+四 says 10, rule (七) = sum of (一)…(六) says 9: the source is inconsistent.
    values = consistent_values(
        "2021", Counts({("disclosed", "natural_person"): 9}, {}, {}, {})
    )
    values["applications.new_requests.natural_person"] = 10
    values["applications.new_requests.total"] = 10
    # Both total_handled cells blank: the conflict runs only through blanks, so no rule among
    # the read cells is broken before inference.
    blanks = dict.fromkeys(
        [
            "applications.total_handled.natural_person",
            "applications.total_handled.total",
        ],
        "\xa0",
    )
    text = render_tabs("2021", values, blanks)
    report = parse_report(Document(text=text))
    assert report.applications["total_handled"]["natural_person"] is None
    assert report.status == "inconsistent"
    kinds = {(p.where, p.kind) for p in report.problems}
    assert ("applications.total_handled.natural_person", "missing_cell") in kinds
    assert any(kind == "rule_violated" for _where, kind in kinds)


@st.composite
def perturbed_blanked_reports(draw):
    fmt = draw(st.sampled_from(["2019", "2021"]))
    leaves = draw(
        st.dictionaries(
            st.tuples(
                st.sampled_from(["disclosed", "partially_disclosed"]),
                st.just("natural_person"),
            ),
            st.integers(0, 9),
            max_size=2,
        )
    )
    values = consistent_values(fmt, Counts(leaves, {}, {}, {}))
    paths = sorted(values)
    # One read number off by a little (a typo in the source), some other cells blank.
    typo = draw(st.sampled_from(paths))
    values[typo] += draw(st.integers(1, 3))
    blanked = draw(
        st.lists(
            st.sampled_from([p for p in paths if p != typo]), max_size=25, unique=True
        )
    )
    return fmt, values, dict.fromkeys(blanked, "\xa0")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=perturbed_blanked_reports())
def test_unless_inconsistent_the_filled_in_report_satisfies_every_rule(case):
    fmt, values, blanks = case
    report = parse_report(Document(text=render_tabs(fmt, values, blanks)))
    if report.status == "inconsistent":
        return
    assert check_rules(format_rules(fmt), _flat(report)) == []
