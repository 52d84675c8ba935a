"""The OpenAPI document says every status code and content type an operation can answer with.

FastAPI documents the success response and a JSON 422; the API also answers with RFC 9457
problems (application/problem+json, api/problems.py) for domain errors, the body limits
(api/body_limits.py) and authentication (api/write_auth.py), and many operations negotiate
other formats. This module adds, to the generated document:
  - a `Problem` schema, and problem responses derived from each operation's shape: 400 and 422
    where it takes input, 404 where it has path parameters or a `uri`, 415 with a `format`,
    401/403 where it needs a token, 409 for writes (the write lock), 413 where it takes a body,
    JSONP (application/javascript) with a `callback`;
  - what a shape cannot tell, from one table (`EXTRA`): other success media types, redirects,
    415, 406, 503 and the like, per operation.
The bounded schemathesis pass (tests/fuzz/api_fuzz.py, `make fuzz`) checks the result.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts

from api.problems import PROBLEM_MEDIA_TYPE
from api.write_auth import needs_principal

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details",
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "location": {"type": "string"},
        "invalid_params": {"type": "array", "items": {"type": "object"}},
        "report": {},
    },
}
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
REASONS = {
    400: "Invalid input", 401: "No valid token", 403: "Not allowed for this token", 404: "Not found",
    405: "Method not allowed", 406: "No acceptable representation", 409: "Conflicting write",
    413: "Input beyond a limit", 415: "Unsupported media type", 422: "Invalid parameters",
    503: "Overloaded or timed out; try again",
}
RDF_TYPES = ("text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples")
SPREADSHEET_TYPES = ("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
SPARQL_RESULT_TYPES = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                       "text/tab-separated-values", *RDF_TYPES)

#: (method, path) -> {status: media types (empty: no body)}; problem statuses are given as "problem"
EXTRA: dict[tuple[str, str], dict[int, tuple[str, ...] | str]] = {
    ("GET", "/sparql"): {200: (*SPARQL_RESULT_TYPES, "text/html"), 406: "problem", 413: "problem", 503: "problem"},  # no query: page or service description
    ("POST", "/sparql"): {200: SPARQL_RESULT_TYPES, 406: "problem", 415: "problem", 503: "problem"},
    ("GET", "/api/vocabularies/{vocabulary_id}/draft/export"): {200: (*SPREADSHEET_TYPES, *RDF_TYPES)},
    ("GET", "/api/vocabularies/{vocabulary_id}/export"): {200: (*SPREADSHEET_TYPES, *RDF_TYPES)},
    ("GET", "/api/spreadsheet-template"): {200: SPREADSHEET_TYPES},
    ("GET", "/api/vocabularies/{vocabulary_id}/draft/quality"): {200: ("application/json", "text/turtle", "text/csv"), 406: "problem"},
    ("GET", "/api/vocabularies/{vocabulary_id}/feed"): {200: ("application/feed+json",)},
    ("GET", "/release/{vocabulary_id}/{version}"): {200: RDF_TYPES, 303: (), 304: (), 406: "problem"},
    ("HEAD", "/release/{vocabulary_id}/{version}"): {200: RDF_TYPES, 303: (), 304: (), 406: "problem"},
    ("PUT", "/api/vocabularies/{vocabulary_id}/draft"): {415: "problem"},
    ("POST", "/api/datasets"): {200: ("application/json",), 415: "problem"},
    ("PUT", "/api/datasets"): {201: ("application/json",), 415: "problem"},
    ("GET", "/api/datasets/catalogue"): {406: "problem"},
    ("GET", "/api/datasets/{dataset_id}"): {406: "problem"},
    ("PUT", "/api/mapping-sets/{set_id}/import"): {415: "problem"},
    ("GET", "/api/mapping-sets/{set_id}"): {406: "problem"},
    ("POST", "/validate"): {415: "problem", 406: "problem"},
    ("POST", "/reconcile"): {415: "problem"},
    ("GET", "/contexts/{name}"): {200: ("application/ld+json",)},
    ("GET", "/api/audit"): {200: ("text/turtle",)},
}
for _area in ("resource", "vocab/{path}", "def/{path}", "org/{path}"):
    for _method in ("GET", "HEAD"):
        EXTRA[(_method, f"/{_area}")] = {200: ("text/html", *RDF_TYPES), 303: (), 406: "problem"}


def _problem(status: int) -> dict[str, Any]:
    return {"description": REASONS.get(status, "Problem"), "content": {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}}}


def _derived(method: str, operation: dict[str, Any], route: APIRoute | None) -> set[int]:
    """The problem statuses an operation's shape implies."""
    parameters = operation.get("parameters", [])
    takes_input = bool(parameters) or "requestBody" in operation or method in ("POST", "PUT", "PATCH")
    statuses: set[int] = set()
    if takes_input:
        statuses |= {400, 422}
    names = {p.get("name") for p in parameters}
    if any(p.get("in") == "path" for p in parameters) or "uri" in names:
        statuses.add(404)  # what the path or the IRI names may not exist
    if "format" in names:
        statuses.add(415)  # a format the operation cannot write
    if route is not None and needs_principal(route.dependant):
        statuses |= {401, 403}
        if method in ("POST", "PUT", "PATCH", "DELETE"):
            statuses |= {404, 409}
    if method in ("POST", "PUT", "PATCH"):
        statuses.add(413)
    return statuses


def complete(document: dict[str, Any], routes: dict[tuple[str, str], APIRoute]) -> dict[str, Any]:
    """`document` with the problem schema and every operation's full set of responses."""
    document.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            key = (method.upper(), path)
            responses = operation.setdefault("responses", {})
            for status in sorted(_derived(key[0], operation, routes.get(key))):
                responses[str(status)] = _problem(status)
            if any(p.get("name") == "callback" for p in operation.get("parameters", [])):
                responses["200"].setdefault("content", {}).setdefault("application/javascript", {})  # JSONP
            for status, media_types in EXTRA.get(key, {}).items():
                if media_types == "problem":
                    responses[str(status)] = _problem(status)
                    continue
                response = responses.setdefault(str(status), {"description": "See the operation's summary"})
                if media_types:
                    content = response.setdefault("content", {})
                    for media_type in media_types:
                        content.setdefault(media_type, {})
            for status in list(responses):
                if status.startswith(("4", "5")) and not responses[status].get("content"):
                    responses[status] = _problem(int(status))  # declared by the route without its body
    return document


def install_contract(app: FastAPI) -> None:
    """Make `app.openapi()` return the completed document (built once, at the first call)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            routes = {}
            for context in iter_route_contexts(app.routes):
                if isinstance(context.original_route, APIRoute) and context.path:
                    for method in context.methods or ():
                        routes[(method, context.path)] = context.original_route
            app.openapi_schema = complete(generate(), routes)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
