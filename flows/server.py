"""One local Prefect API for a whole run, shared by the flow and its worker processes.

Without PREFECT_API_URL, Prefect starts a temporary server per *process*: each worker of
a process pool would pay ~7 s to start its own, and their task runs would land in
different databases. Starting one here and exporting its URL lets spawned workers
inherit it. With PREFECT_API_URL set (a real server, as in docker/), nothing is started.

Flow-run heartbeats are switched off against this temporary server: they let a lasting
server spot crashed runs, but this one ends with the command, and stopping the heartbeat
thread cost every run up to 1 s (it sleeps in 1 s steps) — a fifth of an unchanged re-run.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def shared_local_api() -> Iterator[str | None]:
    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    server = SubprocessASGIServer()
    server.start()
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings({PREFECT_API_URL: server.api_url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield server.api_url
    finally:
        _flush_logs_to_api()
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()


def _flush_logs_to_api() -> None:
    """Send buffered run logs while the server still listens (else exit waits on retries)."""
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=5)
