"""What kind of file is this, by its bytes: the routing decision before extraction.

Portals serve spreadsheets, ZIP archives and HTML error pages next to PDFs, often under
a misleading name. The extractor rejects all non-PDFs alike (juesuan.extract.scan.sniff);
intake needs finer kinds to route them: unpack a ZIP, set a spreadsheet aside with the
status `unsupported_format`, report an HTML page as what it is.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

PDF, HTML, ZIP, XLSX, DOCX, OLE, IMAGE, EMPTY, UNKNOWN = (
    "pdf", "html", "zip", "xlsx", "docx", "ole", "image", "empty", "unknown")

DESCRIPTIONS = {
    PDF: "a PDF", HTML: "an HTML page", ZIP: "a ZIP archive", XLSX: "an XLSX spreadsheet",
    DOCX: "a DOCX document", OLE: "an OLE document (XLS or DOC)", IMAGE: "an image",
    EMPTY: "an empty file", UNKNOWN: "a file of unknown type",
}
SUFFIXES = {PDF: ".pdf", HTML: ".html", ZIP: ".zip", XLSX: ".xlsx", DOCX: ".docx", OLE: ".xls",
            IMAGE: ".img", UNKNOWN: ".bin"}


def kind_of_bytes(head: bytes) -> str:
    """Kind from the first bytes (1 KiB is plenty); a ZIP is refined only by kind_of_file."""
    if not head:
        return EMPTY
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return ZIP
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8")):
        return IMAGE
    lowered = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype", b"<html", b"<?xml")) or b"<html" in lowered or b"<head" in lowered:
        return HTML
    return UNKNOWN


def kind_of_file(path: str | Path) -> str:
    """Kind of a file on disk; ZIPs holding an Office document are told apart from archives."""
    with open(path, "rb") as fh:
        kind = kind_of_bytes(fh.read(1024))
    if kind != ZIP:
        return kind
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return ZIP  # a broken archive: unpacking will say why
    if "xl/workbook.xml" in names:
        return XLSX
    if "word/document.xml" in names:
        return DOCX
    return ZIP
