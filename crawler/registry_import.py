"""Turn a list of portals (CSV) into registry entries: ``nianbao sites import FILE.csv``.

National lists come from the State Council's database of government websites, which offers
CSV downloads per group (docs/sites.md); which columns those files carry is not confirmed, so
the header mapping is tolerant (English names, the Chinese headers importers in the wild
expect, the JSON field names of the database's search) and overridable per field. Each row
needs a URL and a name; the region code comes from its column or from the first six digits
of the 10-digit 网站标识码 (both given: they must agree), and must be in the bundled GB/T 2260
table; the level comes from its column or from the code (…0000 province, …00 city, else county
or district). Every entry is validated by ``crawler.sites.parse_entry``, the registry's own
check. Rows with a malformed URL, an unknown region code or a host already imported (or
already in ``known`` entries) are reported as findings and left out. Nothing is resolved.
Reads no settings.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import tomli_w

from crawler.hosts import is_host_name, is_loopback
from crawler.registry_check import Finding, host_key
from crawler.sites import SiteConfigError, SiteError, parse_entry
from parsers.gazetteer import is_region_code, region_name

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

    from crawler.sites import Site

#: Header names seen for each field, first match wins (case-insensitive for Latin names).
HEADERS: dict[str, tuple[str, ...]] = {
    "region_code": ("region_code", "地区代码", "行政区划代码", "区划代码", "adcode"),
    "name": ("name", "网站名称", "wzmc"),
    "level": ("level", "级别", "层级", "网站级别", "行政级别"),
    "url": ("url", "首页网址", "网址", "网站地址", "网站网址"),
    "site_code": ("site_code", "网站标识码", "sitecode"),
}
LEVELS: dict[str, str] = {
    "省级": "province", "省": "province", "市级": "city", "地市级": "city", "市": "city",
    "县级": "county", "区县级": "county", "县": "county", "区": "district",
    "乡镇": "township", "乡": "township", "镇": "township", "街道": "street",
    "部门": "department",
}  # fmt: skip
_SLUG_DROP = re.compile(r"^www\.|\.(?:gov\.cn|com\.cn|org\.cn|cn|com|net|org)$")


class ImportFormatError(SiteError):
    """The list cannot be read as CSV, or a required column is missing."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Entries ready for a registry file, and the rows left out (as findings)."""

    entries: list[dict[str, Any]]
    findings: list[Finding]
    rows: int


def import_portals(
    path: Path,
    *,
    encoding: str = "utf-8-sig",
    columns: Mapping[str, str] | None = None,
    interval: str = "30d",
    known: Iterable[Site] = (),
) -> ImportResult:
    """Read the CSV at ``path`` into validated entries; see the module docstring."""
    try:
        with path.open(encoding=encoding, newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        msg = f"cannot read {path} as {encoding} CSV ({exc}); try --encoding gb18030"
        raise ImportFormatError(msg) from exc
    header = list(rows[0]) if rows else []
    mapping = _map_headers(header, columns or {})
    hosts = {host_key(u): s.id for s in known if not s.local for u in s.start_urls}
    ids = {s.id for s in known}
    entries: list[dict[str, Any]] = []
    findings: list[Finding] = []
    for number, row in enumerate(rows, start=2):  # line 1 is the header
        values = {f: (row.get(h) or "").strip() for f, h in mapping.items()}
        entry, problem = _entry(values, interval)
        where = f"line {number}"
        if entry is None:
            findings.append(Finding(where, problem[0], problem[1]))
            continue
        key = host_key(entry["start_urls"][0])
        if key in hosts:
            findings.append(Finding(where, "url", f"host {key} is also {hosts[key]!r}"))
            continue
        entry["id"] = _unique(entry["id"], ids)
        try:
            parse_entry(entry, number)
        except SiteConfigError as exc:
            findings.append(Finding(where, exc.field, exc.problem))
            continue
        hosts[key] = entry["id"]
        ids.add(entry["id"])
        entries.append(entry)
    return ImportResult(entries, findings, len(rows))


def entries_to_toml(entries: list[dict[str, Any]]) -> str:
    """The entries as ``[[site]]`` tables, in the registry's format."""
    return tomli_w.dumps({"site": entries})


def _map_headers(header: list[str], columns: Mapping[str, str]) -> dict[str, str]:
    unknown = set(columns) - set(HEADERS)
    if unknown:
        msg = f"unknown field(s) {sorted(unknown)}; fields: {', '.join(HEADERS)}"
        raise ImportFormatError(msg)
    mapping: dict[str, str] = {}
    by_lower = {h.strip().lower(): h for h in header}
    for field, names in HEADERS.items():
        wanted = (columns[field],) if field in columns else names
        found = next(
            (by_lower[n.lower()] for n in wanted if n.lower() in by_lower), None
        )
        if found is not None:
            mapping[field] = found
    missing = [f for f in ("name", "url") if f not in mapping]
    if "region_code" not in mapping and "site_code" not in mapping:
        missing.append("region_code or site_code")
    if missing:
        msg = f"no column for {', '.join(missing)} (header: {header}); map one with --column"
        raise ImportFormatError(msg)
    return mapping


def _entry(
    values: dict[str, str], interval: str
) -> tuple[dict[str, Any] | None, tuple[str, str]]:
    """One row as an entry, or None and (field, problem)."""
    url, problem = _normal_url(values.get("url", ""))
    if url is None:
        return None, ("url", problem)
    site_code = values.get("site_code", "")
    region = values.get("region_code", "") or (
        site_code[:6] if site_code[:6].isdigit() else ""
    )
    if site_code and site_code[:6].isdigit() and site_code[:6] != region:
        return None, (
            "site_code",
            f"{site_code} does not start with region code {region}",
        )
    if not is_region_code(region):
        return None, ("region_code", f"{region or '(none)'} is not a GB/T 2260 code")
    level = _level(values.get("level", ""), region)
    if level is None:
        return None, ("level", f"unknown level {values.get('level')!r}")
    host = urlsplit(url).hostname or ""
    entry: dict[str, Any] = {
        "id": f"{region}-{_SLUG_DROP.sub('', host).replace('.', '-')}",
        "name": values.get("name", ""),
        "region_code": region,
        "level": level,
        "start_urls": [url],
        "allowed_domains": [host],
        "crawl_interval": interval,
    }
    if site_code:
        entry["site_code"] = site_code
    return entry, ("", "")


def _normal_url(raw: str) -> tuple[str | None, str]:
    """``http://`` added to a bare host; malformed URLs give None and the reason."""
    text = raw.strip()
    if not text:
        return None, "no URL"
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("http", "https"):
        return None, f"not an http(s) URL: {raw!r}"
    if " " in text or not is_host_name(host):
        return None, f"malformed URL: {raw!r}"
    if is_loopback(text) or host.replace(".", "").isdigit():
        return None, f"an address, not a portal's host: {raw!r}"
    return urlunsplit(
        (parts.scheme.lower(), host, parts.path or "/", parts.query, "")
    ), ""


def _level(text: str, region: str) -> str | None:
    if not text:
        if region.endswith("0000"):
            return "province"
        if region.endswith("00"):
            return "city"
        return "district" if (region_name(region) or "").endswith("区") else "county"
    if text in LEVELS.values():
        return text
    return LEVELS.get(text.removesuffix("政府网站").removesuffix("网站"))


def _unique(site_id: str, ids: set[str]) -> str:
    candidate, n = site_id, 2
    while candidate in ids:
        candidate, n = f"{site_id}-{n}", n + 1
    return candidate
