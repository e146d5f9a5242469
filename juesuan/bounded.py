"""Run one document's extraction in a child process with a time and a memory bound.

A malformed PDF can make a parser loop or balloon. Inside the worker's own process a
Python timeout cannot interrupt a C call and an out-of-memory kill would take the whole
worker (and its batch) down. A child per document, forked from a preloaded forkserver
(milliseconds, modules already imported), isolates that: the parent waits with a
deadline, kills the child when it is exceeded, and turns the child's fate into a
specific status: `timeout`, `too_large` (memory bound), or `parser_crash`.
"""

from __future__ import annotations

import multiprocessing
import resource
import traceback
from dataclasses import dataclass
from typing import Any, Callable

_CONTEXT = None


def _context():
    global _CONTEXT
    if _CONTEXT is None:
        ctx = multiprocessing.get_context("forkserver")
        # '__main__' too: otherwise every child re-imports the calling script (a bench
        # script importing Prefect costs ~1 s per document); scripts guard their main code.
        ctx.set_forkserver_preload(["__main__", "juesuan.pipeline", "juesuan.validate", "juesuan.warmup"])
        _CONTEXT = ctx
    return _CONTEXT


@dataclass
class Bounded:
    value: Any = None
    error_code: str | None = None  # 'timeout' | 'too_large' | 'parser_crash'
    message: str = ""


def _child(conn, memory_mb: int | None, fn: Callable, args: tuple, kwargs: dict) -> None:
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        conn.send(("ok", fn(*args, **kwargs)))
    except MemoryError:
        conn.send(("too_large", f"the document needs more than the memory bound of {memory_mb} MB"))
    except BaseException as exc:  # reported to the parent with its type: never silently dropped
        conn.send(("parser_crash", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"))
    finally:
        conn.close()


def start_forkserver() -> None:
    """Start (and preload) the forkserver now: a worker pool's initializer calls this so
    the imports overlap the pool's own start-up instead of delaying the first document."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def can_fork_children() -> bool:
    """Daemonic processes (Dask's default workers) may not start children."""
    return not multiprocessing.current_process().daemon


def run_bounded(fn: Callable, *args, timeout_s: float, memory_mb: int | None, **kwargs) -> Bounded:
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(sender, memory_mb, fn, args, kwargs), daemon=True)
    child.start()
    sender.close()
    try:
        if receiver.poll(timeout_s):
            try:
                kind, payload = receiver.recv()
            except EOFError:
                kind, payload = None, None
            _reap(child)
            if kind == "ok":
                return Bounded(value=payload)
            if kind is not None:
                return Bounded(error_code=kind, message=payload)
        else:
            child.kill()
            child.join()
            return Bounded(error_code="timeout", message=f"extraction exceeded the time bound of {timeout_s:g} s")
        child.join(timeout_s)
        return _died(child, memory_mb)
    finally:
        receiver.close()
        _reap(child)


def _reap(child) -> None:
    """The answer is in: give the child a moment to exit, then make sure it is gone."""
    child.join(1)
    if child.is_alive():
        child.kill()
        child.join()


def _died(child, memory_mb: int | None) -> Bounded:
    """The child ended without an answer: killed by the kernel, or crashed in C code."""
    code = child.exitcode
    if code is not None and code < 0:
        signal_number = -code
        if signal_number == 9:
            return Bounded(error_code="too_large", message="the extraction process was killed (out of memory?)")
        return Bounded(error_code="parser_crash", message=f"the extraction process died on signal {signal_number}")
    return Bounded(error_code="parser_crash", message=f"the extraction process exited with code {code} "
                                                     f"(memory bound {memory_mb} MB)")
