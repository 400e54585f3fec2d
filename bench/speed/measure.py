"""Wall time and peak memory of a command and every process it starts (Linux /proc), for the benchmarks.

Jupyter kernels start in a session of their own, so the memory is summed over the process tree by parent
pid, not over the process group. The sum is of resident memory (RSS) unless ``memory="pss"``: RSS counts a page
that forked workers share with their parent once in each process, the proportional set size (PSS, from
``/proc/<pid>/smaps_rollup``) divides it among them, so a sum of PSS is what the tree holds.
"""
from __future__ import annotations

import os
import resource
import subprocess
import time


def tree_rss_kb(pid: int, memory: str = "rss") -> int:
    """Resident memory (``memory="rss"``) or proportional set size (``"pss"``) of a process and all its
    descendants, in KB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            kb = _pss_kb(entry) if memory == "pss" else _rss_kb(entry)
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
        rss[int(entry)] = kb
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def _rss_kb(pid: str) -> int:
    with open(f"/proc/{pid}/status") as handle:
        return next((int(line.split()[1]) for line in handle if line.startswith("VmRSS:")), 0)


def _pss_kb(pid: str) -> int:
    with open(f"/proc/{pid}/smaps_rollup") as handle:
        return next((int(line.split()[1]) for line in handle if line.startswith("Pss:")), 0)


def measure(command: list[str], *, env: dict | None = None, interval: float = 0.2, memory: str = "rss"
            ) -> tuple[float, float]:
    """Wall seconds and peak memory (MB; ``memory`` as in :func:`tree_rss_kb`) of a command and its process tree,
    sampled every ``interval`` s."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kb(process.pid, memory))
        time.sleep(interval)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{command} failed: {process.stderr.read()[-2000:]}")
    return seconds, peak / 1024


def measure_cpu(command: list[str], *, env: dict | None = None, interval: float = 0.2, memory: str = "rss"
                ) -> tuple[float, float, float]:
    """As :func:`measure`, and the CPU seconds (user and system) of the command and of every process it waited
    for: a figure that other work on a busy machine changes much less than the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, peak = measure(command, env=env, interval=interval, memory=memory)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, peak, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
