"""Browse data prepared once per release, checked against the bundled files read with rdflib."""

from __future__ import annotations

import pytest
from rdflib import RDF, SKOS, URIRef

from registry.browse import BrowseCache, Selection
from registry.collation import initial, sort_key
from registry.errors import InvalidInput, NotFound

EDUCATION_LEVEL = URIRef("https://w3id.org/eduvoc/def/educationLevel")


@pytest.fixture(scope="module")
def browse(bundled_registry):
    store, catalogue = bundled_registry
    cache = BrowseCache(store)
    return lambda slug: cache.release(catalogue, slug)


def test_every_concept_of_the_file_is_listed_once_in_dutch_order(browse, bundled_vocabulary):
    graph = bundled_vocabulary("slo-doelen")
    view = browse("slo-doelen").view("nl", Selection())
    items = view.items(0, 1000) + view.items(1000, 1000)
    assert view.total == len(set(graph.subjects(RDF.type, SKOS.Concept)))
    assert len({i.iri for i in items}) == len(items) == 2000
    keys = [sort_key(i.label) for i in items]
    assert keys == sorted(keys)


def test_the_letter_index_points_at_the_first_concept_of_that_letter(browse):
    view = browse("slo-doelen").view("nl", Selection())
    for letter, (start, count) in view.letters.items():
        first = view.items(start, 1)[0]
        assert initial(sort_key(first.label)) == letter
        last = view.items(start + count - 1, 2)
        assert initial(sort_key(last[0].label)) == letter
        if letter != "#" and len(last) == 2:
            assert initial(sort_key(last[1].label)) != letter
    assert view.start_of("Q") == view.letters["R"][0]  # no Q: the next letter that has concepts
    with pytest.raises(InvalidInput):
        view.start_of("ä")


def test_facets_are_the_levels_the_file_gives(browse, bundled_vocabulary):
    graph = bundled_vocabulary("slo-kerndoelen")
    levels = {str(o) for o in graph.objects(None, EDUCATION_LEVEL)}
    prepared = browse("slo-kerndoelen")
    assert set(prepared.facets["level"]) == levels
    level = sorted(levels)[0]
    view = prepared.view("nl", Selection.of(False, [("level", level)]))
    assert {i.iri for i in view.items(0, 1000)} == {str(s) for s in graph.subjects(EDUCATION_LEVEL, URIRef(level))}
    assert all(v.label != level for v in view.facet_values()["level"])  # labelled from the levels vocabulary


def test_unknown_facets_and_values_are_refused(browse):
    with pytest.raises(InvalidInput):
        Selection.of(False, [("colour", "x")])
    with pytest.raises(NotFound):
        browse("slo-kerndoelen").view("nl", Selection.of(False, [("level", "https://example.org/none")]))


def test_equal_labels_carry_what_tells_them_apart(browse):
    view = browse("slo-doelen").view("nl", Selection())
    items = view.items(0, view.total)
    by_label: dict[str, list] = {}
    for item in items:
        by_label.setdefault(item.label, []).append(item)
    shared = [group for group in by_label.values() if len(group) > 1]
    assert shared
    assert all(item.context or item.notation for group in shared for item in group)
    unique = next(group[0] for group in by_label.values() if len(group) == 1)
    assert unique.context == ()


def test_esco_is_grouped_by_its_top_level_groups(browse, bundled_vocabulary):
    graph = bundled_vocabulary("esco-skills")
    scheme = next(graph.subjects(RDF.type, SKOS.ConceptScheme))
    tops = {str(c) for c in graph.objects(scheme, SKOS.hasTopConcept)}
    assert set(browse("esco-skills").facets["group"]) == tops


def test_a_language_without_labels_shares_the_dutch_order(browse):
    prepared = browse("slo-doelen")
    assert "en" not in prepared.label_languages()
    assert prepared.order("en") is prepared.order("nl")
    esco = browse("esco-skills")
    assert esco.order("en") is not esco.order("nl")
