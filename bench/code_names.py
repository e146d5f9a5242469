"""Mine the classification names real documents print beside their codes: juesuan/code_names.py.

    python bench/code_names.py            # rewrite juesuan/code_names.py from ../shared/realpdfs
    python bench/code_names.py --check    # print what would change, write nothing

Some budgets (Hangzhou's 03/05/06/07) print their rows by 科目名称 only. They are keyed by
name through the national classification (extract/budget/named.py), and a name → code
pair is only as certain as its source. The source here is what finance systems print:
every code printed with its name in a coded table of a real document that reads with
every identity holding (a budget `read` by bench/budgets.py) or of a real final. A pair
enters the catalogue when
  - the code is a function code (2xx, 3/5/7 digits) or a department economic one (3xx, 3/5),
  - its name is the one most documents print for the code, printed by at least two thirds
    of the documents that print the code (a label misread beside a code is outvoted),
  - no other kept code of the same parent (or, for a 类, no other 类) has that name.
Each entry keeps how many documents attest it and the fiscal years they budget. A pair no
document prints is not guessed: its rows stay unkeyed and are reported.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from juesuan.budget_reading import READ, reading  # noqa: E402
from juesuan.canonical import DOC_FINAL  # noqa: E402
from juesuan.codes import parent  # noqa: E402
from juesuan.extract.budget.named import KEYED_BY_NAME  # noqa: E402
from juesuan.pipeline import process_file  # noqa: E402
from juesuan.text import has_cjk, normalise_text  # noqa: E402

SHARED = REPO.parent / "shared" / "realpdfs"
TARGET = REPO / "juesuan" / "code_names.py"
FIRST_YEAR = 2024  # the function classification's recent wording; older documents are not mined
_CODE = re.compile(r"^(2\d{2}(?:\d{2}){0,2}|3\d{2}(?:\d{2})?)$")
MAJORITY = 2 / 3


def attestations(files: list[Path]) -> tuple[dict[tuple[str, str], set[str]], dict[str, int]]:
    """(code, name) → the documents printing them together; document → fiscal year."""
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    years: dict[str, int] = {}
    for path in files:
        result = process_file(path)
        doc = result.doc
        usable = doc.doc_type == DOC_FINAL and not doc.fatal or reading(result).outcome == READ
        if not usable or not doc.fiscal_year or doc.fiscal_year < FIRST_YEAR:
            continue
        years[path.name] = doc.fiscal_year
        by_name = {p.table_id for p in doc.problems if p.code == KEYED_BY_NAME}  # not evidence: our own keys
        for record in doc.records:
            name = normalise_text(record.row_label)
            if _CODE.match(record.row_key) and has_cjk(name) and record.table_id not in by_name:
                pairs[(record.row_key, name)].add(path.name)
    return pairs, years


def catalogue(pairs: dict[tuple[str, str], set[str]]) -> tuple[dict[str, tuple[str, int]], list[str]]:
    """code → (name, documents), and the (parent, name) pairs dropped as ambiguous."""
    by_code: dict[str, Counter] = defaultdict(Counter)
    for (code, name), docs in pairs.items():
        by_code[code][name] = len(docs)
    named: dict[str, tuple[str, int]] = {}
    for code, names in by_code.items():
        name, count = names.most_common(1)[0]
        if count >= MAJORITY * sum(names.values()):
            named[code] = (name, count)
    siblings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, (name, _) in named.items():
        siblings[(parent(code) or f"{code[0]}xx", name)].append(code)  # 类: among its classification's 类
    dropped = [f"{name} under {up}: {', '.join(sorted(codes))}"
               for (up, name), codes in sorted(siblings.items()) if len(codes) > 1]
    for codes in siblings.values():
        if len(codes) > 1:
            for code in codes:
                named.pop(code)
    return dict(sorted(named.items())), dropped


def render(named: dict[str, tuple[str, int]], years: list[int], dropped: list[str]) -> str:
    lines = ['"""Classification names as real documents print them beside their codes (generated:',
             "python bench/code_names.py; do not edit by hand, re-mine instead).", "",
             "code → (name, number of real documents printing the code with that name). Mined from the",
             f"coded tables of real budgets read with every identity holding and of real finals, fiscal",
             f"years {years[0]}–{years[-1]}: see bench/code_names.py for the rules. Used to key rows printed",
             "by name only (extract/budget/named.py), never to rename a printed code.", '"""', "",
             "from __future__ import annotations", "",
             f"YEARS: tuple[int, int] = ({years[0]}, {years[-1]})", "",
             "# (parent, name) printed with two codes by different documents: not used.",
             "AMBIGUOUS: tuple[str, ...] = ("]
    lines += [f"    {d!r}," for d in dropped]
    lines += [")", "", "NAMES: dict[str, tuple[str, int]] = {"]
    lines += [f"    {code!r}: ({name!r}, {count})," for code, (name, count) in named.items()]
    lines += ["}", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent")
        return 0
    files = sorted((SHARED / "budget").glob("*.pdf")) + sorted((SHARED / "final").glob("*.pdf"))
    pairs, years = attestations(files)
    named, dropped = catalogue(pairs)
    text = render(named, sorted(set(years.values())), dropped)
    print(f"{len(named)} codes named from {len(years)} documents; {len(dropped)} ambiguous names dropped")
    if args.check:
        old = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        print("unchanged" if old == text else "would change")
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
