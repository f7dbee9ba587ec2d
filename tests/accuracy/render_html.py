"""HTML report pages in the shapes portals publish: merged cells, blanks, units, mixed shapes.

Every page goes through ``parsers.extract`` (bytes in, as a crawl would store them). Sub-variants
(chosen by the seed, named in ``Case.name``):

* ``merged``: the national tables with their merged cells (三、本年度办理结果 and （三）不予公开
  spanning rows, 申请人情况 / 法人或其他组织 spanning columns);
* ``blank-totals``: some 总计 cells simply not filled in; ``blank-zeros``: zero applicant cells
  left blank (meaning 0);
* ``units-notes``: fee amounts in 元 (``186000元``), notes inside count cells
  (``18（其中修订7件）``);
* ``mixed-shape``: a 2021 report whose part 三 prints （六）其他处理 as one row, without the
  three sub-rows;
* ``own-numbering``: prose parts in the organ's own words and the tables renumbered 一、二、三;
* ``review-one-row``: part 四's fifteen numbers in one row under a five-column header.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from parsers.report.vocabulary import (
    APPLICANTS,
    OTHER_2021,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    application_rows,
)
from tests.accuracy.labels_cn import (
    ACTIVE_HEADERS,
    ACTIVE_ITEM_LABELS,
    APPLICANT_LABELS,
    GROUP_LABELS,
    REVIEW_LABELS,
    ROW_LABELS,
)
from tests.accuracy.truth import Case, Truth, make_truth

VARIANTS = (
    "merged",
    "blank-totals",
    "blank-zeros",
    "units-notes",
    "mixed-shape",
    "own-numbering",
    "review-one-row",
)
#: rows under each group label, for the rowspans of the group cells
_GROUPS = {
    "denied_state_secret": 8,
    "unable_not_held": 3,
    "not_processed_petition": 5,
    "other_no_correction": 3,
}


def _num(value: int | Decimal) -> str:
    return str(value)


def _cell_text(truth: Truth, path: str, variant: str, rng: random.Random) -> str:
    value = truth.values[path]
    if variant == "blank-totals" and path.endswith(".total") and rng.random() < 0.4:
        return ""
    if variant == "blank-zeros" and value == 0 and not path.endswith(".total"):
        return ""
    return _num(value)


def _active_html(truth: Truth, variant: str, heading: str) -> str:
    out = [f"<p>{heading}</p><table border='1'>"]
    items = ACTIVE_ITEM_LABELS[truth.fmt]
    for item_ids, headers in ACTIVE_HEADERS[truth.fmt]:
        out.append(
            "<tr><td>信息内容</td>"
            + "".join(f"<td>{h}</td>" for h in headers)
            + "</tr>"
        )
        for item in item_ids:
            cells = []
            for col in _active_columns(truth.fmt, item):
                value = truth.values[f"active_disclosure.{item}.{col}"]
                text = _num(value)
                if variant == "units-notes":
                    if col == "amount" and truth.fmt == "2021":
                        text = f"{(Decimal(value) * 10000).normalize():f}元"
                    elif (
                        col in {"issued", "made"}
                        and isinstance(value, int)
                        and value > 2
                    ):
                        text = f"{value}（其中修订{value // 3}件）"
                    elif col == "in_force" and isinstance(value, int) and value > 5:
                        text = f"{value}（含自然失效{value // 5}件）"
                cells.append(text)
            out.append(
                f"<tr><td>{items[item]}</td>"
                + "".join(f"<td>{c}</td>" for c in cells)
                + "</tr>"
            )
    out.append("</table>")
    return "".join(out)


def _active_columns(fmt: str, item: str) -> tuple[str, ...]:
    from parsers.report.vocabulary import active_items

    return active_items(fmt)[item]


def _applications_html(
    truth: Truth, variant: str, heading: str, rng: random.Random
) -> str:
    rows = list(application_rows(truth.fmt))
    single_other = variant == "mixed-shape"
    if single_other:
        rows = [r for r in rows if r not in OTHER_2021]
        rows.insert(rows.index("total_handled"), "other_handling")
    handled = rows[rows.index("disclosed") : rows.index("carried_forward")]
    out = [f"<p>{heading}</p><table border='1'>"]
    out.append(
        "<tr><td rowspan='3' colspan='3'>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
        "<td colspan='7'>申请人情况</td></tr>"
    )
    out.append(
        "<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td><td rowspan='2'>总计</td></tr>"
    )
    out.append(
        "<tr>" + "".join(f"<td>{h}</td>" for h in APPLICANT_LABELS[1:6]) + "</tr>"
    )
    for row in rows:
        label_cells = ""
        if row == "disclosed":
            label_cells += (
                f"<td rowspan='{len(handled)}'>{GROUP_LABELS['disclosed']}</td>"
            )
        if row in _GROUPS and not (single_other and row == "other_no_correction"):
            label_cells += f"<td rowspan='{_GROUPS[row]}'>{GROUP_LABELS[row]}</td>"
        label = ROW_LABELS[row]
        if row in handled and not _in_group(row):
            label_cells += f"<td colspan='2'>{label}</td>"
        elif row in handled:
            label_cells += f"<td>{label}</td>"
        else:
            label_cells += f"<td colspan='3'>{label}</td>"
        cells = [
            _cell_text(truth, f"applications.{row}.{col}", variant, rng)
            if not (single_other and row == "other_handling")
            else _num(
                sum(int(truth.values[f"applications.{r}.{col}"]) for r in OTHER_2021)
            )
            for col in APPLICANTS
        ]
        out.append(
            "<tr>" + label_cells + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
        )
    out.append("</table>")
    return "".join(out)


def _in_group(row: str) -> bool:
    from parsers.report.vocabulary import DENIED, NOT_PROCESSED, UNABLE

    return row in DENIED or row in UNABLE or row in NOT_PROCESSED or row in OTHER_2021


def _review_html(truth: Truth, variant: str, heading: str) -> str:
    numbers = [
        _num(truth.values[f"review_litigation.{g}.{c}"])
        for g in REVIEW_GROUPS
        for c in REVIEW_COLUMNS
    ]
    out = [f"<p>{heading}</p><table border='1'>"]
    if variant == "review-one-row":
        out.append("<tr>" + "".join(f"<td>{h}</td>" for h in REVIEW_LABELS) + "</tr>")
        out.append(
            "<tr><td colspan='5'>行政复议、行政诉讼（未经复议直接起诉、复议后起诉）</td></tr>"
        )
    else:
        out.append(
            "<tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>"
        )
        out.append(
            "<tr><td rowspan='2'>结果维持</td><td rowspan='2'>结果纠正</td><td rowspan='2'>其他结果</td>"
            "<td rowspan='2'>尚未审结</td><td rowspan='2'>总计</td>"
            "<td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr>"
        )
        out.append(
            "<tr>" + "".join(f"<td>{h}</td>" for h in REVIEW_LABELS * 2) + "</tr>"
        )
    out.append("<tr>" + "".join(f"<td>{n}</td>" for n in numbers) + "</tr></table>")
    return "".join(out)


def render(truth: Truth, variant: str, rng: random.Random) -> bytes:
    """One report page as UTF-8 HTML bytes."""
    title = f"{truth.agency}{truth.year}年政府信息公开工作年度报告"
    own = variant == "own-numbering"
    headings = (
        (
            "一、主动公开政府信息情况",
            "二、收到和处理政府信息公开申请情况",
            "三、政府信息公开行政复议、行政诉讼情况",
        )
        if own
        else (
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
        )
    )
    intro = (
        "<p>一、工作开展情况</p><p>本机关坚持以公开为常态。</p><p>二、统计数据</p>"
        if own
        else f"<p>一、总体情况</p><p>{truth.year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。</p>"
    )
    body = (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<h1>{title}</h1>{intro}"
        + _active_html(truth, variant, headings[0])
        + _applications_html(truth, variant, headings[1], rng)
        + _review_html(truth, variant, headings[2])
        + "<p>五、存在的主要问题及改进情况</p><p>无。</p>"
        + f"<p>{truth.agency}</p><p>{truth.year + 1}年1月20日</p></body></html>"
    )
    return body.encode("utf-8")


def cases(seed: int, n: int) -> list[Case]:
    """``n`` HTML cases, every variant in turn, numbers and organs drawn from ``seed``."""
    out: list[Case] = []
    for i in range(n):
        variant = VARIANTS[i % len(VARIANTS)]
        fmt = "2021" if variant == "mixed-shape" else None
        truth = make_truth(seed * 1000 + i, fmt=fmt)
        rng = random.Random(seed * 1000 + i)
        unprinted: frozenset[str] = frozenset()
        if variant == "mixed-shape":
            unprinted = frozenset(
                f"applications.{r}.{c}" for r in OTHER_2021 for c in APPLICANTS
            )
            single = {
                f"applications.other_handling.{c}": sum(
                    int(truth.values[f"applications.{r}.{c}"]) for r in OTHER_2021
                )
                for c in APPLICANTS
            }
            truth = replace(truth, values={**truth.values, **single})
        out.append(
            Case(
                cls="html",
                name=f"html/{variant}/{i}",
                truth=truth,
                source=(render(truth, variant, rng), "text/html"),
                unprinted=unprinted,
            )
        )
    return out
