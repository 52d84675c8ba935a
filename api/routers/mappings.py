"""Mapping sets over HTTP: list, create, read (JSON, SSSOM TSV, CSV), propose, import SSSOM,
accept / reject / comment, and the mappings of one concept. Thin: parse, one call into
`registry.mappings`, shape the answer."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from api.deps import CatalogueDep, PrincipalDep, SettingsDep, StoreDep
from api.negotiation import negotiate
from api.uploads import read_body
from registry.concepts import parse_iri
from registry.mappings import service, transfer
from registry.mappings.labels import concept_labels
from registry.mappings.model import MANUAL_CURATION, NewMapping, Status

router = APIRouter(prefix="/api", tags=["mappings"])

#: media type -> export format name
MEDIA_TYPES = {"application/json": "json", "text/tab-separated-values": "sssom", "text/csv": "csv"}
#: import Content-Type -> format name
IMPORT_TYPES = {"text/tab-separated-values": "sssom", "text/plain": "sssom", "text/csv": "csv", "application/octet-stream": "sssom"}
ExportFormat = Literal["sssom", "json", "csv"]


class MappingSetCreate(BaseModel):
    id: str = Field(examples=["werkvormen-xapi"])
    source: str = Field(description="source vocabulary: its id or scheme IRI", examples=["werkvormen"])
    target: str = Field(description="target vocabulary: its id or scheme IRI", examples=["xapi-activity-types"])
    title: str = Field(min_length=1, max_length=500)
    description: str | None = Field(None, max_length=10_000)
    license: str | None = Field(None, max_length=2048, examples=["https://creativecommons.org/publicdomain/zero/1.0/"])
    owner: str | None = Field(None, description="owning organisation (default: yours; only an admin may name another)")


class MappingSetPublic(BaseModel):
    id: str
    iri: str
    title: str
    description: str | None
    license: str | None
    source: str
    source_scheme: str
    target: str
    target_scheme: str
    owner: str
    creator: str
    created: str
    modified: str
    counts: dict[str, int]


class CommentPublic(BaseModel):
    author: str
    organisation: str | None
    date: str
    text: str


class MappingPublic(BaseModel):
    id: str
    iri: str
    set: str
    subject: str
    subject_labels: dict[str, str]
    predicate: str
    object: str
    object_labels: dict[str, str]
    confidence: float | None
    justification: str
    author: list[str]
    organisation: str | None
    date: str | None
    comment: str | None
    status: str
    reviewer: list[str]
    reviewed: str | None
    comments: list[CommentPublic]


class MappingSetDetail(MappingSetPublic):
    mappings: list[MappingPublic]


class MappingSetsPage(BaseModel):
    data: list[MappingSetPublic]
    count: int


class MappingsPage(BaseModel):
    data: list[MappingPublic]
    count: int


class NewMappingIn(BaseModel):
    subject: str = Field(max_length=2048)
    predicate: str = Field(description="exact, close, broad, narrow, related, or skos:exactMatch etc.", examples=["exact"])
    object: str = Field(max_length=2048)
    confidence: float | None = Field(None, description="0 to 1")
    justification: str = Field(MANUAL_CURATION, description="a SEMAPV term, e.g. semapv:ManualMappingCuration, semapv:LexicalMatching")
    comment: str | None = Field(None, max_length=10_000)


class Proposal(BaseModel):
    mappings: list[NewMappingIn] = Field(min_length=1, max_length=10_000)


class Proposed(BaseModel):
    ids: list[str]


class Review(BaseModel):
    comment: str | None = Field(None, max_length=10_000, description="required to reject")


class CommentIn(BaseModel):
    text: str = Field(min_length=1, max_length=10_000)


class ImportResult(BaseModel):
    set: str
    mappings: int
    by_status: dict[str, int]
    replaced: int
    ignored_columns: list[str]


@router.get("/mapping-sets", response_model=MappingSetsPage, summary="Every mapping set")
def mapping_sets(store: StoreDep, catalogue: CatalogueDep) -> MappingSetsPage:
    sets = [MappingSetPublic(**transfer.mapping_set_json(s)) for s in service.list_mapping_sets(store, catalogue)]
    return MappingSetsPage(data=sets, count=len(sets))


@router.post("/mapping-sets", response_model=MappingSetPublic, status_code=201, summary="Create a mapping set between two registered vocabularies")
def create_mapping_set(body: MappingSetCreate, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> JSONResponse:
    created = service.create_mapping_set(
        store, catalogue, principal, set_id=body.id, source=body.source, target=body.target,
        title=body.title, description=body.description, license=body.license, owner=body.owner,
    )
    return JSONResponse(transfer.mapping_set_json(created), status_code=201, headers={"Location": f"/api/mapping-sets/{created.id}"})


@router.get(
    "/mapping-sets/{set_id}",
    response_model=MappingSetDetail,
    responses={200: {"content": {"text/tab-separated-values": {}, "text/csv": {}}}},
    summary="A mapping set with its mappings: JSON, SSSOM TSV (`?format=sssom`) or CSV (`?format=csv`), or by Accept",
)
def mapping_set(
    set_id: str, request: Request, store: StoreDep, catalogue: CatalogueDep,
    format: Annotated[ExportFormat | None, Query(description="sssom (TSV with metadata), json or csv; default: by Accept")] = None,
    status: Annotated[Status | None, Query(description="only mappings with this status (JSON only)")] = None,
) -> Response:
    chosen = format or MEDIA_TYPES[negotiate(request.headers.get("accept"), list(MEDIA_TYPES))]
    media_type, extension = transfer.FORMATS[chosen]
    if chosen == "json" and status is not None:
        found = service.get_mapping_set(store, catalogue, set_id)
        mappings = service.list_mappings(store, set_id, status)
        labels = concept_labels(store, catalogue, [m.subject for m in mappings] + [m.object for m in mappings])
        return JSONResponse(transfer.set_json(found, mappings, labels))
    body = transfer.export_set(store, catalogue, set_id, chosen)
    headers = {"Vary": "Accept"}
    if chosen != "json":
        headers["Content-Disposition"] = f'attachment; filename="{set_id}.{extension}"'
    return Response(body, media_type=media_type, headers=headers)


@router.post("/mapping-sets/{set_id}/mappings", response_model=Proposed, status_code=201, summary="Propose mappings (any signed-in organisation)")
def propose(set_id: str, body: Proposal, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> JSONResponse:
    mappings = [NewMapping(**m.model_dump()) for m in body.mappings]
    ids = service.propose_mappings(store, catalogue, set_id, mappings, principal)
    return JSONResponse({"ids": ids}, status_code=201)


@router.put(
    "/mapping-sets/{set_id}/import",
    response_model=ImportResult,
    summary="Replace the set's mappings with an SSSOM table (TSV with its metadata block, or CSV); the set's owners only",
    openapi_extra={"requestBody": {"content": {"text/tab-separated-values": {"schema": {"type": "string"}}, "text/csv": {"schema": {"type": "string"}}}}},
)
async def import_sssom(
    set_id: str, request: Request, store: StoreDep, catalogue: CatalogueDep, settings: SettingsDep, principal: PrincipalDep,
    default_status: Annotated[Status, Query(description="status of rows without a `status` column value")] = Status.PROPOSED,
) -> ImportResult:
    media_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if media_type not in IMPORT_TYPES:
        raise HTTPException(415, f"cannot import {media_type or 'a body without Content-Type'}; send text/tab-separated-values (SSSOM) or text/csv")
    data = await _body(request, settings.upload_max_bytes)
    report = await run_in_threadpool(
        transfer.import_sssom, store, catalogue, set_id, data, principal,
        format_name=IMPORT_TYPES[media_type], default_status=default_status, name=f"{set_id}.sssom",
    )
    return ImportResult(set=report.set_id, mappings=report.mappings, by_status=report.by_status, replaced=report.replaced, ignored_columns=report.ignored_columns)


async def _body(request: Request, limit: int) -> bytes:
    data = await read_body(request, limit)
    if not data:
        raise HTTPException(400, "the upload is empty")
    return data


def _public(store, catalogue, mapping) -> MappingPublic:
    labels = concept_labels(store, catalogue, [mapping.subject, mapping.object])
    return MappingPublic(**transfer.mapping_json(mapping, labels))


@router.get("/mappings/{mapping_id}", response_model=MappingPublic, summary="One mapping with its status and comments")
def mapping(mapping_id: str, store: StoreDep, catalogue: CatalogueDep) -> MappingPublic:
    return _public(store, catalogue, service.get_mapping(store, mapping_id))


@router.post("/mappings/{mapping_id}/accept", response_model=MappingPublic, summary="Accept a mapping (the set's owners)")
def accept(mapping_id: str, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep, body: Review | None = None) -> MappingPublic:
    reviewed = service.review_mapping(store, catalogue, mapping_id, Status.ACCEPTED, principal, body.comment if body else None)
    return _public(store, catalogue, reviewed)


@router.post("/mappings/{mapping_id}/reject", response_model=MappingPublic, summary="Reject a mapping with a comment (the set's owners)")
def reject(mapping_id: str, body: Review, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> MappingPublic:
    reviewed = service.review_mapping(store, catalogue, mapping_id, Status.REJECTED, principal, body.comment)
    return _public(store, catalogue, reviewed)


@router.post("/mappings/{mapping_id}/comments", response_model=MappingPublic, status_code=201, summary="Comment on a mapping (any signed-in organisation)")
def comment(mapping_id: str, body: CommentIn, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> JSONResponse:
    commented = service.add_comment(store, catalogue, mapping_id, principal, body.text)
    return JSONResponse(_public(store, catalogue, commented).model_dump(), status_code=201)


@router.get("/concepts/mappings", response_model=MappingsPage, summary="Every mapping of a concept (subject or object), any status")
def concept_mappings(store: StoreDep, catalogue: CatalogueDep, uri: Annotated[str, Query(min_length=1, max_length=2048)]) -> MappingsPage:
    found = service.mappings_of_concept(store, parse_iri(uri).value)
    labels = concept_labels(store, catalogue, [m.subject for m in found] + [m.object for m in found])
    return MappingsPage(data=[MappingPublic(**transfer.mapping_json(m, labels)) for m in found], count=len(found))
