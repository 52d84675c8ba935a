"""Mapping set pages: the public list and read-only view of a set (`/mapping-sets`), and the
editor's review page (`/editor/mapping-sets/{id}`: accept or reject with a comment, comment,
import an SSSOM file), filtered by status. The editor pages follow api/routers/editor.py: the
session cookie, the Origin check on every POST, errors shown at the form that caused them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import CatalogueDep, StoreDep
from api.i18n import pick_label
from api.routers.editor_forms import (
    EditorDep,
    EditorRoute,
    Failure,
    FormState,
    PageError,
    Redo,
    _file,
    _location,
    _render,
    _text,
    read_form,
)
from api.routers.pages import HtmlErrorRoute, render, request_language
from registry.auth import Principal
from registry.catalogue import Catalogue
from registry.errors import NotFound
from registry.mappings import service, transfer
from registry.mappings.labels import concept_labels
from registry.mappings.model import Status, curie
from registry.store import Store

pages = APIRouter(include_in_schema=False, route_class=HtmlErrorRoute)
editor = APIRouter(include_in_schema=False, route_class=EditorRoute)

StatusFilter = Annotated[Status | None, Query(description="only mappings with this status")]


def _view(store: Store, catalogue: Catalogue, request: Request, set_id: str, status: Status | None) -> dict[str, Any]:
    """What both the public and the review page show of a set."""
    language = request_language(request)
    mapping_set = service.get_mapping_set(store, catalogue, set_id)
    mappings = service.list_mappings(store, set_id, status)
    labels = concept_labels(store, catalogue, [m.subject for m in mappings] + [m.object for m in mappings])

    def vocabulary_title(slug: str):
        try:
            return pick_label(catalogue.vocabulary(slug).title, language, slug)
        except NotFound:  # a set whose vocabulary was removed still shows its id
            return pick_label({}, language, slug)

    return {
        "mapping_set": mapping_set,
        "mappings": mappings,
        "labels": labels,
        "status": status.value if status else "",
        "statuses": [s.value for s in Status],
        "source_title": vocabulary_title(mapping_set.source),
        "target_title": vocabulary_title(mapping_set.target),
        "mapping_curie": curie,
    }


@pages.get("/mapping-sets", response_class=HTMLResponse)
def mapping_sets_page(request: Request, store: StoreDep, catalogue: CatalogueDep) -> HTMLResponse:
    """Every mapping set: its vocabularies, owner and counts by status."""
    return render(request, "mapping_sets.html", {"sets": service.list_mapping_sets(store, catalogue), "statuses": [s.value for s in Status]})


@pages.get("/mapping-sets/{set_id}", response_class=HTMLResponse)
def mapping_set_page(request: Request, set_id: str, store: StoreDep, catalogue: CatalogueDep, status: StatusFilter = None) -> HTMLResponse:
    """One set, read-only, with downloads and a link to the review page."""
    return render(request, "mapping_set.html", _view(store, catalogue, request, set_id, status))


# --- the review page (editors) -----------------------------------------------------------------

def _review_page(request: Request, principal: Principal, set_id: str, status: Status | None,
                 forms: dict[str, FormState] | None = None, code: int = 200) -> HTMLResponse:
    store, catalogue = request.app.state.store, request.app.state.catalogue
    context = _view(store, catalogue, request, set_id, status)
    owner = context["mapping_set"].owner
    context.update(
        may_review=principal.is_admin or principal.organisation == owner,
        forms=forms or {},
        done_count=request.query_params.get("n", ""),
    )
    return _render(request, "mapping_set_review.html", context, code)


def _status_of(request: Request) -> Status | None:
    value = request.query_params.get("status") or ""
    return Status(value) if value in {s.value for s in Status} else None


def _redo(request: Request, principal: Principal, set_id: str, form_name: str, values: dict[str, str], default_field: str | None) -> None:
    def again(failure: Failure) -> Response:
        return _review_page(request, principal, set_id, _status_of(request), {form_name: FormState(form_name, values, failure)}, failure.status)

    request.state.redo = Redo(again, default_field)


def _back(request: Request, set_id: str, done: str, **params: object) -> Response:
    return RedirectResponse(_location(request, f"/editor/mapping-sets/{set_id}", status=request.query_params.get("status"), done=done, **params),
                            status_code=303)


@editor.get("/editor/mapping-sets/{set_id}", response_class=HTMLResponse)
def review_page(request: Request, set_id: str, principal: EditorDep, status: StatusFilter = None) -> HTMLResponse:
    return _review_page(request, principal, set_id, status)


@editor.post("/editor/mapping-sets/{set_id}/review")
async def review(request: Request, set_id: str, principal: EditorDep) -> Response:
    """Accept or reject one mapping, with a comment (required to reject)."""
    values: dict[str, str] = {}
    form = await read_form(request)
    values.update(mapping=_text(form, "mapping"), decision=_text(form, "decision"), comment=_text(form, "comment"))
    _redo(request, principal, set_id, f"review-{values['mapping']}", values, "comment")
    if values["decision"] not in ("accept", "reject"):
        raise PageError(400, "ms_decision_missing", "decision")
    if values["decision"] == "reject" and not values["comment"]:
        raise PageError(400, "ms_comment_needed", "comment")
    decision = Status.ACCEPTED if values["decision"] == "accept" else Status.REJECTED
    store, catalogue = request.app.state.store, request.app.state.catalogue
    await run_in_threadpool(service.review_mapping, store, catalogue, values["mapping"], decision, principal, values["comment"] or None)
    return _back(request, set_id, decision.value)


@editor.post("/editor/mapping-sets/{set_id}/comment")
async def comment(request: Request, set_id: str, principal: EditorDep) -> Response:
    values: dict[str, str] = {}
    form = await read_form(request)
    values.update(mapping=_text(form, "mapping"), text=_text(form, "text"))
    _redo(request, principal, set_id, f"comment-{values['mapping']}", values, "text")
    if not values["text"]:
        raise PageError(400, "ms_comment_empty", "text")
    store, catalogue = request.app.state.store, request.app.state.catalogue
    await run_in_threadpool(service.add_comment, store, catalogue, values["mapping"], principal, values["text"])
    return _back(request, set_id, "commented")


@editor.post("/editor/mapping-sets/{set_id}/import")
async def import_file(request: Request, set_id: str, principal: EditorDep) -> Response:
    """Replace the set's mappings with an uploaded SSSOM TSV (or CSV) file."""
    values: dict[str, str] = {}
    _redo(request, principal, set_id, "import", values, "file")
    limit = request.app.state.settings.upload_max_bytes
    form = await read_form(request, limit)
    values["default_status"] = _text(form, "default_status") or Status.PROPOSED.value
    if values["default_status"] not in {s.value for s in Status}:
        raise PageError(400, "ms_decision_missing", "default_status")
    name, _, data = await _file(request, form, limit)
    store, catalogue = request.app.state.store, request.app.state.catalogue
    report = await run_in_threadpool(
        lambda: transfer.import_sssom(store, catalogue, set_id, data, principal, format_name="csv" if name.lower().endswith(".csv") else "sssom",
                                      default_status=Status(values["default_status"]), name=name)
    )
    return _back(request, set_id, "imported", n=report.mappings)


def _form_address(request: Request) -> Response:
    """A form's address opened as a page (e.g. switching language after a failed POST): the review page."""
    return RedirectResponse(_location(request, f"/editor/mapping-sets/{request.path_params['set_id']}"), status_code=303)


for _path in ("/editor/mapping-sets/{set_id}/review", "/editor/mapping-sets/{set_id}/comment", "/editor/mapping-sets/{set_id}/import"):
    editor.add_api_route(_path, _form_address, methods=["GET"], response_class=RedirectResponse)
