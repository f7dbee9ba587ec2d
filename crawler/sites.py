"""The sites registry: ``crawler/sites.toml`` loaded and checked into frozen ``Site`` records.

Which portals to crawl is data, not code (STYLE.md §6). Every entry is validated field by
field; a bad entry raises ``SiteConfigError`` naming the entry id and the field, an unknown id
raises ``UnknownSiteError`` listing the close ids. Local entries (the bundled sample portal)
keep their start URLs as paths; ``Site.resolve`` turns them into URLs against the spider's
``base_url`` and makes the base URL's host the only allowed domain.

Besides the start URLs an entry may pin what discovery found (``report_columns``: the 年报
columns to start from, skipping discovery), name the sister hosts its records live on
(``sister_hosts``: ``zwgk.``/``xxgk.`` hosts of the same city or county domain) and carry its
10-digit 网站标识码 (``site_code``, whose first six digits are the region code). Any registry
file in this format can be loaded (``load_sites(path)``), not only the bundled one.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import timedelta  # noqa: TC003 (a dataclass field type)
from importlib.resources import files
from importlib.resources.abc import Traversable  # noqa: TC003 (a runtime annotation target)
from typing import TYPE_CHECKING, Literal, cast, get_args
from urllib.parse import urljoin, urlsplit

from archive import InvalidIntervalError, parse_interval
from crawler.hosts import is_loopback, is_sister_of, site_code_problem

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "DEFAULT_REGISTRY",
    "CmsHint",
    "Site",
    "SiteConfigError",
    "SiteError",
    "SiteLevel",
    "UnknownSiteError",
    "get_site",
    "is_loopback",  # from crawler.hosts; kept here for the spider
    "load_sites",
    "parse_entry",
    "read_entries",
]

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
        "site_code",
        "sister_hosts",
        "report_columns",
        "name",
        "region_code",
        "level",
        "start_urls",
        "allowed_domains",
        "crawl_interval",
        "cms",
        "local",
        "base_url",
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
        self.problem = problem


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
    sister_hosts: tuple[str, ...] = ()
    report_columns: tuple[str, ...] = ()
    site_code: str | None = None
    #: A local entry's own server (``http://127.0.0.2:PORT/``), as a generated portal set
    #: writes it; such an entry needs no ``--base-url`` and is crawled by ``--all``/``--due``.
    base_url: str | None = None

    @property
    def is_crawlable_alone(self) -> bool:
        """True when the entry says where it is served: a real portal, or a local one with its URL."""
        return not self.local or self.base_url is not None

    @property
    def hosts(self) -> tuple[str, ...]:
        """Every host the crawl may fetch from: the allowed domains, then the sister hosts."""
        return self.allowed_domains + self.sister_hosts

    def resolve(self, base_url: str | None) -> Site:
        """This site with absolute start URLs: a local site needs ``base_url``, others ignore it.

        Raises ``SiteConfigError`` when a local site gets no usable ``base_url``.
        """
        if not self.local:
            return self
        base_url = base_url or self.base_url
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
            report_columns=tuple(urljoin(base_url, p) for p in self.report_columns),
            allowed_domains=(host,),
        )


def read_entries(source: Path | Traversable) -> list[object]:
    """The ``[[site]]`` tables of a registry file, unchecked; ``SiteError`` if it is not one."""
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        msg = f"cannot read the sites registry {source}: {exc}"
        raise SiteError(msg) from exc
    entries = data.get("site", [])
    if not isinstance(entries, list):
        msg = f"sites registry {source}: [[site]] must be an array of tables"
        raise SiteError(msg)
    return entries


def load_sites(path: Path | Traversable | None = None) -> dict[str, Site]:
    """Read and validate the registry; return the sites by id, in file order."""
    sites: dict[str, Site] = {}
    for index, entry in enumerate(read_entries(path or DEFAULT_REGISTRY)):
        site = parse_entry(entry, index)
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


def parse_entry(entry: object, index: int) -> Site:  # noqa: PLR0912 (one check per field)
    """One ``[[site]]`` table as a ``Site``; ``SiteConfigError`` names the first bad field.

    ``index`` (the entry's position) names an entry whose id is itself missing or bad.
    """
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
    sisters = _sister_hosts(entry, site_id, allowed, local=local)
    columns = _strings(entry, "report_columns", site_id, required=False)
    for url in columns:
        if local and not url.startswith("/"):
            raise SiteConfigError(
                site_id, "report_columns", f"a local site uses paths ({url!r})"
            )
        if not local and urlsplit(url).hostname not in (*allowed, *sisters):
            raise SiteConfigError(
                site_id, "report_columns", f"host not allowed nor a sister ({url!r})"
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
        sister_hosts=sisters,
        report_columns=columns,
        site_code=_site_code(entry, site_id, region),
        base_url=_base_url(entry, site_id, local=local),
    )


def _base_url(entry: dict[str, object], site_id: str, *, local: bool) -> str | None:
    """A local entry's server: an http URL on this machine (never another address)."""
    value = entry.get("base_url")
    if value is None:
        return None
    if not local:
        raise SiteConfigError(site_id, "base_url", "only a local entry has one")
    if (
        not isinstance(value, str)
        or urlsplit(value).scheme != "http"
        or not is_loopback(value)
    ):
        raise SiteConfigError(
            site_id, "base_url", f"an http URL on a loopback address ({value!r})"
        )
    return value


def _sister_hosts(
    entry: dict[str, object], site_id: str, allowed: tuple[str, ...], *, local: bool
) -> tuple[str, ...]:
    """The entry's sister hosts (``crawler.hosts.is_sister_of`` says which may be)."""
    hosts = _strings(entry, "sister_hosts", site_id, required=False)
    for host in hosts:
        if not is_sister_of(host, allowed, local=local):
            where = "a loopback name" if local else "a host of the same domain"
            raise SiteConfigError(
                site_id, "sister_hosts", f"{host!r} is not {where} as allowed_domains"
            )
    return hosts


def _site_code(entry: dict[str, object], site_id: str, region: str) -> str | None:
    code = entry.get("site_code")
    if code is None:
        return None
    problem = site_code_problem(code, region)
    if problem is not None:
        raise SiteConfigError(site_id, "site_code", problem)
    return str(code)


def _strings(
    entry: dict[str, object], field: str, site_id: str, *, required: bool
) -> tuple[str, ...]:
    value = entry.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise SiteConfigError(site_id, field, "a list of non-empty strings")
    if required and not value:
        raise SiteConfigError(site_id, field, "at least one value is required")
    return tuple(cast("list[str]", value))
