"""The bundled xAPI vocabularies match the ADL profile files they were built from.

Expected values are read straight from `sources/xapi-adl-vocabularies/*/*.ttl` here, not from
the converter, so a converter bug cannot make its own output look right.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import DCTERMS, OWL, RDF, SKOS, Graph, Literal, Namespace, URIRef

from converters import xapi

XAPI = Namespace("https://w3id.org/xapi/ontology#")
PROFILE_FILES = {"adl": "adl/adl.ttl", "scorm": "scorm/scorm.ttl", "cmi5": "cmi5/cmi5.ttl", "tincan": "tincan/tincan.ttl"}
VERBS = "xapi-verbs"
ACTIVITY_TYPES = "xapi-activity-types"
SCHEMES = {VERBS: XAPI.Verb, ACTIVITY_TYPES: XAPI.ActivityType}
VOCAB = "https://w3id.org/eduvoc/vocab/"

BundledVocabulary = Callable[[str], Graph]


@pytest.fixture(scope="module")
def profiles(sources_dir: Path) -> dict[str, Graph]:
    """The four source profile graphs, parsed once."""
    base = sources_dir / "xapi-adl-vocabularies"
    return {key: Graph().parse(base / path, format="turtle") for key, path in PROFILE_FILES.items()}


def source_terms(profiles: dict[str, Graph], rdf_type: URIRef) -> dict[str, set[URIRef]]:
    return {key: set(graph.subjects(RDF.type, rdf_type)) for key, graph in profiles.items()}


def concepts(graph: Graph) -> set[URIRef]:
    return set(graph.subjects(RDF.type, SKOS.Concept))


@pytest.mark.parametrize("slug", SCHEMES)
def test_concept_count_matches_sources(slug: str, profiles: dict[str, Graph], bundled_vocabulary: BundledVocabulary) -> None:
    expected = set().union(*source_terms(profiles, SCHEMES[slug]).values())
    assert concepts(bundled_vocabulary(slug)) == expected
    assert len(expected) == {VERBS: 18 + 9 + 3 + 46, ACTIVITY_TYPES: 7 + 8 + 2 + 62}[slug]  # as SOURCE.md lists


@pytest.mark.parametrize("slug", SCHEMES)
def test_one_collection_per_profile(slug: str, profiles: dict[str, Graph], bundled_vocabulary: BundledVocabulary) -> None:
    graph = bundled_vocabulary(slug)
    for key, terms in source_terms(profiles, SCHEMES[slug]).items():
        collection = URIRef(f"{VOCAB}{slug}/profile/{key}")
        assert (collection, RDF.type, SKOS.Collection) in graph
        assert set(graph.objects(collection, SKOS.member)) == terms


@pytest.mark.parametrize("slug", SCHEMES)
def test_labels_and_definitions_are_the_sources(slug: str, profiles: dict[str, Graph], bundled_vocabulary: BundledVocabulary) -> None:
    graph = bundled_vocabulary(slug)
    for source in profiles.values():
        for term in source.subjects(RDF.type, SCHEMES[slug]):
            assert set(graph.objects(term, SKOS.prefLabel)) == set(source.objects(term, SKOS.prefLabel))
            assert set(graph.objects(term, SKOS.definition)) == set(source.objects(term, SKOS.definition))
            assert set(graph.objects(term, DCTERMS.source)) == set(source.objects(term, SKOS.inScheme))


@pytest.mark.parametrize("slug", SCHEMES)
def test_structure_is_closed_and_rooted(slug: str, bundled_vocabulary: BundledVocabulary) -> None:
    graph = bundled_vocabulary(slug)
    scheme = URIRef(VOCAB + slug)
    found = concepts(graph)
    for predicate in (SKOS.broader, SKOS.narrower, SKOS.related, SKOS.member, SKOS.hasTopConcept):
        assert set(graph.objects(None, predicate)) <= found, f"{predicate} points outside {slug}"
    for concept in found:
        assert (concept, SKOS.inScheme, scheme) in graph
        rooted = (concept, SKOS.topConceptOf, scheme) in graph
        assert rooted != bool(set(graph.objects(concept, SKOS.broader))), f"{concept}: top concept xor broader"
        assert len([o for o in graph.objects(concept, SKOS.prefLabel) if o.language == "en"]) == 1
    assert not [(s, o) for s, p, o in graph if p in (SKOS.exactMatch, SKOS.relatedMatch) and s == o]


def test_verb_completed(profiles: dict[str, Graph], bundled_vocabulary: BundledVocabulary) -> None:
    graph = bundled_vocabulary(VERBS)
    completed = URIRef("http://adlnet.gov/expapi/verbs/completed")
    passed = URIRef("http://adlnet.gov/expapi/verbs/passed")
    assert (completed, RDF.type, SKOS.Concept) in graph
    assert (completed, RDF.type, XAPI.Verb) in graph
    assert (completed, SKOS.prefLabel, Literal("completed", lang="en")) in graph
    assert (completed, SKOS.definition, profiles["scorm"].value(completed, SKOS.definition)) in graph
    assert (URIRef(VOCAB + VERBS + "/profile/scorm"), SKOS.member, completed) in graph
    assert (passed, SKOS.broader, completed) in graph  # the SCORM profile's own hierarchy
    assert (completed, SKOS.narrower, passed) in graph


def test_activity_type_simulation(bundled_vocabulary: BundledVocabulary) -> None:
    graph = bundled_vocabulary(ACTIVITY_TYPES)
    simulation = URIRef("http://adlnet.gov/expapi/activities/simulation")
    assert (simulation, SKOS.prefLabel, Literal("simulation", lang="en")) in graph
    assert (simulation, SKOS.topConceptOf, URIRef(VOCAB + ACTIVITY_TYPES)) in graph
    assert (simulation, DCTERMS.source, URIRef("https://w3id.org/xapi/adl/v1.0")) in graph


def test_course_kept_twice_and_mapped(bundled_vocabulary: BundledVocabulary) -> None:
    """SCORM and cmi5 each define 'course' under their own IRI; both stay, linked by the source's exactMatch."""
    graph = bundled_vocabulary(ACTIVITY_TYPES)
    scorm = URIRef("http://adlnet.gov/expapi/activities/course")
    cmi5 = URIRef("https://w3id.org/xapi/cmi5/activities/course")
    assert {scorm, cmi5} <= concepts(graph)
    assert (scorm, SKOS.exactMatch, cmi5) in graph and (cmi5, SKOS.exactMatch, scorm) in graph


def test_deprecations_follow_the_sources(profiles: dict[str, Graph], bundled_vocabulary: BundledVocabulary) -> None:
    in_sources = {s for g in profiles.values() for s in g.subjects(OWL.deprecated, Literal(True))}
    in_output = {s for slug in SCHEMES for s in bundled_vocabulary(slug).subjects(OWL.deprecated, Literal(True))}
    assert in_output == in_sources


def test_build_matches_committed_files(sources_dir: Path, bundled_vocabulary: BundledVocabulary) -> None:
    built = xapi.build(sources_dir)
    assert sorted(info.slug for info, _ in built) == sorted(SCHEMES)
    for info, graph in built:
        committed = bundled_vocabulary(info.slug)
        assert len(graph) == len(committed), f"{info.slug}: rebuild gives {len(graph)} triples, file has {len(committed)}"
        assert set(graph) == set(committed), f"{info.slug} is stale; run `python -m converters xapi`"
