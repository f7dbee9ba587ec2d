"""Straighten a scanned page before its rules are looked for.

A sheet fed into a scanner a degree askew turns every table rule into a staircase: the ink runs
that ``ocr_lines`` looks for break every few dozen pixels, no cell is found, and every number
of the page is lost. The skew is measured the classic way, by projection profiles: a page's
text lines and rules are horizontal exactly when the ink per pixel row varies most (dense rows
and empty gaps alternate). Candidate angles are tried on a small copy (each rotation of a
~600-pixel-wide image is a fraction of a millisecond in Pillow, and the row profile is a resize
to one pixel wide), the best one is refined once, and the full page is rotated only if the
skew is worth it. Pillow only: no numpy, no OpenCV.
"""

from __future__ import annotations

from statistics import pvariance
from typing import TYPE_CHECKING, Final

from PIL import Image as PILImage

from parsers.extract.ocr_lines import ink_mask

if TYPE_CHECKING:
    from PIL.Image import Image

#: Largest skew looked for, in degrees; a sheet more askew than this was not scanned as a page.
MAX_SKEW_DEG: Final = 5.0
#: Coarse step, then the fine step around the best coarse angle, in degrees.
COARSE_STEP_DEG: Final = 0.5
FINE_STEP_DEG: Final = 0.1
#: Skew below this is left alone: rotating resamples every glyph, which costs more than it
#: gains for a rule that drifts a pixel or two across the page.
MIN_SKEW_DEG: Final = 0.15
#: Width of the copy the angle is measured on.
PROBE_WIDTH: Final = 600


def deskew(image: Image) -> tuple[Image, float]:
    """``image`` (greyscale) rotated upright, and the angle it was turned by, in degrees."""
    angle = skew_angle(image)
    if abs(angle) < MIN_SKEW_DEG:
        return image, 0.0
    upright = image.rotate(
        angle, resample=PILImage.Resampling.BICUBIC, expand=False, fillcolor=255
    )
    return upright, angle


def skew_angle(image: Image) -> float:
    """The rotation (degrees, counter-clockwise) that makes the page's lines horizontal."""
    scale = PROBE_WIDTH / max(1, image.size[0])
    probe = image.convert("L").resize(
        (PROBE_WIDTH, max(1, round(image.size[1] * scale))),
        PILImage.Resampling.BOX,
    )
    ink = ink_mask(probe)
    coarse = _steps(-MAX_SKEW_DEG, MAX_SKEW_DEG, COARSE_STEP_DEG)
    best = max(coarse, key=lambda a: _sharpness(ink, a))
    fine = _steps(best - COARSE_STEP_DEG, best + COARSE_STEP_DEG, FINE_STEP_DEG)
    return max(fine, key=lambda a: _sharpness(ink, a))


def _steps(low: float, high: float, step: float) -> list[float]:
    count = round((high - low) / step)
    return [round(low + i * step, 3) for i in range(count + 1)]


def _sharpness(ink: Image, angle: float) -> float:
    """How much the ink per row varies once the image is turned by ``angle``."""
    turned = ink.rotate(angle, resample=PILImage.Resampling.NEAREST, fillcolor=0)
    rows = turned.resize((1, turned.size[1]), PILImage.Resampling.BOX)
    return float(pvariance(rows.tobytes()))
