"""The read-only value-list snapshot answers exactly what the registry store answers."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode

from registry.metadata.snapshot import ValueListSnapshot, bundled_snapshot, snapshot_of
from registry.metadata.value_sources import TERM_PREDICATES, RegistryValueLists
from tests.registry.metadata.records import DEPRECATED_KERNDOEL


@pytest.fixture(scope="module")
def both(bundled_registry):
    store, catalogue = bundled_registry
    return RegistryValueLists(store, catalogue), snapshot_of(store, catalogue)


def _kept(description: dict) -> dict:
    return {p: sorted(map(str, objects)) for p, objects in description.items() if p in TERM_PREDICATES}


def test_the_snapshot_describes_every_term_as_the_registry_does(both, bundled_registry):
    registry, snapshot = both
    store, _ = bundled_registry
    # a spread of real terms (first, last and every 97th subject), plus IRIs that share prefixes with them
    subjects = sorted({row["s"].value for row in store.query("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?t } FILTER(isIRI(?s)) }")})
    sample = {NamedNode(iri) for iri in (*subjects[::97], subjects[0], subjects[-1], DEPRECATED_KERNDOEL)}
    sample |= {NamedNode(n.value[:-1]) for n in list(sample)[:20]} | {NamedNode(n.value + "x") for n in list(sample)[:20]}
    sample.add(NamedNode("urn:not:there"))
    expected = {iri: _kept(d) for iri, d in registry.describe(sample).items()}
    expected = {iri: d for iri, d in expected.items() if d}
    got = {iri: _kept(d) for iri, d in snapshot.describe(sample).items()}
    assert len(expected) > 200
    assert got == expected


def test_the_snapshot_names_the_lists_as_the_catalogue_does(both, bundled_registry):
    _, snapshot = both
    _, catalogue = bundled_registry
    for record in catalogue.vocabularies():
        named = snapshot.list_of_scheme(record.scheme)
        assert named is not None and named.slug == record.slug and named.label("en") == record.label("en")
    assert snapshot.list_of_scheme("urn:not:a:scheme") is None and not snapshot.is_empty()


def test_written_and_read_back_it_is_the_same(both, tmp_path):
    _, snapshot = both
    path = tmp_path / "snapshot.nt"
    snapshot.write(path)
    again = ValueListSnapshot.read(path)
    node = NamedNode(DEPRECATED_KERNDOEL)
    assert _kept(again.describe([node])[node.value]) == _kept(snapshot.describe([node])[node.value])
    assert again.triple_count == snapshot.triple_count > 10_000


def test_the_bundled_snapshot_is_built_once_per_content_and_cached(test_settings, tmp_path):
    built: list = []
    first = bundled_snapshot(test_settings.vocabularies_dir, test_settings.ontology_dir, cache=tmp_path, on_build=built.append)
    again = bundled_snapshot(test_settings.vocabularies_dir, test_settings.ontology_dir, cache=tmp_path, on_build=built.append)
    assert len(built) == 1 and built[0].parent == tmp_path and built[0].is_file()
    assert again.triple_count == first.triple_count
