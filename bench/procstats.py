"""Process statistics for the benchmarks, read through psutil.

One place for what run.py and load.py measure of their children: the process tree, CPU
seconds and memory. psutil reads ``/proc`` (and works elsewhere); only the peak resident
size of a process is read by hand, because psutil does not report it on Linux.
"""

from __future__ import annotations

import contextlib
import resource

import psutil

_GONE = (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess)


def tree(pid: int) -> list[int]:
    """``pid`` and every live descendant."""
    with contextlib.suppress(*_GONE):
        return [pid, *(child.pid for child in psutil.Process(pid).children(recursive=True))]
    return [pid]


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far; 0 once it is gone."""
    with contextlib.suppress(*_GONE):
        times = psutil.Process(pid).cpu_times()
        return float(times.user + times.system)
    return 0.0


def memory_kb(pid: int) -> int:
    """Proportional set size (pages shared between processes split among them), else the
    resident size where PSS cannot be read; 0 once the process is gone."""
    with contextlib.suppress(*_GONE):
        process = psutil.Process(pid)
        try:
            return int(process.memory_full_info().pss) // 1024
        except (AttributeError, psutil.AccessDenied):
            return int(process.memory_info().rss) // 1024
    return 0


def rss_mb(pid: int) -> float:
    """Resident memory of one process, MB (pages shared after fork count in each)."""
    with contextlib.suppress(*_GONE):
        return float(psutil.Process(pid).memory_info().rss) / 2**20
    return 0.0


def own_peak_mb() -> float:
    """This process's peak resident size, MB (VmHWM).

    Not ``ru_maxrss``: Linux keeps it across ``execve``, so a child started by a large
    parent reports the parent's peak.
    """
    with contextlib.suppress(OSError), open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
