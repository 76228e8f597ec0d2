"""What Linux's /proc says of a server process and its workers: memory and CPU.

The benchmarks measure the server from outside (it runs as its own process, with
``--workers N`` children), so every figure about it is read here, in one place.
"""

from __future__ import annotations

import os
from pathlib import Path


def _field_kb(path: str, key: str) -> int | None:
    """A ``Key:   123 kB`` line of a /proc file, in kB; None when the process is gone."""
    try:
        for line in Path(path).read_text("ascii").splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_bytes(pid: int) -> int:
    """Resident memory of a process now."""
    kb = _field_kb(f"/proc/{pid}/status", "VmRSS:")
    if kb is None:
        raise RuntimeError(f"no VmRSS for {pid}")
    return kb * 1024


def children(pid: int) -> list[int]:
    """The direct children of a process (a server's worker processes)."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def tree_peak_rss_kb(pid: int) -> int:
    """Peak RSS summed over a process and all its descendants (shared pages counted in each)."""
    return (_field_kb(f"/proc/{pid}/status", "VmHWM:") or 0) + sum(tree_peak_rss_kb(c) for c in children(pid))


def tree_pss_kb(pid: int) -> int:
    """Proportional set size now, over a process and its children: pages they share (the
    index, mapped read-only) are counted once, not once per process."""
    return sum(_field_kb(f"/proc/{p}/smaps_rollup", "Pss:") or 0 for p in [pid, *children(pid)])


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU used so far by a process and its children."""
    ticks = 0
    for p in [pid, *children(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")
