"""Per-cell diff of a ``nianbao.report/1`` JSON against a hand-written golden ``expected.json``.

The golden files under ``tests/parsers/golden/<case>/`` were written by reading each source cell
by cell (STYLE.md §7 "Parser golden files"). This module only
*reads* them: it never writes, regenerates or "blesses" an ``expected.json``, because a golden file
copied from the parser's output would test nothing. A disagreement is fixed by re-reading the
source, by hand.

Used two ways:

* by ``tests/parsers/test_golden.py``, which calls :func:`diff_section` for one (case, section)
  and prints the lines on failure;
* from the shell, to see every disagreement at once::

      python -m tests.parsers.golden_diff                    # every case, through `nianbao parse`
      python -m tests.parsers.golden_diff 2020-fenyang-jiedao
      python -m tests.parsers.golden_diff 2020-fenyang-jiedao --actual report.json

  Exit status 0 when everything matches, 1 when a line of diff was printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
REPO_ROOT = Path(__file__).resolve().parents[2]

SCALAR_SECTIONS = ("year", "agency", "format", "status")
CELL_SECTIONS = ("active_disclosure", "applications", "review_litigation")
#: Every section a golden test compares; "problems" checks expected_problems and null cells.
SECTIONS = (*SCALAR_SECTIONS, *CELL_SECTIONS, "problems")

#: Columns that hold money (万元): compared as decimals, so 15.281 == Decimal("15.281") == 15.2810.
#: DESIGN.md part 二: 政府集中采购 采购总金额 (2019) and 行政事业性收费 本年收费金额 (2021).
MONEY_COLUMNS = frozenset({"amount"})


def list_cases() -> list[str]:
    """The golden cases: every folder under ``golden/`` that holds an ``expected.json``."""
    return sorted(p.parent.name for p in GOLDEN_DIR.glob("*/expected.json"))


def case_dir(case: str) -> Path:
    return GOLDEN_DIR / case


def source_path(case: str) -> Path:
    """The exact byte copy of the corpus file the golden file was read from."""
    return case_dir(case) / "source.txt"


def load_expected(case: str) -> dict[str, Any]:
    """The hand-written expectation of one case (read-only)."""
    data: dict[str, Any] = json.loads(
        (case_dir(case) / "expected.json").read_text("utf-8")
    )
    return data


def load_meta(case: str) -> dict[str, Any]:
    """How the golden file was checked: source, sha256, checked_by, how."""
    data: dict[str, Any] = json.loads((case_dir(case) / "meta.json").read_text("utf-8"))
    return data


def _describe(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _as_decimal(value: object) -> Decimal | None:
    """A JSON number (int, float, Decimal) as a Decimal; None for anything else (bool included)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def is_same_cell(expected: object, actual: object, *, money: bool) -> bool:
    """Whether an output cell equals the golden cell.

    A count must be an ``int`` (``0.0`` or ``True`` for 0/1 would hide a type bug); money may be
    any JSON number and is compared as a decimal. ``None`` matches only ``None``.
    """
    if expected is None or actual is None:
        return expected is None and actual is None
    if money:
        want, got = _as_decimal(expected), _as_decimal(actual)
        return want is not None and got is not None and want == got
    return type(actual) is int and actual == expected


def _diff_cells(section: str, expected: dict[str, Any], actual: object) -> list[str]:
    if not isinstance(actual, dict):
        return [f"{section}: expected an object of rows, got {_describe(actual)}"]
    lines: list[str] = []
    for row, columns in expected.items():
        got_row = actual.get(row)
        if not isinstance(got_row, dict):
            lines.append(f"{section}.{row}: row missing (got {_describe(got_row)})")
            continue
        for column, want in columns.items():
            where = f"{section}.{row}.{column}"
            if column not in got_row:
                lines.append(f"{where}: expected {_describe(want)}, column missing")
            elif not is_same_cell(want, got_row[column], money=column in MONEY_COLUMNS):
                lines.append(
                    f"{where}: expected {_describe(want)}, got {_describe(got_row[column])}"
                )
        lines.extend(
            f"{section}.{row}.{column}: unexpected column (value {_describe(got_row[column])})"
            for column in got_row
            if column not in columns
        )
    lines.extend(
        f"{section}.{row}: unexpected row" for row in actual if row not in expected
    )
    return lines


def null_cells(report: dict[str, Any]) -> list[str]:
    """Dotted paths of every ``None`` cell in a report's three cell sections."""
    paths: list[str] = []
    for section in CELL_SECTIONS:
        rows = report.get(section)
        if not isinstance(rows, dict):
            continue
        for row, columns in rows.items():
            if isinstance(columns, dict):
                paths.extend(
                    f"{section}.{row}.{c}" for c, v in columns.items() if v is None
                )
    return paths


def _diff_problems(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Expected problems missing from the output, and null output cells no problem explains.

    Extra problems in the output (``label_variant``, ``year_mismatch`` …) are allowed: the golden
    file lists what the policy in docs/architecture.md makes certain, not every remark.
    """
    problems = actual.get("problems")
    if not isinstance(problems, list):
        return [f"problems: expected a list, got {_describe(problems)}"]
    got = {(p.get("where"), p.get("kind")) for p in problems if isinstance(p, dict)}
    named = {where for where, _ in got}
    lines = [
        f"problems: missing {{where: {p['where']!r}, kind: {p['kind']!r}}}"
        for p in expected["expected_problems"]
        if (p["where"], p["kind"]) not in got
    ]
    lines.extend(
        f"problems: {where} is null but no problem names it"
        for where in null_cells(actual)
        if where not in named
    )
    return lines


def diff_section(
    expected: dict[str, Any], actual: dict[str, Any], section: str
) -> list[str]:
    """Readable disagreement lines for one section; empty when the section matches."""
    if section in SCALAR_SECTIONS:
        want, got = expected[section], actual.get(section, "<absent>")
        same = want == got and type(want) is type(got)
        return (
            []
            if same
            else [f"{section}: expected {_describe(want)}, got {_describe(got)}"]
        )
    if section in CELL_SECTIONS:
        return _diff_cells(section, expected[section], actual.get(section))
    if section == "problems":
        return _diff_problems(expected, actual)
    msg = f"unknown section {section!r}; known: {', '.join(SECTIONS)}"
    raise ValueError(msg)


def diff_report(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Every disagreement of a whole report, section by section, schema id first."""
    lines = []
    if actual.get("schema") != expected["schema"]:
        lines.append(
            f"schema: expected {expected['schema']!r}, got {actual.get('schema')!r}"
        )
    for section in SECTIONS:
        lines.extend(diff_section(expected, actual, section))
    return lines


def format_diff(case: str, lines: list[str]) -> str:
    """The diff as a block that names the case and the golden file to re-read by hand."""
    head = (
        f"{case}: {len(lines)} disagreement(s) with {case_dir(case) / 'expected.json'}"
    )
    return "\n".join([head, *(f"  {line}" for line in lines)])


def run_cli(path: Path, *, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``nianbao parse PATH --json`` as the user would, through the module entry point."""
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", "parse", str(path), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO_ROOT,
        timeout=timeout,
        check=False,
    )


def _actual_for(
    case: str, actual_file: Path | None
) -> tuple[dict[str, Any] | None, str]:
    if actual_file is not None:
        data: dict[str, Any] = json.loads(actual_file.read_text("utf-8"))
        return data, ""
    done = run_cli(source_path(case))
    if done.returncode != 0:
        return None, f"nianbao parse exited {done.returncode}: {done.stderr.strip()}"
    parsed: dict[str, Any] = json.loads(done.stdout)
    return parsed, ""


def main(argv: list[str] | None = None) -> int:
    """Print the per-cell diff of each case; never touches the golden files."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.parsers.golden_diff", description=__doc__
    )
    parser.add_argument(
        "cases", nargs="*", help="case names (default: every golden case)"
    )
    parser.add_argument(
        "--actual",
        type=Path,
        help="a saved report JSON to compare instead of running the CLI",
    )
    args = parser.parse_args(argv)
    cases = args.cases or list_cases()
    if args.actual is not None and len(cases) != 1:
        parser.error("--actual needs exactly one case")
    unknown = sorted(set(cases) - set(list_cases()))
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    status = 0
    for case in cases:
        actual, error = _actual_for(case, args.actual)
        if actual is None:
            print(f"{case}: {error}")
            status = 1
            continue
        lines = diff_report(load_expected(case), actual)
        print(format_diff(case, lines) if lines else f"{case}: matches")
        status = status or (1 if lines else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
