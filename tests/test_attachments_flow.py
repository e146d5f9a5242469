"""One disclosure in two files, through the ingest flow: a 情况说明 that arrives in a later
run than its 报表 is paired with the stored tables; one whose tables never come is set aside
saying what was looked for."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from click.testing import CliRunner

from juesuan.cli import main
from tests.conftest import CORPUS, SHARED, needs_shared

pytestmark = pytest.mark.flow

FOLDER = CORPUS / "示例市" / "2024"
NARRATIVE = "示例市统计局-2024-部门预算-附件1情况说明.pdf"
TABLES = "示例市统计局-2024-部门预算-附件2报表.pdf"


def ingest(warehouse, folder):
    result = CliRunner().invoke(main, ["--warehouse", str(warehouse), "ingest", str(folder), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return result.output


def documents(warehouse):
    with duckdb.connect(str(warehouse / "juesuan.duckdb"), read_only=True) as con:
        return {name: (status, part_of, reason, document_id) for name, status, part_of, reason, document_id in
                con.execute("SELECT file_name, status, part_of, status_reason, document_id FROM documents").fetchall()}


def test_the_narrative_pairs_with_tables_stored_by_an_earlier_run(tmp_path):
    portal, warehouse = tmp_path / "entry", tmp_path / "wh"
    portal.mkdir()
    shutil.copy(FOLDER / TABLES, portal)
    ingest(warehouse, portal)
    shutil.copy(FOLDER / NARRATIVE, portal)
    ingest(warehouse, portal)
    docs = documents(warehouse)
    status, part_of, reason, _ = docs[NARRATIVE]
    assert status == "loaded" and part_of == docs[TABLES][3] and TABLES in reason


def test_a_narrative_without_its_tables_is_set_aside_saying_why_until_they_come(tmp_path):
    alone, warehouse = tmp_path / "alone", tmp_path / "wh"
    alone.mkdir()
    shutil.copy(FOLDER / NARRATIVE, alone)
    ingest(warehouse, alone)
    status, part_of, reason, _ = documents(warehouse)[NARRATIVE]
    assert status == "rejected" and part_of is None
    assert reason.startswith("narrative_only") and "no attachment with the tables of the same disclosure" in reason
    # the tables are published a week later: the set-aside 情况说明 is read again and paired
    shutil.copy(FOLDER / TABLES, alone)
    ingest(warehouse, alone)
    docs = documents(warehouse)
    assert docs[NARRATIVE][:2] == ("loaded", docs[TABLES][3])


def test_final_accounts_published_in_two_files_have_their_narrative_checked(tmp_path):
    """The seed split as some offices publish it — 情况说明 (cover and pages 14-18) and 报表
    (cover and the nine tables): the narrative is checked against the sibling's tables and
    finds what it finds in the whole document."""
    import pypdfium2 as pdfium

    from juesuan.extract import extract_document
    from juesuan.validate.narrative import narrative_findings

    seed = CORPUS / "seed" / "株洲市人民政府驻北京联络处-2022-部门决算.pdf"
    entry, warehouse = tmp_path / "entry", tmp_path / "wh"
    entry.mkdir()
    source = pdfium.PdfDocument(seed)
    for name, pages in (("附件1情况说明.pdf", [1, 2, 3, 14, 15, 16, 17, 18]),
                        ("附件2报表.pdf", [1, *range(4, 14)])):
        part = pdfium.PdfDocument.new()
        part.import_pages(source, [p - 1 for p in pages])
        part.save(entry / name)
    ingest(warehouse, entry)
    docs = documents(warehouse)
    status, part_of, reason, narrative_id = docs["附件1情况说明.pdf"]
    assert status == "loaded_with_warnings" and part_of == docs["附件2报表.pdf"][3]
    with duckdb.connect(str(warehouse / "juesuan.duckdb"), read_only=True) as con:
        found = {(rule, actual, expected) for rule, actual, expected in con.execute(
            "SELECT rule_id, actual, expected FROM findings WHERE document_id = ? AND severity = 'error'",
            [narrative_id]).fetchall()}
    whole = {(f.rule_id, f.actual, f.expected) for f in narrative_findings(extract_document(seed))
             if f.severity == "error" and f.pages and max(f.pages) <= 18}
    assert whole and whole <= found


@needs_shared
def test_real_beijing_tables_that_print_no_unit_are_named_by_their_narrative(tmp_path):
    """Beijing publishes 附件1 情况说明 and 附件2 报表; the 报表 prints no unit anywhere. In one
    folder with another unit's pair, each 报表 takes the unit its own 情况说明 names (same
    stem), and each 情况说明 is stored as a part of its 报表."""
    budgets = SHARED / "realpdfs" / "budget"
    entry, warehouse = tmp_path / "entry", tmp_path / "wh"
    entry.mkdir()
    for pattern in ("*附件[12]：北京市统计局2026*", "*附件[12]：北京市财政局2026*"):
        for path in budgets.glob(pattern):
            shutil.copy(path, entry)
    assert len(list(entry.iterdir())) == 4
    ingest(warehouse, entry)
    with duckdb.connect(str(warehouse / "juesuan.duckdb"), read_only=True) as con:
        rows = con.execute("""
            SELECT t.unit_name, t.file_name, n.file_name, t.status_reason
            FROM documents AS n JOIN documents AS t ON t.document_id = n.part_of""").fetchall()
        named = con.execute("SELECT count(*) FROM problems WHERE code = 'unit_from_sibling'").fetchone()[0]
    assert sorted(r[0] for r in rows) == ["北京市统计局", "北京市财政局"] and named == 2
    for unit, tables, narrative, reason in rows:
        assert unit in tables and unit in narrative and "附件2" in tables and "附件1" in narrative
        assert "metadata" not in reason
