"""The portal spider's callbacks, checked once here for what Scrapy would check per response.

Scrapy warns about a generator callback that ``return``s a value (the value is lost): on every
response, and by reading the callback's source back and parsing it with ``ast`` whenever its
cache (keyed by bound methods, which die with their request) lost it, about one response in
nine: ~2 % of a crawl's CPU. The project turns that check off
(``WARN_ON_GENERATOR_RETURN_VALUE = False``) and runs Scrapy's own check on every callback and
errback here instead.
"""

from __future__ import annotations

import inspect

import pytest
from scrapy.utils.misc import is_generator_with_return_value

from crawler import settings
from crawler.spiders.portal import PortalSpider

CALLBACKS = sorted(
    name
    for name, member in inspect.getmembers(PortalSpider, inspect.isfunction)
    if name.startswith("parse") or name == "errback"
)


def test_every_routed_callback_is_listed() -> None:
    # the names the spider's requests use (crawler/spiders/*.py): a new one must be checked too
    assert {
        "errback",
        "parse_api",
        "parse_attachment",
        "parse_dataproxy",
        "parse_json",
        "parse_list",
        "parse_probe",
        "parse_report",
        "parse_start",
    } <= set(CALLBACKS)


@pytest.mark.parametrize("name", CALLBACKS)
def test_callback_returns_no_value_from_a_generator(name: str) -> None:
    assert not is_generator_with_return_value(getattr(PortalSpider, name))


def test_scrapy_check_is_off_because_it_runs_here() -> None:
    assert settings.WARN_ON_GENERATOR_RETURN_VALUE is False


def test_check_catches_a_generator_that_returns_a_value() -> None:
    def parse_bad(response: object) -> object:
        yield None
        return 1

    assert is_generator_with_return_value(parse_bad)
