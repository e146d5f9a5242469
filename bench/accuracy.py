"""Extraction accuracy against ground truth, and extraction speed against plain pdfplumber.

    python bench/accuracy.py                      # sample corpus + ../shared/realpdfs when present
    python bench/accuracy.py --json out.json      # also write the figures
    python bench/accuracy.py --ratchet bench/accuracy_floor.json   # fail below the recorded floor

For each document with a truth file: the share of truth records extracted exactly (same
table_id, row_key, column_key, amount), the records produced that the truth lacks, and
the numbers printed in its tables that no record placed (extract/completeness.py); the
sample corpus's budgets are also counted on their own. For each real budget: whether it is
read as a budget (doc_type 'budget'; how well is bench/budgets.py's measure). Speed:
pages per second of juesuan's extraction and of pdfplumber's extract_tables() on every
page of the same files, measured in the same run, one process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import pdfplumber

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from juesuan.accuracy import load_truth, score  # noqa: E402
from juesuan.extract import extract_document  # noqa: E402

SHARED = REPO.parent / "shared"


def naive_pages_per_second(files: list[Path]) -> tuple[int, float]:
    pages, started = 0, time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
                pages += 1
    return pages, time.perf_counter() - started


def score_documents(files: list[Path], truth_for) -> tuple[list[dict], int, float]:
    rows, pages, seconds = [], 0, 0.0
    for path in files:
        started = time.perf_counter()
        doc = extract_document(path)
        seconds += time.perf_counter() - started
        pages += doc.page_count
        truth_path = truth_for(path)
        if truth_path is None or not truth_path.exists():
            continue
        meta, truth = load_truth(truth_path)
        s = score(path.name, truth, doc.records)
        rows.append({
            "document": path.name, "doc_type": meta.get("doc_type"), "truth": s.truth_count, "exact": s.exact,
            "share": round(s.share, 6), "wrong": len(s.wrong_amount), "missing": len(s.missing),
            "extra": len(s.extra), "unplaced": doc.numbers_accounted.get("unplaced", 0), "metadata_ok": (doc.unit_name, doc.fiscal_year) == (meta["unit_name"],
                                                                                     meta["fiscal_year"]),
            "first_differences": [str(x) for x in (s.wrong_amount + s.missing + s.extra)[:5]],
        })
    return rows, pages, seconds


def budgets(files: list[Path]) -> list[dict]:
    out = []
    for path in files:
        doc = extract_document(path)
        fatal = next((p for p in doc.problems if p.fatal), None)
        out.append({"document": path.name, "recognised_as_budget": doc.doc_type == "budget",
                    "records": len(doc.records),
                    "reason": f"{fatal.code}: {fatal.message}" if fatal else f"{len(doc.records)} records"})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--ratchet", type=Path, help="JSON of minimum shares per document; fail below")
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="speed: median of this many runs")
    args = parser.parse_args()

    results: dict = {"machine_note": "single process", "sets": {}}
    all_files: list[Path] = []
    if not args.skip_corpus:
        corpus = sorted((REPO / "corpus").rglob("*.pdf"))
        rows, pages, seconds = score_documents(corpus, lambda p: p.with_suffix(".json"))
        results["sets"]["corpus"] = {"documents": rows, "pages": pages, "seconds": round(seconds, 2)}
        exact = sum(r["exact"] for r in rows)
        truth = sum(r["truth"] for r in rows)
        ours = [seconds] + [score_documents(corpus, lambda p: None)[2] for _ in range(args.repeat - 1)]
        naive = [naive_pages_per_second(corpus)[1] for _ in range(args.repeat)]
        results["speed_corpus"] = {
            "juesuan_pages_per_second": round(pages / statistics.median(ours), 2),
            "pdfplumber_extract_tables_pages_per_second": round(pages / statistics.median(naive), 2),
            "pages": pages}
        print(f"speed on {pages} corpus pages: juesuan {results['speed_corpus']['juesuan_pages_per_second']} "
              f"pages/s, pdfplumber extract_tables() "
              f"{results['speed_corpus']['pdfplumber_extract_tables_pages_per_second']} pages/s")
        print(f"sample corpus: {len(rows)} documents, {exact}/{truth} truth cells exact "
              f"({100 * exact / truth:.3f}%), {sum(r['extra'] for r in rows)} extra, "
              f"{sum(r['unplaced'] for r in rows)} printed numbers unplaced, "
              f"{sum(not r['metadata_ok'] for r in rows)} metadata mismatches")
        budget_rows = [r for r in rows if r["doc_type"] == "budget"]
        b_exact, b_truth = sum(r["exact"] for r in budget_rows), sum(r["truth"] for r in budget_rows)
        print(f"  of which budgets: {len(budget_rows)} documents, {b_exact}/{b_truth} truth cells exact "
              f"({100 * b_exact / max(b_truth, 1):.3f}%), {sum(r['extra'] for r in budget_rows)} extra, "
              f"{sum(not r['metadata_ok'] for r in budget_rows)} metadata mismatches")
    real_dir = SHARED / "realpdfs"
    if real_dir.is_dir():
        finals = sorted((real_dir / "final").glob("*.pdf"))
        rows, pages, seconds = score_documents(finals, lambda p: SHARED / "truth" / (p.stem + ".json"))
        results["sets"]["realpdfs_final"] = {"documents": rows, "pages": pages, "seconds": round(seconds, 2)}
        print("\nreal final accounts (../shared/realpdfs/final):")
        for r in rows:
            print(f"  {r['document']}: {r['exact']}/{r['truth']} exact ({100 * r['share']:.2f}%), "
                  f"{r['wrong']} wrong, {r['missing']} missing, {r['extra']} extra, "
                  f"{r['unplaced']} printed numbers unplaced")
        budget_rows = budgets(sorted((real_dir / "budget").glob("*.pdf")))
        results["sets"]["realpdfs_budget"] = budget_rows
        print("\nreal budgets (../shared/realpdfs/budget):")
        for r in budget_rows:
            print(f"  {r['document']}: {'budget' if r['recognised_as_budget'] else 'NOT A BUDGET'} — {r['reason']}")
        all_files = finals
        ours = [seconds] + [score_documents(finals, lambda p: None)[2] for _ in range(args.repeat - 1)]
        naive = [naive_pages_per_second(finals)[1] for _ in range(args.repeat)]
        ours_pages, ours_seconds = pages, statistics.median(ours)
        naive_pages, naive_seconds = pages, statistics.median(naive)
        results["speed_realpdfs_final"] = {
            "juesuan_pages_per_second": round(ours_pages / ours_seconds, 2),
            "pdfplumber_extract_tables_pages_per_second": round(naive_pages / naive_seconds, 2),
            "pages": ours_pages}
        print(f"\nspeed on {ours_pages} real pages: juesuan {ours_pages / ours_seconds:.1f} pages/s, "
              f"pdfplumber extract_tables() {naive_pages / naive_seconds:.1f} pages/s "
              f"(ratio {(ours_pages / ours_seconds) / (naive_pages / naive_seconds):.2f})")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.ratchet and all_files:
        floor = json.loads(args.ratchet.read_text(encoding="utf-8"))
        failures = []
        for r in results["sets"]["realpdfs_final"]["documents"]:
            minimum = floor.get("final", {}).get(r["document"])
            if minimum is not None and (r["share"] < minimum["share"] or r["extra"] > minimum["extra"]
                                        or r["unplaced"] > minimum.get("unplaced", r["unplaced"])):
                failures.append(f"{r['document']}: share {r['share']} extra {r['extra']} unplaced "
                                f"{r['unplaced']} below floor {minimum}")
        for r in results["sets"]["realpdfs_budget"]:
            if floor.get("budget_recognised", True) and not r["recognised_as_budget"]:
                failures.append(f"{r['document']}: not read as a budget (doc_type)")
        if failures:
            print("\nRATCHET FAILED:\n  " + "\n  ".join(failures))
            return 1
        print("\nratchet: every document at or above its recorded floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
