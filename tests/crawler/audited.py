"""Run ``nianbao`` under an audit hook that records every socket operation (``sys.addaudithook``).

Usage: ``python -m tests.crawler.audited EVENTS.jsonl nianbao-args…``. Each ``socket.connect``,
``socket.bind``, ``socket.getaddrinfo``, ``socket.gethostbyname``, ``socket.gethostbyaddr`` and
``urllib.Request`` event of this process (every thread) is appended to EVENTS.jsonl as
``{"event": …, "args": […]}``, so a test can assert what a crawl contacted or resolved. Python
raises no audit event for ``listen``, so ``socket.socket.listen`` is wrapped to record a
``socket.listen`` event with the listening address (asyncio and Twisted servers both call it).
The file is opened before the hook is installed and written with ``os.write``, which raises no
audit event of its own.
"""

from __future__ import annotations

import json
import os
import socket
import sys

WATCHED = {
    "socket.connect",
    "socket.bind",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.sendto",
    "urllib.Request",
}


def _install(path: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def write(event: str, record: list[object]) -> None:
        os.write(fd, (json.dumps({"event": event, "args": record}) + "\n").encode())

    def hook(event: str, args: tuple[object, ...]) -> None:
        if event not in WATCHED:
            return
        if event in {"socket.connect", "socket.bind", "socket.sendto"}:
            sock, address = args[0], args[-1]
            family = getattr(sock, "family", None)
            record = [int(family) if family is not None else None, repr(address)]
        else:
            record = [repr(arg) for arg in args]
        write(event, record)

    listen = socket.socket.listen

    def recording_listen(self: socket.socket, *args: int) -> None:
        write("socket.listen", [int(self.family), repr(self.getsockname())])
        listen(self, *args)

    socket.socket.listen = recording_listen  # type: ignore[method-assign]
    sys.addaudithook(hook)


if __name__ == "__main__":
    _install(sys.argv[1])
    sys.argv = ["nianbao", *sys.argv[2:]]
    from crawler.cli import main

    main()
