"""Editor pages for standards editors (bronhouders), in Dutch and English like the public pages:
sign in with an API token, register a vocabulary, upload or start a draft, preview what publishing
would change, read the quality report, publish with a change note, download the draft.

The pages call the same domain functions as the API (`registry.drafts`, `api.uploads`); this
module holds the routes. The session, CSRF check, form reading and the one error mapping
(`failure_of`) are in `api.routers.editor_forms`; the draft's preview and quality report in
`api.routers.editor_review`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pyoxigraph import NamedNode

from api.i18n import Label, pick_label
from api.routers.drafts import export_graph
from api.routers.editor_forms import (
    COOKIE,
    COOKIE_PATH,
    EditorDep,
    EditorRoute,
    Failure,
    FormState,
    PageError,
    Redo,
    _base,
    _catalogue,
    _file,
    _location,
    _render,
    _sign_in_page,
    _store,
    _text,
    read_form,
)
from api.routers.editor_review import (
    CHANGE_KINDS,
    PREVIEW_CAP,
    SEVERITIES,
    Labeller,
    _change_items,
    _diff,
    _kind,
    _preview,
    _quality,
    _record,
)
from api.routers.pages import Pager, request_language
from api.uploads import draft_from_upload, upload_of_file
from registry.auth import Principal
from registry.catalogue import Catalogue
from registry.drafts import (
    discard_draft,
    draft_graph,
    publish_draft,
    require_may_edit,
    start_draft,
)
from registry.errors import (
    NotFound,
    Unauthenticated,
)
from registry.input_bounds import MAX_OFFSET
from registry.loading import SLUG_PATTERN
from registry.tokens import authenticate

CHANGES_PAGE = 100  # changes of one kind per page
FINDINGS_PAGE = 100  # findings per page of the quality report
DRAFT_DOWNLOADS = (("xlsx", "XLSX"), ("csv", "CSV"), ("turtle", "Turtle"))

router = APIRouter(include_in_schema=False, route_class=EditorRoute)



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


@router.get("/editor/session", response_class=JSONResponse)
def session(request: Request) -> JSONResponse:
    """Whether this browser is signed in (the cookie is sent to /editor paths only), for public
    pages that offer editors an action: {"signedIn": bool, "organisation": ...}."""
    token = request.cookies.get(COOKIE)
    try:
        principal = authenticate(_store(request), token) if token else None
    except Unauthenticated:
        principal = None
    body = {"signedIn": principal is not None, "organisation": principal.organisation if principal else None}
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


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
    if not SLUG_PATTERN.fullmatch(slug):
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


Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


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
