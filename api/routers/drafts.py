"""Editing: upload or start a draft, edit its concepts, preview it, check its quality."""

from __future__ import annotations

import io
import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field
from pyoxigraph import NamedNode

from api.deps import CatalogueDep, PrincipalDep, SettingsDep, StoreDep
from api.negotiation import negotiate
from api.uploads import draft_from_upload, read_upload
from registry.auth import require_editor_of
from registry.concept_edits import (
    ConceptChange,
    add_concept,
    change_concept,
    deprecate_concept,
    move_concept,
)
from registry.diff import diff_graphs
from registry.drafts import (
    DraftReport,
    discard_draft,
    draft_graph,
    start_draft,
)
from registry.errors import NotFound
from registry.formats import format_named
from registry.loading import summarise
from registry.spreadsheet import MEDIA_TYPES, write_spreadsheet
from registry.validation import to_csv, to_json, to_turtle

router = APIRouter(prefix="/api/vocabularies/{vocabulary_id}/draft", tags=["drafts"])

Iri = Annotated[str, Query(min_length=1, max_length=2048, description="the concept's IRI")]


class DraftSummary(BaseModel):
    vocabulary: str
    scheme: str
    concepts: int
    collections: int
    deprecated_concepts: int
    triples: int
    languages: list[str]


class ConceptFields(BaseModel):
    """Fields to set; a field left out stays as it is (on change). Labels and definitions are per
    language: the languages given replace those languages only; `remove` removes languages."""

    pref_labels: dict[str, str] | None = Field(None, examples=[{"nl": "Escaperoom", "en": "Escape room"}])
    alt_labels: dict[str, list[str]] | None = None
    definitions: dict[str, str] | None = None
    notation: str | None = None
    broader: list[str] | None = None
    related: list[str] | None = None
    mappings: dict[str, list[str]] = Field(default_factory=dict, description="exact_match, close_match, broad_match, narrow_match, related_match")
    remove: dict[str, list[str]] = Field(default_factory=dict, examples=[{"definitions": ["en"]}],
                                         description="languages to remove, per field: pref_labels, alt_labels, definitions")

    def change(self) -> ConceptChange:
        """The fields as a domain change (a subclass's own fields, such as NewConcept.uri, left out)."""
        return ConceptChange(**self.model_dump(include=set(ConceptFields.model_fields)))


class NewConcept(ConceptFields):
    uri: str


class Deprecation(BaseModel):
    replaced_by: list[str] = Field(default_factory=list)


class Move(BaseModel):
    broader: list[str] = Field(description="the new broader concepts; empty makes it a top concept")


def _summary(report: DraftReport) -> DraftSummary:
    s = report.summary
    return DraftSummary(vocabulary=report.slug, scheme=report.scheme, concepts=s.concepts, collections=s.collections,
                        deprecated_concepts=s.deprecated_concepts, triples=s.triples, languages=list(s.languages))


@router.put("", response_model=DraftSummary, summary="Upload a draft: Turtle, RDF/XML, JSON-LD, N-Triples, CSV or XLSX (registers a new vocabulary)")
async def upload(vocabulary_id: str, request: Request, store: StoreDep, catalogue: CatalogueDep, settings: SettingsDep, principal: PrincipalDep,
                 base: Annotated[str | None, Query(description="base IRI for relative IRIs (RDF) or local ids (spreadsheets)")] = None) -> DraftSummary:
    require_editor_of(principal, _owner(catalogue, vocabulary_id, principal))
    upload = await read_upload(request, settings.upload_max_bytes)
    report = await run_in_threadpool(draft_from_upload, store, catalogue, vocabulary_id, upload, principal, base)
    return _summary(report)


def _owner(catalogue, slug: str, principal) -> str:
    state = catalogue.state(slug)
    if state is None:
        return principal.organisation if principal else ""
    return state.owner or "eduvoc"


@router.post("", response_model=DraftSummary, status_code=201, summary="Start a draft from the latest release")
def start(vocabulary_id: str, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> DraftSummary:
    return _summary(start_draft(store, catalogue, vocabulary_id, principal))


@router.delete("", status_code=204, summary="Discard the draft")
def discard(vocabulary_id: str, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> Response:
    discard_draft(store, catalogue, vocabulary_id, principal)
    return Response(status_code=204)


@router.get("", summary="Preview the draft: counts and what publishing it would change")
def preview(vocabulary_id: str, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> dict:
    require_editor_of(principal, _owner(catalogue, vocabulary_id, principal))
    graph = draft_graph(catalogue, vocabulary_id)
    try:
        latest = catalogue.vocabulary(vocabulary_id).release("latest")
    except NotFound:
        latest = None
    summary = summarise(store, graph)
    body: dict = {"vocabulary": vocabulary_id, "concepts": summary.concepts, "triples": summary.triples,
                  "deprecated_concepts": summary.deprecated_concepts, "languages": list(summary.languages)}
    if latest is not None:
        diff = diff_graphs(store, NamedNode(latest.graph), graph, latest.version, "draft")
        body["changes_since"] = latest.version
        body["changes"] = {"added": diff.added, "removed": diff.removed, "deprecated": diff.deprecated, "replaced": diff.replaced,
                           "changed": {c: [vars(p) for p in props] for c, props in diff.changed.items()}, "summary": diff.summary()}
    return body


@router.post("/concepts", status_code=201, summary="Add a concept to the draft")
def new_concept(vocabulary_id: str, body: NewConcept, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> dict:
    add_concept(store, catalogue, vocabulary_id, principal, body.uri, body.change())
    return {"uri": body.uri}


@router.patch("/concepts", summary="Change a concept of the draft: only the fields and languages given; answers what changed",
              responses={422: {"description": "the change would drop the Dutch preferred label or a language nobody asked to remove"}})
def edit_concept(vocabulary_id: str, uri: Iri, body: ConceptFields, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> dict:
    changes = change_concept(store, catalogue, vocabulary_id, principal, uri, body.change())
    return {"uri": uri, "changed": [vars(c) for c in changes]}


@router.post("/concepts/deprecate", summary="Deprecate a concept of the draft, naming its replacements")
def deprecate(vocabulary_id: str, uri: Iri, body: Deprecation, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> dict:
    deprecate_concept(store, catalogue, vocabulary_id, principal, uri, body.replaced_by)
    return {"uri": uri, "replaced_by": body.replaced_by}


@router.post("/concepts/move", summary="Move a concept of the draft under other broader concepts")
def move(vocabulary_id: str, uri: Iri, body: Move, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> dict:
    move_concept(store, catalogue, vocabulary_id, principal, uri, body.broader)
    return {"uri": uri, "broader": body.broader}


@router.get("/export", summary="The draft as a spreadsheet (csv, xlsx) or RDF, to edit and upload again")
def export_draft(vocabulary_id: str, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep,
                 format: Annotated[str, Query(description="xlsx, csv, turtle, ntriples, jsonld, rdfxml")] = "xlsx") -> Response:
    require_editor_of(principal, _owner(catalogue, vocabulary_id, principal))
    state = catalogue.state(vocabulary_id)
    return export_graph(store, draft_graph(catalogue, vocabulary_id), state.scheme, vocabulary_id, format)


def export_graph(store, graph: NamedNode, scheme: str, name: str, format: str) -> Response:
    """One version graph as a download: the spreadsheet template or any RDF format."""
    disposition = {"Content-Disposition": f'attachment; filename="{name}.{format}"'}
    if format in MEDIA_TYPES:
        triples = list(store.query("CONSTRUCT WHERE { ?s ?p ?o }", default_graph=[graph]))
        return Response(write_spreadsheet(triples, scheme, format), media_type=MEDIA_TYPES[format], headers=disposition)
    rdf_format = format_named(format)
    buffer = io.BytesIO()
    store.serialize(buffer, rdf_format, [graph])
    return Response(buffer.getvalue(), media_type=rdf_format.media_type, headers=disposition)


QUALITY_OFFERS = ["application/json", "text/turtle", "text/csv"]


@router.get("/quality", summary="The draft's quality report: JSON, SHACL report in Turtle, or CSV (by Accept)")
def quality(vocabulary_id: str, request: Request, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> Response:
    require_editor_of(principal, _owner(catalogue, vocabulary_id, principal))
    report = request.app.state.quality_check(store, draft_graph(catalogue, vocabulary_id))
    media_type = negotiate(request.headers.get("accept"), QUALITY_OFFERS)
    if media_type == "text/turtle":
        return Response(to_turtle(report), media_type=media_type, headers={"Vary": "Accept"})
    if media_type == "text/csv":
        return Response(to_csv(report), media_type=media_type, headers={"Vary": "Accept"})
    return Response(json.dumps(to_json(report), ensure_ascii=False), media_type=media_type, headers={"Vary": "Accept"})
