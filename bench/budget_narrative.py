"""Real budgets' narratives (../shared/realpdfs/budget): the claims a 情况说明 makes, judged.

    python bench/budget_narrative.py                      # claims and findings per rule
    python bench/budget_narrative.py --all-rules          # the final's full checker too (for comparison)
    python bench/budget_narrative.py --show error         # list every finding of a severity
    python bench/budget_narrative.py --cache /tmp/docs    # keep the extractions between runs

Every budget is extracted as ingestion does; a 情况说明 printed apart from its tables is
paired with its sibling as the ingest flow pairs it (same folder, unit and year; or, when
the tables print no unit, the same attachment stem) and judged against the sibling's
tables (juesuan/disclosure.py). Prints, per narrative rule, the claims examined and the
findings by severity. Every `error` must be reviewed on the rendered page: the budget
rules are kept in BUDGET_NARRATIVE_RULES only while they give no false error here.
Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from juesuan.disclosure import attachment_stem  # noqa: E402
from juesuan.extract import extract_document  # noqa: E402
from juesuan.model import ExtractedDocument  # noqa: E402
from juesuan.validate.narrative import BUDGET_NARRATIVE_RULES, budget_narrative, check_narrative  # noqa: E402
from juesuan.validate import check_records, doubtful_tables  # noqa: E402
from juesuan.validate.narrative.budget import BUDGET_RULES  # noqa: E402
from warehouse.units import unit_key  # noqa: E402

BUDGETS = REPO.parent / "shared" / "realpdfs" / "budget"


def extracted(files: list[Path], cache: Path | None) -> list[tuple[str, ExtractedDocument]]:
    out = []
    for path in files:
        target = cache / (path.name[:12] + ".pkl") if cache else None
        if target is not None and target.exists():
            out.append(pickle.loads(target.read_bytes()))
            continue
        item = (path.name, extract_document(path))
        if target is not None:
            target.write_bytes(pickle.dumps(item))
        out.append(item)
    return out


def _key(name: str, doc: ExtractedDocument) -> tuple | None:
    if not doc.unit_name or doc.fiscal_year is None:
        return None
    try:
        return unit_key(doc.unit_name), doc.fiscal_year
    except Exception:  # a name with no usable characters: not paired
        return None


def with_narratives(docs: list[tuple[str, ExtractedDocument]]) -> list[tuple[str, ExtractedDocument]]:
    """Each document with a narrative and tables: one file, or a 情况说明 with its sibling's tables."""
    tables = [(n, d) for n, d in docs if d.records]
    by_key = {_key(n, d): d for n, d in tables if _key(n, d)}
    by_stem = defaultdict(list)
    for name, doc in tables:
        by_stem[attachment_stem(name)].append(doc)
    out = []
    for name, doc in docs:
        if not doc.narrative:
            continue
        if doc.records:
            out.append((name, doc))
            continue
        sibling = by_key.get(_key(name, doc))
        stem = attachment_stem(name)
        if sibling is None and stem and len(by_stem.get(stem, [])) == 1:
            sibling = by_stem[stem][0]
        if sibling is not None:
            out.append((name, dataclasses.replace(sibling, narrative=list(doc.narrative))))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--all-rules", action="store_true")
    parser.add_argument("--show", action="append", default=[], help="severity to list (error, warning, info)")
    parser.add_argument("--rule", action="append", default=[], help="only list these rules")
    args = parser.parse_args()
    if not BUDGETS.is_dir():
        print(f"skipped: {BUDGETS} is absent")
        return 0
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    docs = with_narratives(extracted(sorted(BUDGETS.glob("*.pdf")), args.cache))
    rules = BUDGET_NARRATIVE_RULES | frozenset(BUDGET_RULES)
    claims, found = Counter(), Counter()
    for name, doc in docs:
        records = check_records(doc.records, doc.amount_unit_printed, doc.tables_present, doc.tables_empty,
                                doc.doc_type)
        report = check_narrative(doc) if args.all_rules else budget_narrative(
            doc, rules, doubtful_tables(records.findings))
        claims.update(report.claims)
        for f in report.findings:
            found[(f.rule_id, f.severity)] += 1
            if f.severity in args.show and (not args.rule or f.rule_id in args.rule):
                print(f"{f.severity:7s} {f.rule_id:20s} {name[:60]}\n        {f.message}\n        “{f.location}”")
    print(f"\n{len(docs)} budgets with a narrative and tables")
    for rule in sorted(set(claims) | {r for r, _ in found}):
        sev = ", ".join(f"{s} {found[(rule, s)]}" for s in ("error", "warning", "info") if found[(rule, s)])
        print(f"  {rule:22s} {claims[rule]:5d} claims  {sev or 'no finding'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
