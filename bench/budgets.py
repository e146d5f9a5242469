"""Real budgets (../shared/realpdfs/budget): the share read with every identity holding.

    python bench/budgets.py                 # figures per document and in total
    python bench/budgets.py --json out.json
    python bench/budgets.py --ratchet bench/budgets_floor.json   # fail below the floor

For every PDF: extraction and validation as ingestion runs them (pipeline.process_file),
then juesuan.budget_reading: read (extracted, no error finding, no unplaced figure), not
read (with the first reason), or no table (a 情况说明 attachment, a scan). The share is
read / (read + not read). Every document not read must have a verdict in
bench/budgets_explained.json, checked on the rendered page: "theirs" (the page prints the
inconsistency) or "ours" (our misread, or a layout we do not read). Prints seconds per
document. Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from juesuan.budget_reading import NO_TABLE, NOT_READ, READ, reading  # noqa: E402
from juesuan.pipeline import process_file  # noqa: E402

BUDGETS = REPO.parent / "shared" / "realpdfs" / "budget"
EXPLAINED = REPO / "bench" / "budgets_explained.json"


def measure(files: list[Path]) -> list:
    return [reading(process_file(path)) for path in files]


def summary(readings: list) -> dict:
    counts = Counter(r.outcome for r in readings)
    with_tables = counts[READ] + counts[NOT_READ]
    seconds = sum(r.seconds for r in readings)
    return {"documents": len(readings), "read": counts[READ], "not_read": counts[NOT_READ],
            "no_table": counts[NO_TABLE], "share": round(counts[READ] / with_tables, 4) if with_tables else 1.0,
            "seconds_per_document": round(seconds / len(readings), 3) if readings else 0.0,
            "records": sum(r.records for r in readings),
            "read_without_year": sum(1 for r in readings if r.outcome == READ and not r.fiscal_year),
            "read_without_unit": sum(1 for r in readings if r.outcome == READ and "unit" in r.metadata)}


def explanations() -> dict[str, dict]:
    return json.loads(EXPLAINED.read_text(encoding="utf-8"))["documents"] if EXPLAINED.exists() else {}


def unexplained(readings: list, explained: dict[str, dict]) -> list[str]:
    return [r.document for r in readings if r.outcome == NOT_READ and r.document not in explained]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--ratchet", type=Path, help="JSON floor: share, and documents that must stay read")
    args = parser.parse_args()
    if not BUDGETS.is_dir():
        print(f"skipped: {BUDGETS} is absent")
        if args.json:
            args.json.write_text(json.dumps({"skipped": str(BUDGETS)}), encoding="utf-8")
        return 0
    readings = measure(sorted(BUDGETS.glob("*.pdf")))
    explained = explanations()
    for r in readings:
        verdict = explained.get(r.document, {})
        note = f"  [{verdict.get('verdict', 'UNEXPLAINED')}: {verdict.get('why', '')}]" if r.outcome == NOT_READ else ""
        print(f"{r.outcome:9s} {r.seconds:6.2f}s {r.records:5d} records  {r.document}"
              + (f"\n          {r.reason[:160]}{note}" if r.outcome != READ else "")
              + (f"\n          metadata: {r.metadata[:160]}" if r.metadata else ""))
    figures = summary(readings)
    print(f"\nreal budgets: {figures['documents']} documents, {figures['read']} read, {figures['not_read']} not read, "
          f"{figures['no_table']} without a table; share read {100 * figures['share']:.1f}% "
          f"({figures['read']}/{figures['read'] + figures['not_read']}); "
          f"{figures['seconds_per_document']:.2f} s per document; {figures['records']} records; "
          f"read but printing no year: {figures['read_without_year']}, no unit name: {figures['read_without_unit']} "
          "(a metadata problem each; the crawl's listing or the sibling attachment supplies it)")
    verdicts = Counter(explained[d]["verdict"] for d in explained
                       if any(r.document == d and r.outcome == NOT_READ for r in readings))
    print(f"not read, checked on the page: {dict(verdicts)}; unexplained: {unexplained(readings, explained)}")
    if args.json:
        args.json.write_text(json.dumps({"summary": figures, "documents": [r.__dict__ for r in readings]},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    if args.ratchet:
        floor = json.loads(args.ratchet.read_text(encoding="utf-8"))
        failures = check_floor(readings, floor, explained)
        if failures:
            print("\nRATCHET FAILED:\n  " + "\n  ".join(failures))
            return 1
        print("\nratchet: share and every recorded document at or above the floor")
    return 0


def check_floor(readings: list, floor: dict, explained: dict[str, dict]) -> list[str]:
    figures = summary(readings)
    failures = []
    if figures["share"] < floor["share"]:
        failures.append(f"share read {figures['share']} below the floor {floor['share']}")
    read = {r.document for r in readings if r.outcome == READ}
    failures += [f"{d}: no longer read" for d in floor["read"] if d not in read]
    failures += [f"{d}: not read and not explained in bench/budgets_explained.json"
                 for d in unexplained(readings, explained)]
    return failures


if __name__ == "__main__":
    sys.exit(main())
