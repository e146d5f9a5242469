"""How every number printed in the tables is accounted for: the completeness audit's figures.

    python bench/completeness.py                  # sample corpus, real finals, real budgets
    python bench/completeness.py --skip-budgets

For each document: the numbers printed in its tables by class (placed in a record, 栏次/
行次 index, code, year, page number, note, heading, repeat, text) and the unplaced ones,
each with page, position and text. Goal: 0 unplaced on every real final.

Budgets are rejected as not_final_accounts before any table is read today, so none of
their figures is placed; the same audit is run over their ruled grids with no records,
which counts the money figures a budget reader will have to place (every one of them
unplaced until then).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from juesuan.extract import extract_document  # noqa: E402
from juesuan.extract.completeness import CLASSES, PLACED, UNPLACED, TableRegion, audit_tables  # noqa: E402
from juesuan.extract.document import read_grids  # noqa: E402
from juesuan.extract.scan import scan_pdf  # noqa: E402
from juesuan.model import ExtractedDocument  # noqa: E402

SHARED = REPO.parent / "shared"


def finals(files: list[Path], label: str, show_each: bool) -> Counter:
    total: Counter = Counter()
    documents_with_unplaced = 0
    started = time.perf_counter()
    for path in files:
        doc = extract_document(path)
        counts = Counter(doc.numbers_accounted)
        total.update(counts)
        documents_with_unplaced += counts[UNPLACED] > 0
        figures = sum(r.amount is not None for r in doc.records)
        if show_each or counts[UNPLACED]:
            print(f"  {path.name}: {counts[UNPLACED]} unplaced; {counts[PLACED]} placed for {figures} figures "
                  f"read; " + ", ".join(f"{k} {counts[k]}" for k in CLASSES if counts[k] and k not in
                                       (PLACED, UNPLACED)))
            for problem in doc.problems:
                if problem.code in ("unplaced_number", "number_counted_twice"):
                    print(f"      {problem.code}: {problem.message}")
    print(f"{label}: {len(files)} documents, {documents_with_unplaced} with unplaced numbers, "
          f"{total[UNPLACED]} unplaced of {sum(total.values())} numbers printed in tables "
          f"({time.perf_counter() - started:.1f} s)")
    return total


def budgets(files: list[Path]) -> None:
    rejected = awaiting = with_grids = 0
    for path in files:
        doc = extract_document(path)
        rejected += any(p.code == "not_final_accounts" for p in doc.problems)
        scans = scan_pdf(path)
        grids, outside = read_grids(path, scans, ExtractedDocument(document=path.name))
        if not grids:
            continue
        with_grids += 1
        audit = audit_tables([TableRegion(None, grids)], doc.records, outside)
        awaiting += audit.counts[UNPLACED]
    print(f"real budgets: {len(files)} documents, {rejected} rejected as not_final_accounts before table "
          f"parsing; {with_grids} with ruled grids, printing {awaiting} money figures no reader places "
          "yet (the budgets issue adds the reader; this audit then runs on its output unchanged)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-budgets", action="store_true")
    args = parser.parse_args()
    finals(sorted((REPO / "corpus").rglob("*.pdf")), "sample corpus", show_each=False)
    real = SHARED / "realpdfs"
    if real.is_dir():
        print("\nreal final accounts (../shared/realpdfs/final):")
        finals(sorted((real / "final").glob("*.pdf")), "real finals", show_each=True)
        if not args.skip_budgets:
            print()
            budgets(sorted((real / "budget").glob("*.pdf")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
