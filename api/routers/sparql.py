"""SPARQL 1.1 Protocol endpoint (https://www.w3.org/TR/sparql11-protocol/): query only."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

import pyoxigraph
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from api.deps import QueryRunnerDep
from api.negotiation import negotiate
from api.routers.sparql_page import sparql_page
from registry.errors import QueryRefused
from registry.formats import FORMATS, format_for_media_type, format_named
from registry.query_runner import QueryRunner
from registry.sparql import GraphResult, QueryOutcome
from registry.sparql_results import RESULTS_FORMATS, graph_result_bytes
from registry.sparql_service import service_description

router = APIRouter(tags=["sparql"])

RESULTS_BY_MEDIA_TYPE = {f.media_type: f for f in RESULTS_FORMATS}
RESULTS_BY_NAME = {f.name: f for f in RESULTS_FORMATS}
RESULTS_OFFERS = [f.media_type for f in RESULTS_FORMATS] + ["application/json", "application/xml", "text/xml"]
GRAPH_OFFERS = [f.media_type for f in FORMATS if not f.graph_aware]
ALIASES = {"application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml", "text/xml": "application/sparql-results+xml"}
MAX_QUERY_BYTES = 100_000


async def _answer(request: Request, runner: QueryRunner, query: str, default_graphs: list[str], named_graphs: list[str], format_: str | None) -> Response:
    """Run the query on a worker, which also writes the response body (one thread hop per request)."""
    if len(query.encode()) > MAX_QUERY_BYTES:
        raise HTTPException(413, f"the query is longer than {MAX_QUERY_BYTES} bytes")
    accept = request.headers.get("accept")
    return await runner.run_async(query, default_graphs, named_graphs, then=lambda outcome: _response(outcome, accept, format_, runner))


def _response(outcome: QueryOutcome, accept: str | None, format_: str | None, runner: QueryRunner) -> Response:
    headers = {"Vary": "Accept"}
    if isinstance(outcome, GraphResult):
        media_type = format_named(format_).media_type if format_ else negotiate(accept, GRAPH_OFFERS)
        rdf_format = format_for_media_type(media_type)
        if rdf_format is None or rdf_format.graph_aware:
            raise HTTPException(406, f"a graph result cannot be written as {format_}")
        body = graph_result_bytes(outcome, rdf_format)
    else:
        if format_:
            results_format = RESULTS_BY_NAME.get(format_)
            if results_format is None:
                raise HTTPException(406, f"unknown results format {format_!r}; use one of {', '.join(RESULTS_BY_NAME)}")
        else:
            chosen = negotiate(accept, RESULTS_OFFERS)
            results_format = RESULTS_BY_MEDIA_TYPE[ALIASES.get(chosen, chosen)]
        media_type = results_format.media_type
        body = results_format.write(outcome)
    if getattr(outcome, "truncated", False):
        headers["X-Result-Cap"] = f"truncated at {runner.limits.result_cap} results"
    return Response(body, media_type=media_type, headers=headers)


# Turtle first: `*/*` (curl, libraries) gets the description, browsers ask for text/html by name.
SERVICE_DESCRIPTION_OFFERS = ["text/turtle", "application/ld+json", "text/html"]


@router.get("/sparql", summary="SPARQL query by GET (SELECT, ASK, CONSTRUCT, DESCRIBE); without a query, the service description", response_model=None)
async def sparql_get(
    request: Request,
    runner: QueryRunnerDep,
    query: Annotated[str | None, Query(description="the SPARQL query")] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],
    format: Annotated[str | None, Query(description="results format, overrides Accept: json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml")] = None,
) -> Response:
    params = request.query_params
    _refuse_updates(params.getlist("update"))
    if query is None:
        return _description(request)
    _one_query(params.getlist("query"))
    return await _answer(request, runner, query, default_graph_uri, named_graph_uri, format)


def _description(request: Request) -> Response:
    """The query page for browsers; the SPARQL 1.1 Service Description (Turtle or JSON-LD) for others."""
    try:
        media_type = negotiate(request.headers.get("accept") or "text/turtle", SERVICE_DESCRIPTION_OFFERS)
    except HTTPException:  # e.g. only SPARQL results are acceptable: the query is what is missing
        raise HTTPException(400, "missing the 'query' parameter") from None
    if media_type == "text/html":
        return sparql_page(request)
    settings = request.app.state.settings
    endpoint = (settings.public_url.rstrip("/") + "/sparql") if settings.public_url else str(request.url.replace(query=""))
    try:
        triples = service_description(endpoint, request.app.state.catalogue)
    except ValueError:  # an odd Host header makes no IRI: describe the configured one
        triples = service_description(settings.base_iri + "sparql", request.app.state.catalogue)
    body = pyoxigraph.serialize(triples, format=format_for_media_type(media_type).oxigraph)
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


def _one_query(queries: list[str]) -> None:
    if len(queries) > 1:
        raise HTTPException(400, f"{len(queries)} 'query' parameters: send exactly one query per request")


def _refuse_updates(updates: list[str]) -> None:
    if updates:
        raise QueryRefused("SPARQL Update is not accepted here; the endpoint is read-only", location="update")


def _charset(content_type: str) -> None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.strip().partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise HTTPException(415, f"the query must be sent in UTF-8, not {value.strip()}")


def _utf8(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HTTPException(400, f"the {what} is not UTF-8 (byte {error.start})") from None


@router.post("/sparql", summary="SPARQL query by POST (form-encoded or application/sparql-query)", response_model=None)
async def sparql_post(request: Request, runner: QueryRunnerDep) -> Response:
    """The SPARQL 1.1 Protocol's two POST forms; `default-graph-uri` and `named-graph-uri` are
    read from the URL for both, and from the body as well for a form."""
    content_type_header = request.headers.get("content-type") or ""
    content_type = content_type_header.split(";")[0].strip().lower()
    body = await request.body()
    if len(body) > MAX_QUERY_BYTES:
        raise HTTPException(413, f"the request body is longer than {MAX_QUERY_BYTES} bytes")
    url_params = parse_qs(request.url.query)
    _refuse_updates(url_params.get("update", []))
    if content_type == "application/sparql-update":
        raise QueryRefused("SPARQL Update is not accepted here; the endpoint is read-only", location="body")
    if content_type == "application/sparql-query":
        _charset(content_type_header)
        query = _utf8(body, "query")
        params = url_params
        if "query" in url_params:
            raise HTTPException(400, "a query in the body and another in the URL: send exactly one query per request")
    elif content_type == "application/x-www-form-urlencoded":
        form = parse_qs(_utf8(body, "form"))
        _refuse_updates(form.get("update", []))
        params = {key: url_params.get(key, []) + form.get(key, []) for key in {*url_params, *form}}
        if "query" not in params:
            raise HTTPException(400, "missing the 'query' form field")
        _one_query(params["query"])
        query = params["query"][0]
    else:
        raise HTTPException(415, "send the query as application/sparql-query or application/x-www-form-urlencoded")
    format_ = (params.get("format") or [None])[0]
    return await _answer(request, runner, query, params.get("default-graph-uri", []), params.get("named-graph-uri", []), format_)

