"""The local engine ends its pool at once when the run is interrupted, even while a task is still being sent.

The state these tests build was seen under load (Python's fault handler showed it): Ctrl-C killed a worker while
it wrote its result, so the pool's own thread waited for ever on the half-written result and could not clean up,
and the thread that feeds the task queue waited for ever on a task no worker would read. Python's multiprocessing
joins that feeder at exit, and ``presslens`` hung after printing "interrupted". Here the pool's thread is held
on purpose after it hands over the first task, the workers never read one, and each task is far larger than a
pipe holds: the feeder is stuck on the first task every time.
"""
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from analysis.paths import PROJECT_ROOT

BLOCKED_POOL = """
import os, threading, time
import multiprocessing.util
from concurrent.futures import process
from analysis import cli
from analysis.pipeline.engines import ordered_map

process._process_worker = lambda *args, **kwargs: time.sleep(600)  # a worker that never reads its tasks
process._ExecutorManagerThread.wait_result_broken_or_wakeup = lambda self: threading.Event().wait()

def slow(item):
    return len(item)

def tasks():
    for i in range(8):
        if i == 3:  # three tasks handed to the pool, the feeder stuck on the first: the test may interrupt now
            print("ready", flush=True)
        yield b"x" * 8_000_000
"""


def _interrupted(script: str) -> subprocess.CompletedProcess:
    process = subprocess.Popen([sys.executable, "-c", BLOCKED_POOL + textwrap.dedent(script)], cwd=PROJECT_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Wait until the pool has its tasks, however slowly a loaded machine imports.
    assert process.stdout.readline() == "ready\n", process.communicate()[1][-2000:]
    time.sleep(1)
    process.send_signal(signal.SIGINT)
    try:
        stdout, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail("the process still waited a minute after Ctrl-C")
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_an_interrupted_pool_leaves_nothing_for_the_exit_handlers_to_wait_for():
    done = _interrupted("""
    try:
        for result in ordered_map(slow, tasks(), workers=2):
            pass
    except KeyboardInterrupt:
        multiprocessing.util._exit_function()  # what Python runs at exit
        print("exited", flush=True)
        os._exit(0)
    """)
    assert done.stdout == "exited\n"  # after "ready", which the test read


@pytest.mark.parametrize("engine_pool", [True, False], ids=["presslens pool", "any pool"])
def test_the_command_exits_130_after_ctrl_c_whatever_a_pool_was_doing(engine_pool):
    done = _interrupted(f"""
    from concurrent.futures import ProcessPoolExecutor

    def main(argv=None):
        if {engine_pool}:
            work = ordered_map(slow, tasks(), workers=2)
        else:  # a pool nothing stopped: the command's exit must not wait for it either
            pool = ProcessPoolExecutor(max_workers=2)
            work = (future.result() for future in [pool.submit(slow, task) for task in tasks()])
        try:
            for result in work:
                pass
        except KeyboardInterrupt:
            cli._error("interrupted; nothing was left behind")
            return 130

    cli.main = main
    cli.run()
    """)
    assert done.returncode == 130
    assert done.stderr == "presslens: interrupted; nothing was left behind\n"
