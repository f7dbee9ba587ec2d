"""Scanner specks painted out of a page image before its cells are cut out and read.

A dusty scanner or copier sprinkles a page with dots. Tesseract reads a dot beside a number
as punctuation (``“24``, ``0，``, ``.0``) and gives the word a low confidence: the cell is
doubtful, and on a speckled 150 dpi page so many cells were that the whole scan was judged too
poor to trust (``ocr.POOR_SCAN_SHARE``; measured on the accuracy suite's speckled scans). The
median filter ``ocr_page`` finds ink with cannot be what Tesseract reads (it eats the thin
strokes of a low-resolution scan, and a ``1`` lost is a wrong number), so the dots are taken
out of the unfiltered image instead, and only the dots: ink with no other ink around it, too
little to be any glyph or part of one. A decimal point stands beside its digits and the dot of
an ideograph beside its strokes, so the window around them always holds more ink than a speck
leaves; a speck that touches or nearly touches a glyph is left alone. A page with only a few
such dots is returned as it was: clean pages are not touched at all.

The specks that touch a glyph stay, and they are the dangerous ones: a few grey dots inside
the ring of a ``0`` were read as ``6`` with confidence 71 once the dots around the number no
longer made Tesseract unsure (``9566`` for ``9506``, in part 二 where no rule checks it). So a
page found speckled says so, and ``ocr`` asks more confidence of its numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PIL import Image as PILImage
from PIL import ImageChops, ImageFilter

from parsers.extract.ocr_lines import ink_mask

if TYPE_CHECKING:
    from PIL.Image import Image

#: Half the side (inches) of the window around an ink pixel that must hold nothing but a speck.
WINDOW_IN: Final = 0.025
#: Most ink (square inches) a speck has: a dot or two of a 150 dpi scan, blurred (12 pixels at
#: 300 dpi); a decimal point has about as much, but never stands alone.
SPECK_IN2: Final = 0.000135
#: How far (inches) around a speck's ink its blurred grey edge is painted out with it.
HALO_IN: Final = 0.007
#: Fewest speck pixels (per square inch of page) that make a page speckled. Measured: no
#: clean, JPEG, faint or askew scan of the accuracy suite has a single one, a speckled page
#: 25-35 (most of its specks are too light to be ink, and are left to the median filter).
SPECKLED_PER_IN2: Final = 4.0


def remove_specks(image: Image, dpi: float) -> tuple[Image, bool]:
    """``image`` (greyscale) with its isolated specks painted white, and whether it had any.

    A page with few is returned as it was (and ``False``): it is not a speckled page.
    """
    specks = speck_mask(image, dpi)
    width, height = image.size
    area = width * height / (dpi * dpi)
    if _count(specks) < SPECKLED_PER_IN2 * area:
        return image, False
    # grown by the halo (a box blur is anything but zero near a speck: faster than MaxFilter)
    halo = max(1, round(HALO_IN * dpi))
    spread = specks.filter(ImageFilter.BoxBlur(halo)).point(lambda v: 255 if v else 0)
    white = PILImage.new("L", image.size, 255)
    return PILImage.composite(white, image.convert("L"), spread), True


def speck_mask(image: Image, dpi: float) -> Image:
    """Mask (255) of the ink pixels with too little ink in the window around them."""
    ink = ink_mask(image)
    radius = max(1, round(WINDOW_IN * dpi))
    window = (2 * radius + 1) ** 2
    # BoxBlur averages the mask over the window: the mean says how many ink pixels it holds
    most = SPECK_IN2 * dpi * dpi * 255 / window
    mean = ink.filter(ImageFilter.BoxBlur(radius))
    sparse = mean.point(lambda v: 255 if v <= most else 0)
    return ImageChops.multiply(ink, sparse)


def _count(mask: Image) -> int:
    return int(mask.histogram()[255])
