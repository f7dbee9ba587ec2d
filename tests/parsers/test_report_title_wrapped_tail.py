"""A title wrapped inside its last words: ``…工作年度`` / ``报告``, ``…年度报`` / ``告``.

A heading too long for its line (a PDF's title, a page printed to PDF) wraps wherever the
width ends; cut inside 年度报告, neither line ends as a title, and the report had no title and
no year.
"""

from __future__ import annotations

import pytest

from parsers.model import Document
from parsers.report import parse_report

BODY = "一、总体情况\n2023年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n"


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        ("北岭县交通运输局2023年政府信息公开工作年度", "报告"),
        ("北岭县交通运输局2023年政府信息公开工作年度报", "告"),
        ("北岭县交通运输局2023年政府信息公开工作年", "度报告"),
        ("北岭县交通运输局2023年政府信息公开工作", "年度报告"),
    ],
)
def test_a_title_wrapped_inside_its_last_words_is_joined(head, tail):
    report = parse_report(Document(text=f"{head}\n{tail}\n{BODY}"))
    assert report.title == "北岭县交通运输局2023年政府信息公开工作年度报告"
    assert (report.year, report.agency) == (2023, "北岭县交通运输局")


def test_a_short_line_under_prose_is_no_title_tail():
    text = "本机关高度重视政府信息公开工作，认真编制年度\n报告\n" + BODY
    assert parse_report(Document(text=text)).title is None
