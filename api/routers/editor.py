"""Editor pages for standards editors (bronhouders), in Dutch and English like the public pages:
sign in with an API token, register a vocabulary, upload or start a draft, preview what publishing
would change, read the quality report, publish with a change note, download the draft.

The pages call the same domain functions as the API (`registry.drafts`, `api.uploads`); this
module only reads forms, renders pages and maps errors, in one place (`failure_of`).

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

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from pyoxigraph import Literal, NamedNode
from python_multipart.multipart import parse_options_header
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser

from api.i18n import LANGUAGES, Label, pick_label, translate
from api.problems import STATUS_TABLE
from api.routers.drafts import export_graph
from api.routers.pages import Pager, curie, render, request_language
from api.uploads import UPLOAD_EXTENSIONS, draft_from_upload, upload_of_file
from registry.auth import Principal
from registry.catalogue import Catalogue, Release, VocabularyRecord
from registry.concepts import parse_iri
from registry.diff import VocabularyDiff, concept_labels, diff_graphs
from registry.drafts import (
    discard_draft,
    draft_graph,
    publish_draft,
    require_may_edit,
    start_draft,
)
from registry.errors import (
    EduvocError,
    Forbidden,
    InvalidInput,
    NotFound,
    QualityViolations,
    Unauthenticated,
)
from registry.loading import SLUG_PATTERN, summarise
from registry.records import GraphSummary
from registry.store import Store
from registry.tokens import authenticate

COOKIE = "eduvoc_editor"
COOKIE_PATH = "/editor"
FORM_OVERHEAD = 64 * 1024  # room for the form's other fields and multipart boundaries
FIELD_MAX = 16 * 1024  # a text field (token, version, change note, base IRI)
PREVIEW_CAP = 20  # changes of each kind on the vocabulary page
CHANGES_PAGE = 100  # changes of one kind per page
FINDINGS_PREVIEW = 10  # findings on the vocabulary page
FINDINGS_PAGE = 100  # findings per page of the quality report
SEVERITIES = ("Violation", "Warning", "Info")
CHANGE_KINDS = ("added", "removed", "changed", "deprecated")
DRAFT_DOWNLOADS = (("xlsx", "XLSX"), ("csv", "CSV"), ("turtle", "Turtle"))
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
#: the form fields a domain error's `location` belongs to; others go to the form's default field
FIELD_OF_LOCATION = {"slug": "id", "version": "version", "base": "base", "change_note": "note"}
IRI_IN_PATH = re.compile(r"<([^<>\s]+)>")
LANGUAGE_SUFFIX = re.compile(r"^(?P<text>.*)@(?P<language>[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*)$", re.DOTALL)


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
        where = _where(error, language, file_name) if field_name == default_field else None
    violations = None
    if isinstance(error, QualityViolations):
        findings = getattr(error.report, "findings", [])
        violations = sum(1 for f in findings if _severity(f) == "Violation")
        message = translate(language, "ed_violations_block", n=violations)
        return Failure(status, message, None, field=None, violations=violations)
    return Failure(status, message, "en", where, field_name)


def _where(error: InvalidInput, language: str, file_name: str | None) -> str:
    """A location as people read it: "regel 12, kolom 5 van werkvormen.ttl", "cel concepts!D7 van lijst.xlsx",
    from the error's structured location (registry.errors.InvalidInput)."""
    location = error.location or ""
    if error.file and error.line is not None and (file_name is None or error.file == file_name):
        if error.column is not None:
            return translate(language, "ed_where_line", line=error.line, column=error.column, file=error.file)
        return translate(language, "ed_where_line_only", line=error.line, file=error.file)
    if error.cell and file_name:
        return translate(language, "ed_where_cell", cell=error.cell, file=file_name)
    if error.row is not None and file_name:
        if error.column is not None:
            return translate(language, "ed_where_row_column", row=error.row, column=error.column, file=file_name)
        return translate(language, "ed_where_row", row=error.row, file=file_name)
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
    response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
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


router = APIRouter(include_in_schema=False, route_class=EditorRoute)


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
    while it is read, and anything but a form (415); at most `max_fields` fields."""
    limit = file_limit + FORM_OVERHEAD if file_limit else FIELD_MAX * max(4, max_fields)
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
            return await MultiPartParser(request.headers, capped(), max_files=1, max_fields=max_fields, max_part_size=FIELD_MAX).parse()
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


@dataclass(frozen=True)
class ConceptRef:
    iri: str
    label: Label
    released: bool  # in the latest release: has a public page


@dataclass(frozen=True)
class ChangeItem:
    concept: ConceptRef
    properties: list[Any] = field(default_factory=list)  # PropertyChange, for "changed"
    replacements: list[ConceptRef] = field(default_factory=list)  # for "deprecated"


@dataclass(frozen=True)
class Preview:
    summary: GraphSummary
    source: str | None
    compared_with: str | None  # the latest release's version, None before the first release
    counts: dict[str, int]
    items: dict[str, list[ChangeItem]]  # the first PREVIEW_CAP of each kind


@dataclass(frozen=True)
class FindingRow:
    severity: str
    check: str
    concept: ConceptRef | None
    focus: str
    path: str
    value: Label
    message: Label
    fix_hint: Label


@dataclass(frozen=True)
class Quality:
    available: bool
    blocks: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    rows: list[FindingRow] = field(default_factory=list)


def _severity(finding: Any) -> str:
    severity = getattr(finding, "severity", "")
    return getattr(severity, "value", str(severity))


class Labeller:
    """Names concepts in the page language: draft labels first, then the latest release's."""

    def __init__(self, store: Store, draft: NamedNode | None, release: Release | None, language: str) -> None:
        self.released = concept_labels(store, NamedNode(release.graph)) if release else {}
        self.labels = {**self.released, **(concept_labels(store, draft) if draft else {})}
        self.language = language

    def __call__(self, iri: str) -> ConceptRef:
        return ConceptRef(iri, pick_label(self.labels.get(iri, {}), self.language, iri), iri in self.released)


def _record(catalogue: Catalogue, slug: str) -> VocabularyRecord | None:
    try:
        return catalogue.vocabulary(slug)
    except NotFound:
        return None


def _change_items(diff: VocabularyDiff, kind: str, name: Labeller, offset: int, limit: int) -> list[ChangeItem]:
    items = []
    for iri in _kind(diff, kind)[offset:offset + limit]:
        if kind == "changed":
            items.append(ChangeItem(name(iri), properties=diff.changed[iri]))
        elif kind == "deprecated":
            items.append(ChangeItem(name(iri), replacements=[name(r) for r in diff.replaced.get(iri, [])]))
        else:
            items.append(ChangeItem(name(iri)))
    return items


def _diff(store: Store, graph: NamedNode, latest: Release | None) -> VocabularyDiff | None:
    return diff_graphs(store, NamedNode(latest.graph), graph, latest.version, "draft") if latest else None


def _preview(store: Store, graph: NamedNode, source: str | None, latest: Release | None, name: Labeller) -> Preview:
    diff = _diff(store, graph, latest)
    counts = {kind: len(_kind(diff, kind)) for kind in CHANGE_KINDS} if diff else {}
    items = {kind: _change_items(diff, kind, name, 0, PREVIEW_CAP) for kind in CHANGE_KINDS} if diff else {}
    return Preview(summarise(store, graph), source, latest.version if latest else None, counts, items)


def _kind(diff: VocabularyDiff, kind: str) -> list[str]:
    return {"added": diff.added, "removed": diff.removed, "changed": list(diff.changed), "deprecated": diff.deprecated}[kind]


def _term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return term.value
    return curie(getattr(term, "value", str(term)))


def _value(term: Any) -> Label:
    """A finding's value, with its language when it is a language-tagged literal."""
    return Label(_term(term), term.language or "" if isinstance(term, Literal) else "")


def literal(text: str) -> Label:
    """A diff value ("text@nl", see registry.diff.term_text) split into text and language."""
    found = LANGUAGE_SUFFIX.match(text)
    return Label(found["text"], found["language"].lower()) if found else Label(text, "")


def _path(path: Any) -> str:
    if path is None:
        return ""
    predicate = getattr(path, "predicate", None)
    if predicate is not None:
        return curie(predicate.value)
    return IRI_IN_PATH.sub(lambda m: curie(m[1]), str(path))


def _quality(request: Request, store: Store, graph: NamedNode, name: Labeller, severity: str | None = None,
             offset: int = 0, limit: int = FINDINGS_PREVIEW) -> Quality:
    check = getattr(request.app.state, "quality_check", None)
    if check is None:
        return Quality(available=False)
    report = check(store, graph)
    findings = sorted(getattr(report, "findings", []), key=lambda f: SEVERITIES.index(_severity(f)) if _severity(f) in SEVERITIES else 3)
    counts = {s: sum(1 for f in findings if _severity(f) == s) for s in SEVERITIES}
    chosen = [f for f in findings if severity is None or _severity(f) == severity]
    language = name.language
    rows = []
    for finding in chosen[offset:offset + limit]:
        focus = finding.focus_node
        concept = name(focus.value) if isinstance(focus, NamedNode) and focus.value in name.labels else None
        rows.append(FindingRow(
            severity=_severity(finding), check=finding.check_id or _term(finding.source_shape), concept=concept,
            focus=_term(focus), path=_path(finding.path), value=_value(finding.value),
            message=pick_label(finding.messages, language), fix_hint=pick_label(finding.fix_hints, language),
        ))
    return Quality(True, bool(report.blocks_publication), counts, len(chosen), rows)


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


def _home_page(request: Request, principal: Principal, forms: dict[str, FormState] | None = None, status: int = 200) -> HTMLResponse:
    catalogue: Catalogue = _catalogue(request)
    language = request_language(request)
    rows = []
    for state in catalogue.states():
        owner = state.owner or "eduvoc"
        if not principal.is_admin and owner != principal.organisation:
            continue
        record = _record(catalogue, state.slug)
        title = pick_label(record.title, language, state.slug) if record else Label(state.slug, "")
        latest = record.releases[-1] if record and record.releases else None
        rows.append({"state": state, "owner": owner, "title": title, "latest": latest})
    return _render(request, "editor_home.html", {"rows": rows, "forms": forms or {}}, status)


def _vocabulary_page(request: Request, principal: Principal, slug: str, forms: dict[str, FormState] | None = None,
                     status: int = 200) -> HTMLResponse:
    store, catalogue = _store(request), _catalogue(request)
    require_may_edit(catalogue, slug, principal)
    state = catalogue.state(slug)
    if state is None:
        raise NotFound(f"no vocabulary {slug!r} is registered")
    language = request_language(request)
    record = _record(catalogue, slug)
    latest = record.releases[-1] if record and record.releases else None
    draft = NamedNode(state.draft_graph) if state.draft_graph else None
    name = Labeller(store, draft, latest, language)
    context = {
        "slug": slug, "state": state, "record": record, "latest": latest,
        "title": pick_label(record.title, language, slug) if record else Label(slug, ""),
        "preview": _preview(store, draft, state.draft_source, latest, name) if draft else None,
        "quality": _quality(request, store, draft, name) if draft else None,
        "preview_cap": PREVIEW_CAP, "change_kinds": CHANGE_KINDS, "severities": SEVERITIES,
        "downloads": DRAFT_DOWNLOADS, "forms": forms or {},
    }
    return _render(request, "editor_vocabulary.html", context, status)


def _redo_vocabulary(request: Request, principal: Principal, slug: str, form_name: str, values: dict[str, str], default_field: str | None) -> None:
    def again(failure: Failure) -> Response:
        return _vocabulary_page(request, principal, slug, {form_name: FormState(form_name, values, failure)}, failure.status)

    request.state.redo = Redo(again, default_field)


# --- sign in and out ----------------------------------------------------------------------------

@router.get("/editor", response_class=HTMLResponse)
def sign_in_form(request: Request) -> Response:
    """The sign-in form; a valid session goes straight to the editor home."""
    token = request.cookies.get(COOKIE)
    if token:
        try:
            authenticate(_store(request), token)
            return RedirectResponse(_location(request, "/editor/vocabularies"), status_code=303)
        except Unauthenticated:
            response = _sign_in_page(request)
            response.delete_cookie(COOKIE, path=COOKIE_PATH)
            return response
    return _sign_in_page(request)


@router.post("/editor", response_class=HTMLResponse)
async def sign_in(request: Request) -> Response:
    request.state.redo = Redo(lambda failure: _sign_in_page(request, failure), "token")
    form = await read_form(request)
    token = _text(form, "token")
    if not token:
        raise PageError(400, "ed_token_missing", "token")
    await run_in_threadpool(authenticate, _store(request), token)  # Unauthenticated: the form again, 401
    response = RedirectResponse(_location(request, "/editor/vocabularies"), status_code=303)
    response.set_cookie(COOKIE, token, path=COOKIE_PATH, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/editor/sign-out")
def sign_out(request: Request) -> Response:
    response = RedirectResponse(_location(request, "/editor", signed_out=1), status_code=303)
    response.delete_cookie(COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


# --- editor home --------------------------------------------------------------------------------

@router.get("/editor/vocabularies", response_class=HTMLResponse)
def editor_home(request: Request, principal: EditorDep) -> HTMLResponse:
    """The vocabularies the organisation owns (administrators: all) and the form to register one."""
    return _home_page(request, principal)


@router.post("/editor/vocabularies")
async def register(request: Request, principal: EditorDep) -> Response:
    """Register a new vocabulary from a file: it becomes the vocabulary's first draft."""
    values: dict[str, str] = {}

    def again(failure: Failure) -> Response:
        return _home_page(request, principal, {"register": FormState("register", values, failure)}, failure.status)

    request.state.redo = Redo(again, "file")
    limit = request.app.state.settings.upload_max_bytes
    form = await read_form(request, limit)
    values.update(id=_text(form, "id"), base=_text(form, "base"))
    slug = values["id"]
    if not slug:
        raise PageError(400, "ed_id_missing", "id")
    if not SLUG_PATTERN.match(slug):
        raise PageError(400, "ed_id_invalid", "id", id=slug)
    if _catalogue(request).state(slug) is not None:
        raise PageError(409, "ed_already_registered", "id", id=slug)
    base = _base(form)
    name, media_type, data = await _file(request, form, limit)
    upload = upload_of_file(name, media_type, data)
    await run_in_threadpool(draft_from_upload, _store(request), _catalogue(request), slug, upload, principal, base, name)
    return RedirectResponse(_location(request, f"/editor/vocabularies/{slug}", done="registered"), status_code=303)


# --- one vocabulary -----------------------------------------------------------------------------

@router.get("/editor/vocabularies/{vocabulary_id}", response_class=HTMLResponse)
def vocabulary_editor(request: Request, vocabulary_id: str, principal: EditorDep) -> HTMLResponse:
    """Status, the draft's preview and quality report, publish, download, upload, start, discard."""
    return _vocabulary_page(request, principal, vocabulary_id)


@router.post("/editor/vocabularies/{vocabulary_id}/draft")
async def upload(request: Request, vocabulary_id: str, principal: EditorDep) -> Response:
    """Replace the draft with an uploaded file."""
    values: dict[str, str] = {}
    _redo_vocabulary(request, principal, vocabulary_id, "upload", values, "file")
    require_may_edit(_catalogue(request), vocabulary_id, principal)  # before reading a large body
    limit = request.app.state.settings.upload_max_bytes
    form = await read_form(request, limit)
    values["base"] = _text(form, "base")
    base = _base(form)
    name, media_type, data = await _file(request, form, limit)
    upload = upload_of_file(name, media_type, data)
    await run_in_threadpool(draft_from_upload, _store(request), _catalogue(request), vocabulary_id, upload, principal, base, name)
    return RedirectResponse(_location(request, f"/editor/vocabularies/{vocabulary_id}", done="uploaded"), status_code=303)


@router.post("/editor/vocabularies/{vocabulary_id}/draft/start")
async def start(request: Request, vocabulary_id: str, principal: EditorDep) -> Response:
    _redo_vocabulary(request, principal, vocabulary_id, "start", {}, None)
    await run_in_threadpool(start_draft, _store(request), _catalogue(request), vocabulary_id, principal)
    return RedirectResponse(_location(request, f"/editor/vocabularies/{vocabulary_id}", done="started"), status_code=303)


@router.post("/editor/vocabularies/{vocabulary_id}/draft/discard")
async def discard(request: Request, vocabulary_id: str, principal: EditorDep) -> Response:
    _redo_vocabulary(request, principal, vocabulary_id, "discard", {}, None)
    await run_in_threadpool(discard_draft, _store(request), _catalogue(request), vocabulary_id, principal)
    return RedirectResponse(_location(request, f"/editor/vocabularies/{vocabulary_id}", done="discarded"), status_code=303)


@router.post("/editor/vocabularies/{vocabulary_id}/releases")
async def publish(request: Request, vocabulary_id: str, principal: EditorDep) -> Response:
    """Publish the draft as a release; quality violations block it (422, the page with the report)."""
    values: dict[str, str] = {}
    _redo_vocabulary(request, principal, vocabulary_id, "publish", values, "version")
    form = await read_form(request)
    values.update(version=_text(form, "version"), note=_text(form, "note"))
    if not values["version"]:
        raise PageError(400, "ed_version_missing", "version")
    if not values["note"]:
        raise PageError(400, "ed_note_missing", "note")
    release = await run_in_threadpool(publish_draft, _store(request), _catalogue(request), vocabulary_id, principal,
                                      values["version"], values["note"], request.app.state.quality_check)
    return RedirectResponse(_location(request, f"/editor/vocabularies/{vocabulary_id}", done="published", version=release.version),
                            status_code=303)


def form_address(request: Request) -> Response:
    """A form's address opened as a page (e.g. switching language after a failed POST): its page."""
    slug = request.path_params.get("vocabulary_id")
    return RedirectResponse(_location(request, f"/editor/vocabularies/{slug}" if slug else "/editor"), status_code=303)


for _form_path in ("/editor/sign-out", "/editor/vocabularies/{vocabulary_id}/draft", "/editor/vocabularies/{vocabulary_id}/draft/start",
                   "/editor/vocabularies/{vocabulary_id}/draft/discard", "/editor/vocabularies/{vocabulary_id}/releases"):
    router.add_api_route(_form_path, form_address, methods=["GET"], response_class=RedirectResponse)


Offset = Annotated[int, Query(ge=0)]


@router.get("/editor/vocabularies/{vocabulary_id}/changes", response_class=HTMLResponse)
def changes(request: Request, vocabulary_id: str, principal: EditorDep,
            kind: Annotated[str, Query(pattern="^(added|removed|changed|deprecated)$")] = "changed", offset: Offset = 0) -> HTMLResponse:
    """Every change of one kind the draft would publish, a page at a time."""
    store, catalogue = _store(request), _catalogue(request)
    require_may_edit(catalogue, vocabulary_id, principal)
    graph = draft_graph(catalogue, vocabulary_id)
    record = _record(catalogue, vocabulary_id)
    latest = record.releases[-1] if record and record.releases else None
    if latest is None:
        raise NotFound(f"vocabulary {vocabulary_id!r} has no release to compare its draft with")
    name = Labeller(store, graph, latest, request_language(request))
    diff = _diff(store, graph, latest)
    assert diff is not None
    total = len(_kind(diff, kind))
    items = _change_items(diff, kind, name, offset, CHANGES_PAGE)
    context = {"slug": vocabulary_id, "kind": kind, "latest": latest, "items": items, "total": total,
               "pager": Pager(offset, CHANGES_PAGE, total, len(items)), "change_kinds": CHANGE_KINDS,
               "counts": {k: len(_kind(diff, k)) for k in CHANGE_KINDS}}
    return _render(request, "editor_changes.html", context)


@router.get("/editor/vocabularies/{vocabulary_id}/quality", response_class=HTMLResponse)
def quality_report(request: Request, vocabulary_id: str, principal: EditorDep,
                   severity: Annotated[str | None, Query(max_length=20)] = None, offset: Offset = 0) -> HTMLResponse:
    """The draft's full quality report: every finding, filtered by severity, a page at a time."""
    store, catalogue = _store(request), _catalogue(request)
    require_may_edit(catalogue, vocabulary_id, principal)
    if severity and severity not in SEVERITIES:
        raise PageError(400, "ed_bad_severity", "severity")
    graph = draft_graph(catalogue, vocabulary_id)
    record = _record(catalogue, vocabulary_id)
    latest = record.releases[-1] if record and record.releases else None
    name = Labeller(store, graph, latest, request_language(request))
    quality = _quality(request, store, graph, name, severity or None, offset, FINDINGS_PAGE)
    context = {"slug": vocabulary_id, "quality": quality, "severity": severity or "", "severities": SEVERITIES,
               "pager": Pager(offset, FINDINGS_PAGE, quality.total, len(quality.rows))}
    return _render(request, "editor_quality.html", context)


@router.get("/editor/vocabularies/{vocabulary_id}/draft/export")
def export_draft(request: Request, vocabulary_id: str, principal: EditorDep,
                 format: Annotated[str, Query(max_length=20)] = "xlsx") -> Response:
    """The draft as a download, like GET /api/vocabularies/{id}/draft/export but with the session."""
    store, catalogue = _store(request), _catalogue(request)
    require_may_edit(catalogue, vocabulary_id, principal)
    graph = draft_graph(catalogue, vocabulary_id)
    state = catalogue.state(vocabulary_id)
    assert state is not None
    return export_graph(store, graph, state.scheme, f"{vocabulary_id}-draft", format)
