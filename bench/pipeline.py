"""Where the time of an ingest goes, stage by stage, on the sample corpus (one process).

    python bench/pipeline.py [--repeat 3] [--json out.json]

Each figure is the median of --repeat runs over every corpus PDF:
  extract     juesuan.extract.extract_document alone
  validate    + schemas, identities, plausibility and narrative checks (process_file)
  bounded     + the per-document child process with time/memory bounds (process_file_bounded)
  load        loading the results into a fresh DuckDB warehouse and publishing the snapshot
The Prefect-orchestrated figures (pool start-up, 1 vs 2 workers) come from bench/ingest.py.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> int:
    from juesuan.extract import extract_document
    from juesuan.pipeline import process_file, process_file_bounded
    from warehouse.db import open_ingest
    from warehouse.load import load_document
    from warehouse.publish import publish_snapshot

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    files = sorted((REPO / "corpus").rglob("*.pdf"))
    pages = sum(extract_document(f).page_count for f in files)  # also warms every import
    process_file(files[0])
    process_file_bounded(files[0])

    results: dict[str, list[float]] = {"extract": [], "validate": [], "bounded": [], "load": []}
    for _ in range(args.repeat):
        results["extract"].append(_timed(lambda: [extract_document(f) for f in files]))
        processed: list = []
        results["validate"].append(_timed(lambda: processed.extend(process_file(f) for f in files)))
        results["bounded"].append(_timed(lambda: [process_file_bounded(f) for f in files]))
        with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as tmp:
            def load_all():
                con = open_ingest(Path(tmp))
                for r in processed:
                    load_document(con, r.doc, r.findings, r.status, r.reason, r.sha256, r.source_uri)
                publish_snapshot(Path(tmp), con=con)
                con.close()
            results["load"].append(_timed(load_all))
    median = {k: round(statistics.median(v), 2) for k, v in results.items()}
    figures = {"documents": len(files), "pages": pages, "repeat": args.repeat, "median_s": median,
               "runs_s": {k: [round(x, 2) for x in v] for k, v in results.items()},
               "per_document_ms": {k: round(1000 * v / len(files), 1) for k, v in median.items()},
               "pages_per_second_extract": round(pages / median["extract"], 1)}
    print(f"pipeline stages on {len(files)} corpus documents ({pages} pages), median of {args.repeat}:")
    for stage, seconds in median.items():
        print(f"  {stage:9} {seconds:7.2f} s  ({figures['per_document_ms'][stage]:.0f} ms/document)")
    print(f"  extraction: {figures['pages_per_second_extract']} pages/s; validation adds "
          f"{median['validate'] - median['extract']:.2f} s, the bounded child "
          f"{median['bounded'] - median['validate']:.2f} s, loading + publishing {median['load']:.2f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
