"""Golden tests: the parser against expected JSON written by hand from five real reports.

Each case under ``tests/parsers/golden/<case>/`` holds ``source.txt`` (an exact byte copy of a
file in ``../shared/corpus/``), ``expected.json`` (every cell of the report's national format,
read cell by cell from the source, with the blank-cell policy of docs/architecture.md applied by
hand) and ``meta.json`` (how it was read). The parser must match them all, cell by cell.

Two groups of tests:

* parser tests, parametrized over (case, section) so a failure names both, plus one run per case
  of the real command line ``nianbao parse FILE --json``;
* sanity tests of the golden files themselves that never touch the parser: byte identity with the
  corpus, completeness, the format's arithmetic, and an independent re-reading of the numbers
  of each table row from ``source.txt`` (a second check of every hand-typed value).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from decimal import Decimal
from typing import Any

import pytest

import parsers
from parsers.report.vocabulary import (
    ACTIVE_2019,
    ACTIVE_2021,
    APPLICANT_PARTS,
    APPLICANTS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    application_rows,
    handled_rows,
)
from tests.parsers.golden_diff import (
    CELL_SECTIONS,
    REPO_ROOT,
    SECTIONS,
    diff_report,
    diff_section,
    format_diff,
    list_cases,
    load_expected,
    load_meta,
    null_cells,
    run_cli,
    source_path,
)

CASES = list_cases()


def test_all_five_corpus_reports_have_a_golden_case():
    corpus = sorted(
        p.stem for p in (REPO_ROOT / "crawler/sampleportal/corpus").glob("*.txt")
    )
    assert corpus == CASES
    assert len(CASES) == 5


# ------------------------------------------------------------------ the parser against the goldens


@functools.cache
def _parsed(case: str) -> dict[str, Any]:
    """The parser's JSON for one case, computed once for all eight sections."""
    text = source_path(case).read_text(encoding="utf-8")
    report = parsers.parse_report(parsers.Document(text=text))
    result: dict[str, Any] = parsers.report_to_json(report)
    return result


@pytest.mark.parametrize(
    ("case", "section"),
    [pytest.param(c, s, id=f"{c}-{s}") for c in CASES for s in SECTIONS],
)
def test_parser_matches_hand_written_golden_section(case, section):
    lines = diff_section(load_expected(case), _parsed(case), section)
    assert not lines, format_diff(case, lines)


@pytest.mark.parametrize("case", CASES)
def test_nianbao_parse_json_matches_golden_file(case):
    done = run_cli(source_path(case))
    assert done.returncode == 0, (
        f"nianbao parse exited {done.returncode}:\n{done.stderr}"
    )
    actual = json.loads(done.stdout)
    lines = diff_report(load_expected(case), actual)
    assert not lines, format_diff(case, lines)


# ------------------------------------------------------------------ the golden files themselves


@pytest.mark.parametrize("case", CASES)
def test_source_is_exact_copy_of_corpus_file_named_in_meta(case):
    meta = load_meta(case)
    body = source_path(case).read_bytes()
    assert set(meta) == {"source", "sha256", "checked_by", "how"}
    assert meta["source"] == f"shared/corpus/{case}.txt"
    assert meta["checked_by"] == "hand"
    assert len(meta["how"]) > 200  # a real account of the reading, section by section
    assert hashlib.sha256(body).hexdigest() == meta["sha256"]
    # The repository carries the same corpus for the sample portal (crawler/sampleportal/corpus).
    assert (
        body == (REPO_ROOT / "crawler/sampleportal/corpus" / f"{case}.txt").read_bytes()
    )


def _active_items(fmt: str) -> dict[str, tuple[str, ...]]:
    return ACTIVE_2019 if fmt == "2019" else ACTIVE_2021


def _expected_shape(fmt: str) -> dict[str, dict[str, list[str]]]:
    return {
        "active_disclosure": {k: list(v) for k, v in _active_items(fmt).items()},
        "applications": {r: list(APPLICANTS) for r in application_rows(fmt)},
        "review_litigation": {g: list(REVIEW_COLUMNS) for g in REVIEW_GROUPS},
    }


@pytest.mark.parametrize("case", CASES)
def test_expected_json_lists_every_cell_of_its_format_as_number_or_null(case):
    expected = load_expected(case)
    assert expected["schema"] == "nianbao.report/1"
    assert expected["format"] in {"2019", "2021"}
    shape = _expected_shape(expected["format"])
    for section in CELL_SECTIONS:
        got = {row: list(cols) for row, cols in expected[section].items()}
        assert got == shape[section], section
        for row, cols in expected[section].items():
            for col, value in cols.items():
                ok = value is None or (type(value) is int and value >= 0)
                if col == "amount":
                    ok = value is None or (type(value) in {int, float} and value >= 0)
                elif col == "change":
                    ok = value is None or type(value) is int
                assert ok, f"{section}.{row}.{col} = {value!r}"


def _rule_violations(expected: dict[str, Any]) -> list[str]:
    """The format's rules (DESIGN.md part 三 and 四) over the golden cells; nulls are skipped."""
    apps, fmt = expected["applications"], expected["format"]
    sums: list[tuple[str, list[Any], list[Any]]] = []
    for col in APPLICANTS:
        sums.append(
            (
                f"{col}: 一 + 二 = 三(七) + 四",
                [apps["new_requests"][col], apps["carried_over"][col]],
                [apps["total_handled"][col], apps["carried_forward"][col]],
            )
        )
        rows = [apps[r][col] for r in handled_rows(fmt)]
        sums.append(
            (f"{col}: (七) = sum of (一)…(六)", [apps["total_handled"][col]], rows)
        )
    for row, cols in apps.items():
        parts = [cols[c] for c in APPLICANT_PARTS]
        sums.append((f"{row}: 总计 = six applicants", [cols["total"]], parts))
    for group, cols in expected["review_litigation"].items():
        parts = [cols[c] for c in REVIEW_COLUMNS[:-1]]
        sums.append((f"{group}: 总计 = four results", [cols["total"]], parts))
    return [
        name
        for name, left, right in sums
        if None not in left + right and sum(left) != sum(right)
    ]


@pytest.mark.parametrize("case", CASES)
def test_expected_cells_obey_the_format_rules_unless_status_is_inconsistent(case):
    expected = load_expected(case)
    violations = _rule_violations(expected)
    kinds = {p["kind"] for p in expected["expected_problems"]}
    if expected["status"] == "inconsistent":
        assert violations
        assert "rule_violated" in kinds
    else:
        assert violations == []
        assert "rule_violated" not in kinds


@pytest.mark.parametrize("case", CASES)
def test_expected_problems_agree_with_null_and_inferred_cells_and_status(case):
    expected = load_expected(case)
    problems = expected["expected_problems"]
    wheres = [p["where"] for p in problems]
    assert len(wheres) == len(set(wheres)), "one problem per cell"
    missing = {p["where"] for p in problems if p["kind"] == "missing_cell"}
    assert missing == set(null_cells(expected))
    for p in problems:
        if p["kind"] != "inferred":
            continue
        section, row, col = p["where"].split(".")
        assert expected[section][row][col] is not None, p["where"]
        # Policy (3): change (本年增/减) and money are never inferred.
        assert col not in {"change", "amount"}, p["where"]
    has_null = bool(null_cells(expected))
    assert expected["status"] in {"inconsistent", "partial", "ok"}
    if expected["status"] != "inconsistent":
        assert expected["status"] == ("partial" if has_null else "ok")


# ------------------------------------------------------------------ independent re-reading

#: Section headings (part 二, 三, 四, then 五 which ends part 四); the number before 、 varies
#: (shuguang renumbers 三→四, xingfu writes 3、 and 4、) and fenyang writes 政府信息公开工作存在的
#: 主要问题, so only the words are matched.
_HEADINGS = (
    r"主动公开政府信息情况",
    r"收到和处理政府信息公开申请情况",
    r"政府信息公开行政复议、行政诉讼情况",
    r"存在的主要问题",
)
_HEADING = r"^\s*[一二三四五六七\d]+、\s*\S{{0,12}}{}"

#: A distinctive piece of each row label, as printed in the national format (part 二 labels
#: must match the whole cell: 规章 also occurs inside other labels).
_ACTIVE_LABELS = {
    "rules": r"规章",
    "normative_documents": r"(行政)?规范性文件",
    "administrative_license": r"行政许可",
    "other_services": r"其他对外管理服务事项",
    "administrative_penalty": r"行政处罚",
    "administrative_coercion": r"行政强制",
    "administrative_fees": r"行政事业性收费",
    "centralized_procurement": r"政府集中采购",
}
_APPLICATION_LABELS = {
    "new_requests": r"本年新收",
    "carried_over": r"上年结转",
    "disclosed": r"予以公开",
    "partially_disclosed": r"部分公开",
    "denied_state_secret": r"国家秘密",
    "denied_prohibited_by_law": r"禁止公开",
    "denied_three_securities_one_stability": r"三安全一稳定",
    "denied_third_party_rights": r"第三方合法权益",
    "denied_internal_affairs": r"内部事务",
    "denied_process_information": r"过程性信息",
    "denied_law_enforcement_file": r"行政执法案卷",
    "denied_administrative_query": r"行政查询事项",
    "unable_not_held": r"不掌握",
    "unable_needs_creation": r"另行制作",
    "unable_unclear_after_correction": r"仍不明确",
    "not_processed_petition": r"信访举报",
    "not_processed_duplicate": r"重复申请",
    "not_processed_publication": r"公开出版物",
    "not_processed_excessive": r"大量反复",
    "not_processed_confirmation": r"确认或重新出具",
    "other_handling": r"其他处理",
    "other_no_correction": r"逾期不补正",
    "other_unpaid_fee": r"缴纳费用",
    "other_other": r"^3\.\s*其他$",
    "total_handled": r"[(（]七[)）]",
    "carried_forward": r"结转下年度",
}
#: Source cells that belong to no column of the format, by (case, row): beihai's 行政事业性收费
#: table repeats the 处理决定数量 header of the table above it, so its row has a third number.
_EXTRA_TRAILING_CELLS = {("2020-beihai-jiedao", "administrative_fees"): 1}

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _section_cells(text: str, part: int) -> list[str]:
    """Cells of one part: the text between its heading and the next, split on tabs and lines."""
    lines = text.split("\n")

    def heading(words: str) -> int:
        pattern = re.compile(_HEADING.format(words))
        return next(
            i
            for i, line in enumerate(lines)
            if pattern.match(line.replace("\xa0", " "))
        )

    start, end = heading(_HEADINGS[part]), heading(_HEADINGS[part + 1])
    body = "\n".join(lines[start + 1 : end])
    return [unicodedata.normalize("NFKC", c).strip() for c in re.split(r"[\t\n]", body)]


def _row_numbers(
    cells: list[str], labels: dict[str, str], *, whole: bool
) -> dict[str, list[str]]:
    """For each row label in order, the number cells after it up to the next label cell."""
    rows: dict[str, list[str]] = {}
    pos = 0
    for row, label in labels.items():
        pattern = re.compile(label)
        match = pattern.fullmatch if whole else pattern.search
        start = next(
            i
            for i in range(pos, len(cells))
            if _CJK.search(cells[i]) and match(cells[i])
        )
        numbers: list[str] = []
        for cell in cells[start + 1 :]:
            if _CJK.search(cell):
                break
            if _NUMBER.fullmatch(cell):
                numbers.append(cell)
        rows[row] = numbers
        pos = start + 1
    return rows


def _is_subsequence(needle: list[Decimal], haystack: list[Decimal]) -> bool:
    it = iter(haystack)
    return all(any(x == y for y in it) for x in needle)


def _check_row(
    where: str, source: list[str], cells: dict[str, Any], inferred: set[str]
) -> None:
    """Numbers read from a source row against the golden row (policy of docs/architecture.md).

    A row that kept its cells must show exactly the golden values that were read (not inferred,
    not null), in column order. A short row (fewer numbers than columns, policy 2) is wholly
    unread in the golden file, and its numbers must appear in order in the recovered row.
    """
    numbers = [Decimal(n) for n in source]
    read = [
        Decimal(str(v))
        for c, v in cells.items()
        if v is not None and f"{where}.{c}" not in inferred
    ]
    assert len(numbers) <= len(cells), where
    if not read and numbers:
        assert len(numbers) < len(cells), (
            f"{where}: a full row cannot be wholly inferred"
        )
        recovered = [Decimal(str(v)) for v in cells.values() if v is not None]
        assert _is_subsequence(numbers, recovered), where
    else:
        assert numbers == read, f"{where}: source {source}, golden read cells {read}"


@pytest.mark.parametrize("case", CASES)
def test_numbers_in_each_source_row_match_golden_row(case):
    text = source_path(case).read_text(encoding="utf-8")
    expected = load_expected(case)
    fmt = expected["format"]
    inferred = {
        p["where"] for p in expected["expected_problems"] if p["kind"] == "inferred"
    }

    active = _row_numbers(
        _section_cells(text, 0),
        {k: _ACTIVE_LABELS[k] for k in _active_items(fmt)},
        whole=True,
    )
    for item, numbers in active.items():
        extra = _EXTRA_TRAILING_CELLS.get((case, item), 0)
        kept = numbers[: len(numbers) - extra]
        _check_row(
            f"active_disclosure.{item}",
            kept,
            expected["active_disclosure"][item],
            inferred,
        )

    apps = _row_numbers(
        _section_cells(text, 1),
        {r: _APPLICATION_LABELS[r] for r in application_rows(fmt)},
        whole=False,
    )
    for row, numbers in apps.items():
        _check_row(
            f"applications.{row}", numbers, expected["applications"][row], inferred
        )

    review = [c for c in _section_cells(text, 2) if _NUMBER.fullmatch(c)]
    flat = {
        f"{g}.{c}": v
        for g, cols in expected["review_litigation"].items()
        for c, v in cols.items()
    }
    _check_row("review_litigation", review, flat, inferred)


@pytest.mark.parametrize("case", CASES)
def test_golden_metadata_is_what_the_source_says(case):
    text = source_path(case).read_text(encoding="utf-8")
    expected = load_expected(case)
    if expected["agency"] is not None:
        assert expected["agency"] in text
    # The title (or, without a title, the report's own 年度 statement) carries the year.
    statement = re.search(r"(\d{4})\s*年.*?信息公开工作\s*年度报告", text)
    assert statement is not None
    assert int(statement.group(1)) == expected["year"]
    # Format by the table labels, not by the year (DESIGN.md part 二).
    flat = re.sub(r"\s", "", text)
    is_2019 = (
        "本年新制作数量" in flat
        and "其他对外管理服务事项" in flat
        and "政府集中采购" in flat
    )
    is_2021 = (
        "本年制发件数" in flat and "行政规范性文件" in flat and "本年收费金额" in flat
    )
    assert is_2019 != is_2021
    assert expected["format"] == ("2019" if is_2019 else "2021")


# ------------------------------------------------------------------ the diff helper itself


def _report_from_golden(case: str) -> dict[str, Any]:
    """A parser-shaped report that agrees with a golden file (problems carry a detail)."""
    expected = load_expected(case)
    report = {k: v for k, v in expected.items() if k != "expected_problems"}
    report["problems"] = [{**p, "detail": "…"} for p in expected["expected_problems"]]
    copied: dict[str, Any] = json.loads(
        json.dumps(report)
    )  # JSON types, as the CLI prints
    return copied


def test_golden_diff_is_empty_for_a_report_equal_to_the_golden_file():
    for case in CASES:
        assert diff_report(load_expected(case), _report_from_golden(case)) == []


def test_golden_diff_names_a_changed_cell_with_both_values():
    report = _report_from_golden("2021-changchun-nanguan-xingfu")
    report["applications"]["new_requests"]["total"] = 5
    lines = diff_section(
        load_expected("2021-changchun-nanguan-xingfu"), report, "applications"
    )
    assert lines == ["applications.new_requests.total: expected 4, got 5"]


def test_golden_diff_compares_money_as_decimal_and_counts_as_int():
    expected = load_expected("2020-beihai-jiedao")
    report = _report_from_golden("2020-beihai-jiedao")
    report["active_disclosure"]["centralized_procurement"]["amount"] = Decimal(
        "15.2810"
    )
    assert diff_section(expected, report, "active_disclosure") == []
    report["active_disclosure"]["centralized_procurement"]["projects"] = 10.0
    assert diff_section(expected, report, "active_disclosure") == [
        "active_disclosure.centralized_procurement.projects: expected 10, got 10.0"
    ]


def test_golden_diff_flags_missing_problem_and_unexplained_null():
    case = "2020-fenyang-jiedao"
    report = _report_from_golden(case)
    report["problems"] = [p for p in report["problems"] if p["kind"] != "missing_cell"]
    report["applications"]["carried_forward"]["total"] = None
    lines = diff_section(load_expected(case), report, "problems")
    assert (
        "problems: missing {where: 'active_disclosure.administrative_fees.change', "
        in lines[0]
    )
    assert (
        "problems: applications.carried_forward.total is null but no problem names it"
        in lines
    )
    assert len(lines) == 3


def test_golden_diff_reports_extra_and_missing_rows():
    case = "2024-xinhua-shuguangjie"
    report = _report_from_golden(case)
    report["applications"]["other_handling"] = report["applications"].pop("other_other")
    lines = diff_section(load_expected(case), report, "applications")
    assert lines[0].startswith("applications.other_other: row missing")
    assert lines[1] == "applications.other_handling: unexpected row"
