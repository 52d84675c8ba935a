"""Registering a vocabulary (or the ontology) atomically.

A new version is bulk-loaded into a fresh named graph, checked, and only then made current by
one small transactional update of the catalogue record. Whatever fails before that switch leaves
the previous version current and untouched; the fresh graph is dropped (and a graph orphaned by a
crash is dropped by `collect_orphan_graphs`).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from pyoxigraph import Literal, NamedNode

from registry.catalogue import Catalogue
from registry.errors import Conflict, EduvocError, InvalidInput, RdfSyntaxError
from registry.formats import Format
from registry.namespaces import (
    CATALOGUE,
    CATALOGUE_GRAPH,
    DCAT_CATALOG,
    DCAT_CATALOG_RECORD,
    DCAT_RECORD,
    FOAF_PRIMARY_TOPIC,
    ONTOLOGY_SLUG,
    RDF_TYPE,
    VERSION_GRAPH_PREFIX,
    XSD,
    Dct,
    Eduvoc,
    version_graph,
    vocabulary_record,
)
from registry.queries import named_query
from registry.store import Store

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
ONTOLOGY_IRI = "https://w3id.org/eduvoc/def/"


@dataclass(frozen=True)
class LoadReport:
    slug: str
    scheme: str
    graph: str
    triples: int
    concepts: int
    replaced_graph: str | None


def check_slug(slug: str) -> str:
    if not SLUG_PATTERN.match(slug):
        raise InvalidInput(
            f"{slug!r} is not a valid vocabulary identifier: use 1-64 lower-case letters, digits and hyphens",
            location="slug",
        )
    return slug


def register_vocabulary(
    store: Store,
    catalogue: Catalogue,
    source: Path | IO[bytes],
    rdf_format: Format,
    *,
    slug: str,
    source_name: str,
    base_iri: str | None = None,
    before_switch: Callable[[], None] | None = None,
) -> LoadReport:
    """Load `source` as the new current version of vocabulary `slug`.

    `before_switch` runs after the load and checks, just before the catalogue switch; tests use it
    to inject a failure half-way.
    """
    check_slug(slug)
    with catalogue.write_lock:
        graph = version_graph(slug, _new_load_id())
        try:
            _bulk_load(store, source, rdf_format, graph, base_iri, source_name)
            scheme = _the_scheme(store, graph, source_name) if slug != ONTOLOGY_SLUG else NamedNode(ONTOLOGY_IRI)
            _check_scheme_not_taken(catalogue, scheme, slug)
            counts = _counts(store, graph)
            languages = _languages(store, graph)
            triples = store.count(graph)
            if before_switch is not None:
                before_switch()
            previous = _current_graph(catalogue, slug)
            _switch_current_version(store, slug, scheme, graph, counts, triples, languages, source_name)
        except BaseException:
            store.drop_graph(graph)
            catalogue.refresh()
            raise
        if previous is not None:
            store.drop_graph(previous)
        store.flush()
    catalogue.written()
    return LoadReport(slug, scheme.value, graph.value, triples, counts["concepts"], previous.value if previous else None)


def collect_orphan_graphs(store: Store, catalogue: Catalogue) -> list[str]:
    """Drop version graphs no catalogue record points to (left by a crash mid-load)."""
    with catalogue.write_lock:
        referenced = {row["graph"] for row in store.query(named_query("graph_references"), default_graph=[CATALOGUE_GRAPH])}
        orphans = [g for g in store.named_graphs() if g.value.startswith(VERSION_GRAPH_PREFIX) and g not in referenced]
        for graph in orphans:
            store.drop_graph(graph)
        return [g.value for g in orphans]


def _new_load_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]


def _bulk_load(store: Store, source: Path | IO[bytes], rdf_format: Format, graph: NamedNode, base_iri: str | None, name: str) -> None:
    try:
        store.bulk_load(source, rdf_format, graph, base_iri)
    except SyntaxError as error:
        line = getattr(error, "lineno", None)
        column = getattr(error, "offset", None)
        where = name + (f":{line}" if line else "") + (f":{column}" if line and column else "")
        raise RdfSyntaxError(f"{where}: not valid {rdf_format.name}: {error.msg}", location=where) from None
    except ValueError as error:  # e.g. a relative IRI without a base
        raise InvalidInput(f"{name}: {error}", location=name) from None
    except FileNotFoundError:
        raise InvalidInput(f"{name}: no such file", location=name) from None


def _the_scheme(store: Store, graph: NamedNode, name: str) -> NamedNode:
    schemes = [row["scheme"] for row in store.query(named_query("schemes_in_graph"), default_graph=[graph])]
    if len(schemes) != 1:
        found = ", ".join(s.value for s in schemes) or "none"
        raise InvalidInput(f"{name}: a vocabulary file must declare exactly one skos:ConceptScheme (found: {found})", location=name)
    if not isinstance(schemes[0], NamedNode):
        raise InvalidInput(f"{name}: the skos:ConceptScheme must have an IRI, not a blank node", location=name)
    return schemes[0]


def _check_scheme_not_taken(catalogue: Catalogue, scheme: NamedNode, slug: str) -> None:
    existing = catalogue.vocabulary_of_scheme(scheme.value)
    if existing is not None and existing.slug != slug:
        raise Conflict(f"scheme {scheme.value} is already registered as vocabulary {existing.slug!r}")


def _counts(store: Store, graph: NamedNode) -> dict[str, int]:
    row = next(iter(store.query(named_query("graph_counts"), default_graph=[graph])))
    return {name: int(row[name].value) for name in ("concepts", "collections", "deprecatedConcepts")}


def _languages(store: Store, graph: NamedNode) -> list[str]:
    return [row["language"].value for row in store.query(named_query("label_languages"), default_graph=[graph]) if row["language"].value]


def _current_graph(catalogue: Catalogue, slug: str) -> NamedNode | None:
    try:
        return NamedNode(catalogue.vocabulary(slug).graph)
    except EduvocError:
        return None


def _switch_current_version(
    store: Store,
    slug: str,
    scheme: NamedNode,
    graph: NamedNode,
    counts: dict[str, int],
    triples: int,
    languages: list[str],
    source_name: str,
) -> None:
    """Replace the catalogue record of `slug` in one transaction."""
    record = vocabulary_record(slug)
    integer = NamedNode(XSD + "integer")
    now = Literal(datetime.now(UTC).isoformat(timespec="seconds"), datatype=NamedNode(XSD + "dateTime"))
    statements = [
        (CATALOGUE, RDF_TYPE, DCAT_CATALOG),
        (CATALOGUE, DCAT_RECORD, record),
        (record, RDF_TYPE, DCAT_CATALOG_RECORD),
        (record, Dct.identifier, Literal(slug)),
        (record, FOAF_PRIMARY_TOPIC, scheme),
        (record, Eduvoc.currentGraph, graph),
        (record, Dct.modified, now),
        (record, Eduvoc.conceptCount, Literal(str(counts["concepts"]), datatype=integer)),
        (record, Eduvoc.collectionCount, Literal(str(counts["collections"]), datatype=integer)),
        (record, Eduvoc.deprecatedConceptCount, Literal(str(counts["deprecatedConcepts"]), datatype=integer)),
        (record, Eduvoc.tripleCount, Literal(str(triples), datatype=integer)),
        (record, Eduvoc.sourceFile, Literal(source_name)),
        *((record, Dct.language, Literal(language)) for language in languages),
    ]
    # Terms print in N-Triples syntax (IRIs and literals escaped by pyoxigraph): no user text is
    # pasted into the update unescaped.
    inserts = " ".join(f"{s} {p} {o} ." for s, p, o in statements)
    store.update(
        f"DELETE {{ GRAPH {CATALOGUE_GRAPH} {{ {record} ?p ?o }} }} "
        f"WHERE {{ GRAPH {CATALOGUE_GRAPH} {{ {record} ?p ?o }} }} ; "
        f"INSERT DATA {{ GRAPH {CATALOGUE_GRAPH} {{ {inserts} }} }}"
    )


