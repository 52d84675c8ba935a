"""Resolving concept IRIs for consumers migrating data: a deprecated concept is followed along
its dct:isReplacedBy chain to the current concepts that replace it."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode, Variable

from registry.catalogue import Catalogue
from registry.concepts import parse_iri
from registry.errors import InvalidInput
from registry.ownership import believed_deprecation
from registry.store import Store

MAX_BULK = 1000
_KNOWN = "ASK { ?concept a <http://www.w3.org/2004/02/skos/core#Concept> }"


@dataclass
class Resolution:
    uri: str
    status: str  # current | deprecated | unknown
    replacements: list[str] = field(default_factory=list)  # current concepts at the end of the chains
    chain: list[str] = field(default_factory=list)  # every IRI passed through, in order


def _state(store: Store, catalogue: Catalogue, graphs: list[NamedNode], iri: str) -> tuple[bool, bool, list[str]]:
    """(known, deprecated, direct replacements)"""
    if not store.query(_KNOWN, substitutions={Variable("concept"): NamedNode(iri)}, default_graph=graphs):
        return False, False, []
    deprecated, replacements = believed_deprecation(store, catalogue, NamedNode(iri))  # only the owner's word counts
    return True, deprecated, sorted(replacements)


def resolve(store: Store, catalogue: Catalogue, uri: str) -> Resolution:
    parse_iri(uri)
    graphs = catalogue.read_graphs()
    known, deprecated, direct = _state(store, catalogue, graphs, uri)
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
        known, deprecated, more = _state(store, catalogue, graphs, current)
        if known and not deprecated:
            resolution.replacements.append(current)
        elif known:
            queue.extend(more)
    return resolution


def resolve_many(store: Store, catalogue: Catalogue, uris: list[str]) -> list[Resolution]:
    if len(uris) > MAX_BULK:
        raise InvalidInput(f"at most {MAX_BULK} IRIs per request", location="uris")
    return [resolve(store, catalogue, uri) for uri in uris]
