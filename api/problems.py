"""Every error leaves the API as an RFC 9457 problem (application/problem+json), from one table."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.i18n import translate
from api.negotiation import negotiate
from registry.errors import (
    Conflict,
    EditRefused,
    EduvocError,
    Forbidden,
    ForeignStatements,
    InputLimitExceeded,
    InvalidInput,
    NotFound,
    Overloaded,
    QualityViolations,
    QueryRefused,
    QueryTimeout,
    StorageFull,
    StorageReadOnly,
    Unauthenticated,
    UnknownReference,
    UnsupportedFormat,
    storage_error,
)
from registry.validation import ValidationReport, to_json

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://w3id.org/eduvoc/problems/"

#: domain error -> (HTTP status, problem type slug, title); the most specific class first
STATUS_TABLE: tuple[tuple[type[EduvocError], int, str, str], ...] = (
    (NotFound, 404, "not-found", "Not found"),
    (UnsupportedFormat, 415, "unsupported-format", "Unsupported format"),
    (QueryRefused, 400, "query-refused", "Query refused"),
    (InputLimitExceeded, 413, "limit-exceeded", "Input exceeds a limit"),
    (UnknownReference, 422, "unknown-reference", "Unknown reference"),
    (EditRefused, 422, "edit-refused", "Edit refused"),
    (InvalidInput, 400, "invalid-input", "Invalid input"),
    (QueryTimeout, 503, "query-timeout", "Query timed out"),
    (Conflict, 409, "conflict", "Conflict"),
    (Unauthenticated, 401, "unauthenticated", "Unauthenticated"),
    (Forbidden, 403, "forbidden", "Forbidden"),
    (QualityViolations, 422, "quality-violations", "Quality violations"),
    (ForeignStatements, 422, "foreign-statements", "Statements about another vocabulary's terms"),
    (Overloaded, 503, "overloaded", "Overloaded"),
    (StorageFull, 507, "insufficient-storage", "Insufficient storage"),
    (StorageReadOnly, 503, "read-only", "Read-only"),
    (EduvocError, 500, "registry-error", "Registry error"),
)


def quality_report_json(report: object) -> object:
    """The quality report that blocked a publication, as JSON."""
    return to_json(report) if isinstance(report, ValidationReport) else str(report)


#: longest `detail` a problem carries: a message never echoes a large input back
MAX_DETAIL_CHARS = 2_000


def problem(status: int, slug: str, title: str, detail: str, instance: str, **extra) -> JSONResponse:
    if len(detail) > MAX_DETAIL_CHARS:
        detail = detail[:MAX_DETAIL_CHARS] + f"… (cut at {MAX_DETAIL_CHARS} of {len(detail)} characters)"
    body = {"type": PROBLEM_BASE + slug, "title": title, "status": status, "detail": detail, "instance": instance, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE)


def error_problem(error: EduvocError, instance: str) -> JSONResponse:
    """The problem a domain error is answered with (also for middleware, outside the handlers)."""
    for error_class, status, slug, title in STATUS_TABLE:
        if isinstance(error, error_class):
            extra = {"location": error.location} if isinstance(error, InvalidInput) and error.location else {}
            if isinstance(error, InvalidInput):
                extra.update(error.position())  # file, line, column, cell, row: where, as data
            if isinstance(error, QualityViolations):
                extra["report"] = quality_report_json(error.report)
            if isinstance(error, ForeignStatements):
                extra.update(subjects=error.subjects, total=error.total)
            response = problem(status, slug, title, error.message, instance, **extra)
            if isinstance(error, Unauthenticated):
                response.headers["WWW-Authenticate"] = 'Bearer realm="eduvoc"'
            return response
    raise error  # unreachable: EduvocError is the table's last row


def wants_html(request: Request) -> bool:
    """A browser navigating (Accept ranks text/html above JSON) gets an HTML error page; API
    clients (JSON, problem+json, */*, no Accept) keep RFC 9457 problems."""
    accept = request.headers.get("accept")
    if not accept or "text/html" not in accept:
        return False
    try:
        return negotiate(accept, [PROBLEM_MEDIA_TYPE, "application/json", "text/html"]) == "text/html"
    except StarletteHTTPException:
        return False


def html_error(request: Request, status: int, message: str, message_language: str | None, headers: dict | None = None) -> Response:
    """The pages' HTML error page (imported late: the pages import this module's neighbours)."""
    from api.routers.pages import error_page

    response = error_page(request, status, message, message_language)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(EduvocError)
    async def domain_error(request: Request, error: EduvocError) -> Response:
        if wants_html(request) and not isinstance(error, QualityViolations):
            from api.routers.pages import localised

            status = next(status for error_class, status, _, _ in STATUS_TABLE if isinstance(error, error_class))
            return html_error(request, status, *localised(request, error))
        return error_problem(error, request.url.path)

    @app.exception_handler(OSError)
    async def storage_failure(request: Request, error: OSError) -> JSONResponse:
        """A full or read-only disk under the store is a problem the client can be told about."""
        domain = storage_error(error)
        if domain is None:
            raise error
        return await domain_error(request, domain)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        invalid = [
            {"name": ".".join(str(part) for part in e["loc"][1:]) or e["loc"][0], "in": e["loc"][0], "reason": e["msg"]}
            for e in error.errors()
        ]
        detail = "; ".join(f"{p['name']}: {p['reason']}" for p in invalid)
        if wants_html(request):
            return html_error(request, 400, detail, "en")
        return problem(422, "invalid-parameters", "Invalid parameters", detail, request.url.path, invalid_params=invalid)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        slug = {404: "not-found", 405: "method-not-allowed", 406: "not-acceptable", 413: "too-large"}.get(error.status_code, "http-error")
        if wants_html(request) and error.status_code >= 400:
            from api.routers.pages import request_language

            language = request_language(request)
            key = {404: "err_no_page", 405: "err_method"}.get(error.status_code)
            if key:
                return html_error(request, error.status_code, translate(language, key), language, dict(error.headers or {}))
            return html_error(request, error.status_code, str(error.detail), "en", dict(error.headers or {}))
        response = problem(error.status_code, slug, str(error.detail), str(error.detail), request.url.path)
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def bug(request: Request, error: Exception) -> Response:
        """A bug: 500, as an HTML page for a browser, else a problem (the traceback goes to the log
        through Starlette's ServerErrorMiddleware, which calls this handler and then re-raises)."""
        if wants_html(request):
            from api.routers.pages import request_language

            language = request_language(request)
            return html_error(request, 500, translate(language, "err_internal"), language)
        return problem(500, "internal-error", "Internal server error", "the server failed to answer; this is a bug", request.url.path)
