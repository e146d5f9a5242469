"""The deployment files, checked without a Docker engine or a Prefect server: they parse,
the UI/API is bound to the loopback interface, the auth overlay wires server and
clients, and prefect.yaml's entry point and parameters fit the flow."""

from __future__ import annotations

import inspect
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import REPO

COMPOSE = REPO / "docker" / "compose.yaml"
AUTH = REPO / "docker" / "compose.auth.yaml"


def test_compose_binds_prefect_to_loopback_and_keeps_postgres_private():
    services = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    assert set(services) == {"postgres", "prefect-server", "worker"}
    assert all(p.startswith("127.0.0.1:") for p in services["prefect-server"]["ports"])
    assert "ports" not in services["postgres"]
    assert "postgresql+asyncpg://" in services["prefect-server"]["environment"]["PREFECT_API_DATABASE_CONNECTION_URL"]
    assert services["worker"]["command"][0] == "serve"
    assert "warehouse:/data" in services["worker"]["volumes"]


def test_auth_overlay_sets_the_server_and_the_client_string():
    services = yaml.safe_load(AUTH.read_text(encoding="utf-8"))["services"]
    assert "PREFECT_AUTH" in services["prefect-server"]["environment"]["PREFECT_SERVER_API_AUTH_STRING"]
    assert "PREFECT_AUTH" in services["worker"]["environment"]["PREFECT_API_AUTH_STRING"]


def _compose_command() -> list[str] | None:
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


@pytest.mark.skipif(_compose_command() is None, reason="no docker compose / docker-compose here")
def test_compose_config_parses_without_an_engine():
    command = _compose_command()
    plain = subprocess.run([*command, "-p", "juesuan", "-f", str(COMPOSE), "config"], capture_output=True, text=True)
    assert plain.returncode == 0, plain.stderr
    with_auth = subprocess.run([*command, "-p", "juesuan", "-f", str(COMPOSE), "-f", str(AUTH), "config"],
                               capture_output=True, text=True, env={"PATH": "/usr/bin:/bin:/usr/local/bin",
                                                                    "PREFECT_AUTH": "admin:pw"})
    assert with_auth.returncode == 0, with_auth.stderr
    assert "PREFECT_SERVER_API_AUTH_STRING: admin:pw" in with_auth.stdout


def test_prefect_yaml_points_at_the_scheduled_crawl_with_fitting_parameters():
    from flows.crawl import scheduled_crawl

    config = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    [deployment] = config["deployments"]
    assert deployment["entrypoint"] == "flows/crawl.py:scheduled_crawl"
    accepted = inspect.signature(scheduled_crawl.fn).parameters
    assert set(deployment["parameters"]) <= set(accepted)
    assert deployment["concurrency_limit"] == 1 and deployment["schedules"][0]["cron"]
