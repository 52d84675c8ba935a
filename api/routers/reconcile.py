"""The W3C Reconciliation Service API for OpenRefine (manifest version 0.2): paste
`<registry>/reconcile` into OpenRefine's "Add standard service". Spec:
https://reconciliation-api.github.io/specs/0.2/ . Batches come as the form field `queries` (POST,
or GET as OpenRefine's older versions send them); data extension as the form field `extend`."""

from __future__ import annotations

import json
import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.formparsers import FormParser

from api.deps import CatalogueDep, SearchIndexDep, StoreDep
from api.pages_templates import templates
from api.security_headers import FRAMEABLE_CONTENT_SECURITY_POLICY
from registry.catalogue import Catalogue
from registry.concepts import get_concept, parse_iri
from registry.errors import InvalidInput
from registry.reconciliation import (
    PROPERTIES,
    extend,
    parse_batch,
    parse_extension,
    reconcile,
    suggest_entities,
    suggest_properties,
    suggest_types,
)
from registry.search.filters import MAX_QUERY_LENGTH
from registry.search.index import SearchIndex
from registry.store import Store

router = APIRouter(tags=["reconciliation"])

CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,100}$")
MAX_FORM_BYTES = 2_000_000
Prefix = Annotated[str, Query(max_length=MAX_QUERY_LENGTH)]


def _base(request: Request) -> str:
    public_url = request.app.state.settings.public_url
    return (public_url or str(request.base_url)).rstrip("/")


def manifest(base: str, catalogue: Catalogue) -> dict:
    """The service manifest: vocabularies as types, SKOS as the schema."""
    return {
        "versions": ["0.2"],
        "name": "eduvoc — vocabularies of Dutch education",
        "identifierSpace": base + "/concepts",
        "schemaSpace": "http://www.w3.org/2004/02/skos/core#",
        "defaultTypes": [{"id": r.slug, "name": r.label("nl")} for r in catalogue.vocabularies()],
        "view": {"url": base + "/concepts?uri={{id}}"},
        "preview": {"url": base + "/reconcile/preview?id={{id}}", "width": 430, "height": 180},
        "suggest": {
            "entity": {"service_url": base, "service_path": "/reconcile/suggest/entity"},
            "type": {"service_url": base, "service_path": "/reconcile/suggest/type"},
            "property": {"service_url": base, "service_path": "/reconcile/suggest/property"},
        },
        "extend": {
            "propose_properties": {"service_url": base, "service_path": "/reconcile/properties"},
            "property_settings": [],
        },
    }


def _json(data: object, callback: str | None = None) -> Response:
    """JSON, or JSONP when OpenRefine asks with `callback`."""
    if callback:
        if not CALLBACK.match(callback):
            raise InvalidInput("callback must be a JavaScript identifier", location="callback")
        return Response(f"{callback}({json.dumps(data)})", media_type="application/javascript")
    return JSONResponse(data)


def _answer_batch(store: Store, catalogue: Catalogue, index: SearchIndex, text: str) -> dict:
    answers = reconcile(store, catalogue, index, parse_batch(text, catalogue))
    return {
        key: {"result": [
            {"id": c.id, "name": c.name, "type": [{"id": c.vocabulary, "name": c.vocabulary_name}], "score": c.score, "match": c.match,
             **({"description": f"{c.notation}"} if c.notation else {})}
            for c in candidates
        ]}
        for key, candidates in answers.items()
    }


def _dispatch(request: Request, store: Store, catalogue: Catalogue, index: SearchIndex, fields: dict[str, str]) -> Response:
    if "queries" in fields:
        return _json(_answer_batch(store, catalogue, index, fields["queries"]), fields.get("callback"))
    if "extend" in fields:
        ids, properties = parse_extension(fields["extend"])
        return _json(extend(store, catalogue, ids, properties), fields.get("callback"))
    return _json(manifest(_base(request), catalogue), fields.get("callback"))


@router.get("/reconcile", summary="Reconciliation service manifest (or a batch given as ?queries=)")
def reconcile_get(request: Request, store: StoreDep, catalogue: CatalogueDep, index: SearchIndexDep) -> Response:
    fields = {name: value for name, value in request.query_params.items() if name in ("queries", "extend", "callback")}
    return _dispatch(request, store, catalogue, index, fields)


@router.post("/reconcile", summary="Reconcile a batch (form field `queries`) or extend data (form field `extend`)")
async def reconcile_post(request: Request, store: StoreDep, catalogue: CatalogueDep, index: SearchIndexDep) -> Response:
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_FORM_BYTES:
        raise InvalidInput(f"the request is larger than {MAX_FORM_BYTES} bytes", location="queries")
    if content_type == "application/x-www-form-urlencoded":
        form = await FormParser(request.headers, request.stream(), max_fields=10, max_part_size=MAX_FORM_BYTES).parse()
        fields = {name: value for name, value in form.items() if isinstance(value, str)}
    elif content_type == "multipart/form-data":
        form = await request.form(max_fields=10)
        fields = {name: value for name, value in form.items() if isinstance(value, str)}
    elif content_type == "application/json":
        fields = {"queries": (await request.body()).decode("utf-8", errors="replace")}
    else:
        raise InvalidInput("send the batch as the form field `queries` (application/x-www-form-urlencoded)", location="queries")
    if "queries" not in fields and "extend" not in fields:
        raise InvalidInput("missing the form field `queries` (or `extend`)", location="queries")
    return await run_in_threadpool(_dispatch, request, store, catalogue, index, fields)


@router.get("/reconcile/preview", response_class=HTMLResponse, summary="A small HTML preview of a concept")
def preview(request: Request, store: StoreDep, catalogue: CatalogueDep, id: Annotated[str, Query(max_length=2048)]) -> HTMLResponse:
    concept = get_concept(store, catalogue, parse_iri(id, "id"))
    records = [catalogue.vocabulary(slug) for slug in concept.vocabularies]
    response = templates.TemplateResponse(request, "reconcile_preview.html", {"concept": concept, "records": records})
    response.headers["Content-Security-Policy"] = FRAMEABLE_CONTENT_SECURITY_POLICY  # OpenRefine shows it in an iframe
    return response


@router.get("/reconcile/suggest/entity", summary="Concepts for a typed prefix (OpenRefine's entity box)")
def suggest_entity(catalogue: CatalogueDep, index: SearchIndexDep, prefix: Prefix,
                   type: Annotated[str | None, Query(max_length=100)] = None, callback: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    hits = suggest_entities(index, catalogue, prefix, [type] if type else None)
    result = [{"id": h.iri, "name": h.label or h.matched_label, "description": catalogue.vocabulary(h.vocabulary).label("nl"),
               "notable": [{"id": h.vocabulary, "name": catalogue.vocabulary(h.vocabulary).label("nl")}]} for h in hits]
    return _json({"result": result}, callback)


@router.get("/reconcile/suggest/type", summary="Vocabularies for a typed prefix")
def suggest_type(catalogue: CatalogueDep, prefix: Annotated[str, Query(max_length=MAX_QUERY_LENGTH)] = "",
                 callback: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    return _json({"result": [{"id": slug, "name": name} for slug, name in suggest_types(catalogue, prefix)]}, callback)


@router.get("/reconcile/suggest/property", summary="Properties for a typed prefix")
def suggest_property(prefix: Annotated[str, Query(max_length=MAX_QUERY_LENGTH)] = "",
                     callback: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    return _json({"result": [{"id": pid, "name": name} for pid, name in suggest_properties(prefix)]}, callback)


@router.get("/reconcile/properties", summary="Properties a data extension can add")
def propose_properties(catalogue: CatalogueDep, type: Annotated[str | None, Query(max_length=100)] = None,
                       limit: Annotated[int, Query(ge=1, le=100)] = 10, callback: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    if type and type not in {r.slug for r in catalogue.vocabularies()}:
        raise InvalidInput(f"unknown type {type!r}", location="type")
    properties = [{"id": pid, "name": name} for pid, (name, _) in PROPERTIES.items()][:limit]
    return _json({"type": type or "", "properties": properties, "limit": limit}, callback)


