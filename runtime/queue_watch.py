"""Read the pipeline's progress out of Redis: queue length, unacknowledged tasks, page counters.

Used by `status` and to decide when a run has drained (everything sent has been processed and nothing
is queued or in flight).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import redis

from govreports.defaults import CELERY_QUEUE, REDIS_KEY_PREFIX

FETCHED_COUNTER = f"{REDIS_KEY_PREFIX}:stats:pages_fetched"
PROCESSED_COUNTER = f"{REDIS_KEY_PREFIX}:stats:pages_processed"
DEAD_LETTER_KEY = f"{REDIS_KEY_PREFIX}:dead_letter"
# kombu's Redis transport keeps delivered-but-unacked messages in this hash until the ack.
KOMBU_UNACKED = "unacked"


@dataclass(frozen=True)
class QueueState:
    queued: int
    unacked: int
    fetched: int
    processed: int
    dead_letter: int = 0

    @property
    def idle(self) -> bool:
        return self.queued == 0 and self.unacked == 0

    def to_dict(self) -> dict[str, int]:
        return {"queued": self.queued, "in_flight": self.unacked, "fetched": self.fetched, "processed": self.processed,
                "dead_letter": self.dead_letter}


def read_state(client: redis.Redis) -> QueueState:
    with client.pipeline(transaction=False) as pipe:
        pipe.llen(CELERY_QUEUE).hlen(KOMBU_UNACKED).get(FETCHED_COUNTER).get(PROCESSED_COUNTER)
        pipe.llen(DEAD_LETTER_KEY)
        queued, unacked, fetched, processed, dead = pipe.execute()
    return QueueState(int(queued), int(unacked), int(fetched or 0), int(processed or 0), int(dead))


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
