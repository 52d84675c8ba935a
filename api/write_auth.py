"""Authentication before the body: every write route that needs a token decides who is calling
before its body is read or validated, so an anonymous write gets 401 whatever its body (not a 422
about a body nobody may send, nor the cost of reading it).

FastAPI reads and validates a route's body before it solves the route's dependencies, so the
check cannot be a dependency: it is an ASGI middleware. Which routes: the writes (POST, PUT,
PATCH, DELETE) whose endpoint depends on `api.deps._principal`, found from the app's own routes at
the first request. The principal found is kept in the request's state, so the dependency does
not verify the token a second time.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.routing import compile_path

from api.deps import PRINCIPAL_STATE, _principal
from api.problems import error_problem
from registry.auth import require_principal
from registry.errors import EduvocError

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def needs_principal(dependant: Dependant) -> bool:
    stack = [dependant]
    while stack:
        current = stack.pop()
        if current.call is _principal:
            return True
        stack.extend(current.dependencies)
    return False


def authenticated_writes(routes: Any) -> list[tuple[frozenset[str], re.Pattern[str]]]:
    """(methods, path pattern) of every write route that needs a principal."""
    found = []
    for context in iter_route_contexts(routes):
        route = context.original_route
        methods = frozenset(context.methods or ()) & WRITE_METHODS
        if isinstance(route, APIRoute) and methods and context.path and needs_principal(route.dependant):
            found.append((methods, compile_path(context.path)[0]))
    return found


class WriteAuthentication:
    """ASGI middleware: 401 for an anonymous or badly authenticated write, before its body."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.protected: list[tuple[frozenset[str], re.Pattern[str]]] | None = None

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] in WRITE_METHODS:
            if self.protected is None:
                self.protected = authenticated_writes(scope["app"].routes)
            if any(scope["method"] in methods and pattern.match(scope["path"]) for methods, pattern in self.protected):
                request = Request(scope)
                try:
                    principal = require_principal(await run_in_threadpool(_principal, request))
                except EduvocError as error:  # Unauthenticated
                    await error_problem(error, scope["path"])(scope, receive, send)
                    return
                scope.setdefault("state", {})[PRINCIPAL_STATE] = principal
        await self.app(scope, receive, send)
