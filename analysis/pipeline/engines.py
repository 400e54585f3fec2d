"""Run a function over chunks of work, in order, on this machine or on a Dask cluster.

Both engines hand out coarse chunks (hundreds of files each) and keep only a
few in flight, so results arrive in input order while memory stays bounded:

- ``local``: a process pool of ``workers`` processes (threads would gain
  nothing: the work is pure Python). ``workers=1`` runs in this process.
- ``dask``: a ``dask.distributed`` cluster at ``scheduler``, or, without one,
  a ``LocalCluster`` of ``workers`` single-threaded processes started for the
  run (it costs a few seconds to start, so it pays off on large corpora only).

Every engine gives the same results, because the chunks and the function are
the same; only where the function runs differs.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from analysis.errors import OptionError

ENGINES = ("local", "dask")
SCHEDULER_SECONDS = 10  # how long to try to reach a Dask scheduler before saying it cannot be reached


def check_engine(engine: str) -> None:
    """A clear error for an engine name PressLens does not know."""
    if engine not in ENGINES:
        raise OptionError(f"the engine must be one of {', '.join(ENGINES)}, not {engine!r}")


def check_workers(workers: int | None) -> None:
    """A clear error for a number of workers below one."""
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise OptionError(f"the number of workers must be 1 or more, not {workers!r}")


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def ordered_map(func: Callable, items: Iterable, *, engine: str = "local", workers: int | None = None,
                scheduler: str | None = None, in_flight: int | None = None) -> Iterator:
    """Yield ``func(item)`` for each item, in order, computed on ``engine``."""
    check_engine(engine)
    check_workers(workers)
    workers = workers or default_workers()
    in_flight = in_flight or 2 * workers
    if engine == "local":
        yield from _local(func, items, workers, in_flight)
    else:
        yield from _dask(func, items, workers, scheduler, in_flight)


def _local(func, items, workers, in_flight) -> Iterator:
    if workers == 1:
        for item in items:
            yield func(item)
        return
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),))
    try:
        yield from _windowed(lambda item: pool.submit(func, item), items, in_flight)
    except BaseException:  # Ctrl-C, an error, or the consumer stopped: the workers must not outlive the run
        _stop(pool, [p for p in multiprocessing.active_children() if p not in before])
        raise
    pool.shutdown(wait=True)


def _stop(pool, workers: list) -> None:
    """End a pool at once. ``shutdown`` alone can wait for ever: a Ctrl-C that lands while the pool starts a
    worker leaves that worker waiting for a task that nobody will send, and Python joins it at exit."""
    # The thread that feeds the task queue may be writing a task no worker will read: joining it (at exit, or in
    # the pool's own thread) would wait for ever. ``shutdown`` forgets the queue, so it is taken first.
    tasks = getattr(pool, "_call_queue", None)
    if tasks is not None:
        tasks.cancel_join_thread()
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout=10)


def _die_with_parent(parent: int | None = None) -> None:
    """Ask Linux to end this worker when the process that started it dies, even by SIGKILL (the signal is
    SIGTERM, whose default action ends the process)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a handler inherited from the parent would keep the worker alive
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers end when their pipe closes
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if parent is not None and os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _dask(func, items, workers, scheduler, in_flight) -> Iterator:
    from dask.distributed import Client, LocalCluster  # lazy: dask takes a second to import, and only this engine needs it

    if scheduler:
        try:
            client = Client(scheduler, timeout=SCHEDULER_SECONDS)
        except (OSError, TimeoutError, ValueError, TypeError) as err:
            detail = (str(err).strip().splitlines() or [type(err).__name__])[0][:160]
            raise OptionError(f"cannot reach the Dask scheduler at {scheduler} ({detail}); start it, or leave out "
                              "--scheduler to run a cluster on this machine") from None
        with client:
            yield from _windowed(lambda item: client.submit(func, item, pure=False), items, in_flight)
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        yield from _windowed(lambda item: client.submit(func, item, pure=False), items, in_flight)


def _windowed(submit, items, in_flight) -> Iterator:
    pending: deque = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
