"""The report generator: consistent numbers, and renderers that print every one of them."""

from __future__ import annotations

import random
import re
from collections import Counter
from decimal import Decimal

import pytest
from lxml import html as lxml_html

from crawler.sampleportal.reportgen import (
    TEXT_LAYOUTS,
    ReportNumbers,
    correct_one_number,
    format_number,
    generate_numbers,
    render_html,
    render_text,
)
from parsers.report.vocabulary import (
    APPLICANT_PARTS,
    APPLICANTS,
    REVIEW_COLUMNS,
    active_items,
    application_rows,
    handled_rows,
)

SEEDS = range(200)


def seeded(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 (seeded test data, not security)


FORMATS = ("2019", "2021")


def rule_violations(numbers: ReportNumbers) -> list[str]:
    """Check every rule of the format independently of the generator's code."""
    fmt = numbers.format
    apps = numbers.applications
    errors = []
    assert set(apps) == set(application_rows(fmt))
    for column in APPLICANTS:
        cell = {row: apps[row][column] for row in apps}
        if (
            cell["new_requests"] + cell["carried_over"]
            != cell["total_handled"] + cell["carried_forward"]
        ):
            errors.append(f"一+二 != 三+四 in {column}")
        if sum(cell[row] for row in handled_rows(fmt)) != cell["total_handled"]:
            errors.append(f"(七) != sum in {column}")
        if any(not isinstance(v, int) or v < 0 for v in cell.values()):
            errors.append(f"negative or non-integer count in {column}")
    for row, cells in apps.items():
        if sum(cells[c] for c in APPLICANT_PARTS) != cells["total"]:
            errors.append(f"total column != sum in {row}")
    for group, cells in numbers.review_litigation.items():
        if sum(cells[c] for c in REVIEW_COLUMNS[:-1]) != cells["total"]:
            errors.append(f"review total != sum in {group}")
    for item, columns in active_items(fmt).items():
        assert tuple(numbers.active_disclosure[item]) == columns
    return errors


@pytest.mark.parametrize("fmt", FORMATS)
def test_generated_numbers_satisfy_every_rule_for_many_seeds(fmt):
    for seed in SEEDS:
        numbers = generate_numbers(seeded(seed), fmt)
        assert rule_violations(numbers) == [], seed


def test_generated_numbers_mix_zeros_small_and_four_digit_values_money_and_negative_changes():
    values = [
        v for seed in SEEDS for v in generate_numbers(seeded(seed), "2019").all_values()
    ]
    counts = [v for v in values if isinstance(v, int)]
    assert 0 in counts
    assert {len(str(v)) for v in counts if v > 0} >= {1, 2, 3, 4}
    assert any(v < 0 for v in counts), "本年增/减 is never negative"
    money = [v for v in values if isinstance(v, Decimal)]
    assert money
    assert any(v.as_tuple().exponent == -4 for v in money)
    assert all(v.as_tuple().exponent >= -4 for v in money)


def test_generation_is_deterministic_for_a_seed():
    assert generate_numbers(seeded(9), "2021") == generate_numbers(seeded(9), "2021")
    assert generate_numbers(seeded(9), "2021") != generate_numbers(seeded(10), "2021")


def test_correction_changes_exactly_one_cell_and_keeps_the_rules():
    for seed in range(30):
        original = generate_numbers(seeded(seed), "2021")
        corrected = correct_one_number(original, seeded(seed))
        assert rule_violations(corrected) == []
        before, after = original.all_values(), corrected.all_values()
        assert sum(a != b for a, b in zip(before, after, strict=True)) == 1


def _html_tables(body: str):
    return lxml_html.fromstring(f"<div>{body}</div>").findall(".//table")


def _cell_texts(table) -> list[str]:
    return [td.text_content().strip() for td in table.iter("td")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_html_prints_every_number_in_a_table_cell(fmt):
    for seed in range(20):
        numbers = generate_numbers(seeded(seed), fmt)
        body = render_html("标题", "示范区人民政府", 2021, numbers)
        cells = [text for table in _html_tables(body) for text in _cell_texts(table)]
        numeric = Counter(
            text for text in cells if re.fullmatch(r"-?\d+(\.\d+)?", text)
        )
        assert numeric == Counter(format_number(v) for v in numbers.all_values())


@pytest.mark.parametrize(("fmt", "results_rowspan"), [("2019", 20), ("2021", 22)])
def test_html_application_table_has_the_national_merged_header_cells(
    fmt, results_rowspan
):
    numbers = generate_numbers(seeded(1), fmt)
    active, applications, review = _html_tables(
        render_html("标题", "某街道办事处", 2020, numbers)
    )
    cells = [
        (td.text_content().strip(), (td.get("colspan", "1"), td.get("rowspan", "1")))
        for td in applications.iter("td")
    ]

    def spans_of(prefix: str) -> tuple[str, str]:
        return next(span for text, span in cells if text.startswith(prefix))

    assert spans_of("（本列数据的勾稽关") == ("3", "3")
    assert spans_of("申请人情况") == ("7", "1")
    assert spans_of("法人或其他组织") == ("5", "1")
    assert spans_of("自然人") == ("1", "2")
    assert spans_of("三、本年度办理结") == ("1", str(results_rowspan))
    assert spans_of("（三）不予公开") == ("1", "8")
    assert spans_of("一、本年新收政府信") == ("3", "1")
    review_spans = [
        (td.text_content().strip(), td.get("colspan")) for td in review.iter("td")
    ][:2]
    assert review_spans == [("行政复议", "5"), ("行政诉讼", "10")]
    assert "第二十条第（一）项" in active.text_content()


@pytest.mark.parametrize("layout", [l for l in TEXT_LAYOUTS if l != "dropped_blanks"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_text_layouts_print_every_number(layout, fmt):
    numbers = generate_numbers(seeded(4), fmt)
    text = render_text("标题", "某乡人民政府", 2020, numbers, layout=layout)
    tokens = Counter(
        re.findall(r"(?<![\d.年月])-?\d+(?:\.\d+)?(?![\d年月日.、])", text)
    )
    expected = Counter(format_number(v) for v in numbers.all_values())
    assert not (expected - tokens), expected - tokens


def _row_numbers(text: str, label: str) -> list[str]:
    line = next(line for line in text.splitlines() if label in line)
    return line.split(label, 1)[1].split()


def test_tabs_layout_puts_the_seven_applicant_cells_after_each_label():
    numbers = generate_numbers(seeded(2), "2021")
    text = render_text("标题", "某乡人民政府", 2021, numbers, layout="tabs")
    row = numbers.applications["new_requests"]
    assert _row_numbers(text, "一、本年新收政府信息公开申请数量") == [
        str(row[c]) for c in APPLICANTS
    ]


def test_dropped_blanks_layout_drops_zero_cells_and_keeps_the_rest_in_order():
    numbers = generate_numbers(seeded(2), "2021")
    text = render_text("标题", "某乡人民政府", 2021, numbers, layout="dropped_blanks")
    for row_label, row_id in (
        ("（七）总计", "total_handled"),
        ("二、上年结转政府信息公开申请数量", "carried_over"),
    ):
        cells = numbers.applications[row_id]
        assert _row_numbers(text, row_label) == [
            str(cells[c]) for c in APPLICANTS if cells[c] != 0
        ]
    assert "\t0\t" not in text


def test_arabic_sections_layout_numbers_the_parts_with_digits():
    numbers = generate_numbers(seeded(2), "2019")
    text = render_text("标题", "某乡人民政府", 2020, numbers, layout="arabic_sections")
    assert "3、 收到和处理政府信息公开申请情况" in text
    assert "三、收到和处理政府信息公开申请情况" not in text
    assert "三、本年度办理结果" in text  # the row label keeps its numeral


def test_one_per_line_layout_breaks_long_header_cells_and_separates_rows():
    numbers = generate_numbers(seeded(2), "2019")
    text = render_text("标题", "某乡人民政府", 2020, numbers, layout="one_per_line")
    assert "本年新\n制作数量" in text
    assert "\t" not in text
    assert "\n\n行政许可\n" in text


def test_unknown_text_layout_is_a_clear_error():
    numbers = generate_numbers(seeded(2), "2019")
    with pytest.raises(ValueError, match="unknown text layout"):
        render_text("标题", "某乡", 2020, numbers, layout="columns")  # type: ignore[arg-type]


def test_renderers_are_deterministic():
    numbers = generate_numbers(seeded(3), "2021")
    assert render_html("t", "a", 2021, numbers) == render_html("t", "a", 2021, numbers)
    assert render_text("t", "a", 2021, numbers, "pipes") == render_text(
        "t", "a", 2021, numbers, "pipes"
    )
