"""Imported only into multiprocessing's forkserver, as a preload module: guards it.

Importing this module is what guards the forkserver (``archive.lifetime.guard_forkserver``):
the forkserver exits with the process that started it, and its children die with it. It is
named in the forkserver's preload list by ``crawler.pipelines`` and by the parse workers
(``archive.lifetime.init_worker``); nothing else imports it.
"""

from __future__ import annotations

from archive.lifetime import guard_forkserver

guard_forkserver()
