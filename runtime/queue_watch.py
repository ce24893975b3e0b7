"""Read the pipeline's progress out of Redis: queue length, unacknowledged tasks, page counters.

Counting is by event, in one unit: `PageSender` counts every page handed to the workers (fetched by the
crawler or re-queued by reprocess/retry-failed) and each task counts its page's outcome once (stored,
skipped, failed, or parked on the dead-letter list when the store stayed down). So at any moment
`fetched = stored + skipped + failed + parked + queued + in flight`, and a non-zero `gap` on an idle
queue means a page was lost. Used by `status`, `demo` and to decide when a run has drained.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import redis

from govreports.defaults import CELERY_QUEUE, REDIS_KEY_PREFIX

FETCHED_COUNTER = f"{REDIS_KEY_PREFIX}:stats:pages_fetched"
OUTCOMES = ("stored", "skipped", "failed", "parked")


def outcome_counter(outcome: str) -> str:
    return f"{REDIS_KEY_PREFIX}:stats:outcome:{outcome}"


DEAD_LETTER_KEY = f"{REDIS_KEY_PREFIX}:dead_letter"
# kombu's Redis transport keeps delivered-but-unacked messages in this hash until the ack.
KOMBU_UNACKED = "unacked"


@dataclass(frozen=True)
class QueueState:
    queued: int
    unacked: int
    fetched: int
    outcomes: dict[str, int]
    dead_letter: int = 0  # messages parked now (retry-failed removes them); `outcomes["parked"]` counts events

    @property
    def processed(self) -> int:
        return sum(self.outcomes.values())

    @property
    def idle(self) -> bool:
        return self.queued == 0 and self.unacked == 0

    @property
    def gap(self) -> int:
        """Pages fetched but neither accounted for nor pending; only meaningful when idle."""
        return self.fetched - self.processed - self.queued - self.unacked

    def to_dict(self) -> dict[str, object]:
        return {"queued": self.queued, "in_flight": self.unacked, "fetched": self.fetched,
                "processed": self.processed, "outcomes": dict(self.outcomes), "dead_letter": self.dead_letter,
                "gap": self.gap}


def read_state(client: redis.Redis) -> QueueState:
    with client.pipeline(transaction=False) as pipe:
        pipe.llen(CELERY_QUEUE).hlen(KOMBU_UNACKED).get(FETCHED_COUNTER).llen(DEAD_LETTER_KEY)
        for outcome in OUTCOMES:
            pipe.get(outcome_counter(outcome))
        queued, unacked, fetched, dead, *counts = pipe.execute()
    outcomes = {name: int(value or 0) for name, value in zip(OUTCOMES, counts)}
    return QueueState(int(queued), int(unacked), int(fetched or 0), outcomes, int(dead))


def wait_for_drain(
    client: redis.Redis,
    processed_before: int,
    expected: int,
    timeout_s: float,
    on_progress: Callable[[int], None] = lambda done: None,
    check_workers: Callable[[], None] = lambda: None,
    poll_s: float = 0.25,
) -> QueueState:
    """Block until `expected` more pages are processed and the queue is idle on two polls in a row."""
    deadline = time.monotonic() + timeout_s
    idle_polls = 0
    while True:
        state = read_state(client)
        on_progress(state.processed - processed_before)
        done = state.processed - processed_before >= expected
        idle_polls = idle_polls + 1 if (done and state.idle) else 0
        if idle_polls >= 2:
            return state
        check_workers()
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"queue not drained after {timeout_s:.0f}s: {state.processed - processed_before}/{expected} "
                f"processed, {state.queued} queued, {state.unacked} in flight"
            )
        time.sleep(poll_s)
