"""`govreports kibana import`: post the saved objects to Kibana's import API.

`POST /api/saved_objects/_import?overwrite=true` with the NDJSON as a multipart file and the `kbn-xsrf`
header Kibana requires on every write. Re-importing overwrites by id, so it is idempotent. With a
non-default index prefix the data views' index patterns are rewritten to it before the upload.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any

from govreports.errors import GovReportsError, StoreUnavailable

IMPORT_PATH = "/api/saved_objects/_import?overwrite=true"
STATUS_PATH = "/api/status"
DEFAULT_PREFIX = "govreports"


def retarget(ndjson: str, prefix: str) -> str:
    """Point the data views at `<prefix>-<kind>` aliases (the repository's file uses `govreports-`)."""
    if prefix == DEFAULT_PREFIX:
        return ndjson
    lines = []
    for line in ndjson.splitlines():
        obj = json.loads(line)
        if obj["type"] == "index-pattern":
            title = obj["attributes"]["title"]
            obj["attributes"]["title"] = prefix + title[len(DEFAULT_PREFIX):]
        lines.append(json.dumps(obj, ensure_ascii=False, sort_keys=True))
    return "\n".join(lines) + "\n"


def multipart(filename: str, content: bytes) -> tuple[bytes, str]:
    """A multipart/form-data body with one file field named `file` (what the import API reads)."""
    boundary = f"govreports-{uuid.uuid4().hex}"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
            "Content-Type: application/ndjson\r\n\r\n").encode()
    return head + content + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _headers(username: str, password: str) -> dict[str, str]:
    headers = {"kbn-xsrf": "true"}
    if username or password:
        token = base64.b64encode(f"{username}:{password}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    return headers


def _open(request: urllib.request.Request, timeout: float) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except (urllib.error.URLError, OSError) as exc:
        raise StoreUnavailable(f"Kibana at {request.full_url} is unreachable: {exc}") from exc


def wait_until_available(url: str, username: str, password: str, wait_s: float, timeout: float = 10,
                         sleep: Callable[[float], None] = time.sleep) -> None:
    """Poll `/api/status` until Kibana answers 200 (it answers 503 while starting)."""
    deadline = time.monotonic() + wait_s
    while True:
        request = urllib.request.Request(url.rstrip("/") + STATUS_PATH, headers=_headers(username, password))
        try:
            status, _ = _open(request, timeout)
            if status == 200:
                return
            problem = f"HTTP {status}"
        except StoreUnavailable as exc:
            problem = str(exc)
        if time.monotonic() >= deadline:
            raise StoreUnavailable(f"Kibana not available after {wait_s:.0f} s: {problem}")
        sleep(5)


def import_objects(url: str, ndjson: str, username: str = "", password: str = "",
                   timeout: float = 60) -> dict[str, Any]:
    """Upload; returns Kibana's answer. Raises GovReportsError naming the objects Kibana rejected."""
    body, content_type = multipart("govreports.ndjson", ndjson.encode("utf-8"))
    request = urllib.request.Request(url.rstrip("/") + IMPORT_PATH, data=body, method="POST",
                                     headers={**_headers(username, password), "Content-Type": content_type})
    status, raw = _open(request, timeout)
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        answer = {"message": raw[:500].decode("utf-8", "replace")}
    if status != 200:
        raise GovReportsError(f"Kibana import failed: HTTP {status} {answer.get('message', '')}".strip())
    if not answer.get("success", False):
        errors = answer.get("errors", [])
        shown = "; ".join(f"{e.get('type')} {e.get('id')}: {e.get('error', {}).get('type')}" for e in errors[:5])
        raise GovReportsError(f"Kibana rejected {len(errors)} saved object(s): {shown}")
    return answer
