"""The mapping model: mapping sets, mappings, comments and the closed lists they draw from
(SKOS mapping predicates, SEMAPV justifications, review statuses)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from registry.errors import InvalidInput
from registry.mappings.layout import SEMAPV
from registry.namespaces import SKOS


class Status(str, Enum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


#: short name -> SKOS mapping predicate IRI
PREDICATES: dict[str, str] = {
    "exact": SKOS + "exactMatch",
    "close": SKOS + "closeMatch",
    "broad": SKOS + "broadMatch",
    "narrow": SKOS + "narrowMatch",
    "related": SKOS + "relatedMatch",
}

#: the SEMAPV mapping justifications SSSOM allows (https://w3id.org/semapv/vocab/)
JUSTIFICATIONS: tuple[str, ...] = tuple(
    SEMAPV + name
    for name in (
        "ManualMappingCuration", "LexicalMatching", "LexicalSimilarityThresholdMatching",
        "SemanticSimilarityThresholdMatching", "LogicalReasoning", "CompositeMatching",
        "UnspecifiedMatching", "StructuralMatching", "InstanceBasedMatching",
        "BackgroundKnowledgeBasedMatching", "MappingChaining", "MappingReview", "MappingInversion",
    )
)
MANUAL_CURATION = SEMAPV + "ManualMappingCuration"


def predicate_iri(text: str, location: str = "predicate") -> str:
    """A SKOS mapping predicate from `exact`, `skos:exactMatch` or the full IRI."""
    value = text.strip()
    if value in PREDICATES:
        return PREDICATES[value]
    if value.startswith("skos:"):
        value = SKOS + value[len("skos:"):]
    if value not in PREDICATES.values():
        allowed = ", ".join("skos:" + iri[len(SKOS):] for iri in PREDICATES.values())
        raise InvalidInput(f"{text!r} is not a SKOS mapping predicate (use one of {allowed})", location=location)
    return value


def justification_iri(text: str, location: str = "justification") -> str:
    """A SEMAPV justification from `semapv:LexicalMatching`, `LexicalMatching` or the full IRI."""
    value = text.strip()
    if value.startswith("semapv:"):
        value = SEMAPV + value[len("semapv:"):]
    elif ":" not in value:
        value = SEMAPV + value
    if value not in JUSTIFICATIONS:
        raise InvalidInput(f"{text!r} is not a SEMAPV mapping justification (e.g. semapv:ManualMappingCuration, semapv:LexicalMatching)", location=location)
    return value


def check_confidence(value: float | None, location: str = "confidence") -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) or not 0.0 <= value <= 1.0:
        raise InvalidInput(f"confidence must be a number from 0 to 1, not {value!r}", location=location)
    return float(value)


def curie(iri: str) -> str:
    """`skos:exactMatch` / `semapv:LexicalMatching` for display and JSON."""
    for prefix, namespace in (("skos", SKOS), ("semapv", SEMAPV)):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


@dataclass(frozen=True)
class NewMapping:
    """A mapping someone proposes (the input of `propose_mappings`)."""

    subject: str
    predicate: str  # exact/close/broad/narrow/related, skos:exactMatch or the IRI
    object: str
    confidence: float | None = None
    justification: str = MANUAL_CURATION
    comment: str | None = None


@dataclass(frozen=True)
class Comment:
    author: str
    date: datetime
    text: str
    organisation: str | None = None


@dataclass(frozen=True)
class ExtensionSlot:
    """A non-standard slot a mapping set declares in its SSSOM metadata (`extension_definitions`,
    https://mapping-commons.github.io/sssom/spec-model/#non-standard-slots): its column name, the
    property (an IRI) its values are stored under, and the declared type hint (an IRI), if any."""

    slot_name: str
    property: str
    type_hint: str | None = None


@dataclass(frozen=True)
class Mapping:
    """One mapping record of a set, whatever its status."""

    id: str
    set_id: str
    subject: str
    predicate: str
    object: str
    justification: str
    status: Status
    confidence: float | None = None
    author: tuple[str, ...] = ()
    organisation: str | None = None
    date: date | None = None
    comment: str | None = None
    reviewer: tuple[str, ...] = ()
    reviewed: datetime | None = None
    comments: tuple[Comment, ...] = ()
    #: values of the set's declared extension slots: (slot name, text as given)
    extensions: tuple[tuple[str, str], ...] = ()

    @property
    def iri(self) -> str:
        from registry.mappings.layout import mapping_iri

        return mapping_iri(self.id).value


@dataclass(frozen=True)
class MappingSet:
    """A set of mappings from one registered vocabulary to another, owned by an organisation."""

    id: str
    iri: str
    source: str  # vocabulary id
    source_scheme: str
    target: str
    target_scheme: str
    owner: str  # organisation id
    title: str
    description: str | None
    license: str | None
    creator: str
    created: datetime
    modified: datetime
    counts: dict[str, int] = field(default_factory=dict)
    extensions: tuple[ExtensionSlot, ...] = ()
