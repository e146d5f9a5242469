"""How far a printed identity may miss before it is a finding.

Every printed figure is rounded to its last digit (`money.rounding_step`: 0.01 万元, or
0.000001 万元 = 0.01 元 for documents printed in 元). The exact value behind a printed
figure can therefore be off by half a step, and an identity over n printed figures
(the total counts as one of them) can miss by n × step/2 with no error anywhere.

The 决算 software also "forces" figures (尾数调整: a total is made to agree with its
rounded parts, or the parts with the total), which can push one more step of drift into
a sum. The hand-checked truth files were verified with 0.011 × terms for 万元; we match
that: per term half a step plus 0.6 of a step of slack, i.e. 1.1 steps per term.

Which figures count as terms: the printed, non-zero ones. A blank cell is exactly 0,
and a printed 0.00 in these tables stands for "nothing" in practice; counting them would
let a 06 class with forty 0.00 lines hide a misread of 0.4. (A real 0.004 printed as
0.00 is possible; its drift is far inside the tolerance of the non-zero terms around it.)

A 元 document may print most figures with their 分 and one — typically a total — in whole
元 (22,118,861 beside parts summing to 22,118,861.34): that figure is rounded to the 元, so
its own half 元 is added to the tolerance (`coarse_figures`). Zeros are exact; 万元
documents are not widened (an integer printed there is read as exact).

Classification of a difference d against the tolerance t of its identity:
  |d| ≤ t        passes (rounding; never reported);
  t < |d| ≤ 2t   'warning' — still most likely drift of a long rounded sum, but worth
                  a look (only when the rule itself is an 'error' rule);
  |d| > 2t       the rule's own severity ('error' for identities).
"""

from __future__ import annotations

from decimal import Decimal

from juesuan.canonical import UNIT_YUAN
from juesuan.money import rounding_step

HALF = Decimal("0.5")
SLACK_PER_TERM_STEPS = Decimal("0.6")
WARNING_BAND = Decimal(2)
WHOLE_YUAN = Decimal("0.0001")  # 1 元 in 万元


def printed_step(amounts, unit_printed: str | None) -> Decimal:
    """The size, in 万元, of the last digit the document prints: rounding_step, except a 元
    document that prints whole 元 only (budgets: 22,118,861 with no 分), whose figures are
    rounded to the 元. Read from the amounts' own digits: 1,160,000.00 prints its 分."""
    step = rounding_step(unit_printed)
    if unit_printed == UNIT_YUAN:
        printed = [a for a in amounts if a is not None]
        if printed and all(a.as_tuple().exponent >= -4 for a in printed):
            return WHOLE_YUAN
    return step


def coarse_figures(amounts, unit_printed: str | None, step: Decimal | None = None) -> Decimal:
    """Extra tolerance, in 万元, for the figures of a 元 document printed coarser than its
    step: half of each one's own last digit beyond half the step already counted."""
    if unit_printed != UNIT_YUAN:
        return Decimal(0)
    step = step or rounding_step(unit_printed)
    extra = Decimal(0)
    for amount in amounts:
        if amount is None or amount == 0:
            continue
        digit = Decimal(1).scaleb(amount.as_tuple().exponent)
        if digit > step:
            extra += (digit - step) * HALF
    return extra


def tolerance(n_terms: int, unit_printed: str | None, step: Decimal | None = None) -> Decimal:
    """Tolerance in 万元 for an identity over `n_terms` printed figures (at least one);
    `step` overrides the unit's rounding step (printed_step)."""
    step = step or rounding_step(unit_printed)
    n = max(int(n_terms), 1)
    return n * (step * HALF + step * SLACK_PER_TERM_STEPS)


def classify(difference: Decimal, tol: Decimal, rule_severity: str) -> str | None:
    """None when the difference is rounding; else the severity of the finding."""
    size = abs(difference)
    if size <= tol:
        return None
    if rule_severity == "error" and size <= WARNING_BAND * tol:
        return "warning"
    return rule_severity


def exceeds(value: Decimal, bound: Decimal, tol: Decimal) -> bool:
    """An inequality value ≤ bound, allowing for rounding on both sides."""
    return value - bound > tol
