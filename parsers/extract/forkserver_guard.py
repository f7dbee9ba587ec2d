"""Imported only into multiprocessing's forkserver, as a preload module: guards it.

Importing this module is what guards the forkserver (``orphans.guard_forkserver``): the
forkserver exits with the process that started it, and its children die with it. It is named
first in the forkserver's preload list by ``crawler.pipelines`` and by the parse workers
(``archive.lifetime.init_worker``); nothing else imports it. It lives here, not in
``archive``, because importing any ``archive`` module imports the whole package (its API,
exports, browse), about a quarter of a CPU-second in every extraction sandbox's forkserver.
"""

from __future__ import annotations

from parsers.extract.orphans import guard_forkserver

guard_forkserver()
