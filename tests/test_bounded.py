"""Per-document bounds: a parser that loops, balloons or crashes fails that document only."""

from __future__ import annotations

import os
import signal
import time

from juesuan.bounded import run_bounded
from juesuan.pipeline import process_file_bounded
from tests.conftest import CORPUS


def loops_forever() -> None:
    while True:
        time.sleep(0.01)


def balloons() -> int:
    chunks = []
    while True:
        chunks.append(bytearray(50 * 1024 * 1024))


def crashes_in_c() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def answers(x: int) -> int:
    return x * 2


def raises() -> None:
    raise ValueError("a parser bug")


def child_pid() -> int:
    return os.getpid()


def test_a_loop_is_stopped_at_the_time_bound():
    started = time.perf_counter()
    result = run_bounded(loops_forever, timeout_s=1.0, memory_mb=None)
    assert result.error_code == "timeout" and "1 s" in result.message
    assert time.perf_counter() - started < 15  # forkserver start-up included


def test_a_balloon_is_stopped_at_the_memory_bound():
    result = run_bounded(balloons, timeout_s=30, memory_mb=400)
    assert result.error_code == "too_large"


def test_a_crash_in_native_code_is_reported():
    result = run_bounded(crashes_in_c, timeout_s=30, memory_mb=None)
    assert result.error_code == "parser_crash" and "signal 11" in result.message


def test_a_normal_call_returns_its_value():
    assert run_bounded(answers, 21, timeout_s=30, memory_mb=None).value == 42


def test_a_document_over_its_time_bound_is_recorded_as_failed():
    seed = next((CORPUS / "seed").glob("*.pdf"))
    result = process_file_bounded(seed, timeout_s=0.001)
    assert result.status == "failed"
    assert result.reason.startswith("timeout:")
    assert result.doc.problems[0].fatal
    assert len(result.sha256) == 64
    normal = process_file_bounded(seed)
    assert normal.status in ("loaded", "loaded_with_warnings") and len(normal.doc.records) == 396


def test_the_sandbox_child_is_kept_between_calls_and_replaced_after_a_failure():
    first = run_bounded(child_pid, timeout_s=30, memory_mb=None).value
    assert run_bounded(child_pid, timeout_s=30, memory_mb=None).value == first  # reused
    assert first != os.getpid()
    assert run_bounded(loops_forever, timeout_s=0.5, memory_mb=None).error_code == "timeout"
    after_timeout = run_bounded(child_pid, timeout_s=30, memory_mb=None).value
    assert after_timeout != first
    failed = run_bounded(raises, timeout_s=30, memory_mb=None)
    assert failed.error_code == "parser_crash" and "ValueError: a parser bug" in failed.message
    after_error = run_bounded(child_pid, timeout_s=30, memory_mb=None).value
    assert after_error != after_timeout
    assert run_bounded(crashes_in_c, timeout_s=30, memory_mb=None).error_code == "parser_crash"
    assert run_bounded(answers, 4, timeout_s=30, memory_mb=None).value == 8


def test_a_different_memory_bound_gets_its_own_child():
    unbounded = run_bounded(child_pid, timeout_s=30, memory_mb=None).value
    bounded = run_bounded(child_pid, timeout_s=30, memory_mb=1500).value
    assert bounded != unbounded
    assert run_bounded(balloons, timeout_s=30, memory_mb=400).error_code == "too_large"


def test_a_sandbox_that_died_while_idle_is_replaced_without_failing_the_next_call():
    first = run_bounded(child_pid, timeout_s=30, memory_mb=None).value
    os.kill(first, signal.SIGKILL)  # e.g. the kernel's OOM killer between two documents
    time.sleep(0.2)
    result = run_bounded(answers, 5, timeout_s=30, memory_mb=None)
    assert result.error_code is None and result.value == 10
