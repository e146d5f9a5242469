"""Findings on real documents against their reviewed verdicts: precision, and a ratchet.

    python bench/findings_review.py                        # figures for ../shared/realpdfs/final
    python bench/findings_review.py --ratchet              # also fail on what must not happen
    python bench/findings_review.py --draft                # YAML stubs for unreviewed findings
    python bench/findings_review.py --folder ../shared/realpdfs/budget --ratchet   # budgets too
    python bench/findings_review.py --recall               # printed inconsistencies found

Every `error` and `warning` finding that `juesuan check FILE` gives on a real document is
reviewed on the rendered page and filed in bench/findings_review.yaml under the
document's file name and the finding's key (juesuan.model.Finding.key: rule, pages,
where, the printed figure — never its position in a list), with a verdict (true: the
page says what the finding says; false: a false alarm) and one line why.

The ratchet fails when
  - an `error` finding has no reviewed verdict (nobody has looked at it on the page),
  - a finding reviewed false appears (a false alarm came back),
  - a finding reviewed true is no longer given as an error or warning (a true one lost).
Unreviewed warnings are listed, not failed on. Precision printed = errors reviewed true /
errors given.

--recall: for the seed (corpus/seed, truth beside it) and every real document with a
truth file (../shared/truth), each printed inconsistency of severity `error` counts as
found when an error or warning finding is on one of its pages and quotes its figure (the
finding's printed figure appears in the inconsistency's words, or six characters of the
finding's location do).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from juesuan.pipeline import process_file  # noqa: E402

REVIEW = REPO / "bench" / "findings_review.yaml"
FINALS = REPO.parent / "shared" / "realpdfs" / "final"
TRUTH = REPO.parent / "shared" / "truth"
SEED = REPO / "corpus" / "seed"
SERIOUS = ("error", "warning")


@dataclass
class Outcome:
    document: str
    given: dict[str, str] = field(default_factory=dict)  # key → severity (error/warning)
    messages: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # what fails the ratchet
    notes: list[str] = field(default_factory=list)  # what is only reported


def load_review(path: Path) -> dict[str, dict[str, dict]]:
    """document file name → finding key → {severity, verdict, why}."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    out: dict[str, dict[str, dict]] = {}
    for name, entry in ((data or {}).get("documents") or {}).items():
        out[name] = {f["key"]: f for f in (entry or {}).get("findings") or []}
    return out


def judge(path: Path, reviewed: dict[str, dict]) -> Outcome:
    result = process_file(path)
    outcome = Outcome(path.name)
    for finding in result.findings:
        if finding.severity in SERIOUS:
            outcome.given[finding.key] = finding.severity
            outcome.messages[finding.key] = finding.message
    for key, severity in outcome.given.items():
        verdict = reviewed.get(key, {}).get("verdict")
        if verdict is False:
            outcome.problems.append(f"reviewed FALSE but given again ({severity}): {key}")
        elif verdict is None and severity == "error":
            outcome.problems.append(f"error not reviewed: {key}\n      {outcome.messages[key]}")
        elif verdict is None:
            outcome.notes.append(f"warning not reviewed: {key}")
    for key, entry in reviewed.items():
        if entry.get("verdict") is True and key not in outcome.given:
            outcome.problems.append(f"reviewed TRUE but no longer given: {key}")
    return outcome


def draft(outcomes: list[Outcome], reviewed: dict[str, dict[str, dict]]) -> str:
    """YAML stubs (verdict: null) for the findings nobody has reviewed yet."""
    documents = {}
    for o in outcomes:
        stubs = [{"key": key, "severity": severity, "verdict": None, "why": "",
                  "message": o.messages[key]}
                 for key, severity in o.given.items() if key not in reviewed.get(o.document, {})]
        if stubs:
            documents[o.document] = {"findings": stubs}
    return yaml.safe_dump({"documents": documents}, allow_unicode=True, sort_keys=False, width=110)


def _found(entry: dict, findings) -> bool:
    pages, detail = set(entry.get("pages") or ()), entry.get("detail", "")
    for f in findings:
        if f.severity not in SERIOUS or (pages and not pages & set(f.pages)):
            continue
        printed = format(f.actual, "f") if f.actual is not None else None
        chunks = {f.location[i:i + 6] for i in range(0, max(len(f.location) - 5, 0))}
        if (printed and printed in detail) or any(c in detail for c in chunks):
            return True
    return False


def recall(folders: list[Path]) -> int:
    """Printed inconsistencies (severity error) of the truth files that a finding reports."""
    pairs = [(p, p.with_suffix(".json")) for p in sorted(SEED.glob("*.pdf"))]
    pairs += [(p, TRUTH / f"{p.stem}.json") for folder in folders for p in sorted(folder.glob("*.pdf"))]
    found = total = 0
    for path, truth_path in pairs:
        if not truth_path.exists():
            continue
        entries = [e for e in json.loads(truth_path.read_text(encoding="utf-8")).get(
            "printed_inconsistencies") or [] if e.get("severity") == "error"]
        if not entries:
            continue
        findings = process_file(path).findings
        hits = [_found(e, findings) for e in entries]
        found, total = found + sum(hits), total + len(hits)
        print(f"{path.name}: {sum(hits)}/{len(hits)}")
        for entry, hit in zip(entries, hits):
            if not hit:
                print(f"  not found: p{entry.get('pages')} {entry['rule']}: {entry['detail'][:100]}")
    print(f"recall of printed inconsistencies (severity error): {found}/{total}"
          + (f" ({found / total:.1%})" if total else ""))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", action="append", type=Path,
                        help=f"folder of real PDFs (repeatable; default {FINALS})")
    parser.add_argument("--review", type=Path, default=REVIEW)
    parser.add_argument("--ratchet", action="store_true", help="exit 1 on an unreviewed error, a false "
                        "alarm back, or a true finding lost")
    parser.add_argument("--draft", action="store_true", help="print YAML stubs for unreviewed findings")
    parser.add_argument("--recall", action="store_true", help="the truth files' printed inconsistencies "
                        "found (the seed and the real documents)")
    args = parser.parse_args(argv)
    folders = args.folder or [FINALS]
    if args.recall:
        return recall(folders)
    files = sorted(p for folder in folders for p in folder.glob("*.pdf"))
    if not files:
        print(f"no PDFs in {', '.join(map(str, folders))}: nothing to review")
        return 0
    reviewed = load_review(args.review)
    outcomes = [judge(path, reviewed.get(path.name, {})) for path in files]

    if args.draft:
        print(draft(outcomes, reviewed))
        return 0
    totals = Counter()
    print(f"{'document':<44} {'errors':>6} {'true':>5} {'false':>5} {'unrev':>5} {'warn':>5}")
    for o in outcomes:
        verdicts = reviewed.get(o.document, {})
        errors = [k for k, s in o.given.items() if s == "error"]
        row = Counter(errors=len(errors), warnings=len(o.given) - len(errors))
        for key in errors:
            verdict = verdicts.get(key, {}).get("verdict")
            row["true" if verdict is True else "false" if verdict is False else "unreviewed"] += 1
        totals.update(row)
        print(f"{o.document[:44]:<44} {row['errors']:>6} {row['true']:>5} {row['false']:>5} "
              f"{row['unreviewed']:>5} {row['warnings']:>5}")
    precision = totals["true"] / totals["errors"] if totals["errors"] else 1.0
    print(f"\n{len(outcomes)} documents: {totals['errors']} error findings, {totals['true']} reviewed true, "
          f"{totals['false']} reviewed false, {totals['unreviewed']} unreviewed; precision of errors "
          f"{precision:.1%} ({totals['true']}/{totals['errors']}); {totals['warnings']} warnings")
    failures = [(o.document, p) for o in outcomes for p in o.problems]
    for document, note in ((o.document, n) for o in outcomes for n in o.notes):
        print(f"  note {document}: {note}")
    for document, problem in failures:
        print(f"  FAIL {document}: {problem}")
    if args.ratchet and failures:
        print(f"ratchet: {len(failures)} problem(s); review them on the rendered page "
              f"({args.review.relative_to(REPO) if args.review.is_relative_to(REPO) else args.review})")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
