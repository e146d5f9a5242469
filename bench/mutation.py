"""Mutation benchmark: does validation notice a printed figure that is wrong?

Prints figures; it is not a test. Over the sample corpus (corpus/: the seed and 示例市):

1. **Baseline.** Every document extracted once and validated as the ingest flow does it
   (tables, then narrative; 2024 documents with their unit's 2023 records for
   year-on-year claims). Goal: no finding on the 示例市 documents; the seed keeps the
   findings its printed mistakes cause.
2. **Table cells.** One printed cell at a time is changed in the extracted records (in
   memory: the PDF is not re-rendered), by 1 step of its last digit (0.01 of the printed
   unit) up to 10^6 steps, and the document re-validated. A mutation is *caught* when a
   finding appears that the unperturbed document did not have (error or warning).
3. **Narrative figures.** One amount or percentage at a time is changed in the
   narrative text (in memory, in the page text the checks read), and the narrative
   re-checked.
4. **Rendered.** A few mutations drawn into real PDFs through juesuan.sample (a table
   cell changed while the narrative keeps the original figures, or a narrative figure
   changed), extracted from the PDF and validated end to end.

A change of one step is what rounding does: identities tolerate about 1.1 steps per term,
so "beyond rounding tolerance" below means ≥ 10 steps (0.10 万元 in a 万元 document), more
than any identity over fewer than nine terms allows.

    python bench/mutation.py [--table 600] [--narrative 400] [--rendered 8] [--jobs 4] [--seed 7]
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from juesuan.extract import extract_document  # noqa: E402
from juesuan.model import ExtractedDocument, Finding, Record  # noqa: E402
from juesuan.money import rounding_step  # noqa: E402
from juesuan.validate import validate_document  # noqa: E402
from juesuan.validate.narrative import narrative_findings  # noqa: E402
from warehouse.units import unit_key  # noqa: E402

CORPUS = REPO / "corpus"
TABLE_STEPS = (1, 2, 5, 10, 100, 1000, 10_000, 100_000, 1_000_000)
NARRATIVE_STEPS = (1, 2, 5, 10, 100, 1000)
BEYOND_TOLERANCE = 10  # steps
_NARRATIVE_FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s?)(万元|元|%)")
SKIP_SECTIONS = ("名词解释",)


def _extract(path: str) -> ExtractedDocument:
    return extract_document(path)


def load_corpus(jobs: int) -> list[ExtractedDocument]:
    paths = sorted(str(p) for p in CORPUS.rglob("*.pdf"))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_extract, paths))


def previous_records(docs: list[ExtractedDocument]) -> dict[int, list[Record] | None]:
    """Each document's previous-year records, as the ingest flow finds them."""
    by_key = {(unit_key(d.unit_name), d.fiscal_year, d.scope): d for d in docs if d.unit_name}
    out = {}
    for n, doc in enumerate(docs):
        prev = by_key.get((unit_key(doc.unit_name), (doc.fiscal_year or 0) - 1, doc.scope)) if doc.unit_name else None
        out[n] = prev.records if prev else None
    return out


def key(finding: Finding) -> tuple:
    return (finding.rule_id, finding.location, finding.actual, finding.expected)


def serious(findings: list[Finding]) -> set[tuple]:
    return {key(f) for f in findings if f.severity in ("error", "warning")}


@dataclass
class Outcome:
    kind: str
    steps: int
    caught: bool
    info_only: bool
    where: str
    rules: tuple[str, ...]
    doc: str


# --- table cells ---------------------------------------------------------------------------

def mutate_record(record: Record, steps: int, step: Decimal, rng: random.Random) -> Record:
    delta = step * steps * rng.choice((1, -1))
    amount = record.amount + delta
    if amount < 0:
        amount = record.amount + abs(delta)
    return replace(record, amount=amount)


def table_mutations(docs, prev, baselines, count: int, rng: random.Random) -> list[Outcome]:
    outcomes = []
    for n in range(count):
        steps = TABLE_STEPS[n % len(TABLE_STEPS)]
        d = rng.randrange(len(docs))
        doc = docs[d]
        printed = [i for i, r in enumerate(doc.records) if r.amount is not None]
        i = rng.choice(printed)
        record = doc.records[i]
        mutated = copy.copy(doc)
        mutated.records = list(doc.records)
        mutated.records[i] = mutate_record(record, steps, rounding_step(doc.amount_unit_printed), rng)
        findings = validate_document(mutated, prev[d])
        new = [f for f in findings if key(f) not in baselines[d]]
        caught = bool(serious(new))
        outcomes.append(Outcome("table", steps, caught, bool(new) and not caught,
                                f"{record.table_id} {record.row_key} / {record.column_key} = {record.amount}",
                                tuple(sorted({f.rule_id for f in new})), doc.document))
    return outcomes


# --- narrative figures -------------------------------------------------------------------------

def narrative_candidates(doc: ExtractedDocument) -> list[tuple[int, re.Match]]:
    out = []
    for index, (page, text) in enumerate(doc.narrative):
        if any(word in text for word in SKIP_SECTIONS) and "情况说明" not in text:
            continue
        out += [(index, m) for m in _NARRATIVE_FIGURE.finditer(text)]
    return out


def _format_like(original: str, value: Decimal, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if "," in original:
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text


def narrative_mutations(docs, prev, narrative_baselines, count: int, rng: random.Random) -> list[Outcome]:
    outcomes = []
    pool = [(d, c) for d, doc in enumerate(docs) for c in narrative_candidates(doc)]
    for n in range(count):
        steps = NARRATIVE_STEPS[n % len(NARRATIVE_STEPS)]
        d, (index, match) = rng.choice(pool)
        doc = docs[d]
        number = match.group(1)
        plain = number.replace(",", "")
        decimals = len(plain.split(".")[1]) if "." in plain else 0
        delta = Decimal(1).scaleb(-decimals) * steps * rng.choice((1, -1))
        value = Decimal(plain) + delta
        if value < 0:
            value = Decimal(plain) + abs(delta)
        page, text = doc.narrative[index]
        changed = text[:match.start(1)] + _format_like(number, value, decimals) + text[match.end(1):]
        mutated = copy.copy(doc)
        mutated.narrative = list(doc.narrative)
        mutated.narrative[index] = (page, changed)
        findings = narrative_findings(mutated, prev[d])
        new = [f for f in findings if key(f) not in narrative_baselines[d]]
        caught = bool(serious(new))
        context = text[max(0, match.start() - 24):match.end()].replace("\n", "")
        outcomes.append(Outcome("narrative-" + ("percent" if match.group(3) == "%" else "amount"), steps,
                                caught, bool(new) and not caught, f"p{page} …{context}",
                                tuple(sorted({f.rule_id for f in new})), doc.document))
    return outcomes


# --- rendered PDFs ---------------------------------------------------------------------------

def rendered_mutations(count: int, rng: random.Random) -> list[Outcome]:
    """Draw mutated documents with juesuan.sample and validate the PDFs end to end."""
    from juesuan.sample import narrative as sample_narrative
    from juesuan.sample.blocks import Paragraph
    from juesuan.sample.corpus import DEFAULT_SEED, city_accounts
    from juesuan.sample.document import DocumentContent, render_document
    from juesuan.sample.layouts import LAYOUTS
    from juesuan.sample.statement import from_accounts

    accounts = [(acc, layout) for acc, layout in city_accounts(DEFAULT_SEED)
                if acc.fiscal_year == 2024 and acc.scope == "部门"]
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="juesuan-mutation-") as tmp:
        for n in range(count):
            acc, layout_name = rng.choice(accounts)
            layout = LAYOUTS[layout_name]
            statement = from_accounts(acc, layout)
            part3 = sample_narrative.part_three(statement)
            mutated = copy.deepcopy(statement)
            if n % 2 == 0:  # a table cell: 03 合计 项目支出 or a 05 类 row, narrative unchanged
                line = mutated.t03.total if n % 4 == 0 else next(
                    r for r in mutated.t05.rows if r.code and len(r.code) == 3)
                column = "项目支出" if n % 4 == 0 else "合计"
                step = Decimal("0.01")
                line.values[column] = (line.values[column] or Decimal(0)) + step * rng.choice((100, 1000, 5))
                where = f"table {'03 合计' if n % 4 == 0 else '05 ' + str(line.code)} {column}"
            else:  # a narrative figure
                paragraphs = [b for b in part3 if isinstance(b, Paragraph) and _NARRATIVE_FIGURE.search(b.text)]
                block = rng.choice(paragraphs)
                match = rng.choice(list(_NARRATIVE_FIGURE.finditer(block.text)))
                plain = match.group(1).replace(",", "")
                decimals = len(plain.split(".")[1]) if "." in plain else 0
                value = Decimal(plain) + Decimal(1).scaleb(-decimals) * rng.choice((10, 100, 1000))
                block.text = block.text[:match.start(1)] + f"{value:.{decimals}f}" + block.text[match.end(1):]
                where = f"narrative …{block.text[max(0, match.start() - 20):match.end() + 4]}"
            path = Path(tmp) / f"m{n}.pdf"
            render_document(DocumentContent(mutated, part3=part3), layout, path, write_truth_file=False)
            findings = validate_document(extract_document(path))
            caught = bool(serious(findings))
            outcomes.append(Outcome("rendered", 0, caught, bool(findings) and not caught, where,
                                    tuple(sorted({f.rule_id for f in findings
                                                  if f.severity in ("error", "warning")})),
                                    f"{acc.unit_name} {acc.fiscal_year} ({layout_name})"))
    return outcomes


# --- printing ----------------------------------------------------------------------------------

def print_share(title: str, outcomes: list[Outcome], by_steps: bool = True) -> None:
    print(f"\n{title}")
    if by_steps:
        groups = defaultdict(list)
        for o in outcomes:
            groups[o.steps].append(o)
        print(f"  {'steps':>8} {'n':>5} {'caught':>7} {'info only':>9} {'share':>7}")
        for steps in sorted(groups):
            g = groups[steps]
            caught = sum(o.caught for o in g)
            print(f"  {steps:>8} {len(g):>5} {caught:>7} {sum(o.info_only for o in g):>9} "
                  f"{caught / len(g):>7.1%}")
    beyond = [o for o in outcomes if o.steps >= BEYOND_TOLERANCE]
    if beyond:
        caught = sum(o.caught for o in beyond)
        print(f"  beyond rounding tolerance (≥{BEYOND_TOLERANCE} steps): {caught}/{len(beyond)} caught "
              f"({caught / len(beyond):.1%})")
    rules = Counter(r for o in outcomes if o.caught for r in o.rules)
    print("  rules that caught them: " + ", ".join(f"{r} {n}" for r, n in rules.most_common(12)))


def print_missed(outcomes: list[Outcome], limit: int) -> None:
    missed = [o for o in outcomes if not o.caught and o.steps >= BEYOND_TOLERANCE]
    if not missed:
        return
    print(f"  missed beyond tolerance ({len(missed)}):")
    if outcomes[0].kind == "table":
        by_table = Counter(o.where.split()[0] for o in missed)
        print("    by table: " + ", ".join(f"{t} {n}" for t, n in sorted(by_table.items())))
    for o in missed[:limit]:
        print(f"    {o.steps:>7} steps  {o.doc[:22]:<22} {o.where[:90]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--table", type=int, default=600, help="table-cell mutations")
    parser.add_argument("--narrative", type=int, default=400, help="narrative-figure mutations")
    parser.add_argument("--rendered", type=int, default=8, help="mutations rendered into PDFs")
    parser.add_argument("--jobs", type=int, default=4, help="extraction processes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=25, help="missed mutations to list")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    started = time.perf_counter()
    docs = load_corpus(args.jobs)
    prev = previous_records(docs)
    print(f"extracted {len(docs)} documents in {time.perf_counter() - started:.1f} s "
          f"({sum(v is not None for v in prev.values())} with last year's records)")

    baselines, narrative_baselines = {}, {}
    per_doc = Counter()
    for d, doc in enumerate(docs):
        findings = validate_document(doc, prev[d])
        baselines[d] = {key(f) for f in findings}
        narrative_baselines[d] = {key(f) for f in narrative_findings(doc, prev[d])}
        for f in findings:
            per_doc[("seed" if "株洲" in doc.document else "示例市", f.severity)] += 1
    print("\nunperturbed documents: findings by severity")
    for (group, severity), n in sorted(per_doc.items()):
        print(f"  {group:<6} {severity:<8} {n}")
    clean = sum(1 for d, doc in enumerate(docs) if "株洲" not in doc.document and not baselines[d])
    print(f"  示例市 documents without any finding: {clean}/{sum('株洲' not in d.document for d in docs)}")

    t0 = time.perf_counter()
    table = table_mutations(docs, prev, baselines, args.table, rng)
    print_share(f"table-cell mutations: {len(table)} in {time.perf_counter() - t0:.1f} s "
                "(records changed in memory, tables + narrative re-validated)", table)
    print_missed(table, args.show)

    t0 = time.perf_counter()
    narrative = narrative_mutations(docs, prev, narrative_baselines, args.narrative, rng)
    for kind in ("narrative-amount", "narrative-percent"):
        subset = [o for o in narrative if o.kind == kind]
        print_share(f"{kind} mutations: {len(subset)} (page text changed in memory, narrative re-checked)",
                    subset)
        print_missed(subset, args.show)
    print(f"  ({time.perf_counter() - t0:.1f} s)")

    if args.rendered:
        t0 = time.perf_counter()
        rendered = rendered_mutations(args.rendered, rng)
        print(f"\nrendered mutations (juesuan.sample → PDF → extract → validate): "
              f"{sum(o.caught for o in rendered)}/{len(rendered)} caught in {time.perf_counter() - t0:.1f} s")
        for o in rendered:
            print(f"  {'caught' if o.caught else 'MISSED':<6} {o.doc[:30]:<30} {o.where[:70]}  {', '.join(o.rules)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
