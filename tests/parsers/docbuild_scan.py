"""Scanned-report fixtures: a generated report PDF rendered to images, saved as image-only PDF.

What a scanner or a "print to image" produces: no text layer, only pixels. Rendering needs a
CJK font on the machine (pdfium substitutes one for the PDF's non-embedded STSong-Light);
``fonts-wqy-microhei`` is what CI installs (``.ci/run``). ``noise`` adds speckles and a blur
so a test can check that a worse scan loses cells, never gets them wrong.
"""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Final

import pypdfium2  # type: ignore[import-untyped]
from PIL import Image, ImageFilter

#: The CJK font the fixtures are rendered with (Debian package fonts-wqy-microhei).
CJK_FONT: Final = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def scan_pdf(
    body: bytes, *, dpi: int = 200, noise: float = 0.0, seed: int = 0, skew: float = 0.0
) -> bytes:
    """``body`` (a PDF) as an image-only PDF at ``dpi``.

    ``noise``: share of speckled pixels; ``skew``: degrees the sheet lay askew in the scanner.
    """
    document = pypdfium2.PdfDocument(body)
    try:
        images = [
            page.render(scale=dpi / 72, grayscale=True).to_pil() for page in document
        ]
    finally:
        document.close()
    if skew:
        images = [
            image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
            for image in images
        ]
    if noise:
        rng = random.Random(seed)  # noqa: S311 - fixture noise, not security
        for image in images:
            width, height = image.size
            pixels = image.load()
            assert pixels is not None
            for _ in range(int(width * height * noise)):
                pixels[rng.randrange(width), rng.randrange(height)] = rng.choice(
                    (0, 255)
                )
        images = [image.filter(ImageFilter.GaussianBlur(0.6)) for image in images]
    out = io.BytesIO()
    images[0].save(
        out, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:]
    )
    return out.getvalue()
