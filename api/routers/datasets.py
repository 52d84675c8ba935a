"""The dataset catalogue over HTTP: register (token), browse with facets, one dataset, withdraw,
the whole catalogue as DCAT; and impact analysis of a concept, vocabulary or release."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field
from pyoxigraph import NamedNode

from api.deps import CatalogueDep, PrincipalDep, SettingsDep, StoreDep
from api.negotiation import negotiate
from api.uploads import read_upload
from registry.datasets import (
    FACETS,
    DatasetPage,
    DatasetSummary,
    ValueLabel,
    browse,
    catalogue_triples,
    dataset_index,
    get_record,
    register_dataset,
    serialise,
    withdraw_dataset,
)
from registry.errors import UnsupportedFormat
from registry.formats import format_named
from registry.impact import Impact, impact_of
from registry.input_bounds import MAX_OFFSET
from registry.validation import to_json

router = APIRouter(tags=["datasets"])

#: answers for the catalogue and one description: media type -> format name
RDF_ANSWERS = {"text/turtle": "turtle", "application/ld+json": "jsonld", "application/rdf+xml": "rdfxml", "application/n-triples": "ntriples"}
FilterValues = Annotated[list[str], Query(max_length=20)]


class Labelled(BaseModel):
    value: str
    label: dict[str, str]
    vocabulary: str | None = Field(None, description="the registered vocabulary the value is, or belongs to")


class FacetCount(Labelled):
    count: int
    selected: bool


class DatasetPublic(BaseModel):
    id: str
    uri: str
    title: dict[str, str]
    description: dict[str, str]
    keywords: list[str]
    owner: str = Field(description="the organisation that registered it (and may update or withdraw it)")
    registered: datetime
    modified: datetime
    contains_personal_data: bool | None
    theme: list[Labelled]
    publisher: list[Labelled]
    conforms_to: list[Labelled]
    purpose: list[Labelled]
    aggregation_level: list[Labelled]
    graph: str


class DatasetList(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[DatasetPublic]
    facets: dict[str, list[FacetCount]]


class RegistrationPublic(BaseModel):
    dataset: DatasetPublic
    created: bool
    replaced_graph: str | None
    warnings: int
    report: dict = Field(description="the validation report (warnings and info; violations would have refused it)")


def dataset_public(summary: DatasetSummary, labels: dict[str, ValueLabel]) -> DatasetPublic:
    def labelled(name: str) -> list[Labelled]:
        return [
            Labelled(value=v, label=labels.get(v, ValueLabel({})).labels, vocabulary=labels.get(v, ValueLabel({})).vocabulary)
            for v in summary.values.get(name, ())
        ]

    return DatasetPublic(
        id=summary.id, uri=summary.iri, title=summary.titles, description=summary.descriptions, keywords=list(summary.keywords),
        owner=summary.owner, registered=summary.issued, modified=summary.modified, contains_personal_data=summary.personal_data,
        **{name: labelled(name) for name in FACETS}, graph=summary.graph,
    )


def dataset_list(page: DatasetPage) -> DatasetList:
    return DatasetList(
        total=page.total, offset=page.offset, limit=page.limit,
        items=[dataset_public(s, page.labels) for s in page.items],
        facets={
            name: [FacetCount(value=f.value, label=f.label.labels, vocabulary=f.label.vocabulary, count=f.count, selected=f.selected) for f in values]
            for name, values in page.facets.items()
        },
    )


@router.get("/api/datasets", response_model=DatasetList, summary="Registered datasets: free text, filters and facet counts")
def list_datasets(
    store: StoreDep, catalogue: CatalogueDep,
    q: Annotated[str, Query(max_length=500, description="words that must all occur in title, description or keywords")] = "",
    theme: FilterValues = [],
    publisher: FilterValues = [],
    conforms_to: FilterValues = [],
    purpose: FilterValues = [],
    aggregation_level: FilterValues = [],
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> DatasetList:
    """Filters take IRIs (a publisher without IRI: its name); a dataset must match every filter
    given. Facet counts are over all matches."""
    filters = {"theme": theme, "publisher": publisher, "conforms_to": conforms_to, "purpose": purpose, "aggregation_level": aggregation_level}
    return dataset_list(browse(dataset_index(store, catalogue), q, filters, offset, limit))


def _rdf_format(request: Request, format: str | None):
    if format:
        return format_named(format)
    return format_named(RDF_ANSWERS[negotiate(request.headers.get("accept"), list(RDF_ANSWERS))])


@router.get("/api/datasets/catalogue", summary="The whole catalogue as DCAT (Turtle, JSON-LD, RDF/XML, N-Triples)",
            responses={200: {"content": {media: {} for media in RDF_ANSWERS}}})
@router.get("/catalogue.ttl", include_in_schema=False)
def export_catalogue(request: Request, store: StoreDep, catalogue: CatalogueDep, settings: SettingsDep,
                     format: Annotated[str | None, Query(description="turtle, jsonld, rdfxml, ntriples (default: by Accept)")] = None) -> Response:
    rdf_format = format_named("turtle") if request.url.path.endswith(".ttl") and not format else _rdf_format(request, format)
    if rdf_format.graph_aware:
        raise UnsupportedFormat(f"the catalogue is one graph; {rdf_format.name} is for datasets of graphs", location="format")
    public_url = settings.public_url or str(request.base_url)
    body = serialise(catalogue_triples(store, catalogue, public_url), rdf_format)
    return Response(body, media_type=rdf_format.media_type, headers={"Vary": "Accept"})


@router.get("/api/datasets/{dataset_id}", response_model=DatasetPublic,
            summary="One registered dataset (JSON; the description as registered by Accept: Turtle, JSON-LD, ...)",
            responses={200: {"content": {"application/json": {}, **{media: {} for media in RDF_ANSWERS}}}})
def get_dataset(dataset_id: str, request: Request, store: StoreDep, catalogue: CatalogueDep,
                format: Annotated[str | None, Query(description="json (default), turtle, jsonld, rdfxml, ntriples")] = None):
    index = dataset_index(store, catalogue)
    summary = index.get(dataset_id)
    wanted = format or RDF_ANSWERS.get(negotiate(request.headers.get("accept"), ["application/json", *RDF_ANSWERS]), "json")
    if wanted == "json":
        return dataset_public(summary, index.labels)
    rdf_format = format_named(wanted)
    if rdf_format.graph_aware:
        raise UnsupportedFormat(f"a description is one graph; {rdf_format.name} is for datasets of graphs", location="format")
    record = get_record(store, dataset_id)
    triples = [q.triple for q in store.quads(graph=NamedNode(record.graph))]
    return Response(serialise(triples, rdf_format), media_type=rdf_format.media_type, headers={"Vary": "Accept"})


async def _register(request: Request, store, catalogue, settings, principal, base: str | None) -> Response:
    upload = await read_upload(request, settings.upload_max_bytes)
    if upload.rdf_format is None:
        raise UnsupportedFormat("a dataset description is RDF: send Turtle, JSON-LD, RDF/XML or N-Triples", location="Content-Type")
    registration = await run_in_threadpool(
        register_dataset, store, catalogue, upload.data, upload.rdf_format.media_type, principal, base_iri=base,
    )
    index = dataset_index(store, catalogue)
    body = RegistrationPublic(
        dataset=dataset_public(index.get(registration.record.id), index.labels), created=registration.created,
        replaced_graph=registration.replaced_graph, warnings=registration.warnings, report=to_json(registration.report),
    )
    return Response(body.model_dump_json(), status_code=201 if registration.created else 200, media_type="application/json",
                    headers={"Location": f"/api/datasets/{registration.record.id}"})


_REGISTER_DOC = dict(
    response_model=RegistrationPublic,
    summary="Register a dataset description (token); it must conform to the 'dataset' profile (else 422 with the report)",
    openapi_extra={"requestBody": {"required": True, "content": {m: {"schema": {"type": "string"}} for m in RDF_ANSWERS}}},
)


@router.post("/api/datasets", status_code=201, **_REGISTER_DOC)
async def register(request: Request, store: StoreDep, catalogue: CatalogueDep, settings: SettingsDep, principal: PrincipalDep,
                   base: Annotated[str | None, Query(description="base IRI for relative IRIs")] = None) -> Response:
    """201 for a new dataset, 200 for a new version of one the caller's organisation registered."""
    return await _register(request, store, catalogue, settings, principal, base)


@router.put("/api/datasets", status_code=200, **_REGISTER_DOC)
async def register_put(request: Request, store: StoreDep, catalogue: CatalogueDep, settings: SettingsDep, principal: PrincipalDep,
                       base: Annotated[str | None, Query(description="base IRI for relative IRIs")] = None) -> Response:
    """The same as POST: the dataset's own IRI says which record it creates or replaces."""
    return await _register(request, store, catalogue, settings, principal, base)


@router.delete("/api/datasets/{dataset_id}", status_code=204, summary="Withdraw a dataset (its owner or an admin)")
async def withdraw(dataset_id: str, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> Response:
    await run_in_threadpool(withdraw_dataset, store, catalogue, dataset_id, principal)
    return Response(status_code=204)


# --- impact analysis -------------------------------------------------------------------------------

class StatementPublic(BaseModel):
    subject: str
    predicate: str
    object: str


class DatasetDependant(BaseModel):
    id: str
    uri: str
    title: dict[str, str]
    properties: list[str]
    concepts: list[str]


class MappingDependant(StatementPublic):
    source: str = Field(description="the vocabulary holding the mapping, else the graph")
    direction: str = Field(description="'to': points at the target; 'from': starts from it")


class VocabularyDependant(BaseModel):
    id: str
    title: dict[str, str]
    count: int
    statements: list[StatementPublic]


class ImpactPublic(BaseModel):
    target: str
    kind: str
    vocabulary: str | None
    concepts: int
    datasets: list[DatasetDependant]
    mappings: list[MappingDependant]
    mapping_count: int
    vocabularies: list[VocabularyDependant]


def impact_public(impact: Impact) -> ImpactPublic:
    return ImpactPublic(
        target=impact.target, kind=impact.kind, vocabulary=impact.vocabulary, concepts=impact.concepts,
        datasets=[DatasetDependant(id=d.id, uri=d.iri, title=d.titles, properties=sorted(d.properties), concepts=sorted(d.concepts))
                  for d in impact.datasets],
        mappings=[MappingDependant(subject=m.statement.subject, predicate=m.statement.predicate, object=m.statement.object,
                                   source=m.source, direction=m.direction) for m in impact.mappings],
        mapping_count=impact.mapping_count,
        vocabularies=[VocabularyDependant(id=v.slug, title=v.titles, count=v.count,
                                          statements=[StatementPublic(**s.__dict__) for s in v.statements]) for v in impact.vocabularies],
    )


@router.get("/api/impact", response_model=ImpactPublic, tags=["impact"],
            summary="Which datasets, mappings and other vocabularies depend on a concept, vocabulary or release")
def impact(store: StoreDep, catalogue: CatalogueDep,
           uri: Annotated[str | None, Query(max_length=2048, description="a concept's or vocabulary's IRI (or a release IRI)")] = None,
           release: Annotated[str | None, Query(max_length=300, description="a release as <vocabulary>/<version>")] = None) -> ImpactPublic:
    return impact_public(impact_of(store, catalogue, uri=uri, release=release))
