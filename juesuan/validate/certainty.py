"""An error must be certain: a failed identity on a table we did not read fully is not.

When a table prints a column we could not map, a row we could not key, a cell that is
not a number, a figure we could not place — or could not be read as a table at all — an
identity that fails on it may be our misread as well as the publisher's slip (real
Jiangsu 2017-19 budgets: every 01 read with unmapped rows failed its totals). Such a
finding is reported as a `warning` saying why it is not certain, and the document is
still held for review: a `misread_suspected` problem quarantines it in place of the
finding, naming the table and what was not read. No figure of it reaches a city view
until an operator looks.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from juesuan.model import Finding, Problem
from juesuan.validate.outcome import finding_quarantines

UNCERTAIN = " — not certain: "  # in the message of an error made a warning here


def is_uncertain_error(finding: Finding) -> bool:
    """A failed check reported as a warning only because its table was not read fully."""
    return finding.severity == "warning" and UNCERTAIN in finding.message


# extraction problems that leave a table's figures in doubt (juesuan.model.PROBLEM_CODES)
DOUBT_CODES = frozenset({"unknown_column", "unknown_row", "table_unreadable", "bad_cell", "unplaced_number"})


def qualify(findings: list[Finding], problems: list[Problem]) -> tuple[list[Finding], list[Problem]]:
    """(findings with the uncertain errors made warnings, problems to add)."""
    doubts: dict[str, Counter] = {}
    for p in problems:
        if p.code in DOUBT_CODES and p.table_id:
            doubts.setdefault(p.table_id, Counter())[p.code] += 1
    if not doubts:
        return findings, []
    out, held = [], {}
    for finding in findings:
        doubtful = [t for t in finding.table_ids if t in doubts]
        if finding.severity != "error" or not doubtful:
            out.append(finding)
            continue
        why = "; ".join(f"table {t}: " + ", ".join(f"{code} ×{n}" for code, n in sorted(doubts[t].items()))
                        for t in doubtful)
        out.append(dataclasses.replace(
            finding, severity="warning",
            message=f"{finding.message}{UNCERTAIN}the table was not read fully ({why}); "
                    "look at the page before believing it"))
        if finding_quarantines(finding):
            for t in doubtful:
                held.setdefault(t, (finding, why))
    added = [Problem("misread_suspected",
                     f"an identity fails on table {t} ({finding.rule_id}) and the table was not read fully "
                     f"({why}): its figures may be misread; held for review", table_id=t,
                     page=finding.pages[0] if finding.pages else None)
             for t, (finding, why) in sorted(held.items())]
    return out, added
