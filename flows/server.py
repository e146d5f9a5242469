"""One local Prefect API for a whole run, shared by the flow and its worker processes.

Without a configured API (PREFECT_API_URL, in the environment or the active Prefect
profile), Prefect starts a temporary server per *process*: each worker of a process pool
would pay seconds to start its own, and their task runs would land in different
databases. Starting one here and exporting its URL lets spawned workers inherit it. With
an API configured (a real server, as in docker/), nothing is started.

Start-up on a cold, slow or busy machine. A fresh Prefect home must first have its
database migrated: measured 10–34 s on 2 cores, longer than the 20 s Prefect waits for
its temporary server by default, so a new user's first command failed. Here the
migration runs once per Prefect home and Prefect version, as its own step with no
deadline (`prefect server database upgrade`, under a file lock so two first commands do
not migrate at once); later commands reuse the migrated database and skip the check.
The server then gets JUESUAN_PREFECT_STARTUP_SECONDS (default 180) to answer. When it
really cannot start, LocalApiUnavailable carries one line saying what happened and what
to do; the command prints it without a traceback.

A one-shot command with no API configured still starts this server: the flow's task runs,
its artifacts (the run summary, the link to the report) and the warehouse-writer limit all
go through a Prefect API, and Prefect 3 has no server-less mode. What made the first run
fail was the migration inside the server's deadline, handled above, not the server itself.

Flow-run heartbeats are switched off against this temporary server: they let a lasting
server spot crashed runs, but this one ends with the command, and stopping the heartbeat
thread cost every run up to 1 s (it sleeps in 1 s steps) — a fifth of an unchanged re-run.
"""

from __future__ import annotations

import fcntl
import math
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

STARTUP_SECONDS_VARIABLE = "JUESUAN_PREFECT_STARTUP_SECONDS"
DEFAULT_STARTUP_SECONDS = 180.0
MIGRATION_SECONDS = 1800  # a bound on a migration that hangs, not an expected duration
READY_MARKER = "juesuan-database-ready"

Say = Callable[[str], None]


class LocalApiUnavailable(RuntimeError):
    """The temporary Prefect API could not be started; the message is one line for the operator."""


def configured_api_url() -> str | None:
    """The Prefect API the user configured (environment or active profile), if any."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value() or None


def startup_seconds() -> float:
    """How long to wait for the temporary server (JUESUAN_PREFECT_STARTUP_SECONDS)."""
    raw = os.environ.get(STARTUP_SECONDS_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_STARTUP_SECONDS
    try:
        value = float(raw)
    except ValueError:
        raise LocalApiUnavailable(f"{STARTUP_SECONDS_VARIABLE}={raw!r} is not a number of seconds") from None
    if value <= 0:
        raise LocalApiUnavailable(f"{STARTUP_SECONDS_VARIABLE} must be positive, not {raw!r}")
    return value


def prefect_home() -> Path:
    from prefect.settings import PREFECT_HOME

    return Path(PREFECT_HOME.value()).expanduser()


def _database_url() -> str:
    from prefect.settings import get_current_settings

    url = get_current_settings().server.database.connection_url
    return url.get_secret_value() if url else ""


def _ready_stamp() -> str:
    """Prefect's version and which database (hashed: a URL may carry a password)."""
    import hashlib

    import prefect

    return f"prefect {prefect.__version__}; database {hashlib.sha256(_database_url().encode()).hexdigest()[:16]}\n"


def _database_file() -> Path | None:
    """The SQLite file of the local database, or None for another kind of database."""
    url = _database_url()
    for prefix in ("sqlite+aiosqlite:///", "sqlite:///"):
        if url.startswith(prefix) and url[len(prefix):] not in ("", ":memory:"):
            return Path(url[len(prefix):])
    return None


def database_is_ready(home: Path | None = None) -> bool:
    """True when this Prefect home's database was migrated for this Prefect version."""
    home = home or prefect_home()
    marker = home / READY_MARKER
    database = _database_file()
    try:
        stamp = marker.read_text(encoding="utf-8")
    except OSError:
        return False
    return stamp == _ready_stamp() and (database is None or database.is_file())


def prepare_database(say: Say | None = None) -> bool:
    """Migrate the local Prefect database once; True when this call migrated it.

    Runs Prefect's own command (`prefect server database upgrade -y`) without Prefect's
    server deadline. A file lock makes a second command that starts meanwhile wait for the
    first one's migration instead of running its own against the same SQLite file.
    """
    home = prefect_home()
    if database_is_ready(home):
        return False
    home.mkdir(parents=True, exist_ok=True)
    with open(home / f"{READY_MARKER}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if database_is_ready(home):
            return False
        if say:
            say(f"Preparing Prefect's local database in {home} (first run only; up to a minute on a slow machine)…")
        started = time.perf_counter()
        from prefect.settings import get_current_settings

        environment = {**os.environ, **get_current_settings().to_environment_variables(exclude_unset=True)}
        try:
            done = subprocess.run([sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"],
                                  capture_output=True, text=True, timeout=MIGRATION_SECONDS, env=environment)
        except subprocess.TimeoutExpired:
            raise LocalApiUnavailable(f"migrating Prefect's local database in {home} took over "
                                      f"{MIGRATION_SECONDS} s; is the disk full or very slow?") from None
        if done.returncode != 0:
            last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise LocalApiUnavailable(f"migrating Prefect's local database in {home} failed "
                                      f"(exit {done.returncode}): {last[0]}")
        (home / READY_MARKER).write_text(_ready_stamp(), encoding="utf-8")
        if say:
            say(f"Prefect's local database is ready ({time.perf_counter() - started:.0f} s).")
        return True


@contextmanager
def shared_local_api(say: Say | None = None) -> Iterator[str | None]:
    """Yield the API URL the run uses: the configured one, or a temporary local server's."""
    configured = configured_api_url()
    if configured:
        yield configured
        return
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import (PREFECT_API_DATABASE_MIGRATE_ON_START, PREFECT_API_URL,
                                  PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings)

    wait = startup_seconds()
    prepare_database(say)
    server = SubprocessASGIServer()
    started = time.perf_counter()
    try:
        # the database is at this Prefect version's head: the server need not check again
        with temporary_settings({PREFECT_API_DATABASE_MIGRATE_ON_START: False}):
            server.start(timeout=math.ceil(wait))
    except Exception as exc:  # Prefect raises RuntimeError with the server's whole output
        server.stop()
        raise LocalApiUnavailable(_start_failure(exc, time.perf_counter() - started, wait)) from exc
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings({PREFECT_API_URL: server.api_url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield server.api_url
    finally:
        _flush_logs_to_api()
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()


def _start_failure(exc: Exception, elapsed: float, wait: float) -> str:
    text = str(exc)
    exited = "exited with code" in text
    what = ("the server process stopped" if exited else f"it did not answer within {wait:.0f} s")
    return (f"Prefect's temporary API could not be started ({what}, after {elapsed:.0f} s). "
            f"On a slow or busy machine allow longer with {STARTUP_SECONDS_VARIABLE}=600, or run a "
            "Prefect server (`prefect server start`) and set PREFECT_API_URL; nothing was ingested.")


def _flush_logs_to_api() -> None:
    """Send buffered run logs while the server still listens (else exit waits on retries)."""
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=5)
