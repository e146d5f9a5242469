"""Run one document's extraction in a child process with a time and a memory bound.

A malformed PDF can make a parser loop or balloon. Inside the worker's own process a
Python timeout cannot interrupt a C call and an out-of-memory kill would take the whole
worker (and its batch) down. A sandbox child, forked from a preloaded forkserver
(modules already imported) and kept for the following documents, isolates that: the
parent waits with a deadline, kills the child when it is exceeded (the next document
gets a fresh one), and turns the child's fate into a specific status: `timeout`,
`too_large` (memory bound), or `parser_crash`.
"""

from __future__ import annotations

import multiprocessing
import resource
import threading
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


def _serve(conn, memory_mb: int | None) -> None:
    """The sandbox process: run calls one after another until told to stop or it fails.

    After a MemoryError or any other exception the process answers and exits, so the
    next document starts in a fresh process rather than in a possibly damaged one.
    """
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        while True:
            try:
                call = conn.recv()
            except EOFError:  # the parent went away
                return
            if call is None:
                return
            fn, args, kwargs = call
            try:
                conn.send(("ok", fn(*args, **kwargs)))
            except MemoryError:
                conn.send(("too_large", f"the document needs more than the memory bound of {memory_mb} MB"))
                return
            except BaseException as exc:  # reported to the parent with its type: never silently dropped
                conn.send(("parser_crash", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"))
                return
    finally:
        conn.close()


class Sandbox:
    """One long-lived child process that runs documents one at a time.

    Forking a child per document cost ~85 ms each (fork, copy-on-write faults, caches
    rebuilt); a child that stays up pays that once. It is replaced after a timeout, a
    crash, a failed call, RECYCLE_AFTER calls, or when a call asks for another memory bound.
    """

    RECYCLE_AFTER = 200

    def __init__(self) -> None:
        self.process = None
        self.conn = None
        self.memory_mb: int | None = None
        self.calls = 0

    def run(self, fn: Callable, args: tuple, kwargs: dict, timeout_s: float, memory_mb: int | None) -> Bounded:
        if self.process is not None and (memory_mb != self.memory_mb or self.calls >= self.RECYCLE_AFTER
                                         or not self.process.is_alive()):
            self.stop()  # a child that died while idle is not this document's fault
        if self.process is None:
            self._start(memory_mb)
        self.calls += 1
        try:
            self.conn.send((fn, args, kwargs))
        except (BrokenPipeError, EOFError, OSError):
            return self._died()
        if not self.conn.poll(timeout_s):
            self.kill()
            return Bounded(error_code="timeout", message=f"extraction exceeded the time bound of {timeout_s:g} s")
        try:
            kind, payload = self.conn.recv()
        except EOFError:
            return self._died()
        if kind == "ok":
            return Bounded(value=payload)
        self.kill()  # the child exits after a failed call; make sure it is gone
        return Bounded(error_code=kind, message=payload)

    def _start(self, memory_mb: int | None) -> None:
        ctx = _context()
        parent_end, child_end = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_serve, args=(child_end, memory_mb), daemon=True)
        self.process.start()
        child_end.close()
        self.conn, self.memory_mb, self.calls = parent_end, memory_mb, 0

    def _died(self) -> Bounded:
        """The child ended without an answer: killed by the kernel, or crashed in C code."""
        process, memory_mb = self.process, self.memory_mb
        process.join(5)
        self.kill()
        return _death_report(process.exitcode, memory_mb)

    def stop(self) -> None:
        """Ask the child to finish, then make sure it has."""
        if self.process is None:
            return
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass  # already gone: kill() below reaps it
        self.process.join(1)
        self.kill()

    def kill(self) -> None:
        if self.process is None:
            return
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()
        self.process = self.conn = None


def start_forkserver() -> None:
    """Start (and preload) the forkserver now: a worker pool's initializer calls this so
    the imports overlap the pool's own start-up instead of delaying the first document."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def can_fork_children() -> bool:
    """Daemonic processes (Dask's default workers) may not start children."""
    return not multiprocessing.current_process().daemon


_IDLE: list[Sandbox] = []
_IDLE_LOCK = threading.Lock()


def run_bounded(fn: Callable, *args, timeout_s: float, memory_mb: int | None, **kwargs) -> Bounded:
    """fn(*args, **kwargs) in a sandbox process, within the time and memory bounds.

    Sandboxes are kept for the next call; concurrent callers (threads) each get their own.
    """
    with _IDLE_LOCK:
        sandbox = _IDLE.pop() if _IDLE else Sandbox()
    try:
        return sandbox.run(fn, args, kwargs, timeout_s, memory_mb)
    finally:
        with _IDLE_LOCK:
            _IDLE.append(sandbox)


def _death_report(code: int | None, memory_mb: int | None) -> Bounded:
    if code is not None and code < 0:
        signal_number = -code
        if signal_number == 9:
            return Bounded(error_code="too_large", message="the extraction process was killed (out of memory?)")
        return Bounded(error_code="parser_crash", message=f"the extraction process died on signal {signal_number}")
    return Bounded(error_code="parser_crash", message=f"the extraction process exited with code {code} "
                                                     f"(memory bound {memory_mb} MB)")
