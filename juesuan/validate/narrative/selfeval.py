"""The performance self-evaluation (绩效自评) against the tables and against itself.

The self-evaluation annex restates the year's figures in its own tables: the 基础数据表
(三公 budget and final, 项目支出, 公用经费 by year), the 部门整体支出绩效自评表 (funds
by source and by nature: "基本支出：222.47 项目支出：194.34") and one 项目支出绩效自评表
per project (年初预算数 / 全年预算数 / 全年执行数). Its text is a table flattened into
lines, so it is read line by line, not as sentences:

- a 基础数据表 row whose label is a 三公 item, 项目支出 or 公用经费, in the column of this
  year's 预算数 or 决算数 (or last year's 决算数, when last year's tables are given);
- "label：figure" pairs for 一般公共预算 / 基本支出 / 项目支出 / 人员经费 / 公用经费;
- each project table's 执行率 against its own figures, and the projects' 全年执行数
  together against the tables' 项目支出 (a part cannot exceed the whole);
- a project the report's prose describes ("“驻京办人员驻京补贴经费”项目，金额60万元，实际
  支出48.75万元") against the project table of the same name.

Rows and labels that are not recognised exactly are skipped: a self-evaluation's
项目支出 in prose is one project's, not the table's total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterator

from juesuan import canonical as C
from juesuan.model import Finding
from juesuan.money import normalise_text
from juesuan.validate.narrative.context import Claim, Ctx, make_finding
from juesuan.validate.narrative.concepts import (
    EXPENDITURE_TOTAL, Concept, available, one, sangong_concept, sangong_items)
from juesuan.validate.narrative.figures import (
    TO_WAN, Figure, Ratio, amount_verdict, figures, fmt, percent_verdict)
from juesuan.validate.narrative.funds_row import FundsRow, header_columns, read_row, row_values
from juesuan.validate.narrative.text import Block, Sentence, page_lines, quote

SELF_EVALUATION_TITLES = ("基础数据表", "绩效自评表", "绩效评价表")
_YEAR_COLUMN = re.compile(r"((?:19|20)\d{2})年(?:度)?(预算数|决算数|预算|决算|执行数)")
_TOKEN = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$|^(——|—|-|--|－)$")
_NUMBERING = re.compile(r"^(\d{1,2}[、.．]|其中[:：]?|[（(]\d{1,2}[)）])")
_PAIR = re.compile(r"(一般公共预算|基本支出|项目支出|人员经费|日常公用经费|公用经费)[:：]\s*"
                   r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d%])(?!\s+[\d—-])")
_PROJECT_NAME = re.compile(r"项目(?:支出)?名称\s*(\S+)")
_FUNDS_ROW = re.compile(r"^年度资金总额")
_QUOTED = re.compile(r"[“\"]([^”\"]{2,40})[”\"]")

SELF_EVAL_PAIRS: dict[str, tuple[Concept, ...]] = {
    "一般公共预算": (one("01", C.INCOME_LINES_01[0], C.AMOUNT), one("05", C.TOTAL, "合计", "05 合计"),
                   one("04", C.FUND_COLUMNS[0], C.AMOUNT)),
    "基本支出": (one("03", C.TOTAL, "基本支出", "03 合计 基本支出"),
                 one("05", C.TOTAL, "基本支出", "05 合计 基本支出")),
    "项目支出": (one("03", C.TOTAL, "项目支出", "03 合计 项目支出"),
                 one("05", C.TOTAL, "项目支出", "05 合计 项目支出")),
    "人员经费": (one("06", C.PERSONNEL_TOTAL, C.AMOUNT, "06 人员经费合计"),),
    "公用经费": (one("06", C.PUBLIC_FUNDS_TOTAL, C.AMOUNT, "06 公用经费合计"),),
    "日常公用经费": (one("06", C.PUBLIC_FUNDS_TOTAL, C.AMOUNT, "06 公用经费合计"),),
}


@dataclass(frozen=True)
class Line:
    page: int
    text: str

    def sentence(self) -> Sentence:
        return Sentence(self.text, tuple([self.page] * len(self.text)), 0)


@dataclass(frozen=True)
class Project:
    name: str
    initial: Figure | None
    full_year: Figure | None
    spent: Figure | None
    line: Line


def self_evaluation_pages(narrative: list[tuple[int, str]]) -> list[tuple[int, list[str], str]]:
    """(page, lines, unit) of the pages printing a self-evaluation table."""
    out = []
    for page, text in sorted(narrative, key=lambda item: item[0]):
        flat = normalise_text(text)
        if not any(title in flat for title in SELF_EVALUATION_TITLES):
            continue
        unit = "元" if re.search(r"单位[:：]元(?!\w)", flat) or "(元)" in flat else "万元"
        out.append((page, page_lines(text), unit))
    return out


def _number(token: str, unit: str, start: int = 0, label: str = "") -> Figure | None:
    if not _TOKEN.match(token) or not token[0].isdigit() or token.endswith("%"):
        return None
    plain = token.replace(",", "")
    printed = Decimal(plain)
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return Figure(printed * TO_WAN[unit], printed, decimals, unit, start, start + len(token), label,
                  token)


def _percent(token: str) -> Figure | None:
    if not token.endswith("%") or not _TOKEN.match(token):
        return None
    plain = token[:-1]
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return Figure(Decimal(plain), Decimal(plain), decimals, "%", 0, len(token), "", token)


def _split_row(text: str) -> tuple[str, list[str]]:
    """'1、公务用车购置和维护经费 25.27 49.00 42.26' → ('公务用车购置和维护经费', [...])."""
    tokens = text.split()
    values: list[str] = []
    while tokens and _TOKEN.match(tokens[-1]):
        values.insert(0, tokens.pop())
    label = _NUMBERING.sub("", "".join(tokens)).rstrip("：:")
    return normalise_text(label), values


def _row_concepts(label: str, kind: str) -> tuple[Concept, ...]:
    found = sangong_items(label)
    if found and found[0][0] == 0 and found[0][1] == len(label):
        return (sangong_concept(found[0][2], C.BUDGET if kind == "预算" else C.FINAL),)
    if kind != "决算":
        return ()
    return SELF_EVAL_PAIRS.get(label, ())


def _check(fig: Figure, concepts: tuple[Concept, ...], index, line: Line, what: str,
           step: Decimal) -> Claim | None:
    candidates = available(concepts, index)
    if not candidates:
        return None
    verdicts = [(amount_verdict(fig, value, step), c, value) for c, value, _ in candidates]
    if any(v is None for v, _, _ in verdicts):
        return "N.self_evaluation", None
    severity, concept, value = min(verdicts, key=lambda v: abs(v[2] - fig.value))
    message = f"self-evaluation {what} printed {fig.text} but table {concept.name} prints {fmt(value)} 万元"
    return "N.self_evaluation", make_finding("N.self_evaluation", severity or "error", message,
                                             line.sentence(), 0, value, fig.value, concept.tables)


def base_data_claims(pages, ctx: Ctx) -> Iterator[Claim]:
    """基础数据表: rows by year and kind against 09 (and 03/06), last year's against `previous`."""
    for page, lines, unit in pages:
        columns: list[tuple[int, str]] = []
        for text in lines:
            found = _YEAR_COLUMN.findall(normalise_text(text))
            if len(found) >= 2:
                columns = [(int(year), "预算" if kind.startswith("预算") else "决算")
                           for year, kind in found]
                continue
            if not columns:
                continue
            label, values = _split_row(text)
            if not label or len(values) != len(columns):
                continue
            for (year, kind), token in zip(columns, values):
                fig = _number(token, unit, label=label)
                if fig is None:
                    continue
                concepts = _row_concepts(label, kind)
                if not concepts:
                    continue
                if year == ctx.fiscal_year:
                    index = ctx.index
                elif ctx.fiscal_year is not None and year == ctx.fiscal_year - 1 and kind == "决算" \
                        and ctx.previous is not None:
                    index = ctx.previous
                else:
                    continue
                claim = _check(fig, concepts, index, Line(page, text), f"{label} {year}年{kind}数",
                               ctx.table_step)
                if claim is not None:
                    yield claim


def pair_claims(pages, ctx: Ctx) -> Iterator[Claim]:
    """'按支出性质分 基本支出：222.47 项目支出：194.34' against 03/05/06."""
    for page, lines, unit in pages:
        for text in lines:
            for match in _PAIR.finditer(text):
                fig = _number(match.group(2), unit, match.start(2), match.group(1))
                if fig is None:
                    continue
                claim = _check(fig, SELF_EVAL_PAIRS[match.group(1)], ctx.index, Line(page, text),
                               match.group(1), ctx.table_step)
                if claim is not None:
                    yield claim


@dataclass(frozen=True)
class FundsLine:
    """A 年度资金总额 row: where, in which kind of table, and how it reads (None: it could
    not be read with certainty, see funds_row)."""

    line: Line
    kind: str  # 'project' | 'whole' | ''
    row: FundsRow | None
    values: int
    columns: int


def read_funds(pages) -> tuple[list[Project], list[FundsLine]]:
    """Project tables and every 年度资金总额 row, its columns taken from the header above."""
    projects: list[Project] = []
    rows: list[FundsLine] = []
    for page, lines, unit in pages:
        flat = "".join(lines)
        kind = "project" if "项目支出绩效" in normalise_text(flat) else (
            "whole" if "整体支出绩效自评表" in normalise_text(flat) else "")
        name = None
        columns: list[str] | None = None
        for text in lines:
            named = _PROJECT_NAME.search(text)
            if named:
                name = named.group(1)
            columns = header_columns(text) or columns
            if not _FUNDS_ROW.match(normalise_text(text)) or columns is None:
                continue
            values = row_values(text)
            line = Line(page, text)
            row = read_row(columns, values, unit)
            rows.append(FundsLine(line, kind, row, len(values), len(columns)))
            if kind == "project" and name and row is not None and row.spent is not None:
                projects.append(Project(name, row.initial, row.full_year, row.spent, line))
    return projects, rows


def funds_claims(pages, ctx: Ctx) -> Iterator[Claim]:
    projects, rows = read_funds(pages)
    for funds in rows:
        row, line = funds.row, funds.line
        if row is None:
            message = (f"could not verify: the 年度资金总额 row prints {funds.values} values under "
                       f"{funds.columns} columns, and no single reading of the blank cells fits its 执行率")
            yield "N.self_evaluation", make_finding("N.self_evaluation", "info", message,
                                                    line.sentence(), 0, None, None)
            continue
        full_year, spent, rate = row.full_year, row.spent, row.rate
        if rate is not None and full_year is not None and spent is not None and full_year.value > 0:
            severity, expected = percent_verdict(rate, Ratio(spent.value, full_year.value,
                                                             spent.half_unit, full_year.half_unit))
            finding = None
            if severity is not None:
                finding = make_finding("N.self_evaluation", severity,
                                       f"执行率 printed {rate.text} but 全年执行数 {spent.text} / "
                                       f"全年预算数 {full_year.text} = {fmt(expected)}%",
                                       line.sentence(), 0, expected, rate.printed)
            yield "N.self_evaluation", finding
        if funds.kind == "whole" and spent is not None:
            claim = _check(spent, EXPENDITURE_TOTAL + (one("05", C.TOTAL, "合计", "05 合计"),),
                           ctx.index, line, "年度资金总额 全年执行数", ctx.table_step)
            if claim is not None:
                yield claim
    if projects:
        yield from _projects_within_total(projects, ctx)


def _projects_within_total(projects: list[Project], ctx: Ctx) -> Iterator[Claim]:
    """The projects' 全年执行数 together cannot exceed the tables' 项目支出."""
    total = sum((p.spent.value for p in projects), Decimal(0))
    # half a unit per printed figure, and one step of 尾数调整 in the table's total: no
    # long forced sum is involved, so beyond that the projects cannot fit in the total
    tol = sum((p.spent.half_unit for p in projects), Decimal(0)) + ctx.table_step * Decimal("1.5")
    candidates = available(SELF_EVAL_PAIRS["项目支出"], ctx.index)
    if not candidates:
        return
    excess = [(total - value, concept, value) for concept, value, _ in candidates]
    if any(diff <= tol for diff, _, _ in excess):
        yield "N.self_evaluation", None
        return
    diff, concept, value = min(excess, key=lambda e: e[0])
    severity = "error"
    parts = " + ".join(f"{p.spent.text} ({p.name})" for p in projects)
    line = projects[0].line
    message = (f"the project self-evaluation tables' 全年执行数 add up to {fmt(total)} 万元 "
               f"({parts}), more than table {concept.name} {fmt(value)} 万元 by {fmt(diff)}")
    pages = tuple(sorted({p.line.page for p in projects}))
    finding = make_finding("N.self_evaluation", severity, message, line.sentence(), 0, value, total,
                           concept.tables, tolerance=tol)
    yield "N.self_evaluation", Finding(finding.rule_id, finding.severity, finding.message,
                                       finding.table_ids, pages, finding.expected, finding.actual,
                                       finding.tolerance, quote("；".join(p.line.text for p in projects)))


def _name_key(name: str) -> str:
    return re.sub(r"(项目|经费项目)$", "", normalise_text(name).strip("“”\"'"))


def prose_project_claims(blocks: list[Block], pages, ctx: Ctx) -> Iterator[Claim]:
    """A project the report describes against its own self-evaluation table, by name."""
    projects, _ = read_funds(pages)
    if not projects:
        return
    by_name = {_name_key(p.name): p for p in projects}
    for block in blocks:
        if block.section != "selfeval":
            continue
        for sentence in block.sentences:
            quoted = _QUOTED.search(sentence.text)
            if not quoted:
                continue
            key = _name_key(quoted.group(1))
            project = by_name.get(key) or next(
                (p for k, p in by_name.items() if len(key) >= 4 and (k.startswith(key) or key.startswith(k))),
                None)
            if project is None:
                continue
            for fig in figures(sentence.text):
                if fig.is_percent:
                    continue
                tail = fig.tail
                if re.search(r"(金额|预算|安排|下达)(数|资金)?(为)?$", tail):
                    targets = [("全年预算数", project.full_year), ("年初预算数", project.initial)]
                elif re.search(r"实际支出(数)?(为)?$", tail):
                    targets = [("全年执行数", project.spent)]
                else:
                    continue
                claim = _project_claim(fig, targets, project, sentence, ctx)
                if claim is not None:
                    yield claim


def _project_claim(fig: Figure, targets, project: Project, sentence: Sentence, ctx: Ctx) -> Claim | None:
    targets = [(name, target) for name, target in targets if target is not None]  # blank cells
    if not targets:
        return None
    for _, target in targets:
        if amount_verdict(fig, target.value, ctx.table_step) is None:
            return "N.self_evaluation", None
    name, target = targets[0]
    message = (f"project “{project.name}”: the report prints {fig.text} but its self-evaluation "
               f"table (p{project.line.page}) prints {name} {target.text}")
    finding = make_finding("N.self_evaluation", "error", message, sentence, fig.start, target.value,
                           fig.value)
    pages = tuple(sorted(set(finding.pages) | {project.line.page}))
    return "N.self_evaluation", replace(finding, table_ids=(), pages=pages)


def check_self_evaluation(narrative: list[tuple[int, str]], blocks: list[Block], ctx: Ctx) -> Iterator[Claim]:
    pages = self_evaluation_pages(narrative)
    if not pages:
        return
    yield from base_data_claims(pages, ctx)
    yield from pair_claims(pages, ctx)
    yield from funds_claims(pages, ctx)
    yield from prose_project_claims(blocks, pages, ctx)

