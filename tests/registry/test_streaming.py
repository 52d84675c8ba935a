"""Whole-vocabulary passes stream: the store yields a graph's quads grouped by subject, and the
search documents built from that stream equal those of an in-memory store."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode

from registry.formats import format_named
from registry.oxigraph_store import OxigraphStore
from registry.search.documents import concept_documents
from tests.conftest import VOCABULARIES_DIR

GRAPH = NamedNode("urn:eduvoc:test:graph")


def _with_a_late_triple(tmp_path: Path) -> tuple[Path, str]:
    """The kerndoelen file with one more label for its first concept, at the very end of the file."""
    source = (VOCABULARIES_DIR / "slo-kerndoelen.ttl").read_text(encoding="utf-8")
    memory = OxigraphStore()
    memory.bulk_load(VOCABULARIES_DIR / "slo-kerndoelen.ttl", format_named("turtle"), GRAPH, None)
    first = next(iter(concept_documents(memory, GRAPH))).iri
    path = tmp_path / "kerndoelen.ttl"
    path.write_text(source + f'\n<{first}> <http://www.w3.org/2004/02/skos/core#altLabel> "Laat label"@nl .\n', encoding="utf-8")
    return path, first


def _subject_runs(store: OxigraphStore) -> list[str]:
    runs: list[str] = []
    for quad in store.graph_quads(GRAPH):
        if not runs or runs[-1] != str(quad.subject):
            runs.append(str(quad.subject))
    return runs


def test_graph_quads_come_grouped_by_subject_on_disk_and_in_memory(tmp_path):
    path, _ = _with_a_late_triple(tmp_path)
    for store in (OxigraphStore(tmp_path / "store"), OxigraphStore()):
        store.bulk_load(path, format_named("turtle"), GRAPH, None)
        runs = _subject_runs(store)
        assert len(runs) == len(set(runs)) > 600
        assert sum(1 for _ in store.graph_quads(GRAPH)) == store.count(GRAPH)


def test_search_documents_are_the_same_streamed_from_disk(tmp_path):
    path, first = _with_a_late_triple(tmp_path)
    on_disk, memory = OxigraphStore(tmp_path / "store"), OxigraphStore()
    for store in (on_disk, memory):
        store.bulk_load(path, format_named("turtle"), GRAPH, None)
    streamed = {d.iri: d for d in concept_documents(on_disk, GRAPH)}
    assert streamed == {d.iri: d for d in concept_documents(memory, GRAPH)}
    assert "Laat label" in [label.text for label in streamed[first].labels]
    assert len(streamed) == 612


def test_copy_graph_copies_every_triple_natively_or_with_blank_nodes_kept(tmp_path):
    from pyoxigraph import BlankNode, Literal, Quad

    store = OxigraphStore(tmp_path / "store")
    store.bulk_load(VOCABULARIES_DIR / "slo-kerndoelen.ttl", format_named("turtle"), GRAPH, None)
    plain, with_blank = NamedNode("urn:eduvoc:test:plain"), NamedNode("urn:eduvoc:test:blank")
    store.copy_graph(GRAPH, plain)
    assert {q.triple for q in store.graph_quads(plain)} == {q.triple for q in store.graph_quads(GRAPH)}
    node = BlankNode()
    store.add_quads([Quad(node, NamedNode("urn:eduvoc:test:p"), Literal("x"), GRAPH)])
    store.copy_graph(GRAPH, with_blank)
    assert {q.triple for q in store.graph_quads(with_blank)} == {q.triple for q in store.graph_quads(GRAPH)}
