"""Writes to the catalogue graph: each is ONE SPARQL update, so each is atomic in the store.
These are the switches that make a loaded graph a draft or a release; everything before them
happens in fresh graphs nobody points to yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pyoxigraph import Literal, NamedNode

from registry.namespaces import (
    CATALOGUE,
    CATALOGUE_GRAPH,
    DCAT_CATALOG,
    DCAT_CATALOG_RECORD,
    DCAT_RECORD,
    EDUVOC_BASE,
    EDUVOC_DEF,
    FOAF_PRIMARY_TOPIC,
    RDF_TYPE,
    SKOS,
    XSD,
    Dct,
    Eduvoc,
    Owl,
    vocabulary_record,
)
from registry.store import Store

INTEGER = NamedNode(XSD + "integer")
DATETIME = NamedNode(XSD + "dateTime")


class R:
    """Catalogue terms for drafts and releases."""

    owner = NamedNode(EDUVOC_DEF + "owner")
    draftGraph = NamedNode(EDUVOC_DEF + "draftGraph")
    draftSource = NamedNode(EDUVOC_DEF + "draftSource")
    release = NamedNode(EDUVOC_DEF + "release")
    Release = NamedNode(EDUVOC_DEF + "Release")
    graph = NamedNode(EDUVOC_DEF + "graph")
    contentHash = NamedNode(EDUVOC_DEF + "contentHash")
    isVersionOf = NamedNode("http://purl.org/dc/terms/isVersionOf")
    issued = NamedNode("http://purl.org/dc/terms/issued")
    changeNote = NamedNode(SKOS + "changeNote")


@dataclass(frozen=True)
class GraphSummary:
    """What a loaded graph holds, counted once when it is loaded."""

    concepts: int
    collections: int
    deprecated_concepts: int
    triples: int
    languages: tuple[str, ...]
    content_hash: str


def release_iri(slug: str, version: str) -> NamedNode:
    from urllib.parse import quote

    return NamedNode(f"{EDUVOC_BASE}release/{slug}/{quote(version, safe='')}")


def _nt(statements: list[tuple]) -> str:
    # Terms print in N-Triples syntax, escaped by pyoxigraph: no text is pasted in unescaped.
    return " ".join(f"{s} {p} {o} ." for s, p, o in statements)


def _identity(slug: str, scheme: NamedNode, owner: str | None) -> list[tuple]:
    record = vocabulary_record(slug)
    statements = [
        (CATALOGUE, RDF_TYPE, DCAT_CATALOG),
        (CATALOGUE, DCAT_RECORD, record),
        (record, RDF_TYPE, DCAT_CATALOG_RECORD),
        (record, Dct.identifier, Literal(slug)),
        (record, FOAF_PRIMARY_TOPIC, scheme),
    ]
    if owner:
        statements.append((record, R.owner, Literal(owner)))
    return statements


def _delete(record: NamedNode, properties: list[NamedNode]) -> str:
    return " ".join(
        f"DELETE WHERE {{ GRAPH {CATALOGUE_GRAPH} {{ {record} {p} ?o{i} }} }} ;" for i, p in enumerate(properties)
    )


def set_draft(store: Store, slug: str, scheme: NamedNode, owner: str | None, draft: NamedNode | None, source: str | None,
              also: str = "") -> None:
    """Point `slug`'s draft at `draft` (None: no draft), creating the record if needed; `also` (an
    audit record's update, registry.audit.audit_update) lands in the same transaction."""
    record = vocabulary_record(slug)
    statements = _identity(slug, scheme, owner)
    if draft is not None:
        statements.append((record, R.draftGraph, draft))
        if source:
            statements.append((record, R.draftSource, Literal(source)))
    store.update(_delete(record, [R.draftGraph, R.draftSource, R.owner]) + f" INSERT DATA {{ GRAPH {CATALOGUE_GRAPH} {{ {_nt(statements)} }} }}" + also)


def publish_release(
    store: Store,
    slug: str,
    scheme: NamedNode,
    owner: str | None,
    graph: NamedNode,
    version: str,
    change_note: str | None,
    summary: GraphSummary,
    source_name: str | None,
    issued: datetime,
    clear_draft: bool,
    also: str = "",
) -> NamedNode:
    """Add release `version` of `slug` held in `graph` and make it the current version; `also` (an
    audit record's update, registry.audit.audit_update) lands in the same transaction."""
    record = vocabulary_record(slug)
    release = release_iri(slug, version)
    when = Literal(issued.isoformat(timespec="microseconds"), datatype=DATETIME)  # orders releases made within one second
    statements = _identity(slug, scheme, owner) + [
        (record, Eduvoc.currentGraph, graph),
        (record, Dct.modified, when),
        (record, Eduvoc.conceptCount, Literal(str(summary.concepts), datatype=INTEGER)),
        (record, Eduvoc.collectionCount, Literal(str(summary.collections), datatype=INTEGER)),
        (record, Eduvoc.deprecatedConceptCount, Literal(str(summary.deprecated_concepts), datatype=INTEGER)),
        (record, Eduvoc.tripleCount, Literal(str(summary.triples), datatype=INTEGER)),
        *((record, Dct.language, Literal(language)) for language in summary.languages),
        (record, R.release, release),
        (release, RDF_TYPE, R.Release),
        (release, R.isVersionOf, record),
        (release, Owl.versionInfo, Literal(version)),
        (release, R.issued, when),
        (release, R.graph, graph),
        (release, Eduvoc.conceptCount, Literal(str(summary.concepts), datatype=INTEGER)),
        (release, Eduvoc.tripleCount, Literal(str(summary.triples), datatype=INTEGER)),
        (release, R.contentHash, Literal(summary.content_hash)),
    ]
    if change_note:
        statements.append((release, R.changeNote, Literal(change_note)))
    if source_name:
        statements.append((record, Eduvoc.sourceFile, Literal(source_name)))
    replaced = [Eduvoc.currentGraph, Dct.modified, Eduvoc.conceptCount, Eduvoc.collectionCount,
                Eduvoc.deprecatedConceptCount, Eduvoc.tripleCount, Dct.language, Eduvoc.sourceFile, R.owner]
    if clear_draft:
        replaced += [R.draftGraph, R.draftSource]
    store.update(_delete(record, replaced) + f" INSERT DATA {{ GRAPH {CATALOGUE_GRAPH} {{ {_nt(statements)} }} }}" + also)
    return release
