"""Response models at the HTTP edge (the domain returns dataclasses; these shape the JSON)."""

from __future__ import annotations

from datetime import datetime

import orjson
from pydantic import BaseModel

from registry.catalogue import VocabularyRecord
from registry.concepts import Concept


class VersionPublic(BaseModel):
    version: str
    uri: str
    issued: datetime
    change_note: str | None
    concepts: int
    current: bool


class VocabularyPublic(BaseModel):
    id: str
    uri: str
    title: dict[str, str]
    description: dict[str, str]
    publisher: str | None
    publisher_name: str | None
    license: str | None
    source: str | None
    version: str | None
    languages: list[str]
    concepts: int
    collections: int
    deprecated_concepts: int
    triples: int
    modified: datetime
    graph: str
    versions: list[VersionPublic]
    owner: str | None

    @classmethod
    def of(cls, record: VocabularyRecord) -> VocabularyPublic:
        return cls(
            id=record.slug,
            uri=record.scheme,
            title=record.title,
            description=record.description,
            publisher=record.publisher,
            publisher_name=record.publisher_name,
            license=record.license,
            source=record.source,
            version=record.version,
            languages=list(record.languages),
            concepts=record.concept_count,
            collections=record.collection_count,
            deprecated_concepts=record.deprecated_concept_count,
            triples=record.triple_count,
            modified=record.modified,
            graph=record.graph,
            versions=[
                VersionPublic(version=r.version, uri=r.iri, issued=r.issued, change_note=r.change_note,
                              concepts=r.concept_count, current=r.graph == record.graph)
                for r in record.releases
            ],
            owner=record.owner,
        )


class VocabularyList(BaseModel):
    data: list[VocabularyPublic]
    count: int


MAPPING_NAMES = ("exact_match", "close_match", "broad_match", "narrow_match", "related_match")


class LinkedConceptPublic(BaseModel):
    uri: str
    labels: dict[str, str]


class ConceptPublic(BaseModel):
    uri: str
    types: list[str]
    vocabularies: list[str]
    schemes: list[str]
    top_concept_of: list[str]
    pref_labels: dict[str, str]
    alt_labels: dict[str, list[str]]
    hidden_labels: dict[str, list[str]]
    notations: list[str]
    notes: dict[str, dict[str, list[str]]]
    deprecated: bool
    broader: list[LinkedConceptPublic]
    narrower: list[LinkedConceptPublic]
    related: list[LinkedConceptPublic]
    replaced_by: list[LinkedConceptPublic]
    mappings: dict[str, list[LinkedConceptPublic]]
    other: dict[str, list[str]]

    @classmethod
    def of(cls, concept: Concept) -> ConceptPublic:
        def linked(name: str) -> list[LinkedConceptPublic]:
            return [LinkedConceptPublic(uri=c.iri, labels=c.labels) for c in concept.links.get(name, {}).values()]

        return cls(
            uri=concept.iri,
            types=concept.types,
            vocabularies=concept.vocabularies,
            schemes=concept.schemes,
            top_concept_of=concept.top_concept_of,
            pref_labels=concept.pref_labels,
            alt_labels=dict(concept.alt_labels),
            hidden_labels=dict(concept.hidden_labels),
            notations=concept.notations,
            notes={kind: dict(by_language) for kind, by_language in concept.notes.items()},
            deprecated=concept.deprecated,
            broader=linked("broader"),
            narrower=linked("narrower"),
            related=linked("related"),
            replaced_by=linked("replaced_by"),
            mappings={name: linked(name) for name in MAPPING_NAMES if concept.links.get(name)},
            other=dict(concept.other),
        )

    @staticmethod
    def json_bytes(concept: Concept) -> bytes:
        """The JSON of `ConceptPublic.of(concept)`, written directly with orjson: the hot path of
        `GET /api/concepts` skips building and validating the model (tests check both agree)."""
        links = concept.links

        def linked(name: str) -> list[dict]:
            found = links.get(name)
            return [{"uri": c.iri, "labels": c.labels} for c in found.values()] if found else []

        return orjson.dumps({
            "uri": concept.iri,
            "types": concept.types,
            "vocabularies": concept.vocabularies,
            "schemes": concept.schemes,
            "top_concept_of": concept.top_concept_of,
            "pref_labels": concept.pref_labels,
            "alt_labels": concept.alt_labels,
            "hidden_labels": concept.hidden_labels,
            "notations": concept.notations,
            "notes": concept.notes,
            "deprecated": concept.deprecated,
            "broader": linked("broader"),
            "narrower": linked("narrower"),
            "related": linked("related"),
            "replaced_by": linked("replaced_by"),
            "mappings": {name: linked(name) for name in MAPPING_NAMES if links.get(name)},
            "other": concept.other,
        })
