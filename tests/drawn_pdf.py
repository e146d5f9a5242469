"""Drawing helpers for the tests' generated PDFs (fpdf2), shared so that each test file
draws only what its case is about."""

from __future__ import annotations


def ruled_rows(pdf, rows, top: float, widths: list[float], left: float = 40.0, height: float = 20.0) -> None:
    """A ruled grid: one row of boxed cells per tuple of texts, each text at its cell's left."""
    for r, cells in enumerate(rows):
        x = left
        for text, width in zip(cells, widths):
            pdf.rect(x, top + r * height, width, height)
            if text:
                pdf.text(x + 4, top + r * height + 14, text)
            x += width
