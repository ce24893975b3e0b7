"""The shared request queue with leases: a crawler killed with kill -9 loses no queued or in-flight request.

scrapy-redis pops a request off the Redis queue and forgets it; if the process dies before the response
is handled, the request is gone. Here popping moves the request into a lease held by the popping
process, and the request leaves Redis only when it is acknowledged — after its page was archived and
sent, its list page parsed and its links queued, or its failure recorded. Each process keeps a heartbeat
key alive (`CRAWL_LEASE_TIMEOUT`); leases of a process whose heartbeat expired go back to the queue, and
so does every lease a process still holds when it closes (Ctrl-C, SIGTERM).

Keys (`<key>` is the queue, a sorted set of serialized requests, score = -priority like scrapy-redis):
`<key>:leases` hash lease id → "owner\\n score\\n request", `<key>:lease_seq` counter, `<key>:owner:<id>`
heartbeats. Pop, reclaim and requeue are Lua scripts, atomic on the server.
"""

from __future__ import annotations

import os
import socket
import uuid
from typing import Any

import redis
from scrapy import Request
from scrapy_redis.queue import Base

LEASE_META = "govreports_lease"

_POP = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
local id = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], id, ARGV[1] .. '\\n' .. item[2] .. '\\n' .. item[1])
return {tostring(id), item[1]}
"""

# Return leases to the queue: ARGV[1] = owner to release ("" = every owner whose heartbeat is gone),
# ARGV[2] = heartbeat key prefix. Returns how many went back.
_RECLAIM = """
local leases = redis.call('HGETALL', KEYS[2])
local back = 0
for i = 1, #leases, 2 do
  local value = leases[i + 1]
  local a = string.find(value, '\\n', 1, true)
  local b = string.find(value, '\\n', a + 1, true)
  local owner = string.sub(value, 1, a - 1)
  local release = (ARGV[1] ~= '' and owner == ARGV[1]) or
                  (ARGV[1] == '' and redis.call('EXISTS', ARGV[2] .. owner) == 0)
  if release then
    redis.call('ZADD', KEYS[1], tonumber(string.sub(value, a + 1, b - 1)), string.sub(value, b + 1))
    redis.call('HDEL', KEYS[2], leases[i])
    back = back + 1
  end
end
return back
"""

_HELD_BY_OTHERS = """
local leases = redis.call('HVALS', KEYS[1])
local count = 0
for _, value in ipairs(leases) do
  if string.sub(value, 1, #ARGV[1] + 1) ~= ARGV[1] .. '\\n' then count = count + 1 end
end
return count
"""

# Push a request and acknowledge the lease of the request it replaces (a redirect or retry), atomically.
_PUSH_REPLACING = """
if ARGV[3] ~= '' then redis.call('HDEL', KEYS[2], ARGV[3]) end
if ARGV[2] ~= '' then redis.call('ZADD', KEYS[1], tonumber(ARGV[1]), ARGV[2]) end
return 1
"""


def new_owner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class LeasedQueue(Base):
    """A priority queue whose `pop` leases; scrapy-redis's `Base` provides the (JSON) request codec."""

    def __init__(self, server: redis.Redis, spider: Any, key: str, serializer: Any = None,
                 lease_timeout_s: int = 60, owner: str | None = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.owner = owner or new_owner_id()
        self.lease_timeout_ms = max(1000, int(lease_timeout_s * 1000))
        self.leases_key = f"{self.key}:leases"
        self.seq_key = f"{self.key}:lease_seq"
        self.owner_prefix = f"{self.key}:owner:"
        self._pop = server.register_script(_POP)
        self._reclaim = server.register_script(_RECLAIM)
        self._push_replacing = server.register_script(_PUSH_REPLACING)
        self._held_by_others = server.register_script(_HELD_BY_OTHERS)

    def __len__(self) -> int:
        return int(self.server.zcard(self.key))

    def heartbeat(self) -> None:
        """Keep this process's leases alive for another lease timeout."""
        self.server.set(self.owner_prefix + self.owner, b"1", px=self.lease_timeout_ms)

    def push(self, request: Request) -> None:
        self.push_replacing(request, "")

    def push_replacing(self, request: Request | None, lease_id: str) -> None:
        """Queue `request` (if any) and acknowledge `lease_id` (if any) in one step."""
        payload = self._encode_request(request) if request is not None else b""
        score = -request.priority if request is not None else 0
        self._push_replacing(keys=[self.key, self.leases_key], args=[score, payload, lease_id])

    def pop(self, timeout: int = 0) -> Request | None:
        found = self._pop(keys=[self.key, self.leases_key, self.seq_key], args=[self.owner])
        if not found:
            return None
        lease_id, payload = found
        request = self._decode_request(payload)
        request.meta[LEASE_META] = lease_id.decode() if isinstance(lease_id, bytes) else str(lease_id)
        return request

    def ack(self, lease_id: str) -> bool:
        return bool(self.server.hdel(self.leases_key, lease_id))

    def reclaim_expired(self) -> int:
        """Leases of processes whose heartbeat is gone go back to the queue; returns how many."""
        return int(self._reclaim(keys=[self.key, self.leases_key], args=["", self.owner_prefix]))

    def release_own(self) -> int:
        """Every lease this process holds goes back to the queue (on close); the heartbeat is dropped."""
        back = int(self._reclaim(keys=[self.key, self.leases_key], args=[self.owner, self.owner_prefix]))
        self.server.delete(self.owner_prefix + self.owner)
        return back

    def leases_held(self) -> int:
        return int(self.server.hlen(self.leases_key))

    def leases_held_by_others(self) -> int:
        return int(self._held_by_others(keys=[self.leases_key], args=[self.owner]))

    def clear(self) -> None:
        self.server.delete(self.key, self.leases_key, self.seq_key)


class LeaseAcks:
    """Acknowledge leases from anywhere in the process (spider callbacks, the item pipeline) with the
    same key layout as `LeasedQueue`, without reaching into the scheduler."""

    def __init__(self, client: redis.Redis, queue_key: str) -> None:
        self.client = client
        self.leases_key = f"{queue_key}:leases"

    def ack(self, request: Request) -> None:
        lease_id = request.meta.pop(LEASE_META, None)
        if lease_id:
            self.client.hdel(self.leases_key, lease_id)
