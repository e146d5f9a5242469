"""A unit's budget as exact fen, derived from its final accounts of the same year.

The final's 年初预算 (Item.budget_gb) and 三公 预算数 are what the budget printed, so they
are taken as they are; the rest of the plan follows the year's figures: a 项's general
budget splits into 基本/项目 as its spending did, 政府性基金 and the unit's own income are
budgeted at what came in. Every figure is a whole multiple of 100 元 (0.01 万元), so a
budget prints without rounding drift in either unit, as finance systems print them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.sample.accounts import SANGONG_KEYS, Profile, UnitAccounts
from juesuan.sample.catalogue import ECONOMIC_KUAN, SANGONG_ECONOMIC

STEP = 10_000  # fen: 100 元
SOURCES = ("in_service", "in_business", "in_superior", "in_affiliated", "in_other")


def _round(value: int) -> int:
    return (value + STEP // 2) // STEP * STEP


def _split(total: int, part: int, whole: int) -> int:
    """The share part/whole of total, on the 100 元 step (all of it when whole is 0)."""
    if not whole:
        return 0
    return min(total, _round(total * part // whole))


@dataclass
class BudgetItem:
    """One function 项 of the budget, in fen."""

    code: str
    gb_basic: int = 0
    gb_project: int = 0
    gf_basic: int = 0
    gf_project: int = 0
    nf_basic: int = 0  # spending of the unit's own income (单位资金)
    nf_project: int = 0
    sources: dict[str, int] = field(default_factory=dict)  # own income by source (SOURCES)

    @property
    def gb(self) -> int:
        return self.gb_basic + self.gb_project

    @property
    def gf(self) -> int:
        return self.gf_basic + self.gf_project

    @property
    def basic(self) -> int:
        return self.gb_basic + self.gf_basic + self.nf_basic

    @property
    def project(self) -> int:
        return self.gb_project + self.gf_project + self.nf_project

    @property
    def total(self) -> int:
        return self.basic + self.project


@dataclass
class BudgetAccounts:
    unit_name: str
    fiscal_year: int
    profile: Profile
    items: dict[str, BudgetItem]
    economic: dict[str, int]  # economic 款 → general-budget basic expenditure
    sangong: dict[str, int]  # SANGONG_KEYS → 预算数
    scope: str = "部门"
    previous: BudgetAccounts | None = field(default=None, repr=False)

    def total(self, attr: str) -> int:
        return sum(getattr(i, attr) for i in self.items.values())

    def source(self, name: str) -> int:
        return sum(i.sources.get(name, 0) for i in self.items.values())


def _apportion(total: int, weights: dict[str, int]) -> dict[str, int]:
    """total (a multiple of STEP) over the weighted keys in STEP units, largest remainder."""
    units, weight = total // STEP, sum(weights.values())
    if not weight or not units:
        return {k: 0 for k in weights}
    shares = {k: units * w // weight for k, w in weights.items()}
    rest = units - sum(shares.values())
    by_remainder = sorted(weights, key=lambda k: (-(units * weights[k] % weight), k))
    for k in by_remainder[:rest]:
        shares[k] += 1
    return {k: v * STEP for k, v in shares.items()}


def budget_of(acc: UnitAccounts, previous: BudgetAccounts | None = None) -> BudgetAccounts:
    """The budget the unit published for acc.fiscal_year."""
    items: dict[str, BudgetItem] = {}
    for code, it in acc.items.items():
        b = BudgetItem(code)
        if it.budget_gb:
            b.gb_basic = _split(it.budget_gb, it.gb_basic, it.gb_expenditure)
            b.gb_project = it.budget_gb - b.gb_basic
        gf = _round(it.in_gf)
        b.gf_basic = _split(gf, it.gf_basic, it.gf_expenditure)
        b.gf_project = gf - b.gf_basic
        b.sources = {s: _round(getattr(it, s)) for s in SOURCES if getattr(it, s)}
        own = sum(b.sources.values())
        b.nf_basic = _split(own, it.nf_basic, it.nf_basic + it.nf_project + it.business)
        b.nf_project = own - b.nf_basic
        if b.total:
            items[code] = b
    sangong = {k: acc.sangong_budget.get(k, 0) for k in SANGONG_KEYS}
    basic = sum(b.gb_basic for b in items.values())
    # The 06 items that are 三公 items stay within the 三公 budget (DOMAIN.md: 06 items are
    # part of 09); the rest of the basic budget follows last year's economic mix.
    fixed = {code: min(acc.economic.get(code, 0), sangong.get(key, 0)) // STEP * STEP
             for key, code in SANGONG_ECONOMIC.items() if acc.economic.get(code)}
    weights = {code: value for code, value in acc.economic.items() if value and code not in fixed}
    if not weights:  # no basic spending detailed: put it on salaries
        weights = {ECONOMIC_KUAN["301"][0][0]: 1}
    economic = _apportion(basic - sum(fixed.values()), weights)
    economic.update({code: v for code, v in fixed.items() if v})
    return BudgetAccounts(acc.unit_name, acc.fiscal_year, acc.profile, items, economic, sangong,
                          scope=acc.scope, previous=previous)
