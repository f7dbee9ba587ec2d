"""``python -m crawler.sampleportal``: build a portal and serve it until SIGTERM/SIGINT.

The first stdout line is the base URL (``http://127.0.0.1:PORT/``), flushed at once, which is
how ``crawler.sampleportal.process`` and the test fixture learn the port chosen for ``--port 0``.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from typing import NoReturn

from crawler.sampleportal.build import build_portal
from crawler.sampleportal.server import NonLoopbackHostError, PortalServer

logger = logging.getLogger("crawler.sampleportal")


def _stop(signum: int, _frame: object) -> NoReturn:
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crawler.sampleportal", description=__doc__
    )
    parser.add_argument(
        "--port", type=int, default=0, help="TCP port (0 picks a free one)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--size", type=int, default=30, help="approximate number of reports"
    )
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind")
    parser.add_argument(
        "--hostile",
        action="store_true",
        help="add the politeness and safety cases (429, challenge, gzip bomb, loops, flood)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        portal = build_portal(seed=args.seed, size=args.size, hostile=args.hostile)
        server = PortalServer(portal, args.host, args.port)
    except (NonLoopbackHostError, ValueError, OSError) as error:
        logger.error("sample portal not started: %s", error)
        return 2
    signal.signal(signal.SIGTERM, _stop)
    print(server.url, flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
