"""Resolving concept IRIs for consumers migrating data: a deprecated concept is followed along
its dct:isReplacedBy chain to the current concepts that replace it."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode, Variable

from registry.catalogue import Catalogue
from registry.concepts import parse_iri
from registry.errors import InvalidInput
from registry.store import Store

MAX_BULK = 1000
_STATE = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?concept ?deprecated ?replacement WHERE {
  ?concept a skos:Concept .
  OPTIONAL { ?concept owl:deprecated ?deprecated }
  OPTIONAL { ?concept dct:isReplacedBy ?replacement }
}"""


@dataclass
class Resolution:
    uri: str
    status: str  # current | deprecated | unknown
    replacements: list[str] = field(default_factory=list)  # current concepts at the end of the chains
    chain: list[str] = field(default_factory=list)  # every IRI passed through, in order


def _state(store: Store, graphs: list[NamedNode], iri: str) -> tuple[bool, bool, list[str]]:
    """(known, deprecated, direct replacements)"""
    rows = list(store.query(_STATE, substitutions={Variable("concept"): NamedNode(iri)}, default_graph=graphs))
    if not rows:
        return False, False, []
    deprecated = any(r["deprecated"] is not None and r["deprecated"].value in ("true", "1") for r in rows)
    return True, deprecated, sorted({r["replacement"].value for r in rows if r["replacement"] is not None})


def resolve(store: Store, catalogue: Catalogue, uri: str) -> Resolution:
    parse_iri(uri)
    graphs = catalogue.read_graphs()
    known, deprecated, direct = _state(store, graphs, uri)
    if not known:
        return Resolution(uri, "unknown")
    if not deprecated:
        return Resolution(uri, "current", [uri], [uri])
    resolution = Resolution(uri, "deprecated", chain=[uri])
    queue, seen = list(direct), {uri}
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue  # a cycle in the replacement chain: stop following it
        seen.add(current)
        resolution.chain.append(current)
        known, deprecated, more = _state(store, graphs, current)
        if known and not deprecated:
            resolution.replacements.append(current)
        elif known:
            queue.extend(more)
    return resolution


def resolve_many(store: Store, catalogue: Catalogue, uris: list[str]) -> list[Resolution]:
    if len(uris) > MAX_BULK:
        raise InvalidInput(f"at most {MAX_BULK} IRIs per request", location="uris")
    return [resolve(store, catalogue, uri) for uri in uris]
