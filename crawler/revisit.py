"""The revisit policy of incremental crawls: pure functions, no I/O.

Decides, from what the archive knows about a URL, whether a request goes out plainly, goes out
conditionally (``If-None-Match`` / ``If-Modified-Since``), or is skipped: lists are always
re-checked; reports and attachments only while they are new (``REVISIT_DAYS``, counted from the
earlier of their first capture and the publication date their page states) or on ``--refresh``.
``crawler.incremental.ConditionalRequestMiddleware`` applies it; a spider can call
``revisit_decision`` itself. Reads no settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from scrapy import Request

    from archive import CaptureRow

#: Meta key a spider may set to name a request's role instead of relying on its callback name.
META_ROLE = "nianbao_role"

Role = Literal["list", "report", "attachment", "other"]
Decision = Literal["fetch", "recheck", "skip"]

#: ``PortalSpider`` callbacks by role (crawler/spiders/portal.py).
_ROLE_BY_CALLBACK: dict[str, Role] = {
    "parse_list": "list",
    "parse_api": "list",
    "parse_dataproxy": "list",
    "parse_report": "report",
    "parse_attachment": "attachment",
}
#: A stated date: year, month, day with -, /, . or 年/月 between (信息公开 metadata blocks).
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_VALID_ROLES = frozenset({"list", "report", "attachment", "other"})


@dataclass(frozen=True, slots=True)
class RevisitPolicy:
    """How long an archived report or attachment is re-checked, and whether to re-check all."""

    revisit_days: float = 30.0
    refresh: bool = False


def request_role(request: Request) -> Role:
    """``list``, ``report``, ``attachment`` or ``other``: meta ``nianbao_role``, else callback."""
    role = request.meta.get(META_ROLE)
    if role in _VALID_ROLES:
        return role  # type: ignore[no-any-return]
    name = getattr(request.callback, "__name__", "")
    return _ROLE_BY_CALLBACK.get(name, "other")


def revisit_decision(
    role: Role,
    *,
    first_seen: str | None,
    now: datetime,
    policy: RevisitPolicy,
    published: str | None = None,
) -> Decision:
    """Whether to fetch a URL outright, re-check it conditionally, or skip it.

    ``first_seen`` is when the archive first got a 200 for the URL (index timestamp, UTC), None
    when never. Never archived: ``fetch``. Lists (and other pages) are always re-checked.
    Reports and attachments are re-checked while younger than ``policy.revisit_days`` or when
    ``policy.refresh`` is set, else skipped. A report's age counts from the earlier of
    ``first_seen`` and the date the page says it was ``published`` (``2021-01-22 09:30``,
    ``2021年1月22日``; unreadable dates are ignored): a report published years ago and archived
    by the first crawl is not new on the second.

    >>> now = datetime(2026, 11, 21, tzinfo=UTC)
    >>> revisit_decision("report", first_seen="2026-11-01T00:00:00.000000Z", now=now,
    ...                  policy=RevisitPolicy(revisit_days=30))
    'recheck'
    >>> revisit_decision("report", first_seen="2026-01-01T00:00:00.000000Z", now=now,
    ...                  policy=RevisitPolicy(revisit_days=30))
    'skip'
    >>> revisit_decision("report", first_seen="2026-11-20T00:00:00.000000Z", now=now,
    ...                  policy=RevisitPolicy(revisit_days=30), published="2022-01-22 09:30")
    'skip'
    """
    if first_seen is None:
        return "fetch"
    if role not in ("report", "attachment") or policy.refresh:
        return "recheck"
    born = datetime.fromisoformat(first_seen)
    stated = published_date(published)
    if stated is not None and stated < born:
        born = stated
    age = now - born
    return "recheck" if age < timedelta(days=policy.revisit_days) else "skip"


def published_date(text: str | None) -> datetime | None:
    """The date a page states (``2021-01-22``, ``2021/1/22``, ``2021年1月22日``), UTC midnight.

    >>> published_date("2021年1月22日 09:30")
    datetime.datetime(2021, 1, 22, 0, 0, tzinfo=datetime.timezone.utc)
    >>> published_date("昨天") is None
    True
    """
    found = _DATE.search(text or "")
    if found is None:
        return None
    try:
        year, month, day = (int(g) for g in found.groups())
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:  # 2021-02-30: a typo on the page, not a date
        return None


def conditional_headers(last: CaptureRow | None) -> dict[str, str]:
    """``If-None-Match`` / ``If-Modified-Since`` from the validators of the last capture."""
    if last is None:
        return {}
    headers: dict[str, str] = {}
    if last.etag:
        headers["If-None-Match"] = last.etag
    if last.last_modified:
        headers["If-Modified-Since"] = last.last_modified
    return headers
