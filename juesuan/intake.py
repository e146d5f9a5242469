"""Intake: what arrived, routed before extraction.

PDFs go on to extraction. A ZIP is unpacked (juesuan.unzip) and its PDFs go on, each
traceable to the archive (`<archive uri>!/<member>`). Spreadsheets (XLS/XLSX) and other
documents are set aside with the status `unsupported_format` and a reason — the warehouse
stores them as `rejected` (a definitive outcome, so an unchanged file is skipped next
time) with the reason starting "unsupported_format:". A missing file is a failure, not a
crash. Everything else (HTML pages, unknown bytes) still goes to extraction, whose
scanner reports it specifically.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from juesuan import formats
from juesuan.pipeline import FAILED, file_sha256
from juesuan.sources import Source
from juesuan.unzip import ArchiveLimits, ArchiveRefused, unpack

UNSUPPORTED = "unsupported_format"
READABLE = {formats.PDF}


@dataclass(frozen=True)
class SetAside:
    """A document that will not be extracted, with the outcome to record and why.
    `sha256` is None when no content was obtained (crawl failures)."""

    file_name: str
    source_uri: str
    sha256: str | None
    status: str  # unsupported_format | failed
    reason: str
    listed_unit: str | None = None
    listed_year: int | None = None

    @property
    def warehouse_status(self) -> str:
        """The warehouse knows 'failed' and 'rejected'; unsupported_format is stored as rejected."""
        return "rejected" if self.status == UNSUPPORTED else self.status


@dataclass
class Intake:
    sources: list[Source] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)

    def extend(self, other: Intake) -> None:
        self.sources += other.sources
        self.set_aside += other.set_aside


def prepare(sources: list[Source], unpack_root: Path, limits: ArchiveLimits = ArchiveLimits()) -> Intake:
    """Route each source: extract it, unpack it, or set it aside with a reason."""
    intake = Intake()
    for source in sources:
        path = Path(source.path)
        if not path.is_file():
            intake.set_aside.append(_aside(source, None, FAILED, f"file not found: {source.path}"))
            continue
        kind = formats.kind_of_file(path)
        if kind == formats.ZIP:
            intake.extend(_unpack(source, unpack_root, limits))
        elif kind in (formats.XLSX, formats.OLE, formats.DOCX):
            intake.set_aside.append(_unsupported(source, kind))
        else:
            intake.sources.append(source)
    return intake


def _unpack(source: Source, unpack_root: Path, limits: ArchiveLimits) -> Intake:
    intake = Intake()
    sha = file_sha256(source.path)
    try:
        unpacked = unpack(Path(source.path), unpack_root / sha[:16], limits)
    except ArchiveRefused as exc:
        intake.set_aside.append(_aside(source, sha, FAILED, f"ZIP archive refused: {exc}"))
        return intake
    for member in unpacked.members:
        member_source = replace(source, path=str(member.path), source_uri=f"{source.source_uri}!/{member.name}")
        if member.kind in READABLE:
            intake.sources.append(member_source)
        else:
            intake.set_aside.append(_unsupported(member_source, member.kind, f"ZIP member {member.name}: "))
    for name, why in unpacked.skipped if unpacked.members else []:
        intake.set_aside.append(_aside(replace(source, source_uri=f"{source.source_uri}!/{name}"), None,
                                       UNSUPPORTED, f"{UNSUPPORTED}: ZIP member {name}: {why}"))
    if not unpacked.members:
        skipped = "; ".join(f"{name}: {why}" for name, why in unpacked.skipped) or "it is empty"
        intake.set_aside.append(_aside(source, sha, UNSUPPORTED,
                                       f"{UNSUPPORTED}: the ZIP archive holds no document to read ({skipped})"))
    return intake


def _unsupported(source: Source, kind: str, prefix: str = "") -> SetAside:
    reason = (f"{UNSUPPORTED}: {prefix}{formats.DESCRIPTIONS[kind]}, not a PDF; juesuan reads PDF only "
              "(publish or convert the PDF version)")
    return _aside(source, file_sha256(source.path), UNSUPPORTED, reason)


def _aside(source: Source, sha: str | None, status: str, reason: str) -> SetAside:
    return SetAside(Path(source.path).name, source.source_uri, sha, status, reason,
                    source.listed_unit or source.unit_name, source.listed_year or source.fiscal_year)
