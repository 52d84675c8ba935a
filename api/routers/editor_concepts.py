"""Editing one concept of a draft in the browser: add, change (every language's fields shown and
sent back, so no language is dropped), move under other broader concepts, deprecate with a
replacement (suggested by /api/autocomplete; the deprecation asks for confirmation). The pages call
`registry.concept_edits`, as PATCH/POST /api/vocabularies/{id}/draft/concepts do; a failed form
comes back with what was typed and the message at its field."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pyoxigraph import Literal, NamedNode, Variable
from starlette.datastructures import FormData

from api.i18n import Label, pick_label
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
from registry.auth import Principal
from registry.concept_edits import (
    ConceptChange,
    add_concept,
    change_concept,
    deprecate_concept,
    move_concept,
)
from registry.concepts import parse_iri
from registry.drafts import draft_graph, require_may_edit
from registry.errors import NotFound
from registry.namespaces import SKOS
from registry.store import Store

router = APIRouter(include_in_schema=False, route_class=EditorRoute)

PAGE_LANGUAGES = ("nl", "en")  # always offered; a concept's other languages are shown too
MAX_FIELDS = 40
IriQuery = Annotated[str, Query(min_length=1, max_length=2048)]


def _concept_fields(store: Store, graph: NamedNode, iri: NamedNode) -> dict[str, Any] | None:
    """The editable fields of a concept of the draft, or None when the draft has no such concept."""
    rows = list(store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", substitutions={Variable("s"): iri}, default_graph=[graph]))
    if not any(r["p"].value == RDF_TYPE and r["o"].value == SKOS + "Concept" for r in rows):
        return None
    found: dict[str, Any] = {"pref": {}, "alt": {}, "definition": {}, "notation": "", "broader": [], "deprecated": False}
    for row in rows:
        predicate, value = row["p"].value, row["o"]
        if isinstance(value, Literal) and predicate in _LANGUAGE_FIELDS:
            name = _LANGUAGE_FIELDS[predicate]
            language = value.language or ""
            if name == "alt":
                found["alt"].setdefault(language, []).append(value.value)
            else:
                found[name][language] = value.value
        elif predicate == SKOS + "notation":
            found["notation"] = value.value
        elif predicate == SKOS + "broader" and isinstance(value, NamedNode):
            found["broader"].append(value.value)
        elif predicate == OWL_DEPRECATED and value.value == "true":
            found["deprecated"] = True
    return found


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OWL_DEPRECATED = "http://www.w3.org/2002/07/owl#deprecated"
_LANGUAGE_FIELDS = {SKOS + "prefLabel": "pref", SKOS + "altLabel": "alt", SKOS + "definition": "definition"}


def _languages(fields: dict[str, Any] | None) -> list[str]:
    present = set()
    if fields:
        for name in ("pref", "alt", "definition"):
            present |= {language for language in fields[name] if language}
    return [*PAGE_LANGUAGES, *sorted(present - set(PAGE_LANGUAGES))]


def _values(fields: dict[str, Any], languages: list[str]) -> dict[str, str]:
    """A concept's fields as the form's values."""
    values = {"notation": fields["notation"], "broader": "\n".join(sorted(fields["broader"]))}
    for language in languages:
        values[f"pref_{language}"] = fields["pref"].get(language, "")
        values[f"definition_{language}"] = fields["definition"].get(language, "")
        values[f"alt_{language}"] = "\n".join(sorted(fields["alt"].get(language, [])))
    return values


def _typed(form: FormData, languages: list[str], names: tuple[str, ...]) -> dict[str, str]:
    values = {name: _text(form, name) for name in names}
    for language in languages:
        for prefix in ("pref", "definition", "alt"):
            values[f"{prefix}_{language}"] = _text(form, f"{prefix}_{language}")
    return values


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _change(values: dict[str, str], languages: list[str], before: dict[str, Any] | None = None) -> ConceptChange:
    """The form's per-language fields as a change: a language with a value sets it, a language that
    had a value and is now empty is removed (`remove`), the others are left as they are. Every
    language is shown on the form, so none is dropped by a change of another."""
    change = ConceptChange(notation=values.get("notation", ""))
    setting: dict[str, dict[str, Any]] = {"pref_labels": {}, "definitions": {}, "alt_labels": {}}
    removing: dict[str, list[str]] = {}
    for name, prefix, old_key in (("pref_labels", "pref", "pref"), ("definitions", "definition", "definition"), ("alt_labels", "alt", "alt")):
        for language in languages:
            text = values.get(f"{prefix}_{language}", "")
            value: Any = _lines(text) if name == "alt_labels" else text
            if value:
                setting[name][language] = value
            elif before is not None and before[old_key].get(language):
                removing.setdefault(name, []).append(language)
    change.pref_labels = setting["pref_labels"] or None
    change.definitions = setting["definitions"] or None
    change.alt_labels = setting["alt_labels"] or None
    change.remove = removing
    return change


def _page(request: Request, principal: Principal, slug: str, uri: str | None, forms: dict[str, FormState] | None = None,
          status: int = 200) -> HTMLResponse:
    store, catalogue = _store(request), _catalogue(request)
    require_may_edit(catalogue, slug, principal)
    graph = draft_graph(catalogue, slug)  # NotFound: no draft to edit
    fields = None
    if uri:
        fields = _concept_fields(store, graph, parse_iri(uri, "uri"))
        if fields is None:
            raise NotFound(f"{uri} is not a concept of the draft of {slug!r}")
    languages = _languages(fields)
    language = request_language(request)
    forms = dict(forms or {})
    if fields is not None:
        for name in ("change", "move"):
            forms.setdefault(name, FormState(name, _values(fields, languages)))
    context = {
        "slug": slug, "uri": uri, "fields": fields, "languages": languages, "forms": forms,
        "concept_label": pick_label(fields["pref"], language, uri or "") if fields else Label("", ""),
    }
    return _render(request, "editor_concept.html", context, status)


def _redo(request: Request, principal: Principal, slug: str, uri: str | None, form_name: str, values: dict[str, str],
          default_field: str | None) -> None:
    def again(failure: Failure) -> Response:
        return _page(request, principal, slug, uri, {form_name: FormState(form_name, values, failure)}, failure.status)

    request.state.redo = Redo(again, default_field)


def _done(request: Request, slug: str, uri: str, done: str) -> RedirectResponse:
    return RedirectResponse(_location(request, f"/editor/vocabularies/{slug}/concept", uri=uri, done=done), status_code=303)


@router.get("/editor/vocabularies/{vocabulary_id}/concept", response_class=HTMLResponse)
def concept_page(request: Request, vocabulary_id: str, principal: EditorDep,
                 uri: Annotated[str | None, Query(max_length=2048)] = None) -> HTMLResponse:
    """A concept of the draft to change, move or deprecate; without `uri`: the form to add one."""
    return _page(request, principal, vocabulary_id, uri or None)


@router.post("/editor/vocabularies/{vocabulary_id}/concept/add")
async def add(request: Request, vocabulary_id: str, principal: EditorDep) -> Response:
    values: dict[str, str] = {}
    _redo(request, principal, vocabulary_id, None, "add", values, "uri")
    form = await read_form(request, max_fields=MAX_FIELDS)
    languages = list(PAGE_LANGUAGES)
    values.update(_typed(form, languages, ("uri", "notation", "broader")))
    if not values["uri"]:
        raise PageError(400, "ed_concept_uri_missing", "uri")
    if not any(values[f"pref_{language}"] for language in languages):
        raise PageError(400, "ed_concept_label_missing", f"pref_{languages[0]}")
    change = _change(values, languages)
    change.broader = _lines(values["broader"])
    await run_in_threadpool(add_concept, _store(request), _catalogue(request), vocabulary_id, principal, values["uri"], change)
    return _done(request, vocabulary_id, values["uri"], "added")


@router.post("/editor/vocabularies/{vocabulary_id}/concept/change")
async def change(request: Request, vocabulary_id: str, uri: IriQuery, principal: EditorDep) -> Response:
    values: dict[str, str] = {}
    _redo(request, principal, vocabulary_id, uri, "change", values, None)
    form = await read_form(request, max_fields=MAX_FIELDS)
    fields = _concept_fields(_store(request), draft_graph(_catalogue(request), vocabulary_id), parse_iri(uri, "uri"))
    languages = _languages(fields)
    values.update(_typed(form, languages, ("notation",)))
    if not any(values[f"pref_{language}"] for language in languages):
        raise PageError(400, "ed_concept_label_missing", f"pref_{languages[0]}")
    await run_in_threadpool(change_concept, _store(request), _catalogue(request), vocabulary_id, principal, uri, _change(values, languages, fields))
    return _done(request, vocabulary_id, uri, "changed")


@router.post("/editor/vocabularies/{vocabulary_id}/concept/move")
async def move(request: Request, vocabulary_id: str, uri: IriQuery, principal: EditorDep) -> Response:
    values: dict[str, str] = {}
    _redo(request, principal, vocabulary_id, uri, "move", values, "broader")
    form = await read_form(request)
    values["broader"] = _text(form, "broader")
    await run_in_threadpool(move_concept, _store(request), _catalogue(request), vocabulary_id, principal, uri, _lines(values["broader"]))
    return _done(request, vocabulary_id, uri, "moved")


@router.post("/editor/vocabularies/{vocabulary_id}/concept/deprecate")
async def deprecate(request: Request, vocabulary_id: str, uri: IriQuery, principal: EditorDep) -> Response:
    """Deprecate with a replacement; destructive, so the form's confirmation box must be ticked."""
    values: dict[str, str] = {}
    _redo(request, principal, vocabulary_id, uri, "deprecate", values, "replacement")
    form = await read_form(request)
    values.update(replacement=_text(form, "replacement"), confirm=_text(form, "confirm"))
    if not values["replacement"]:
        raise PageError(400, "ed_replacement_missing", "replacement")
    if values["confirm"] != "yes":
        raise PageError(400, "ed_confirm_missing", "confirm")
    await run_in_threadpool(deprecate_concept, _store(request), _catalogue(request), vocabulary_id, principal, uri,
                            _lines(values["replacement"]))
    return _done(request, vocabulary_id, uri, "deprecated")


def _form_address(request: Request) -> Response:
    """A form's address opened as a page (e.g. switching language after a failed POST): the concept page."""
    slug = request.path_params["vocabulary_id"]
    return RedirectResponse(_location(request, f"/editor/vocabularies/{slug}/concept", uri=request.query_params.get("uri")),
                            status_code=303)


for _action in ("add", "change", "move", "deprecate"):
    router.add_api_route(f"/editor/vocabularies/{{vocabulary_id}}/concept/{_action}", _form_address, methods=["GET"],
                         response_class=RedirectResponse)
