"""Gate tests on optional system tools (Tesseract, LibreOffice) without hiding failures.

A developer without the tools sees the tests skipped with the install line; CI installs the
tools and sets ``NIANBAO_REQUIRE_TOOLS=1`` (``.ci/run``), which turns a missing tool into a
failure, so a broken install step can never pass as a skip.
"""

from __future__ import annotations

import os
import shutil
from typing import NoReturn

import pytest

#: How to install each tool on Debian (also in docs/formats.md).
INSTALL = {
    "tesseract": "apt-get install tesseract-ocr tesseract-ocr-chi-sim",
    "soffice": "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui",
    "chromium": "apt-get install chromium",
    "redis-server": "apt-get install redis-server",
}


def require_tool(name: str) -> str:
    """The tool's path; skip the test if it is missing, fail instead under CI's flag."""
    path = shutil.which(name)
    if path is None:
        _missing(f"{name} is not installed ({INSTALL.get(name, name)})")
    return path


def require_cjk_font() -> None:
    """Skip (or fail under CI's flag) unless the CJK font that scan fixtures render with is here."""
    from tests.parsers.docbuild_scan import CJK_FONT

    if CJK_FONT.exists():
        return
    _missing(f"{CJK_FONT} is missing (apt-get install fonts-wqy-microhei)")


def _missing(message: str) -> NoReturn:
    """Skip the test, or fail it where CI promised the tools (``NIANBAO_REQUIRE_TOOLS=1``)."""
    if os.environ.get("NIANBAO_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{message}; NIANBAO_REQUIRE_TOOLS=1 says it must be")
    pytest.skip(message)
