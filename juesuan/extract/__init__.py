"""Extraction: one PDF to canonical records. Start at document.extract_document."""

from juesuan.extract.document import extract_document

__all__ = ["extract_document"]
