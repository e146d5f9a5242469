"""The command line on single documents: extract prints the ground-truth structure, check validates."""

from __future__ import annotations

import json

from click.testing import CliRunner

from juesuan.accuracy import load_truth, score
from juesuan.canonical import TRUTH_KEYS
from juesuan.cli import main
from juesuan.model import Record
from tests.conftest import CORPUS

SEED = next((CORPUS / "seed").glob("*.pdf"))


def test_extract_prints_the_truth_structure_exactly():
    result = CliRunner().invoke(main, ["extract", str(SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert tuple(data) == TRUTH_KEYS
    truth_meta, truth = load_truth(SEED.with_suffix(".json"))
    for key in ("unit_name", "fiscal_year", "doc_type", "amount_unit_printed", "tables_present",
                "tables_empty", "tables_absent"):
        assert data[key] == truth_meta[key], key
    ours = [Record.from_json(r) for r in data["records"]]
    result_score = score(SEED.name, truth, ours)
    assert result_score.exact == len(truth) and not result_score.extra


def test_extract_reports_a_non_pdf_with_a_reason(tmp_path):
    fake = tmp_path / "附件2.pdf"
    fake.write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(fake)])
    assert result.exit_code == 2
    assert "HTML page" in result.stderr


def test_check_gives_an_outcome_and_findings_as_json():
    result = CliRunner().invoke(main, ["check", str(SEED), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["outcome"] in ("loaded", "loaded_with_warnings", "quarantined")
    assert data["unit_name"] == "株洲市人民政府驻北京联络处"
    assert isinstance(data["findings"], list)
