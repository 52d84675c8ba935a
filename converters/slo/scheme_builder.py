"""Adds SLO records to one SKOS concept scheme, keeping the contract's link rules in one place.

SLO entities keep their own IRIs (`https://opendata.slo.nl/curriculum/uuid/<uuid>`). Links inside
the scheme (hierarchy, replacement, collection members) are written only between concepts that
exist in it; links to another SLO vocabulary go through `link`, which drops (and counts) targets
that are not in that vocabulary. The counts end up as `skos:editorialNote`s on the scheme, so
every file says what it left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable

from rdflib import DCTERMS, OWL, RDF, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from converters.slo.sources import SloRepository
from converters.vocabulary_file import EDUVOC_DEF, EDUVOC_VOCAB, SLO_UUID, SchemeInfo, new_scheme_graph

LANGUAGE = "nl"
EDUCATION_LEVEL = EDUVOC_DEF.educationLevel
SUBJECT_AREA = EDUVOC_DEF.subjectArea
#: properties whose object must be a concept (or the scheme) defined in the same file
INTERNAL_LINKS = (
    SKOS.broader,
    SKOS.narrower,
    SKOS.related,
    SKOS.hasTopConcept,
    SKOS.topConceptOf,
    SKOS.member,
    DCTERMS.isReplacedBy,
    DCTERMS.replaces,
)


def slo_iri(uuid: str) -> URIRef:
    """The IRI SLO itself uses for an entity (also what opendata.slo.nl resolves)."""
    return SLO_UUID[uuid.strip().lower()]


class SchemeBuilder:
    """One vocabulary under construction: its graph, its concepts and what was left out."""

    def __init__(self, info: SchemeInfo, repository: SloRepository) -> None:
        self.info = info
        self.scheme = info.scheme_iri
        self.graph = new_scheme_graph(info)
        # CC BY asks for attribution; state it in the file itself, as the other converters do
        self.graph.add((self.scheme, DCTERMS.rights, Literal(repository.attribution_nl, lang="nl")))
        self.graph.add((self.scheme, DCTERMS.rights, Literal(repository.attribution_en, lang="en")))
        self.concepts: set[URIRef] = set()
        self.dropped: Counter[str] = Counter()

    def concept(
        self,
        uuid: str,
        label: str,
        *,
        top: bool = False,
        notation: str | None = None,
        definition: str | None = None,
    ) -> URIRef:
        """Add a concept with its Dutch prefLabel (and notation/definition where given)."""
        if not label:
            raise ValueError(f"{uuid}: a concept needs a label")
        iri = slo_iri(uuid)
        if iri in self.concepts:
            raise ValueError(f"{uuid}: defined twice in {self.info.slug}")
        self.concepts.add(iri)
        graph = self.graph
        graph.add((iri, RDF.type, SKOS.Concept))
        graph.add((iri, SKOS.inScheme, self.scheme))
        graph.add((iri, SKOS.prefLabel, Literal(label, lang=LANGUAGE)))
        if notation:
            graph.add((iri, SKOS.notation, Literal(notation)))
        if definition:
            graph.add((iri, SKOS.definition, Literal(definition, lang=LANGUAGE)))
        if top:
            graph.add((iri, SKOS.topConceptOf, self.scheme))
            graph.add((self.scheme, SKOS.hasTopConcept, iri))
        return iri

    def text(self, iri: URIRef, predicate: URIRef, value: str) -> None:
        """Add a Dutch text (altLabel, scopeNote, ...) unless it is empty."""
        if value:
            self.graph.add((iri, predicate, Literal(value, lang=LANGUAGE)))

    def narrower(self, parent: URIRef, child: URIRef) -> None:
        """State the hierarchy both ways (skos:broader and skos:narrower)."""
        self.graph.add((child, SKOS.broader, parent))
        self.graph.add((parent, SKOS.narrower, child))

    def deprecate(self, iri: URIRef, replacements: Iterable[URIRef]) -> None:
        """Mark a concept deprecated and point to its successors (which must be concepts here)."""
        self.graph.add((iri, OWL.deprecated, Literal(True)))
        for successor in replacements:
            self.graph.add((iri, DCTERMS.isReplacedBy, successor))

    def collection(self, key: str, label: str, members: Iterable[URIRef]) -> URIRef:
        """A skos:Collection `<scheme>/collection-<key>` (same pattern as the other converters)."""
        iri = EDUVOC_VOCAB[f"{self.info.slug}/collection-{key}"]
        self.graph.add((iri, RDF.type, SKOS.Collection))
        self.graph.add((iri, SKOS.prefLabel, Literal(label, lang=LANGUAGE)))
        for member in members:
            self.graph.add((iri, SKOS.member, member))
        return iri

    def link(self, subject: URIRef, predicate: URIRef, uuid: str, known: Collection[str], what: str) -> bool:
        """Link to the entity `uuid` if it is in `known`; otherwise count it under `what` and skip it."""
        if uuid.strip().lower() in known:
            self.graph.add((subject, predicate, slo_iri(uuid)))
            return True
        self.dropped[what] += 1
        return False

    def drop(self, what: str, count: int = 1) -> None:
        """Count references that were left out for a reason the builder did not see itself."""
        if count:
            self.dropped[what] += count

    def note(self, text_en: str) -> None:
        """An English editorial note on the scheme (modelling remarks for maintainers)."""
        self.graph.add((self.scheme, SKOS.editorialNote, Literal(text_en, lang="en")))

    def finish(self) -> tuple[SchemeInfo, Graph]:
        """Record what was dropped, check that internal links resolve, and hand the graph over."""
        for what, count in sorted(self.dropped.items()):
            self.note(f"Left out {count} reference(s) that do not resolve in the pinned sources: {what}.")
        defined: set[Node] = set(self.concepts) | {self.scheme}
        collections = set(self.graph.subjects(RDF.type, SKOS.Collection))
        for predicate in INTERNAL_LINKS:
            for subject, target in self.graph.subject_objects(predicate):
                if target not in defined or (subject not in defined and subject not in collections):
                    raise ValueError(f"{self.info.slug}: dangling {predicate} {subject} -> {target}")
        return self.info, self.graph


def known_ids(records: Iterable[dict[str, object]]) -> frozenset[str]:
    """The (lower-cased) UUIDs of a list of SLO records, for `SchemeBuilder.link`."""
    return frozenset(str(record["id"]).strip().lower() for record in records)
