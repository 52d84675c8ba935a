"""The vocabularies that ship with eduvoc (`vocabularies/*.ttl`) and its ontology."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from registry.catalogue import Catalogue
from registry.formats import format_of_file
from registry.loading import LoadReport, register_vocabulary
from registry.namespaces import ADMIN_GRAPH, EDUVOC_BASE, EDUVOC_DEF, ONTOLOGY_SLUG
from registry.store import Store

#: in the private admin graph: whether the first load of the bundled set has started or completed
FIRST_LOAD = (NamedNode(EDUVOC_BASE + "registry"), NamedNode(EDUVOC_DEF + "bundledLoad"))
STARTED, COMPLETE = Literal("started"), Literal("complete")


def bundled_files(vocabularies_dir: Path, ontology_dir: Path) -> list[tuple[str, Path]]:
    """(slug, file) of everything bundled: the ontology first, then each vocabulary by name."""
    files = [(ONTOLOGY_SLUG, ontology_dir / "eduvoc.ttl")] if (ontology_dir / "eduvoc.ttl").exists() else []
    files += [(path.stem, path) for path in sorted(vocabularies_dir.glob("*.ttl"))]
    return files


def load_files(
    store: Store,
    catalogue: Catalogue,
    files: list[tuple[str, Path]],
    on_loaded: Callable[[Path, LoadReport], None] | None = None,
) -> list[LoadReport]:
    """Register each file as the current version of its vocabulary, one atomic load per file."""
    reports = []
    for slug, path in files:
        report = register_vocabulary(store, catalogue, path, format_of_file(path), slug=slug, source_name=path.name)
        reports.append(report)
        if on_loaded is not None:
            on_loaded(path, report)
    return reports


def first_load_pending(store: Store, catalogue: Catalogue, files: list[tuple[str, Path]]) -> list[tuple[str, Path]]:
    """The bundled files `serve` still has to load: all of them into an empty store; the ones not
    registered yet when a first load was interrupted (a kill, a crash: the store says it started
    and never completed); none once the first load completed, or in a store filled otherwise."""
    state = _first_load_state(store)
    if state == COMPLETE:
        return []
    if state is None and not catalogue.is_empty():
        return []  # filled before this marker existed, or by `eduvoc load`: not ours to complete
    return [(slug, path) for slug, path in files if catalogue.state(slug) is None]


def complete_first_load(
    store: Store,
    catalogue: Catalogue,
    files: list[tuple[str, Path]],
    on_loaded: Callable[[Path, LoadReport], None] | None = None,
    then: Callable[[], object] | None = None,
) -> list[LoadReport]:
    """Load what `first_load_pending` names, then `then` (e.g. the bundled mapping sets), marking
    the first load started before and complete only after both."""
    pending = first_load_pending(store, catalogue, files)
    if not pending and _first_load_state(store) != STARTED:
        return []
    _mark_first_load(store, STARTED)
    reports = load_files(store, catalogue, pending, on_loaded)
    if then is not None:
        then()
    _mark_first_load(store, COMPLETE)
    return reports


def _first_load_state(store: Store) -> Literal | None:
    states = {q.object for q in store.quads(*FIRST_LOAD, None, ADMIN_GRAPH)}
    return COMPLETE if COMPLETE in states else STARTED if STARTED in states else None


def _mark_first_load(store: Store, state: Literal) -> None:
    store.remove_quads([Quad(*FIRST_LOAD, other, ADMIN_GRAPH) for other in (STARTED, COMPLETE) if other != state])
    store.add_quads([Quad(*FIRST_LOAD, state, ADMIN_GRAPH)])
    store.flush()
