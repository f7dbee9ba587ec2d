"""Chinese labels of the national template, written out for the renderers (not the parser's).

Renderers print these; the parser must find its own way to them, so nothing here is imported
from ``parsers/report/labels.py``. Part 二's item labels and column headers are per format.
"""

from __future__ import annotations

from tests.parsers.report_render import GROUP_LABELS, ROW_LABELS

__all__ = [
    "ACTIVE_HEADERS",
    "ACTIVE_ITEM_LABELS",
    "APPLICANT_LABELS",
    "GROUP_LABELS",
    "REVIEW_LABELS",
    "ROW_LABELS",
]

APPLICANT_LABELS = (
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
)
REVIEW_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

ACTIVE_ITEM_LABELS = {
    "2019": {
        "rules": "规章",
        "normative_documents": "规范性文件",
        "administrative_license": "行政许可",
        "other_services": "其他对外管理服务事项",
        "administrative_penalty": "行政处罚",
        "administrative_coercion": "行政强制",
        "administrative_fees": "行政事业性收费",
        "centralized_procurement": "政府集中采购",
    },
    "2021": {
        "rules": "规章",
        "normative_documents": "行政规范性文件",
        "administrative_license": "行政许可",
        "administrative_penalty": "行政处罚",
        "administrative_coercion": "行政强制",
        "administrative_fees": "行政事业性收费",
    },
}

#: (items under this header, the header's column labels)
ACTIVE_HEADERS = {
    "2019": (
        (
            ("rules", "normative_documents"),
            ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        ),
        (
            (
                "administrative_license",
                "other_services",
                "administrative_penalty",
                "administrative_coercion",
            ),
            ("上一年项目数量", "本年增/减", "处理决定数量"),
        ),
        (("administrative_fees",), ("上一年项目数量", "本年增/减")),
        (("centralized_procurement",), ("采购项目数量", "采购总金额")),
    ),
    "2021": (
        (
            ("rules", "normative_documents"),
            ("本年制发件数", "本年废止件数", "现行有效件数"),
        ),
        (
            (
                "administrative_license",
                "administrative_penalty",
                "administrative_coercion",
            ),
            ("本年处理决定数量",),
        ),
        (("administrative_fees",), ("本年收费金额（单位：万元）",)),
    ),
}
