"""One disclosure, several attachments: a 情况说明 published apart from its 报表.

Offices often publish a unit-year's narrative (附件1 情况说明) and its tables (附件2 报表)
as two files of one portal entry. Alone, the narrative part has nothing to be checked
against and would be set aside as `narrative_only`. The ingest flow (the single writer,
which sees every file of a run and the warehouse) pairs such a part with the file that
prints the tables of the same disclosure — same portal entry (or folder), unit, year and
document type — and this module judges the narrative against the sibling's tables.

Pure: no warehouse and no Prefect; the flow supplies the key parts and the sibling.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from juesuan.canonical import DOC_FINAL
from juesuan.model import ExtractedDocument, Finding, Problem
from juesuan.pipeline import REJECTED, ProcessedDocument
from juesuan.validate import check_records, decide_outcome, doubtful_tables
from juesuan.validate.narrative import budget_narrative, narrative_findings
from juesuan.validate.narrative.quoted import quoted_budgets

NARRATIVE_ONLY = "narrative_only"


@dataclass(frozen=True)
class DisclosureKey:
    """Where a file was published (a portal entry's URL, or its folder) and what it is."""

    where: str
    unit: str
    fiscal_year: int
    doc_type: str

    def __str__(self) -> str:
        return f"{self.where} | {self.unit} | {self.fiscal_year} | {self.doc_type}"


def disclosure_key(listed_disclosure: str | None, path: str, unit: str | None,
                   doc: ExtractedDocument) -> DisclosureKey | None:
    """The key of the disclosure `doc` belongs to; None when its unit, year or type is
    unknown (a part that cannot be placed is never paired by guess). `unit` is the
    warehouse's unit key of doc.unit_name."""
    if not unit or doc.fiscal_year is None or doc.doc_type not in ("final", "budget"):
        return None
    where = listed_disclosure or str(Path(path).resolve().parent)
    return DisclosureKey(where, unit, doc.fiscal_year, doc.doc_type)


_ATTACHMENT_MARK = re.compile(r"附件\s*\d+\s*[：:、.．_\-\s]*")
_PART_WORDS = re.compile(r"(情况说明|说明|报表|公开表|表格)$")


def attachment_stem(path: str) -> str | None:
    """What two attachments of one entry share in their file names: '附件1：北京市统计局2026
    年度部门预算情况说明.pdf' and '…附件2：北京市统计局2026年度部门预算报表.pdf' → '北京市统计局
    2026年度部门预算'. None for a file not marked 附件N. Used only to name a tables
    attachment that prints no unit after the one 情况说明 of the same folder and stem."""
    name = Path(path).name
    while Path(name).suffix.lower() == ".pdf":
        name = Path(name).stem
    marks = list(_ATTACHMENT_MARK.finditer(name))
    if not marks:
        return None
    stem = _without_part_words(name[marks[-1].end():])
    if not stem:  # '…部门预算-附件1情况说明': the shared part is before the mark
        stem = _without_part_words(name[:marks[-1].start()]).rstrip("-_—、 ")
    return stem or None


def _without_part_words(text: str) -> str:
    stem = re.sub(r"\s+", "", text)
    while _PART_WORDS.search(stem):
        stem = _PART_WORDS.sub("", stem)
    return stem


def stem_key(listed_disclosure: str | None, path: str, doc: ExtractedDocument) -> tuple | None:
    """(where, stem, type) of an attachment, for pairing when the tables print no unit."""
    stem = attachment_stem(path)
    if stem is None or doc.doc_type not in ("final", "budget"):
        return None
    return (listed_disclosure or str(Path(path).resolve().parent), stem, doc.doc_type)


def name_from_sibling(tables: ExtractedDocument, narrative: ExtractedDocument, narrative_file: str) -> None:
    """A tables attachment that prints no unit takes the unit (and year, if missing) its
    one 情况说明 sibling names on its cover; the note says where the name came from."""
    tables.unit_name = narrative.unit_name
    tables.fiscal_year = tables.fiscal_year or narrative.fiscal_year
    tables.scope = tables.scope or narrative.scope
    tables.problems = [p for p in tables.problems if p.code != "metadata"]
    if tables.fiscal_year is None:
        tables.problems.append(Problem("metadata", "the document does not print its fiscal year, nor does "
                                       f"its sibling {narrative_file}", page=1))
    tables.problems.append(Problem(
        "unit_from_sibling", f"the unit is not printed in this attachment; it is named by its 情况说明 "
        f"sibling {narrative_file} (same folder or portal entry, same file name but for 附件N and "
        "情况说明/报表)", page=1))


def is_narrative_part(result: ProcessedDocument) -> bool:
    """Set aside only because it prints no table, and it has text to check."""
    fatal = [p for p in result.doc.problems if p.fatal]
    return (result.status == REJECTED and bool(fatal) and all(p.code == NARRATIVE_ONLY for p in fatal)
            and bool(result.doc.narrative))


def is_tables_part(result: ProcessedDocument) -> bool:
    return not result.doc.fatal and bool(result.doc.records)


@dataclass
class CheckedAttachment:
    """The narrative part, ready to store as an attachment of its sibling."""

    doc: ExtractedDocument
    findings: list[Finding]
    status: str
    reason: str
    quoted: list = dataclasses.field(default_factory=list)  # its 年初预算 figures, bound to the tables


def check_attachment(part: ProcessedDocument, tables: ExtractedDocument, tables_file: str,
                     tables_id: str, tables_usable: bool = True) -> CheckedAttachment:
    """Judge the narrative of `part` against the tables of its sibling `tables`.

    A final's narrative claims are checked as if the two files were one document (the
    findings are stored on the narrative part; a finding's pages are the narrative's,
    its figures name the sibling's tables). A budget's narrative is judged on the claims
    that read the same in a budget (BUDGET_NARRATIVE_RULES), as in one file. Tables that are quarantined
    and not released are not judged against (a misread figure would turn a correct claim
    into a finding).
    """
    combined = dataclasses.replace(tables, narrative=list(part.doc.narrative), problems=[])
    problems = [p for p in part.doc.problems if not p.fatal]
    doc = dataclasses.replace(part.doc, problems=problems, records=[])
    where = f"the 情况说明 attachment of a disclosure whose tables are in {tables_file} (document {tables_id})"
    quoted = []
    if not tables_usable:
        findings = []
        reason = f"{where}; not checked: those tables are quarantined and not released"
    elif tables.doc_type == DOC_FINAL:
        findings = narrative_findings(combined)
        quoted = quoted_budgets(combined)
        errors = sum(f.severity == "error" for f in findings)
        reason = f"{where}; its narrative checked against those tables: {len(findings)} finding(s), {errors} error(s)"
    else:
        records = check_records(tables.records, tables.amount_unit_printed, tables.tables_present,
                                tables.tables_empty, tables.doc_type)
        findings = budget_narrative(combined, doubtful_tables=doubtful_tables(records.findings)).findings
        errors = sum(f.severity == "error" for f in findings)
        reason = (f"{where}; its narrative checked against those tables on the claims a budget's 情况说明 is "
                  f"judged on (三公 budgets, totals, shares, 比上年 arithmetic, 机关运行经费, "
                  f"政府采购, the unit's name, placeholders): {len(findings)} finding(s), "
                  f"{errors} error(s)")
    return CheckedAttachment(doc, findings, decide_outcome(findings, problems), reason, quoted)


def unpaired_reason(part: ProcessedDocument, key: DisclosureKey | None) -> str:
    """Why a narrative part stays set aside: no sibling with tables was found."""
    if key is None:
        return (f"{part.reason}; not paired with a tables attachment: its unit, year or type could not "
                "be read")
    return (f"{part.reason}; no attachment with the tables of the same disclosure ({key}) was found in "
            "this run or in the warehouse")


__all__ = ["CheckedAttachment", "DisclosureKey", "attachment_stem", "check_attachment", "disclosure_key",
           "is_narrative_part", "is_tables_part", "name_from_sibling", "stem_key", "unpaired_reason"]
