"""Money is read in 万元: a cell in 元 is converted explicitly (and says so), never taken 10,000
times too large; money in a count cell is left unread."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers import Document, parse_report

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
