"""Ingest throughput on the sample corpus: cold, unchanged re-run, 1 vs 2 worker processes.

Prints a table and (with --json) writes the figures. Not a test: figures depend on the
machine (CPU count is printed). One local Prefect API serves every run, so its start-up
(~7 s) is measured once and kept out of the per-run figures; the process pool's own
start-up (spawned workers importing prefect and pdfplumber) is inside them.

    python bench/ingest.py [--corpus corpus] [--json bench/results/ingest.json] [--dask]

Goals (issues 6 and 8): an unchanged re-run under 5% of a cold run; 2 workers ≥ 1.8×
faster than 1; ingest (1 in-process worker, Prefect included) within 15% of extraction
alone. Every comparison is between runs of this one invocation, interleaved repetition
by repetition, so a machine that speeds up or slows down affects both sides alike.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXTRACTION_ALONE = "extraction alone (1 process, no Prefect)"
sys.path.insert(0, str(REPO))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

# Prefect and the flows are imported inside the functions, not here: extraction's
# per-document children (juesuan.bounded, forkserver) re-run this __main__ module's top
# level, and heavy imports here would cost every document ~1 s.


def timed_run(corpus: Path, warehouse: Path, runner, workers: int) -> dict:
    from flows.ingest import ingest_flow

    started = time.perf_counter()
    summary = ingest_flow.with_options(task_runner=runner)(inputs=[str(corpus)], warehouse_dir=str(warehouse),
                                                           workers=workers)
    wall = time.perf_counter() - started
    statuses: dict[str, int] = {}
    for outcome in summary.outcomes:
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
    return {"wall_s": round(wall, 2), "flow_s": round(summary.seconds, 2), "documents": summary.discovered,
            "processed": len(summary.outcomes), "skipped_unchanged": summary.skipped_unchanged,
            "statuses": statuses, "extract_cpu_s": round(sum(o.seconds for o in summary.outcomes), 2)}


def extraction_alone(corpus: Path) -> dict:
    """The baseline of the pipeline-overhead figure: extract_document on every PDF, in
    this process, no validation, no child process, no Prefect."""
    from juesuan.extract import extract_document

    files = sorted(corpus.rglob("*.pdf"))
    started = time.perf_counter()
    for path in files:
        extract_document(path)
    wall = time.perf_counter() - started
    return {"wall_s": round(wall, 2), "flow_s": round(wall, 2), "documents": len(files), "processed": len(files),
            "skipped_unchanged": 0, "statuses": {}, "extract_cpu_s": round(wall, 2)}


def standing_cluster_runs(corpus: Path, tmp: Path, repeat: int) -> dict[str, list[dict]]:
    """Cold ingests on a Dask LocalCluster that outlives the runs, as a standing cluster
    would: its start and one warm-up ingest are not timed, so the workers' imports and
    sandbox children are paid once, not per run. Workers are non-daemonic (as deployed)
    so the per-document bounds hold."""
    import dask
    from distributed import LocalCluster
    from prefect_dask import DaskTaskRunner

    samples: dict[str, list[dict]] = {}
    for workers in (2, 1):
        name = f"cold, standing Dask cluster, {workers} worker(s)"
        samples[name] = []
        with dask.config.set({"distributed.worker.daemon": False}), \
                LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                             dashboard_address=None) as cluster:
            def runner():
                return DaskTaskRunner(address=cluster.scheduler_address)
            timed_run(corpus, tmp / f"dask{workers}-warmup", runner(), workers)
            for i in range(repeat):
                samples[name].append(timed_run(corpus, tmp / f"dask{workers}-run{i}", runner(), workers))
    return samples


def _median_run(values: list[dict]) -> dict:
    """The run with the median wall time (its other figures kept together), and all walls."""
    ordered = sorted(values, key=lambda run: run["wall_s"])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["wall_s_all"] = [run["wall_s"] for run in values]
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=1, help="median of this many runs per configuration")
    parser.add_argument("--dask", action="store_true",
                        help="also 1 vs 2 workers of a Dask cluster started before the runs (warm workers)")
    args = parser.parse_args()
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

    from flows.ingest import task_runner_for
    from flows.server import shared_local_api
    from juesuan.bounded import start_forkserver

    figures: dict = {"cpus": os.cpu_count(), "corpus": str(args.corpus)}
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as tmp:
        started = time.perf_counter()
        with shared_local_api():
            figures["prefect_api_start_s"] = round(time.perf_counter() - started, 2)
            runs = figures["runs"] = {}
            configurations = {
                "cold, 2 worker processes": (lambda: task_runner_for(2), 2),
                "cold, 1 worker process": (lambda: ProcessPoolTaskRunner(1, initializer=start_forkserver), 1),
                "cold, 1 worker (threads, in-process)": (lambda: ThreadPoolTaskRunner(1), 1),
            }
            samples: dict[str, list[dict]] = {name: [] for name in configurations}
            samples["unchanged re-run"] = []
            samples[EXTRACTION_ALONE] = []
            from juesuan.extract import extract_document

            extract_document(sorted(args.corpus.rglob("*.pdf"))[0])  # imports and caches warm
            for i in range(args.repeat):
                samples[EXTRACTION_ALONE].append(extraction_alone(args.corpus))
                for number, (name, (runner, workers)) in enumerate(configurations.items()):
                    warehouse = Path(tmp, f"run{i}-configuration{number}")
                    samples[name].append(timed_run(args.corpus, warehouse, runner(), workers))
                    if name == "cold, 2 worker processes":
                        samples["unchanged re-run"].append(timed_run(args.corpus, warehouse, runner(), workers))
            if args.dask:
                samples.update(standing_cluster_runs(args.corpus, Path(tmp), args.repeat))
            for name, values in samples.items():
                runs[name] = _median_run(values)
    cold = runs["cold, 2 worker processes"]["wall_s"]
    figures["unchanged_vs_cold"] = round(runs["unchanged re-run"]["wall_s"] / cold, 4)
    figures["speedup_2_vs_1_process"] = round(runs["cold, 1 worker process"]["wall_s"] / cold, 2)
    figures["pipeline_overhead_vs_extraction"] = round(
        runs["cold, 1 worker (threads, in-process)"]["wall_s"] / runs[EXTRACTION_ALONE]["wall_s"] - 1, 4)
    figures["speedup_2_processes_vs_1_in_process"] = round(
        runs["cold, 1 worker (threads, in-process)"]["wall_s"] / cold, 2)

    print(f"juesuan ingest benchmark — {figures['cpus']} CPU(s), corpus {args.corpus}, "
          f"Prefect API start {figures['prefect_api_start_s']} s (excluded)")
    print(f"{'run':40} {'wall s':>8} {'flow s':>8} {'docs':>5} {'done':>5} {'skipped':>8} {'extract cpu s':>14}")
    for name, run in runs.items():
        print(f"{name:40} {run['wall_s']:>8} {run['flow_s']:>8} {run['documents']:>5} {run['processed']:>5} "
              f"{run['skipped_unchanged']:>8} {run['extract_cpu_s']:>14}")
    if "cold, standing Dask cluster, 2 worker(s)" in runs:
        figures["speedup_2_vs_1_standing_dask"] = round(
            runs["cold, standing Dask cluster, 1 worker(s)"]["wall_s"]
            / runs["cold, standing Dask cluster, 2 worker(s)"]["wall_s"], 2)
    print(f"unchanged / cold: {figures['unchanged_vs_cold']:.1%} (goal < 5%)")
    print(f"pipeline overhead, ingest with 1 in-process worker vs extraction alone: "
          f"+{figures['pipeline_overhead_vs_extraction']:.1%} (goal ≤ 15%)")
    print(f"speed-up 2 vs 1 worker process: {figures['speedup_2_vs_1_process']}× (goal ≥ 1.8×); "
          f"2 processes vs 1 in-process worker: {figures['speedup_2_processes_vs_1_in_process']}×")
    if "speedup_2_vs_1_standing_dask" in figures:
        print(f"speed-up 2 vs 1 worker of a standing Dask cluster: {figures['speedup_2_vs_1_standing_dask']}×")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
