"""Unit name, fiscal year and kind of package, read from the document itself.

Never from the file name: portals name files "附件2.pdf". The cover says
"<年度> <单位> 部门决算" in some order (and wraps the name); table headings say
"部门：<单位>" or "编制单位：<单位>". The cover decides final vs budget and 部门 vs 单位;
汇总 and a 单位构成 list mark a consolidated department package.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from juesuan.text import normalise_text, printed_label

_YEAR_TOKENS = re.compile(r"(20\d{2}|19\d{2})\s*年度?|年度|(20\d{2})")
_PACKAGE = re.compile(r"(部门|单位)(决算|预算)")
_UNIT_LINE = re.compile(r"^(?:部门|编制单位|单位名称|预算单位|预算主管部门|主管部门|部门名称|填报单位)[:：](.+?)(?:(?:金额)?单位[:：].*)?$")
_MEMBER_SECTION = re.compile(r"单位构成[^。]*?[:：]([^。]+)。")
_PAGE_NUMBER = re.compile(r"^[-—－]\s*\d+\s*[-—－]|^第\s*\d+\s*页")
_DATE_LINE = re.compile(r"^(19|20)\d{2}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_A_NAME = re.compile(r"说明|目录|公开|编制|报表|年|月|日|页")


@dataclass
class Metadata:
    unit_name: str | None = None
    fiscal_year: int | None = None
    doc_type: str = "unknown"  # 'final' | 'budget' | 'unknown'
    scope: str | None = None
    consolidated: bool = False
    member_units: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def read_cover(cover_text: str) -> Metadata:
    meta = Metadata()
    text = printed_label(cover_text)  # the name keeps its full-width brackets
    years = [int(y) for y in re.findall(r"20\d{2}", normalise_text(cover_text))]
    if years:
        meta.fiscal_year = years[0]
    text = _PAGE_NUMBER.sub("", text.strip()).strip()  # a cover numbered '- 1 -'
    match = _PACKAGE.search(text)
    if match:
        meta.scope = match.group(1)
        meta.doc_type = "final" if match.group(2) == "决算" else "budget"
        name = _YEAR_TOKENS.sub("", text[: match.start()])
        name = name.strip("：: ")
        if 2 <= len(name) <= 40 and _CJK.search(name):
            meta.unit_name = name
        else:  # the title first, the name on a line of its own below it
            meta.unit_name = _name_below_title(cover_text)
        meta.evidence.append(f"cover: {text[:60]}")
    # A labelled line ("预算单位：…") names the unit outright, where the title may carry
    # only a level ("上海市普陀区2025年区级单位预算").
    labelled = unit_from_headings(cover_text.splitlines())
    if labelled:
        meta.unit_name = labelled
    elif "决算" in text:
        meta.doc_type = "final"
    elif "预算" in text:
        meta.doc_type = "budget"
    meta.consolidated = "汇总" in text
    return meta


def _name_below_title(cover_text: str) -> str | None:
    """'2022年度部门决算' / '<单位>' / '2023年8月': the first line after the title that is
    neither a date nor a page number."""
    lines = [printed_label(line).strip() for line in cover_text.splitlines()]
    lines = [line for line in lines if line]
    for i, line in enumerate(lines):
        if _PACKAGE.search(line):
            for below in lines[i + 1:]:
                if _DATE_LINE.match(normalise_text(below)) or _PAGE_NUMBER.match(below):
                    continue
                name = below.strip("：: ")
                plausible = (2 <= len(name) <= 40 and _CJK.search(name) and not _PACKAGE.search(name)
                             and not _NOT_A_NAME.search(name))
                return name if plausible else None
            return None
    return None


def unit_from_headings(lines: list[str]) -> str | None:
    """Most common '部门：<name>' found above the tables, as printed (full-width brackets kept)."""
    names = []
    for line in lines:
        match = _UNIT_LINE.match(printed_label(line))
        if match:
            name = match.group(1).strip()
            name = re.sub(r"(公开)?\d+表$", "", name)
            if name and "万元" not in name and len(name) <= 40:
                names.append(name)
    if not names:
        return None
    return Counter(names).most_common(1)[0][0]


def member_units(text: str) -> list[str]:
    """Units listed under 部门决算单位构成 (consolidated packages)."""
    match = _MEMBER_SECTION.search(normalise_text(text))
    if not match:
        return []
    parts = re.split(r"[、，,；;]", match.group(1))
    return [p for p in (x.strip() for x in parts) if 2 <= len(p) <= 40 and not p.startswith("本")]
