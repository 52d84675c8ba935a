"""SPARQL 1.1 Protocol endpoint (https://www.w3.org/TR/sparql11-protocol/): query only."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from api.deps import QueryRunnerDep
from api.negotiation import negotiate
from api.routers.sparql_page import sparql_page
from registry.formats import FORMATS, format_for_media_type, format_named
from registry.query_runner import QueryRunner
from registry.sparql import GraphResult, QueryOutcome
from registry.sparql_results import RESULTS_FORMATS, graph_result_bytes

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


@router.get("/sparql", summary="SPARQL query by GET (SELECT, ASK, CONSTRUCT, DESCRIBE)", response_model=None)
async def sparql_get(
    request: Request,
    runner: QueryRunnerDep,
    query: Annotated[str | None, Query(description="the SPARQL query")] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],
    format: Annotated[str | None, Query(description="results format, overrides Accept: json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml")] = None,
) -> Response:
    if query is None:
        if "text/html" in (request.headers.get("accept") or ""):
            return sparql_page(request)
        raise HTTPException(400, "missing the 'query' parameter")
    return await _answer(request, runner, query, default_graph_uri, named_graph_uri, format)


@router.post("/sparql", summary="SPARQL query by POST (form-encoded or application/sparql-query)", response_model=None)
async def sparql_post(request: Request, runner: QueryRunnerDep) -> Response:
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    body = await request.body()
    if len(body) > MAX_QUERY_BYTES:
        raise HTTPException(413, f"the request body is longer than {MAX_QUERY_BYTES} bytes")
    url_params = parse_qs(request.url.query)
    if content_type == "application/sparql-query":
        query = body.decode("utf-8", errors="replace")
        params = url_params
    elif content_type == "application/x-www-form-urlencoded":
        params = parse_qs(body.decode("utf-8", errors="replace"))
        if "update" in params:
            raise HTTPException(400, "SPARQL Update is not accepted here; the endpoint is read-only")
        if "query" not in params:
            raise HTTPException(400, "missing the 'query' form field")
        query = params["query"][0]
    else:
        raise HTTPException(415, "send the query as application/sparql-query or application/x-www-form-urlencoded")
    format_ = (params.get("format") or url_params.get("format") or [None])[0]
    return await _answer(request, runner, query, params.get("default-graph-uri", []), params.get("named-graph-uri", []), format_)

