"""The sites registry: ``crawler/sites.toml`` loaded and checked into frozen ``Site`` records.

Which portals to crawl is data, not code (STYLE.md §6). Every entry is validated field by
field; a bad entry raises ``SiteConfigError`` naming the entry id and the field, an unknown id
raises ``UnknownSiteError`` listing the close ids. Local entries (the bundled sample portal)
keep their start URLs as paths; ``Site.resolve`` turns them into URLs against the spider's
``base_url`` and makes the base URL's host the only allowed domain.
"""

from __future__ import annotations

import difflib
import ipaddress
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import timedelta  # noqa: TC003 (a dataclass field type)
from importlib.resources import files
from importlib.resources.abc import Traversable  # noqa: TC003 (a runtime annotation target)
from typing import TYPE_CHECKING, Literal, cast, get_args
from urllib.parse import urljoin, urlsplit

from archive import InvalidIntervalError, parse_interval

if TYPE_CHECKING:
    from pathlib import Path

SiteLevel = Literal[
    "province", "city", "district", "county", "township", "street", "department"
]
CmsHint = Literal["trs", "hanweb", "gkmlpt"]

#: The registry shipped with the package (package data, see pyproject.toml).
#: The bundled registry, read through importlib.resources so it also loads from a zipped egg
#: (Scrapyd runs the project from one).
DEFAULT_REGISTRY: Traversable = files("crawler").joinpath("sites.toml")

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: GB/T 2260 administrative division codes: six digits, the first two a province code 11–82.
_REGION = re.compile(r"^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|7[1]|8[1-2])\d{4}$")
_KEYS = frozenset(
    {
        "id",
        "name",
        "region_code",
        "level",
        "start_urls",
        "allowed_domains",
        "crawl_interval",
        "cms",
        "local",
    }
)


class SiteError(Exception):
    """Base of the registry's errors (the CLI prints them as one ``Error:`` line)."""


class SiteConfigError(SiteError):
    """An entry of the registry is malformed; the message names the entry and the field."""

    def __init__(self, site_id: str, field: str, problem: str) -> None:
        super().__init__(
            f"sites registry: entry {site_id!r}, field {field!r}: {problem}"
        )
        self.site_id = site_id
        self.field = field


class UnknownSiteError(SiteError):
    """No entry with that id; the message lists the closest ids."""

    def __init__(self, site_id: str, known: list[str]) -> None:
        close = difflib.get_close_matches(site_id, known, n=3, cutoff=0.4)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        super().__init__(
            f"unknown site id {site_id!r}{hint} (known: {', '.join(sorted(known))})"
        )
        self.site_id = site_id


@dataclass(frozen=True, slots=True)
class Site:
    """One portal of the registry."""

    id: str
    name: str
    region_code: str
    level: SiteLevel
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    crawl_interval: timedelta
    cms: CmsHint | None = None
    local: bool = False

    def resolve(self, base_url: str | None) -> Site:
        """This site with absolute start URLs: a local site needs ``base_url``, others ignore it.

        Raises ``SiteConfigError`` when a local site gets no usable ``base_url``.
        """
        if not self.local:
            return self
        if not base_url or urlsplit(base_url).scheme not in ("http", "https"):
            raise SiteConfigError(
                self.id,
                "base_url",
                f"a local site needs -a base_url=http://HOST:PORT/ (got {base_url!r})",
            )
        host = urlsplit(base_url).hostname or ""
        return replace(
            self,
            start_urls=tuple(urljoin(base_url, path) for path in self.start_urls),
            allowed_domains=(host,),
        )


def is_loopback(url: str | None) -> bool:
    """True for a URL on this machine (``localhost``, 127.0.0.0/8, ``::1``)."""
    host = urlsplit(url or "").hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_sites(path: Path | Traversable | None = None) -> dict[str, Site]:
    """Read and validate the registry; return the sites by id, in file order."""
    source = path or DEFAULT_REGISTRY
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        msg = f"cannot read the sites registry {source}: {exc}"
        raise SiteError(msg) from exc
    entries = data.get("site", [])
    if not isinstance(entries, list):
        msg = f"sites registry {source}: [[site]] must be an array of tables"
        raise SiteError(msg)
    sites: dict[str, Site] = {}
    for index, entry in enumerate(entries):
        site = _parse_entry(entry, index)
        if site.id in sites:
            raise SiteConfigError(site.id, "id", "duplicate id")
        sites[site.id] = site
    return sites


def get_site(site_id: str, path: Path | Traversable | None = None) -> Site:
    """The site ``site_id``; ``UnknownSiteError`` (with close ids) if there is none."""
    sites = load_sites(path)
    try:
        return sites[site_id]
    except KeyError:
        raise UnknownSiteError(site_id, list(sites)) from None


def _parse_entry(entry: object, index: int) -> Site:  # noqa: PLR0912 (one check per field)
    if not isinstance(entry, dict):
        raise SiteConfigError(f"#{index}", "site", "must be a table")
    site_id = entry.get("id")
    if not isinstance(site_id, str) or not _ID.match(site_id):
        raise SiteConfigError(
            f"#{index}", "id", f"lowercase letters, digits and '-' (got {site_id!r})"
        )
    unknown = set(entry) - _KEYS
    if unknown:
        raise SiteConfigError(site_id, min(unknown), "unknown field")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SiteConfigError(site_id, "name", "a non-empty string is required")
    region = entry.get("region_code")
    if not isinstance(region, str) or not _REGION.match(region):
        raise SiteConfigError(
            site_id,
            "region_code",
            f"six-digit GB/T 2260 code expected (got {region!r})",
        )
    level = entry.get("level")
    if level not in get_args(SiteLevel):
        raise SiteConfigError(
            site_id, "level", f"one of {', '.join(get_args(SiteLevel))} (got {level!r})"
        )
    local = entry.get("local", False)
    if not isinstance(local, bool):
        raise SiteConfigError(site_id, "local", "true or false")
    start_urls = _strings(entry, "start_urls", site_id, required=True)
    for url in start_urls:
        if local and not url.startswith("/"):
            raise SiteConfigError(
                site_id, "start_urls", f"a local site uses paths ({url!r})"
            )
        if not local and urlsplit(url).scheme not in ("http", "https"):
            raise SiteConfigError(
                site_id, "start_urls", f"absolute http(s) URL ({url!r})"
            )
    allowed = _strings(entry, "allowed_domains", site_id, required=not local)
    if not local:
        hosts = {urlsplit(url).hostname for url in start_urls}
        outside = sorted(h or "" for h in hosts if h not in allowed)
        if outside:
            raise SiteConfigError(
                site_id, "allowed_domains", f"start URL hosts not allowed: {outside}"
            )
    try:
        interval = parse_interval(str(entry.get("crawl_interval", "")))
    except InvalidIntervalError as exc:
        raise SiteConfigError(site_id, "crawl_interval", str(exc)) from None
    cms = entry.get("cms")
    if cms is not None and cms not in get_args(CmsHint):
        raise SiteConfigError(
            site_id, "cms", f"one of {', '.join(get_args(CmsHint))} (got {cms!r})"
        )
    return Site(
        id=site_id,
        name=name.strip(),
        region_code=region,
        level=cast("SiteLevel", level),
        start_urls=start_urls,
        allowed_domains=allowed,
        crawl_interval=interval,
        cms=cast("CmsHint | None", cms),
        local=local,
    )


def _strings(
    entry: dict[str, object], field: str, site_id: str, *, required: bool
) -> tuple[str, ...]:
    value = entry.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise SiteConfigError(site_id, field, "a list of non-empty strings")
    if required and not value:
        raise SiteConfigError(site_id, field, "at least one value is required")
    return tuple(cast("list[str]", value))
