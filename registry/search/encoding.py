"""How a `ConceptDocument` becomes tantivy documents: one concept document (stored, shown in
hits) and one label document per label (indexed). Label documents are written as JSON text built
here with the C string encoder: building dicts and calling `json.dumps` per label was the largest
cost of indexing a million concepts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from json.encoder import encode_basestring_ascii as quote

import tantivy

from registry.search.documents import LABEL_PROPERTIES, ConceptDocument
from registry.search.schema import (
    CONCEPT,
    CONCEPT_DOC,
    DATA,
    DEPRECATED,
    EDGE_MAX,
    EXACT,
    EXACT_MAX,
    KIND,
    LANGUAGE,
    ORDINAL,
    RANK,
    TYPE,
    VOCABULARY,
    WORDS,
    bucket_of,
    label_path,
    language_of,
    prefix_field,
    word_prefix_field,
)
from registry.search.text import normalise, word_starts

VERSION_KIND = "version"
_PROPERTY_ORDER = {name: rank for rank, name in enumerate(LABEL_PROPERTIES)}


def concept_document(key: int, slug: str, document: ConceptDocument) -> tantivy.Document:
    """What a hit shows, stored once per concept and found by `key`."""
    stored = {
        "key": key,
        "iri": document.iri,
        "vocabulary": slug,
        "labels": [[label.property, label.language, label.text] for label in document.labels],
        "types": document.types,
        "deprecated": document.deprecated,
    }
    concept = tantivy.Document()
    concept.add_unsigned(CONCEPT_DOC, key)
    concept.add_text(VOCABULARY, slug)
    concept.add_bytes(DATA, json.dumps(stored).encode())
    return concept


def label_documents(key: int, slug: str, document: ConceptDocument) -> Iterator[str]:
    """One JSON label document per label with any letter or digit in it."""
    shared = (
        f'"{VOCABULARY}":{quote(slug)},"{DEPRECATED}":{"true" if document.deprecated else "false"},"{CONCEPT}":{key}'
        + (f',"{TYPE}":[{",".join(map(quote, document.types))}]' if document.types else "")
        + "}"
    )
    for ordinal, label in enumerate(document.labels):
        text = normalise(label.text)
        if not text:
            continue
        quoted = quote(text)
        bucket = bucket_of(len(text))
        path = _quoted_path(label.language, document.deprecated)
        rank = _PROPERTY_ORDER[label.property] * 1024 + min(len(text), 1023)
        tails = word_starts(text, EDGE_MAX)
        yield (
            f'{{"{EXACT}":{{{path}:{quoted if len(text) <= EXACT_MAX else quote(text[:EXACT_MAX])}}},'
            f'"{prefix_field(bucket)}":{{{path}:{quoted}}},"{WORDS}":{quoted},'
            + (f'"{word_prefix_field(bucket)}":{{{path}:[{",".join(map(quote, tails))}]}},' if tails else "")
            + f'"{LANGUAGE}":{quote(language_of(label.language))},"{RANK}":{rank},"{ORDINAL}":{ordinal},'
            + shared
        )


def version_document(slug: str, graph_iri: str, labels: int, languages: set[str]) -> tantivy.Document:
    """The record of which graph a vocabulary's documents were built from, and its label languages."""
    record = {"vocabulary": slug, "graph": graph_iri, "labels": labels, "languages": sorted(languages)}
    document = tantivy.Document()
    document.add_text(KIND, VERSION_KIND)
    document.add_text(VOCABULARY, slug)
    document.add_bytes(DATA, json.dumps(record).encode())
    return document


@cache
def _quoted_path(language: str | None, deprecated: bool) -> str:
    return quote(label_path(language, deprecated))
