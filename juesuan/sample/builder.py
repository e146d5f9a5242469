"""Invent a synthetic unit's exact accounts from its description and a random stream.

A unit-year is drawn in two steps. First a `Plan` of primitive figures: the general-budget
basic expenditure by economic 款 (salaries per head, running costs, 三公 items), the
project spending by function 项, fund projects, non-fiscal income. Then `realise` turns
the plan into `UnitAccounts`: basic expenditure is assigned to function 项 the way
ledgers do (pension contributions to 2080505, housing fund to 2210201, the rest to the
unit's 行政运行/事业运行), and balances, budgets and 三公 figures are added. Identities
hold exactly by construction; `check_exact` verifies it.

The next year evolves the plan (each figure moves a few per cent, a project may end or
start) and opens with the previous year's closing balances, so year-on-year statements
compare like with like. Only integers are drawn: amounts are fen, factors per mille.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.sample.accounts import SANGONG_KEYS, Item, UnitAccounts, check_exact
from juesuan.sample.catalogue import FUNCTION_XIANG, is_fund_code
from juesuan.sample.city import MEDIUM, UnitSpec

WAN = 1_000_000  # fen in one 万元


@dataclass
class Plan:
    economic: dict[str, int]  # general-budget basic expenditure by economic 款
    projects: dict[str, int]  # general-budget project expenditure by 项
    fund_projects: dict[str, int]  # 政府性基金 project expenditure by 项
    nonfiscal: dict[str, int]  # income source attr (in_service…) → amount
    sangong_project: dict[str, int]  # 三公 spending paid from project money
    business_share: int = 0  # per mille of 经营收入 spent as 经营支出
    extras: dict[str, int] = field(default_factory=dict)


def _fen(wan: float) -> int:
    """A bound written in 万元 (e.g. 3.4) as exact fen, via its decimal text."""
    return int(Decimal(str(wan)) * WAN)


def _between(rng: random.Random, low_wan: float, high_wan: float) -> int:
    """A random amount in fen between two bounds given in 万元."""
    return rng.randint(_fen(low_wan), _fen(high_wan))


def _scale(value: int, rng: random.Random, low: int, high: int) -> int:
    return value * rng.randint(low, high) // 1000


def _round_to(value: int, step: int) -> int:
    return (value + step // 2) // step * step


def draw_plan(spec: UnitSpec, rng: random.Random) -> Plan:
    staff, retired = spec.staff, spec.retired
    admin = spec.kind in ("行政单位", "参照公务员法管理的事业单位")
    econ: dict[str, int] = {}
    base = staff * _between(rng, 3.4, 4.6)
    econ["30101"] = base
    econ["30102"] = staff * (_between(rng, 3.8, 6.5) if admin else _between(rng, 0.8, 1.8))
    if admin:
        econ["30103"] = staff * _between(rng, 0.3, 1.0)
    else:
        econ["30107"] = staff * _between(rng, 3.5, 6.0)
    wage = econ["30101"] + econ["30102"] + econ.get("30107", 0)
    econ["30108"] = wage * 16 // 100
    econ["30109"] = wage * 8 // 100
    econ["30110"] = wage * rng.randint(60, 80) // 1000
    if admin:
        econ["30111"] = wage * rng.randint(10, 20) // 1000
    econ["30112"] = wage * rng.randint(3, 8) // 1000
    econ["30113"] = wage * 12 // 100
    if rng.random() < 0.5:
        econ["30199"] = staff * _between(rng, 0.1, 0.6)
    if rng.random() < 0.3:
        econ["30106"] = staff * _between(rng, 0.2, 0.5)
    if retired:
        econ["30302"] = retired * _between(rng, 0.6, 2.4)
        if rng.random() < 0.6:
            econ["30305"] = retired * _between(rng, 0.05, 0.3)
    if rng.random() < 0.4:
        econ["30309"] = staff * _between(rng, 0.01, 0.08)
    # running costs (公用经费) per head
    per_head = {
        "30201": (0.15, 0.6), "30202": (0.0, 0.1), "30205": (0.02, 0.1), "30206": (0.08, 0.35),
        "30207": (0.05, 0.25), "30209": (0.2, 0.9), "30211": (0.1, 0.5), "30213": (0.05, 0.4),
        "30215": (0.0, 0.1), "30216": (0.0, 0.15), "30226": (0.0, 0.5), "30229": (0.05, 0.2),
        "30239": (0.1, 0.6), "30299": (0.05, 0.5),
    }
    for code, (low, high) in per_head.items():
        if rng.random() < 0.85:
            econ[code] = staff * _between(rng, low, high)
    econ["30228"] = wage * 2 // 100
    sangong = spec.sangong
    if sangong != "none":
        econ["30217"] = _between(rng, 0.2, 1.5) * (3 if sangong in ("car", "abroad") else 1)
    if sangong in ("car", "abroad"):
        econ["30231"] = _between(rng, 2, 12)
    if sangong == "abroad":
        econ["30212"] = _between(rng, 1, 8)
    if rng.random() < 0.5:
        econ["31002"] = _between(rng, 0.5, 6)
    if rng.random() < 0.2:
        econ["31007"] = _between(rng, 1, 10)
    if sangong in ("car", "abroad") and rng.random() < 0.35:
        econ["31013"] = _between(rng, 12, 30)
    if rng.random() < 0.1:
        econ["39999"] = _between(rng, 0.1, 2)
    econ = {k: v for k, v in sorted(econ.items()) if v > 0}

    low, high = spec.project_range
    candidates = sorted(c for c in FUNCTION_XIANG
                        if c.startswith(spec.pool) and not is_fund_code(c)
                        and c != spec.home and c not in _PERSONNEL_CODES)
    chosen = rng.sample(candidates, min(spec.projects, len(candidates)))
    projects = {c: _between(rng, low, high) for c in sorted(chosen)}
    if spec.home_project:
        projects[spec.home] = _between(rng, low, high)
    fund_projects = {c: _between(rng, low * 2, high * 3) for c in spec.funds}
    nonfiscal = {src: _between(rng, lo, hi) for src, (lo, hi) in spec.nonfiscal.items()}
    sangong_project = {}
    if sangong != "none" and rng.random() < 0.5:
        sangong_project["公务接待费"] = _between(rng, 0.1, 2)
    if sangong in ("car", "abroad") and rng.random() < 0.4:
        sangong_project["公务用车运行费"] = _between(rng, 0.5, 4)
    return Plan(economic=econ, projects=projects, fund_projects=fund_projects,
                nonfiscal=nonfiscal, sangong_project=sangong_project,
                business_share=rng.randint(850, 980) if "in_business" in nonfiscal else 0)


def evolve(plan: Plan, spec: UnitSpec, rng: random.Random) -> Plan:
    """Next year's plan: figures move by a few per cent, projects come and go."""
    econ = {k: _scale(v, rng, 960, 1090) for k, v in plan.economic.items()}
    for code in ("31013", "31002", "31007"):  # one-off purchases rarely repeat
        if code in econ and rng.random() < 0.6:
            del econ[code]
    if spec.sangong in ("car", "abroad") and "31013" not in plan.economic and rng.random() < 0.2:
        econ["31013"] = _between(rng, 12, 30)
    projects = {}
    for code, value in plan.projects.items():
        if code != spec.home and len(plan.projects) > 2 and rng.random() < 0.12:
            continue
        projects[code] = _scale(value, rng, 780, 1250)
    candidates = sorted(c for c in FUNCTION_XIANG
                        if c.startswith(spec.pool) and not is_fund_code(c)
                        and c != spec.home and c not in _PERSONNEL_CODES and c not in projects)
    if candidates and rng.random() < 0.5:
        code = rng.choice(candidates)
        projects[code] = _between(rng, *spec.project_range)
    return Plan(
        economic=dict(sorted(econ.items())),
        projects=dict(sorted(projects.items())),
        fund_projects={k: _scale(v, rng, 700, 1300) for k, v in plan.fund_projects.items()},
        nonfiscal={k: _scale(v, rng, 900, 1150) for k, v in plan.nonfiscal.items()},
        sangong_project={k: _scale(v, rng, 600, 1300) for k, v in plan.sangong_project.items()},
        business_share=plan.business_share,
    )


_PERSONNEL_CODES = ("2080501", "2080502", "2080505", "2080506", "2101101", "2101102",
                    "2101103", "2210201")


def _basic_by_function(spec: UnitSpec, econ: dict[str, int]) -> dict[str, int]:
    """Where general-budget basic expenditure is booked by function 项."""
    admin = spec.kind in ("行政单位", "参照公务员法管理的事业单位")
    mapping = {
        "30108": "2080505",
        "30109": "2080506",
        "30110": "2101101" if admin else "2101102",
        "30111": "2101103",
        "30113": "2210201",
        "30302": "2080501" if admin else "2080502",
        "30305": "2080501" if admin else "2080502",
    }
    basic: dict[str, int] = {}
    for code, value in econ.items():
        target = mapping.get(code, spec.home)
        basic[target] = basic.get(target, 0) + value
    return basic


def realise(spec: UnitSpec, plan: Plan, year: int, rng: random.Random,
            previous: UnitAccounts | None) -> UnitAccounts:
    items: dict[str, Item] = {}

    def item(code: str) -> Item:
        return items.setdefault(code, Item(code))

    for code, value in _basic_by_function(spec, plan.economic).items():
        item(code).gb_basic += value
    for code, value in plan.projects.items():
        item(code).gb_project += value
    for code, value in plan.fund_projects.items():
        item(code).gf_project += value

    # non-fiscal money: booked on the home 项, mostly spent on basic running costs
    home = item(spec.home)
    for source, amount in plan.nonfiscal.items():
        setattr(home, source, getattr(home, source) + amount)
        if source == "in_business":
            home.business += amount * plan.business_share // 1000
        else:
            spent = amount * rng.randint(900, 1000) // 1000
            project_part = spent * rng.randint(0, 400) // 1000
            home.nf_project += project_part
            home.nf_basic += spent - project_part

    # fiscal income and carry-over: opening = last year's closing (or drawn in year one)
    prev_items = previous.items if previous else {}
    for code, it in sorted(items.items()):
        before = prev_items.get(code)
        if before is not None:
            it.open_gb, it.open_gf = before.close_gb, before.close_gf
        elif previous is None and spec.balances and (it.gb_project or it.gf_project):
            if rng.random() < 0.5:
                it.open_gb = it.gb_project * rng.randint(50, 300) // 1000
            if it.gf_project and rng.random() < 0.7:
                it.open_gf = it.gf_project * rng.randint(100, 400) // 1000
        close_gb = close_gf = 0
        if spec.balances and it.gb_project and rng.random() < 0.45:
            close_gb = it.gb_project * rng.randint(20, 250) // 1000
        if it.gf_project and rng.random() < 0.6:
            close_gf = it.gf_project * rng.randint(50, 300) // 1000
        it.in_gb = max(0, it.gb_expenditure + close_gb - it.open_gb)
        it.in_gf = max(0, it.gf_expenditure + close_gf - it.open_gf)
        # budgets (年初预算) of general-budget money, for the narrative
        if it.gb_basic and not it.gb_project:
            it.budget_gb = _round_to(it.gb_expenditure * rng.randint(940, 1060) // 1000, 10_000)
        elif it.gb_expenditure:
            it.budget_gb = (0 if rng.random() < 0.25 else
                            _round_to(it.gb_expenditure * rng.randint(700, 1300) // 1000, 100_000))
    # previous-year items with money left but no spending this year still report it
    for code, before in prev_items.items():
        if code not in items and (before.close_gb or before.close_gf):
            it = item(code)
            it.open_gb, it.open_gf = before.close_gb, before.close_gf
            it.gb_project = it.open_gb  # the carry-over is spent out
            it.gf_project = it.open_gf
    items = dict(sorted(items.items()))

    # 三公: final = 06 items + project-paid parts; budget drawn around the final
    econ = plan.economic
    final = {
        "因公出国（境）费": econ.get("30212", 0),
        "公务用车购置费": econ.get("31013", 0),
        "公务用车运行费": econ.get("30231", 0) + plan.sangong_project.get("公务用车运行费", 0),
        "公务接待费": econ.get("30217", 0) + plan.sangong_project.get("公务接待费", 0),
    }
    budget = {}
    for key in SANGONG_KEYS:
        if final[key]:
            budget[key] = _round_to(final[key] * rng.randint(880, 1250) // 1000, 10_000)
        elif spec.sangong != "none" and key == "公务接待费":
            budget[key] = _between(rng, 0.2, 1)
        else:
            budget[key] = 0
    if rng.random() < 0.15:  # budget exactly met
        budget = dict(final)

    nf_open = 0
    if previous is not None:
        nf_open = previous.nf_close
    elif plan.nonfiscal:
        nf_open = sum(plan.nonfiscal.values()) * rng.randint(0, 300) // 1000
    profile = spec.profile(year)
    acc = UnitAccounts(
        unit_name=spec.name_in(year),
        fiscal_year=year,
        profile=profile,
        items=items,
        economic=dict(econ),
        sangong_budget=budget,
        sangong_final=final,
        nf_open=nf_open,
        use_nonfiscal=0,
        distribution=0,
        scope=spec.scope,
        previous=previous,
    )
    if spec.uses_reserve and plan.nonfiscal:
        acc.use_nonfiscal = _between(rng, 1, 5)
        home.nf_project += acc.use_nonfiscal
        acc.distribution = min(acc.nf_close, _between(rng, 0.1, 1))
    problems = check_exact(acc)
    if problems:
        raise ValueError(f"{acc.unit_name} {year}: {problems}")
    return acc


def build_years(spec: UnitSpec, years: tuple[int, ...], seed: int) -> list[UnitAccounts]:
    """A unit's accounts for consecutive years, each linked to the year before."""
    out: list[UnitAccounts] = []
    plan: Plan | None = None
    for year in years:
        rng = random.Random(f"{seed}:{spec.key}:{year}")
        plan = draw_plan(spec, rng) if plan is None else evolve(plan, spec, rng)
        out.append(realise(spec, plan, year, rng, out[-1] if out else None))
    return out


def make_unit(name: str = "示例市测试局", projects: int = 8, year: int = 2023, seed: int = 1,
              pool: tuple[str, ...] = ("201",), home: str = "2010301",
              funds: tuple[str, ...] = (), nonfiscal: dict[str, tuple[float, float]] | None = None,
              sangong: str = "car", staff: int = 40) -> UnitAccounts:
    """A one-off synthetic unit, for tests that need accounts of a given shape.

    projects=60 with a wide pool (e.g. ("201", "208", "212", "213")) gives tables long
    enough to run over several pages; funds=("2120801",) gives a non-empty table 07.
    Years after 2023 are built from 2023 onwards, so year-on-year text is present.
    """
    spec = UnitSpec(key=f"custom:{name}", name=name, kind="行政单位", home=home, pool=pool,
                    projects=projects, project_range=MEDIUM, staff=staff, retired=staff // 3,
                    area="综合管理", funds=funds, nonfiscal=dict(nonfiscal or {}),
                    sangong=sangong, balances=bool(funds), vehicles=2)
    return build_years(spec, tuple(range(2023, max(year, 2023) + 1)), seed)[-1]


__all__ = ["Plan", "build_years", "draw_plan", "evolve", "make_unit", "realise"]
