"""The editor pages' plumbing, shared by every editor router (vocabularies, suggestions, mapping
sets): the session (an API token in a cookie), the route class that refuses cross-site POSTs and turns
every error into a page (`failure_of`, one mapping), reading capped forms and uploads, and rendering.

Security:
- the token lives in an HttpOnly, SameSite=Strict cookie limited to /editor (Secure over https);
  the token is checked on every request, so revoking it ends the session at once;
- every POST must come from this site: its Origin (else its Referer) must be this site's origin
  (or `EDUVOC_PUBLIC_URL`'s) — CSRF defence beyond SameSite, for sign-in too;
- editor pages are never cached (`no-store`) nor shown in frames of other sites;
- uploads are capped at `EDUVOC_UPLOAD_MAX_BYTES` while they are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from python_multipart.multipart import parse_options_header
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser

from api.i18n import LANGUAGES, translate
from api.problems import STATUS_TABLE
from api.routers.editor_review import _severity, literal
from api.routers.pages import render, request_language
from api.uploads import UPLOAD_EXTENSIONS
from registry.auth import Principal
from registry.catalogue import Catalogue
from registry.concepts import parse_iri
from registry.errors import (
    EduvocError,
    Forbidden,
    InvalidInput,
    QualityViolations,
    Unauthenticated,
)
from registry.store import Store
from registry.tokens import authenticate

COOKIE = "eduvoc_editor"
COOKIE_PATH = "/editor"
FORM_OVERHEAD = 64 * 1024  # room for the form's other fields and multipart boundaries
FIELD_MAX = 16 * 1024  # a text field (token, version, change note, base IRI)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
#: the form fields a domain error's `location` belongs to; others go to the form's default field
FIELD_OF_LOCATION = {"slug": "id", "version": "version", "base": "base", "change_note": "note"}
SYNTAX_LOCATION = re.compile(r"^(?P<file>.+?):(?P<line>\d+)(?::(?P<column>\d+))?$")
CELL_LOCATION = re.compile(r"^(?P<cell>[A-Za-z][\w -]*!(?:[A-Z]{1,3}\d+|\d+:\d+))$")
ROW_LOCATION = re.compile(r"^row (?P<row>\d+)(?:, column (?P<column>[A-Z]{1,3}))?$")


# --- errors: one table, one place -------------------------------------------------------------

class PageError(Exception):
    """A problem with a request to an editor page (not the domain's): a UI string id and the field."""

    def __init__(self, status: int, key: str, field: str | None = None, **values: object) -> None:
        super().__init__(key)
        self.status, self.key, self.field, self.values = status, key, field, values


class SignInNeeded(Exception):
    """No session cookie: the sign-in page."""


@dataclass(frozen=True)
class Failure:
    """What went wrong, for the page: status, message (and its language), where, and which field."""

    status: int
    message: str
    message_language: str | None  # "en" for the domain's messages; None: the page language
    where: str | None = None
    field: str | None = None
    violations: int | None = None  # publishing refused: the number of violations


def failure_of(error: Exception, language: str, default_field: str | None = None, file_name: str | None = None) -> Failure:
    """The one mapping of errors on the editor pages: statuses as the API's problems (STATUS_TABLE),
    the field from the error's location (a line of a file, a spreadsheet cell, a parameter)."""
    if isinstance(error, PageError):
        return Failure(error.status, translate(language, error.key, **error.values), None, field=error.field or default_field)
    if isinstance(error, Unauthenticated):
        return Failure(401, translate(language, "ed_token_refused"), None, field="token")
    assert isinstance(error, EduvocError)
    status = next(status for error_class, status, _, _ in STATUS_TABLE if isinstance(error, error_class))
    message, where, field_name = error.message, None, default_field
    if isinstance(error, InvalidInput) and error.location:
        location = error.location
        if message.startswith(location + ": "):
            message = message[len(location) + 2:]
        field_name = FIELD_OF_LOCATION.get(location, default_field)
        where = _where(location, language, file_name) if field_name == default_field else None
    violations = None
    if isinstance(error, QualityViolations):
        findings = getattr(error.report, "findings", [])
        violations = sum(1 for f in findings if _severity(f) == "Violation")
        message = translate(language, "ed_violations_block", n=violations)
        return Failure(status, message, None, field=None, violations=violations)
    return Failure(status, message, "en", where, field_name)


def _where(location: str, language: str, file_name: str | None) -> str:
    """A location as people read it: "regel 12, kolom 5 van werkvormen.ttl", "cel concepts!D7 van lijst.xlsx"."""
    syntax = SYNTAX_LOCATION.match(location)
    if syntax and (file_name is None or syntax["file"] == file_name):
        if syntax["column"]:
            return translate(language, "ed_where_line", line=syntax["line"], column=syntax["column"], file=syntax["file"])
        return translate(language, "ed_where_line_only", line=syntax["line"], file=syntax["file"])
    cell = CELL_LOCATION.match(location)
    if cell and file_name:
        return translate(language, "ed_where_cell", cell=cell["cell"], file=file_name)
    row = ROW_LOCATION.match(location)
    if row and file_name:
        if row["column"]:
            return translate(language, "ed_where_row_column", row=row["row"], column=row["column"], file=file_name)
        return translate(language, "ed_where_row", row=row["row"], file=file_name)
    if file_name and location in ("file", file_name):
        return file_name
    return location


# --- the route class: CSRF check, error mapping, security headers -------------------------------

def _origin(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


def same_site(request: Request) -> bool:
    """The request comes from a page of this site: its Origin (else Referer) is this site's."""
    own = {_origin(str(request.base_url))}
    public_url = request.app.state.settings.public_url
    if public_url:
        own.add(_origin(public_url))
    sent = request.headers.get("origin")
    if sent:
        return _origin(sent) in own  # "null" (a sandboxed frame, a redirect from elsewhere) is refused
    return _origin(request.headers.get("referer")) in own


def _secure(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    # the Content-Security-Policy (frame-ancestors 'none' included) comes from api/security_headers.py
    response.headers["Referrer-Policy"] = "same-origin"
    return response


class EditorRoute(APIRoute):
    """Refuses POSTs from other sites (403), turns every error into a page (never a stack trace):
    the form again with the message at its field when the handler said how (`request.state.redo`),
    else an error page."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            if request.method not in SAFE_METHODS and not same_site(request):
                language = request_language(request)
                failure = Failure(403, translate(language, "ed_csrf_refused"), None)
                return _secure(_error_page(request, failure, None))
            try:
                response = await handler(request)
            except SignInNeeded:
                response = RedirectResponse(_location(request, "/editor"), status_code=303)
            except (EduvocError, PageError, RequestValidationError) as error:
                response = await _failed(request, error)
            return _secure(response)

        return route


async def _failed(request: Request, error: Exception) -> Response:
    language = request_language(request)
    if isinstance(error, RequestValidationError):
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in error.errors())
        error = PageError(400, "ed_bad_parameters", detail=detail)
    redo: Redo | None = getattr(request.state, "redo", None)
    default_field = redo.default_field if redo else None
    failure = failure_of(error, language, default_field, getattr(request.state, "file_name", None))
    if isinstance(error, Unauthenticated):  # a wrong token typed in, or a session whose token is no longer valid
        response = _sign_in_page(request, failure)
        response.delete_cookie(COOKIE, path=COOKIE_PATH)
        return response
    if redo is not None and not isinstance(error, Forbidden):
        try:
            return await run_in_threadpool(redo.render, failure)
        except EduvocError:
            pass  # the page itself cannot be shown (e.g. an unknown vocabulary): the error page
    return _error_page(request, failure, getattr(request.state, "principal", None))


@dataclass(frozen=True)
class Redo:
    """How a POST handler shows its form again with a failure, and the field errors default to."""

    render: Callable[[Failure], Response]
    default_field: str | None




# --- sessions ---------------------------------------------------------------------------------

def _editor(request: Request) -> Principal:
    """The signed-in editor (from the session cookie); the token is verified on every request."""
    token = request.cookies.get(COOKIE)
    if not token:
        raise SignInNeeded()
    principal = authenticate(request.app.state.store, token)
    request.state.principal = principal
    return principal


EditorDep = Annotated[Principal, Depends(_editor)]


def _store(request: Request) -> Store:
    return request.app.state.store


def _catalogue(request: Request) -> Catalogue:
    return request.app.state.catalogue


def _location(request: Request, path: str, **params: object) -> str:
    """A redirect target that keeps an explicit `?lang=`."""
    query = {name: str(value) for name, value in params.items() if value not in (None, "")}
    asked = (request.query_params.get("lang") or "").lower()
    if asked in LANGUAGES:
        query["lang"] = asked
    return path + ("?" + urlencode(query) if query else "")


def _size(limit: int) -> str:
    if limit >= 1_000_000:
        return f"{limit / 1_000_000:g} MB"
    if limit >= 1000:
        return f"{limit / 1000:g} kB"
    return f"{limit} bytes"


# --- reading forms ----------------------------------------------------------------------------

async def read_form(request: Request, file_limit: int = 0, max_fields: int = 8) -> FormData:
    """The posted form, refusing (413) a body larger than `file_limit` plus room for the other fields
    while it is read, and anything but a form (415)."""
    limit = file_limit + FORM_OVERHEAD if file_limit else FIELD_MAX * max(4, max_fields // 2)
    too_large = PageError(413, "ed_too_large", "file", limit=_size(file_limit)) if file_limit else PageError(413, "ed_form_too_large")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise too_large

    async def capped():
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large
            yield chunk

    media_type, _ = parse_options_header(request.headers.get("content-type") or "")
    try:
        if media_type == b"multipart/form-data" and file_limit:
            return await MultiPartParser(request.headers, capped(), max_files=1, max_fields=8, max_part_size=FIELD_MAX).parse()
        if media_type == b"application/x-www-form-urlencoded":
            return await FormParser(request.headers, capped(), max_fields=max_fields, max_part_size=FIELD_MAX).parse()
    except MultiPartException as error:
        raise PageError(400, "ed_form_unreadable", reason=error.message) from None
    raise PageError(415, "ed_form_type")


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


async def _file(request: Request, form: FormData, limit: int) -> tuple[str, str | None, bytes]:
    """The uploaded file's name (without any directory), media type and content."""
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise PageError(400, "ed_file_missing", "file")
    name = re.split(r"[\\/]", upload.filename)[-1][:200] or "upload"
    request.state.file_name = name
    data = await upload.read()
    await upload.close()
    if len(data) > limit:
        raise PageError(413, "ed_too_large", "file", limit=_size(limit))
    if not data:
        raise PageError(400, "ed_file_empty", "file", file=name)
    return name, upload.content_type, data


def _base(form: FormData) -> str | None:
    base = _text(form, "base")
    return parse_iri(base, "base").value if base else None


# --- view data ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FormState:
    """A form on a page: what was typed (to show it again) and what went wrong."""

    name: str
    values: Mapping[str, str] = field(default_factory=dict)
    failure: Failure | None = None

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def error(self, name: str) -> Failure | None:
        return self.failure if self.failure is not None and self.failure.field == name else None

# --- rendering ----------------------------------------------------------------------------------

def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    forms: dict[str, FormState] = context.pop("forms", {})
    failing = next((f for f in forms.values() if f.failure is not None), None)
    context = {
        "principal": getattr(request.state, "principal", None),
        "failure": failing.failure if failing else context.get("failure"),
        "failure_form": failing.name if failing else None,
        "form": lambda form_name: forms.get(form_name) or FormState(form_name),
        "done": request.query_params.get("done"),
        "done_version": request.query_params.get("version", ""),
        "upload_extensions": ",".join(UPLOAD_EXTENSIONS),
        "upload_limit": _size(request.app.state.settings.upload_max_bytes),
        "literal": literal,
        **context,
    }
    return render(request, name, context, status)


def _error_page(request: Request, failure: Failure, principal: Principal | None) -> HTMLResponse:
    request.state.principal = principal
    return _render(request, "editor_error.html", {"failure": failure}, failure.status)


def _sign_in_page(request: Request, failure: Failure | None = None) -> HTMLResponse:
    request.state.principal = None
    forms = {"sign-in": FormState("sign-in", {}, failure)} if failure else {}
    return _render(request, "editor_sign_in.html", {"forms": forms, "signed_out": request.query_params.get("signed_out")},
                   failure.status if failure else 200)
