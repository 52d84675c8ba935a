"""Dereferencing: any resource by `?uri=`, and IRIs under the eduvoc base by their own path,
in HTML (a redirect to its page), Turtle, JSON-LD, RDF/XML or N-Triples by `Accept` or `?format=`,
with ETag / Last-Modified revalidation."""

from __future__ import annotations

import hashlib
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import CatalogueDep, SettingsDep, StoreDep
from api.negotiation import negotiate
from registry.catalogue import Catalogue
from registry.concepts import parse_iri
from registry.formats import format_for_media_type
from registry.resources import describe
from registry.store import Store

router = APIRouter(tags=["dereferencing"])

HTML = "text/html"
OFFERS = [HTML, "text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples"]
FORMAT_PARAMETER = {
    "html": HTML,
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "xml": "application/rdf+xml",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
}
FormatParameter = Annotated[str | None, Query(description="overrides Accept: html, turtle, jsonld, rdfxml, ntriples")]


def _chosen_media_type(request: Request, format_: str | None) -> str:
    if format_ is None:
        return negotiate(request.headers.get("accept"), OFFERS)
    try:
        return FORMAT_PARAMETER[format_.lower()]
    except KeyError:
        raise HTTPException(406, f"unknown format {format_!r}; use one of {', '.join(FORMAT_PARAMETER)}") from None


def _not_modified(request: Request, etag: str, last_modified: str | None) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since and last_modified:
        try:
            return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
    return False


def dereference(request: Request, store: Store, catalogue: Catalogue, iri_text: str, format_: str | None, parameter: str) -> Response:
    iri = parse_iri(iri_text, parameter)
    media_type = _chosen_media_type(request, format_)
    modified = catalogue.last_modified()
    last_modified = format_datetime(modified, usegmt=True) if modified else None
    digest = hashlib.sha256(f"{iri.value} {media_type}".encode()).hexdigest()[:12]
    etag = f'W/"{catalogue.version_token()}-{digest}"'
    headers = {"Vary": "Accept", "ETag": etag, "Cache-Control": "no-cache"}
    if last_modified:
        headers["Last-Modified"] = last_modified
    if _not_modified(request, etag, last_modified):
        return Response(status_code=304, headers=headers)
    description = describe(store, catalogue, iri)
    if media_type == HTML:
        if description.kind == "scheme" and (record := catalogue.vocabulary_of_scheme(iri.value)):
            target = f"/vocabularies/{quote(record.slug)}"
        elif description.kind == "concept":
            target = f"/concepts?uri={quote(iri.value, safe='')}"
        else:
            target = f"/resource?uri={quote(iri.value, safe='')}&format=turtle"
        return RedirectResponse(target, status_code=303, headers=headers)
    rdf_format = format_for_media_type(media_type)
    assert rdf_format is not None
    return Response(description.serialize(rdf_format), media_type=media_type, headers=headers)


@router.api_route("/resource", methods=["GET", "HEAD"], summary="Any resource by IRI, in the format asked for")
def resource(request: Request, store: StoreDep, catalogue: CatalogueDep, uri: Annotated[str, Query(min_length=1, max_length=2048)], format: FormatParameter = None) -> Response:
    return dereference(request, store, catalogue, uri, format, "uri")


def _local_route(area: str) -> None:
    @router.api_route(f"/{area}/{{path:path}}", methods=["GET", "HEAD"], summary=f"An IRI under <base>{area}/, dereferenced", name=f"dereference_{area}")
    def local_iri(request: Request, path: str, store: StoreDep, catalogue: CatalogueDep, settings: SettingsDep, format: FormatParameter = None) -> Response:
        return dereference(request, store, catalogue, f"{settings.base_iri}{area}/{path}", format, "path")


for _area in ("vocab", "def", "org"):  # the IRI areas under the eduvoc base (docs/architecture.md)
    _local_route(_area)
