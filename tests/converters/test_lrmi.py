"""The bundled LRMI vocabularies against the DCMI Turtle files they are built from."""

from __future__ import annotations

import pytest
from rdflib import RDF, SKOS, Graph

NAMES = {"learningResourceType": "lrmi-learning-resource-type", "educationalUse": "lrmi-educational-use",
         "educationalAudienceRole": "lrmi-educational-audience-role", "alignmentType": "lrmi-alignment-type",
         "interactivityType": "lrmi-interactivity-type"}


@pytest.mark.parametrize("name", sorted(NAMES))
def test_concepts_labels_and_matches_are_the_source_ones(bundled_vocabulary, sources_dir, name) -> None:
    source = Graph().parse(sources_dir / "lrmi-vocabularies" / f"{name}.ttl", format="turtle")
    graph = bundled_vocabulary(NAMES[name])
    assert set(graph.subjects(RDF.type, SKOS.Concept)) == set(source.subjects(RDF.type, SKOS.Concept))
    assert set(graph.subjects(RDF.type, SKOS.ConceptScheme)) == set(source.subjects(RDF.type, SKOS.ConceptScheme))
    for predicate in (SKOS.prefLabel, SKOS.definition, SKOS.exactMatch, SKOS.closeMatch):
        assert set(graph.subject_objects(predicate)) >= set(source.subject_objects(predicate)) - {
            (s, o) for s, o in source.subject_objects(predicate) if (s, RDF.type, SKOS.ConceptScheme) in source}
    assert len(set(graph.objects(None, SKOS.hasTopConcept))) == len(set(source.subjects(RDF.type, SKOS.Concept)))
