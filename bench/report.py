"""What the review pages cost: seconds and bytes, for a corpus or a few PDFs.

Loads the documents into a temporary warehouse (extraction in 2 processes, no Prefect),
publishes it, then writes the review pages three ways and prints the figures:

- cold: an empty reports folder; the run report, a document page (page images, what we
  read) for each document to review, the dashboard and the queue — what an ingest run does;
- warm: the same again, page images already there (`juesuan report` after a run);
- all documents: a document page for every document (`juesuan report --all-documents`).

    python bench/report.py                      # the sample corpus (87 documents)
    python bench/report.py --pdf ../shared/realpdfs/budget/66464f8eeef9-….pdf
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from juesuan.pipeline import process_file  # noqa: E402
from juesuan.report import write_reports  # noqa: E402
from warehouse import finish_run, load_document, open_ingest, start_run  # noqa: E402
from warehouse.publish import publish_snapshot  # noqa: E402


def _process(path: Path):
    return process_file(path, path.resolve().as_uri())


def load(pdfs: list[Path], warehouse: Path) -> float:
    started = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(_process, pdfs))
    con = open_ingest(warehouse)
    try:
        run_id = start_run(con, note="bench/report.py")
        for result in results:
            load_document(con, result.doc, result.findings, result.status, result.reason, result.sha256,
                          result.source_uri, run_id=run_id)
        finish_run(con, run_id)
        publish_snapshot(warehouse, con=con)
    finally:
        con.close()
    return time.perf_counter() - started


def size(folder: Path, pattern: str = "**/*") -> int:
    return sum(p.stat().st_size for p in folder.glob(pattern) if p.is_file())


def measure(warehouse: Path, documents: int, label: str, **kwargs) -> dict:
    written = write_reports(warehouse, **kwargs)
    reports = warehouse / "reports"
    figures = {"case": label, "seconds": round(written.seconds, 2),
               "seconds_per_document": round(written.seconds / max(documents, 1), 4),
               "document_pages": len(written.document_pages), "page_images_rendered": written.pages_rendered,
               "reports_bytes": size(reports), "image_bytes": size(reports, "documents/*/*.png"),
               "images": len(list(reports.glob("documents/*/*.png"))),
               "run_report_bytes": written.run_report.stat().st_size if written.run_report else 0}
    print(f"{label:<14} {figures['seconds']:>7.2f} s  {figures['seconds_per_document'] * 1000:>7.1f} ms/doc  "
          f"{figures['document_pages']:>4} doc pages  {figures['page_images_rendered']:>5} images rendered  "
          f"{figures['reports_bytes'] / 1e6:>7.2f} MB in reports/ ({figures['images']} images, "
          f"{figures['image_bytes'] / 1e6:.2f} MB)", flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--pdf", type=Path, nargs="*", help="these PDFs instead of the corpus")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    pdfs = [p.resolve() for p in args.pdf] if args.pdf else sorted(args.corpus.rglob("*.pdf"))
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-report-") as tmp:
        warehouse = Path(tmp) / "warehouse"
        loading = load(pdfs, warehouse)
        print(f"{len(pdfs)} document(s) loaded in {loading:.1f} s "
              f"({sum(1 for _ in pdfs)} PDFs, {sum(p.stat().st_size for p in pdfs) / 1e6:.1f} MB)", flush=True)
        results = [measure(warehouse, len(pdfs), "cold")]
        results.append(measure(warehouse, len(pdfs), "warm"))
        shutil.rmtree(warehouse / "reports")
        results.append(measure(warehouse, len(pdfs), "all documents", all_documents=True))
    if args.json:
        args.json.write_text(json.dumps({"documents": len(pdfs), "load_seconds": round(loading, 1),
                                         "results": results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
