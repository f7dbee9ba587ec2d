"""Money is read in 万元 only: a cell in 元 is left unread, never taken 10,000 times too large."""

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


def test_fee_in_yuan_is_left_unread_with_a_problem():
    value, problems = _fee("12000元")
    assert value is None
    assert any(
        p.where == "active_disclosure.administrative_fees.amount" for p in problems
    )
