"""The registry family of ``nianbao`` commands: ``sites`` lists the portals it knows.

A thin body over ``crawler.sites.load_sites``; no Scrapy. Settings read: none.
"""

from __future__ import annotations

import click

from crawler.sites import load_sites


@click.command()
def sites() -> None:
    """List the sites of the registry.

    Example: nianbao sites
    """
    for site in load_sites().values():
        marker = " (local sample portal)" if site.local else ""
        click.echo(f"{site.id}\t{site.region_code}\t{site.name}{marker}")
