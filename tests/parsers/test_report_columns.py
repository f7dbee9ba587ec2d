"""Columns printed in another order than the national one: null with a reason, never shifted.

The readers place a row's numbers by column position. These reports print the same numbers
under a header in another order (总计 first, 自然人 last, 行政诉讼 before 行政复议, results
reordered), or an amount column headed in 元: each must come out null (or converted), never
as the printed numbers in the national columns.
"""

from __future__ import annotations

from decimal import Decimal

from parsers.model import Document, Table
from parsers.report import parse_report
from parsers.report.columns import total_first_reading
from parsers.report.vocabulary import (
    APPLICANTS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    application_rows,
)
from tests.accuracy.labels_cn import APPLICANT_LABELS, REVIEW_LABELS
from tests.parsers.report_render import (
    ACTIVE_TEXT,
    GROUP_LABELS,
    ROW_LABELS,
    Counts,
    consistent_values,
)

NAMES = APPLICANT_LABELS
RESULTS = REVIEW_LABELS
VALUES = consistent_values(
    "2019",
    Counts(
        leaves={
            ("disclosed", "natural_person"): 7,
            ("disclosed", "commercial_enterprise"): 3,
            ("partially_disclosed", "research_institution"): 2,
            ("unable_not_held", "natural_person"): 4,
            ("other_handling", "other_organization"): 1,
        },
        carried_forward={"natural_person": 1},
        carried_over_share={},
        review={("review", "upheld"): 2, ("litigation_direct", "pending"): 1},
    ),
)


def _row(row: str, order: tuple[int, ...]) -> list[str]:
    numbers = [str(VALUES[f"applications.{row}.{c}"]) for c in APPLICANTS]
    return [numbers[k] for k in order]


def _review_line(groups=(0, 1, 2), columns=(0, 1, 2, 3, 4)) -> str:
    numbers = [
        str(VALUES[f"review_litigation.{g}.{c}"])
        for g in REVIEW_GROUPS
        for c in REVIEW_COLUMNS
    ]
    return "\t".join(numbers[g * 5 + c] for g in groups for c in columns)


def _text(
    header: list[str], order=tuple(range(7)), review: list[str] | None = None
) -> str:
    lines = ["示范县人民政府2020年政府信息公开工作年度报告", *ACTIVE_TEXT["2019"]]
    lines += ["三、收到和处理政府信息公开申请情况", *header]
    for row in application_rows("2019"):
        if row in GROUP_LABELS:
            lines.append(GROUP_LABELS[row])
        lines.append("\t".join([ROW_LABELS[row], *_row(row, order)]))
    lines += ["四、政府信息公开行政复议、行政诉讼情况"]
    lines += review or [
        "行政复议\t\t\t\t\t行政诉讼",
        "\t".join(RESULTS) + "\t未经复议直接起诉\t\t\t\t\t复议后起诉",
        "\t".join(RESULTS * 2),
        _review_line(),
    ]
    return "\n".join([*lines, "五、存在的主要问题及改进情况", "无。"]) + "\n"


def _nulls(report, section: str) -> bool:
    cells = getattr(report, section)
    return all(v is None for cols in cells.values() for v in cols.values()) and any(
        p.where == section and p.kind == "table_shape" for p in report.problems
    )


def test_total_first_in_a_two_level_text_header_is_not_read_as_natural_persons():
    text = _text(
        ["\t总计\t自然人\t法人或其他组织", "\t\t\t" + "\t".join(NAMES[1:6])],
        (6, 0, 1, 2, 3, 4, 5),
    )
    report = parse_report(Document(text=text))
    assert _nulls(report, "applications")
    assert report.review_litigation["review"]["upheld"] == 2


def test_person_last_in_a_two_level_text_header_is_not_read():
    header = ["\t法人或其他组织\t\t\t\t\t自然人\t总计", "\t" + "\t".join(NAMES[1:6])]
    report = parse_report(Document(text=_text(header, (1, 2, 3, 4, 5, 0, 6))))
    assert _nulls(report, "applications")


def test_total_first_on_an_unruled_pdf_header_line_is_not_read():
    """Narrow columns: 自然人 drawn a character a line, 总计 before the organisations' words."""
    header = [
        "申请人情况",
        "法人或其他组织",
        "（本列数据的勾稽关系为：第一项加第 总计 自 人 然 商业 科研 社 公 会 益 法 服 律 务 其他",
        "企业 机构",
        "二项之和，等于第三项加第四项之和） 组织 机构",
    ]
    report = parse_report(Document(text=_text(header, (6, 0, 1, 2, 3, 4, 5))))
    assert _nulls(report, "applications")


def test_a_dump_flattening_both_header_rows_onto_one_line_is_read():
    header = ["\t自然人\t法人或其他组织\t总计\t" + "\t".join(NAMES[1:6])]
    report = parse_report(Document(text=_text(header)))
    assert report.applications["disclosed"]["natural_person"] == 7


def test_a_total_spanning_every_header_row_is_the_national_order():
    header = [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\t\t\t\t\t\t总计",
        "\t自然人\t法人或其他组织",
        "\t\t" + "\t".join(NAMES[1:6]),
    ]
    report = parse_report(Document(text=_text(header)))
    assert report.applications["disclosed"]["natural_person"] == 7
    assert report.applications["disclosed"]["total"] == 10


def test_a_grid_with_total_first_is_not_read():
    rows = [
        (
            "",
            "总计",
            "自然人",
            "法人或其他组织",
            "法人或其他组织",
            "法人或其他组织",
            "法人或其他组织",
            "法人或其他组织",
        ),
        ("", "总计", "自然人", *NAMES[1:6]),
    ]
    rows += [
        (ROW_LABELS[r], *_row(r, (6, 0, 1, 2, 3, 4, 5)))
        for r in application_rows("2019")
    ]
    covered = frozenset({(0, 4), (0, 5), (0, 6), (0, 7), (1, 1), (1, 2)})
    document = Document(
        text="示范县人民政府2020年政府信息公开工作年度报告",
        tables=(Table(rows=tuple(rows), covered=covered),),
    )
    report = parse_report(document)
    assert _nulls(report, "applications")


def test_litigation_printed_before_review_is_not_read():
    review = [
        "行政诉讼\t\t\t\t\t\t\t\t\t\t行政复议",
        "未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\t" + "\t".join(RESULTS),
        "\t".join(RESULTS * 3),
        _review_line(groups=(1, 2, 0)),
    ]
    report = parse_report(
        Document(text=_text(["\t" + "\t".join(NAMES)], review=review))
    )
    assert _nulls(report, "review_litigation")
    assert report.applications["disclosed"]["natural_person"] == 7


def test_litigation_first_on_one_line_of_words_is_not_read():
    """An unruled PDF's header row comes out as one line of words."""
    review = [
        "行政诉讼 行政复议",
        "未经复议直接起诉 复议后起诉",
        " ".join(RESULTS * 3),
        _review_line(groups=(1, 2, 0)).replace("\t", " "),
    ]
    report = parse_report(
        Document(text=_text(["\t" + "\t".join(NAMES)], review=review))
    )
    assert _nulls(report, "review_litigation")


def test_review_results_in_another_order_are_not_read():
    order = (3, 0, 1, 2, 4)
    results = "\t".join(RESULTS[c] for c in order)
    review = [
        "行政复议\t\t\t\t\t行政诉讼",
        f"{results}\t未经复议直接起诉\t\t\t\t\t复议后起诉",
        "\t".join([results] * 2),
        _review_line(columns=order),
    ]
    report = parse_report(
        Document(text=_text(["\t" + "\t".join(NAMES)], review=review))
    )
    assert _nulls(report, "review_litigation")


def test_wrapped_result_headers_in_another_order_are_not_read():
    """Narrow cells wrap 尚未审结 as 尚未审 / 结: the first lines still show the order."""
    review = [
        "行政复议 行政诉讼",
        "未经复议直接起诉 复议后起诉",
        "尚未审 结果维 结果纠 其他结",
        "结 持 正 果 总计 尚未审 结果维 结果纠 其他结 总计 尚未审 结果维 结果纠 其他结 总计",
        _review_line(columns=(3, 0, 1, 2, 4)).replace("\t", " "),
    ]
    report = parse_report(
        Document(text=_text(["\t" + "\t".join(NAMES)], review=review))
    )
    assert _nulls(report, "review_litigation")


def test_wrapped_result_headers_in_the_national_order_are_read():
    review = [
        "行政复议 行政诉讼",
        "未经复议直接起诉 复议后起诉",
        "结果 结果 其他 尚未",
        "维持 纠正 结果 审结 总计 结果 结果 其他 尚未 总计 结果 结果 其他 尚未 总计",
        "维持 纠正 结果 审结 维持 纠正 结果 审结",
        _review_line().replace("\t", " "),
    ]
    report = parse_report(
        Document(text=_text(["\t" + "\t".join(NAMES)], review=review))
    )
    assert report.review_litigation["review"]["upheld"] == 2
    assert report.review_litigation["litigation_direct"]["pending"] == 1


def test_rows_decide_a_total_before_natural_persons():
    # read nationally 3+0…+0 != 5, read with 总计 first 5 = 3+2: the header put 总计 first
    assert total_first_reading([[5, 3, 0, 0, 0, 2, 0]]) is not None
    # a row only the national reading satisfies settles it
    assert total_first_reading([[3, 0, 0, 0, 0, 2, 5], [4, 0, 0, 0, 0, 0, 4]]) is None
    # 4 natural persons, or 4 others? no row tells
    assert total_first_reading([[4, 0, 0, 0, 0, 0, 4], [0] * 7]) is not None
    assert total_first_reading([[0] * 7]) is None


def _money_text(header: str, amount: str) -> str:
    active = list(ACTIVE_TEXT["2019"])
    active[-2] = f"信息内容\t采购项目数量\t{header}"
    active[-1] = f"政府集中采购\t3\t{amount}"
    text = _text(["\t" + "\t".join(NAMES)])
    return text.replace("\n".join(ACTIVE_TEXT["2019"]), "\n".join(active))


def test_an_amount_column_headed_in_yuan_is_converted():
    report = parse_report(Document(text=_money_text("采购总金额（元）", "186000")))
    assert report.active_disclosure["centralized_procurement"]["amount"] == Decimal(
        "18.6"
    )
    assert any(p.kind == "unit_converted" for p in report.problems)


def test_an_amount_column_in_an_unknown_unit_is_null():
    report = parse_report(Document(text=_money_text("采购总金额（千元）", "186")))
    assert report.active_disclosure["centralized_procurement"]["amount"] is None
    assert report.active_disclosure["centralized_procurement"]["projects"] == 3


def test_an_amount_column_headed_in_wanyuan_is_kept():
    report = parse_report(
        Document(text=_money_text("采购总金额（单位：万元）", "12.5"))
    )
    assert report.active_disclosure["centralized_procurement"]["amount"] == Decimal(
        "12.5"
    )


def _one_line(text: str, *, glued: bool = False) -> str:
    """A dump's body on one line: each table line's cells spaced, or run together."""
    joiner = "" if glued else " "
    return " ".join(
        joiner.join(c for c in line.split("\t") if c) for line in text.splitlines()
    )


PERSON_LAST = ["\t法人或其他组织\t\t\t\t\t自然人\t总计", "\t" + "\t".join(NAMES[1:6])]


def test_person_last_in_a_one_line_dump_is_not_read():
    text = _one_line(_text(PERSON_LAST, (1, 2, 3, 4, 5, 0, 6)))
    report = parse_report(Document(text=text))
    assert _nulls(report, "applications")


def test_person_last_in_a_glued_dump_is_not_read():
    text = _one_line(_text(PERSON_LAST, (1, 2, 3, 4, 5, 0, 6)), glued=True)
    report = parse_report(Document(text=text))
    assert _nulls(report, "applications")


def test_the_national_header_in_a_glued_dump_is_read():
    header = ["\t自然人\t法人或其他组织\t\t\t\t\t总计", "\t\t" + "\t".join(NAMES[1:6])]
    report = parse_report(Document(text=_one_line(_text(header), glued=True)))
    assert not any(p.kind == "table_shape" for p in report.problems)
    assert report.applications["carried_forward"]["natural_person"] == 1


def test_laid_out_text_with_natural_persons_below_the_legal_persons_is_read():
    """A PDF's text puts 自然人 (two header rows tall) on a line after 法人或其他组织."""
    header = [
        "申请人情况",
        "法人或其他组织",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 自然人 总计",
        " ".join(NAMES[1:6]),
    ]
    text = _text(header)
    assert _nulls(
        parse_report(Document(text=text)), "applications"
    )  # no media: source order
    report = parse_report(Document(text=text, media_type="application/pdf"))
    assert report.applications["disclosed"]["natural_person"] == 7


def _active_2021(header: str, row: str) -> str:
    """A 2021 report whose first part 二 block has the given header and 规章 row."""
    text = _text(["\t" + "\t".join(NAMES)]).replace(
        "\n".join(ACTIVE_TEXT["2019"]), "\n".join(ACTIVE_TEXT["2021"])
    )
    return text.replace(ACTIVE_TEXT["2021"][1], header).replace(
        ACTIVE_TEXT["2021"][2], row
    )


def test_a_renamed_column_first_is_placed_by_elimination():
    # 有效件数 is 现行有效件数 in other words, printed first: the header's other cells name
    # the other two columns, so the cell left over is the renamed one
    text = _active_2021(
        "信息内容\t有效件数\t本年制发件数\t本年废止件数", "规章\t9\t4\t1"
    )
    report = parse_report(Document(text=text))
    assert report.active_disclosure["rules"] == {
        "issued": 4,
        "repealed": 1,
        "in_force": 9,
    }


def test_a_renamed_column_that_no_cell_places_leaves_the_item_null():
    text = _active_2021("信息内容 有效件数 本年制发件数 本年废止件数", "规章\t9\t4\t1")
    report = parse_report(Document(text=text))
    assert report.active_disclosure["rules"] == {
        "issued": None,
        "repealed": None,
        "in_force": None,
    }


def test_a_glued_item_under_a_reordered_header_is_null():
    """A one-line dump runs 规章's cells together (规章941): split in the format's order it
    would put 9 in 本年制发件数, though the header prints 现行有效件数 first."""
    text = _active_2021(
        "信息内容\t现行有效件数\t本年制发件数\t本年废止件数", "规章\t9\t4\t1"
    )
    report = parse_report(Document(text=_one_line(text, glued=True)))
    assert report.active_disclosure["rules"]["issued"] is None
    assert report.active_disclosure["rules"]["in_force"] is None
    assert any(p.kind == "table_shape" for p in report.problems)


def test_a_part_two_column_of_last_years_figures_leaves_the_items_null():
    """上年制发件数 before 本年制发件数: the first cell naming 制发件数 was read as this year's."""
    text = (
        "示范街道办事处2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        "信息内容\t上年制发件数\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "规章\t9\t1\t2\t3\n行政规范性文件\t8\t4\t5\t6\n"
    )
    report = parse_report(Document(text=text))
    for item in ("rules", "normative_documents"):
        assert set(report.active_disclosure[item].values()) == {None}
        assert any(
            p.where == f"active_disclosure.{item}.issued" and "twice" in p.detail
            for p in report.problems
        )
