"""Memory of a process from Linux's /proc/<pid>/smaps_rollup: RSS, PSS and USS.

RSS counts every resident page a process maps, so the RSS of a prefork pool double-counts the pages
children still share with their parent (copy-on-write after the preload). PSS divides each shared page
among the processes mapping it (the sum over a process tree is its real footprint); USS is the pages
only this process has (private clean + private dirty): what killing it would free. Where smaps_rollup
cannot be read (not Linux, or another user's process), only RSS is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import psutil

_FIELD = re.compile(r"^(\w+):\s+(\d+) kB$", re.M)
MIB_PER_KB = 1 / 1024


def parse_smaps_rollup(text: str) -> dict[str, int]:
    """Fields of a smaps_rollup file in kB, e.g. {"Rss": 1708, "Pss": 323, …}."""
    return {name: int(value) for name, value in _FIELD.findall(text)}


@dataclass(frozen=True)
class MemoryUse:
    pid: int
    rss_mb: float
    pss_mb: float | None = None
    uss_mb: float | None = None

    @classmethod
    def from_rollup(cls, pid: int, fields: dict[str, int]) -> "MemoryUse":
        missing = {"Rss", "Pss", "Private_Clean", "Private_Dirty"} - fields.keys()
        if missing:
            raise ValueError(f"smaps_rollup of {pid} lacks {', '.join(sorted(missing))}")
        return cls(pid, fields["Rss"] * MIB_PER_KB, fields["Pss"] * MIB_PER_KB,
                   (fields["Private_Clean"] + fields["Private_Dirty"]) * MIB_PER_KB)

    def to_dict(self) -> dict[str, float | int | None]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 1)

        return {"pid": self.pid, "rss_mb": rounded(self.rss_mb), "pss_mb": rounded(self.pss_mb),
                "uss_mb": rounded(self.uss_mb)}


def process_memory(pid: int) -> MemoryUse:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            return MemoryUse.from_rollup(pid, parse_smaps_rollup(rollup.read()))
    except (OSError, ValueError):
        return MemoryUse(pid, psutil.Process(pid).memory_info().rss / 2**20)


def tree_memory(pid: int) -> list[MemoryUse]:
    """The process and all its descendants (a Celery worker and its pool children), parent first."""
    parent = psutil.Process(pid)
    return [process_memory(p.pid) for p in [parent, *parent.children(recursive=True)]]


def total(uses: list[MemoryUse], field: str) -> float | None:
    values = [getattr(use, field) for use in uses]
    return None if any(v is None for v in values) else sum(values)
