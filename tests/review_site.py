"""A small warehouse with every kind of evidence the review pages show, from generated PDFs.

- a unit whose table 03 合计 row was altered after the figures were drawn (基本支出 +100):
  quarantined by table identities, findings that name cells;
- the same kind of unit whose PDF is deleted after loading: quarantined, no page images;
- the seed document: narrative findings quoting sentences (one running over a page break);
- a trap printing table 03 twice: an extraction problem with a page; one without table 08:
  a problem without a page;
- 示例市审计局 2023 and 2024 from the corpus: clean, and a year-on-year change;
- an encrypted PDF: failed, never opened again for the pages.

Loaded without Prefect (one run, as the flow records it) and published, so the pages are
written from the snapshot as `juesuan report` does.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from juesuan.pipeline import apply_previous_year, process_file
from juesuan.sample.blocks import Table
from juesuan.sample.builder import make_unit
from juesuan.sample.layouts import LAYOUTS
from juesuan.sample.traps import _render, encrypted_pdf, render_trap
from warehouse import finish_run, load_document, open_ingest, start_run
from warehouse.publish import publish_snapshot

from tests.conftest import CORPUS

TAMPERED_COLUMN = "基本支出"
ADDED = Decimal(100)


def _add_to_total(block):
    """Table 03's 合计 row printed with 100 more in 基本支出 than its 类 rows add up to."""
    if not (isinstance(block, Table) and block.table_id == "03"):
        return block
    block = copy.deepcopy(block)
    for row in block.body:
        if row.records and row.records[0].row_key == "合计":
            target = next(r for r in row.records if r.column_key == TAMPERED_COLUMN)
            printed = f"{target.amount:.2f}"
            cell = next(c for c in row.cells if c.text.replace(",", "") == printed)
            cell.text = f"{target.amount + ADDED:.2f}"
            return block
    raise AssertionError("table 03 has no 合计 row to alter")


def tampered_pdf(path: Path, unit_name: str, seed: int) -> Path:
    _render(make_unit(name=unit_name, projects=3, seed=seed), LAYOUTS["hunan"], path, transform=_add_to_total)
    return path


@dataclass
class ReviewSite:
    warehouse: Path
    ids: dict[str, str] = field(default_factory=dict)  # role → document id
    pdfs: dict[str, Path] = field(default_factory=dict)

    @property
    def reports(self) -> Path:
        return self.warehouse / "reports"


def build_review_warehouse(root: Path) -> ReviewSite:
    pdfs = root / "pdfs"
    pdfs.mkdir(parents=True)
    sources = {
        "tampered": tampered_pdf(pdfs / "示例市复核测试局-2023-部门决算.pdf", "示例市复核测试局", 3),
        "moved": tampered_pdf(pdfs / "示例市搬迁测试局-2023-部门决算.pdf", "示例市搬迁测试局", 5),
        "seed": Path(shutil.copy(CORPUS / "seed" / "株洲市人民政府驻北京联络处-2022-部门决算.pdf", pdfs)),
        "audit_2023": CORPUS / "示例市" / "2023" / "示例市审计局-2023-部门决算.pdf",
        "audit_2024": CORPUS / "示例市" / "2024" / "示例市审计局-2024-部门决算.pdf",
    }
    for trap in ("printed_twice", "no_08"):
        render_trap(trap, pdfs)
        sources[trap] = pdfs / f"{trap}.pdf"
    encrypted_pdf(pdfs / "locked.pdf")
    sources["encrypted"] = pdfs / "locked.pdf"
    site = ReviewSite(root / "warehouse", pdfs=sources)
    con = open_ingest(site.warehouse)
    try:
        run_id = start_run(con, note="review pages test")
        results = {role: process_file(path, path.resolve().as_uri()) for role, path in sources.items()}
        apply_previous_year(results["audit_2024"], results["audit_2023"].doc.records)
        for role, result in results.items():
            site.ids[role] = load_document(con, result.doc, result.findings, result.status, result.reason,
                                           result.sha256, result.source_uri, run_id=run_id).document_id
        finish_run(con, run_id)
        publish_snapshot(site.warehouse, con=con)
    finally:
        con.close()
    sources["moved"].unlink()  # the file is gone after loading: the pages must say so
    return site
