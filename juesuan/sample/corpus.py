"""The whole sample corpus: the seed document plus 示例市's units over two years.

Layout on disk (under out_dir):

    seed/株洲市人民政府驻北京联络处-2022-部门决算.pdf (+ .json)
    示例市/<year>/<unit>-<year>-部门决算.pdf (+ .json)   one per unit and year
    示例市/<year>/<member>-<year>-单位决算.pdf (+ .json) members of the consolidated department
    MANIFEST.csv                                          path, unit, year, layout, scope, sha256

Everything derives from the seed integer: same seed, same bytes.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.sample import seed_unit
from juesuan.sample.accounts import Profile, UnitAccounts, as_member, consolidate
from juesuan.sample.builder import build_years
from juesuan.sample.city import (
    CITY, EDUCATION, EDUCATION_AREA, EDUCATION_DEPARTMENTS, EDUCATION_LAYOUT, EDUCATION_MEMBERS,
    UNITS, YEARS, duties)
from juesuan.sample.document import RenderedDocument, render_document
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
    manifest = write_manifest(out_dir, [(doc.pdf_path, doc.truth) for doc in rendered])
    files: list[Path] = []
    for doc in rendered:
        files.append(doc.pdf_path)
        if doc.truth_path:
            files.append(doc.truth_path)
    return files + [manifest]


__all__ = ["DEFAULT_SEED", "city_accounts", "city_path", "generate_corpus", "render_seed",
           "seed_path"]
