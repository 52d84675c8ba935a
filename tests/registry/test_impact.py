"""Impact analysis on the bundled vocabularies: a concept used by a registered dataset and by a
curated mapping (werkvormen's skos:*Match to OOAPI), a whole vocabulary, a release."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode

from registry.datasets import register_dataset
from registry.errors import InvalidInput, NotFound
from registry.impact import impact_of
from registry.namespaces import SKOS
from tests.conftest import VOCABULARIES_DIR
from tests.dataset_descriptions import (
    editor_of,
    fresh_registry,
    leerlingen_vo,
    scheme_of,
    to_turtle,
    voortgang_werkvormen,
)

EXCURSION = "https://w3id.org/eduvoc/vocab/ooapi-learning-component-type/excursion"
EXCURSIE = "https://w3id.org/eduvoc/vocab/werkvormen/excursie"
BIJLES = "https://w3id.org/eduvoc/vocab/werkvormen/bijles"


@pytest.fixture(scope="module")
def registry():
    """The bundle plus two registered datasets; one uses the OOAPI excursion concept as a value."""
    store, catalogue = fresh_registry()
    progress = voortgang_werkvormen()
    progress.extra = [*progress.extra, f"  dct:subject <{EXCURSION}> ;"]
    register_dataset(store, catalogue, to_turtle(progress).encode(), "text/turtle", editor_of("leerrijk"))
    register_dataset(store, catalogue, to_turtle(leerlingen_vo()).encode(), "text/turtle", editor_of("duo"))
    return store, catalogue


def test_a_concept_used_by_a_dataset_and_by_a_curated_mapping(registry):
    store, catalogue = registry
    impact = impact_of(store, catalogue, uri=EXCURSION)
    assert impact.kind == "concept" and impact.vocabulary == "ooapi-learning-component-type"
    (dataset,) = impact.datasets
    assert dataset.iri == voortgang_werkvormen().iri
    assert dataset.properties == {"http://purl.org/dc/terms/subject"} and dataset.concepts == {EXCURSION}
    assert impact.mapping_count == 1
    (mapping,) = impact.mappings
    assert (mapping.statement.subject, mapping.statement.predicate, mapping.source, mapping.direction) == (
        EXCURSIE, SKOS + "exactMatch", "werkvormen", "to")
    assert not impact.vocabularies  # the mapping is listed once, as a mapping


def test_a_dataset_that_conforms_to_the_scheme_depends_on_each_of_its_concepts(registry):
    store, catalogue = registry
    impact = impact_of(store, catalogue, uri=BIJLES)
    by_iri = {d.iri: d for d in impact.datasets}
    progress = by_iri[voortgang_werkvormen().iri]
    assert progress.properties == {"http://purl.org/dc/terms/conformsTo", "http://purl.org/dc/terms/subject"}
    assert progress.concepts == {BIJLES, scheme_of("werkvormen")}
    assert leerlingen_vo().iri not in by_iri


def test_a_vocabulary_s_dependants_cover_all_its_concepts(registry):
    store, catalogue = registry
    impact = impact_of(store, catalogue, uri=scheme_of("ooapi-learning-component-type"))
    assert impact.kind == "scheme" and impact.concepts == catalogue.vocabulary("ooapi-learning-component-type").concept_count
    werkvormen = (VOCABULARIES_DIR / "werkvormen.ttl").read_text(encoding="utf-8")
    expected = werkvormen.count("<https://w3id.org/eduvoc/vocab/ooapi-learning-component-type/")
    assert impact.mapping_count == expected > 1
    assert {m.source for m in impact.mappings} == {"werkvormen"}
    assert [d.iri for d in impact.datasets] == [voortgang_werkvormen().iri]


def test_a_release_is_analysed_by_its_graph(registry):
    store, catalogue = registry
    record = catalogue.vocabulary("ooapi-learning-component-type")
    release = record.releases[-1]
    by_slug = impact_of(store, catalogue, release=f"{record.slug}/{release.version}")
    by_iri = impact_of(store, catalogue, uri=release.iri)
    assert by_slug.kind == by_iri.kind == "release"
    assert by_slug.mapping_count == by_iri.mapping_count == impact_of(store, catalogue, uri=record.scheme).mapping_count


def test_references_between_vocabularies_are_found(registry):
    """slo-doelen concepts refer to SLO levels and subject areas: those vocabularies' concepts
    have dependants in another vocabulary."""
    store, catalogue = registry
    level = next(
        row["c"].value for row in store.query(
            "SELECT ?c WHERE { ?c a <http://www.w3.org/2004/02/skos/core#Concept> } LIMIT 1",
            default_graph=[NamedNode(catalogue.vocabulary("slo-niveaus").graph)]))
    referring = impact_of(store, catalogue, uri=catalogue.vocabulary("slo-niveaus").scheme)
    assert referring.vocabularies, "no vocabulary refers to slo-niveaus"
    assert all(v.slug != "slo-niveaus" for v in referring.vocabularies)
    assert sum(v.count for v in referring.vocabularies) >= 1
    assert impact_of(store, catalogue, uri=level).kind == "concept"


def test_unknown_targets_and_bad_requests(registry):
    store, catalogue = registry
    with pytest.raises(NotFound):
        impact_of(store, catalogue, uri="https://example.org/not-a-concept")
    with pytest.raises(InvalidInput):
        impact_of(store, catalogue)
    with pytest.raises(InvalidInput):
        impact_of(store, catalogue, uri=EXCURSION, release="werkvormen/1")
    with pytest.raises(InvalidInput):
        impact_of(store, catalogue, release="werkvormen")
    with pytest.raises(NotFound):
        impact_of(store, catalogue, release="werkvormen/99.9")


def test_a_value_inside_a_blank_node_of_a_description_counts(registry):
    """Both descriptions name their source holder in a qualified attribution (a blank node)."""
    store, catalogue = registry
    impact = impact_of(store, catalogue, uri="https://w3id.org/eduvoc/vocab/data-sharing-role/bronhouder")
    assert {d.iri for d in impact.datasets} == {leerlingen_vo().iri, voortgang_werkvormen().iri}
    assert all(d.properties == {"http://www.w3.org/ns/dcat#hadRole"} for d in impact.datasets)
