"""Every benchmark in one command: `python -m bench [--quick]`.

Runs each benchmark script of this folder in its own process (so one's imports and
caches do not flatter another), collects their JSON into bench/results/latest.json and
prints one table of the figures the issues ask for, with their goals. Figures are
medians of several runs where the script repeats (see each script's docstring).

    python -m bench            # full: 3,000 units x 5 years in the warehouse benchmark (~10 min)
    python -m bench --quick    # 300 units x 5 years, one repetition of the pipeline stages
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results"


def _run(name: str, args: list[str]) -> dict:
    out = RESULTS / f"{name}.json"
    started = time.perf_counter()
    print(f"== {name}: python bench/{name}.py {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, str(BENCH / f"{name}.py"), *args, "--json", str(out)], cwd=REPO, check=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    print(f"   ({time.perf_counter() - started:.0f} s)\n", flush=True)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    repeat = "1" if args.quick else "3"
    units = "300" if args.quick else "3000"
    figures = {
        "accuracy": _run("accuracy", ["--repeat", repeat]),
        "pipeline": _run("pipeline", ["--repeat", repeat]),
        "ingest": _run("ingest", ["--repeat", repeat, "--dask"]),
        "memory": _run("memory", []),
        "prefect_startup": _run("prefect_startup", ["--repeat", repeat]),
        "warehouse_scale": _run("warehouse_scale", ["--units", units]),
    }
    figures["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform(), "date": datetime.now(timezone.utc).isoformat()}
    (RESULTS / "latest.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    print_summary(figures)
    return 0


def summary_rows(f: dict) -> list[tuple[str, str, str]]:
    rows = []
    for label, key in (("real PDFs", "speed_realpdfs_final"), ("sample corpus", "speed_corpus")):
        speed = f["accuracy"].get(key)
        if speed:
            ratio = speed["juesuan_pages_per_second"] / speed["pdfplumber_extract_tables_pages_per_second"]
            rows.append((f"extraction vs pdfplumber extract_tables(), {label} (pages/s)",
                         f"{speed['juesuan_pages_per_second']} vs "
                         f"{speed['pdfplumber_extract_tables_pages_per_second']} = {ratio:.2f}x, {speed['pages']} pages",
                         ">= 1.5x"))
    stages = f["pipeline"]["median_s"]
    ingest = f["ingest"]["runs"]
    in_process = ingest["cold, 1 worker (threads, in-process)"]["wall_s"]
    alone = ingest["extraction alone (1 process, no Prefect)"]["wall_s"]
    rows.append(("pipeline overhead: ingest (1 worker, Prefect) vs extraction alone",
                 f"{in_process} s vs {alone} s = +{100 * f['ingest']['pipeline_overhead_vs_extraction']:.0f}%",
                 "<= 15%"))
    rows.append(("  of which: validation / bounded child / load+publish",
                 f"{stages['validate'] - stages['extract']:.2f} / {stages['bounded'] - stages['validate']:.2f} / "
                 f"{stages['load']:.2f} s", ""))
    rows.append(("scaling: 2 vs 1 worker processes (cold corpus)",
                 f"{f['ingest']['speedup_2_vs_1_process']}x", ">= 1.8x"))
    if "speedup_2_vs_1_standing_dask" in f["ingest"]:
        rows.append(("scaling: 2 vs 1 workers of a standing Dask cluster",
                     f"{f['ingest']['speedup_2_vs_1_standing_dask']}x", ">= 1.8x"))
    rows.append(("incremental: unchanged re-run vs cold", f"{100 * f['ingest']['unchanged_vs_cold']:.1f}%", "<= 5%"))
    if "prefect_startup" in f:
        cold, warm = f["prefect_startup"]["cold"], f["prefect_startup"]["warm"]
        rows.append(("Prefect temporary API: fresh home (migrate + start) / warm",
                     f"{cold['wall']:.1f} s ({cold['migrate']:.1f} + {cold['server']:.1f}) / {warm['wall']:.1f} s",
                     "< JUESUAN_PREFECT_STARTUP_SECONDS (180)"))
    peak = max(r["peak_rss_mb"] for r in f["memory"]) if f["memory"] else None
    rows.append(("peak RSS per worker on the largest real document", f"{peak} MB", "< 400 MB"))
    scale = f["warehouse_scale"]
    rows.append((f"warehouse: load {scale['units']} units x {scale['years']} years",
                 f"{scale['load_s']:.0f} s, ingest db {scale['ingest_db_mb']:.0f} MB, "
                 f"snapshot {scale['snapshot_db_mb']:.0f} MB", ""))
    for name, q in scale.get("queries", {}).items():
        rows.append((f"warehouse: {name}", f"{q['median_ms']:.1f} ms", "< 200 ms"))
    return rows


def print_summary(f: dict) -> None:
    print(f"{'figure':62} {'measured':48} goal")
    for name, value, goal in summary_rows(f):
        print(f"{name:62} {value:48} {goal}")


if __name__ == "__main__":
    sys.exit(main())
