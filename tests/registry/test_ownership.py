"""Every bundled vocabulary states triples only about its own terms (registry/ownership.py)."""

from __future__ import annotations

from pyoxigraph import NamedNode

from registry.ownership import foreign_subjects


def test_every_bundled_vocabulary_owns_all_its_subjects(bundled_registry):
    store, catalogue = bundled_registry
    records = catalogue.vocabularies()
    assert len(records) >= 60
    offending = {r.slug: foreign_subjects(store, catalogue, NamedNode(r.graph), NamedNode(r.scheme), r.slug) for r in records}
    assert {slug: found for slug, found in offending.items() if found} == {}


def test_a_copy_of_one_vocabulary_under_another_id_owns_nothing_of_it(bundled_registry):
    """The same concepts in another vocabulary's graph are someone else's: all of them are named."""
    store, catalogue = bundled_registry
    record = catalogue.vocabulary("werkvormen")
    found = foreign_subjects(store, catalogue, NamedNode(record.graph), NamedNode(record.scheme), "copy-of-werkvormen")
    assert record.scheme in found and len(found) == record.concept_count + record.collection_count + 1
