"""Render a PDF page with poppler's pdftoppm and measure how much of it is ink."""

import subprocess
from pathlib import Path


def dark_fraction(pdf: Path, out_dir: Path, *, page: int = 1, dpi: int = 50) -> float:
    """Fraction of pixels darker than 200/255 on ``page`` (a blank page gives 0)."""
    prefix = out_dir / f"page{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-gray", str(pdf), str(prefix)],
                   check=True)
    pgm = next(out_dir.glob(f"page{page}*.pgm")).read_bytes()
    pixels = pgm.split(b"\n", 3)[3]  # binary PGM: three header lines, then one byte a pixel
    return sum(1 for b in pixels if b < 200) / len(pixels)
