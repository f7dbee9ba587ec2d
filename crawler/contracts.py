"""``@portal_url``: a Scrapy contract whose URL is relative to the portal the spider was given.

Scrapy's ``@url`` contract needs an absolute URL written in the docstring, but the portal spider
crawls whatever ``base_url`` it is given (the sample portal listens on a port chosen at run
time), so ``scrapy check portal -a site=demo-trs -a base_url=http://127.0.0.1:PORT/`` could
never reach it. ``@portal_url PATH`` joins ``PATH`` to the spider's ``base_url`` (else to its
site's first start URL). ``@portal_url $NAME`` takes the path from the spider argument ``NAME``
(``-a NAME=/path``) for pages whose path only the portal knows (a report, an attachment); a
method whose argument is not given gets no request and is not checked, as Scrapy does for a
method without ``@url``.

Registered in ``SPIDER_CONTRACTS``; the other contracts (``@cb_kwargs``, ``@returns``,
``@scrapes``) are Scrapy's own. Reads no settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from scrapy.contracts import Contract

if TYPE_CHECKING:
    from collections.abc import Callable


class PortalUrlContract(Contract):
    """``@portal_url PATH`` or ``@portal_url $ARGUMENT``: the request URL on the spider's portal."""

    name = "portal_url"

    def __init__(self, method: Callable[..., Any], *args: Any) -> None:
        super().__init__(method, *args)
        # the bound callback: its spider holds the portal given with -a base_url
        self.spider = getattr(method, "__self__", None)

    def adjust_request_args(self, args: dict[str, Any]) -> dict[str, Any]:
        spider = self.spider
        path = str(self.args[0]) if self.args else ""
        if path.startswith("$"):
            path = str(getattr(spider, path[1:], "") or "")
        if not path:
            return args  # no URL: Scrapy skips the method
        base = getattr(spider, "base_url", None)
        if not base:
            site = getattr(spider, "site", None)
            starts = getattr(site, "start_urls", ())
            base = starts[0] if starts else ""
        args["url"] = urljoin(str(base), path)
        return args
