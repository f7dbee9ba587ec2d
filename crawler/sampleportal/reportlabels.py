"""The official Chinese labels of the two national report formats, as the sample portal prints them.

The sample portal carries its own copy of the labels (never ``parsers/report/labels.py``): it is
the independent witness the parser is tested against. Labels are copied from the national format
texts (国办公开办函〔2019〕60号 for 2019, 国办公开办函〔2021〕30号 for 2021), as they appear in the
corpus files under ``corpus/`` (e.g. ``2021-changchun-nanguan-xingfu.txt``).
"""

from __future__ import annotations

from typing import Final, Literal

FormatName = Literal["2019", "2021"]

#: The six parts of every report, in order (一 … 六).
PART_TITLES: Final = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
)
PART_NUMERALS: Final = ("一", "二", "三", "四", "五", "六")
#: 1-based part numbers of the parts that hold tables or fixed prose.
PART_SUMMARY: Final = 1
PART_ACTIVE: Final = 2
PART_APPLICATIONS: Final = 3
PART_REVIEW: Final = 4
PART_PROBLEMS: Final = 5
PART_OTHER: Final = 6

#: Part 二: (block heading, header row, ((item id, item label), ...)); the columns of each item
#: are ``parsers.report.vocabulary.active_items(fmt)[item]`` in header order.
ActiveBlock = tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]
ACTIVE_BLOCKS: Final[dict[str, tuple[ActiveBlock, ...]]] = {
    "2019": (
        (
            "第二十条第（一）项",
            ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
            (("rules", "规章"), ("normative_documents", "规范性文件")),
        ),
        (
            "第二十条第（五）项",
            ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
            (
                ("administrative_license", "行政许可"),
                ("other_services", "其他对外管理服务事项"),
            ),
        ),
        (
            "第二十条第（六）项",
            ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
            (
                ("administrative_penalty", "行政处罚"),
                ("administrative_coercion", "行政强制"),
            ),
        ),
        (
            "第二十条第（八）项",
            ("信息内容", "上一年项目数量", "本年增/减"),
            (("administrative_fees", "行政事业性收费"),),
        ),
        (
            "第二十条第（九）项",
            ("信息内容", "采购项目数量", "采购总金额"),
            (("centralized_procurement", "政府集中采购"),),
        ),
    ),
    "2021": (
        (
            "第二十条第（一）项",
            ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
            (("rules", "规章"), ("normative_documents", "行政规范性文件")),
        ),
        (
            "第二十条第（五）项",
            ("信息内容", "本年处理决定数量"),
            (("administrative_license", "行政许可"),),
        ),
        (
            "第二十条第（六）项",
            ("信息内容", "本年处理决定数量"),
            (
                ("administrative_penalty", "行政处罚"),
                ("administrative_coercion", "行政强制"),
            ),
        ),
        (
            "第二十条第（八）项",
            ("信息内容", "本年收费金额（单位：万元）"),
            (("administrative_fees", "行政事业性收费"),),
        ),
    ),
}

# ---------------------------------------------------------------- part 三: applications

APPLICATION_NOTE: Final = (
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
)
APPLICANT_HEADING: Final = "申请人情况"
NATURAL_PERSON: Final = "自然人"
LEGAL_PERSONS: Final = "法人或其他组织"
#: The five 法人或其他组织 sub-columns, in table order.
LEGAL_PERSON_KINDS: Final = (
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
)
TOTAL: Final = "总计"

NEW_REQUESTS: Final = "一、本年新收政府信息公开申请数量"
CARRIED_OVER: Final = "二、上年结转政府信息公开申请数量"
RESULTS: Final = "三、本年度办理结果"
CARRIED_FORWARD: Final = "四、结转下年度继续办理"

#: Rows of 三、本年度办理结果: (group label, ((row id, sub-row label or None), ...)).
#: A group with one row and no sub-label spans the two label columns.
ResultGroup = tuple[str, tuple[tuple[str, str | None], ...]]
_DENIED: Final = (
    ("denied_state_secret", "1.属于国家秘密"),
    ("denied_prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("denied_three_securities_one_stability", "3.危及“三安全一稳定”"),
    ("denied_third_party_rights", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"),
    ("denied_process_information", "6.属于四类过程性信息"),
    ("denied_law_enforcement_file", "7.属于行政执法案卷"),
    ("denied_administrative_query", "8.属于行政查询事项"),
)
_UNABLE: Final = (
    ("unable_not_held", "1.本机关不掌握相关政府信息"),
    ("unable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unable_unclear_after_correction", "3.补正后申请内容仍不明确"),
)
_NOT_PROCESSED: Final = (
    ("not_processed_petition", "1.信访举报投诉类申请"),
    ("not_processed_duplicate", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_excessive", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
)
_OTHER_2021: Final = (
    (
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other_other", "3.其他"),
)


def result_groups(fmt: FormatName) -> tuple[ResultGroup, ...]:
    """The groups (一)…(七) of 三、本年度办理结果 for a format (2021 split (六) into three rows)."""
    other: tuple[tuple[str, str | None], ...] = (
        (("other_handling", None),) if fmt == "2019" else _OTHER_2021
    )
    return (
        ("（一）予以公开", (("disclosed", None),)),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            (("partially_disclosed", None),),
        ),
        ("（三）不予公开", _DENIED),
        ("（四）无法提供", _UNABLE),
        ("（五）不予处理", _NOT_PROCESSED),
        ("（六）其他处理", other),
        ("（七）总计", (("total_handled", None),)),
    )


# ---------------------------------------------------------------- part 四: review and litigation

REVIEW: Final = "行政复议"
LITIGATION: Final = "行政诉讼"
LITIGATION_DIRECT: Final = "未经复议直接起诉"
LITIGATION_AFTER_REVIEW: Final = "复议后起诉"
#: The five columns of each group, in the order of ``vocabulary.REVIEW_COLUMNS``.
REVIEW_RESULTS: Final = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
