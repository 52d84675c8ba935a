"""Releases: publish a draft, list releases, diff two of them, the changelog feed, each release
at its own IRI (and `latest`), and resolution of deprecated concepts."""

from __future__ import annotations

import io
import json
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from pyoxigraph import NamedNode

from api.deps import CatalogueDep, PrincipalDep, SettingsDep, StoreDep
from api.models import VersionPublic
from api.negotiation import negotiate
from api.routers.drafts import export_graph
from registry.diff import diff_releases
from registry.drafts import publish_draft
from registry.feed import changelog_feed
from registry.formats import FORMATS, format_for_media_type, format_named
from registry.loading import VERSION_SYNTAX
from registry.resolution import MAX_BULK, resolve, resolve_many
from registry.spreadsheet import MEDIA_TYPES, template

router = APIRouter(tags=["releases"])


class ReleaseCreate(BaseModel):
    version: str = Field(pattern=VERSION_SYNTAX, examples=["1.0"],
                         description="1-64 ASCII letters, digits, '.', '-', '_' or '+', starting with a letter or digit")
    change_note: str = Field(min_length=1, examples=["First release"])


class ResolveMany(BaseModel):
    uris: list[str] = Field(max_length=MAX_BULK)


def _version(release, current_graph: str) -> VersionPublic:
    return VersionPublic(version=release.version, uri=release.iri, issued=release.issued, change_note=release.change_note,
                         concepts=release.concept_count, current=release.graph == current_graph)


@router.post("/api/vocabularies/{vocabulary_id}/releases", response_model=VersionPublic, status_code=201,
             summary="Publish the draft as a release (quality violations block it: 422 with the report)")
async def publish(vocabulary_id: str, body: ReleaseCreate, request: Request, store: StoreDep, catalogue: CatalogueDep, principal: PrincipalDep) -> VersionPublic:
    release = await run_in_threadpool(publish_draft, store, catalogue, vocabulary_id, principal, body.version, body.change_note,
                                      request.app.state.quality_check)
    return _version(release, release.graph)


@router.get("/api/vocabularies/{vocabulary_id}/releases", response_model=list[VersionPublic], summary="Every release, oldest first")
def releases(vocabulary_id: str, catalogue: CatalogueDep) -> list[VersionPublic]:
    record = catalogue.vocabulary(vocabulary_id)
    return [_version(r, record.graph) for r in record.releases]


@router.get("/api/vocabularies/{vocabulary_id}/diff", summary="What changed between two releases")
def diff(vocabulary_id: str, store: StoreDep, catalogue: CatalogueDep,
         from_: Annotated[str, Query(alias="from", description="older release version")],
         to: Annotated[str, Query(description="newer release version, or latest")] = "latest") -> dict:
    found = diff_releases(store, catalogue, vocabulary_id, from_, to)
    return {"from": found.old, "to": found.new, "summary": found.summary(), "added": found.added, "removed": found.removed,
            "deprecated": found.deprecated, "replaced": found.replaced,
            "changed": {concept: [vars(change) for change in changes] for concept, changes in found.changed.items()}}


@router.get("/api/vocabularies/{vocabulary_id}/feed", summary="Changelog feed (JSON Feed 1.1) of the releases")
def feed(vocabulary_id: str, request: Request, store: StoreDep, catalogue: CatalogueDep, settings: SettingsDep) -> Response:
    site = settings.public_url or str(request.base_url).rstrip("/")
    body = changelog_feed(store, catalogue, vocabulary_id, site)
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/feed+json")


RDF_OFFERS = ["text/html"] + [f.media_type for f in FORMATS if not f.graph_aware]


@router.api_route("/release/{vocabulary_id}/{version}", methods=["GET", "HEAD"], summary="One release (or `latest`) as RDF")
def release_document(vocabulary_id: str, version: str, request: Request, store: StoreDep, catalogue: CatalogueDep,
                     format: Annotated[str | None, Query(description="turtle, jsonld, rdfxml, ntriples")] = None) -> Response:
    record = catalogue.vocabulary(vocabulary_id)
    release = record.release(version)
    media_type = negotiate(request.headers.get("accept"), RDF_OFFERS) if format is None else None
    if media_type == "text/html":
        return RedirectResponse(f"/vocabularies/{quote(vocabulary_id)}/releases/{quote(release.version, safe='')}", status_code=303)
    rdf_format = format_named(format) if format else format_for_media_type(media_type)
    headers = {"Vary": "Accept", "ETag": f'"{release.content_hash[:32]}"', "Cache-Control": "public, max-age=86400, immutable"}
    if version == "latest":
        headers = {"Vary": "Accept", "Cache-Control": "no-cache", "Content-Location": f"/release/{vocabulary_id}/{release.version}"}
    if "ETag" in headers and request.headers.get("if-none-match") == headers["ETag"]:
        return Response(status_code=304, headers=headers)
    buffer = io.BytesIO()
    store.serialize(buffer, rdf_format, [NamedNode(release.graph)])
    return Response(buffer.getvalue(), media_type=rdf_format.media_type, headers=headers)


@router.get("/api/resolve", summary="Resolve a concept IRI, following replacements of deprecated concepts")
def resolve_one(uri: Annotated[str, Query(min_length=1, max_length=2048)], store: StoreDep, catalogue: CatalogueDep) -> dict:
    return vars(resolve(store, catalogue, uri))


@router.post("/api/resolve", summary=f"Resolve up to {MAX_BULK} concept IRIs at once (for migrating data)")
def resolve_bulk(body: ResolveMany, store: StoreDep, catalogue: CatalogueDep) -> dict:
    results = [vars(r) for r in resolve_many(store, catalogue, body.uris)]
    return {"data": results, "count": len(results)}


@router.get("/api/vocabularies/{vocabulary_id}/export", summary="A release as a spreadsheet (csv, xlsx) or RDF")
def export_release(vocabulary_id: str, store: StoreDep, catalogue: CatalogueDep,
                   format: Annotated[str, Query(description="xlsx, csv, turtle, ntriples, jsonld, rdfxml")] = "xlsx",
                   version: Annotated[str, Query(description="a release version, or latest")] = "latest") -> Response:
    record = catalogue.vocabulary(vocabulary_id)
    release = record.release(version)
    return export_graph(store, NamedNode(release.graph), record.scheme, f"{vocabulary_id}-{release.version}", format)


@router.get("/api/spreadsheet-template", summary="The empty spreadsheet template (docs/spreadsheet-template.md)")
def spreadsheet_template(format: Annotated[str, Query(pattern="^(csv|xlsx)$")] = "xlsx") -> Response:
    return Response(template(format), media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="eduvoc-template.{format}"'})
