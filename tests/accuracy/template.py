"""The national template as the renderers print it: labels, row groups and a truth's numbers.

Every renderer of the suite prints the same report (title, a few sentences naming the organ,
parts 二, 三 and 四) in its own shape; this module says what is printed, the renderers say
how. The labels are the test suite's own (``tests.parsers.report_render``, written from the
national template), never the parser's, so a case checks reading rather than a shared table.
Part 二 rows are printed from the truth's numbers, so no two cases print the same figures.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from parsers.report.vocabulary import (
    APPLICANTS,
    DENIED,
    NOT_PROCESSED,
    OTHER_2021,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    UNABLE,
    active_items,
)
from tests.accuracy.labels_cn import (
    ACTIVE_ITEM_LABELS,
    APPLICANT_LABELS,
    GROUP_LABELS,
    REVIEW_LABELS,
    ROW_LABELS,
)
from tests.accuracy.truth import Truth, make_truth

if TYPE_CHECKING:
    from collections.abc import Iterator

#: The applicant columns as printed, in table order.
APPLICANT_NAMES: Final = APPLICANT_LABELS
LEGAL_PERSONS: Final = "法人或其他组织"
APPLICANT_HEADING: Final = "申请人情况"
APPLICATION_NOTE: Final = (
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
)
REVIEW_RESULTS: Final = REVIEW_LABELS
REVIEW: Final = "行政复议"
LITIGATION: Final = "行政诉讼"
LITIGATION_DIRECT: Final = "未经复议直接起诉"
LITIGATION_AFTER_REVIEW: Final = "复议后起诉"
PART_ACTIVE: Final = "二、主动公开政府信息情况"
PART_APPLICATIONS: Final = "三、收到和处理政府信息公开申请情况"
PART_REVIEW: Final = "四、政府信息公开行政复议、行政诉讼情况"
PART_PROBLEMS: Final = "五、存在的主要问题及改进情况"

#: Part 二 per format: (heading, header cells, item ids) per 第二十条 block; the items'
#: labels are ``labels_cn.ACTIVE_ITEM_LABELS``.
ActiveBlock = tuple[str, tuple[str, ...], tuple[str, ...]]
ACTIVE_BLOCKS: Final[dict[str, tuple[ActiveBlock, ...]]] = {
    "2019": (
        (
            "第二十条第（一）项",
            ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
            ("rules", "normative_documents"),
        ),
        (
            "第二十条第（五）项",
            ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
            ("administrative_license", "other_services"),
        ),
        (
            "第二十条第（六）项",
            ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
            ("administrative_penalty", "administrative_coercion"),
        ),
        (
            "第二十条第（八）项",
            ("信息内容", "上一年项目数量", "本年增/减"),
            ("administrative_fees",),
        ),
        (
            "第二十条第（九）项",
            ("信息内容", "采购项目数量", "采购总金额"),
            ("centralized_procurement",),
        ),
    ),
    "2021": (
        (
            "第二十条第（一）项",
            ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
            ("rules", "normative_documents"),
        ),
        (
            "第二十条第（五）项",
            ("信息内容", "本年处理决定数量"),
            ("administrative_license",),
        ),
        (
            "第二十条第（六）项",
            ("信息内容", "本年处理决定数量"),
            ("administrative_penalty", "administrative_coercion"),
        ),
        (
            "第二十条第（八）项",
            ("信息内容", "本年收费金额（单位：万元）"),
            ("administrative_fees",),
        ),
    ),
}


def seeded_truths(
    seed: int, n: int, tag: str, fmts: tuple[str, ...] = ()
) -> Iterator[tuple[int, int, random.Random, Truth]]:
    """A renderer's ``n`` cases: index, case seed, the renderer's own generator, the truth.

    The case seed fixes the truth (``make_truth``); the generator that picks a renderer's
    choices is seeded apart (by ``tag``), so shape choices do not echo the truth's draws.
    ``fmts`` fixes the format of case ``i`` to ``fmts[i % len(fmts)]`` (a class with few
    cases then still covers both formats in each of its shapes); empty lets the seed choose.
    """
    for index in range(n):
        case_seed = seed * 1000 + index
        fmt = fmts[index % len(fmts)] if fmts else None
        yield (
            index,
            case_seed,
            random.Random(f"{tag}-{case_seed}"),
            make_truth(case_seed, fmt=fmt),
        )


def number(value: int | Decimal) -> str:
    """A cell as reports print it: integers plainly, money in fixed notation."""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def title(truth: Truth) -> str:
    """The report's title with the organ's full name."""
    return f"{truth.agency}{truth.year}年政府信息公开工作年度报告"


def preface(truth: Truth) -> str:
    """The opening sentence: names the organ and the statistics period."""
    return (
        f"本报告由{truth.agency}根据《中华人民共和国政府信息公开条例》编制，"
        f"所列数据的统计期限自{truth.year}年1月1日起至{truth.year}年12月31日止。"
    )


def active_label(truth: Truth, item: str) -> str:
    """The printed label of a part 二 item in the truth's format."""
    return ACTIVE_ITEM_LABELS[truth.fmt][item]


def active_row(truth: Truth, item: str) -> list[str]:
    """The printed numbers of one part 二 item, in column order."""
    return [
        number(truth.values[f"active_disclosure.{item}.{col}"])
        for col in active_items(truth.fmt)[item]
    ]


def application_row(truth: Truth, row: str) -> list[str]:
    """The seven printed numbers of one part 三 row (six applicant kinds, then 总计)."""
    return [number(truth.values[f"applications.{row}.{col}"]) for col in APPLICANTS]


def review_row(truth: Truth) -> list[str]:
    """The fifteen printed numbers of part 四: 复议, 直接起诉, 复议后起诉 × five results."""
    return [
        number(truth.values[f"review_litigation.{group}.{col}"])
        for group in REVIEW_GROUPS
        for col in REVIEW_COLUMNS
    ]


def result_groups(fmt: str) -> list[tuple[str | None, tuple[str, ...]]]:
    """Rows (一)…(七) of part 三 as (group label or None for a single row, row ids)."""
    other: tuple[str | None, tuple[str, ...]] = (
        (GROUP_LABELS["other_no_correction"], OTHER_2021)
        if fmt == "2021"
        else (None, ("other_handling",))
    )
    return [
        (None, ("disclosed",)),
        (None, ("partially_disclosed",)),
        (GROUP_LABELS["denied_state_secret"], DENIED),
        (GROUP_LABELS["unable_not_held"], UNABLE),
        (GROUP_LABELS["not_processed_petition"], NOT_PROCESSED),
        other,
        (None, ("total_handled",)),
    ]


#: The column-0 label over rows (一)…(七).
RESULTS: Final = GROUP_LABELS["disclosed"]
#: Printed label of each part 三 row id (sub-rows carry their own numbered label).
LABELS: Final = ROW_LABELS
