"""Prefect's temporary API, cold and warm: what a command pays before any document is read.

Cold: a fresh Prefect home — juesuan migrates its database once (flows/server.py,
`prefect server database upgrade`), then starts the server. Warm: the same home again,
nothing to migrate. Each measurement runs in a fresh Python process, as a command would.

    python bench/prefect_startup.py [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from flows.server import prepare_database, shared_local_api
t1 = time.perf_counter()
migrated = prepare_database()
t2 = time.perf_counter()
with shared_local_api():
    t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "migrate": t2 - t1, "server": t3 - t2, "migrated": migrated}))
"""


def measure(home: str) -> dict:
    env = {**os.environ, "PREFECT_HOME": home, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["wall"] = time.perf_counter() - started
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    cold, warm = [], []
    for _ in range(args.repeat):
        home = tempfile.mkdtemp(prefix="juesuan-prefect-bench-")
        cold.append(measure(home))
        warm.append(measure(home))
    result = {}
    for name, runs in (("cold", cold), ("warm", warm)):
        result[name] = {k: statistics.median(r[k] for r in runs) for k in ("import", "migrate", "server", "wall")}
        r = result[name]
        print(f"{name}: median of {len(runs)} — process wall {r['wall']:.1f} s = import {r['import']:.1f} s "
              f"+ migration {r['migrate']:.1f} s + server start {r['server']:.1f} s "
              "(runs: " + ", ".join(f"{x['wall']:.1f}" for x in runs) + " s)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
