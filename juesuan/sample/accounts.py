"""A unit's final accounts as exact integers of 分 (fen), before anything is printed.

Why fen: real documents are computed from exact ledgers and only rounded when printed,
so a parent row printed in 万元 may differ from the sum of its printed children by a few
0.01. Keeping the truth exact and rounding once, per printed cell, reproduces that
behaviour — and a 元 document printed from the same figures adds up exactly.

Everything a table prints is derived from three kinds of primitive figures: per function
项 (`Item`), per economic 款 of the general-budget basic expenditure (`economic`), and the
三公 budget/final figures. Identities of DOMAIN.md hold here exactly by construction
(see `check_exact`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from juesuan.codes import class_of

SANGONG_KEYS = ("因公出国（境）费", "公务用车购置费", "公务用车运行费", "公务接待费")


@dataclass
class Item:
    """One function 项 of a unit: what it received and spent in the year, in fen."""

    code: str
    gb_basic: int = 0  # 一般公共预算财政拨款 spent as 基本支出
    gb_project: int = 0  # 一般公共预算财政拨款 spent as 项目支出
    gf_basic: int = 0  # 政府性基金预算财政拨款 spent as 基本支出
    gf_project: int = 0  # 政府性基金预算财政拨款 spent as 项目支出
    nf_basic: int = 0  # non-fiscal money (事业收入, 上级补助…) spent as 基本支出
    nf_project: int = 0
    business: int = 0  # 经营支出
    in_gb: int = 0  # 一般公共预算财政拨款收入 of the year
    in_gf: int = 0  # 政府性基金预算财政拨款收入
    in_superior: int = 0  # 上级补助收入
    in_service: int = 0  # 事业收入
    in_business: int = 0  # 经营收入
    in_affiliated: int = 0  # 附属单位上缴收入
    in_other: int = 0  # 其他收入
    open_gb: int = 0  # fiscal carry-over at the start of the year, by fund
    open_gf: int = 0
    budget_gb: int = 0  # 年初预算 of general-budget money (narrative only)

    @property
    def close_gb(self) -> int:
        return self.open_gb + self.in_gb - self.gb_basic - self.gb_project

    @property
    def close_gf(self) -> int:
        return self.open_gf + self.in_gf - self.gf_basic - self.gf_project

    @property
    def basic(self) -> int:
        return self.gb_basic + self.gf_basic + self.nf_basic

    @property
    def project(self) -> int:
        return self.gb_project + self.gf_project + self.nf_project

    @property
    def expenditure(self) -> int:
        return self.basic + self.project + self.business

    @property
    def fiscal_income(self) -> int:
        return self.in_gb + self.in_gf

    @property
    def income(self) -> int:
        return (self.in_gb + self.in_gf + self.in_superior + self.in_service
                + self.in_business + self.in_affiliated + self.in_other)

    @property
    def gb_expenditure(self) -> int:
        return self.gb_basic + self.gb_project

    @property
    def gf_expenditure(self) -> int:
        return self.gf_basic + self.gf_project


_ITEM_FIELDS = ("gb_basic", "gb_project", "gf_basic", "gf_project", "nf_basic", "nf_project",
                "business", "in_gb", "in_gf", "in_superior", "in_service", "in_business",
                "in_affiliated", "in_other", "open_gb", "open_gf", "budget_gb")


@dataclass
class Profile:
    """The words of 第一部分 概况: what the unit does and who works there."""

    kind: str  # 行政单位 / 参照公务员法管理的事业单位 / 公益一类事业单位 / 公益二类事业单位
    duties: tuple[str, ...]
    departments: tuple[str, ...]  # 内设机构
    authorised: int  # 编制数
    staff: int  # 在职人员
    retired: int
    vehicles: int = 0


@dataclass
class UnitAccounts:
    """Exact figures of one unit (or one consolidated department) for one year."""

    unit_name: str
    fiscal_year: int
    profile: Profile
    items: dict[str, Item]
    economic: dict[str, int]  # 06: economic 款 → general-budget basic expenditure
    sangong_budget: dict[str, int]  # SANGONG_KEYS → 预算数
    sangong_final: dict[str, int]  # SANGONG_KEYS → 决算数
    nf_open: int = 0  # non-fiscal carry-over at the start of the year
    use_nonfiscal: int = 0  # 使用非财政拨款结余
    distribution: int = 0  # 结余分配
    scope: str = "部门"
    consolidated: bool = False
    member_units: tuple[str, ...] = ()
    previous: UnitAccounts | None = field(default=None, repr=False)

    # --- derived totals ---------------------------------------------------------------

    def total(self, attr: str) -> int:
        return sum(getattr(i, attr) for i in self.items.values())

    @property
    def nf_income(self) -> int:
        return sum(i.income - i.fiscal_income for i in self.items.values())

    @property
    def nf_expenditure(self) -> int:
        return sum(i.nf_basic + i.nf_project + i.business for i in self.items.values())

    @property
    def nf_close(self) -> int:
        return (self.nf_open + self.nf_income + self.use_nonfiscal - self.nf_expenditure
                - self.distribution)

    @property
    def opening(self) -> int:
        return self.total("open_gb") + self.total("open_gf") + self.nf_open

    @property
    def closing(self) -> int:
        return self.total("close_gb") + self.total("close_gf") + self.nf_close

    def classes(self) -> list[str]:
        return sorted({class_of(c) for c in self.items})


def check_exact(acc: UnitAccounts) -> list[str]:
    """Violations of the exact identities; an empty list means the accounts are sound."""
    problems = []
    for item in acc.items.values():
        for attr in _ITEM_FIELDS:
            if getattr(item, attr) < 0:
                problems.append(f"{item.code} {attr} negative")
        if item.close_gb < 0 or item.close_gf < 0:
            problems.append(f"{item.code} negative closing balance")
    if sum(acc.economic.values()) != acc.total("gb_basic"):
        problems.append("06 economic detail does not add up to general-budget basic spending")
    if acc.nf_close < 0:
        problems.append("negative non-fiscal closing balance")
    econ_for = {"因公出国（境）费": "30212", "公务接待费": "30217", "公务用车购置费": "31013",
                "公务用车运行费": "30231"}
    for key, code in econ_for.items():
        if acc.economic.get(code, 0) > acc.sangong_final.get(key, 0):
            problems.append(f"06 {code} exceeds 09 {key}")
    return problems


def consolidate(name: str, members: list[UnitAccounts], profile: Profile) -> UnitAccounts:
    """The department's 汇总 accounts: every figure the sum of its members' figures."""
    items: dict[str, Item] = {}
    for member in members:
        for code, item in member.items.items():
            acc = items.setdefault(code, Item(code))
            for attr in _ITEM_FIELDS:
                setattr(acc, attr, getattr(acc, attr) + getattr(item, attr))
    economic: dict[str, int] = {}
    budget: dict[str, int] = {k: 0 for k in SANGONG_KEYS}
    final: dict[str, int] = {k: 0 for k in SANGONG_KEYS}
    for member in members:
        for code, value in member.economic.items():
            economic[code] = economic.get(code, 0) + value
        for key in SANGONG_KEYS:
            budget[key] += member.sangong_budget.get(key, 0)
            final[key] += member.sangong_final.get(key, 0)
    return UnitAccounts(
        unit_name=name,
        fiscal_year=members[0].fiscal_year,
        profile=profile,
        items=dict(sorted(items.items())),
        economic=dict(sorted(economic.items())),
        sangong_budget=budget,
        sangong_final=final,
        nf_open=sum(m.nf_open for m in members),
        use_nonfiscal=sum(m.use_nonfiscal for m in members),
        distribution=sum(m.distribution for m in members),
        scope="部门",
        consolidated=True,
        member_units=tuple(m.unit_name for m in members),
    )


def as_member(acc: UnitAccounts) -> UnitAccounts:
    """The same accounts published as a member unit's own 单位决算."""
    return replace(acc, scope="单位", consolidated=False, member_units=())
