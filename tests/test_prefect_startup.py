"""Prefect start-up on a new machine: the local database is migrated once, as its own step,
and a server that cannot start ends the command with one line, not a traceback.

A fresh Prefect home took 34 s to come up on a cold 2-core machine, past Prefect's 20 s
deadline, and a new user's first `juesuan demo` failed (issue 11)."""

from __future__ import annotations

import subprocess

import pytest
from click.testing import CliRunner

import flows.server as server
from juesuan.cli import main
from tests.conftest import CORPUS


def test_the_startup_wait_is_configurable_and_checked(monkeypatch):
    monkeypatch.delenv(server.STARTUP_SECONDS_VARIABLE, raising=False)
    assert server.startup_seconds() == server.DEFAULT_STARTUP_SECONDS >= 120
    monkeypatch.setenv(server.STARTUP_SECONDS_VARIABLE, "600")
    assert server.startup_seconds() == 600
    for bad in ("soon", "0", "-5"):
        monkeypatch.setenv(server.STARTUP_SECONDS_VARIABLE, bad)
        with pytest.raises(server.LocalApiUnavailable, match=server.STARTUP_SECONDS_VARIABLE):
            server.startup_seconds()


def test_a_fresh_prefect_home_is_migrated_once(tmp_path, monkeypatch):
    from prefect.settings import PREFECT_HOME, temporary_settings

    said: list[str] = []
    with temporary_settings({PREFECT_HOME: tmp_path / "home"}):
        assert not server.database_is_ready()
        assert server.prepare_database(said.append) is True
        assert (tmp_path / "home" / "prefect.db").is_file() and server.database_is_ready()
        assert said and "first run only" in said[0]

        def no_second_migration(*args, **kwargs):
            raise AssertionError("the database was migrated again")

        monkeypatch.setattr(subprocess, "run", no_second_migration)
        assert server.prepare_database(said.append) is False
        (tmp_path / "home" / "prefect.db").unlink()  # a deleted database is prepared again
        assert not server.database_is_ready()


def test_a_failed_migration_is_one_line_naming_the_home(tmp_path, monkeypatch):
    from prefect.settings import PREFECT_HOME, temporary_settings

    home = tmp_path / "home"
    with temporary_settings({PREFECT_HOME: home}):
        monkeypatch.setattr(subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(
            a, 1, "", "Traceback (most recent call last):\n  ...\nsqlite3.OperationalError: disk I/O error\n"))
        with pytest.raises(server.LocalApiUnavailable) as failure:
            server.prepare_database()
    message = str(failure.value)
    assert "\n" not in message and str(home) in message and "disk I/O error" in message
    assert not server.database_is_ready(home)


def test_a_server_that_does_not_answer_in_time_ends_the_command_with_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv(server.STARTUP_SECONDS_VARIABLE, "1")  # Prefect's server needs seconds to import
    warehouse = tmp_path / "warehouse"
    result = CliRunner().invoke(main, ["--warehouse", str(warehouse), "ingest", str(CORPUS / "seed")])
    assert result.exit_code == 1, result.output
    assert "could not be started" in result.output and server.STARTUP_SECONDS_VARIABLE in result.output
    assert "Traceback" not in result.output
    assert not (warehouse / "juesuan.duckdb").exists()


def test_a_configured_api_is_used_as_it_is(monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    with server.shared_local_api() as url:
        assert url == "http://127.0.0.1:9/api"
