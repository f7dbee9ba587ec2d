"""Test helpers for the report parser: consistent numbers, a minimal text renderer, HTML grids.

The renderer is deliberately independent of the parser (its own labels, written from the
national template) so a test that renders and parses back checks reading, not a shared table.
``tables_from_html`` resolves rowspan/colspan the way extraction promises (architecture.md), so
the grid path can be tested before ``parsers.extract`` lands.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html

from parsers.model import Table
from parsers.report.vocabulary import (
    APPLICANT_PARTS,
    APPLICANTS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    application_rows,
    handled_rows,
)

ROW_LABELS = {
    "new_requests": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "disclosed": "（一）予以公开",
    "partially_disclosed": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied_state_secret": "1.属于国家秘密",
    "denied_prohibited_by_law": "2.其他法律行政法规禁止公开",
    "denied_three_securities_one_stability": "3.危及“三安全一稳定”",
    "denied_third_party_rights": "4.保护第三方合法权益",
    "denied_internal_affairs": "5.属于三类内部事务信息",
    "denied_process_information": "6.属于四类过程性信息",
    "denied_law_enforcement_file": "7.属于行政执法案卷",
    "denied_administrative_query": "8.属于行政查询事项",
    "unable_not_held": "1.本机关不掌握相关政府信息",
    "unable_needs_creation": "2.没有现成信息需要另行制作",
    "unable_unclear_after_correction": "3.补正后申请内容仍不明确",
    "not_processed_petition": "1.信访举报投诉类申请",
    "not_processed_duplicate": "2.重复申请",
    "not_processed_publication": "3.要求提供公开出版物",
    "not_processed_excessive": "4.无正当理由大量反复申请",
    "not_processed_confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other_handling": "（六）其他处理",
    "other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "3.其他",
    "total_handled": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
GROUP_LABELS = {
    "disclosed": "三、本年度办理结果",
    "denied_state_secret": "（三）不予公开",
    "unable_not_held": "（四）无法提供",
    "not_processed_petition": "（五）不予处理",
    "other_no_correction": "（六）其他处理",
}
APPLICANT_HEADER = (
    "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"
)
REVIEW_HEADER = (
    "行政复议\t\t\t\t\t行政诉讼\n"
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n"
    + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
)
#: Part 二 with fixed numbers (the rules do not cover it); 2019 repeats 处理决定数量 for the fees.
ACTIVE_TEXT = {
    "2019": (
        "二、主动公开政府信息情况",
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
        "规章\t0\t0\t0",
        "规范性文件\t1\t2\t3",
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        "行政许可\t4\t-1\t5",
        "其他对外管理服务事项\t0\t0\t0",
        "行政处罚\t6\t0\t7",
        "行政强制\t0\t0\t0",
        "行政事业性收费\t2\t1\t0",
        "信息内容\t采购项目数量\t采购总金额",
        "政府集中采购\t3\t12.5",
    ),
    "2021": (
        "二、主动公开政府信息情况",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t0\t0\t0",
        "行政规范性文件\t1\t2\t3",
        "信息内容\t本年处理决定数量",
        "行政许可\t4",
        "行政处罚\t5",
        "行政强制\t6",
        "信息内容\t本年收费金额（单位：万元）",
        "行政事业性收费\t1.25",
    ),
}
TITLE = "示范街道办事处{year}年政府信息公开工作年度报告"

#: path ("applications.new_requests.total") -> value
Values = dict[str, int]


@dataclass(frozen=True, slots=True)
class Counts:
    """Free choices from which a consistent report is built (see ``consistent_values``)."""

    leaves: dict[tuple[str, str], int]  # (handled row, applicant part) -> count
    carried_forward: dict[str, int]
    carried_over_share: dict[
        str, int
    ]  # 0..100: carried_over as a share of what was handled
    review: dict[
        tuple[str, str], int
    ]  # (group, upheld|corrected|other|pending) -> count


def consistent_values(fmt: str, counts: Counts) -> Values:
    """Numbers for parts 三 and 四 that satisfy every rule of ``fmt``."""
    values: Values = {}
    for col in APPLICANT_PARTS:
        handled = 0
        for row in handled_rows(fmt):
            value = counts.leaves.get((row, col), 0)
            values[f"applications.{row}.{col}"] = value
            handled += value
        forward = counts.carried_forward.get(col, 0)
        over = (handled + forward) * counts.carried_over_share.get(col, 0) // 100
        values[f"applications.total_handled.{col}"] = handled
        values[f"applications.carried_forward.{col}"] = forward
        values[f"applications.carried_over.{col}"] = over
        values[f"applications.new_requests.{col}"] = handled + forward - over
    for row in application_rows(fmt):
        values[f"applications.{row}.total"] = sum(
            values[f"applications.{row}.{c}"] for c in APPLICANT_PARTS
        )
    for group in REVIEW_GROUPS:
        parts = [counts.review.get((group, c), 0) for c in REVIEW_COLUMNS[:-1]]
        for col, value in zip(REVIEW_COLUMNS, [*parts, sum(parts)], strict=True):
            values[f"review_litigation.{group}.{col}"] = value
    return values


def render_tabs(
    fmt: str, values: Values, blanks: dict[str, str], *, year: int = 2021
) -> str:
    """A report as tab-separated rows; a path in ``blanks`` is written as its blank text.

    A blank text of ``"<drop>"`` removes the cell altogether (a dropped blank).
    """
    lines = [
        TITLE.format(year=year),
        "",
        *ACTIVE_TEXT[fmt],
        "三、收到和处理政府信息公开申请情况",
        APPLICANT_HEADER,
    ]
    for row in application_rows(fmt):
        if row in GROUP_LABELS:
            lines.append(GROUP_LABELS[row])
        cells = [
            _cell(f"applications.{row}.{col}", values, blanks) for col in APPLICANTS
        ]
        lines.append("\t".join([ROW_LABELS[row], *(c for c in cells if c is not None)]))
    lines += ["", "四、政府信息公开行政复议、行政诉讼情况", REVIEW_HEADER]
    cells = [
        _cell(f"review_litigation.{g}.{c}", values, blanks)
        for g in REVIEW_GROUPS
        for c in REVIEW_COLUMNS
    ]
    lines.append("\t".join(c for c in cells if c is not None))
    lines += ["", "五、存在的主要问题及改进情况", "无。"]
    return "\n".join(lines) + "\n"


def _cell(path: str, values: Values, blanks: dict[str, str]) -> str | None:
    if path in blanks:
        return None if blanks[path] == "<drop>" else blanks[path]
    return str(values[path])


def tables_from_html(html: str) -> tuple[Table, ...]:
    """Every ``<table>`` as a full grid, merged cells repeated and listed in ``covered``."""
    root = lxml.html.fromstring(html)
    tables: list[Table] = []
    for element in root.iter("table"):
        grid: dict[tuple[int, int], str] = {}
        covered: set[tuple[int, int]] = set()
        for r, tr in enumerate(element.iter("tr")):
            c = 0
            for td in tr:
                if td.tag not in ("td", "th"):
                    continue
                while (r, c) in grid:
                    c += 1
                text = td.text_content().strip()
                rowspan = int(td.get("rowspan", "1") or 1)
                colspan = int(td.get("colspan", "1") or 1)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        grid[r + dr, c + dc] = text
                        if dr or dc:
                            covered.add((r + dr, c + dc))
                c += colspan
        if not grid:
            continue
        height = max(r for r, _ in grid) + 1
        width = max(c for _, c in grid) + 1
        rows = tuple(
            tuple(grid.get((r, c), "") for c in range(width)) for r in range(height)
        )
        tables.append(Table(rows=rows, covered=frozenset(covered)))
    return tuple(tables)
