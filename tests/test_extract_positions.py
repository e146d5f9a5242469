"""Every extracted figure knows where it is printed: the cell's box on the displayed page.

Checked against the page itself: the text PDFium finds inside each record's box, read as
an amount, is the record's amount (converted to 万元), for every record of a document.
"""

from __future__ import annotations

from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from juesuan.extract import extract_document
from juesuan.money import parse_amount, to_wan
from tests.conftest import CORPUS

DOCUMENTS = [CORPUS / "示例市" / "2024" / "示例市信访局-2024-部门决算.pdf",
             CORPUS / "seed" / "株洲市人民政府驻北京联络处-2022-部门决算.pdf"]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_the_text_inside_each_records_box_is_its_amount(path):
    doc = extract_document(str(path))
    assert doc.records and not doc.fatal
    pdf = pdfium.PdfDocument(str(path))
    try:
        checked = 0
        for record in doc.records:
            assert record.bbox is not None, record
            x0, top, x1, bottom = record.bbox
            page = pdf[record.page - 1]
            width, height = page.get_size()
            assert 0 <= x0 < x1 <= width + 1 and 0 <= top < bottom <= height + 1, record
            if page.get_rotation() != 0:
                continue  # the box is in display space; PDFium's text box is not
            text = page.get_textpage().get_text_bounded(left=x0 + 0.5, bottom=height - bottom + 0.5,
                                                        right=x1 - 0.5, top=height - top - 0.5)
            printed = to_wan(parse_amount(text), doc.amount_unit_printed)
            assert printed == record.amount, (record, text)
            checked += record.amount is not None
        assert checked > 100
    finally:
        pdf.close()


def test_position_is_not_part_of_a_records_identity():
    from juesuan.model import Record

    here = Record("03", "201", "基本支出", Decimal("1.00"), "一般公共服务支出", 3, (1.0, 2.0, 3.0, 4.0))
    there = Record("03", "201", "基本支出", Decimal("1.00"), "一般公共服务支出", 3, None)
    assert here == there


def test_positions_reach_the_warehouse(tmp_path):
    from warehouse.db import open_ingest
    from warehouse.load import load_document

    doc = extract_document(str(DOCUMENTS[0]))
    con = open_ingest(tmp_path)
    try:
        load_document(con, doc, [], "loaded", None, "a" * 64, None)
        stored = con.execute("SELECT page, cell_x0, cell_top, cell_x1, cell_bottom FROM line_items "
                             "ORDER BY ordinal").fetchall()
    finally:
        con.close()
    assert stored == [(r.page, *(pytest.approx(v, abs=0.01) for v in r.bbox)) for r in doc.records]
