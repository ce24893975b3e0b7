"""Container health probes for the govreports image (stdlib only, no shell tools needed in python:slim).

    python /app/docker/healthcheck.py process "celery"        a process whose command line has the text
    python /app/docker/healthcheck.py http http://host:port/  an HTTP answer below 500

Exit 0 when healthy, 1 otherwise (what Docker's HEALTHCHECK expects).
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def process_running(needle: str) -> bool:
    own = str(os.getpid())
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or pid == own:
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                command = handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:  # the process ended while we looked
            continue
        if needle in command and "healthcheck.py" not in command:
            return True
    return False


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status < 500
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except OSError:
        return False


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[1] == "process":
        return 0 if process_running(argv[2]) else 1
    if len(argv) == 3 and argv[1] == "http":
        return 0 if http_ok(argv[2]) else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
