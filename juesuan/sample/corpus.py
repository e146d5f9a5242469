"""The whole sample corpus: the seed document plus 示例市's units over two years.

Layout on disk (under out_dir):

    seed/株洲市人民政府驻北京联络处-2022-部门决算.pdf (+ .json)
    示例市/<year>/<unit>-<year>-部门决算.pdf (+ .json)   one per unit and year
    示例市/<year>/<member>-<year>-单位决算.pdf (+ .json) members of the consolidated department
    示例市/<year>/<unit>-<year>-部门预算.pdf (+ .json)   budgets of BUDGET_UNITS (some split into
                                                          -附件1情况说明 and -附件2报表)
    MANIFEST.csv                                          path, unit, year, layout, scope, sha256

Everything derives from the seed integer: same seed, same bytes.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.sample import seed_unit
from juesuan.sample.accounts import Profile, UnitAccounts, as_member, consolidate
from juesuan.sample.budget.accounts import budget_of
from juesuan.sample.budget.document import render_budget
from juesuan.sample.budget.statement import from_budget
from juesuan.sample.builder import build_years
from juesuan.sample.city import (
    CITY, EDUCATION, EDUCATION_AREA, EDUCATION_DEPARTMENTS, EDUCATION_LAYOUT, EDUCATION_MEMBERS,
    UNITS, YEARS, duties)
from juesuan.sample.document import RenderedDocument, render_document
from juesuan.sample.layouts import LAYOUTS
from juesuan.sample.truth import write_manifest

DEFAULT_SEED = 20221231


def city_accounts(seed: int) -> list[tuple[UnitAccounts, str]]:
    """Every synthetic document's accounts with its layout name, in a fixed order."""
    out: list[tuple[UnitAccounts, str]] = []
    for spec in UNITS:
        for acc in build_years(spec, YEARS, seed):
            out.append((acc, spec.layout))
    members = [build_years(spec, YEARS, seed) for spec in EDUCATION_MEMBERS]
    previous: UnitAccounts | None = None
    for n, year in enumerate(YEARS):
        year_members = [m[n] for m in members]
        profile = Profile(
            kind="行政单位",
            duties=duties(EDUCATION_AREA),
            departments=EDUCATION_DEPARTMENTS,
            authorised=sum(m.profile.authorised for m in year_members),
            staff=sum(m.profile.staff for m in year_members),
            retired=sum(m.profile.retired for m in year_members),
            vehicles=sum(m.profile.vehicles for m in year_members),
        )
        dept = consolidate(EDUCATION, year_members, profile)
        dept.previous = previous
        previous = dept
        out.append((dept, EDUCATION_LAYOUT))
        for member in year_members:
            out.append((as_member(member), EDUCATION_LAYOUT))
    return out


def seed_path(out_dir: Path) -> Path:
    return out_dir / "seed" / f"{seed_unit.UNIT}-{seed_unit.YEAR}-部门决算.pdf"


def render_seed(out_dir: Path) -> RenderedDocument:
    return render_document(seed_unit.content(), seed_unit.LAYOUT, seed_path(out_dir))


def city_path(out_dir: Path, acc: UnitAccounts) -> Path:
    kind = "部门决算" if acc.scope == "部门" else "单位决算"
    return out_dir / CITY / str(acc.fiscal_year) / f"{acc.unit_name}-{acc.fiscal_year}-{kind}.pdf"


# Units whose budgets (部门预算) the corpus carries, and the unit-years published as two
# attachments (附件1 情况说明 + 附件2 报表) rather than one file.
BUDGET_UNITS = ("示例市人民政府办公室", "示例市统计局", "示例市发展和改革委员会", "示例市财政局",
                "示例市审计局", "示例市总工会")
SPLIT_BUDGETS = frozenset({("示例市发展和改革委员会", 2023), ("示例市统计局", 2024)})
# Layouts whose budgets print last year's 三公 budget beside this year's (上年预算数).
PREVIOUS_YEAR_COLUMNS = frozenset({"yuan"})


def budget_path(out_dir: Path, st, part: str = "whole") -> Path:
    kind = "部门预算" if st.scope == "部门" else "单位预算"
    suffix = {"whole": "", "narrative": "-附件1情况说明", "tables": "-附件2报表"}[part]
    return out_dir / CITY / str(st.fiscal_year) / f"{st.unit_name}-{st.fiscal_year}-{kind}{suffix}.pdf"


def city_budgets(seed: int):
    """(BudgetStatement, layout name, parts) of every budget in the corpus, in a fixed order.

    A budget is derived from the unit's final accounts of the same year, so the final's
    年初预算 (its narrative, its 09 预算数) is what the budget prints."""
    out = []
    previous: dict[str, object] = {}
    for acc, layout in city_accounts(seed):
        spec_name = next((u for u in BUDGET_UNITS if acc.unit_name.startswith(u)), None)
        if spec_name is None or acc.scope != "部门":
            continue
        budget = budget_of(acc, previous.get(spec_name))
        previous[spec_name] = budget
        st = from_budget(budget, LAYOUTS[layout], previous_columns=layout in PREVIOUS_YEAR_COLUMNS)
        parts = ("narrative", "tables") if (spec_name, acc.fiscal_year) in SPLIT_BUDGETS else ("whole",)
        out.append((st, layout, parts))
    return out


def generate_corpus(out_dir: str | Path, seed: int = DEFAULT_SEED,
                    progress=None) -> list[Path]:
    """Render the whole corpus into out_dir; returns every file written (PDF, JSON, CSV)."""
    out_dir = Path(out_dir)
    rendered = [render_seed(out_dir)]
    if progress:
        progress(rendered[-1])
    for acc, layout in city_accounts(seed):
        rendered.append(render_document(acc, layout, city_path(out_dir, acc)))
        if progress:
            progress(rendered[-1])
    for st, layout, parts in city_budgets(seed):
        for part in parts:
            rendered.append(render_budget(st, LAYOUTS[layout], budget_path(out_dir, st, part), part))
            if progress:
                progress(rendered[-1])
    manifest = write_manifest(out_dir, [(doc.pdf_path, doc.truth) for doc in rendered])
    files: list[Path] = []
    for doc in rendered:
        files.append(doc.pdf_path)
        if doc.truth_path:
            files.append(doc.truth_path)
    return files + [manifest]


__all__ = ["BUDGET_UNITS", "DEFAULT_SEED", "SPLIT_BUDGETS", "budget_path", "city_accounts", "city_budgets",
           "city_path", "generate_corpus", "render_seed", "seed_path"]
