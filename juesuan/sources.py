"""What to ingest: files, folders and manifests, resolved to a list of documents.

A manifest (CSV or YAML) lists unit, year and a path or URL per document; its unit and
year override what the document prints only when given, and its `published` column (a
date) says when the publisher released the document, which orders versions of one
unit-year. A file name that marks a correction (…更正版.pdf) says so too. Anything that
is not a PDF by name is still listed: the extraction stage recognises and reports it
specifically.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml

from juesuan.publication import MANIFEST, Publication, correction_mark, parse_published

DOCUMENT_SUFFIXES = {".pdf", ".xls", ".xlsx", ".zip"}


@dataclass(frozen=True)
class Source:
    """One document to ingest. `unit_name`/`fiscal_year` override what the document prints
    (a manifest's word); `listed_unit`/`listed_year` are what a portal's listing said, kept
    only to cross-check the document's own metadata."""

    path: str
    source_uri: str
    unit_name: str | None = None
    fiscal_year: int | None = None
    listed_unit: str | None = None
    listed_year: int | None = None
    publication: Publication | None = None  # what the publisher says: date, correction mark
    # the disclosure this file is one attachment of (a portal's detail page, a manifest's
    # `disclosure` column): a 情况说明 and its 报表 published apart are one unit-year disclosure
    disclosure: str | None = None


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def discover(inputs: list[str | Path]) -> list[Source]:
    """Expand files, folders (recursively) and manifests into sources, sorted, without duplicates."""
    found: dict[str, Source] = {}
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in DOCUMENT_SUFFIXES:
                    found.setdefault(str(child.resolve()), _source(child))
        elif path.suffix.lower() in (".csv", ".yaml", ".yml"):
            for source in read_manifest(path):
                found.setdefault(source.path, source)
        else:
            found.setdefault(str(path.resolve()), _source(path))
    return sorted(found.values(), key=lambda s: s.path)


def _source(path: Path) -> Source:
    resolved = path.resolve()
    return Source(str(resolved), resolved.as_uri(), publication=_marked(resolved.name))


def _marked(name: str) -> Publication | None:
    mark = correction_mark(name)
    return Publication(correction_mark=mark) if mark else None


def read_manifest(path: Path) -> list[Source]:
    """Rows with `path` (relative to the manifest) or `url`, and optional `unit`, `year`,
    `published` (the publisher's date) and `title` (checked for a correction mark)."""
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    else:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        rows = data.get("documents", []) if isinstance(data, dict) else data
    sources = []
    for row in rows:
        location = (row.get("path") or row.get("url") or "").strip()
        if not location:
            raise ValueError(f"{path}: a manifest row has neither path nor url: {row}")
        year = row.get("year") or row.get("fiscal_year")
        unit = row.get("unit") or row.get("unit_name")
        publication = _manifest_publication(path, row, location)
        try:
            year = int(year) if year else None
        except ValueError:
            raise ValueError(f"{path}: row {location}: year must be a number like 2024, not {year!r}") from None
        if is_url(location):
            sources.append(Source(location, location, unit or None, year, publication=publication))
            continue
        file_path = (path.parent / location).resolve()
        sources.append(Source(str(file_path), file_path.as_uri(), unit or None, year, publication=publication))
    return sources


def _manifest_publication(manifest: Path, row: dict, location: str) -> Publication | None:
    try:
        published = parse_published(row.get("published"))
    except ValueError as exc:
        raise ValueError(f"{manifest}: row {location}: {exc}") from exc
    mark = correction_mark(row.get("title"), location.rsplit("/", 1)[-1])
    if published is None and mark is None:
        return None
    return Publication(published, MANIFEST if published else None,
                       f"{manifest.name}: published {row.get('published')}" if published else None, mark)
