"""The editor page of one draft concept: its preferred labels and definitions per language, changed
only where the editor changes them (issue #14). A language is removed only by ticking its
"remove" box; emptying a field, or removing the Dutch preferred label, is refused by the domain
(`registry.concept_edits`) and shown on the page with the form as it was typed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from api.routers.editor import (
    EditorDep,
    EditorRoute,
    Failure,
    FormState,
    Redo,
    _catalogue,
    _location,
    _render,
    _store,
    read_form,
)
from registry.auth import Principal
from registry.concept_edits import ConceptChange, change_concept, language_values
from registry.drafts import require_may_edit

router = APIRouter(include_in_schema=False, route_class=EditorRoute)

#: the fields the page edits, in order
FIELDS = ("pref_labels", "definitions")
FORM = "concept"
MAX_FIELDS = 64
Iri = Annotated[str, Query(min_length=1, max_length=2048)]


def _path(slug: str) -> str:
    return f"/editor/vocabularies/{slug}/concept"


def _page(request: Request, principal: Principal, slug: str, uri: str, state: FormState | None = None, status: int = 200) -> HTMLResponse:
    require_may_edit(_catalogue(request), slug, principal)
    values = language_values(_store(request), _catalogue(request), slug, uri)
    languages = sorted({language for name in FIELDS for language in values[name]}, key=lambda lang: (lang != "nl", lang))
    context: dict[str, Any] = {
        "slug": slug, "uri": uri, "values": values, "languages": languages, "fields": FIELDS,
        "changed": request.query_params.get("changed"),
        "forms": {FORM: state} if state is not None else {},
    }
    return _render(request, "editor_concept.html", context, status)


def change_of(form: FormData, current: dict[str, dict[str, list[str]]]) -> ConceptChange:
    """The change the form asks for: every language field it holds (the domain leaves equal values
    alone and refuses empty ones), a new language if one is filled in, and the ticked removals."""
    remove: dict[str, list[str]] = {}
    for ticked in form.getlist("remove"):
        name, _, language = str(ticked).partition(".")
        if name in FIELDS and language:
            remove.setdefault(name, []).append(language)
    setting: dict[str, dict[str, str]] = {name: {} for name in FIELDS}
    for key, value in form.multi_items():
        name, _, language = key.partition(".")
        if name in FIELDS and language and isinstance(value, str) and language not in remove.get(name, []):
            if value == " | ".join(current[name].get(language, [])):
                continue  # as shown: unchanged (several values in one language are shown joined)
            if value.strip() or language in current[name]:
                setting[name][language] = value
    new_language = str(form.get("new_language") or "").strip()
    if new_language:
        for name in FIELDS:
            text = str(form.get(f"new.{name}") or "")
            if text.strip():
                setting[name][new_language] = text
    return ConceptChange(pref_labels=setting["pref_labels"] or None, definitions=setting["definitions"] or None, remove=remove)


@router.get(_path("{vocabulary_id}"), response_class=HTMLResponse)
def concept_form(request: Request, vocabulary_id: str, uri: Iri, principal: EditorDep) -> HTMLResponse:
    """The concept's labels and definitions, one row per language, to change."""
    return _page(request, principal, vocabulary_id, uri)


@router.post(_path("{vocabulary_id}"))
async def change(request: Request, vocabulary_id: str, uri: Iri, principal: EditorDep) -> Response:
    """Apply the form: only the languages changed change; a refusal shows the form again (422)."""
    typed: dict[str, str] = {}

    def again(failure: Failure) -> Response:
        return _page(request, principal, vocabulary_id, uri, FormState(FORM, typed, failure), failure.status)

    request.state.redo = Redo(again, None)
    form = await read_form(request, max_fields=MAX_FIELDS)
    typed.update({key: value for key, value in form.multi_items() if isinstance(value, str) and key != "remove"})
    current = await run_in_threadpool(language_values, _store(request), _catalogue(request), vocabulary_id, uri)
    changes = await run_in_threadpool(change_concept, _store(request), _catalogue(request), vocabulary_id, principal, uri,
                                      change_of(form, current))
    return RedirectResponse(_location(request, _path(vocabulary_id), uri=uri, changed=len(changes)), status_code=303)
