"""RDF terms as text, in one place: statements for SPARQL `INSERT DATA`/`DELETE DATA` (which use the
N-Triples forms of terms), the prefixes exports declare, and serialisation to bytes.

Terms are printed by pyoxigraph (`str(term)` is the N-Triples/SPARQL form, escaped), so a value
is never pasted into a query as raw text."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Triple

Subject = NamedNode | BlankNode | Triple
Object = NamedNode | BlankNode | Literal | Triple
#: (subject, predicate, object); the object may be any term (kept loose for callers' tuples)
Statement = tuple[Subject, NamedNode, object]

#: every prefix the registry's exports and pages declare: prefix -> namespace
NAMESPACES: dict[str, str] = {
    "adms": "http://www.w3.org/ns/adms#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcatap": "http://data.europa.eu/r5r/",
    "dct": "http://purl.org/dc/terms/",
    "eduvoc": "https://w3id.org/eduvoc/def/",
    "esco": "http://data.europa.eu/esco/model#",
    "euvoc": "http://publications.europa.eu/ontology/euvoc#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def prefixes(*names: str) -> dict[str, str]:
    """The named prefixes of `NAMESPACES`, in the order given (an unknown name is a KeyError)."""
    return {name: NAMESPACES[name] for name in names}


def statement(subject: object, predicate: NamedNode, obj: object) -> str:
    """One `s p o .` statement; the terms must be pyoxigraph terms (printed escaped)."""
    for term in (subject, predicate, obj):
        if not isinstance(term, (NamedNode, BlankNode, Literal, Triple)):
            raise TypeError(f"not an RDF term: {term!r}")
    return f"{subject} {predicate} {obj} ."


def statements(triples: Iterable[Statement]) -> str:
    """Statements as the body of `INSERT DATA { … }` / `DELETE DATA { … }` (or N-Triples lines)."""
    return " ".join(statement(s, p, o) for s, p, o in triples)


def quad_statements(quads: Iterable[Quad]) -> str:
    """The triples of `quads` as statements (their graph is the caller's `GRAPH` block)."""
    return " ".join(statement(q.subject, q.predicate, q.object) for q in quads)


def serialize_bytes(triples: Iterable[Triple], rdf_format: RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
    """`triples` serialised in `rdf_format`, as bytes."""
    data = pyoxigraph.serialize(triples, format=rdf_format, prefixes=prefixes) if prefixes else pyoxigraph.serialize(triples, format=rdf_format)
    if data is None:  # only when an output is given, which this never does
        raise RuntimeError("pyoxigraph.serialize wrote nowhere")
    return data
