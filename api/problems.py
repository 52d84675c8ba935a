"""Every error leaves the API as an RFC 9457 problem (application/problem+json), from one table."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from registry.errors import (
    Conflict,
    EditRefused,
    EduvocError,
    Forbidden,
    InvalidInput,
    NotFound,
    Overloaded,
    QualityViolations,
    QueryRefused,
    QueryTimeout,
    Unauthenticated,
    UnknownReference,
    UnsupportedFormat,
)
from registry.validation import ValidationReport, to_json

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://w3id.org/eduvoc/problems/"

#: domain error -> (HTTP status, problem type slug, title); the most specific class first
STATUS_TABLE: tuple[tuple[type[EduvocError], int, str, str], ...] = (
    (NotFound, 404, "not-found", "Not found"),
    (UnsupportedFormat, 415, "unsupported-format", "Unsupported format"),
    (QueryRefused, 400, "query-refused", "Query refused"),
    (UnknownReference, 422, "unknown-reference", "Unknown reference"),
    (EditRefused, 422, "edit-refused", "Edit refused"),
    (InvalidInput, 400, "invalid-input", "Invalid input"),
    (QueryTimeout, 503, "query-timeout", "Query timed out"),
    (Conflict, 409, "conflict", "Conflict"),
    (Unauthenticated, 401, "unauthenticated", "Unauthenticated"),
    (Forbidden, 403, "forbidden", "Forbidden"),
    (QualityViolations, 422, "quality-violations", "Quality violations"),
    (Overloaded, 503, "overloaded", "Overloaded"),
    (EduvocError, 500, "registry-error", "Registry error"),
)


def quality_report_json(report: object) -> object:
    """The quality report that blocked a publication, as JSON."""
    return to_json(report) if isinstance(report, ValidationReport) else str(report)


def problem(status: int, slug: str, title: str, detail: str, instance: str, **extra) -> JSONResponse:
    body = {"type": PROBLEM_BASE + slug, "title": title, "status": status, "detail": detail, "instance": instance, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(EduvocError)
    async def domain_error(request: Request, error: EduvocError) -> JSONResponse:
        for error_class, status, slug, title in STATUS_TABLE:
            if isinstance(error, error_class):
                extra = {"location": error.location} if isinstance(error, InvalidInput) and error.location else {}
                if isinstance(error, InvalidInput):
                    extra.update(error.position())  # file, line, column, cell, row: where, as data
                if isinstance(error, QualityViolations):
                    extra["report"] = quality_report_json(error.report)
                response = problem(status, slug, title, error.message, request.url.path, **extra)
                if isinstance(error, Unauthenticated):
                    response.headers["WWW-Authenticate"] = 'Bearer realm="eduvoc"'
                return response
        raise error  # unreachable: EduvocError is the table's last row

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        invalid = [
            {"name": ".".join(str(part) for part in e["loc"][1:]) or e["loc"][0], "in": e["loc"][0], "reason": e["msg"]}
            for e in error.errors()
        ]
        detail = "; ".join(f"{p['name']}: {p['reason']}" for p in invalid)
        return problem(422, "invalid-parameters", "Invalid parameters", detail, request.url.path, invalid_params=invalid)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        slug = {404: "not-found", 405: "method-not-allowed", 406: "not-acceptable", 413: "too-large"}.get(error.status_code, "http-error")
        response = problem(error.status_code, slug, str(error.detail), str(error.detail), request.url.path)
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response
