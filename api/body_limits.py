"""One request-body limit per route, enforced while the body is read, before any route sees it.

Routes that take a file (vocabulary, dataset, metadata document, SSSOM table; the editor's
upload forms) may receive `upload_max_bytes` (plus room for the form's own fields); they read the
body themselves with `api.uploads.read_body` and check what they parse (registry/input_bounds.py).
Every other body is JSON or a small form: at most `DEFAULT_BODY_LIMIT` bytes, read here in full
(so never more than that is held), and JSON nested deeper than `MAX_JSON_DEPTH` is refused before
FastAPI's recursive `json.loads` sees it. A refusal is a 413 problem naming the limit.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from api.problems import problem
from registry.errors import InputLimitExceeded
from registry.input_bounds import check_json_depth

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: a JSON body or a small form (resolve 1,000 IRIs, a gap analysis, a reconciliation batch, …)
DEFAULT_BODY_LIMIT = 4_000_000
#: room for a form's other fields and multipart framing around an uploaded file
FORM_OVERHEAD = 64_000
#: (methods, path) of the routes that take a file of up to `upload_max_bytes`
UPLOAD_ROUTES: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = tuple(
    (frozenset(methods), re.compile(path))
    for methods, path in (
        ({"PUT"}, r"/api/vocabularies/[^/]+/draft"),
        ({"POST", "PUT"}, r"/api/datasets"),
        ({"POST"}, r"/validate"),
        ({"PUT"}, r"/api/mapping-sets/[^/]+/import"),
        ({"POST"}, r"/editor/vocabularies"),
        ({"POST"}, r"/editor/vocabularies/[^/]+/draft"),
        ({"POST"}, r"/editor/mapping-sets/[^/]+/import"),
    )
)
JSON_TYPE = re.compile(r"^application/([a-z0-9.+-]+\+)?json\s*(;|$)", re.IGNORECASE)


class TooLarge(Exception):
    pass


class BodyLimits:
    """ASGI middleware: the per-route body limit, and the JSON depth of small bodies."""

    def __init__(self, app: ASGIApp, upload_max_bytes: int) -> None:
        self.app = app
        self.upload_limit = upload_max_bytes + FORM_OVERHEAD

    def limit_for(self, method: str, path: str) -> tuple[int, bool]:
        """(limit in bytes, whether the route reads a file itself)."""
        for methods, pattern in UPLOAD_ROUTES:
            if method in methods and pattern.fullmatch(path):
                return self.upload_limit, True
        return DEFAULT_BODY_LIMIT, False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit, upload = self.limit_for(scope["method"], scope["path"])
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, receive, send, f"the request body ({declared} bytes) is larger than the limit of {limit} bytes")
            return
        if upload:
            await self.app(scope, _counting(receive, limit), send)
            return
        try:
            body = await _read_all(receive, limit)
        except TooLarge:
            await self._refuse(scope, receive, send, f"the request body is larger than the limit of {limit} bytes")
            return
        if JSON_TYPE.match(headers.get("content-type", "")):
            try:
                check_json_depth(body, "the JSON body")
            except InputLimitExceeded as error:
                await self._refuse(scope, receive, send, error.message)
                return
        await self.app(scope, _replay(body, receive), send)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, detail: str) -> None:
        await problem(413, "too-large", "Content too large", detail, scope["path"])(scope, receive, send)


async def _read_all(receive: Receive, limit: int) -> bytes:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: wait for the disconnect, as the server would

    return replayed


def _counting(receive: Receive, limit: int) -> Receive:
    """`receive`, refusing (413, through the app's problem handler) once more than `limit` bytes came."""
    from starlette.exceptions import HTTPException

    size = 0

    async def counted() -> Message:
        nonlocal size
        message = await receive()
        size += len(message.get("body", b""))
        if size > limit:
            raise HTTPException(413, f"the request body is larger than the limit of {limit} bytes")
        return message

    return counted
