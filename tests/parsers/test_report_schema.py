"""report_to_json emits exactly nianbao.report/1, validated against parsers/report-schema.json."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

import parsers
from parsers.model import Document, Problem, Report
from parsers.report import PARSER_VERSION, parse_report, report_to_json
from tests.parsers.report_render import Counts, consistent_values, render_tabs

SCHEMA = json.loads(
    (Path(parsers.__file__).parent / "report-schema.json").read_text(encoding="utf-8")
)
CORPUS = Path(__file__).resolve().parents[2] / "crawler" / "sampleportal" / "corpus"
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_the_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_corpus_reports_validate_against_the_schema(path):
    report = parse_report(Document(text=path.read_text(encoding="utf-8")))
    out = report_to_json(report)
    VALIDATOR.validate(out)
    assert out["schema"] == "nianbao.report/1"
    assert out["parser_version"] == PARSER_VERSION
    assert json.loads(json.dumps(out, ensure_ascii=False)) == out


def test_rendered_reports_with_blanks_and_free_form_reports_validate():
    values = consistent_values("2019", Counts({}, {}, {}, {}))
    blanked = render_tabs(
        "2019", values, {"applications.disclosed.total": "<drop>"}, year=2020
    )
    for document in (
        Document(text=blanked),
        Document(text="示范县2015年政府信息公开工作年度报告"),
        Document(text=""),
    ):
        VALIDATOR.validate(report_to_json(parse_report(document)))


def test_decimals_become_json_numbers_integral_ones_integers():
    report = Report(
        year=2021,
        agency="a",
        format="2021",
        status="partial",
        active_disclosure={
            "administrative_fees": {"amount": Decimal("15.281")},
            "rules": {"issued": None},
        },
        applications={"new_requests": {"total": 3}},
        review_litigation={"review": {"total": 0}},
        problems=(Problem("active_disclosure.rules.issued", "missing_cell", "blank"),),
    )
    out = report_to_json(report)
    assert out["active_disclosure"]["administrative_fees"]["amount"] == 15.281
    assert (
        report_to_json(
            Report(
                2021,
                "a",
                "2021",
                "ok",
                active_disclosure={"administrative_fees": {"amount": Decimal("2.00")}},
            )
        )["active_disclosure"]["administrative_fees"]["amount"]
        == 2
    )
    assert isinstance(out["applications"]["new_requests"]["total"], int)
    assert out["problems"] == [
        {
            "where": "active_disclosure.rules.issued",
            "kind": "missing_cell",
            "detail": "blank",
        }
    ]
    VALIDATOR.validate(out)


def test_an_unknown_key_is_rejected_by_the_schema():
    out = report_to_json(parse_report(Document(text="")))
    out["applications"] = {"new_requests": {"martians": 1}}
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(out)


def test_the_schema_doc_lists_every_problem_kind_and_status():
    from typing import get_args

    from parsers.model import ProblemKind, ReportStatus

    doc = (Path(__file__).resolve().parents[2] / "docs" / "report-schema.md").read_text(
        encoding="utf-8"
    )
    for name in (*get_args(ProblemKind), *get_args(ReportStatus)):
        assert f"| `{name}` |" in doc, name
    assert set(SCHEMA["$defs"]["problem"]["properties"]["kind"]["enum"]) == set(
        get_args(ProblemKind)
    )
