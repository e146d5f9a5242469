"""Exports (Parquet by fiscal year, Excel of city views) and the sql/ package."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

import sql
from warehouse import export_excel, export_parquet, load_document, open_ingest, publish_snapshot
from warehouse.synthetic import small_document


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture()
def published(tmp_path):
    directory = tmp_path / "wh"
    con = open_ingest(directory)
    for year in (2022, 2023):
        doc = small_document("甲局", year, {"2010301": ("1234.56", "0.01")},
                             sangong={"公务接待费": ("2.00", "1.50")})
        load_document(con, doc, [], "loaded", None, sha(str(year)), None)
    publish_snapshot(directory, con)
    con.close()
    return directory


def test_parquet_is_partitioned_by_year_and_keeps_decimals(published, tmp_path):
    targets = export_parquet(published, tmp_path / "out")
    years = sorted(p.name for p in targets["line_items"].iterdir())
    assert years == ["fiscal_year=2022", "fiscal_year=2023"]
    dataset = ds.dataset(targets["line_items"], format="parquet", partitioning="hive")
    table = dataset.to_table(filter=(ds.field("row_key") == "合计")
                             & (ds.field("column_key") == "本年支出合计"))
    assert str(table.schema.field("amount").type) == "decimal128(18, 6)"
    assert table.column("amount").to_pylist() == [Decimal("1234.57")] * 2
    assert pq.read_table(targets["documents"]).num_rows == 2
    assert pq.read_table(targets["findings"]).num_rows == 0


def test_excel_has_a_sheet_per_city_view_with_numeric_money(published, tmp_path):
    path = export_excel(published, tmp_path / "city.xlsx")
    workbook = load_workbook(path)
    assert {"城市汇总", "功能分类-类", "功能分类-款", "功能分类-项", "经济分类-类",
            "三公经费", "统计口径", "预算-功能分类-类", "预算-经济分类-类", "预算口径",
            "预算执行-类", "预算执行-单位科目", "预算执行-覆盖"} <= set(workbook.sheetnames)
    sheet = workbook["功能分类-类"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["fiscal_year", "code", "name", "本年支出合计"]
    cell = sheet.cell(row=2, column=4)
    assert isinstance(cell.value, (int, float)) and abs(cell.value - 1234.57) < 1e-9
    assert cell.number_format == "#,##0.00"


def test_sql_files_load_by_name_and_refuse_paths():
    assert "CREATE TABLE IF NOT EXISTS line_items" in sql.load("schema/001_core")
    assert sql.load("views/20_v_city_scope.sql") == sql.load("views/20_v_city_scope")
    assert sql.names("views") == sorted(sql.names("views"))
    with pytest.raises(ValueError):
        sql.load("../pyproject")
    with pytest.raises(FileNotFoundError):
        sql.load("views/nope")


def test_every_view_file_comments_its_views_and_macros():
    for name in sql.names("views"):
        text = sql.load(name)
        created = text.count("CREATE OR REPLACE VIEW") + text.count("CREATE OR REPLACE MACRO")
        assert created and text.count("COMMENT ON VIEW") + text.count("COMMENT ON MACRO") == created, name
