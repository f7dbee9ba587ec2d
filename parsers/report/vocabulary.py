"""Canonical ids of the national report formats: the parser's output vocabulary.

Downstream programs key on these ids (DESIGN.md, "Canonical ids"); labels in Chinese vary,
ids never do. The Chinese labels that map onto these ids live in ``labels.py``. The order of
every tuple is the order of the national format's rows and columns, which the text-layout
readers rely on.
"""

from __future__ import annotations

from typing import Final

# ---------------------------------------------------------------- part 三: applications

#: The seven applicant columns, in table order (自然人; 法人或其他组织 ×5; 总计).
APPLICANTS: Final = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_organization",
    "legal_service",
    "other_organization",
    "total",
)
#: The six columns the ``total`` column sums.
APPLICANT_PARTS: Final = APPLICANTS[:-1]

DENIED: Final = (
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_three_securities_one_stability",
    "denied_third_party_rights",
    "denied_internal_affairs",
    "denied_process_information",
    "denied_law_enforcement_file",
    "denied_administrative_query",
)
UNABLE: Final = (
    "unable_not_held",
    "unable_needs_creation",
    "unable_unclear_after_correction",
)
NOT_PROCESSED: Final = (
    "not_processed_petition",
    "not_processed_duplicate",
    "not_processed_publication",
    "not_processed_excessive",
    "not_processed_confirmation",
)
OTHER_2021: Final = ("other_no_correction", "other_unpaid_fee", "other_other")
#: The table layout of a 2021 report whose part 三 prints （六）其他处理 as the 2019 single
#: row (a real, mixed shape): read as printed, the three 2021 sub-rows left null.
SINGLE_OTHER_2021: Final = "2021-single-other"


def application_rows(fmt: str) -> tuple[str, ...]:
    """Rows of the application table in table order for the ``"2019"`` or ``"2021"`` format.

    >>> application_rows("2019")[-3:]
    ('other_handling', 'total_handled', 'carried_forward')
    """
    other = ("other_handling",) if fmt in ("2019", SINGLE_OTHER_2021) else OTHER_2021
    return (
        "new_requests",
        "carried_over",
        "disclosed",
        "partially_disclosed",
        *DENIED,
        *UNABLE,
        *NOT_PROCESSED,
        *other,
        "total_handled",
        "carried_forward",
    )


def handled_rows(fmt: str) -> tuple[str, ...]:
    """The rows (一)…(六) whose sum is (七) ``total_handled``."""
    rows = application_rows(fmt)
    return rows[rows.index("disclosed") : rows.index("total_handled")]


# ---------------------------------------------------------------- part 二: active disclosure

ACTIVE_2019: Final[dict[str, tuple[str, ...]]] = {
    "rules": ("made", "published", "total_published"),
    "normative_documents": ("made", "published", "total_published"),
    "administrative_license": ("previous_count", "change", "decisions"),
    "other_services": ("previous_count", "change", "decisions"),
    "administrative_penalty": ("previous_count", "change", "decisions"),
    "administrative_coercion": ("previous_count", "change", "decisions"),
    "administrative_fees": ("previous_count", "change"),
    "centralized_procurement": ("projects", "amount"),
}
ACTIVE_2021: Final[dict[str, tuple[str, ...]]] = {
    "rules": ("issued", "repealed", "in_force"),
    "normative_documents": ("issued", "repealed", "in_force"),
    "administrative_license": ("decisions",),
    "administrative_penalty": ("decisions",),
    "administrative_coercion": ("decisions",),
    "administrative_fees": ("amount",),
}
#: Cells that hold money (万元) and are read as ``Decimal``; every other cell is an integer.
MONEY_CELLS: Final = frozenset(
    {("centralized_procurement", "amount"), ("administrative_fees", "amount")}
)
#: Cells that may be negative (本年增/减).
SIGNED_CELLS: Final = frozenset({"change"})


def active_items(fmt: str) -> dict[str, tuple[str, ...]]:
    """Item -> columns of part 二 for the ``"2019"`` or ``"2021"`` format."""
    return ACTIVE_2019 if fmt == "2019" else ACTIVE_2021


# ---------------------------------------------------------------- part 四: review and litigation

REVIEW_GROUPS: Final = ("review", "litigation_direct", "litigation_after_review")
REVIEW_COLUMNS: Final = ("upheld", "corrected", "other", "pending", "total")
