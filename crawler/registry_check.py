"""Lint a sites registry: every problem of every entry at once (``nianbao sites check``).

``load_sites`` stops at the first bad entry, which is right before a crawl and wrong for a
registry of three thousand imported portals. ``check_registry`` reads the same TOML format and
reports, per entry: what ``crawler.sites.parse_entry`` refuses (one finding per entry), region
codes that are not in the bundled GB/T 2260 table (``parsers.gazetteer``), duplicate ids, two
entries for one host (``www.`` ignored: ``www.x.gov.cn`` and ``x.gov.cn`` are one portal), and
non-local entries that point at this machine or at a bare IP address. Nothing is resolved or
fetched. Reads no settings.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from crawler.hosts import is_loopback
from crawler.sites import Site, SiteConfigError, parse_entry, read_entries
from parsers.gazetteer import is_region_code, table_source

if TYPE_CHECKING:
    from collections.abc import Iterable
    from importlib.resources.abc import Traversable
    from pathlib import Path


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem of one entry (or of one row of an imported list)."""

    site_id: str
    field: str
    problem: str

    def line(self) -> str:
        """``ID<TAB>field<TAB>problem``: one finding per line, for people and for ``cut``."""
        return f"{self.site_id}\t{self.field}\t{self.problem}"


def host_key(url: str) -> str:
    """The host a duplicate is judged by: lower case, without ``www.``."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def check_registry(source: Path | Traversable) -> list[Finding]:
    """Every finding of the registry at ``source``, in file order (empty: the registry is clean)."""
    findings: list[Finding] = []
    sites: list[Site] = []
    for index, entry in enumerate(read_entries(source)):
        try:
            sites.append(parse_entry(entry, index))
        except SiteConfigError as exc:
            findings.append(Finding(exc.site_id, exc.field, exc.problem))
    findings += check_sites(sites)
    return findings


def check_sites(sites: Iterable[Site]) -> list[Finding]:
    """Findings across valid entries: unknown region codes, duplicate ids and hosts, local hosts."""
    findings: list[Finding] = []
    ids: set[str] = set()
    hosts: dict[str, str] = {}
    for site in sites:
        if site.id in ids:
            findings.append(Finding(site.id, "id", "duplicate id"))
        ids.add(site.id)
        if not is_region_code(site.region_code):
            findings.append(
                Finding(
                    site.id,
                    "region_code",
                    f"{site.region_code} is not in the GB/T 2260 table ({table_source()})",
                )
            )
        if site.local:
            continue
        for url in site.start_urls:
            findings += _host_findings(site, url, hosts)
    return findings


def _host_findings(site: Site, url: str, hosts: dict[str, str]) -> list[Finding]:
    host = (urlsplit(url).hostname or "").lower()
    if is_loopback(url) or _is_ip(host):
        return [
            Finding(site.id, "start_urls", f"{host} is an address, not a portal's host")
        ]
    key = host_key(url)
    owner = hosts.setdefault(key, site.id)
    if owner != site.id:
        return [Finding(site.id, "start_urls", f"host {host} is also entry {owner!r}")]
    return []


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
