"""Files written for users (exports, packages, cursors) that take their name only once whole.

A reader of ``texts.jsonl`` or ``site.wacz`` (a scheduled job, a downstream parser) must never
find a file cut short by a failure half-way, nor lose the previous good one to it. Each is
written beside its name and renamed over it at the end (a rename within one directory is
atomic); a failure removes the part and leaves the earlier file as it was.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A path beside ``path`` to write; renamed to ``path`` if the block ends without error.

    The part is hidden (``.NAME.part``) so a directory listing or a glob for ``*.jsonl`` does
    not pick it up while it is written.
    """
    target = Path(path)
    part = target.with_name(f".{target.name}.part")
    try:
        yield part
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)
