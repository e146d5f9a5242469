"""Peak memory (RSS) of one extraction worker on the largest documents.

    python bench/memory.py [--json out.json] [FILE ...]

Each document is extracted and validated (juesuan.pipeline.process_file) in a fresh
Python process, whose peak resident set size (ru_maxrss) is read after it exits; the
baseline (the same process importing juesuan and doing nothing) is printed beside it.
Without FILE: the largest PDF of ../shared/realpdfs/final (when present) and of corpus/.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

CHILD = """
import sys
from juesuan.pipeline import process_file
if sys.argv[1] != "-":
    result = process_file(sys.argv[1])
    print(result.status, len(result.doc.records), result.doc.page_count)
"""


def largest(folder: Path) -> Path | None:
    files = sorted(folder.rglob("*.pdf"), key=lambda p: p.stat().st_size)
    return files[-1] if files else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    files = args.files or [p for p in (largest(SHARED / "realpdfs" / "final"), largest(REPO / "corpus")) if p]
    rows = []
    baseline = _fresh("-")
    for path in files:
        peak, out = _fresh(str(path))
        rows.append({"document": path.name, "bytes": path.stat().st_size, "peak_rss_mb": round(peak, 1),
                     "baseline_rss_mb": round(baseline, 1), "result": out})
        print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB file, peak RSS {peak:.0f} MB "
              f"(imports alone {baseline:.0f} MB) — {out}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _fresh(argument: str) -> tuple[float, str] | float:
    """Peak RSS of a fresh process (measured by a wrapper so maxima do not accumulate)."""
    wrapper = ("import resource, subprocess, sys;"
               "r = subprocess.run([sys.executable, '-c', sys.argv[1], sys.argv[2]], capture_output=True, text=True);"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(r.stdout.strip())")
    out = subprocess.run([sys.executable, "-c", wrapper, CHILD, argument], capture_output=True, text=True,
                         check=True, cwd=REPO).stdout.splitlines()
    peak = int(out[0]) / 1024
    return (peak, out[1] if len(out) > 1 else "") if argument != "-" else peak


if __name__ == "__main__":
    sys.exit(main())
