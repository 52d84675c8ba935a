"""Operations on whole vocabularies: export in any RDF format, and registry statistics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from pyoxigraph import NamedNode

from registry.catalogue import Catalogue
from registry.errors import InvalidInput
from registry.formats import Format
from registry.store import Store


def export(store: Store, catalogue: Catalogue, output: IO[bytes], rdf_format: Format, slug: str | None = None) -> None:
    """Write one vocabulary's current version, or all (slug None) — as quads in a graph-aware
    format, merged into one graph otherwise."""
    if slug is None:
        graphs = [NamedNode(r.graph) for r in catalogue.vocabularies()]
    else:
        graphs = [NamedNode(catalogue.vocabulary(slug).graph)]
    if rdf_format.name == "jsonld" and len(graphs) > 1:
        raise InvalidInput("export all vocabularies as JSON-LD is not supported; use trig, nquads or one vocabulary", "format")
    store.serialize(output, rdf_format, graphs)


@dataclass(frozen=True)
class RegistryStats:
    vocabularies: int
    concepts: int
    deprecated_concepts: int
    collections: int
    triples: int


def stats(catalogue: Catalogue) -> RegistryStats:
    records = catalogue.vocabularies()
    return RegistryStats(
        vocabularies=len(records),
        concepts=sum(r.concept_count for r in records),
        deprecated_concepts=sum(r.deprecated_concept_count for r in records),
        collections=sum(r.collection_count for r in records),
        triples=sum(r.triple_count for r in records),
    )
