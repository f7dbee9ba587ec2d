"""The bundled sample portal: a seeded generator and a local HTTP server imitating real portals.

``build_portal(seed=7, size=30)`` returns the ground truth without starting anything;
``python -m crawler.sampleportal`` serves it on 127.0.0.1 (docs/sample-portal.md).
"""

from __future__ import annotations

from crawler.sampleportal.build import build_portal
from crawler.sampleportal.model import ExpectedReport, Portal, SiteTruth, SpecialPaths

__all__ = ["ExpectedReport", "Portal", "SiteTruth", "SpecialPaths", "build_portal"]
