"""Faults (issue 16, item 6) in the domain: publish and its audit record land together or not at
all; an interrupted first load of the bundled set is completed at the next start; replaced drafts
are dropped off the write lock."""

from __future__ import annotations

import threading
import time

import pytest
from pyoxigraph import NamedNode

from registry.audit import audit_trail
from registry.auth import Role
from registry.bundle import bundled_files, complete_first_load, first_load_pending, load_files
from registry.catalogue import Catalogue
from registry.drafts import discard_draft, publish_draft, start_draft, upload_draft
from registry.formats import format_named
from registry.loading import collect_orphan_graphs, wait_for_drops
from registry.namespaces import AUDIT_GRAPH
from registry.organisations import create_organisation
from registry.oxigraph_store import OxigraphStore
from registry.tokens import authenticate, issue_token
from tests.conftest import ONTOLOGY_DIR, VOCABULARIES_DIR

WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"
TURTLE = format_named("turtle")
SETUP_ACTIONS = {"create-organisation", "issue-token", "load"}  # the fixtures' own writes are audited too


class AuditWritesFail:
    """The store, except that any write touching the audit graph fails (as a crash between the
    catalogue switch and a separate audit write would)."""

    def __init__(self, store: OxigraphStore) -> None:
        self._store = store

    def __getattr__(self, name):
        return getattr(self._store, name)

    def update(self, sparql_update: str) -> None:
        if str(AUDIT_GRAPH) in sparql_update:
            raise RuntimeError("crash while writing the audit record")
        self._store.update(sparql_update)

    def add_quads(self, quads) -> None:
        quads = list(quads)
        if any(q.graph_name == AUDIT_GRAPH for q in quads):
            raise RuntimeError("crash while writing the audit record")
        self._store.add_quads(quads)


@pytest.fixture
def drafted(empty_registry):
    store, catalogue = empty_registry
    create_organisation(store, "kennisnet", "Kennisnet")
    token, _ = issue_token(store, "kennisnet", Role.EDITOR)
    editor = authenticate(store, token)
    upload_draft(store, catalogue, "werkvormen", WERKVORMEN, TURTLE, editor, source_name="werkvormen.ttl")
    return store, catalogue, editor


def test_a_publication_and_its_audit_record_are_one_transaction(drafted):
    store, catalogue, editor = drafted
    failing = AuditWritesFail(store)
    with pytest.raises(RuntimeError):
        publish_draft(failing, Catalogue(failing), "werkvormen", editor, "1.0", "first", check=None)
    assert Catalogue(store).state("werkvormen").draft_graph is not None  # still a draft: nothing was released
    assert [r.action for r in audit_trail(store) if r.action not in SETUP_ACTIONS] == ["upload-draft"]

    release = publish_draft(store, catalogue, "werkvormen", editor, "1.0", "first", check=None)
    published = [r for r in audit_trail(store) if r.action == "publish"]
    assert len(published) == 1 and published[0].graph == release.graph


def test_a_failure_just_before_the_switch_leaves_neither_release_nor_record(drafted):
    store, catalogue, editor = drafted

    def crash() -> None:
        raise KeyboardInterrupt  # as abrupt as it gets in-process

    with pytest.raises(KeyboardInterrupt):
        publish_draft(store, catalogue, "werkvormen", editor, "1.0", "first", check=None, before_switch=crash)
    assert catalogue.state("werkvormen").draft_graph is not None
    assert [r.action for r in audit_trail(store) if r.action not in SETUP_ACTIONS] == ["upload-draft"]
    assert not catalogue.write_lock.locked()


def test_draft_writes_are_audited_in_the_same_update(drafted):
    store, catalogue, editor = drafted
    failing = AuditWritesFail(store)
    before = catalogue.state("werkvormen").draft_graph
    with pytest.raises(RuntimeError):
        upload_draft(failing, Catalogue(failing), "werkvormen", WERKVORMEN, TURTLE, editor, source_name="again.ttl")
    assert catalogue.state("werkvormen").draft_graph == before
    with pytest.raises(RuntimeError):
        discard_draft(failing, Catalogue(failing), "werkvormen", editor)
    assert catalogue.state("werkvormen").draft_graph == before


def test_a_replaced_draft_is_dropped_off_the_write_lock(drafted, monkeypatch):
    """While the old draft is being dropped (slow for a large graph), other writes go ahead."""
    store, catalogue, editor = drafted
    publish_draft(store, catalogue, "werkvormen", editor, "1.0", "first", check=None)
    start_draft(store, catalogue, "werkvormen", editor)
    old = NamedNode(catalogue.state("werkvormen").draft_graph)
    dropping, release = threading.Event(), threading.Event()
    real_drop = store.drop_graph

    def slow_drop(graph: NamedNode) -> None:
        if graph == old:
            dropping.set()
            release.wait(10)
        real_drop(graph)

    monkeypatch.setattr(store, "drop_graph", slow_drop)
    started = time.monotonic()
    upload_draft(store, catalogue, "werkvormen", WERKVORMEN, TURTLE, editor, source_name="werkvormen.ttl")
    assert dropping.wait(5)
    assert catalogue.write_lock.acquire(timeout=1), "the write lock is held during the drop"
    catalogue.write_lock.release()
    discard_draft(store, catalogue, "werkvormen", editor)  # another write, while the drop still runs
    assert time.monotonic() - started < 8
    release.set()
    wait_for_drops(10)
    assert old not in store.named_graphs()


def test_orphans_are_found_under_the_lock_and_dropped_in_the_background(empty_registry):
    store, catalogue = empty_registry
    load_files(store, catalogue, [("werkvormen", WERKVORMEN)])
    orphan = NamedNode("https://w3id.org/eduvoc/graph/vocabulary/werkvormen/20260101T000000-deadbeef")
    store.bulk_load(WERKVORMEN, TURTLE, orphan, None)
    assert collect_orphan_graphs(store, catalogue, background=True) == [orphan.value]
    wait_for_drops(30)
    assert orphan not in store.named_graphs()
    assert collect_orphan_graphs(store, catalogue) == []


SMALL = [(slug, path) for slug, path in bundled_files(VOCABULARIES_DIR, ONTOLOGY_DIR) if slug.startswith("ooapi-a")]


class Killed(Exception):
    pass


def test_an_interrupted_first_load_is_completed_at_the_next_start(empty_registry):
    store, catalogue = empty_registry
    assert len(SMALL) >= 4
    loaded: list[str] = []

    def kill_after_two(path, report) -> None:
        loaded.append(report.slug)
        if len(loaded) == 2:
            raise Killed

    with pytest.raises(Killed):
        complete_first_load(store, catalogue, SMALL, on_loaded=kill_after_two)
    restarted = Catalogue(store)  # a new process
    assert len(restarted.vocabularies()) == 2
    assert [slug for slug, _ in first_load_pending(store, restarted, SMALL)] == [slug for slug, _ in SMALL[2:]]
    reports = complete_first_load(store, restarted, SMALL)
    assert [r.slug for r in reports] == [slug for slug, _ in SMALL[2:]]
    assert sorted(r.slug for r in restarted.vocabularies()) == sorted(slug for slug, _ in SMALL)
    assert first_load_pending(store, Catalogue(store), SMALL) == [] and complete_first_load(store, Catalogue(store), SMALL) == []


def test_a_store_filled_by_hand_is_not_completed_with_the_bundle(empty_registry):
    store, catalogue = empty_registry
    load_files(store, catalogue, SMALL[:1])  # `eduvoc load` of one file, no first load
    assert first_load_pending(store, catalogue, SMALL) == []
    empty = OxigraphStore()
    assert first_load_pending(empty, Catalogue(empty), SMALL) == SMALL  # an empty store: everything
