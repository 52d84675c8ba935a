"""Editor pages for the registry's other writes: create a mapping set (any editor, owned by their
organisation) and, for administrators, issue and revoke API tokens. Same session, CSRF check and
error mapping as every editor page (`api.routers.editor_forms`); revoking asks for confirmation."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.i18n import pick_label
from api.routers.editor_forms import (
    EditorDep,
    EditorRoute,
    Failure,
    FormState,
    PageError,
    Redo,
    _catalogue,
    _location,
    _render,
    _store,
    _text,
    read_form,
)
from api.routers.pages import request_language
from registry.auth import Principal, Role, require_admin
from registry.mappings.service import create_mapping_set
from registry.organisations import list_organisations
from registry.tokens import issue_token, list_tokens, revoke_token

router = APIRouter(include_in_schema=False, route_class=EditorRoute)

ROLES = (Role.EDITOR.value, Role.ADMIN.value)


# --- mapping sets -------------------------------------------------------------------------------

def _mapping_set_page(request: Request, forms: dict[str, FormState] | None = None, status: int = 200) -> HTMLResponse:
    language = request_language(request)
    vocabularies = sorted(((r.slug, pick_label(r.title, language, r.slug).text) for r in _catalogue(request).vocabularies()),
                          key=lambda item: item[1].lower())  # released vocabularies: a set maps published concepts
    return _render(request, "editor_mapping_set_new.html", {"vocabularies": vocabularies, "forms": forms or {}}, status)


@router.get("/editor/mapping-sets", response_class=HTMLResponse)
def new_mapping_set_form(request: Request, principal: EditorDep) -> HTMLResponse:
    """The form to create a mapping set between two registered vocabularies."""
    return _mapping_set_page(request)


@router.post("/editor/mapping-sets")
async def new_mapping_set(request: Request, principal: EditorDep) -> Response:
    values: dict[str, str] = {}

    def again(failure: Failure) -> Response:
        return _mapping_set_page(request, {"set": FormState("set", values, failure)}, failure.status)

    request.state.redo = Redo(again, "id")
    form = await read_form(request)
    values.update({name: _text(form, name) for name in ("id", "title", "source", "target", "description")})
    for name in ("id", "title", "source", "target"):
        if not values[name]:
            raise PageError(400, f"ms_new_{name}_missing", name)
    created = await run_in_threadpool(
        lambda: create_mapping_set(_store(request), _catalogue(request), principal, set_id=values["id"], source=values["source"],
                                   target=values["target"], title=values["title"], description=values["description"] or None))
    return RedirectResponse(_location(request, f"/editor/mapping-sets/{created.id}"), status_code=303)


# --- tokens (administrators) --------------------------------------------------------------------

def _tokens_page(request: Request, principal: Principal, forms: dict[str, FormState] | None = None, status: int = 200,
                 issued: str | None = None) -> HTMLResponse:
    require_admin(principal)
    store = _store(request)
    context = {
        "tokens": sorted(list_tokens(store), key=lambda t: (t.organisation, t.created), reverse=False),
        "organisations": list_organisations(store), "roles": ROLES, "issued": issued, "forms": forms or {},
    }
    return _render(request, "editor_tokens.html", context, status)


@router.get("/editor/tokens", response_class=HTMLResponse)
def tokens_page(request: Request, principal: EditorDep) -> HTMLResponse:
    """Every token (without secrets), the form to issue one and a revoke button per token."""
    return _tokens_page(request, principal)


@router.post("/editor/tokens", response_class=HTMLResponse)
async def issue(request: Request, principal: EditorDep) -> Response:
    """Issue a token: the answer is the page showing the secret once (never redirected, never stored)."""
    values: dict[str, str] = {}

    def again(failure: Failure) -> Response:
        return _tokens_page(request, principal, {"issue": FormState("issue", values, failure)}, failure.status)

    request.state.redo = Redo(again, "organisation")
    require_admin(principal)
    form = await read_form(request)
    values.update({name: _text(form, name) for name in ("organisation", "role", "days", "label")})
    if not values["organisation"]:
        raise PageError(400, "tk_organisation_missing", "organisation")
    if values["role"] not in ROLES:
        raise PageError(400, "tk_role_invalid", "role")
    days = values["days"] or "90"
    if not days.isdigit() or not 1 <= int(days) <= 730:
        raise PageError(400, "tk_days_invalid", "days")
    token, _ = await run_in_threadpool(issue_token, _store(request), values["organisation"], Role(values["role"]), int(days),
                                       values["label"] or None, principal)
    return _tokens_page(request, principal, issued=token)


@router.post("/editor/tokens/{token_id}/revoke")
async def revoke(request: Request, token_id: str, principal: EditorDep) -> Response:
    values: dict[str, str] = {}

    def again(failure: Failure) -> Response:
        return _tokens_page(request, principal, {f"revoke-{token_id}": FormState(f"revoke-{token_id}", values, failure)}, failure.status)

    request.state.redo = Redo(again, "confirm")
    require_admin(principal)
    form = await read_form(request)
    values["confirm"] = _text(form, "confirm")
    if values["confirm"] != "yes":
        raise PageError(400, "ed_confirm_missing", "confirm")
    await run_in_threadpool(revoke_token, _store(request), token_id, principal)
    return RedirectResponse(_location(request, "/editor/tokens", done="revoked"), status_code=303)
