"""Money is read in 万元: a cell in 元 is converted explicitly (and says so), never taken 10,000
times too large; money in a count cell is left unread."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers import Document, Source, extract, parse_report

TEMPLATE = """示范街道办事处2021年政府信息公开工作年度报告
二、主动公开政府信息情况
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t1\t2\t3
信息内容\t本年收费金额（单位：万元）
行政事业性收费\t{fee}
"""


def _fee(cell: str):
    report = parse_report(Document(text=TEMPLATE.format(fee=cell)))
    return report.active_disclosure["administrative_fees"]["amount"], report.problems


@pytest.mark.parametrize(
    ("cell", "amount"), [("1.25", Decimal("1.25")), ("1.25万元", Decimal("1.25"))]
)
def test_fee_in_wan_yuan_is_read(cell, amount):
    value, _problems = _fee(cell)
    assert value == amount


def test_fee_in_yuan_is_converted_to_wan_yuan_and_recorded():
    value, problems = _fee("12000元")
    assert value == Decimal("1.2")
    assert [
        p.kind for p in problems if p.where.endswith("administrative_fees.amount")
    ] == ["unit_converted"]


def test_money_in_a_count_cell_is_left_unread():
    report = parse_report(
        Document(text=TEMPLATE.format(fee="1").replace("\t1\t2\t3", "\t1\t2元\t3"))
    )
    assert report.active_disclosure["normative_documents"]["repealed"] is None
    assert any(
        p.where == "active_disclosure.normative_documents.repealed"
        and p.kind == "unreadable"
        for p in report.problems
    )


@pytest.mark.parametrize(
    ("cell", "count", "note"),
    [
        ("18（其中修订7件）", 18, "其中修订7件"),
        ("40(含自然失效12件)", 40, "含自然失效12件"),
    ],
)
def test_a_note_after_the_number_keeps_the_number_and_the_note(cell, count, note):
    text = TEMPLATE.format(fee="1").replace("\t1\t2\t3", f"\t{cell}\t2\t3")
    report = parse_report(Document(text=text))
    assert report.active_disclosure["normative_documents"]["issued"] == count
    assert any(p.kind == "note_in_cell" and note in p.detail for p in report.problems)


def _fee_from_grid(caption_above: str, header: str, note_below: str = ""):
    """The fee read from a page's table grid, the unit (if any) in a caption line apart."""
    page = (
        "<html><body><p>示范街道办事处2021年政府信息公开工作年度报告</p>"
        "<p>二、主动公开政府信息情况</p><p>第二十条第（八）项</p>"
        f"<p>{caption_above}</p><table border='1'>"
        f"<tr><td>信息内容</td><td>{header}</td></tr>"
        "<tr><td>行政事业性收费</td><td>12000</td></tr></table>"
        f"<p>{note_below}</p><p>三、收到和处理政府信息公开申请情况</p>"
        # a part 三 grid: the page is read from its tables, not from its text
        "<table border='1'><tr><td>一、本年新收政府信息公开申请数量</td>"
        + "<td>1</td>" * 6
        + "<td>6</td></tr></table></body></html>"
    )
    document = extract(Source(body=page.encode("utf-8"), media_type="text/html"))
    report = parse_report(document)
    problems = [
        p.kind
        for p in report.problems
        if p.where.endswith("administrative_fees.amount")
    ]
    return report.active_disclosure["administrative_fees"]["amount"], problems


@pytest.mark.parametrize(
    ("above", "below"),
    [("单位：元", ""), ("（单位：元）", ""), ("", "注：金额单位为元。")],
)
def test_a_caption_apart_from_the_grid_gives_the_amount_its_unit(above, below):
    value, problems = _fee_from_grid(above, "本年收费金额", below)
    assert value == Decimal("1.2")
    assert "unit_converted" in problems


def test_a_caption_contradicting_the_header_leaves_the_amount_null():
    value, problems = _fee_from_grid("单位：元", "本年收费金额（单位：万元）")
    assert value is None
    assert problems == ["unreadable"]


def test_a_grid_without_any_unit_reads_the_format_unit():
    value, problems = _fee_from_grid("", "本年收费金额")
    assert value == Decimal(12000)
    assert problems == []
