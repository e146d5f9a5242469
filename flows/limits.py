"""One writer at a time: a Prefect global concurrency limit around warehouse writes.

DuckDB lets one process write a file; a second ingest would fail on the lock. With a
Prefect server (docker/, a deployment), every run that writes the warehouse — scheduled
crawls, manual `juesuan ingest` — first takes the single slot of the global concurrency
limit `juesuan-warehouse-writer`, so runs queue instead of failing. The limit is created
with 1 slot the first time it is needed (an operator may change it later; we never
overwrite it). Without a server (local mode: a temporary API per command) the slot only
serialises runs of that command, and DuckDB's lock still refuses a concurrent writer
loudly.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

WAREHOUSE_WRITER_LIMIT = "juesuan-warehouse-writer"


def ensure_writer_limit(name: str = WAREHOUSE_WRITER_LIMIT, slots: int = 1) -> None:
    """Create the global concurrency limit if it does not exist yet."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
    from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(name)
        except ObjectNotFound:
            try:
                client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=name, limit=slots))
            except ObjectAlreadyExists:
                pass  # another run created it between our read and our create: that one is ours too


@contextmanager
def warehouse_writer(timeout_seconds: float | None = None) -> Iterator[None]:
    """Hold the writer slot for the duration of the block (waits while another run holds it)."""
    from prefect.concurrency.sync import concurrency

    ensure_writer_limit()
    with concurrency(WAREHOUSE_WRITER_LIMIT, occupy=1, timeout_seconds=timeout_seconds, strict=True):
        yield
