"""Reading a chart back as an image: what the chart tests share."""

from __future__ import annotations

import io

from PIL import Image

PNG = b"\x89PNG\r\n\x1a\n"


def opened(png: bytes) -> Image.Image:
    assert png.startswith(PNG)
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def drawn_pixels(image: Image.Image) -> int:
    """Pixels that are not the white background."""
    rgb = image.convert("RGB")
    counts = {colour: n for n, colour in rgb.getcolors(maxcolors=rgb.width * rgb.height)}
    return rgb.width * rgb.height - counts.get((255, 255, 255), 0)
