"""Cross-year checks: what one year's report says must match the same organ's report of the year before.

Two identities of the national formats link consecutive years (DESIGN.md "The national
formats"): requests carried over into year N (三 二 上年结转, ``applications.carried_over``) are
those carried forward out of year N−1 (三 四 结转下年度继续办理, ``carried_forward``), per
applicant column; and in the 2021 format, documents in force at the end of year N (二 现行有效件数,
``active_disclosure.{rules,normative_documents}.in_force``) are those in force at the end of
N−1 plus those issued in N minus those repealed in N.

The checks run in SQL (the ``cross_year_findings`` view of ``archive.views``) over the newest
version of each logical report, pairing reports by site and organ (the organ part of the
report key). A violation is a *finding* on the later report, never an error: real reports
restate or correct earlier figures, and an archive may hold a misread cell. Exports append the
findings to the report's ``problems`` (kind ``cross_year``) and ``coverage`` counts them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from sqlite_utils import Database

#: The checks, for the codebook: (name, formats, statement).
CROSS_YEAR_RULES: Final = (
    (
        "carried_over",
        ("2019", "2021"),
        (
            "applications.carried_over.<applicant> of year N"
            " = applications.carried_forward.<applicant> of year N-1 (same site and organ)"
        ),
    ),
    (
        "in_force",
        ("2021",),
        (
            "active_disclosure.<item>.in_force of year N = in_force of year N-1"
            " + issued of year N - repealed of year N, for rules and normative_documents"
            " (both years in the 2021 format)"
        ),
    ),
)


def cross_year_problems(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Report key -> its cross-year findings as ``problems`` entries (kind ``cross_year``)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for key, previous, rule, cell, value, expected in db.execute(
        "SELECT report_key, previous_key, rule, cell, value, expected"
        " FROM cross_year_findings ORDER BY report_key, rule, cell"
    ).fetchall():
        if rule == "carried_over":
            where = f"applications.carried_over.{cell}"
            why = f"carried_forward of {previous} is {_number(expected)}"
        else:
            where = f"active_disclosure.{cell}.in_force"
            why = f"in_force of {previous} + issued - repealed is {_number(expected)}"
        out.setdefault(key, []).append(
            {
                "where": where,
                "kind": "cross_year",
                "detail": f"{rule}: {_number(value)} but {why}",
            }
        )
    return out


def _number(value: float | None) -> str:
    """A count as an integer, money as its decimal (the view gives REAL for money)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
