"""Unpacking a ZIP of PDFs without trusting it.

Portals sometimes publish a unit's documents as one ZIP. An archive can name members
`../../x`, hold a few kilobytes that inflate to gigabytes, nest archives, or be
encrypted. So: members are flattened to safe base names in a folder of our choosing
(no path from the archive is ever used as a path), the declared and the actually
inflated sizes are both bounded, the member count is bounded, nested archives and
encrypted members are not opened. Names stored without the UTF-8 flag are decoded as
GB18030 (Windows archivers in China write GBK), not as Python's default cp437.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.crawl.names import safe_name
from juesuan.formats import kind_of_file


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 500
    max_total_bytes: int = 1024 * 1024 * 1024  # inflated, all members together
    max_ratio: int = 200  # inflated / compressed, per member (zip bombs)


class ArchiveRefused(Exception):
    """The archive is not unpacked at all; the message says which bound it broke."""


@dataclass
class Member:
    name: str  # as the archive names it (decoded)
    path: Path  # where it was written
    kind: str  # juesuan.formats kind of its bytes


@dataclass
class Unpacked:
    members: list[Member] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (member name, why not unpacked)


def member_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def unpack(archive: Path, dest: Path, limits: ArchiveLimits = ArchiveLimits()) -> Unpacked:
    """Unpack into dest (replaced as a whole); raise ArchiveRefused when a bound is broken."""
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            _check_declared(infos, limits)
            dest.parent.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(dir=dest.parent, prefix=f".{dest.name}-"))
            try:
                result = _extract(zf, infos, work, limits)
                if dest.exists():
                    shutil.rmtree(dest)
                os.replace(work, dest)
            finally:
                if work.exists():
                    shutil.rmtree(work)
    except zipfile.BadZipFile as exc:
        raise ArchiveRefused(f"not a readable ZIP archive: {exc}") from exc
    for member in result.members:
        member.path = dest / member.path.name
    return result


def _check_declared(infos: list[zipfile.ZipInfo], limits: ArchiveLimits) -> None:
    if len(infos) > limits.max_members:
        raise ArchiveRefused(f"{len(infos)} members, over the bound of {limits.max_members}")
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_total_bytes:
        raise ArchiveRefused(f"{declared} bytes once unpacked, over the bound of {limits.max_total_bytes}")


def _extract(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], work: Path, limits: ArchiveLimits) -> Unpacked:
    result, used, total = Unpacked(), set(), 0
    for index, info in enumerate(infos):
        name = member_name(info)
        if info.flag_bits & 0x1:
            result.skipped.append((name, "encrypted member, not unpacked"))
            continue
        base = safe_name(name.replace("\\", "/").rsplit("/", 1)[-1], default=f"member-{index}")
        if base.lower() in used:
            stem, dot, suffix = base.rpartition(".")
            base = f"{stem}-{index}.{suffix}" if dot else f"{base}-{index}"
        used.add(base.lower())
        target = work / base
        budget = min(limits.max_total_bytes - total, max(info.compress_size, 1) * limits.max_ratio)
        written = _copy_bounded(zf, info, target, budget)
        if written is None:
            raise ArchiveRefused(f"member {name!r} inflates past its bound (ratio {limits.max_ratio}:1 or "
                                 f"{limits.max_total_bytes} bytes in all): a ZIP bomb?")
        total += written
        kind = kind_of_file(target)
        if kind == "zip":
            result.skipped.append((name, "nested archive, not unpacked"))
            target.unlink()
            continue
        result.members.append(Member(name, target, kind))
    return result


def _copy_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, budget: int) -> int | None:
    written = 0
    with zf.open(info) as src, open(target, "wb") as out:
        for block in iter(lambda: src.read(1 << 20), b""):
            written += len(block)
            if written > budget:
                return None
            out.write(block)
    return written
