"""python -m juesuan.sample --out corpus --seed 20221231: regenerate the sample corpus."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from juesuan.sample.corpus import DEFAULT_SEED, generate_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m juesuan.sample",
                                     description="Render the sample 部门决算 corpus.")
    parser.add_argument("--out", default="corpus", help="output directory (default: corpus)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"random seed of the synthetic city (default: {DEFAULT_SEED})")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args(argv)
    out = Path(args.out)
    start = time.monotonic()

    def progress(doc) -> None:
        if not args.quiet:
            size = doc.pdf_path.stat().st_size
            print(f"wrote {doc.pdf_path.relative_to(out)}  ({doc.page_count} pages, "
                  f"{size / 1024:.0f} KB, {len(doc.records)} records)")

    files = generate_corpus(out, args.seed, progress=progress)
    pdfs = [f for f in files if f.suffix == ".pdf"]
    total = sum(f.stat().st_size for f in files)
    print(f"{len(pdfs)} documents, {len(files)} files, {total / 1_000_000:.2f} MB in {out} "
          f"({time.monotonic() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
