"""Host names of registry entries: this machine, well-formed names, sister hosts, site codes.

Pure string checks, no resolution: a registry of three thousand portals is validated without
one DNS query. ``crawler.sites`` raises its typed errors from these answers; discovery and the
importer ask the same questions.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

#: A host name: dot-separated labels of letters, digits and inner hyphens (at least two labels).
_HOST = re.compile(
    r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$"
)
#: The 网站标识码 of a portal: region code + four digits, or ``bm`` + eight digits (ministries).
_SITE_CODE = re.compile(r"^(?:\d{10}|bm\d{8})$")


def is_loopback(url: str | None) -> bool:
    """True for a URL on this machine (``localhost``, 127.0.0.0/8, ``::1``)."""
    host = urlsplit(url or "").hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_host_name(host: str) -> bool:
    """True for a lower-case host name such as ``www.x.gov.cn`` (IP addresses pass too)."""
    return bool(_HOST.match(host))


def parent_domain(host: str) -> str:
    """The host without its first label: ``www.x.gov.cn`` and ``zwgk.x.gov.cn`` give ``x.gov.cn``."""
    return host.partition(".")[2]


def is_sister_of(host: str, allowed: tuple[str, ...], *, local: bool) -> bool:
    """True for a host sharing the city or county domain of an allowed host (portals.md §2.2).

    A local site's sisters are other names of this machine (``localhost``), nothing else.
    """
    if local:
        return is_loopback(f"http://{host}/")
    parents = {parent_domain(h) for h in allowed}
    return is_host_name(host) and parent_domain(host) in parents


def site_code_problem(code: object, region: str) -> str | None:
    """What is wrong with a 网站标识码 for ``region``, or None (its first six digits are the code)."""
    if not isinstance(code, str) or not _SITE_CODE.match(code):
        return f"ten digits or bm + eight digits (got {code!r})"
    if code[:6].isdigit() and code[:6] != region:
        return f"first six digits {code[:6]} ≠ region_code {region}"
    return None
