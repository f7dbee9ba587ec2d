"""Errors of the crawler package that the command line reports as one ``Error:`` line.

Kept free of Scrapy imports so ``crawler.cli.errors`` can name them without loading Scrapy.
"""

from __future__ import annotations


class InvalidSettingError(ValueError):
    """A nianbao setting holds a value it cannot use; raised before anything is fetched."""
