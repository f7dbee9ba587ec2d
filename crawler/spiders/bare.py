"""``BareSpider``: the portal spider's link following without archive or parsing, for bench/.

``scrapy crawl bare -a site=ID [-a base_url=…]`` requests exactly what ``PortalSpider`` requests
(same classification, same pagination decoders, same trap guard) but runs no item pipeline, so
``bench/crawl_bench.py`` can measure what archiving and parsing cost on top of crawling.
Items are still built and handed to Scrapy, which drops them.
"""

from __future__ import annotations

from typing import Any

from crawler.spiders.portal import PortalSpider


class BareSpider(PortalSpider):
    name = "bare"
    custom_settings: dict[str, Any] | None = {"ITEM_PIPELINES": {}}  # noqa: RUF012 (Scrapy types it as an instance attribute)
