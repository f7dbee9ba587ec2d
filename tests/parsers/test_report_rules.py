"""The formats' rules and the inference policy of architecture.md, on small rendered reports."""

from __future__ import annotations

from decimal import Decimal

from parsers.model import Document
from parsers.report import parse_report
from parsers.report.rules import check_rules, format_rules, infer_missing
from tests.parsers.report_render import Counts, consistent_values, render_tabs

COUNTS = Counts(
    leaves={
        ("disclosed", "natural_person"): 3,
        ("unable_not_held", "commercial_enterprise"): 2,
    },
    carried_forward={"natural_person": 1},
    carried_over_share={"natural_person": 50},
    review={("review", "upheld"): 1, ("litigation_direct", "pending"): 2},
)


def _problems(report, kind):
    return {p.where for p in report.problems if p.kind == kind}


def test_a_consistent_report_reads_ok_with_every_number():
    values = consistent_values("2021", COUNTS)
    report = parse_report(Document(text=render_tabs("2021", values, {})))
    assert report.status == "ok"
    assert report.format == "2021"
    assert (
        report.applications["new_requests"]["natural_person"]
        == values["applications.new_requests.natural_person"]
    )
    assert report.applications["unable_not_held"]["total"] == 2
    assert report.review_litigation["litigation_direct"]["total"] == 2
    assert report.problems == ()


def test_a_broken_rule_is_reported_and_the_read_numbers_are_kept():
    values = consistent_values("2019", COUNTS)
    values["applications.disclosed.total"] = 9  # the source's own arithmetic error
    report = parse_report(Document(text=render_tabs("2019", values, {}, year=2020)))
    assert report.status == "inconsistent"
    assert report.applications["disclosed"]["total"] == 9
    violated = [p for p in report.problems if p.kind == "rule_violated"]
    assert any("disclosed" in p.detail and "9" in p.detail for p in violated)


def test_a_single_blank_is_solved_and_marked_inferred():
    values = consistent_values("2021", COUNTS)
    path = "applications.disclosed.natural_person"
    report = parse_report(Document(text=render_tabs("2021", values, {path: "\xa0"})))
    assert report.applications["disclosed"]["natural_person"] == values[path]
    assert path in _problems(report, "inferred")
    assert report.status == "ok"


def test_blanks_the_rules_do_not_determine_stay_missing():
    # a rectangle of blanks: every rule through them has two unknowns and a non-zero remainder
    counts = Counts(
        leaves={
            ("disclosed", "natural_person"): 3,
            ("disclosed", "commercial_enterprise"): 1,
            ("partially_disclosed", "natural_person"): 2,
            ("partially_disclosed", "commercial_enterprise"): 4,
        },
        carried_forward={},
        carried_over_share={},
        review={},
    )
    values = consistent_values("2021", counts)
    corners = [
        f"applications.{r}.{c}"
        for r in ("disclosed", "partially_disclosed")
        for c in ("natural_person", "commercial_enterprise")
    ]
    report = parse_report(
        Document(text=render_tabs("2021", values, dict.fromkeys(corners, "—")))
    )
    for path in corners:
        _, row, col = path.split(".")
        assert report.applications[row][col] is None
        assert path in _problems(report, "missing_cell")
    assert report.status == "partial"


def test_blanks_are_forced_to_zero_when_the_known_parts_reach_the_total():
    values = consistent_values("2021", COUNTS)
    blanks = {
        f"applications.denied_state_secret.{c}": ""
        for c in ("research_institution", "legal_service")
    }
    blanks["applications.denied_state_secret.natural_person"] = "\xa0"
    report = parse_report(Document(text=render_tabs("2021", values, blanks)))
    assert report.applications["denied_state_secret"]["natural_person"] == 0
    assert "applications.denied_state_secret.natural_person" in _problems(
        report, "inferred"
    )


def test_a_short_row_is_not_shifted_but_recovered_when_the_rules_determine_it():
    values = consistent_values("2021", COUNTS)
    # the zero cells of one row were dropped: 3 numbers for 7 columns
    row = "applications.disclosed"
    blanks = {
        f"{row}.{c}": "<drop>"
        for c in (
            "commercial_enterprise",
            "research_institution",
            "social_organization",
            "legal_service",
        )
    }
    report = parse_report(Document(text=render_tabs("2021", values, blanks)))
    assert report.applications["disclosed"] == {
        c: values[f"{row}.{c}"] for c in report.applications["disclosed"]
    }
    assert f"{row}.natural_person" in _problems(report, "inferred")


def test_a_short_row_whose_numbers_do_not_fit_the_recovered_row_is_not_recovered():
    rules = format_rules("2019")
    values = {p: 0 for rule in rules for p in rule.plus + rule.minus}
    row = tuple(
        f"applications.disclosed.{c}"
        for c in (
            "natural_person",
            "commercial_enterprise",
            "research_institution",
            "social_organization",
            "legal_service",
            "other_organization",
            "total",
        )
    )
    for path in row:
        values[path] = None
    # the rules say the row is all zeros, but the row was read holding a 5: not recoverable
    inferred = infer_missing(rules, values, row, [(row, (Decimal(5),))])
    assert not set(row) & set(inferred)
    assert set(row) <= set(infer_missing(rules, values, row, [(row, (Decimal(0),))]))


def test_unknowns_that_would_have_to_be_negative_break_the_rule():
    rules = [r for r in format_rules("2021") if r.name.startswith("total = upheld")]
    values = {
        "review_litigation.review.total": 1,
        "review_litigation.review.upheld": 3,
        "review_litigation.review.corrected": None,
        "review_litigation.review.other": 0,
        "review_litigation.review.pending": 0,
    }
    assert [p.kind for p in check_rules(rules, values)] == ["rule_violated"]


def test_money_and_change_cells_are_never_inferred():
    text = (
        "二、主动公开政府信息情况\n信息内容\t上一年项目数量\t本年增/减\n行政事业性收费\t3\t\xa0\n"
        "信息内容\t采购项目数量\t采购总金额\n政府集中采购\t2\t\xa0\n"
    )
    values = consistent_values("2019", COUNTS)
    # the rendered report's own 收费 and 采购 rows left out: each item is printed once
    rendered = "\n".join(
        line
        for line in render_tabs("2019", values, {}, year=2020).split("\n")
        if not line.startswith(("行政事业性收费", "政府集中采购"))
    )
    report = parse_report(Document(text=text + rendered))
    assert report.active_disclosure["administrative_fees"] == {
        "previous_count": 3,
        "change": None,
    }
    assert report.active_disclosure["centralized_procurement"] == {
        "projects": 2,
        "amount": None,
    }
    missing = _problems(report, "missing_cell")
    assert {
        "active_disclosure.administrative_fees.change",
        "active_disclosure.centralized_procurement.amount",
    } <= missing
    assert not any(
        p.startswith("active_disclosure") for p in _problems(report, "inferred")
    )


def test_every_none_has_a_problem_naming_its_path():
    values = consistent_values("2021", COUNTS)
    blanks = {
        f"applications.{r}.natural_person": "<drop>"
        for r in ("disclosed", "carried_over", "new_requests")
    }
    blanks |= {
        "review_litigation.review.total": "—",
        "review_litigation.review.upheld": "—",
    }
    report = parse_report(Document(text=render_tabs("2021", values, blanks)))
    explained = {p.where for p in report.problems}
    for section in ("active_disclosure", "applications", "review_litigation"):
        for row, cols in getattr(report, section).items():
            for col, value in cols.items():
                if value is None:
                    assert f"{section}.{row}.{col}" in explained
