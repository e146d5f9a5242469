"""The values that travel between stages: records, problems, findings, an extracted document.

Plain dataclasses, picklable, so extraction can run in worker processes and hand its
result to the single warehouse writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.canonical import TABLE_IDS
from juesuan.money import format_amount


@dataclass(frozen=True, slots=True)
class Record:
    """One printed number as the canonical record of DOMAIN.md."""

    table_id: str
    row_key: str
    column_key: str
    amount: Decimal | None
    row_label: str
    page: int | None
    # Where the figure is printed: (x0, top, x1, bottom) in points on the displayed page,
    # origin top-left. Evidence for a reviewer, not part of the record's identity: two
    # records with the same figures are equal wherever they were printed.
    bbox: tuple[float, float, float, float] | None = field(default=None, compare=False)

    def to_json(self) -> dict:
        return {
            "table_id": self.table_id,
            "row_key": self.row_key,
            "column_key": self.column_key,
            "amount": format_amount(self.amount),
            "row_label": self.row_label,
            "page": self.page,
        }

    @classmethod
    def from_json(cls, data: dict) -> "Record":
        amount = data.get("amount")
        return cls(
            table_id=data["table_id"],
            row_key=data["row_key"],
            column_key=data["column_key"],
            amount=None if amount is None else Decimal(str(amount)),
            row_label=data.get("row_label") or "",
            page=data.get("page"),
        )


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a document, a table or a page could not be read as expected.

    `code` is a stable identifier an operator can filter on (see PROBLEM_CODES);
    `message` says what was seen, in words.
    """

    code: str
    message: str
    table_id: str | None = None
    page: int | None = None
    fatal: bool = False

    def to_json(self) -> dict:
        return {"code": self.code, "message": self.message, "table_id": self.table_id,
                "page": self.page, "fatal": self.fatal}


PROBLEM_CODES = {
    "unreadable": "the file cannot be opened as a PDF (empty, truncated, not a PDF, encrypted)",
    "not_pdf": "the file is not a PDF (for instance an HTML error page)",
    "not_final_accounts": "the document is not a final-accounts package (e.g. a budget)",
    "narrative_only": "a document that prints none of the tables, only its 情况说明 (the tables are a "
                      "separate attachment of the same disclosure: paired with it at ingest)",
    "table_skipped": "a printed table that is not keyed (a budget's 绩效目标表, 政府采购表 …): named "
                     "with its title and pages, its figures not extracted",
    "keyed_by_name": "a table printing its rows by name only (科目名称, no 科目编码): rows keyed by the code "
                     "their name has under the 类 and 款 printed above them (extract/budget/named.py)",
    "table_basis": "a budget's table 05 is its 财政拨款支出预算表 (all 财政拨款 funds, 政府性基金 "
                   "included) for want of a 一般公共预算 table: not on the final's 05 basis",
    "unit_from_sibling": "an attachment that prints no unit is named by its 情况说明 sibling (same folder "
                         "or portal entry, same file name but for 附件N and 情况说明/报表)",
    "misread_suspected": "an identity fails on a table that was not read fully (unmapped column, unkeyed row, "
                         "…): the finding is a warning, the document is held for review",
    "hidden_text": "a page carries figures outside its visible box (crop box), e.g. a spreadsheet export's "
                   "overflow: not printed, so not read (extract/pdfium_page.py); noted for whoever compares "
                   "the records with a text extraction of the file",
    "table_missing": "one of the nine tables was not found",
    "table_unreadable": "a table was found but its layout could not be mapped",
    "image_only_page": "a page carries only images (a scan): nothing to read",
    "cid_text": "a page's text uses a font without a Unicode map ((cid:NNN))",
    "unknown_column": "a printed column could not be mapped to a canonical column",
    "unknown_row": "a printed row could not be keyed",
    "bad_cell": "a value cell holds text that is not a number",
    "too_large": "the document exceeds the page or size bound",
    "timeout": "extraction exceeded its time bound",
    "parser_crash": "the PDF parser raised an unexpected error on this file",
    "metadata": "unit name or fiscal year could not be read",
    "unplaced_number": "a number printed in a table is in no record and is no index, code, year, page "
                       "number or note: a figure may be lost (extract/completeness.py)",
    "number_counted_twice": "one printed number became two records",
    "row_repeated": "a row printed again on the very next line with the same key and figures (a 项 "
                    "printed with its 款's code or name): counted once, the repeat noted",
}


@dataclass(slots=True)
class ExtractedDocument:
    """Everything read from one PDF: metadata, canonical records, and what went wrong."""

    document: str
    unit_name: str | None = None
    fiscal_year: int | None = None
    doc_type: str = "unknown"
    scope: str | None = None  # '部门' (department) or '单位' (unit)
    consolidated: bool = False  # a 汇总 package that includes member units
    member_units: list[str] = field(default_factory=list)
    amount_unit_printed: str | None = None
    tables_present: list[str] = field(default_factory=list)
    tables_empty: list[str] = field(default_factory=list)
    tables_absent: list[str] = field(default_factory=list)
    table_pages: dict[str, list[int]] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    page_count: int = 0
    # Text of pages outside the tables, for narrative checks: (page number, text).
    narrative: list[tuple[int, str]] = field(default_factory=list)
    # How the numbers printed in the tables were accounted for, by class (placed, index,
    # code, year, …, unplaced): see juesuan/extract/completeness.py.
    numbers_accounted: dict[str, int] = field(default_factory=dict)

    @property
    def fatal(self) -> bool:
        return any(p.fatal for p in self.problems)

    def to_truth_json(self) -> dict:
        """The structure of ../shared/truth/*.json (the keys juesuan extract prints)."""
        return {
            "document": self.document,
            "unit_name": self.unit_name,
            "fiscal_year": self.fiscal_year,
            "doc_type": self.doc_type,
            "amount_unit_printed": self.amount_unit_printed,
            "tables_present": sorted(self.tables_present, key=_table_order),
            "tables_empty": sorted(self.tables_empty, key=_table_order),
            "tables_absent": sorted(self.tables_absent, key=_table_order),
            "records": [r.to_json() for r in self.records],
        }


def _table_order(table_id: str) -> tuple[int, str]:
    """The nine canonical tables in their order, then a budget's keyed extras (F05, E05 …)."""
    return (TABLE_IDS.index(table_id), "") if table_id in TABLE_IDS else (len(TABLE_IDS), table_id)


@dataclass(frozen=True, slots=True)
class Finding:
    """One validation result: which rule, how bad, expected vs actual, where."""

    rule_id: str
    severity: str  # 'error' | 'warning' | 'info'
    message: str
    table_ids: tuple[str, ...] = ()
    pages: tuple[int, ...] = ()
    expected: Decimal | None = None
    actual: Decimal | None = None
    tolerance: Decimal | None = None
    location: str = ""  # row / column / sentence the finding is about
    # The key of the finding this one follows from (a rate computed from a figure that
    # finding already flags): shown with it, never counted as a second error.
    follows: str | None = None

    @property
    def key(self) -> str:
        """A stable name, independent of the finding's position in a list: rule, pages,
        where, and the figure printed (what a reviewed verdict is filed under)."""
        pages = ",".join(map(str, self.pages))
        return f"{self.rule_id}|p{pages}|{self.location}|{format_amount(self.actual) or ''}"

    def to_json(self) -> dict:
        return {
            "rule_id": self.rule_id,
            "severity": self.severity,
            "message": self.message,
            "table_ids": list(self.table_ids),
            "pages": list(self.pages),
            "expected": format_amount(self.expected),
            "actual": format_amount(self.actual),
            "tolerance": format_amount(self.tolerance),
            "location": self.location,
            "follows": self.follows,
            "key": self.key,
        }


SEVERITIES = ("error", "warning", "info")
