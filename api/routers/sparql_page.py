"""The SPARQL page for people: an editor with the registry's prefixes predeclared, examples that
each return rows on a fresh registry (tests/api/test_sparql_page.py runs them), results as a table
in the page and downloads in every result format. The page only calls the SPARQL endpoint
(`api.routers.sparql`); the script (api/static/sparql.js) adds the declarations a query lacks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.routers.pages import render

#: prefixes predeclared for queries written on the page (shown on it), in the order shown
PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "skosxl": "http://www.w3.org/2008/05/skos-xl#",
    "dct": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "adms": "http://www.w3.org/ns/adms#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "euvoc": "http://publications.europa.eu/ontology/euvoc#",
    "esco": "http://data.europa.eu/esco/model#",
    "eduvoc": "https://w3id.org/eduvoc/def/",
    "vocab": "https://w3id.org/eduvoc/vocab/",
}

#: (result format parameter, label) for SELECT/ASK and for CONSTRUCT/DESCRIBE
RESULT_DOWNLOADS = (("json", "JSON"), ("xml", "XML"), ("csv", "CSV"), ("tsv", "TSV"))
GRAPH_DOWNLOADS = (("turtle", "Turtle"), ("ntriples", "N-Triples"), ("jsonld", "JSON-LD"), ("rdfxml", "RDF/XML"))


@dataclass(frozen=True)
class Example:
    """A query on the page: its UI string id (the title, nl and en) and its text (uses only
    predeclared prefixes, so it also runs pasted into any SPARQL client once they are declared)."""

    key: str
    query: str


EXAMPLES: tuple[Example, ...] = (
    Example("sparql_ex_vocabularies", """SELECT ?vocabulary ?scheme ?concepts WHERE {
  ?record dct:identifier ?vocabulary ;
          foaf:primaryTopic ?scheme ;
          eduvoc:conceptCount ?concepts .
}
ORDER BY DESC(?concepts)"""),
    Example("sparql_ex_werkvormen", """SELECT ?werkvorm ?label WHERE {
  ?werkvorm skos:inScheme vocab:werkvormen ;
            skos:prefLabel ?label .
  FILTER(LANG(?label) = "nl")
}
ORDER BY ?label"""),
    Example("sparql_ex_deprecated", """SELECT ?concept ?notation ?replacement WHERE {
  ?concept owl:deprecated true ;
           skos:notation ?notation ;
           dct:isReplacedBy ?replacement .
}
LIMIT 50"""),
    Example("sparql_ex_search", """SELECT ?concept ?label ?scheme WHERE {
  ?concept skos:prefLabel ?label ;
           skos:inScheme ?scheme .
  FILTER(LANG(?label) = "nl" && CONTAINS(LCASE(?label), "rekenen"))
}
LIMIT 100"""),
    Example("sparql_ex_hierarchy", """SELECT ?top ?topLabel (COUNT(?narrower) AS ?children) WHERE {
  ?scheme skos:hasTopConcept|^skos:topConceptOf ?top .
  ?top skos:prefLabel ?topLabel ;
       skos:narrower|^skos:broader ?narrower .
  FILTER(LANG(?topLabel) = "nl")
}
GROUP BY ?top ?topLabel
ORDER BY DESC(?children)
LIMIT 25"""),
    Example("sparql_ex_ask", """ASK {
  ?concept skos:inScheme vocab:werkvormen .
}"""),
    Example("sparql_ex_construct", """CONSTRUCT {
  ?werkvorm skos:prefLabel ?label .
} WHERE {
  ?werkvorm skos:inScheme vocab:werkvormen ;
            skos:prefLabel ?label .
}"""),
)


def declared(query: str) -> str:
    """The query with the PREFIX declarations it uses but lacks, as the page's script sends it."""
    lines = [f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items()
             if f"{name}:" in query and f"prefix {name}:" not in query.lower()]
    return "\n".join([*lines, query])


def sparql_page(request: Request) -> HTMLResponse:
    """The page (GET /sparql asked for HTML, without a query)."""
    context = {
        "examples": EXAMPLES,
        "prefixes": PREFIXES,
        "result_downloads": RESULT_DOWNLOADS,
        "graph_downloads": GRAPH_DOWNLOADS,
        "initial": EXAMPLES[0].query,
        "base_url": str(request.base_url),
    }
    return render(request, "sparql.html", context)


router = APIRouter(include_in_schema=False)


@router.get("/sparql/run")
def run_from_page(query: Annotated[str, Query(max_length=100_000)], format: Annotated[str, Query(max_length=20)] = "json") -> RedirectResponse:
    """The page's form without its script: the query with the predeclared prefixes, at the endpoint."""
    return RedirectResponse("/sparql?" + urlencode({"query": declared(query), "format": format}), status_code=303)
