"""Registering vocabularies: counts, replacement, and atomicity when a load fails half-way."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pyoxigraph import NamedNode
from rdflib import RDF, SKOS

from registry.errors import Conflict, InvalidInput, RdfSyntaxError
from registry.formats import format_named
from registry.loading import collect_orphan_graphs, register_vocabulary
from registry.namespaces import VERSION_GRAPH_PREFIX, version_graph
from tests.conftest import VOCABULARIES_DIR

TURTLE = format_named("turtle")
XAPI_VERBS = VOCABULARIES_DIR / "xapi-verbs.ttl"
XAPI_ACTIVITY_TYPES = VOCABULARIES_DIR / "xapi-activity-types.ttl"


def load(registry, path: Path, slug: str, **kwargs):
    store, catalogue = registry
    return register_vocabulary(store, catalogue, path, TURTLE, slug=slug, source_name=path.name, **kwargs)


def version_graphs(registry) -> list[NamedNode]:
    return [g for g in registry[0].named_graphs() if g.value.startswith(VERSION_GRAPH_PREFIX)]


def snapshot(registry, slug: str) -> tuple[str, set]:
    """The current graph of `slug` and every quad in it."""
    store, catalogue = registry
    graph = catalogue.vocabulary(slug).graph
    quads = set(store._store.quads_for_pattern(None, None, None, NamedNode(graph)))
    return graph, quads


def test_a_loaded_vocabulary_is_listed_with_the_counts_of_its_file(empty_registry, bundled_vocabulary):
    report = load(empty_registry, XAPI_VERBS, "xapi-verbs")
    record = empty_registry[1].vocabulary("xapi-verbs")
    expected = bundled_vocabulary("xapi-verbs")
    concepts_in_file = len(set(expected.subjects(RDF.type, SKOS.Concept)))
    assert record.concept_count == concepts_in_file == report.concepts
    assert record.triple_count == len(expected)
    assert record.title["en"]


def changed_copy(tmp_path: Path, source: Path = XAPI_VERBS) -> Path:
    """A real vocabulary file with one extra label: different content, same scheme."""
    changed = tmp_path / source.name
    changed.write_text(
        source.read_text(encoding="utf-8")
        + '\n<http://adlnet.gov/expapi/verbs/completed> <http://www.w3.org/2004/02/skos/core#altLabel> "afgerond"@nl .\n',
        encoding="utf-8",
    )
    return changed


def test_a_changed_file_becomes_a_new_release_and_the_old_one_stays(empty_registry, tmp_path):
    store, catalogue = empty_registry
    first = load(empty_registry, XAPI_VERBS, "xapi-verbs")
    second = load(empty_registry, changed_copy(tmp_path), "xapi-verbs")
    record = catalogue.vocabulary("xapi-verbs")
    assert second.replaced_graph == first.graph
    assert record.graph == second.graph
    assert [r.graph for r in record.releases] == [first.graph, second.graph]
    assert [r.version for r in record.releases] == [first.version, f"{first.version}.r2"]
    assert NamedNode(first.graph) in store.named_graphs()  # releases are immutable and stay available


def test_loading_identical_content_again_changes_nothing(empty_registry):
    first = load(empty_registry, XAPI_VERBS, "xapi-verbs")
    again = load(empty_registry, XAPI_VERBS, "xapi-verbs")
    assert again.unchanged
    assert again.graph == first.graph
    assert len(empty_registry[1].vocabulary("xapi-verbs").releases) == 1
    assert len(version_graphs(empty_registry)) == 1


def test_malformed_turtle_leaves_the_previous_version_intact(empty_registry, tmp_path):
    load(empty_registry, XAPI_VERBS, "xapi-verbs")
    before = snapshot(empty_registry, "xapi-verbs")
    text = XAPI_VERBS.read_text(encoding="utf-8")
    lines = text.splitlines()
    broken_line = len(lines) * 2 // 3
    lines[broken_line] = lines[broken_line] + " this is not turtle ;;; ."
    broken = tmp_path / "xapi-verbs.ttl"
    broken.write_text("\n".join(lines), encoding="utf-8")

    with pytest.raises(RdfSyntaxError) as raised:
        load(empty_registry, broken, "xapi-verbs")

    assert raised.value.location.startswith(f"xapi-verbs.ttl:{broken_line + 1}")
    assert snapshot(empty_registry, "xapi-verbs") == before
    assert version_graphs(empty_registry) == [NamedNode(before[0])]


def test_a_failure_just_before_the_switch_leaves_the_previous_version_intact(empty_registry, tmp_path):
    load(empty_registry, XAPI_VERBS, "xapi-verbs")
    before = snapshot(empty_registry, "xapi-verbs")

    def crash() -> None:
        raise RuntimeError("injected failure after the new version was loaded")

    with pytest.raises(RuntimeError, match="injected"):
        load(empty_registry, changed_copy(tmp_path), "xapi-verbs", before_switch=crash)

    assert snapshot(empty_registry, "xapi-verbs") == before
    assert version_graphs(empty_registry) == [NamedNode(before[0])]


def test_a_failing_catalogue_update_leaves_the_previous_version_intact(empty_registry, monkeypatch, tmp_path):
    store, _ = empty_registry
    load(empty_registry, XAPI_VERBS, "xapi-verbs")
    before = snapshot(empty_registry, "xapi-verbs")

    def broken_update(_update: str) -> None:
        raise OSError("disk full (injected)")

    monkeypatch.setattr(store, "update", broken_update)
    with pytest.raises(OSError, match="injected"):
        load(empty_registry, changed_copy(tmp_path), "xapi-verbs")
    monkeypatch.undo()
    assert snapshot(empty_registry, "xapi-verbs") == before


def test_orphaned_version_graphs_are_collected(empty_registry):
    store, catalogue = empty_registry
    load(empty_registry, XAPI_VERBS, "xapi-verbs")
    orphan = version_graph("xapi-verbs", "crashed-load")
    store.bulk_load(XAPI_VERBS, TURTLE, orphan, None)
    assert collect_orphan_graphs(store, catalogue) == [orphan.value]
    assert orphan not in store.named_graphs()


def test_a_file_without_exactly_one_scheme_is_refused(empty_registry):
    store, catalogue = empty_registry
    two_schemes = io.BytesIO(XAPI_VERBS.read_bytes() + b"\n" + XAPI_ACTIVITY_TYPES.read_bytes())
    with pytest.raises(InvalidInput, match="exactly one skos:ConceptScheme"):
        register_vocabulary(store, catalogue, two_schemes, TURTLE, slug="mixed", source_name="mixed.ttl")
    assert version_graphs(empty_registry) == []


def test_the_same_scheme_cannot_be_registered_under_two_ids(empty_registry):
    load(empty_registry, XAPI_VERBS, "xapi-verbs")
    with pytest.raises(Conflict, match="already registered"):
        load(empty_registry, XAPI_VERBS, "verbs-again")


@pytest.mark.parametrize("slug", ["", "Has Spaces", "../etc", "a" * 65])
def test_invalid_vocabulary_ids_are_refused(empty_registry, slug):
    with pytest.raises(InvalidInput, match="not a valid vocabulary identifier"):
        load(empty_registry, XAPI_VERBS, slug)


def test_relative_iris_without_a_base_are_refused_with_the_file_name(empty_registry):
    store, catalogue = empty_registry
    relative = io.BytesIO(b"<a> a <http://www.w3.org/2004/02/skos/core#ConceptScheme> .\n")
    with pytest.raises(InvalidInput) as raised:
        register_vocabulary(store, catalogue, relative, TURTLE, slug="relative", source_name="relative.ttl")
    assert "relative.ttl" in raised.value.message
    assert version_graphs(empty_registry) == []


def test_the_on_disk_store_keeps_the_catalogue_across_reopening(tmp_path):
    from registry.catalogue import Catalogue
    from registry.oxigraph_store import OxigraphStore

    store = OxigraphStore(tmp_path / "store")
    load((store, Catalogue(store)), XAPI_VERBS, "xapi-verbs")
    store.close()
    reopened = OxigraphStore(tmp_path / "store")
    assert Catalogue(reopened).vocabulary("xapi-verbs").concept_count > 0
