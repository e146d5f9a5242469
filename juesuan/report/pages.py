"""Page images for the review pages: each needed page of a document rendered once.

PDFium renders the page as displayed (/Rotate applied, as the cell boxes are), in grey at
100 dpi — small table print stays legible when a reviewer zooms — and the grey levels
are reduced to 16 and stored as a 4-bit PNG: text keeps sharp edges (a JPEG or lossy
WebP smears them and is larger), a table page is ~25–35 KB, and it encodes in ~8 ms.
Highlights are not drawn into the image: the HTML lays them over it, so one image
serves every finding and the table view of that page.

Images live in <reports>/documents/<document id>/p<NNN>.png. A document id is a hash
of the file's bytes, so an image already there shows the same page and is reused.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from juesuan.extract.pdfium_page import read_page
from juesuan.report.highlight import PageText

DPI = 100
GREY_LEVELS = 16
_PALETTE = [v for level in range(GREY_LEVELS) for v in (level * 255 // (GREY_LEVELS - 1),) * 3]


@dataclass(frozen=True)
class PageImage:
    """A rendered page: its file (relative to the reports folder, '/'-separated) and the
    displayed page size in points, the unit of every box laid over it."""

    src: str
    width: float
    height: float


def document_folder(document_id: str) -> str:
    return f"documents/{document_id}"


def encode_page(bitmap_image: Image.Image) -> bytes:
    """A greyscale image as a 16-level, 4-bit palette PNG."""
    levels = bitmap_image.convert("L").point(lambda v: v * GREY_LEVELS // 256)
    indexed = Image.frombytes("P", levels.size, levels.tobytes())
    indexed.putpalette(_PALETTE)
    out = io.BytesIO()
    indexed.save(out, "PNG", bits=4, compress_level=6)
    return out.getvalue()


class DocumentPages:
    """One open PDF: its page images (rendered on first use) and its pages' text."""

    def __init__(self, reports_dir: Path, document_id: str, pdf_path: Path):
        self.reports_dir = reports_dir
        self.folder = document_folder(document_id)
        self.pdf = pdfium.PdfDocument(str(pdf_path))
        self._images: dict[int, PageImage] = {}
        self._texts: dict[int, PageText] = {}
        self.rendered = 0  # pages rendered now (not found already on disk)
        self.failures: dict[int, str] = {}  # page → why it could not be rendered or read

    def __enter__(self) -> "DocumentPages":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.pdf.close()

    @property
    def page_count(self) -> int:
        return len(self.pdf)

    def image(self, number: int) -> PageImage | None:
        """Page `number` (1-based) as an image; None if the document has no such page."""
        if not 1 <= number <= len(self.pdf) or number in self.failures:
            return None
        if number not in self._images:
            try:
                page = self.pdf[number - 1]
                try:
                    width, height = page.get_size()  # as displayed (/Rotate applied), like the boxes
                finally:
                    page.close()
                src = f"{self.folder}/p{number:03d}-{DPI}dpi.png"
                target = self.reports_dir / src
                if not target.exists():
                    self._render(number, target)
            except (pdfium.PdfiumError, OSError, ValueError) as exc:  # one page, not the report
                self.failures[number] = f"page {number} could not be rendered: {type(exc).__name__}: {exc}"
                return None
            self._images[number] = PageImage(src, width, height)
        return self._images[number]

    def text(self, number: int) -> PageText | None:
        if not 1 <= number <= len(self.pdf):
            return None
        if number not in self._texts:
            try:
                self._texts[number] = PageText.from_chars(read_page(self.pdf, number - 1).chars)
            except (pdfium.PdfiumError, OSError, ValueError):  # no text: quotes are not marked, said so
                self._texts[number] = PageText("", (), ())
        return self._texts[number]

    def _render(self, number: int, target: Path) -> None:
        page = self.pdf[number - 1]
        try:
            bitmap = page.render(scale=DPI / 72, grayscale=True)
            data = encode_page(bitmap.to_pil())
        finally:
            page.close()
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        self.rendered += 1
